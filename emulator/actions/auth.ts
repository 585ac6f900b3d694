/**
 * InitiateAuth and RespondToAuthChallenge: every sign-in flow a browser uses (SRP, plain password,
 * refresh, custom challenges, choice-based USER_AUTH, remembered-device SRP) and every challenge on
 * the way (MFA, MFA set-up, new password). The steps after the first factor live in auth-steps.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Emulator, RequestContext } from '../context.ts';
import type { ClientMetadata } from '../api-shapes.ts';
import * as E from '../errors.ts';
import {
  authFlowAllowed, checkCode, checkNotLocked, checkSecretHash, deliveryFor, deliver, findUserByLogin, generateCode,
  getUser, hidesUserExistence, MAX_CODE_FAILURES, passwordMatches, poolName, recordFailedSignIn, recordSuccessfulSignIn, requireClient,
  requirePool, requireUserForAuth, setPassword, validateAttributes, validatePassword,
} from '../model.ts';
import { isValidA, makeVerifier, parseTimestamp, serverEphemeral, verifyPasswordClaim } from '../srp.ts';
import type { AuthSession, ClientConfig, Pool, User } from '../state.ts';
import { lookupRefreshToken } from '../tokens.ts';
import { totpMatches } from '../totp.ts';
import { required } from '../validate.ts';
import {
  afterPassword, type AuthResponse, challenge, checkAccountStatus, emailSetUpChallenge, endSession, EXPIRED_SESSION, finish,
  mfaChallenge, mfaSetUpOptions, mfaStep, newSession, type Step,
} from './auth-steps.ts';
import { refreshTokens } from './sessions.ts';
import { canSignInWithPasskey, passkeyChallenge, verifyPasskeyAssertion } from './webauthn.ts';

const FLOWS = ['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH'];

/** How far a client's TIMESTAMP may be from the server clock before the claim is refused. */
const TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

const missing = (name: string) => E.InvalidParameter(`Missing required parameter ${name}`);

function param(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw missing(name);
  return value;
}

function checkFlowAllowed(client: ClientConfig, flow: string): void {
  const need: Record<string, string> = {
    USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
    USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
    ADMIN_USER_PASSWORD_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
    CUSTOM_AUTH: 'ALLOW_CUSTOM_AUTH',
    USER_AUTH: 'ALLOW_USER_AUTH',
  };
  if (!need[flow] || authFlowAllowed(client, need[flow])) return;
  // Cognito words SRP's refusal differently from the others (aws-samples/aws-serverless-workshops#277;
  // "USER_PASSWORD_AUTH flow not enabled for this client" is the one most often reported).
  throw E.InvalidParameter(flow === 'USER_SRP_AUTH' ? 'USER_SRP_AUTH is not enabled for the client.' : `${flow} flow not enabled for this client`);
}

/** Starts SRP: the server ephemeral for the user's verifier, or a convincing fake for an unknown user. */
function startSrp(emu: Emulator, pool: Pool, session: AuthSession, user: User | undefined, srpA: string, login: string): AuthResponse {
  if (!isValidA(srpA)) throw E.InvalidParameter('Invalid SRP_A value.');
  const verifier = user?.verifier || makeVerifier(poolName(pool), login, randomBytes(16).toString('hex')).verifier;
  const { b, B } = serverEphemeral(verifier);
  const secretBlock = randomBytes(724).toString('base64');
  session.srp = { A: srpA.toLowerCase(), b, B, secretBlock };
  const userId = user?.Username ?? login;
  // The salt of an unknown user is random too, so the answer looks like any other.
  const salt = user?.salt ?? randomBytes(16).toString('hex');
  return challenge(emu, session, 'PASSWORD_VERIFIER', { SALT: salt, SECRET_BLOCK: secretBlock, SRP_B: B, USERNAME: userId, USER_ID_FOR_SRP: userId });
}

/** Finds the user for a sign-in name, or (when the client hides existence) nothing for a phantom flow. */
function userForSignIn(pool: Pool, client: ClientConfig, login: string): User | undefined {
  const user = findUserByLogin(pool, login);
  if (!user && !hidesUserExistence(client)) throw E.UserNotFound('User does not exist.');
  return user;
}

function checkPlainPassword(emu: Emulator, pool: Pool, user: User, password: string): void {
  checkNotLocked(emu, user);
  if (!passwordMatches(pool, user, password)) {
    recordFailedSignIn(emu, user);
    emu.changed();
    throw E.NotAuthorized(E.WRONG_CREDENTIALS);
  }
}

/** The first factors USER_AUTH may offer this user, as the pool's sign-in policy allows. */
function firstFactors(pool: Pool, user: User): string[] {
  const allowed = pool.config.Policies.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
  const out: string[] = [];
  if (allowed.includes('PASSWORD')) out.push('PASSWORD', 'PASSWORD_SRP');
  if (allowed.includes('EMAIL_OTP') && user.Attributes.email_verified === 'true') out.push('EMAIL_OTP');
  if (allowed.includes('SMS_OTP') && user.Attributes.phone_number_verified === 'true') out.push('SMS_OTP');
  if (canSignInWithPasskey(pool, user)) out.push('WEB_AUTHN');
  return out;
}

/** Starts (or, for SELECT_CHALLENGE, continues) a USER_AUTH sign-in with the chosen first factor. */
async function startFirstFactor(step: Step, choice: string, params: Record<string, unknown>): Promise<AuthResponse> {
  const { emu, pool, user, session } = step;
  if (!firstFactors(pool, user).includes(choice)) throw E.InvalidParameter(`The challenge ${choice} is not available for this user.`);
  switch (choice) {
    case 'PASSWORD':
      checkPlainPassword(emu, pool, user, param(params, 'PASSWORD'));
      return afterPassword(step);
    case 'PASSWORD_SRP':
      return startSrp(emu, pool, session, user, param(params, 'SRP_A'), user.Username);
    case 'WEB_AUTHN':
      checkAccountStatus(emu, user);
      return passkeyChallenge(step);
    default:
      checkAccountStatus(emu, user);
      return mfaChallenge(step, choice);
  }
}

/** The CUSTOM_CHALLENGE round the seed's CustomAuth describes (there is no Lambda here). */
function customChallenge(step: Step): AuthResponse {
  const { emu, pool, user, session } = step;
  const config = pool.config.CustomAuth!;
  session.customRound = (session.customRound ?? 0) + 1;
  if (config.answer === 'code') {
    const to = deliveryFor(user);
    if (!to) throw E.InvalidParameter('User has no email or phone_number to send the code to.');
    const code = generateCode();
    session.code = { code, expiresAt: session.expiresAt, failures: 0 };
    deliver(emu, pool, user, 'custom_challenge', code, to);
  }
  return challenge(emu, session, 'CUSTOM_CHALLENGE', { ...config.challengeParameters, USERNAME: user.Username });
}

async function initiate(emu: Emulator, pool: Pool, client: ClientConfig, flow: string, params: Record<string, any>, sessionKey?: string): Promise<AuthResponse> {
  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') return refresh(emu, client, params);
  const login = param(params, 'USERNAME');
  const session = newSession(emu, pool, client, login, flow);

  if (flow === 'USER_SRP_AUTH') {
    const srpA = param(params, 'SRP_A');
    const user = userForSignIn(pool, client, login);
    checkSecretHash(client, params.SECRET_HASH, login, user?.Username);
    if (!user) session.phantom = true;
    else session.username = user.Username;
    if (params.DEVICE_KEY) session.deviceKey = params.DEVICE_KEY;
    return startSrp(emu, pool, session, user, srpA, login);
  }

  const user = requireUserForAuth(pool, client, login);
  checkSecretHash(client, params.SECRET_HASH, login, user.Username);
  session.username = user.Username;
  if (params.DEVICE_KEY) session.deviceKey = params.DEVICE_KEY;
  const step: Step = { emu, pool, client, user, session };

  switch (flow) {
    case 'USER_PASSWORD_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      checkPlainPassword(emu, pool, user, param(params, 'PASSWORD'));
      return afterPassword(step);
    case 'CUSTOM_AUTH': {
      if (!pool.config.CustomAuth) {
        throw E.InvalidUserPoolConfiguration('Custom auth lambda trigger is not configured for the user pool.');
      }
      if (params.CHALLENGE_NAME === 'SRP_A') return startSrp(emu, pool, session, user, param(params, 'SRP_A'), login);
      checkAccountStatus(emu, user);
      return customChallenge(step);
    }
    case 'USER_AUTH': {
      if (sessionKey) {
        // Sign-in straight after ConfirmSignUp, with the Session it returned: no password needed.
        const signUp = emu.state.sessions[sessionKey];
        if (!signUp || signUp.challenge !== 'AUTO_SIGN_IN' || signUp.expiresAt < emu.now() || signUp.username !== user.Username || signUp.clientId !== client.ClientId) {
          throw E.NotAuthorized(EXPIRED_SESSION);
        }
        endSession(emu, signUp);
        checkAccountStatus(emu, user);
        return mfaStep(step);
      }
      const preferred = params.PREFERRED_CHALLENGE;
      const available = firstFactors(pool, user);
      if (typeof preferred === 'string' && available.includes(preferred)) return startFirstFactor(step, preferred, params);
      const response = challenge(emu, session, 'SELECT_CHALLENGE', {});
      return { ...response, AvailableChallenges: available };
    }
  }
  throw E.InvalidParameter(`Unsupported AuthFlow ${flow}`);
}

async function refresh(emu: Emulator, client: ClientConfig, params: Record<string, any>): Promise<AuthResponse> {
  const token = param(params, 'REFRESH_TOKEN');
  if (client.RefreshTokenRotation?.Feature === 'ENABLED') {
    throw E.NotAuthorized('Refresh token rotation is enabled for this client: use GetTokensFromRefreshToken.');
  }
  const { record, pool, user } = lookupRefreshToken(emu, token, client.ClientId);
  checkSecretHash(client, params.SECRET_HASH, params.USERNAME, user.Username, user.Attributes.sub);
  return { ChallengeParameters: {}, AuthenticationResult: await refreshTokens(emu, pool, client, user, record, false) };
}

/** The session a RespondToAuthChallenge continues: by Session, or by SECRET_BLOCK for SRP verifiers. */
function findSession(emu: Emulator, client: ClientConfig, name: string, sessionKey: unknown, responses: Record<string, any>): AuthSession {
  let session = typeof sessionKey === 'string' ? emu.state.sessions[sessionKey] : undefined;
  if (!session && (name === 'PASSWORD_VERIFIER' || name === 'DEVICE_PASSWORD_VERIFIER')) {
    // Clients such as pycognito send no Session here: the secret block identifies the conversation.
    const block = responses.PASSWORD_CLAIM_SECRET_BLOCK;
    session = Object.values(emu.state.sessions).find((s) => s.srp && s.srp.secretBlock === block);
  }
  if (!session || session.expiresAt < emu.now() || session.clientId !== client.ClientId) throw E.NotAuthorized(EXPIRED_SESSION);
  if (session.challenge !== name) throw E.InvalidParameter(`Invalid challenge name: expected ${session.challenge}, got ${name}.`);
  return session;
}

/** Checks a PASSWORD_CLAIM_SIGNATURE (user or device) and its TIMESTAMP. */
function checkClaim(emu: Emulator, session: AuthSession, responses: Record<string, any>, who: { poolName: string; userId: string; salt: string; verifier: string }): boolean {
  const timestamp = param(responses, 'TIMESTAMP');
  const signature = param(responses, 'PASSWORD_CLAIM_SIGNATURE');
  param(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const sent = parseTimestamp(timestamp);
  if (sent === undefined) throw E.InvalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
  if (Math.abs(sent - emu.now()) > TIMESTAMP_TOLERANCE_MS) return false;
  if (responses.PASSWORD_CLAIM_SECRET_BLOCK !== session.srp!.secretBlock) return false;
  return verifyPasswordClaim({ ...who, ...session.srp!, timestamp, signature });
}

/** A wrong code keeps the session (the user may try again) until too many tries end it. */
function wrongCode(emu: Emulator, session: AuthSession, message = 'Invalid code or auth state for the user.'): never {
  session.failures += 1;
  if (session.failures >= MAX_CODE_FAILURES) {
    endSession(emu, session);
    throw E.NotAuthorized(EXPIRED_SESSION);
  }
  emu.changed();
  throw E.CodeMismatch(message);
}

async function respond(
  emu: Emulator,
  pool: Pool,
  client: ClientConfig,
  name: string,
  responses: Record<string, any>,
  sessionKey: unknown,
  origin?: string,
): Promise<AuthResponse> {
  const session = findSession(emu, client, name, sessionKey, responses);
  if (session.phantom) {
    endSession(emu, session);
    throw E.NotAuthorized(E.WRONG_CREDENTIALS);
  }
  const user = getUser(pool, session.username);
  if (!user) {
    endSession(emu, session);
    throw E.NotAuthorized(E.WRONG_CREDENTIALS);
  }
  checkSecretHash(client, responses.SECRET_HASH, responses.USERNAME, user.Username);
  const step: Step = { emu, pool, client, user, session };
  // Any answer may name the remembered device (API reference, RespondToAuthChallenge: "Include a
  // DEVICE_KEY for device authentication"); without one, finish mints a new device.
  if (typeof responses.DEVICE_KEY === 'string' && responses.DEVICE_KEY && !name.startsWith('DEVICE_')) session.deviceKey = responses.DEVICE_KEY;

  switch (name) {
    case 'PASSWORD_VERIFIER': {
      checkNotLocked(emu, user);
      if (!checkClaim(emu, session, responses, { poolName: poolName(pool), userId: user.Username, salt: user.salt, verifier: user.verifier })) {
        recordFailedSignIn(emu, user);
        endSession(emu, session);
        throw E.NotAuthorized(E.WRONG_CREDENTIALS);
      }
      session.srp = undefined;
      if (session.flow === 'CUSTOM_AUTH') {
        checkAccountStatus(emu, user);
        session.passed.push('PASSWORD');
        return customChallenge(step);
      }
      return afterPassword(step);
    }

    case 'DEVICE_SRP_AUTH': {
      const deviceKey = param(responses, 'DEVICE_KEY');
      const device = user.devices[deviceKey];
      if (!device || !device.verifier) throw E.ResourceNotFound('Device does not exist.');
      const srpA = param(responses, 'SRP_A');
      if (!isValidA(srpA)) throw E.InvalidParameter('Invalid SRP_A value.');
      const { b, B } = serverEphemeral(device.verifier);
      const secretBlock = randomBytes(724).toString('base64');
      session.srp = { A: srpA.toLowerCase(), b, B, secretBlock, deviceKey };
      return challenge(emu, session, 'DEVICE_PASSWORD_VERIFIER', { SALT: device.salt!, SRP_B: B, SECRET_BLOCK: secretBlock, USERNAME: user.Username, DEVICE_KEY: deviceKey });
    }

    case 'DEVICE_PASSWORD_VERIFIER': {
      const device = user.devices[session.srp!.deviceKey!];
      if (!device || !device.verifier) throw E.ResourceNotFound('Device does not exist.');
      if (!checkClaim(emu, session, responses, { poolName: device.DeviceGroupKey, userId: device.DeviceKey, salt: device.salt!, verifier: device.verifier })) {
        endSession(emu, session);
        throw E.NotAuthorized(E.WRONG_CREDENTIALS);
      }
      session.srp = undefined;
      session.deviceKey = device.DeviceKey;
      // Before MFA the device stands in for it; after MFA (the DeviceSrpAfterMfa switch) it was the last step.
      session.passed.push('DEVICE');
      return finish(step);
    }

    case 'NEW_PASSWORD_REQUIRED': {
      const password = validatePassword(pool, responses.NEW_PASSWORD);
      const attributes: Record<string, string> = {};
      for (const [key, value] of Object.entries(responses)) {
        if (key.startsWith('userAttributes.') && typeof value === 'string') attributes[key.slice('userAttributes.'.length)] = value;
      }
      validateAttributes(pool, attributes, 'update');
      const stillMissing = pool.config.SchemaAttributes.filter((a) => a.Required && !user.Attributes[a.Name] && !attributes[a.Name]);
      // Cognito's words, as SDK users report them: "Invalid attributes given, name is missing"
      // (aws-amplify/aws-sdk-android#1402, aws/aws-sdk-net-extensions-cognito#40), "..., name and adress is missing" (pmill/aws-cognito#25).
      if (stillMissing.length) throw E.InvalidParameter(`Invalid attributes given, ${stillMissing.map((a) => a.Name).join(' and ')} is missing`);
      Object.assign(user.Attributes, attributes);
      setPassword(emu, pool, user, password);
      user.UserStatus = 'CONFIRMED';
      user.temporaryPasswordExpiresAt = undefined;
      emu.changed();
      return mfaStep(step);
    }

    case 'SMS_MFA':
    case 'EMAIL_OTP':
    case 'SMS_OTP': {
      const key = { SMS_MFA: 'SMS_MFA_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE', SMS_OTP: 'SMS_OTP_CODE' }[name];
      const code = param(responses, key);
      if (!session.code || session.code.expiresAt < emu.now()) {
        endSession(emu, session);
        throw E.ExpiredCode('Your code has expired. Please sign in again.');
      }
      if (code !== session.code.code) wrongCode(emu, session);
      if (session.code.attribute === 'email' && session.code.value) {
        // Email MFA set up in this sign-in: the code proved the address.
        Object.assign(user.Attributes, { email: session.code.value, email_verified: 'true' });
        user.mfa.emailEnabled = true;
        user.mfa.preferred ??= 'EMAIL_OTP';
        emu.changed();
      }
      // Passwordless sign-in (USER_AUTH with a one-time code) ends here too: no second factor.
      return finish(step);
    }

    case 'SOFTWARE_TOKEN_MFA': {
      const code = param(responses, 'SOFTWARE_TOKEN_MFA_CODE');
      if (!user.mfa.totpSecret || !totpMatches(user.mfa.totpSecret, code, emu.now())) wrongCode(emu, session);
      return finish(step);
    }

    case 'SELECT_MFA_TYPE': {
      const answer = responses.ANSWER === 'EMAIL_MFA' ? 'EMAIL_OTP' : param(responses, 'ANSWER');
      const choices = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];
      if (!choices.includes(answer)) throw E.InvalidParameter(`Invalid ANSWER ${answer}: expected one of ${choices.join(', ')}.`);
      return mfaChallenge(step, answer);
    }

    case 'MFA_SETUP': {
      if (responses.EMAIL !== undefined) {
        // API reference, RespondToAuthChallenge: MFA_SETUP for email MFA is answered with EMAIL, and
        // an EMAIL_OTP challenge with a code sent there follows.
        if (!mfaSetUpOptions(pool).includes('EMAIL_OTP')) throw E.InvalidParameter('Email MFA is not enabled for this user pool.');
        const email = param(responses, 'EMAIL');
        if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw E.InvalidParameter('Invalid email address format.');
        return emailSetUpChallenge(step, email);
      }
      if (!session.totpVerified || !session.pendingTotpSecret) {
        throw E.InvalidParameter('Software token MFA has not been verified for this session: call AssociateSoftwareToken and VerifySoftwareToken first.');
      }
      user.mfa.totpSecret = session.pendingTotpSecret;
      user.mfa.totpEnabled = true;
      user.mfa.preferred ??= 'SOFTWARE_TOKEN_MFA';
      emu.changed();
      return finish(step);
    }

    case 'SELECT_CHALLENGE':
      return startFirstFactor(step, param(responses, 'ANSWER'), responses);

    case 'WEB_AUTHN': {
      // A passkey proves possession (and, with user verification, the user): no MFA after it.
      await verifyPasskeyAssertion(step, responses.CREDENTIAL, origin);
      checkAccountStatus(emu, user);
      recordSuccessfulSignIn(user);
      session.passed.push('WEB_AUTHN');
      return finish(step);
    }

    case 'CUSTOM_CHALLENGE': {
      const config = pool.config.CustomAuth!;
      const answer = param(responses, 'ANSWER');
      const expected = config.answer === 'code' ? session.code?.code : config.answer;
      if (answer !== expected) {
        session.failures += 1;
        if (session.failures >= (config.maxAttempts ?? 3)) {
          endSession(emu, session);
          throw E.NotAuthorized(E.WRONG_CREDENTIALS);
        }
        // Like a Define Auth Challenge Lambda, ask again rather than fail at once.
        session.customRound = (session.customRound ?? 1) - 1;
        return customChallenge(step);
      }
      if ((session.customRound ?? 1) < (config.rounds ?? 1)) return customChallenge(step);
      return finish(step);
    }
  }
  throw E.InvalidParameter(`Unsupported challenge ${name}`);
}

export interface InitiateAuthInput {
  AuthFlow: string;
  ClientId: string;
  AuthParameters?: Record<string, string>;
  ClientMetadata?: ClientMetadata;
  /** The Session ConfirmSignUp returned, for USER_AUTH straight after sign-up. */
  Session?: string;
}

export function initiateAuth(input: InitiateAuthInput, { emu }: RequestContext) {
  required(input, 'AuthFlow', 'ClientId');
  if (!FLOWS.includes(input.AuthFlow)) {
    throw E.InvalidParameter(`1 validation error detected: Value '${input.AuthFlow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${FLOWS.join(', ')}]`);
  }
  if (input.AuthFlow.startsWith('ADMIN_')) throw E.InvalidParameter('Initiate Auth method not supported.');
  const { pool, client } = requireClient(emu, input.ClientId);
  checkFlowAllowed(client, input.AuthFlow);
  return initiate(emu, pool, client, input.AuthFlow, input.AuthParameters ?? {}, input.Session);
}

export interface AdminInitiateAuthInput {
  UserPoolId: string;
  ClientId: string;
  AuthFlow: string;
  AuthParameters?: Record<string, string>;
  ClientMetadata?: ClientMetadata;
  Session?: string;
}

export function adminInitiateAuth(input: AdminInitiateAuthInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'ClientId', 'AuthFlow');
  const pool = requirePool(emu, input.UserPoolId);
  const { client } = requireClient(emu, input.ClientId);
  if (client.UserPoolId !== pool.config.Id) throw E.ResourceNotFound(`User pool client ${input.ClientId} does not exist.`);
  checkFlowAllowed(client, input.AuthFlow);
  return initiate(emu, pool, client, input.AuthFlow, input.AuthParameters ?? {}, input.Session);
}

export interface RespondToAuthChallengeInput {
  ClientId: string;
  ChallengeName: string;
  Session?: string;
  ChallengeResponses?: Record<string, string>;
  ClientMetadata?: ClientMetadata;
}

export function respondToAuthChallenge(input: RespondToAuthChallengeInput, { emu, origin }: RequestContext) {
  required(input, 'ClientId', 'ChallengeName');
  const { pool, client } = requireClient(emu, input.ClientId);
  return respond(emu, pool, client, input.ChallengeName, input.ChallengeResponses ?? {}, input.Session, origin);
}

export interface AdminRespondToAuthChallengeInput {
  UserPoolId: string;
  ClientId: string;
  ChallengeName: string;
  Session?: string;
  ChallengeResponses?: Record<string, string>;
  ClientMetadata?: ClientMetadata;
}

export function adminRespondToAuthChallenge(input: AdminRespondToAuthChallengeInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'ClientId', 'ChallengeName');
  const pool = requirePool(emu, input.UserPoolId);
  const { client } = requireClient(emu, input.ClientId);
  if (client.UserPoolId !== pool.config.Id) throw E.ResourceNotFound(`User pool client ${input.ClientId} does not exist.`);
  return respond(emu, pool, client, input.ChallengeName, input.ChallengeResponses ?? {}, input.Session);
}
