/**
 * Pool, client and user rules shared by every action: lookups with Cognito's errors, the password
 * policy, SECRET_HASH, attribute validation, and one-time codes delivered to the outbox.
 */
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Emulator } from './context.ts';
import * as E from './errors.ts';
import { checkPassword as srpCheckPassword, makeVerifier } from './srp.ts';
import type { ClientConfig, PendingCode, Pool, SchemaAttribute, User } from './state.ts';

// ---------------------------------------------------------------------------------------------
// Pools and clients

export function requirePool(emu: Emulator, poolId: unknown): Pool {
  const pool = typeof poolId === 'string' ? emu.state.pools[poolId] : undefined;
  if (!pool) throw E.ResourceNotFound(`User pool ${String(poolId)} does not exist.`);
  return pool;
}

export function requireClient(emu: Emulator, clientId: unknown): { pool: Pool; client: ClientConfig } {
  if (typeof clientId === 'string') {
    for (const pool of Object.values(emu.state.pools)) {
      const client = pool.clients[clientId];
      if (client) return { pool, client };
    }
  }
  throw E.ResourceNotFound(`User pool client ${String(clientId)} does not exist.`);
}

/** The pool name used in SRP: the part of the pool id after the underscore. */
export function poolName(pool: Pool): string {
  return pool.config.Id.split('_')[1];
}

export function region(pool: Pool): string {
  return pool.config.Id.split('_')[0];
}

export function authFlowAllowed(client: ClientConfig, flow: string): boolean {
  const flows = client.ExplicitAuthFlows;
  // A client created without ExplicitAuthFlows allows SRP, refresh and custom auth, as Cognito does.
  const effective = flows.length ? flows : ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'];
  const legacy: Record<string, string> = {
    ALLOW_USER_SRP_AUTH: 'USER_SRP_AUTH',
    ALLOW_USER_PASSWORD_AUTH: 'USER_PASSWORD_AUTH',
    ALLOW_CUSTOM_AUTH: 'CUSTOM_AUTH_FLOW_ONLY',
    ALLOW_ADMIN_USER_PASSWORD_AUTH: 'ADMIN_NO_SRP_AUTH',
  };
  return effective.includes(flow) || (legacy[flow] !== undefined && effective.includes(legacy[flow]));
}

// ---------------------------------------------------------------------------------------------
// SECRET_HASH

export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret)
    .update(username + clientId)
    .digest('base64');
}

/**
 * Clients with a secret must send base64(HMAC-SHA256(secret, username + clientId)). Any of the
 * given names (what the caller typed, or the canonical USER_ID_FOR_SRP) may have been hashed.
 */
export function checkSecretHash(client: ClientConfig, given: unknown, ...usernames: (string | undefined)[]): void {
  if (!client.ClientSecret) return;
  if (typeof given !== 'string' || given === '') {
    throw E.NotAuthorized(`Client ${client.ClientId} is configured with secret but SECRET_HASH was not received`);
  }
  const givenBytes = Buffer.from(given, 'base64');
  for (const name of usernames) {
    if (name === undefined) continue;
    const expected = Buffer.from(secretHash(client.ClientSecret, name, client.ClientId), 'base64');
    if (expected.length === givenBytes.length && timingSafeEqual(expected, givenBytes)) return;
  }
  throw E.NotAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
}

// ---------------------------------------------------------------------------------------------
// Users

export function caseSensitive(pool: Pool): boolean {
  return pool.config.UsernameConfiguration?.CaseSensitive === true;
}

export function userKey(pool: Pool, username: string): string {
  return caseSensitive(pool) ? username : username.toLowerCase();
}

export function userNamed(pool: Pool, username: string): User | undefined {
  return pool.users[userKey(pool, username)];
}

function sameValue(pool: Pool, a: string | undefined, b: string): boolean {
  return a !== undefined && (caseSensitive(pool) ? a === b : a.toLowerCase() === b.toLowerCase());
}

/**
 * Finds the user a sign-in name refers to: the username itself, or (as the pool allows) the
 * email / phone number used as username, or a verified alias.
 */
export function findUserByLogin(pool: Pool, login: string): User | undefined {
  const direct = userNamed(pool, login);
  if (direct) return direct;
  const users = Object.values(pool.users);
  for (const attr of pool.config.UsernameAttributes ?? []) {
    const found = users.find((u) => sameValue(pool, u.Attributes[attr], login));
    if (found) return found;
  }
  for (const attr of pool.config.AliasAttributes ?? []) {
    const verifiedFlag = attr === 'email' ? 'email_verified' : attr === 'phone_number' ? 'phone_number_verified' : undefined;
    const found = users.find((u) => sameValue(pool, u.Attributes[attr], login) && (!verifiedFlag || u.Attributes[verifiedFlag] === 'true'));
    if (found) return found;
  }
  return undefined;
}

/** The client's policy on revealing whether a user exists. */
export function hidesUserExistence(client: ClientConfig): boolean {
  return client.PreventUserExistenceErrors === 'ENABLED';
}

/**
 * Emulator switch, not a Cognito field: a pool created (or updated) with `DeviceSrpAfterMfa: true`
 * asks a remembered device's DEVICE_SRP_AUTH after the MFA or custom challenge instead of in its
 * place. Which order a real pool uses is not documented; Amplify v6 answers DEVICE_SRP_AUTH after
 * MFA and custom answers too (signInHelpers.ts), so clients must handle both.
 */
export function deviceSrpAfterMfa(pool: Pool): boolean {
  return pool.config.DeviceSrpAfterMfa === true;
}

export function requireUserForAuth(pool: Pool, client: ClientConfig, login: string): User {
  const user = findUserByLogin(pool, login);
  if (!user) {
    if (hidesUserExistence(client)) throw E.NotAuthorized(E.WRONG_CREDENTIALS);
    throw E.UserNotFound('User does not exist.');
  }
  return user;
}

/** For admin actions: the user by username (or alias), or UserNotFoundException. */
export function requireUser(pool: Pool, username: unknown): User {
  const user = typeof username === 'string' ? findUserByLogin(pool, username) : undefined;
  if (!user) throw E.UserNotFound('User does not exist.');
  return user;
}

export function newUser(emu: Emulator, pool: Pool, username: string, attributes: Record<string, string>): User {
  const now = emu.now();
  return {
    Username: username,
    Attributes: { sub: randomUUID(), ...attributes },
    Enabled: true,
    UserStatus: 'UNCONFIRMED',
    UserCreateDate: now,
    UserLastModifiedDate: now,
    salt: '',
    verifier: '',
    mfa: { smsEnabled: false, totpEnabled: false, emailEnabled: false },
    codes: {},
    devices: {},
    codeRequests: {},
    failedSignIns: 0,
  };
}

export function addUser(pool: Pool, user: User): void {
  const key = userKey(pool, user.Username);
  if (pool.users[key]) throw E.UsernameExists('User already exists');
  pool.users[key] = user;
}

export function removeUser(pool: Pool, user: User): void {
  delete pool.users[userKey(pool, user.Username)];
}

/** The username to store for a new user: a UUID when the pool signs in by email/phone. */
export function usernameForNewUser(pool: Pool, given: string, attributes: Record<string, string>): string {
  const byAttribute = pool.config.UsernameAttributes ?? [];
  if (byAttribute.length === 0) return given;
  const looksLikeEmail = /^[^@\s]+@[^@\s]+$/.test(given);
  const looksLikePhone = /^\+\d{4,15}$/.test(given);
  if (looksLikeEmail && byAttribute.includes('email')) attributes.email ??= given;
  else if (looksLikePhone && byAttribute.includes('phone_number')) attributes.phone_number ??= given;
  else throw E.InvalidParameter('Username should be either an email or a phone number.');
  return attributes.sub ?? randomUUID();
}

// ---------------------------------------------------------------------------------------------
// Passwords

export function validatePassword(pool: Pool, password: unknown): string {
  if (typeof password !== 'string' || password.length === 0) {
    throw E.InvalidParameter("1 validation error detected: Value at 'password' failed to satisfy constraint: Member must not be null");
  }
  // The SDK model's PasswordType pattern: no white space at either end (the value is sensitive, so not echoed).
  if (!/^\S+.*\S+$/s.test(password)) {
    throw E.InvalidParameter(
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$",
    );
  }
  const policy = pool.config.Policies.PasswordPolicy;
  const fail = (why: string) => E.InvalidPassword(`Password did not conform with policy: ${why}`);
  if (password.length < policy.MinimumLength) throw fail('Password not long enough');
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) throw fail('Password must have uppercase characters');
  if (policy.RequireLowercase && !/[a-z]/.test(password)) throw fail('Password must have lowercase characters');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if (policy.RequireSymbols && !/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(password)) {
    throw fail('Password must have symbol characters');
  }
  return password;
}

export function setPassword(emu: Emulator, pool: Pool, user: User, password: string): void {
  const { salt, verifier } = makeVerifier(poolName(pool), user.Username, password);
  user.salt = salt;
  user.verifier = verifier;
  user.UserLastModifiedDate = emu.now();
}

export function passwordMatches(pool: Pool, user: User, password: unknown): boolean {
  if (typeof password !== 'string' || !user.verifier) return false;
  return srpCheckPassword(user, poolName(pool), user.Username, password);
}

/**
 * Cognito locks a user out for a while after repeated wrong passwords
 * ("Password attempts exceeded"). Five failures lock for a minute here, doubling after that.
 */
export function recordFailedSignIn(emu: Emulator, user: User): void {
  user.failedSignIns += 1;
  if (user.failedSignIns >= 5) {
    user.lockedUntil = emu.now() + 60_000 * 2 ** Math.min(user.failedSignIns - 5, 6);
  }
}

export function checkNotLocked(emu: Emulator, user: User): void {
  if (user.lockedUntil && emu.now() < user.lockedUntil) throw E.NotAuthorized('Password attempts exceeded');
}

export function recordSuccessfulSignIn(user: User): void {
  user.failedSignIns = 0;
  user.lockedUntil = undefined;
}

// ---------------------------------------------------------------------------------------------
// Attributes

export const STANDARD_ATTRIBUTES = [
  'sub',
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'email_verified',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
  'phone_number_verified',
  'address',
  'updated_at',
];

export function schemaAttribute(pool: Pool, name: string): SchemaAttribute | undefined {
  return pool.config.SchemaAttributes.find((a) => a.Name === name);
}

/**
 * Validates attributes a user or admin writes. `mode` decides which rules apply: sign-up requires
 * the pool's required attributes; self-service updates refuse immutable ones and `*_verified`.
 */
export function validateAttributes(pool: Pool, attributes: Record<string, string>, mode: 'signup' | 'update' | 'admin'): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'sub') throw E.InvalidParameter('Cannot modify the non-mutable attribute sub');
    const schema = schemaAttribute(pool, name);
    if (!schema && !STANDARD_ATTRIBUTES.includes(name)) {
      throw E.InvalidParameter(`Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.\n`);
    }
    if (mode === 'update' && (name === 'email_verified' || name === 'phone_number_verified')) {
      throw E.NotAuthorized(`A client attempted to write unauthorized attribute`);
    }
    if (mode === 'update' && schema && schema.Mutable === false && !name.startsWith('custom:')) {
      throw E.InvalidParameter(`Attributes did not conform to the schema: ${name}: Attribute cannot be updated. (changing an immutable attribute)\n`);
    }
    if (name === 'email' && value !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
      throw E.InvalidParameter('Invalid email address format.');
    }
    if (name === 'phone_number' && value !== '' && !/^\+\d{4,15}$/.test(value)) {
      throw E.InvalidParameter('Invalid phone number format.');
    }
    if (schema?.AttributeDataType === 'Number' && value !== '' && !/^-?\d+(\.\d+)?$/.test(value)) {
      throw E.InvalidParameter(`Attributes did not conform to the schema: ${name}: Number must be numeric\n`);
    }
    const max = Number(schema?.StringAttributeConstraints?.MaxLength ?? 2048);
    const min = Number(schema?.StringAttributeConstraints?.MinLength ?? 0);
    if (value.length > max) {
      throw E.InvalidParameter(`Attributes did not conform to the schema: ${name}: String must be no longer than ${max} characters\n`);
    }
    if (value.length < min) {
      throw E.InvalidParameter(`Attributes did not conform to the schema: ${name}: String must be no shorter than ${min} characters\n`);
    }
  }
  if (mode === 'signup') {
    // sub is required in every schema, but Cognito assigns it: callers never send it.
    const missing = pool.config.SchemaAttributes.filter((a) => a.Required && a.Name !== 'sub' && !attributes[a.Name]);
    if (missing.length) {
      throw E.InvalidParameter(`Attributes did not conform to the schema: ${missing.map((a) => `${a.Name}: The attribute is required`).join('\n')}\n`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Codes and the outbox

export const CODE_LIFETIME_MS = {
  signup: 24 * 3600_000,
  forgot_password: 3600_000,
  verify: 24 * 3600_000,
  mfa: 3 * 60_000,
};

/** Wrong tries allowed on one code before TooManyFailedAttemptsException / a forced resend. */
export const MAX_CODE_FAILURES = 5;

export function generateCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** How Cognito shows a destination in CodeDeliveryDetails: `j***@e***` or `+*******0100`. */
export function maskDestination(medium: 'EMAIL' | 'SMS', destination: string): string {
  if (medium === 'EMAIL') {
    const [local, domain = ''] = destination.split('@');
    return `${local.charAt(0)}***@${domain.charAt(0)}***`;
  }
  return `+${'*'.repeat(Math.max(destination.length - 5, 0))}${destination.slice(-4)}`;
}

export interface CodeDelivery {
  Destination: string;
  DeliveryMedium: 'EMAIL' | 'SMS';
  AttributeName: string;
}

/** Where a message for this user goes: email if it has one (or preferred), else SMS. */
export function deliveryFor(user: User, prefer?: 'EMAIL' | 'SMS'): { medium: 'EMAIL' | 'SMS'; destination: string; attribute: string } | undefined {
  const email = user.Attributes.email;
  const phone = user.Attributes.phone_number;
  if (prefer === 'SMS' && phone) return { medium: 'SMS', destination: phone, attribute: 'phone_number' };
  if (prefer === 'EMAIL' && email) return { medium: 'EMAIL', destination: email, attribute: 'email' };
  if (email) return { medium: 'EMAIL', destination: email, attribute: 'email' };
  if (phone) return { medium: 'SMS', destination: phone, attribute: 'phone_number' };
  return undefined;
}

/** Puts a code in the outbox (and on the console) and returns its CodeDeliveryDetails. */
export function deliver(
  emu: Emulator,
  pool: Pool,
  user: User,
  purpose: string,
  code: string,
  to: { medium: 'EMAIL' | 'SMS'; destination: string; attribute: string },
): CodeDelivery {
  emu.state.outbox.push({
    pool: pool.config.Id,
    username: user.Username,
    destination: to.destination,
    medium: to.medium,
    purpose,
    code,
    time: new Date(emu.now()).toISOString(),
  });
  emu.log(`outbox: ${purpose} code ${code} for ${user.Username} -> ${to.medium} ${to.destination}`);
  emu.changed();
  return { Destination: maskDestination(to.medium, to.destination), DeliveryMedium: to.medium, AttributeName: to.attribute };
}

/** Issues a fresh code for a purpose on the user (replacing an older one) and delivers it. */
export function sendUserCode(
  emu: Emulator,
  pool: Pool,
  user: User,
  purpose: string,
  lifetimeMs: number,
  to: { medium: 'EMAIL' | 'SMS'; destination: string; attribute: string },
): CodeDelivery {
  const code = generateCode();
  user.codes[purpose] = { code, expiresAt: emu.now() + lifetimeMs, failures: 0 };
  return deliver(emu, pool, user, purpose, code, to);
}

/**
 * Checks a code against a pending one: wrong -> CodeMismatch (and counts), expired -> ExpiredCode,
 * too many wrong tries -> TooManyFailedAttempts. The caller deletes the code once it is used.
 */
export function checkCode(emu: Emulator, pending: PendingCode | undefined, given: unknown): void {
  if (!pending) throw E.ExpiredCode('Invalid code provided, please request a code again.');
  if (pending.failures >= MAX_CODE_FAILURES) {
    throw E.TooManyFailedAttempts('Too many failed attempts. Please request a new code.');
  }
  if (emu.now() > pending.expiresAt) throw E.ExpiredCode('Invalid code provided, please request a code again.');
  if (typeof given !== 'string' || given !== pending.code) {
    pending.failures += 1;
    emu.changed();
    throw E.CodeMismatch('Invalid verification code provided, please try again.');
  }
}
