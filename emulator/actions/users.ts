/**
 * Self-service user actions: sign-up and its confirmation, forgotten passwords, and what a signed-in
 * user may do with their own profile (token-authorised). Also the user rules admin.ts shares: the
 * UserType view, attribute updates with verification, alias ownership and code rate limits.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Emulator, RequestContext } from '../context.ts';
import type { AccessTokenInput, AttributeType, ClientMetadata } from '../api-shapes.ts';
import * as E from '../errors.ts';
import {
  addUser, caseSensitive, CODE_LIFETIME_MS, checkCode, checkSecretHash, findUserByLogin, getUser as userNamed, hidesUserExistence,
  maskDestination, newUser, passwordMatches, recordFailedSignIn, recordSuccessfulSignIn, removeUser, requireClient,
  requirePool, requireUser, schemaAttribute, sendUserCode, setPassword, STANDARD_ATTRIBUTES, usernameForNewUser,
  validateAttributes, validatePassword, type CodeDelivery,
} from '../model.ts';
import type { ClientConfig, PendingCode, Pool, User } from '../state.ts';
import { revokeAllForUser, verifyAccessToken } from '../tokens.ts';
import { attributeList, required, toAttributeList } from '../validate.ts';
import { mfaSettings } from './mfa.ts';

// ---------------------------------------------------------------------------------------------
// Shared user rules (admin.ts uses these too)

export const seconds = (ms: number) => Math.floor(ms / 1000);

type Verifiable = 'email' | 'phone_number';
const isVerifiable = (name: string): name is Verifiable => name === 'email' || name === 'phone_number';
const mediumOf = (attr: Verifiable) => (attr === 'email' ? 'EMAIL' : 'SMS') as 'EMAIL' | 'SMS';
const EMAIL_FORMAT = /^[^@\s]+@[^@\s]+$/;
const PHONE_FORMAT = /^\+\d{4,15}$/;

const autoVerified = (pool: Pool, attr: string) => (pool.config.AutoVerifiedAttributes ?? []).includes(attr as Verifiable);

/** The MFA part of GetUser / AdminGetUser: legacy MFAOptions (SMS) plus the mfa.ts settings. */
export function mfaView(user: User): Record<string, unknown> {
  return {
    ...(user.mfa.smsEnabled ? { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] } : {}),
    ...mfaSettings(user),
  };
}

/** Cognito's UserType (AdminCreateUser, ListUsers), dates in epoch seconds. */
export function userType(user: User, attributesToGet?: string[]): Record<string, unknown> {
  const attributes = attributesToGet
    ? Object.fromEntries(Object.entries(user.Attributes).filter(([name]) => attributesToGet.includes(name)))
    : user.Attributes;
  return {
    Username: user.Username,
    Attributes: toAttributeList(attributes),
    UserCreateDate: seconds(user.UserCreateDate),
    UserLastModifiedDate: seconds(user.UserLastModifiedDate),
    Enabled: user.Enabled,
    UserStatus: user.UserStatus,
    ...(user.mfa.smsEnabled ? { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] } : {}),
  };
}

/** Usernames are printable without spaces, and must not look like an alias the pool signs in with. */
export function checkUsernameFormat(pool: Pool, username: string): void {
  if (username.length > 128 || !/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u.test(username)) {
    throw E.InvalidParameter(
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
    );
  }
  const aliases = pool.config.AliasAttributes ?? [];
  if (aliases.includes('email') && EMAIL_FORMAT.test(username)) {
    throw E.InvalidParameter('Username cannot be of email format, since user pool is configured for email alias.');
  }
  if (aliases.includes('phone_number') && PHONE_FORMAT.test(username)) {
    throw E.InvalidParameter('Username cannot be of phone number format, since user pool is configured for phone number alias.');
  }
}

/** In email/phone-as-username pools the address itself is taken, by any user, confirmed or not. */
export function checkUsernameAttributesFree(pool: Pool, attributes: Record<string, string>): void {
  for (const attr of pool.config.UsernameAttributes ?? []) {
    const value = attributes[attr];
    if (value && Object.values(pool.users).some((u) => sameValue(pool, u.Attributes[attr], value))) {
      throw E.UsernameExists(`An account with the given ${attr} already exists.`);
    }
  }
}

function sameValue(pool: Pool, a: string | undefined, b: string): boolean {
  return a !== undefined && (caseSensitive(pool) ? a === b : a.toLowerCase() === b.toLowerCase());
}

/**
 * What a user can sign in with besides the username: username attributes always, and (once the
 * user is confirmed, `live`) verified email / phone aliases and preferred_username.
 */
function signInAttributes(pool: Pool, attributes: Record<string, string>, live: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attr of pool.config.UsernameAttributes ?? []) if (attributes[attr]) out[attr] = attributes[attr];
  if (!live) return out;
  for (const attr of pool.config.AliasAttributes ?? []) {
    if (attributes[attr] && (attr === 'preferred_username' || attributes[`${attr}_verified`] === 'true')) out[attr] = attributes[attr];
  }
  return out;
}

/**
 * Makes sure no other user signs in with an alias this user is about to have (AliasExistsException,
 * or UsernameExistsException for username attributes), optionally only for the `only` attributes.
 * With `force` (ForceAliasCreation) an alias moves: the other user's address becomes unverified
 * (preferred_username, which has no verification, is removed).
 */
export function claimAliases(emu: Emulator, pool: Pool, user: User, attributes: Record<string, string>, force = false, only?: string[]): void {
  for (const [attr, value] of Object.entries(signInAttributes(pool, attributes, true))) {
    if (only && !only.includes(attr)) continue;
    const isUsernameAttr = (pool.config.UsernameAttributes ?? []).includes(attr as Verifiable);
    for (const other of Object.values(pool.users)) {
      if (other === user) continue;
      if (!sameValue(pool, signInAttributes(pool, other.Attributes, other.UserStatus !== 'UNCONFIRMED')[attr], value)) continue;
      if (force && !isUsernameAttr) {
        // The other user keeps the address (it may be a required attribute) but no longer signs in with it.
        if (isVerifiable(attr)) other.Attributes[`${attr}_verified`] = 'false';
        else delete other.Attributes[attr];
        other.UserLastModifiedDate = emu.now();
        continue;
      }
      const message = `An account with the given ${attr === 'phone_number' ? 'phone_number' : 'email'} already exists.`;
      throw isUsernameAttr ? E.UsernameExists(message) : E.AliasExists(message);
    }
  }
}

/** Cognito refuses a sixth code of one kind within an hour (per user and purpose). */
export function noteCodeRequest(emu: Emulator, user: User, purpose: string): void {
  const now = emu.now();
  const recent = (user.codeRequests[purpose] ?? []).filter((t) => now - t < 3600_000);
  if (recent.length >= 5) throw E.LimitExceeded('Attempt limit exceeded, please try after some time.');
  recent.push(now);
  user.codeRequests[purpose] = recent;
}

/** Sends a code for `purpose` to an attribute's value (or a pending value) and remembers which. */
export function sendAttributeCode(emu: Emulator, pool: Pool, user: User, purpose: string, attr: Verifiable, value: string, lifetimeMs: number): CodeDelivery {
  const delivery = sendUserCode(emu, pool, user, purpose, lifetimeMs, { medium: mediumOf(attr), destination: value, attribute: attr });
  Object.assign(user.codes[purpose], { attribute: attr, value });
  return delivery;
}

/** Where a sign-up confirmation code goes: an auto-verified email (preferred) or phone number. */
function signUpTarget(pool: Pool, user: User): { attr: Verifiable; value: string } | undefined {
  for (const attr of ['email', 'phone_number'] as const) {
    if (autoVerified(pool, attr) && user.Attributes[attr]) return { attr, value: user.Attributes[attr] };
  }
  return undefined;
}

/** Where a password-reset code goes: a verified email or phone, in the pool's recovery order. */
export function recoveryTarget(pool: Pool, user: User): { attr: Verifiable; value: string } {
  const mechanisms = (pool.config.AccountRecoverySetting as { RecoveryMechanisms?: { Name: string; Priority: number }[] } | undefined)?.RecoveryMechanisms;
  const order: Verifiable[] = mechanisms?.length
    ? [...mechanisms].sort((a, b) => a.Priority - b.Priority).flatMap((m) =>
        m.Name === 'verified_email' ? ['email' as const] : m.Name === 'verified_phone_number' ? ['phone_number' as const] : [])
    : ['email', 'phone_number'];
  for (const attr of order) {
    if (user.Attributes[attr] && user.Attributes[`${attr}_verified`] === 'true') return { attr, value: user.Attributes[attr] };
  }
  throw E.InvalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');
}

/**
 * A plausible CodeDeliveryDetails for a user who does not exist, so a client with
 * PreventUserExistenceErrors cannot tell. Deterministic, so asking twice gives the same answer.
 */
function fakeDelivery(pool: Pool, login: string): CodeDelivery {
  if (EMAIL_FORMAT.test(login)) return { Destination: maskDestination('EMAIL', login), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
  if (PHONE_FORMAT.test(login)) return { Destination: maskDestination('SMS', login), DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
  const h = createHash('sha256').update(`${pool.config.Id}/${login.toLowerCase()}`).digest();
  if (autoVerified(pool, 'phone_number') && !autoVerified(pool, 'email')) {
    return { Destination: `+*******${String(h.readUInt16BE(0) % 10000).padStart(4, '0')}`, DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
  }
  const letter = (i: number) => 'abcdefghijklmnopqrstuvwxyz'[h[i] % 26];
  return { Destination: `${letter(2)}***@${letter(3)}***`, DeliveryMedium: 'EMAIL', AttributeName: 'email' };
}

/** Self-service clients may not write `*_verified`, nor attributes outside the client's WriteAttributes. */
function checkClientMayWrite(client: ClientConfig | undefined, names: string[]): void {
  const allowed = client?.WriteAttributes?.length ? client.WriteAttributes : undefined;
  for (const name of names) {
    if (name === 'email_verified' || name === 'phone_number_verified' || (allowed && !allowed.includes(name))) {
      throw E.NotAuthorized('A client attempted to write unauthorized attribute');
    }
  }
}

const requireVerificationFirst = (pool: Pool, attr: string) =>
  autoVerified(pool, attr) &&
  ((pool.config.UserAttributeUpdateSettings as { AttributesRequireVerificationBeforeUpdate?: string[] } | undefined)
    ?.AttributesRequireVerificationBeforeUpdate ?? []).includes(attr);

/**
 * Applies attribute changes (UpdateUserAttributes, AdminUpdateUserAttributes): a changed email or
 * phone becomes unverified and, if the pool auto-verifies it, gets a code; when the pool keeps the
 * original value until verification, the new one waits in `pendingAttributes`. An admin may mark
 * values verified in the same call, which applies them directly and sends nothing.
 */
export function updateAttributes(emu: Emulator, pool: Pool, user: User, changes: Record<string, string>, admin: boolean): CodeDelivery[] {
  const next = { ...user.Attributes };
  const pending = { ...user.pendingAttributes };
  const toVerify: Verifiable[] = [];
  const changedNames: string[] = [];
  for (const [name, value] of Object.entries(changes)) {
    if (name === 'email_verified' || name === 'phone_number_verified') continue;
    if (!isVerifiable(name)) {
      if (value === '') delete next[name];
      else next[name] = value;
      changedNames.push(name);
      continue;
    }
    const markedVerified = admin && changes[`${name}_verified`] === 'true';
    if (value === next[name] && !markedVerified) {
      delete pending[name]; // setting the current value again abandons a pending change
      continue;
    }
    delete user.codes[`verify_${name}`]; // a code sent for the old value must not verify the new one
    changedNames.push(name);
    if (value === '') {
      delete next[name];
      delete next[`${name}_verified`];
      delete pending[name];
    } else if (!markedVerified && requireVerificationFirst(pool, name) && next[name] && next[`${name}_verified`] === 'true') {
      pending[name] = value;
      toVerify.push(name);
    } else {
      next[name] = value;
      next[`${name}_verified`] = markedVerified ? 'true' : 'false';
      delete pending[name];
      if (!markedVerified && autoVerified(pool, name)) toVerify.push(name);
    }
  }
  if (admin) {
    for (const flag of ['email_verified', 'phone_number_verified']) {
      const value = changes[flag];
      if (value === undefined) continue;
      if (value !== 'true' && value !== 'false') throw E.InvalidParameter(`Invalid value for ${flag}: must be true or false.`);
      next[flag] = value;
      changedNames.push(flag.replace('_verified', ''));
    }
  }
  claimAliases(emu, pool, user, next, false, changedNames);
  user.Attributes = next;
  if (Object.keys(pending).length) user.pendingAttributes = pending;
  else delete user.pendingAttributes;
  user.UserLastModifiedDate = emu.now();
  const deliveries = toVerify.map((attr) =>
    sendAttributeCode(emu, pool, user, `verify_${attr}`, attr, pending[attr] ?? next[attr], CODE_LIFETIME_MS.verify));
  emu.changed();
  return deliveries;
}

/** DeleteUserAttributes / AdminDeleteUserAttributes: required and immutable attributes stay. */
export function deleteAttributes(emu: Emulator, pool: Pool, user: User, names: unknown, admin: boolean): void {
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) {
    throw E.InvalidParameter('UserAttributeNames must be a list of attribute names.');
  }
  for (const name of names as string[]) {
    const schema = schemaAttribute(pool, name);
    if (!schema && !STANDARD_ATTRIBUTES.includes(name)) {
      throw E.InvalidParameter(`Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.\n`);
    }
    if (!admin && (name === 'email_verified' || name === 'phone_number_verified')) {
      throw E.NotAuthorized('A client attempted to write unauthorized attribute');
    }
    if (name === 'sub' || schema?.Required || (pool.config.UsernameAttributes ?? []).includes(name as Verifiable)) {
      throw E.InvalidParameter(`Attributes did not conform to the schema: ${name}: The attribute is required\n`);
    }
    if (schema && schema.Mutable === false) {
      throw E.InvalidParameter(`Attributes did not conform to the schema: ${name}: Attribute cannot be updated. (changing an immutable attribute)\n`);
    }
  }
  for (const name of names as string[]) {
    delete user.Attributes[name];
    if (isVerifiable(name)) {
      delete user.Attributes[`${name}_verified`];
      delete user.codes[`verify_${name}`];
      if (user.pendingAttributes) delete user.pendingAttributes[name];
    }
  }
  if (user.pendingAttributes && Object.keys(user.pendingAttributes).length === 0) delete user.pendingAttributes;
  user.UserLastModifiedDate = emu.now();
  emu.changed();
}

/** An opaque session key like Cognito's (long, base64url). */
export const newSessionKey = () => randomBytes(192).toString('base64url');

// ---------------------------------------------------------------------------------------------
// Helpers for the handlers below

/** The app client, its pool, and the user a typed name refers to (undefined if none); checks SECRET_HASH. */
function clientAndUser(emu: Emulator, input: Record<string, any>) {
  const { pool, client } = requireClient(emu, input.ClientId);
  const user = findUserByLogin(pool, String(input.Username));
  checkSecretHash(client, input.SecretHash, input.Username, user?.Username);
  return { pool, client, user };
}

const NOT_FOUND = 'Username/client id combination not found.';

/** Access-token actions: the token must be valid, and a user who must reset the password can do nothing else. */
async function signedIn(emu: Emulator, token: unknown) {
  const ctx = await verifyAccessToken(emu, token);
  if (ctx.user.UserStatus === 'RESET_REQUIRED') throw E.PasswordResetRequired('Password reset required for the user');
  return { ...ctx, client: ctx.pool.clients[ctx.clientId] as ClientConfig | undefined };
}

/** Only the attributes the token's app client may read (all of them unless ReadAttributes is set). */
function readable(client: ClientConfig | undefined, attributes: Record<string, string>): Record<string, string> {
  const allowed = client?.ReadAttributes?.length ? client.ReadAttributes : undefined;
  if (!allowed) return attributes;
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => name === 'sub' || allowed.includes(name)));
}

// ---------------------------------------------------------------------------------------------

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
    poolId: pool.config.Id, clientId: client.ClientId, username: user.Username, flow: 'SIGN_UP',
    challenge: 'CONFIRM_SIGN_UP', expiresAt: emu.now() + CODE_LIFETIME_MS.signup, passed: [], failures: 0,
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
    poolId: pool.config.Id, clientId: client.ClientId, username: user.Username, flow: 'SIGN_UP',
    challenge: 'AUTO_SIGN_IN', expiresAt: emu.now() + client.AuthSessionValidity * 60_000, passed: [], failures: 0,
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

export interface ChangePasswordInput extends AccessTokenInput {
  PreviousPassword?: string;
  ProposedPassword: string;
}

export async function changePassword(input: ChangePasswordInput, { emu }: RequestContext) {
  required(input, 'ProposedPassword', 'AccessToken');
  const { pool, user } = await signedIn(emu, input.AccessToken);
  // Repeated wrong passwords lock the account for a while; here that shows as a rate limit.
  if (user.lockedUntil && emu.now() < user.lockedUntil) throw E.LimitExceeded('Attempt limit exceeded, please try after some time.');
  const passwordless = !user.verifier && input.PreviousPassword === undefined;
  if (!passwordless && !passwordMatches(pool, user, input.PreviousPassword)) {
    recordFailedSignIn(emu, user);
    emu.changed();
    throw E.NotAuthorized(E.WRONG_CREDENTIALS);
  }
  setPassword(emu, pool, user, validatePassword(pool, input.ProposedPassword));
  recordSuccessfulSignIn(user);
  emu.changed();
  return {};
}

export type GetUserInput = AccessTokenInput;

export async function getUser(input: GetUserInput, { emu }: RequestContext) {
  required(input, 'AccessToken');
  const { user, client } = await signedIn(emu, input.AccessToken);
  return { Username: user.Username, UserAttributes: toAttributeList(readable(client, user.Attributes)), ...mfaView(user) };
}

export interface UpdateUserAttributesInput extends AccessTokenInput {
  UserAttributes: AttributeType[];
  ClientMetadata?: ClientMetadata;
}

export async function updateUserAttributes(input: UpdateUserAttributesInput, { emu }: RequestContext) {
  required(input, 'UserAttributes', 'AccessToken');
  const { pool, user, client } = await signedIn(emu, input.AccessToken);
  const changes = attributeList(input.UserAttributes);
  validateAttributes(pool, changes, 'update');
  checkClientMayWrite(client, Object.keys(changes));
  return { CodeDeliveryDetailsList: updateAttributes(emu, pool, user, changes, false) };
}

export interface DeleteUserAttributesInput extends AccessTokenInput {
  UserAttributeNames: string[];
}

export async function deleteUserAttributes(input: DeleteUserAttributesInput, { emu }: RequestContext) {
  required(input, 'UserAttributeNames', 'AccessToken');
  const { pool, user, client } = await signedIn(emu, input.AccessToken);
  if (Array.isArray(input.UserAttributeNames)) checkClientMayWrite(client, input.UserAttributeNames);
  deleteAttributes(emu, pool, user, input.UserAttributeNames, false);
  return {};
}

export interface GetUserAttributeVerificationCodeInput extends AccessTokenInput {
  AttributeName: string;
  ClientMetadata?: ClientMetadata;
}

export async function getUserAttributeVerificationCode(input: GetUserAttributeVerificationCodeInput, { emu }: RequestContext) {
  required(input, 'AccessToken', 'AttributeName');
  const { pool, user } = await signedIn(emu, input.AccessToken);
  const attr = String(input.AttributeName);
  if (!isVerifiable(attr)) throw E.InvalidParameter(`Invalid attribute name: ${attr} cannot be verified.`);
  const value = user.pendingAttributes?.[attr] ?? user.Attributes[attr];
  if (!value) throw E.InvalidParameter(`User does not have a value for the attribute: ${attr}`);
  noteCodeRequest(emu, user, `verify_${attr}`);
  return { CodeDeliveryDetails: sendAttributeCode(emu, pool, user, `verify_${attr}`, attr, value, CODE_LIFETIME_MS.verify) };
}

export interface VerifyUserAttributeInput extends AccessTokenInput {
  AttributeName: string;
  Code: string;
}

export async function verifyUserAttribute(input: VerifyUserAttributeInput, { emu }: RequestContext) {
  required(input, 'AccessToken', 'AttributeName', 'Code');
  const { pool, user } = await signedIn(emu, input.AccessToken);
  const attr = String(input.AttributeName);
  if (!isVerifiable(attr)) throw E.InvalidParameter(`Invalid attribute name: ${attr} cannot be verified.`);
  const code = user.codes[`verify_${attr}`];
  checkCode(emu, code, input.Code);
  const value = user.pendingAttributes?.[attr] ?? user.Attributes[attr];
  // The code was for a value the user has since changed: it proves nothing about the current one.
  if (!value || (code?.value !== undefined && code.value !== value)) {
    throw E.ExpiredCode('Invalid code provided, please request a code again.');
  }
  const next = { ...user.Attributes, [attr]: value, [`${attr}_verified`]: 'true' };
  claimAliases(emu, pool, user, next, false, [attr]);
  user.Attributes = next;
  if (user.pendingAttributes) {
    delete user.pendingAttributes[attr];
    if (Object.keys(user.pendingAttributes).length === 0) delete user.pendingAttributes;
  }
  delete user.codes[`verify_${attr}`];
  user.UserLastModifiedDate = emu.now();
  emu.changed();
  return {};
}

export type DeleteUserInput = AccessTokenInput;

export async function deleteUser(input: DeleteUserInput, { emu }: RequestContext) {
  required(input, 'AccessToken');
  const { pool, user } = await signedIn(emu, input.AccessToken);
  deleteUserEverywhere(emu, pool, user);
  return {};
}

export interface UpdateAuthEventFeedbackInput {
  UserPoolId: string;
  Username: string;
  EventId: string;
  FeedbackToken: string;
  FeedbackValue: 'Valid' | 'Invalid';
}

export function updateAuthEventFeedback(input: UpdateAuthEventFeedbackInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username', 'EventId', 'FeedbackToken', 'FeedbackValue');
  const pool = requirePool(emu, input.UserPoolId);
  if (!['Valid', 'Invalid'].includes(input.FeedbackValue)) {
    throw E.InvalidParameter(`1 validation error detected: Value '${input.FeedbackValue}' at 'feedbackValue' failed to satisfy constraint: Member must satisfy enum value set: [Valid, Invalid]`);
  }
  const mode = (pool.config.UserPoolAddOns as { AdvancedSecurityMode?: string } | undefined)?.AdvancedSecurityMode;
  if (!mode || mode === 'OFF') {
    throw new E.ServiceError('UserPoolAddOnNotEnabledException', 'Advanced security features are not enabled for this user pool.');
  }
  requireUser(pool, input.Username);
  // The emulator records no authentication events, so no event id can match.
  throw E.ResourceNotFound(`Auth event ${input.EventId} not found.`);
}

/** DeleteUser / AdminDeleteUser: every token family dies, then the user and its open sessions. */
export function deleteUserEverywhere(emu: Emulator, pool: Pool, user: User): void {
  revokeAllForUser(emu, pool, user);
  for (const [key, session] of Object.entries(emu.state.sessions)) {
    if (session.poolId === pool.config.Id && session.username === user.Username) delete emu.state.sessions[key];
  }
  removeUser(pool, user);
  emu.changed();
}
