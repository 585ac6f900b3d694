/**
 * RespondToAuthChallenge's work: finding the sign-in the answer continues, checking the answer to
 * the challenge it was asked (SRP proofs, codes, new password, MFA choices and set-up, passkeys,
 * custom answers), and handing over to the next step.
 */
import { randomBytes } from 'node:crypto';
import type { Emulator } from '../context.ts';
import * as E from '../errors.ts';
import {
  checkNotLocked,
  checkSecretHash,
  MAX_CODE_FAILURES,
  poolName,
  recordFailedSignIn,
  recordSuccessfulSignIn,
  setPassword,
  userNamed,
  validateAttributes,
  validatePassword,
} from '../model.ts';
import { isValidA, parseTimestamp, serverEphemeral, verifyPasswordClaim } from '../srp.ts';
import type { AuthSession, ClientConfig, Pool, SignInState, SrpState } from '../state.ts';
import { totpMatches } from '../totp.ts';
import { verifyPasskeyAssertion } from './passkey.ts';
import { type AuthResponse, challenge, endSession, EXPIRED_SESSION, param, type Step } from './session.ts';
import { customChallenge, startFirstFactor } from './start.ts';
import { afterPassword, checkAccountStatus, emailSetUpChallenge, finish, mfaChallenge, mfaSetUpOptions, mfaStep } from './steps.ts';

/** How far a client's TIMESTAMP may be from the server clock before the claim is refused. */
const TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

/** The session a RespondToAuthChallenge continues: by Session, or by SECRET_BLOCK for SRP verifiers. */
function findSession(emu: Emulator, client: ClientConfig, name: string, sessionKey: unknown, responses: Record<string, string>): AuthSession {
  let session = typeof sessionKey === 'string' ? emu.state.sessions[sessionKey] : undefined;
  if (!session && (name === 'PASSWORD_VERIFIER' || name === 'DEVICE_PASSWORD_VERIFIER')) {
    // Clients such as pycognito send no Session here: the secret block identifies the conversation.
    const block = responses.PASSWORD_CLAIM_SECRET_BLOCK;
    session = Object.values(emu.state.sessions).find((s) => 'srp' in s && s.srp.secretBlock === block);
  }
  if (!session || session.expiresAt < emu.now() || session.clientId !== client.ClientId) throw E.NotAuthorized(EXPIRED_SESSION);
  if (session.challenge !== name) throw E.InvalidParameter(`Invalid challenge name: expected ${session.challenge}, got ${name}.`);
  return session;
}

/** Checks a PASSWORD_CLAIM_SIGNATURE (user or device) and its TIMESTAMP. */
function checkClaim(
  emu: Emulator,
  session: { srp: SrpState },
  responses: Record<string, string>,
  who: { poolName: string; userId: string; salt: string; verifier: string },
): boolean {
  const timestamp = param(responses, 'TIMESTAMP');
  const signature = param(responses, 'PASSWORD_CLAIM_SIGNATURE');
  param(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const sent = parseTimestamp(timestamp);
  if (sent === undefined) throw E.InvalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
  if (Math.abs(sent - emu.now()) > TIMESTAMP_TOLERANCE_MS) return false;
  if (responses.PASSWORD_CLAIM_SECRET_BLOCK !== session.srp.secretBlock) return false;
  return verifyPasswordClaim({ ...who, ...session.srp, timestamp, signature });
}

/** A wrong code keeps the session (the user may try again) until too many tries end it. */
function wrongCode(emu: Emulator, session: SignInState, message = 'Invalid code or auth state for the user.'): never {
  session.failures += 1;
  if (session.failures >= MAX_CODE_FAILURES) {
    endSession(emu, session);
    throw E.NotAuthorized(EXPIRED_SESSION);
  }
  emu.changed();
  throw E.CodeMismatch(message);
}

export async function respond(
  emu: Emulator,
  pool: Pool,
  client: ClientConfig,
  name: string,
  responses: Record<string, string>,
  sessionKey: unknown,
  origin?: string,
): Promise<AuthResponse> {
  const session = findSession(emu, client, name, sessionKey, responses);
  if (session.challenge === 'PASSWORD_VERIFIER' && session.phantom) {
    endSession(emu, session);
    throw E.NotAuthorized(E.WRONG_CREDENTIALS);
  }
  const user = userNamed(pool, session.username);
  if (!user) {
    endSession(emu, session);
    throw E.NotAuthorized(E.WRONG_CREDENTIALS);
  }
  checkSecretHash(client, responses.SECRET_HASH, responses.USERNAME, user.Username);
  const step: Step = { emu, pool, client, user, session };
  // The session is the one waiting on `name` (findSession checked), so switching on its challenge
  // gives each case that challenge's data and nothing else.
  // Any answer may name the remembered device (API reference, RespondToAuthChallenge: "Include a
  // DEVICE_KEY for device authentication"); without one, finish mints a new device.
  if (typeof responses.DEVICE_KEY === 'string' && responses.DEVICE_KEY && !name.startsWith('DEVICE_')) session.deviceKey = responses.DEVICE_KEY;

  switch (session.challenge) {
    case 'PASSWORD_VERIFIER': {
      checkNotLocked(emu, user);
      if (!checkClaim(emu, session, responses, { poolName: poolName(pool), userId: user.Username, salt: user.salt, verifier: user.verifier })) {
        recordFailedSignIn(emu, user);
        endSession(emu, session);
        throw E.NotAuthorized(E.WRONG_CREDENTIALS);
      }
      if (session.flow === 'CUSTOM_AUTH') {
        checkAccountStatus(emu, user);
        session.passed.push('PASSWORD');
        return customChallenge(step, 1);
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
      const srp = { A: srpA.toLowerCase(), b, B, secretBlock, deviceKey };
      return challenge(
        emu,
        session,
        { challenge: 'DEVICE_PASSWORD_VERIFIER', srp },
        { SALT: device.salt!, SRP_B: B, SECRET_BLOCK: secretBlock, USERNAME: user.Username, DEVICE_KEY: deviceKey },
      );
    }

    case 'DEVICE_PASSWORD_VERIFIER': {
      const device = user.devices[session.srp.deviceKey];
      if (!device || !device.verifier) throw E.ResourceNotFound('Device does not exist.');
      if (!checkClaim(emu, session, responses, { poolName: device.DeviceGroupKey, userId: device.DeviceKey, salt: device.salt!, verifier: device.verifier })) {
        endSession(emu, session);
        throw E.NotAuthorized(E.WRONG_CREDENTIALS);
      }
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
      const key = { SMS_MFA: 'SMS_MFA_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE', SMS_OTP: 'SMS_OTP_CODE' }[session.challenge];
      const code = param(responses, key);
      if (session.code.expiresAt < emu.now()) {
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
      const choices = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] as const;
      const isChoice = (value: string): value is (typeof choices)[number] => (choices as readonly string[]).includes(value);
      if (!isChoice(answer)) throw E.InvalidParameter(`Invalid ANSWER ${answer}: expected one of ${choices.join(', ')}.`);
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
      await verifyPasskeyAssertion({ ...step, session }, responses.CREDENTIAL, origin);
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
        return customChallenge(step, session.customRound);
      }
      if (session.customRound < (config.rounds ?? 1)) return customChallenge(step, session.customRound + 1);
      return finish(step);
    }
  }
  throw E.InvalidParameter(`Unsupported challenge ${name}`);
}
