/**
 * The account actions, each one or two calls to Cognito: sign-up and its code, forgotten and
 * changed passwords, the user and their attributes, MFA, devices, passkey removal and sessions.
 * Loaded on demand (CognitoClient's methods import it when first called, or warmAccount() ahead of
 * that), so a page that only signs in does not download them. The client's documentation of each
 * method says what it does; here is how.
 *
 * Types only from the core: what the eager core holds (the action table, the MFA names, the TOTP
 * URI, the error class) comes in the context, since importing it here would split it out of the
 * core into a chunk of its own (see passkeys.ts).
 */
import type { ActionCall, DeviceType, UserCall } from './actions.ts';
import type { SignInStateError } from './errors.ts';
import type { SessionKeeper } from './session-keeper.ts';
import type { CodeDelivery, MfaType } from './steps.ts';
import {
  type DeviceInfo,
  fromAttributes,
  type MfaPreference,
  type MfaTypeOf,
  toAttributes,
  toDelivery,
  toDeviceInfo,
  toMfaPreference,
  type UserAttributes,
} from './wire-shapes.ts';

export interface SignUpInput {
  username: string;
  password?: string;
  attributes?: UserAttributes;
  validationData?: UserAttributes;
  clientMetadata?: Record<string, string>;
  /** Sign in right after confirmation, without asking for the password again. */
  autoSignIn?: boolean;
  signal?: AbortSignal;
}

export interface SignUpResult {
  userConfirmed: boolean;
  userSub: string;
  delivery?: CodeDelivery;
}

/** What the actions need from the client; `call` and `asUser` carry the caller's signal. */
export interface AccountContext {
  /** An action for someone who is not signed in. */
  call: ActionCall;
  /** An action as the signed-in user. */
  asUser: UserCall;
  keeper: SessionKeeper;
  clientId: string;
  secretHash(username: string): Promise<string | undefined>;
  mfaTypeOf: MfaTypeOf;
  /** steps.ts's totpUri, with the client's issuer. */
  totpUri(secret: string, account: string): string;
  StateError: typeof SignInStateError;
}

type ForUser = { username: string; clientMetadata?: Record<string, string> };

/** What every call for a user who is not signed in carries: the app client, its SECRET_HASH for them, their name. */
async function clientFields(ctx: AccountContext, input: ForUser) {
  return { ClientId: ctx.clientId, SecretHash: await ctx.secretHash(input.username), Username: input.username, ClientMetadata: input.clientMetadata };
}

// -------------------------------------------------------------------------------------------
// Sign-up and passwords

/** The sign-up's result, and the Session Cognito gives for signing in after confirmation. */
export async function signUp(ctx: AccountContext, input: SignUpInput): Promise<[SignUpResult, string | undefined]> {
  const result = await ctx.call('SignUp', {
    ...(await clientFields(ctx, input)),
    Password: input.password,
    UserAttributes: input.attributes ? fromAttributes(input.attributes) : undefined,
    ValidationData: input.validationData ? fromAttributes(input.validationData) : undefined,
  });
  return [{ userConfirmed: result.UserConfirmed === true, userSub: result.UserSub, delivery: toDelivery(result.CodeDeliveryDetails) }, result.Session];
}

/** ConfirmSignUp, with sign-up's Session when signing in follows; Cognito's Session for that sign-in. */
export async function confirmSignUp(ctx: AccountContext, input: ForUser & { code: string }, session: string | undefined): Promise<string | undefined> {
  return (await ctx.call('ConfirmSignUp', { ...(await clientFields(ctx, input)), ConfirmationCode: input.code, Session: session })).Session;
}

export async function resendSignUpCode(ctx: AccountContext, input: ForUser): Promise<{ delivery?: CodeDelivery }> {
  return { delivery: toDelivery((await ctx.call('ResendConfirmationCode', await clientFields(ctx, input))).CodeDeliveryDetails) };
}

export async function forgotPassword(ctx: AccountContext, input: ForUser): Promise<{ delivery?: CodeDelivery }> {
  return { delivery: toDelivery((await ctx.call('ForgotPassword', await clientFields(ctx, input))).CodeDeliveryDetails) };
}

export async function confirmForgotPassword(ctx: AccountContext, input: ForUser & { code: string; newPassword: string }): Promise<void> {
  await ctx.call('ConfirmForgotPassword', { ...(await clientFields(ctx, input)), ConfirmationCode: input.code, Password: input.newPassword });
}

export async function changePassword(ctx: AccountContext, input: { oldPassword: string; newPassword: string }): Promise<void> {
  await ctx.asUser('ChangePassword', { PreviousPassword: input.oldPassword, ProposedPassword: input.newPassword });
}

// -------------------------------------------------------------------------------------------
// The user and their attributes

export async function getUser(ctx: AccountContext): Promise<{ username: string; attributes: UserAttributes; mfa: MfaPreference }> {
  const user = await ctx.asUser('GetUser', {});
  return {
    username: user.Username,
    attributes: toAttributes(user.UserAttributes),
    mfa: toMfaPreference(ctx.mfaTypeOf, user.UserMFASettingList, user.PreferredMfaSetting),
  };
}

export async function updateUserAttributes(ctx: AccountContext, attributes: UserAttributes): Promise<{ verificationSent: CodeDelivery[] }> {
  const result = await ctx.asUser('UpdateUserAttributes', { UserAttributes: fromAttributes(attributes) });
  return { verificationSent: (result.CodeDeliveryDetailsList ?? []).map((d) => toDelivery(d)!) };
}

export async function deleteUserAttributes(ctx: AccountContext, names: string[]): Promise<void> {
  await ctx.asUser('DeleteUserAttributes', { UserAttributeNames: names });
}

export async function sendAttributeVerificationCode(ctx: AccountContext, attribute: string): Promise<{ delivery?: CodeDelivery }> {
  return { delivery: toDelivery((await ctx.asUser('GetUserAttributeVerificationCode', { AttributeName: attribute })).CodeDeliveryDetails) };
}

export async function verifyAttribute(ctx: AccountContext, attribute: string, code: string): Promise<void> {
  await ctx.asUser('VerifyUserAttribute', { AttributeName: attribute, Code: code });
}

export async function deleteUser(ctx: AccountContext): Promise<void> {
  const stored = await ctx.keeper.load();
  await ctx.asUser('DeleteUser', {});
  await ctx.keeper.deleted(stored);
}

// -------------------------------------------------------------------------------------------
// MFA

export async function setMfaPreference(ctx: AccountContext, input: { totp?: boolean; sms?: boolean; email?: boolean; preferred?: MfaType }): Promise<void> {
  const settings = (enabled: boolean | undefined, type: MfaType) =>
    enabled === undefined && input.preferred !== type ? undefined : { Enabled: enabled ?? true, PreferredMfa: input.preferred === type };
  await ctx.asUser('SetUserMFAPreference', {
    SoftwareTokenMfaSettings: settings(input.totp, 'TOTP'),
    SMSMfaSettings: settings(input.sms, 'SMS'),
    EmailMfaSettings: settings(input.email, 'EMAIL'),
  });
}

/** AssociateSoftwareToken with the current access token (refreshed if need be, not retried on refusal). */
export async function setUpTotp(ctx: AccountContext): Promise<{ secret: string; uri: string }> {
  const session = await ctx.keeper.session();
  const { SecretCode } = await ctx.call('AssociateSoftwareToken', { AccessToken: session.accessToken });
  return { secret: SecretCode, uri: ctx.totpUri(SecretCode, String(session.claims.email ?? session.username)) };
}

export async function verifyTotp(ctx: AccountContext, input: { code: string; deviceName?: string; preferred?: boolean }): Promise<void> {
  await ctx.asUser('VerifySoftwareToken', { UserCode: input.code, FriendlyDeviceName: input.deviceName });
  await setMfaPreference(ctx, { totp: true, preferred: input.preferred === false ? undefined : 'TOTP' });
}

export async function getAuthFactors(ctx: AccountContext): Promise<{ configured: string[]; mfa: MfaPreference }> {
  const result = await ctx.asUser('GetUserAuthFactors', {});
  return { configured: result.ConfiguredUserAuthFactors ?? [], mfa: toMfaPreference(ctx.mfaTypeOf, result.UserMFASettingList, result.PreferredMfaSetting) };
}

// -------------------------------------------------------------------------------------------
// Devices

export async function rememberDevice(ctx: AccountContext): Promise<void> {
  const stored = await ctx.keeper.load();
  if (!stored?.deviceKey) throw new ctx.StateError('This device is not tracked by the user pool (is device tracking on?).');
  await ctx.asUser('UpdateDeviceStatus', { DeviceKey: stored.deviceKey, DeviceRememberedStatus: 'remembered' });
}

export async function forgetDevice(ctx: AccountContext, deviceKey?: string): Promise<void> {
  const stored = await ctx.keeper.load();
  const key = deviceKey ?? stored?.deviceKey;
  if (!key) throw new ctx.StateError('No device to forget.');
  await ctx.asUser('ForgetDevice', { DeviceKey: key });
  if (stored && key === stored.deviceKey) await ctx.keeper.dropDevice(stored);
}

export async function listDevices(ctx: AccountContext): Promise<DeviceInfo[]> {
  const stored = await ctx.keeper.load();
  const devices: DeviceType[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.asUser('ListDevices', { Limit: 60, PaginationToken: token });
    devices.push(...(page.Devices ?? []));
    token = page.PaginationToken;
  } while (token);
  return devices.map((d) => toDeviceInfo(d, stored?.deviceKey));
}

// -------------------------------------------------------------------------------------------
// Passkeys and sessions

export async function deletePasskey(ctx: AccountContext, credentialId: string): Promise<void> {
  await ctx.asUser('DeleteWebAuthnCredential', { CredentialId: credentialId });
}

export async function listSessions(ctx: AccountContext): Promise<Record<string, unknown>[]> {
  const sessions: Record<string, unknown>[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.asUser('ListUserSessions', { NextToken: token });
    sessions.push(...(page.Sessions ?? []));
    token = page.NextToken;
  } while (token);
  return sessions;
}

export async function revokeSession(ctx: AccountContext, sessionId: string): Promise<void> {
  await ctx.asUser('RevokeUserSession', { SessionId: sessionId });
}
