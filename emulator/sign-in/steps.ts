/**
 * The steps a sign-in walks through once the first factor is known: account status, remembered
 * device, MFA (or MFA set-up), and finally tokens with device tracking. Shared by every flow.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Emulator } from '../context.ts';
import * as E from '../errors.ts';
import { CODE_LIFETIME_MS, deliver, deviceSrpAfterMfa, generateCode, recordSuccessfulSignIn } from '../model.ts';
import type { Pool, User } from '../state.ts';
import { issueTokens } from '../tokens.ts';
import { type AuthResponse, challenge, endSession, type Step } from './session.ts';

/** Refusals that depend on the account, checked only once the first factor is proven. */
export function checkAccountStatus(emu: Emulator, user: User): void {
  if (!user.Enabled) throw E.NotAuthorized('User is disabled.');
  if (user.UserStatus === 'UNCONFIRMED') throw E.UserNotConfirmed('User is not confirmed.');
  if (user.UserStatus === 'RESET_REQUIRED') throw E.PasswordResetRequired('Password reset required for the user');
  if (user.UserStatus === 'FORCE_CHANGE_PASSWORD' && user.temporaryPasswordExpiresAt && emu.now() > user.temporaryPasswordExpiresAt) {
    throw E.NotAuthorized('Temporary password has expired and must be reset by an administrator.');
  }
}

/** After a password (SRP or plain) was proven: new password, device, MFA, tokens, in that order. */
export async function afterPassword(step: Step): Promise<AuthResponse> {
  const { emu, pool, user, session } = step;
  checkAccountStatus(emu, user);
  recordSuccessfulSignIn(user);
  session.passed.push('PASSWORD');
  if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') {
    const { sub: _sub, ...visible } = user.Attributes;
    const missing = pool.config.SchemaAttributes.filter((a) => a.Required && !user.Attributes[a.Name]).map((a) => `userAttributes.${a.Name}`);
    return challenge(
      emu,
      session,
      { challenge: 'NEW_PASSWORD_REQUIRED' },
      {
        USER_ID_FOR_SRP: user.Username,
        userAttributes: JSON.stringify(visible),
        requiredAttributes: JSON.stringify(missing),
      },
    );
  }
  if (session.deviceKey) {
    if (!user.devices[session.deviceKey]) throw E.ResourceNotFound('Device does not exist.');
    // Only a remembered device proves itself with device SRP, which then stands in for MFA; a
    // tracked but not remembered one goes through MFA and just keeps its key in the tokens.
    // (With the DeviceSrpAfterMfa switch the proof comes after MFA instead: see finish.)
    if (deviceProofDue(step) && !deviceSrpAfterMfa(pool)) return challenge(emu, session, { challenge: 'DEVICE_SRP_AUTH' }, { USERNAME: user.Username });
  }
  return mfaStep(step);
}

/** A remembered device was named (DEVICE_KEY) and has not proven itself in this sign-in yet. */
function deviceProofDue({ user, session }: Step): boolean {
  const device = session.deviceKey ? user.devices[session.deviceKey] : undefined;
  return !!device && device.confirmed && device.remembered && !!device.verifier && !session.passed.includes('DEVICE');
}

type Factor = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';

/** The MFA factors this user can be challenged with in this pool. */
export function enabledFactors(pool: Pool, user: User): Factor[] {
  const factors: Factor[] = [];
  if (user.mfa.smsEnabled && user.Attributes.phone_number && pool.config.SmsMfaConfiguration) factors.push('SMS_MFA');
  if (user.mfa.totpEnabled && user.mfa.totpSecret && pool.config.SoftwareTokenMfaConfiguration?.Enabled) factors.push('SOFTWARE_TOKEN_MFA');
  if (user.mfa.emailEnabled && user.Attributes.email && pool.config.EmailMfaConfiguration) factors.push('EMAIL_OTP');
  return factors;
}

/** Decides whether MFA is due and which challenge asks for it. */
export async function mfaStep(step: Step): Promise<AuthResponse> {
  const { emu, pool, user, session } = step;
  if (pool.config.MfaConfiguration === 'OFF') return finish(step);
  const factors = enabledFactors(pool, user);
  if (factors.length === 0) {
    if (pool.config.MfaConfiguration === 'OPTIONAL') return finish(step);
    // MFA is required but the user has none yet. A phone number on file is used for SMS at once;
    // otherwise the user sets one up now. SMS_MFA is listed though it cannot be set up in a
    // sign-in (Amplify's fixtures show ["SMS_MFA","SOFTWARE_TOKEN_MFA"]); EMAIL_OTP is listed when
    // the pool has email MFA, answered with EMAIL (API reference, RespondToAuthChallenge MFA_SETUP).
    if (pool.config.SmsMfaConfiguration && user.Attributes.phone_number) return mfaChallenge(step, 'SMS_MFA');
    const canSetUp = mfaSetUpOptions(pool);
    if (canSetUp.length === 0) throw E.InvalidUserPoolConfiguration('MFA is required but no MFA factor is available for the user.');
    return challenge(emu, session, { challenge: 'MFA_SETUP' }, { MFAS_CAN_SETUP: JSON.stringify(canSetUp) });
  }
  const preferred = user.mfa.preferred && factors.includes(user.mfa.preferred) ? user.mfa.preferred : undefined;
  if (preferred) return mfaChallenge(step, preferred);
  if (factors.length === 1) return mfaChallenge(step, factors[0]);
  return challenge(emu, session, { challenge: 'SELECT_MFA_TYPE' }, { MFAS_CAN_CHOOSE: JSON.stringify(factors) });
}

/** What MFA_SETUP lists in MFAS_CAN_SETUP for this pool. */
export function mfaSetUpOptions(pool: Pool): Factor[] {
  const { SmsMfaConfiguration, SoftwareTokenMfaConfiguration, EmailMfaConfiguration } = pool.config;
  return [
    ...(SmsMfaConfiguration ? ['SMS_MFA' as const] : []),
    ...(SoftwareTokenMfaConfiguration?.Enabled ? ['SOFTWARE_TOKEN_MFA' as const] : []),
    ...(EmailMfaConfiguration ? ['EMAIL_OTP' as const] : []),
  ];
}

/**
 * Email MFA set-up inside a sign-in: the code goes to the address the user gave, and only the
 * right code (an EMAIL_OTP answer) makes it the user's verified email and their email MFA.
 */
export function emailSetUpChallenge(step: Step, email: string): AuthResponse {
  const { emu, pool, user, session } = step;
  const code = { code: generateCode(), expiresAt: Math.min(emu.now() + CODE_LIFETIME_MS.mfa, session.expiresAt), failures: 0, attribute: 'email', value: email };
  const details = deliver(emu, pool, user, 'email_mfa_setup', code.code, { medium: 'EMAIL', destination: email, attribute: 'email' });
  return challenge(
    emu,
    session,
    { challenge: 'EMAIL_OTP', code },
    {
      CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium,
      CODE_DELIVERY_DESTINATION: details.Destination,
      USER_ID_FOR_SRP: user.Username,
    },
  );
}

/** The challenges that ask for a second factor, or for a one-time password as the first. */
export type CodeChallengeName = 'SMS_MFA' | 'EMAIL_OTP' | 'SMS_OTP' | 'SOFTWARE_TOKEN_MFA';

/** Sends the code (SMS/email) for an MFA or one-time-password challenge and asks for it. */
export function mfaChallenge(step: Step, name: CodeChallengeName): AuthResponse {
  const { emu, pool, user, session } = step;
  if (name === 'SOFTWARE_TOKEN_MFA') return challenge(emu, session, { challenge: name }, { USER_ID_FOR_SRP: user.Username });
  const bySms = name === 'SMS_MFA' || name === 'SMS_OTP';
  const destination = bySms ? user.Attributes.phone_number : user.Attributes.email;
  if (!destination) throw E.InvalidParameter(`User has no ${bySms ? 'phone_number' : 'email'} to send the code to.`);
  const purpose = { SMS_MFA: 'sms_mfa', EMAIL_OTP: session.passed.includes('PASSWORD') ? 'email_mfa' : 'email_otp', SMS_OTP: 'sms_otp' }[name];
  const code = { code: generateCode(), expiresAt: Math.min(emu.now() + CODE_LIFETIME_MS.mfa, session.expiresAt), failures: 0 };
  const details = deliver(emu, pool, user, purpose, code.code, {
    medium: bySms ? 'SMS' : 'EMAIL',
    destination,
    attribute: bySms ? 'phone_number' : 'email',
  });
  return challenge(
    emu,
    session,
    { challenge: name, code },
    {
      CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium,
      CODE_DELIVERY_DESTINATION: details.Destination,
      USER_ID_FOR_SRP: user.Username,
    },
  );
}

/** Ends the conversation with tokens, registering a new device when the pool tracks devices. */
export async function finish(step: Step): Promise<AuthResponse> {
  const { emu, pool, client, user, session } = step;
  // The DeviceSrpAfterMfa switch: the remembered device proves itself last, after MFA or custom challenges.
  if (deviceSrpAfterMfa(pool) && deviceProofDue(step)) return challenge(emu, session, { challenge: 'DEVICE_SRP_AUTH' }, { USERNAME: user.Username });
  endSession(emu, session);
  let deviceKey = session.deviceKey && user.devices[session.deviceKey] ? session.deviceKey : undefined;
  let newDevice: { DeviceKey: string; DeviceGroupKey: string } | undefined;
  const now = emu.now();
  if (deviceKey) {
    user.devices[deviceKey].lastAuthenticatedAt = now;
  } else if (pool.config.DeviceConfiguration) {
    deviceKey = `${pool.config.Id.split('_')[0]}_${randomUUID()}`;
    newDevice = { DeviceKey: deviceKey, DeviceGroupKey: `-${randomBytes(6).toString('base64url')}` };
    user.devices[deviceKey] = {
      ...newDevice,
      confirmed: false,
      remembered: false,
      createdAt: now,
      lastModifiedAt: now,
      lastAuthenticatedAt: now,
    };
  }
  emu.changed();
  const tokens = await issueTokens(emu, pool, client, user, { deviceKey, withRefreshToken: true });
  return { ChallengeParameters: {}, AuthenticationResult: { ...tokens, ...(newDevice ? { NewDeviceMetadata: newDevice } : {}) } };
}
