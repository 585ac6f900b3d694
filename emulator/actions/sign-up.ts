/**
 * Signing up and getting back in without a password: SignUp, ConfirmSignUp (which hands back a
 * session for signing in at once), ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword.
 */
import type { AttributeType, ClientMetadata } from '../api-shapes.ts';
import type { Emulator, RequestContext } from '../context.ts';
import * as E from '../errors.ts';
import {
  addUser,
  checkCode,
  checkSecretHash,
  CODE_LIFETIME_MS,
  type CodeDelivery,
  findUserByLogin,
  hidesUserExistence,
  newUser,
  recordSuccessfulSignIn,
  requireClient,
  setPassword,
  userNamed,
  usernameForNewUser,
  validateAttributes,
  validatePassword,
} from '../model.ts';
import { checkClientMayWrite } from '../rules/attribute-changes.ts';
import { fakeDelivery, noteCodeRequest, recoveryTarget, sendAttributeCode, signUpTarget } from '../rules/attribute-codes.ts';
import { checkUsernameAttributesFree, checkUsernameFormat, claimAliases } from '../rules/sign-in-names.ts';
import { newSessionKey } from '../sign-in/session.ts';
import { attributeList, required } from '../validate.ts';

/** The app client, its pool, and the user a typed name refers to (undefined if none); checks SECRET_HASH. */
function clientAndUser(emu: Emulator, input: { ClientId: string; Username: string; SecretHash?: string }) {
  const { pool, client } = requireClient(emu, input.ClientId);
  const user = findUserByLogin(pool, String(input.Username));
  checkSecretHash(client, input.SecretHash, input.Username, user?.Username);
  return { pool, client, user };
}

const NOT_FOUND = 'Username/client id combination not found.';

export interface SignUpInput {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  ClientMetadata?: ClientMetadata;
  /** Optional only in pools whose sign-in policy allows a first factor other than a password. */
  Password?: string;
  UserAttributes?: AttributeType[];
  ValidationData?: AttributeType[];
}

export function signUp(input: SignUpInput, { emu }: RequestContext) {
  required(input, 'ClientId', 'Username');
  const { pool, client } = requireClient(emu, input.ClientId);
  checkSecretHash(client, input.SecretHash, input.Username);
  const given = String(input.Username);
  checkUsernameFormat(pool, given);
  const attributes = attributeList(input.UserAttributes);
  checkClientMayWrite(client, Object.keys(attributes));
  // Passwordless sign-up is only for pools that allow a first factor other than a password.
  const factors = pool.config.Policies.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
  const password = input.Password === undefined && factors.some((f) => f !== 'PASSWORD') ? undefined : validatePassword(pool, input.Password);

  const username = usernameForNewUser(pool, given, attributes);
  validateAttributes(pool, attributes, 'signup');
  if (userNamed(pool, username)) throw E.UsernameExists('User already exists');
  checkUsernameAttributesFree(pool, attributes);
  if ((pool.config.UsernameAttributes ?? []).length) attributes.sub = username; // such users are named by their sub

  const user = newUser(emu, pool, username, attributes);
  if (password !== undefined) setPassword(emu, pool, user, password);
  addUser(pool, user);

  const target = signUpTarget(pool, user);
  let CodeDeliveryDetails: CodeDelivery | undefined;
  if (target) {
    noteCodeRequest(emu, user, 'signup');
    CodeDeliveryDetails = sendAttributeCode(emu, pool, user, 'signup', target.attr, target.value, CODE_LIFETIME_MS.signup);
  }
  // The Session lets ConfirmSignUp hand back a session for signing in without the password.
  const Session = newSessionKey();
  emu.state.sessions[Session] = {
    poolId: pool.config.Id,
    clientId: client.ClientId,
    username: user.Username,
    flow: 'SIGN_UP',
    challenge: 'CONFIRM_SIGN_UP',
    expiresAt: emu.now() + CODE_LIFETIME_MS.signup,
    passed: [],
    failures: 0,
  };
  emu.changed();
  return { UserConfirmed: false, ...(CodeDeliveryDetails ? { CodeDeliveryDetails } : {}), UserSub: user.Attributes.sub, Session };
}

export interface ConfirmSignUpInput {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  ClientMetadata?: ClientMetadata;
  ConfirmationCode: string;
  ForceAliasCreation?: boolean;
  Session?: string;
}

export function confirmSignUp(input: ConfirmSignUpInput, { emu }: RequestContext) {
  required(input, 'ClientId', 'Username', 'ConfirmationCode');
  const { pool, client, user } = clientAndUser(emu, input);
  if (!user) {
    if (hidesUserExistence(client)) throw E.CodeMismatch('Invalid verification code provided, please try again.');
    throw E.UserNotFound(NOT_FOUND);
  }
  if (user.UserStatus !== 'UNCONFIRMED') throw E.NotAuthorized(`User cannot be confirmed. Current status is ${user.UserStatus}`);
  const code = user.codes.signup;
  checkCode(emu, code, input.ConfirmationCode);

  // The code proves the address it went to (if it still holds that value).
  const verified = { ...user.Attributes };
  if (code?.attribute && verified[code.attribute] === code.value) verified[`${code.attribute}_verified`] = 'true';
  claimAliases(emu, pool, user, verified, input.ForceAliasCreation === true);
  user.Attributes = verified;
  user.UserStatus = 'CONFIRMED';
  user.UserLastModifiedDate = emu.now();
  delete user.codes.signup;
  const signUpSession = typeof input.Session === 'string' ? emu.state.sessions[input.Session] : undefined;
  if (signUpSession?.flow === 'SIGN_UP' && signUpSession.username === user.Username) delete emu.state.sessions[input.Session!];

  // A short-lived session InitiateAuth (USER_AUTH) accepts in place of a password.
  const Session = newSessionKey();
  emu.state.sessions[Session] = {
    poolId: pool.config.Id,
    clientId: client.ClientId,
    username: user.Username,
    flow: 'SIGN_UP',
    challenge: 'AUTO_SIGN_IN',
    expiresAt: emu.now() + client.AuthSessionValidity * 60_000,
    passed: [],
    failures: 0,
  };
  emu.changed();
  return { Session };
}

export interface ResendConfirmationCodeInput {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  ClientMetadata?: ClientMetadata;
}

export function resendConfirmationCode(input: ResendConfirmationCodeInput, { emu }: RequestContext) {
  required(input, 'ClientId', 'Username');
  const { pool, client, user } = clientAndUser(emu, input);
  if (!user) {
    if (hidesUserExistence(client)) return { CodeDeliveryDetails: fakeDelivery(pool, String(input.Username)) };
    throw E.UserNotFound(NOT_FOUND);
  }
  if (user.UserStatus !== 'UNCONFIRMED') throw E.InvalidParameter('User is already confirmed.');
  if (!(pool.config.AutoVerifiedAttributes ?? []).length) throw E.InvalidParameter('Cannot resend codes. Auto verification not turned on.');
  const target = signUpTarget(pool, user);
  if (!target) throw E.InvalidParameter('Cannot resend codes. The user has no email or phone_number to send them to.');
  noteCodeRequest(emu, user, 'signup');
  return { CodeDeliveryDetails: sendAttributeCode(emu, pool, user, 'signup', target.attr, target.value, CODE_LIFETIME_MS.signup) };
}

export interface ForgotPasswordInput {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  ClientMetadata?: ClientMetadata;
}

export function forgotPassword(input: ForgotPasswordInput, { emu }: RequestContext) {
  required(input, 'ClientId', 'Username');
  const { pool, client, user } = clientAndUser(emu, input);
  if (!user) {
    if (hidesUserExistence(client)) return { CodeDeliveryDetails: fakeDelivery(pool, String(input.Username)) };
    throw E.UserNotFound(NOT_FOUND);
  }
  if (!user.Enabled) throw E.NotAuthorized('User is disabled.');
  // A user still on an admin-issued temporary password signs in with it instead.
  if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') throw E.NotAuthorized('User password cannot be reset in the current state.');
  const target = recoveryTarget(pool, user);
  noteCodeRequest(emu, user, 'forgot_password');
  return {
    CodeDeliveryDetails: sendAttributeCode(emu, pool, user, 'forgot_password', target.attr, target.value, CODE_LIFETIME_MS.forgot_password),
  };
}

export interface ConfirmForgotPasswordInput {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  ClientMetadata?: ClientMetadata;
  ConfirmationCode: string;
  Password: string;
}

export function confirmForgotPassword(input: ConfirmForgotPasswordInput, { emu }: RequestContext) {
  required(input, 'ClientId', 'Username', 'ConfirmationCode', 'Password');
  const { pool, client, user } = clientAndUser(emu, input);
  if (!user) {
    if (hidesUserExistence(client)) throw E.CodeMismatch('Invalid verification code provided, please try again.');
    throw E.UserNotFound(NOT_FOUND);
  }
  // Policy first: a password the pool refuses should not use up one of the code's tries.
  const password = validatePassword(pool, input.Password);
  checkCode(emu, user.codes.forgot_password, input.ConfirmationCode);
  setPassword(emu, pool, user, password);
  user.UserStatus = 'CONFIRMED';
  delete user.temporaryPasswordExpiresAt;
  delete user.codes.forgot_password;
  recordSuccessfulSignIn(user);
  emu.changed();
  return {};
}
