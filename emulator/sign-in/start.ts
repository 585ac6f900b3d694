/**
 * InitiateAuth's work: the first step of every flow (SRP, plain password, refresh, custom
 * challenges, choice-based USER_AUTH, sign-in straight after sign-up).
 */
import { randomBytes } from 'node:crypto';
import type { Emulator } from '../context.ts';
import * as E from '../errors.ts';
import {
  checkNotLocked,
  checkSecretHash,
  deliver,
  deliveryFor,
  findUserByLogin,
  generateCode,
  hidesUserExistence,
  passwordMatches,
  poolName,
  recordFailedSignIn,
  requireUserForAuth,
} from '../model.ts';
import { canSignInWithPasskey } from '../rules/passkeys.ts';
import { refreshTokens } from '../rules/refresh.ts';
import { isValidA, makeVerifier, serverEphemeral } from '../srp.ts';
import type { ClientConfig, PendingCode, Pool, SignInState, User } from '../state.ts';
import { lookupRefreshToken } from '../tokens.ts';
import { passkeyChallenge } from './passkey.ts';
import { type AuthResponse, challenge, endSession, EXPIRED_SESSION, newSession, param, type Step } from './session.ts';
import { afterPassword, checkAccountStatus, mfaChallenge, mfaStep } from './steps.ts';

/** Starts SRP: the server ephemeral for the user's verifier, or a convincing fake for an unknown user. */
function startSrp(emu: Emulator, pool: Pool, session: SignInState, user: User | undefined, srpA: string, login: string): AuthResponse {
  if (!isValidA(srpA)) throw E.InvalidParameter('Invalid SRP_A value.');
  const verifier = user?.verifier || makeVerifier(poolName(pool), login, randomBytes(16).toString('hex')).verifier;
  const { b, B } = serverEphemeral(verifier);
  const secretBlock = randomBytes(724).toString('base64');
  const srp = { A: srpA.toLowerCase(), b, B, secretBlock };
  const userId = user?.Username ?? login;
  // The salt of an unknown user is random too, so the answer looks like any other.
  const salt = user?.salt ?? randomBytes(16).toString('hex');
  // No user: a phantom sign-in, refused at the password step (hides whether the user exists).
  return challenge(
    emu,
    session,
    { challenge: 'PASSWORD_VERIFIER', srp, phantom: !user },
    { SALT: salt, SECRET_BLOCK: secretBlock, SRP_B: B, USERNAME: userId, USER_ID_FOR_SRP: userId },
  );
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
export async function startFirstFactor(step: Step, choice: string, params: Record<string, unknown>): Promise<AuthResponse> {
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
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      checkAccountStatus(emu, user);
      return mfaChallenge(step, choice);
  }
  throw E.InvalidParameter(`The challenge ${choice} is not available for this user.`);
}

/** Round `round` (from 1) of the CUSTOM_CHALLENGE the seed's CustomAuth describes (there is no Lambda here). */
export function customChallenge(step: Step, round: number): AuthResponse {
  const { emu, pool, user, session } = step;
  const config = pool.config.CustomAuth!;
  let code: PendingCode | undefined;
  if (config.answer === 'code') {
    const to = deliveryFor(user);
    if (!to) throw E.InvalidParameter('User has no email or phone_number to send the code to.');
    code = { code: generateCode(), expiresAt: session.expiresAt, failures: 0 };
    deliver(emu, pool, user, 'custom_challenge', code.code, to);
  }
  const next = { challenge: 'CUSTOM_CHALLENGE' as const, customRound: round, ...(code ? { code } : {}) };
  return challenge(emu, session, next, { ...config.challengeParameters, USERNAME: user.Username });
}

export async function initiate(
  emu: Emulator,
  pool: Pool,
  client: ClientConfig,
  flow: string,
  params: Record<string, string>,
  sessionKey?: string,
): Promise<AuthResponse> {
  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') return refresh(emu, client, params);
  const login = param(params, 'USERNAME');
  const session = newSession(emu, pool, client, login, flow);

  if (flow === 'USER_SRP_AUTH') {
    const srpA = param(params, 'SRP_A');
    const user = userForSignIn(pool, client, login);
    checkSecretHash(client, params.SECRET_HASH, login, user?.Username);
    if (user) session.username = user.Username;
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
      return customChallenge(step, 1);
    }
    case 'USER_AUTH': {
      if (sessionKey) {
        // Sign-in straight after ConfirmSignUp, with the Session it returned: no password needed.
        const signUp = emu.state.sessions[sessionKey];
        if (
          !signUp ||
          signUp.challenge !== 'AUTO_SIGN_IN' ||
          signUp.expiresAt < emu.now() ||
          signUp.username !== user.Username ||
          signUp.clientId !== client.ClientId
        ) {
          throw E.NotAuthorized(EXPIRED_SESSION);
        }
        endSession(emu, signUp);
        checkAccountStatus(emu, user);
        return mfaStep(step);
      }
      const preferred = params.PREFERRED_CHALLENGE;
      const available = firstFactors(pool, user);
      if (typeof preferred === 'string' && available.includes(preferred)) return startFirstFactor(step, preferred, params);
      const response = challenge(emu, session, { challenge: 'SELECT_CHALLENGE' }, {});
      return { ...response, AvailableChallenges: available };
    }
  }
  throw E.InvalidParameter(`Unsupported AuthFlow ${flow}`);
}

async function refresh(emu: Emulator, client: ClientConfig, params: Record<string, string>): Promise<AuthResponse> {
  const token = param(params, 'REFRESH_TOKEN');
  if (client.RefreshTokenRotation?.Feature === 'ENABLED') {
    throw E.NotAuthorized('Refresh token rotation is enabled for this client: use GetTokensFromRefreshToken.');
  }
  const { record, pool, user } = lookupRefreshToken(emu, token, client.ClientId);
  checkSecretHash(client, params.SECRET_HASH, params.USERNAME, user.Username, user.Attributes.sub);
  return { ChallengeParameters: {}, AuthenticationResult: await refreshTokens(emu, pool, client, user, record, false) };
}
