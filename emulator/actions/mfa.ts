/**
 * Multi-factor authentication settings: TOTP enrolment (AssociateSoftwareToken + VerifySoftwareToken,
 * signed in or during the MFA_SETUP challenge), the user's MFA preferences, and the auth factors a
 * user has configured.
 */
import { randomBytes } from 'node:crypto';
import type { AccessTokenInput, AdminUserInput, MFAOptionType, MfaPreferenceInput } from '../api-shapes.ts';
import type { Emulator, RequestContext } from '../context.ts';
import * as E from '../errors.ts';
import { requirePool, requireUser } from '../model.ts';
import { canSignInWithPasskey } from '../rules/passkeys.ts';
import { authorizeUser } from '../rules/signed-in.ts';
import { type MfaName, mfaSettings } from '../rules/user-view.ts';
import type { AuthSession, Pool, PoolConfig, SessionFor, User } from '../state.ts';
import { newTotpSecret, totpMatches } from '../totp.ts';
import { required } from '../validate.ts';

// ---------------------------------------------------------------------------------------------
// Settings as GetUser / GetUserAuthFactors show them

/** The sign-in factors this user could use as a first factor in this pool (choice-based sign-in). */
function configuredAuthFactors(pool: Pool, user: User): string[] {
  const allowed = pool.config.Policies.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
  const factors: string[] = [];
  if (user.verifier) factors.push('PASSWORD');
  if (allowed.includes('EMAIL_OTP') && user.Attributes.email && user.Attributes.email_verified === 'true') factors.push('EMAIL_OTP');
  if (allowed.includes('SMS_OTP') && user.Attributes.phone_number && user.Attributes.phone_number_verified === 'true') factors.push('SMS_OTP');
  if (canSignInWithPasskey(pool, user)) factors.push('WEB_AUTHN');
  return factors;
}

function authFactors(pool: Pool, user: User) {
  return { Username: user.Username, ...mfaSettings(user), ConfiguredUserAuthFactors: configuredAuthFactors(pool, user) };
}

// ---------------------------------------------------------------------------------------------
// Preferences

interface Factor {
  name: MfaName;
  /** The member of (Admin)SetUserMFAPreference that carries this factor's settings. */
  setting: 'SMSMfaSettings' | 'SoftwareTokenMfaSettings' | 'EmailMfaSettings';
  flag: 'smsEnabled' | 'totpEnabled' | 'emailEnabled';
  poolAllows(config: PoolConfig): boolean;
  /** Whether the user has what this factor needs: a verified TOTP secret, or somewhere to send codes. */
  userReady(user: User): boolean;
}

const FACTORS: Factor[] = [
  {
    name: 'SMS_MFA',
    setting: 'SMSMfaSettings',
    flag: 'smsEnabled',
    poolAllows: (c) => c.SmsMfaConfiguration !== undefined,
    userReady: (u) => Boolean(u.Attributes.phone_number),
  },
  {
    name: 'SOFTWARE_TOKEN_MFA',
    setting: 'SoftwareTokenMfaSettings',
    flag: 'totpEnabled',
    poolAllows: (c) => c.SoftwareTokenMfaConfiguration?.Enabled === true,
    userReady: (u) => Boolean(u.mfa.totpSecret),
  },
  {
    name: 'EMAIL_OTP',
    setting: 'EmailMfaSettings',
    flag: 'emailEnabled',
    poolAllows: (c) => c.EmailMfaConfiguration !== undefined,
    userReady: (u) => Boolean(u.Attributes.email),
  },
];

interface FactorSettings {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

function readSettings(input: MfaPreferenceInput, member: keyof MfaPreferenceInput): FactorSettings | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  const bad =
    typeof value !== 'object' ||
    Array.isArray(value) ||
    (value.Enabled !== undefined && typeof value.Enabled !== 'boolean') ||
    (value.PreferredMfa !== undefined && typeof value.PreferredMfa !== 'boolean');
  if (bad) throw E.InvalidParameter(`${member} must be an object with boolean Enabled and PreferredMfa.`);
  return value;
}

/**
 * (Admin)SetUserMFAPreference: applies `{SMSMfaSettings?, SoftwareTokenMfaSettings?, EmailMfaSettings?}`.
 * Everything is checked before anything changes, so a refused request leaves the user as it was.
 * An omitted factor, or an omitted Enabled, keeps its current state.
 */
export function applyMfaPreference(pool: Pool, user: User, input: MfaPreferenceInput): void {
  const next = { ...user.mfa };
  let preferred: MfaName | undefined;
  for (const factor of FACTORS) {
    const settings = readSettings(input, factor.setting);
    if (!settings) continue;
    if (settings.Enabled === true) {
      if (pool.config.MfaConfiguration === 'OFF' || !factor.poolAllows(pool.config)) {
        throw E.InvalidParameter(`${factor.name} is not enabled in the user pool's MFA configuration.`);
      }
      if (!factor.userReady(user)) throw E.InvalidParameter(`User does not have delivery config set to turn on ${factor.name}`);
      next[factor.flag] = true;
    } else if (settings.Enabled === false) {
      next[factor.flag] = false;
      if (next.preferred === factor.name) next.preferred = undefined;
    }
    if (settings.PreferredMfa === true) {
      if (preferred) throw E.InvalidParameter('Only one MFA type can be set as preferred.');
      if (!next[factor.flag]) throw E.InvalidParameter(`${factor.name} cannot be preferred because it is not enabled.`);
      preferred = factor.name;
    } else if (settings.PreferredMfa === false && next.preferred === factor.name) {
      next.preferred = undefined;
    }
  }
  if (preferred) next.preferred = preferred;
  user.mfa = next;
}

function savePreference(emu: Emulator, pool: Pool, user: User, input: MfaPreferenceInput): void {
  applyMfaPreference(pool, user, input);
  user.UserLastModifiedDate = emu.now();
  emu.changed();
}

/** The legacy SetUserSettings: a non-empty MFAOptions turns SMS MFA on, an empty one turns it off. */
function applyLegacySettings(emu: Emulator, pool: Pool, user: User, input: { MFAOptions: MFAOptionType[] }): void {
  required(input, 'MFAOptions');
  const options = input.MFAOptions;
  if (!Array.isArray(options)) throw E.InvalidParameter('MFAOptions must be a list.');
  for (const option of options) {
    if (option?.DeliveryMedium !== 'SMS' || (option.AttributeName !== undefined && option.AttributeName !== 'phone_number')) {
      throw E.InvalidParameter('Only SMS delivery to phone_number is supported in MFAOptions.');
    }
  }
  savePreference(emu, pool, user, { SMSMfaSettings: { Enabled: options.length > 0 } });
}

// ---------------------------------------------------------------------------------------------
// TOTP enrolment

const INVALID_SESSION = 'Invalid session for the user, session is expired.';

/** The sign-in session of an MFA_SETUP challenge, or Cognito's refusal. */
function setupSession(emu: Emulator, key: unknown): SessionFor<'MFA_SETUP'> {
  const session = typeof key === 'string' ? emu.state.sessions[key] : undefined;
  if (!session || emu.now() > session.expiresAt || session.challenge !== 'MFA_SETUP') throw E.NotAuthorized(INVALID_SESSION);
  return session;
}

/**
 * Cognito answers each step of MFA setup with a new Session string and the old one stops working.
 * The new one lasts the client's AuthSessionValidity again, since scanning a QR code takes a while.
 */
function renewSession(emu: Emulator, oldKey: string, session: AuthSession): string {
  delete emu.state.sessions[oldKey];
  const key = randomBytes(192).toString('base64url');
  const minutes = emu.state.pools[session.poolId]?.clients[session.clientId]?.AuthSessionValidity ?? 3;
  session.expiresAt = emu.now() + minutes * 60_000;
  emu.state.sessions[key] = session;
  emu.changed();
  return key;
}

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Exactly one of AccessToken (signed in) and Session (MFA_SETUP during sign-in). */
function tokenOrSession(input: { AccessToken?: string; Session?: string }): 'token' | 'session' {
  if (given(input.AccessToken) === given(input.Session)) {
    throw E.InvalidParameter('Exactly one of AccessToken or Session must be provided.');
  }
  return given(input.AccessToken) ? 'token' : 'session';
}

/** UserCode is six digits; anything else fails input validation before any check of the code. */
function checkUserCodeShape(code: unknown): string {
  const text = String(code);
  if (!/^[0-9]+$/.test(text)) {
    throw E.InvalidParameter(
      `1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+`,
    );
  }
  if (text.length !== 6) {
    const bound = text.length < 6 ? 'greater than or equal to 6' : 'less than or equal to 6';
    throw E.InvalidParameter(`1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must have length ${bound}`);
  }
  return text;
}

const NO_SOFTWARE_TOKEN = 'Software Token MFA does not exist for the user.';

/** The API documents SoftwareTokenMFANotFoundException for a pool where TOTP MFA is not activated. */
function checkPoolTotp(pool: Pool | undefined): void {
  if (!pool || pool.config.MfaConfiguration === 'OFF' || pool.config.SoftwareTokenMfaConfiguration?.Enabled !== true) {
    throw E.SoftwareTokenMFANotFound('Software token MFA is not enabled for this user pool.');
  }
}
const CODE_MISMATCH = 'Code mismatch and fail enable Software Token MFA';

// ---------------------------------------------------------------------------------------------

export interface AssociateSoftwareTokenInput {
  /** Exactly one of AccessToken (signed in) and Session (MFA_SETUP during sign-in). */
  AccessToken?: string;
  Session?: string;
}

export async function associateSoftwareToken(input: AssociateSoftwareTokenInput, { emu }: RequestContext) {
  if (tokenOrSession(input) === 'token') {
    const { pool, user } = await authorizeUser(emu, input);
    checkPoolTotp(pool);
    user.mfa.pendingTotpSecret = newTotpSecret();
    emu.changed();
    return { SecretCode: user.mfa.pendingTotpSecret };
  }
  const session = setupSession(emu, input.Session);
  checkPoolTotp(emu.state.pools[session.poolId]);
  session.pendingTotpSecret = newTotpSecret();
  session.totpVerified = false;
  return { SecretCode: session.pendingTotpSecret, Session: renewSession(emu, input.Session!, session) };
}

export interface VerifySoftwareTokenInput {
  AccessToken?: string;
  Session?: string;
  UserCode: string;
  FriendlyDeviceName?: string;
}

export async function verifySoftwareToken(input: VerifySoftwareTokenInput, { emu }: RequestContext) {
  const mode = tokenOrSession(input);
  required(input, 'UserCode');
  const code = checkUserCodeShape(input.UserCode);
  if (mode === 'token') {
    const { pool, user } = await authorizeUser(emu, input);
    checkPoolTotp(pool);
    const secret = user.mfa.pendingTotpSecret;
    if (!secret) throw E.SoftwareTokenMFANotFound(NO_SOFTWARE_TOKEN);
    // A wrong code keeps the pending secret, so the user can simply try the next code.
    if (!totpMatches(secret, code, emu.now())) throw E.EnableSoftwareTokenMFA(CODE_MISMATCH);
    // Verified: the secret becomes the user's. Turning TOTP on is SetUserMFAPreference's job.
    user.mfa.totpSecret = secret;
    delete user.mfa.pendingTotpSecret;
    user.UserLastModifiedDate = emu.now();
    emu.changed();
    return { Status: 'SUCCESS' };
  }
  const session = setupSession(emu, input.Session);
  checkPoolTotp(emu.state.pools[session.poolId]);
  if (!session.pendingTotpSecret) throw E.SoftwareTokenMFANotFound(NO_SOFTWARE_TOKEN);
  if (!totpMatches(session.pendingTotpSecret, code, emu.now())) throw E.EnableSoftwareTokenMFA(CODE_MISMATCH);
  // RespondToAuthChallenge(MFA_SETUP) moves the secret to the user once it sees this flag.
  session.totpVerified = true;
  return { Status: 'SUCCESS', Session: renewSession(emu, input.Session!, session) };
}

export type SetUserMFAPreferenceInput = AccessTokenInput & MfaPreferenceInput;

export async function setUserMFAPreference(input: SetUserMFAPreferenceInput, { emu }: RequestContext) {
  const { pool, user } = await authorizeUser(emu, input);
  savePreference(emu, pool, user, input);
  return {};
}

export type AdminSetUserMFAPreferenceInput = AdminUserInput & MfaPreferenceInput;

export function adminSetUserMFAPreference(input: AdminSetUserMFAPreferenceInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username');
  const pool = requirePool(emu, input.UserPoolId);
  savePreference(emu, pool, requireUser(pool, input.Username), input);
  return {};
}

export interface SetUserSettingsInput extends AccessTokenInput {
  MFAOptions: MFAOptionType[];
}

export async function setUserSettings(input: SetUserSettingsInput, { emu }: RequestContext) {
  const { pool, user } = await authorizeUser(emu, input);
  applyLegacySettings(emu, pool, user, input);
  return {};
}

export interface AdminSetUserSettingsInput extends AdminUserInput {
  MFAOptions: MFAOptionType[];
}

export function adminSetUserSettings(input: AdminSetUserSettingsInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username');
  const pool = requirePool(emu, input.UserPoolId);
  applyLegacySettings(emu, pool, requireUser(pool, input.Username), input);
  return {};
}

export type GetUserAuthFactorsInput = AccessTokenInput;

export async function getUserAuthFactors(input: GetUserAuthFactorsInput, { emu }: RequestContext) {
  const { pool, user } = await authorizeUser(emu, input);
  return authFactors(pool, user);
}

export type AdminGetUserAuthFactorsInput = AdminUserInput;

export function adminGetUserAuthFactors(input: AdminGetUserAuthFactorsInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username');
  const pool = requirePool(emu, input.UserPoolId);
  return authFactors(pool, requireUser(pool, input.Username));
}
