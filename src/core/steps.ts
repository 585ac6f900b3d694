/**
 * What a sign-in asks of the user next. `signIn` and `confirmSignIn` return one of these; the
 * elements render one form per step. Every Cognito challenge maps to a step, and one it does not
 * know becomes `UNKNOWN_CHALLENGE` rather than an error.
 */
import type { Session } from './session.ts';

export type MfaType = 'TOTP' | 'SMS' | 'EMAIL';
export type FirstFactor = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

export interface CodeDelivery {
  /** Masked, as Cognito sends it: `j***@e***` or `+*******0100`. */
  destination?: string;
  medium?: 'SMS' | 'EMAIL';
  attribute?: string;
}

export type SignInStep =
  | { step: 'DONE'; session: Session }
  /** A code from the user's authenticator app. */
  | { step: 'TOTP_CODE' }
  /** A code sent by SMS (as MFA after the password, or as the first factor). */
  | { step: 'SMS_CODE'; delivery: CodeDelivery }
  /** A code sent by email (as MFA after the password, or as the first factor). */
  | { step: 'EMAIL_CODE'; delivery: CodeDelivery }
  /** The user has several MFA types: which one now? Answer with `{ mfaType }`. */
  | { step: 'CHOOSE_MFA'; options: MfaType[] }
  /** MFA is required and the user has none: choose what to set up (`{ mfaType }`). */
  | { step: 'CHOOSE_MFA_SETUP'; options: MfaType[] }
  /** Add the secret to an authenticator app (QR from `uri`), then answer with `{ code, deviceName? }`. */
  | { step: 'SETUP_TOTP'; secret: string; uri: string }
  /** Give the email address that will receive sign-in codes (`{ email }`). */
  | { step: 'SETUP_EMAIL' }
  /** The password was temporary: choose a new one, with any attributes the pool requires. */
  | { step: 'NEW_PASSWORD'; username: string; requiredAttributes: string[]; userAttributes: Record<string, string> }
  /** A custom challenge from the pool's Lambda triggers; answer with `{ answer }`. */
  | { step: 'CUSTOM_CHALLENGE'; parameters: Record<string, string> }
  /** Choice-based sign-in: how to prove it is you (`{ factor, password? }`). */
  | { step: 'CHOOSE_FIRST_FACTOR'; options: FirstFactor[] }
  /**
   * Confirm with a passkey: answer with `{ passkey: true }`, ideally from a user gesture (a click:
   * Safari asks for one before WebAuthn). The browser then asks the user for their passkey; if
   * that is cancelled or fails, confirmSignIn throws PasskeyError and this step stays.
   */
  | { step: 'PASSKEY' }
  /** The account exists but is not confirmed: confirm it with the code sent at sign-up. */
  | { step: 'CONFIRM_SIGN_UP'; username: string }
  /** An administrator reset the password: the user must set a new one with a code (forgot-password flow). */
  | { step: 'RESET_PASSWORD'; username: string }
  /** A challenge this version does not know; answer with raw `{ challengeResponses }`. */
  | { step: 'UNKNOWN_CHALLENGE'; challengeName: string; parameters: Record<string, string> };

export type SignInStepName = SignInStep['step'];

export type ConfirmSignInInput =
  /**
   * A code (TOTP_CODE, SMS_CODE, EMAIL_CODE, SETUP_TOTP). `deviceName` names the authenticator app
   * at SETUP_TOTP. `rememberDevice`, with an MFA code (TOTP_CODE, SMS_CODE, EMAIL_CODE): the user's
   * answer to "Remember this device", for pools that remember devices only on the user's prompt
   * (DeviceOnlyRememberedOnUserPrompt): once this sign-in's new device is confirmed and Cognito says
   * UserConfirmationNecessary, true marks it remembered (UpdateDeviceStatus), so later sign-ins on it
   * skip MFA with device SRP; false leaves it not remembered. True also remembers this browser's
   * device that an earlier sign-in left not remembered. Left out, the client's `rememberDevices`
   * option decides. A failed UpdateDeviceStatus does not fail the sign-in: it is a `warning` event.
   * A pool that remembers every device remembers it whatever the answer.
   */
  | { code: string; deviceName?: string; rememberDevice?: boolean }
  | { mfaType: MfaType }
  | { newPassword: string; attributes?: Record<string, string> }
  | { answer: string }
  | { factor: FirstFactor; password?: string }
  | { email: string }
  | { passkey: true }
  | { challengeResponses: Record<string, string> };

export type AuthFlow = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'CUSTOM_AUTH' | 'CUSTOM_AUTH_WITH_SRP' | 'USER_AUTH';

export interface SignInInput {
  username: string;
  /** Needed for the password flows; not for passwordless USER_AUTH or custom auth without SRP. */
  password?: string;
  /** Overrides the client's default flow for this sign-in. */
  authFlow?: AuthFlow;
  /** USER_AUTH: the first factor to try (else Cognito offers a choice). */
  preferredChallenge?: FirstFactor;
  clientMetadata?: Record<string, string>;
  signal?: AbortSignal;
}

export const MFA_CHALLENGE: Record<MfaType, string> = { TOTP: 'SOFTWARE_TOKEN_MFA', SMS: 'SMS_MFA', EMAIL: 'EMAIL_OTP' };

/** Cognito's MFA names (including the EMAIL_MFA some docs use) to ours. */
export function mfaTypeOf(name: string): MfaType | undefined {
  if (name === 'SOFTWARE_TOKEN_MFA') return 'TOTP';
  if (name === 'SMS_MFA') return 'SMS';
  if (name === 'EMAIL_OTP' || name === 'EMAIL_MFA') return 'EMAIL';
  return undefined;
}

/** An `otpauth://` URI for authenticator apps (QR codes), per the Key Uri Format. */
export function totpUri(secret: string, account: string, issuer: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${encodeURIComponent(secret)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
