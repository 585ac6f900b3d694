/**
 * Reads a session that amazon-cognito-identity-js (alone or under Amplify v5) or Amplify v6 left in
 * localStorage, so an app moving to this kit keeps its signed-in users and remembered devices. Only
 * on request, and read-only: clearing is a separate call the app makes once the import has been
 * stored.
 *
 * Key layout (the same in all three; Amplify v6 kept it for compatibility):
 *   CognitoIdentityServiceProvider.<clientId>.LastAuthUser            -> <user> (USER_ID_FOR_SRP)
 *   CognitoIdentityServiceProvider.<clientId>.<user>.idToken | accessToken | refreshToken | clockDrift
 *   CognitoIdentityServiceProvider.<clientId>.<user>.deviceKey | deviceGroupKey | randomPasswordKey
 * Differences:
 *   - clockDrift: amazon-cognito-identity-js stores seconds, device clock minus server clock
 *     (now - iat at sign-in); Amplify v6 stores milliseconds with the opposite sign (iat - now).
 *     v6 is recognised by the keys only it writes: <user>.signInDetails, <user>.oauthMetadata,
 *     <clientId>.AuthUserList.
 *   - Recent Amplify v6 releases keep several signed-in users in <clientId>.AuthUserList (active user
 *     first) and keep LastAuthUser equal to its head; the active user is the one imported.
 *   - Amplify v6 writes the literal "username" when no user is signed in; that is no session.
 *   - amazon-cognito-identity-js also writes <user>.userData (a cached GetUser answer): not imported.
 */

// Types only: a value import would split session.ts out of the core bundle into a shared chunk.
import type { StoredSession } from './session.ts';
import type { SessionStore } from './storage.ts';

const PREFIX = 'CognitoIdentityServiceProvider';

/** A session left behind by amazon-cognito-identity-js or Amplify. */
export interface LegacySession {
  /** The user the keys are stored under: USER_ID_FOR_SRP (the sub in pools that sign in by email). */
  username: string;
  idToken: string;
  accessToken: string;
  /** Opaque to clients (an encrypted JWT of five parts): only checked to be one printable word. */
  refreshToken: string;
  /** Device clock minus server clock at sign-in, in seconds (positive: the device runs ahead). */
  clockDriftSeconds?: number;
  /** Present only when all three device values are stored (a device confirmed with ConfirmDevice). */
  device?: { deviceKey: string; deviceGroupKey: string; randomPassword: string };
}

type Reader = Pick<Storage, 'getItem'>;

/** The user whose session is stored, or undefined. */
function activeUser(clientId: string, storage: Reader): string | undefined {
  const last = storage.getItem(`${PREFIX}.${clientId}.LastAuthUser`);
  const first = storage.getItem(`${PREFIX}.${clientId}.AuthUserList`)?.split(',').find(Boolean);
  const user = last || first;
  return user && user !== 'username' ? user : undefined;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A JSON object from one base64url part of a JWT, or undefined. */
function jsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

/** Three base64url parts whose first two decode to JSON objects: what any JWT looks like. */
function looksLikeJwt(token: string | null): token is string {
  const parts = token?.split('.');
  if (!parts || parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return false;
  return parts.slice(0, 2).every((part) => jsonPart(part) !== undefined);
}

/** The exp of a token that also has a numeric iat before it (what the core needs to use it), else throws. */
function expiry(token: string): number {
  const { exp, iat } = jsonPart(token.split('.')[1])!;
  if (typeof exp !== 'number' || typeof iat !== 'number' || exp <= iat) throw new Error('a stored token has no usable exp and iat');
  return exp;
}

/** Whatever was stored in the refresh token's place must at least be dot-separated base64url. */
function looksLikeRefreshToken(token: string | null): token is string {
  return !!token && token.split('.').every((part) => part === '' || BASE64URL.test(part)) && /[A-Za-z0-9]/.test(token);
}

function clockDriftSeconds(raw: string | null, writtenByAmplifyV6: boolean): number | undefined {
  if (raw === null || !/^-?\d+$/.test(raw.trim())) return undefined;
  const value = Number.parseInt(raw, 10);
  // 0 - 0 would give -0, which equals 0 but prints oddly.
  return writtenByAmplifyV6 ? Math.round(-value / 1000) || 0 : value;
}

/** The page's localStorage, or undefined: absent in Node, and merely touching it throws a SecurityError where the user blocks site data. */
function pageLocalStorage(): Reader | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The session stored for clientId, or undefined when there is none or it is not usable (a token
 * missing or not shaped like a token). Never throws for bad content and never writes; an error
 * thrown by storage.getItem itself is passed on.
 */
export function readLegacySession(clientId: string, storage: Reader | undefined = pageLocalStorage()): LegacySession | undefined {
  if (!storage) return undefined;
  const username = activeUser(clientId, storage);
  if (!username) return undefined;
  const item = (name: string) => storage.getItem(`${PREFIX}.${clientId}.${username}.${name}`);

  const idToken = item('idToken');
  const accessToken = item('accessToken');
  const refreshToken = item('refreshToken');
  if (!looksLikeJwt(idToken) || !looksLikeJwt(accessToken) || !looksLikeRefreshToken(refreshToken)) return undefined;

  const writtenByAmplifyV6 = item('signInDetails') !== null || item('oauthMetadata') !== null || storage.getItem(`${PREFIX}.${clientId}.AuthUserList`) !== null;
  const session: LegacySession = { username, idToken, accessToken, refreshToken };
  const drift = clockDriftSeconds(item('clockDrift'), writtenByAmplifyV6);
  if (drift !== undefined) session.clockDriftSeconds = drift;

  const deviceKey = item('deviceKey');
  const deviceGroupKey = item('deviceGroupKey');
  const randomPassword = item('randomPasswordKey');
  if (deviceKey && deviceGroupKey && randomPassword) session.device = { deviceKey, deviceGroupKey, randomPassword };
  return session;
}

/** Every key the legacy clients keep for one user (amazon-cognito-identity-js and Amplify v6). */
const USER_KEYS = [
  'idToken',
  'accessToken',
  'refreshToken',
  'clockDrift',
  'userData',
  'signInDetails',
  'oauthMetadata',
  'oidcProvider',
  'deviceKey',
  'deviceGroupKey',
  'randomPasswordKey',
];

/**
 * Removes the stored session of clientId's active user, device keys included (the import carried the
 * device over; leaving its password behind would keep a second copy of a secret), and the pointers
 * to it (LastAuthUser, and Amplify v6's AuthUserList, as the kit now owns the session). Other users
 * in an AuthUserList keep their keys but leave the list.
 */
export function clearLegacySession(clientId: string, storage: Pick<Storage, 'getItem' | 'removeItem'>): void {
  const username = activeUser(clientId, storage);
  if (username) for (const name of USER_KEYS) storage.removeItem(`${PREFIX}.${clientId}.${username}.${name}`);
  storage.removeItem(`${PREFIX}.${clientId}.LastAuthUser`);
  storage.removeItem(`${PREFIX}.${clientId}.AuthUserList`);
}

/**
 * The client's one-time import (option `importLegacySession`): when the store holds no session, the
 * legacy one is validated in full (both tokens decode, with exp after iat), stored with its device,
 * and cleared from localStorage. A legacy session that fails validation, or a store that fails, is
 * warned about and cleared, and the client goes on signed out: it must not fail on every load.
 */
export async function importLegacySession(
  clientId: string,
  store: SessionStore,
  warn: (message: string, cause?: unknown) => void,
  storage: (Reader & Pick<Storage, 'removeItem'>) | undefined = pageLocalStorage() as Storage | undefined,
): Promise<void> {
  if (!storage) return;
  try {
    // The keys of session.ts (SESSION_KEY, deviceKeyFor), spelled out: see the import above.
    if (await store.get('session')) return;
    const legacy = readLegacySession(clientId, storage);
    if (!legacy) return;
    expiry(legacy.idToken);
    // The old client kept exp in server time and its clock drift (device minus server, seconds):
    // the expiry on this device's clock is exp shifted by that drift.
    const session: StoredSession = {
      username: legacy.username,
      idToken: legacy.idToken,
      accessToken: legacy.accessToken,
      refreshToken: legacy.refreshToken,
      expiresAt: (expiry(legacy.accessToken) + (legacy.clockDriftSeconds ?? 0)) * 1000,
      deviceKey: legacy.device?.deviceKey,
    };
    await store.set('session', session);
    if (legacy.device) await store.set(`device:${legacy.username}`, legacy.device);
  } catch (error) {
    warn('The session left by amazon-cognito-identity-js or Amplify could not be imported; it was removed.', error);
  }
  try {
    clearLegacySession(clientId, storage);
  } catch {
    // Storage that throws on removal leaves nothing this client could do better.
  }
}
