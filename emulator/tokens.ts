/**
 * Cognito's tokens: RS256 JWTs signed with a key per pool (jose), the claims Cognito puts in them,
 * opaque refresh tokens, and the checks token-authorised actions make before trusting one.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { Emulator } from './context.ts';
import * as E from './errors.ts';
import { userNamed, requirePool } from './model.ts';
import type { ClientConfig, Pool, PoolKeys, RefreshTokenRecord, User } from './state.ts';

export async function generatePoolKeys(): Promise<PoolKeys> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomBytes(16).toString('base64url');
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
  return { kid, publicJwk, privateJwk };
}

export function issuer(emu: Emulator, pool: Pool): string {
  return `${emu.url}/${pool.config.Id}`;
}

export function jwks(pool: Pool): { keys: Record<string, unknown>[] } {
  return { keys: [pool.keys.publicJwk] };
}

export function openIdConfiguration(emu: Emulator, pool: Pool): Record<string, unknown> {
  const iss = issuer(emu, pool);
  return {
    issuer: iss,
    jwks_uri: `${iss}/.well-known/jwks.json`,
    authorization_endpoint: `${emu.url}/oauth2/authorize`,
    token_endpoint: `${emu.url}/oauth2/token`,
    userinfo_endpoint: `${emu.url}/oauth2/userInfo`,
    end_session_endpoint: `${emu.url}/logout`,
    response_types_supported: ['code', 'token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  };
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** Token lifetimes in seconds from the client's validity and units. */
export function lifetimes(client: ClientConfig): { access: number; id: number; refresh: number } {
  const u = client.TokenValidityUnits;
  return {
    access: client.AccessTokenValidity * UNIT_SECONDS[u.AccessToken ?? 'hours'],
    id: client.IdTokenValidity * UNIT_SECONDS[u.IdToken ?? 'hours'],
    refresh: client.RefreshTokenValidity * UNIT_SECONDS[u.RefreshToken ?? 'days'],
  };
}

async function sign(pool: Pool, claims: Record<string, unknown>): Promise<string> {
  const key = await importJWK(pool.keys.privateJwk as never, 'RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: pool.keys.kid }).sign(key);
}

export interface IssueOptions {
  /** When the user authenticated (seconds); kept across refreshes. */
  authTime?: number;
  originJti?: string;
  deviceKey?: string;
  /** Whether to mint a new refresh token (sign-in and rotation) or not (plain refresh). */
  withRefreshToken: boolean;
}

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

/** ID token claims: identity plus every readable attribute, booleans and numbers as JSON types. */
function idTokenAttributes(user: User): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(user.Attributes)) {
    if (name === 'email_verified' || name === 'phone_number_verified') out[name] = value === 'true';
    else if (name === 'updated_at') out[name] = Number(value);
    else out[name] = value;
  }
  return out;
}

export async function issueTokens(emu: Emulator, pool: Pool, client: ClientConfig, user: User, options: IssueOptions): Promise<AuthenticationResult> {
  const now = Math.floor(emu.now() / 1000);
  const life = lifetimes(client);
  const originJti = options.originJti ?? randomUUID();
  const authTime = options.authTime ?? now;
  const eventId = randomUUID();
  const iss = issuer(emu, pool);
  const common = { iss, origin_jti: originJti, event_id: eventId, auth_time: authTime, iat: now };

  const accessToken = await sign(pool, {
    sub: user.Attributes.sub,
    ...(options.deviceKey ? { device_key: options.deviceKey } : {}),
    ...common,
    client_id: client.ClientId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    exp: now + life.access,
    jti: randomUUID(),
    username: user.Username,
  });
  const idToken = await sign(pool, {
    ...idTokenAttributes(user),
    sub: user.Attributes.sub,
    ...common,
    'cognito:username': user.Username,
    aud: client.ClientId,
    token_use: 'id',
    exp: now + life.id,
    jti: randomUUID(),
  });
  const result: AuthenticationResult = { AccessToken: accessToken, IdToken: idToken, ExpiresIn: life.access, TokenType: 'Bearer' };
  if (options.withRefreshToken) {
    result.RefreshToken = mintRefreshToken(emu, pool, client, user, originJti, authTime, options.deviceKey);
  }
  return result;
}

export function mintRefreshToken(emu: Emulator, pool: Pool, client: ClientConfig, user: User, originJti: string, authTime: number, deviceKey?: string): string {
  // Real refresh tokens are opaque encrypted JWTs (five dot-separated parts); clients must not parse them.
  const token = ['eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ', ...[32, 12, 64, 16].map((n) => randomBytes(n).toString('base64url'))].join('.');
  const now = emu.now();
  emu.state.refreshTokens[token] = {
    poolId: pool.config.Id,
    clientId: client.ClientId,
    username: user.Username,
    originJti,
    deviceKey,
    issuedAt: now,
    expiresAt: now + lifetimes(client).refresh * 1000,
    revoked: false,
    authTime,
  };
  emu.changed();
  return token;
}

/** Is this token family (origin_jti) revoked? */
export function isRevoked(emu: Emulator, originJti: string | undefined): boolean {
  return originJti !== undefined && emu.state.revokedJtis[originJti] !== undefined;
}

/** Revokes one token family: its refresh tokens and every access and ID token minted with it. */
export function revokeFamily(emu: Emulator, originJti: string): void {
  emu.state.revokedJtis[originJti] = emu.now();
  for (const record of Object.values(emu.state.refreshTokens)) {
    if (record.originJti === originJti) record.revoked = true;
  }
  emu.changed();
}

/** Revokes every token family of a user in a pool (GlobalSignOut, AdminUserGlobalSignOut, DeleteUser). */
export function revokeAllForUser(emu: Emulator, pool: Pool, user: User): void {
  for (const record of Object.values(emu.state.refreshTokens)) {
    if (record.poolId === pool.config.Id && record.username === user.Username && !record.revoked) revokeFamily(emu, record.originJti);
  }
}

export interface AccessTokenContext {
  pool: Pool;
  user: User;
  clientId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON (JWT claims, a WebAuthn credential): each member is checked where it is read
  claims: Record<string, any>;
}

/**
 * Verifies an access token the way token-authorised actions do: signature with the pool's key,
 * expiry on the emulator's clock, token_use, revocation and the user still existing.
 */
export async function verifyAccessToken(emu: Emulator, token: unknown): Promise<AccessTokenContext> {
  if (typeof token !== 'string' || token.split('.').length !== 3) throw E.NotAuthorized('Invalid Access Token');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON (JWT claims, a WebAuthn credential): each member is checked where it is read
  let unverified: Record<string, any>;
  try {
    unverified = decodeJwt(token);
  } catch {
    throw E.NotAuthorized('Invalid Access Token');
  }
  const poolId = typeof unverified.iss === 'string' ? unverified.iss.split('/').pop() : undefined;
  const pool = poolId ? emu.state.pools[poolId] : undefined;
  if (!pool || unverified.token_use !== 'access') throw E.NotAuthorized('Invalid Access Token');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON (JWT claims, a WebAuthn credential): each member is checked where it is read
  let claims: Record<string, any>;
  try {
    const key = await importJWK(pool.keys.publicJwk as never, 'RS256');
    ({ payload: claims } = await jwtVerify(token, key, { currentDate: new Date(emu.now()), issuer: issuer(emu, pool) }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw E.NotAuthorized('Access Token has expired');
    throw E.NotAuthorized('Invalid Access Token');
  }
  const user = userNamed(pool, String(claims.username));
  if (!user || user.Attributes.sub !== claims.sub) throw E.UserNotFound('User does not exist.');
  if (isRevoked(emu, claims.origin_jti)) {
    throw E.NotAuthorized('Access Token has been revoked');
  }
  if (!user.Enabled) throw E.NotAuthorized('User is disabled.');
  return { pool, user, clientId: claims.client_id, claims };
}

/** Looks up a refresh token for REFRESH_TOKEN_AUTH / GetTokensFromRefreshToken (not yet checked for rotation). */
export function lookupRefreshToken(emu: Emulator, token: unknown, clientId: string): { record: RefreshTokenRecord; pool: Pool; user: User } {
  const record = typeof token === 'string' ? (emu.state.refreshTokens[token] as RefreshTokenRecord | undefined) : undefined;
  if (!record || record.clientId !== clientId) throw E.NotAuthorized('Invalid Refresh Token');
  const pool = requirePool(emu, record.poolId);
  const user = userNamed(pool, record.username);
  if (!user) throw E.NotAuthorized('Refresh Token has been revoked');
  if (record.revoked || isRevoked(emu, record.originJti)) {
    throw E.NotAuthorized('Refresh Token has been revoked');
  }
  if (emu.now() > record.expiresAt) throw E.NotAuthorized('Refresh Token has expired');
  if (!user.Enabled) throw E.NotAuthorized('User is disabled.');
  return { record, pool, user };
}
