// Helpers for browser tests that talk to the emulator through the headless core client (the
// core-*.test.ts files, and the element tests): clients for the seeded app clients, users of the tests' own (so no test changes a seeded user another one
// relies on), the emulator's outbox, TOTP codes, faults and clock, and the unsigned admin API.
import { Secret, TOTP } from 'otpauth';
import { createStore, del, get, set } from 'idb-keyval';
import { CognitoClient, type CognitoClientEventMap, type CognitoClientOptions, memoryStore, type SessionStore, type SignInStep } from '../../../src/core/index.ts';
import { emulatorUrl } from '../emulator-url.ts';
import type { FaultSpec } from '../../../emulator/faults.ts';
import type { OutboxMessage } from '../../../emulator/state.ts';

export type { FaultSpec, OutboxMessage };

export const POOL_ID = 'us-east-1_DemoPool1';
export const CLIENT_ID = 'democlient0000000000000001';
export const ROTATION_CLIENT_ID = 'demorotationclient0000001a';
export const LEGACY_CLIENT_ID = 'demolegacyclient000000001a';
export const PASSWORD = 'Passw0rd!';

// ---------------------------------------------------------------------------------------------
// Clients

const clients: CognitoClient[] = [];

export interface TestClient {
  client: CognitoClient;
  /** The store given (or made) for the client; not the one in use when `storage` was passed instead. */
  store: SessionStore;
}

/**
 * A CognitoClient for the demo pool (or another), against the emulator, with a store of its own
 * (memory unless given), disposed after the test by disposeClients().
 */
export function newClient(options: Partial<CognitoClientOptions> & { store?: SessionStore } = {}): TestClient {
  const { store = memoryStore(), ...rest } = options;
  const client = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: emulatorUrl(), storage: store, ...rest });
  clients.push(client);
  return { client, store };
}

/** Stops the workers, timers and channels of every client made since the last call. */
export function disposeClients(): void {
  for (const client of clients.splice(0)) client.dispose();
}

/** An IndexedDB store of its own (a database no other test or page uses), as the default store would be. */
export function freshIndexedDbStore(): SessionStore {
  const store = createStore(`cognito-elements-test:${crypto.randomUUID()}`, 'session');
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    remove: (key) => del(key, store),
  };
}

/** Every event of one type the client fires from now on. */
export function recordEvents<K extends keyof CognitoClientEventMap>(client: CognitoClient, type: K): CognitoClientEventMap[K]['detail'][] {
  const seen: CognitoClientEventMap[K]['detail'][] = [];
  client.addEventListener(type, (event) => void seen.push(event.detail));
  return seen;
}

/**
 * A fetch that counts the Cognito actions it sends (by X-Amz-Target) and lets `beforeSend` act
 * before each one goes out (given the action and how many of it were sent so far, this one
 * included), for tests about retries and aborts. It changes no request: all go to the emulator.
 */
export function countingFetch(beforeSend?: (action: string, nth: number) => void | Promise<void>): { fetch: typeof fetch; calls: (action: string) => number } {
  const counts = new Map<string, number>();
  const counted: typeof fetch = async (input, init) => {
    const target = new Headers(init?.headers).get('X-Amz-Target') ?? '';
    const action = target.slice(target.lastIndexOf('.') + 1);
    const nth = (counts.get(action) ?? 0) + 1;
    counts.set(action, nth);
    await beforeSend?.(action, nth);
    return globalThis.fetch(input, init);
  };
  return { fetch: counted, calls: (action) => counts.get(action) ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// The emulator's API without the core: admin actions and raw calls

export class RawCognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(`${type}: ${message}`);
  }
}

/** One Cognito API call, unsigned (the emulator accepts admin actions so). Throws RawCognitoError on refusal. */
export async function cognito<T = any>(action: string, body: unknown): Promise<T> {
  const res = await fetch(`${emulatorUrl()}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok) throw new RawCognitoError(String(json.__type ?? 'Unknown'), String(json.message ?? ''), res.status);
  return json as T;
}

/** The refusal a raw call ends with (fails the test if it succeeds). */
export async function rawRefusal(action: string, body: unknown): Promise<RawCognitoError> {
  try {
    await cognito(action, body);
  } catch (error) {
    if (error instanceof RawCognitoError) return error;
    throw error;
  }
  throw new Error(`${action} was expected to be refused but succeeded`);
}

/** A username no other test uses (lower case: the demo pool is case-insensitive). */
export function uniqueName(prefix = 'u'): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

export interface NewUser {
  username: string;
  password: string;
  email: string;
}

/**
 * A CONFIRMED user with a permanent password, created through the admin API (no message sent). By
 * default in the demo pool with a verified email (so it is also an alias).
 */
export async function createUser(options: { poolId?: string; attributes?: Record<string, string>; password?: string; prefix?: string } = {}): Promise<NewUser> {
  const username = uniqueName(options.prefix);
  const email = `${username}@example.com`;
  const password = options.password ?? PASSWORD;
  const attributes = options.attributes ?? { email, email_verified: 'true' };
  const poolId = options.poolId ?? POOL_ID;
  await cognito('AdminCreateUser', {
    UserPoolId: poolId,
    Username: username,
    MessageAction: 'SUPPRESS',
    UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
  });
  await cognito('AdminSetUserPassword', { UserPoolId: poolId, Username: username, Password: password, Permanent: true });
  return { username, password, email: attributes.email ?? email };
}

/** Admin: the user's MFA settings, e.g. `{ SMSMfaSettings: { Enabled: true, PreferredMfa: true } }`. */
export async function setUserMfa(username: string, settings: Record<string, { Enabled?: boolean; PreferredMfa?: boolean }>, poolId = POOL_ID): Promise<void> {
  await cognito('AdminSetUserMFAPreference', { UserPoolId: poolId, Username: username, ...settings });
}

/**
 * Gives the user a verified TOTP secret and makes TOTP their preferred MFA, with raw calls (so
 * sign-in tests do not depend on the core's account actions). Returns the secret.
 */
export async function enrolTotp(user: NewUser, poolId = POOL_ID, clientId = CLIENT_ID): Promise<string> {
  const { AuthenticationResult: tokens } = await cognito('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
  });
  const { SecretCode } = await cognito<{ SecretCode: string }>('AssociateSoftwareToken', { AccessToken: tokens.AccessToken });
  await cognito('VerifySoftwareToken', { AccessToken: tokens.AccessToken, UserCode: totp(SecretCode) });
  await setUserMfa(user.username, { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }, poolId);
  // Leave no session of ours behind.
  await cognito('RevokeToken', { Token: tokens.RefreshToken, ClientId: clientId });
  return SecretCode;
}

/** Creates a pool (CreateUserPool input) with one public app client for every flow; returns their ids. */
export async function createPool(input: Record<string, unknown>, clientInput: Record<string, unknown> = {}): Promise<{ poolId: string; clientId: string }> {
  const { UserPool } = await cognito('CreateUserPool', { PoolName: uniqueName('pool'), ...input });
  const { UserPoolClient } = await cognito('CreateUserPoolClient', {
    UserPoolId: UserPool.Id,
    ClientName: 'browser-tests',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_AUTH'],
    ...clientInput,
  });
  return { poolId: UserPool.Id, clientId: UserPoolClient.ClientId };
}

let pageClientId: Promise<string> | undefined;

/**
 * An app client of the demo pool that only this page uses (every flow, like the seeded public one).
 * Clients of one pool and app client talk across tabs over a BroadcastChannel, and the other test
 * pages of a run are such tabs: a test that counts events uses this app client, so that no event
 * from another page's sign-in or refresh can be counted in.
 */
export function pageAppClientId(): Promise<string> {
  pageClientId ??= cognito('CreateUserPoolClient', {
    UserPoolId: POOL_ID,
    ClientName: `browser-tests-${uniqueName('page')}`,
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_AUTH'],
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
  }).then((r) => r.UserPoolClient.ClientId as string);
  return pageClientId;
}

// ---------------------------------------------------------------------------------------------
// Outbox, TOTP

export async function outbox(username: string, purpose: string): Promise<OutboxMessage[]> {
  const query = new URLSearchParams({ username, purpose });
  const res = await fetch(`${emulatorUrl()}/__emulator/outbox?${query}`);
  if (!res.ok) throw new Error(`outbox: HTTP ${res.status}`);
  return res.json();
}

/** The newest code sent to the user for this purpose (fails the test if there is none). */
export async function latestCode(username: string, purpose: string): Promise<string> {
  const messages = await outbox(username, purpose);
  if (messages.length === 0) throw new Error(`no ${purpose} code in the outbox for ${username}`);
  return messages[messages.length - 1].code;
}

const totpFor = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });

/** The current code of an authenticator app holding this secret. */
export function totp(secret: string): string {
  return totpFor(secret).generate();
}

/** A six-digit code that is certainly wrong now: none of the codes of the previous, current and next period. */
export function wrongTotp(secret: string): string {
  const t = totpFor(secret);
  const near = new Set([-1, 0, 1].map((step) => t.generate({ timestamp: Date.now() + step * 30_000 })));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

// ---------------------------------------------------------------------------------------------
// Faults and clock (emulator-wide: see holdEmulator)

export async function injectFault(spec: FaultSpec): Promise<void> {
  const res = await fetch(`${emulatorUrl()}/__emulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(spec) });
  if (!res.ok) throw new Error(`faults: HTTP ${res.status}`);
}

export async function clearFaults(): Promise<void> {
  await fetch(`${emulatorUrl()}/__emulator/faults`, { method: 'DELETE' });
}

/** Moves the emulator's clock; returns the offset it had before, for restoreClock. */
export async function advanceClock(ms: number): Promise<number> {
  const before = await (await fetch(`${emulatorUrl()}/__emulator/clock`)).json();
  await fetch(`${emulatorUrl()}/__emulator/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) });
  return before.offsetMs;
}

export async function restoreClock(offsetMs: number): Promise<void> {
  await fetch(`${emulatorUrl()}/__emulator/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ offsetMs }) });
}

/**
 * Faults and the clock are emulator-wide, and web-test-runner may run several test files at once
 * (pages of one browser, one origin, so one lock manager). So every test that uses this holds a Web
 * Lock on the emulator: shared by default, exclusive for tests that inject faults or move the clock,
 * which then never overlap another page's test. Call inside a describe() (not nested in another that
 * calls it); it adds before/afterEach hooks, and afterEach also disposes the test's clients.
 */
export function holdEmulator(mode: 'shared' | 'exclusive'): void {
  let release: (() => void) | undefined;
  beforeEach(async () => {
    await new Promise<void>((granted) => {
      const held = new Promise<void>((resolve) => (release = resolve));
      // Never wait past the hook's timeout (a request left behind could be granted later and never
      // released); without the lock the test still runs, only unguarded, and says so.
      navigator.locks
        .request('cognito-elements-tests:emulator', { mode, signal: AbortSignal.timeout(8_000) }, () => {
          granted();
          return held;
        })
        .catch((error) => {
          console.warn(`holdEmulator: running without the ${mode} emulator lock: ${error}`);
          granted();
        });
    });
  });
  afterEach(async () => {
    release?.();
    release = undefined;
    disposeClients();
    if (mode === 'exclusive') await clearFaults();
  });
}

/** Runs fn with Date.now() moved forward, as if that much time had passed on this device. */
export async function withDeviceTimeAdvanced<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const realNow = Date.now;
  Date.now = () => realNow.call(Date) + ms;
  try {
    return await fn();
  } finally {
    Date.now = realNow;
  }
}

/** The rejection of a promise that should reject (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** Narrows a sign-in step to the one expected, failing with the whole step in the message otherwise. */
export function expectStep<N extends SignInStep['step']>(step: SignInStep, name: N): Extract<SignInStep, { step: N }> {
  if (step?.step !== name) throw new Error(`expected the ${name} step, got ${JSON.stringify(step)}`);
  return step as Extract<SignInStep, { step: N }>;
}

/**
 * A memory store that also keeps every session value written to it, so a test can see the refresh
 * tokens the client stored (they are never part of the Session the app sees).
 */
export function recordingStore(): { store: SessionStore; refreshTokens: () => string[] } {
  const inner = memoryStore();
  const written: unknown[] = [];
  const store: SessionStore = {
    get: (key) => inner.get(key),
    set: (key, value) => {
      written.push(structuredClone(value));
      return inner.set(key, value);
    },
    remove: (key) => inner.remove(key),
  };
  const refreshTokens = () => {
    const tokens = written
      .map((v) => (v && typeof v === 'object' ? (v as { refreshToken?: unknown }).refreshToken : undefined))
      .filter((t): t is string => typeof t === 'string');
    return tokens.filter((t, i) => tokens.indexOf(t) === i);
  };
  return { store, refreshTokens };
}
