/**
 * The signed-in session as the core keeps it: the three tokens, when they stop being usable on
 * this device's clock, and what the ID token says about the user. Tokens are decoded to read
 * claims, never trusted: only Cognito (or a backend with aws-jwt-verify) can trust them.
 */
import type { AuthenticationResult } from './actions.ts';
import { MalformedResponseError } from './errors.ts';

export interface JwtClaims {
  sub: string;
  exp: number;
  iat: number;
  token_use?: 'id' | 'access';
  [claim: string]: unknown;
}

/** The claims of a JWT, without verifying it. Throws MalformedResponseError if it is not a JWT. */
export function decodeJwt(token: string): JwtClaims {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) throw new MalformedResponseError('A token from Cognito is not a JWT.');
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json);
    if (!claims || typeof claims !== 'object' || typeof claims.exp !== 'number' || typeof claims.iat !== 'number') throw new Error();
    return claims;
  } catch {
    throw new MalformedResponseError('A token from Cognito has an unreadable payload.');
  }
}

/** What is stored per signed-in user (JSON-compatible, so any store can hold it). */
export interface StoredSession {
  /** The username Cognito knows the user by (USER_ID_FOR_SRP, `cognito:username`). */
  username: string;
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /**
   * When the tokens stop being usable, in this device's clock (ms): the receipt time plus the
   * lifetime Cognito gave (ExpiresIn, and the ID token's exp - iat). A device clock that is hours
   * off does not matter, because only durations from Cognito are used.
   */
  expiresAt: number;
  /** The remembered device these tokens were issued to, if any. */
  deviceKey?: string;
  /**
   * Random per sign-in and kept by its refreshes: a write that began for one sign-in (a refresh
   * answer, a device confirmation) lands only while that sign-in is still the stored one, so a
   * sign-out or a newer sign-in is never overwritten by it. Absent in sessions stored before.
   */
  generation?: string;
}

export const SESSION_KEY = 'session';
export const deviceKeyFor = (username: string) => `device:${username}`;

/** A remembered device's secret, kept per user so device SRP can skip MFA next time. */
export interface StoredDevice {
  deviceKey: string;
  deviceGroupKey: string;
  randomPassword: string;
}

/** The session the app sees. */
export interface Session {
  username: string;
  idToken: string;
  accessToken: string;
  /** Claims of the ID token (email, name, custom:*, ...), decoded, not verified. */
  claims: JwtClaims;
  /** When the tokens stop being usable (device clock, ms). */
  expiresAt: number;
}

/** Builds what is stored from a successful authentication, received at `receivedAt` (device ms). */
export function sessionFromResult(result: AuthenticationResult, receivedAt: number, previous?: StoredSession): StoredSession {
  const id = decodeJwt(result?.IdToken);
  const access = decodeJwt(result?.AccessToken);
  // No lifetime, or one of zero or less, would make the session stale on arrival and the refresh timer spin.
  if (!(result.ExpiresIn > 0) || id.exp <= id.iat || access.exp <= access.iat) {
    throw new MalformedResponseError('Cognito answered without the tokens of a completed sign-in.');
  }
  const username = String(access.username ?? id['cognito:username'] ?? previous?.username ?? '');
  if (!username) throw new MalformedResponseError('The tokens from Cognito do not name the user.');
  const idLifetime = (id.exp - id.iat) * 1000;
  return {
    username,
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    // A plain refresh returns no refresh token: keep the one we have.
    refreshToken: result.RefreshToken ?? previous?.refreshToken,
    expiresAt: receivedAt + Math.min(result.ExpiresIn * 1000, idLifetime),
    deviceKey: typeof access.device_key === 'string' ? access.device_key : previous?.deviceKey,
    generation: previous ? previous.generation : Math.random().toString(36).slice(2),
  };
}

export function toSession(stored: StoredSession): Session {
  return {
    username: stored.username,
    idToken: stored.idToken,
    accessToken: stored.accessToken,
    claims: decodeJwt(stored.idToken),
    expiresAt: stored.expiresAt,
  };
}

/**
 * Usable for at least `marginMs` more, both by the lifetime Cognito gave on this device's clock
 * (`now`) and by the access token's exp against the server's clock (`serverNow`): the second
 * catches a device clock corrected after sign-in, which moves `now` but not the token's expiry.
 */
export function isFresh(stored: StoredSession, now: number, serverNow: number, marginMs: number): boolean {
  return stored.expiresAt - now > marginMs && decodeJwt(stored.accessToken).exp * 1000 - serverNow > marginMs;
}
