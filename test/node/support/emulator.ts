/**
 * Shared helpers for the Node tests that run official clients against the emulator: start and
 * stop one emulator per test file, raw Cognito calls, the test controls under `/__emulator/`
 * (outbox, clock, faults, reset), TOTP codes on the emulator's clock, and the seed's fixed ids.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/index.ts';
import type { FaultSpec } from '../../../emulator/faults.ts';
import type { OutboxMessage } from '../../../emulator/state.ts';

export type { FaultSpec, OutboxMessage };

// ---------------------------------------------------------------------------------------------
// The default seed (emulator/seed.json)

export const POOL_ID = 'us-east-1_DemoPool1';
/** Public client, every flow, PreventUserExistenceErrors ENABLED, token revocation on. */
export const CLIENT_ID = 'democlient0000000000000001';
export const SECRET_CLIENT_ID = 'demosecretclient000000001a';
export const CLIENT_SECRET = 'demosecret0000000000000000000000000000000000000001';
/** Refresh-token rotation with a 10 s grace period. */
export const ROTATION_CLIENT_ID = 'demorotationclient0000001a';
export const ROTATION_GRACE_SECONDS = 10;
/** PreventUserExistenceErrors LEGACY: unknown users are reported as UserNotFoundException. */
export const LEGACY_CLIENT_ID = 'demolegacyclient000000001a';

/** A pool whose usernames are email addresses (stored username = sub). */
export const EMAIL_POOL_ID = 'us-east-1_EmailPool1';
export const EMAIL_POOL_CLIENT_ID = 'emailpoolclient00000000001';
export const EMAIL_POOL_USER = { email: 'alice@example.com', sub: '6a0c3b0e-1f55-4f2b-9f77-7d2f3c1a0e01' };

/** Every seeded user's password (for `newpassword` it is the temporary one: TEMP_PASSWORD). */
export const PASSWORD = 'Passw0rd!';
export const TEMP_PASSWORD = 'TempPassw0rd';
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const SMS_PHONE = '+15555550100';

export const USERS = {
  /** email demo@example.com (verified alias), name "Demo User", custom:plan "pro". */
  demo: 'demo',
  demoEmail: 'demo@example.com',
  /** TOTP MFA with TOTP_SECRET, preferred. */
  totp: 'totp',
  /** SMS MFA to SMS_PHONE, preferred. */
  sms: 'sms',
  /** Email OTP MFA, preferred. */
  email: 'email',
  /** FORCE_CHANGE_PASSWORD with TEMP_PASSWORD. */
  newPassword: 'newpassword',
  unconfirmed: 'unconfirmed',
} as const;

// ---------------------------------------------------------------------------------------------
// One emulator per test file

/** The getter `withEmulator` returns; `ready` resolves once the emulator listens. */
export interface EmulatorHandle {
  (): RunningEmulator;
  /**
   * For a file's own `before` hooks: Node 20 runs root-level `before` hooks concurrently, so a
   * hook that needs the emulator must await this rather than call the getter.
   */
  ready: Promise<RunningEmulator>;
}

/**
 * Starts an emulator (free port, quiet) before the file's tests and closes it after them. Call it
 * at the top level of a test file (or inside a describe) and use the getter inside tests.
 */
export function withEmulator(options: EmulatorOptions = {}): EmulatorHandle {
  let running: RunningEmulator | undefined;
  let settle!: { resolve: (e: RunningEmulator) => void; reject: (error: unknown) => void };
  const ready = new Promise<RunningEmulator>((resolve, reject) => (settle = { resolve, reject }));
  ready.catch(() => {}); // a start failure is reported by the hook below
  before(async () => {
    try {
      running = await startEmulator({ port: 0, quiet: true, ...options });
      settle.resolve(running);
    } catch (error) {
      settle.reject(error);
      throw error;
    }
  });
  after(async () => {
    await running?.close();
  });
  const get = () => {
    if (!running) throw new Error('The emulator is not running: call withEmulator() at the top of the test file.');
    return running;
  };
  return Object.assign(get, { ready });
}

// ---------------------------------------------------------------------------------------------
// Raw calls

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the body was not JSON. */
  body: any;
  text: string;
}

async function toRaw(response: Response): Promise<RawResponse> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/**
 * A Cognito user-pool action exactly as the SDKs send it: awsJson 1.1 on `POST /`. `headers` adds
 * to it, e.g. the `Origin` a browser page sends.
 */
export async function call(url: string, action: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return post(url, JSON.stringify(input), { 'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`, ...headers });
}

/** `POST /` with any body and headers (for protocol tests that send broken requests). */
export async function post(url: string, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', ...headers },
    body,
  });
  return toRaw(response);
}

/** Calls an action and fails (with the error body) unless it answered 200. */
export async function callOk(url: string, action: string, input: unknown, headers?: Record<string, string>): Promise<any> {
  const res = await call(url, action, input, headers);
  if (res.status !== 200) throw new Error(`${action} answered ${res.status}: ${res.text}`);
  return res.body;
}

/**
 * Calls an action that must be refused with this error type (400), and with this message when
 * given (a string is matched exactly); returns the message.
 */
export async function callFails(
  url: string,
  action: string,
  input: unknown,
  type: string,
  options: { message?: string | RegExp; headers?: Record<string, string> } = {},
): Promise<string> {
  const { status, body, text } = await call(url, action, input, options.headers);
  assert.equal(status, 400, `${action} should fail with ${type}, got ${status} ${text}`);
  assert.equal(body.__type, type, `${action}: ${body.message}`);
  if (typeof options.message === 'string') assert.equal(body.message, options.message);
  else if (options.message) assert.match(body.message, options.message);
  return body.message;
}

/** USER_PASSWORD_AUTH in one call; returns the AuthenticationResult (or throws with the answer). */
export async function passwordSignIn(url: string, username: string, password = PASSWORD, clientId = CLIENT_ID): Promise<any> {
  const body = await callOk(url, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  if (!body.AuthenticationResult) throw new Error(`InitiateAuth for ${username} answered a challenge: ${JSON.stringify(body)}`);
  return body.AuthenticationResult;
}

/** SignUp + ConfirmSignUp with the code from the outbox (public client), for a fresh CONFIRMED user. */
export async function signUpConfirmed(
  url: string,
  username: string,
  password = PASSWORD,
  attributes: Record<string, string> = { email: `${username}@example.com` },
  clientId = CLIENT_ID,
): Promise<{ userSub: string }> {
  const signUp = await callOk(url, 'SignUp', {
    ClientId: clientId,
    Username: username,
    Password: password,
    UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
  });
  const code = await latestCode(url, username, 'signup');
  await callOk(url, 'ConfirmSignUp', { ClientId: clientId, Username: username, ConfirmationCode: code });
  return { userSub: signUp.UserSub };
}

/** The payload of a JWT, unverified (for reading claims in assertions). */
export function jwtClaims(token: string): Record<string, any> {
  const part = token.split('.')[1];
  if (part === undefined) throw new Error(`Not a JWT: ${token.slice(0, 20)}...`);
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

// ---------------------------------------------------------------------------------------------
// Test controls

export type OutboxFilter = Partial<Pick<OutboxMessage, 'pool' | 'username' | 'destination' | 'purpose'>>;

/** Messages the emulator "sent", oldest first, filtered by the server. */
export async function outbox(url: string, filter: OutboxFilter = {}): Promise<OutboxMessage[]> {
  const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const response = await fetch(`${url}/__emulator/outbox?${query}`);
  if (response.status !== 200) throw new Error(`GET /__emulator/outbox answered ${response.status}`);
  return (await response.json()) as OutboxMessage[];
}

/** The code of the newest outbox message for this user (and purpose, e.g. `signup`, `forgot_password`). */
export async function latestCode(url: string, username: string, purpose?: string): Promise<string> {
  const messages = await outbox(url, { username, ...(purpose ? { purpose } : {}) });
  const last = messages.at(-1);
  if (!last) throw new Error(`No outbox message for ${username}${purpose ? ` with purpose ${purpose}` : ''}`);
  return last.code;
}

export interface ClockState {
  now: string;
  offsetMs: number;
}

async function control(url: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${method} /__emulator/${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** Moves the emulator's clock forward (tokens and codes expire without sleeping). */
export function advanceClock(url: string, ms: number): Promise<ClockState> {
  return control(url, 'POST', 'clock', { advanceMs: ms });
}

/** Sets the emulator's clock offset (0 puts it back on real time). */
export function setClockOffset(url: string, offsetMs: number): Promise<ClockState> {
  return control(url, 'POST', 'clock', { offsetMs });
}

export function getClock(url: string): Promise<ClockState> {
  return control(url, 'GET', 'clock');
}

export function injectFault(url: string, spec: FaultSpec): Promise<FaultSpec & { id: number; remaining: number }> {
  return control(url, 'POST', 'faults', spec);
}

export function listFaults(url: string): Promise<(FaultSpec & { id: number; remaining: number })[]> {
  return control(url, 'GET', 'faults');
}

export function clearFaults(url: string): Promise<unknown> {
  return control(url, 'DELETE', 'faults');
}

/** Puts the whole state back to the seed (and clears faults). */
export function resetEmulator(url: string): Promise<unknown> {
  return control(url, 'POST', 'reset', {});
}

// ---------------------------------------------------------------------------------------------
// TOTP (SHA1, 6 digits, 30 s), on the emulator's clock

function totp(secret: string): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
}

/**
 * The authenticator-app code for now on the emulator's clock: pass the offset the test moved the
 * clock by. `steps` picks a neighbouring 30-second step (the emulator accepts one either side),
 * so a test that needs two codes in one step can avoid presenting the same code twice.
 */
export function totpNow(secret: string, options: { offsetMs?: number; steps?: number } = {}): string {
  const timestamp = Date.now() + (options.offsetMs ?? 0) + (options.steps ?? 0) * 30_000;
  return totp(secret).generate({ timestamp });
}

/** A six-digit code that is valid in none of the steps around now, i.e. certainly wrong. */
export function wrongTotp(secret: string, offsetMs = 0): string {
  const near = new Set([-2, -1, 0, 1, 2].map((steps) => totpNow(secret, { offsetMs, steps })));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!near.has(candidate)) return candidate;
  }
}

/** What the promise rejects with; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}
