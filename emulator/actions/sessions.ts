/**
 * What happens to tokens after sign-in: refreshing them (with or without refresh-token rotation),
 * revoking them (RevokeToken, GlobalSignOut) and the user's view of their signed-in sessions.
 *
 * A "session" is a refresh-token family: every token minted from one sign-in shares its origin_jti,
 * so revoking the family refuses the refresh tokens and every access and ID token minted with them.
 */
import { decodeJwt } from 'jose';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AccessTokenInput, AdminUserInput, ClientMetadata } from '../api-shapes.ts';
import type { Emulator, RequestContext } from '../context.ts';
import * as E from '../errors.ts';
import { ServiceError } from '../errors.ts';
import { requireClient, requirePool, requireUser } from '../model.ts';
import { refreshTokens } from '../rules/refresh.ts';
import { authorizeUser } from '../rules/signed-in.ts';
import type { ClientConfig, Pool, User } from '../state.ts';
import { isRevoked, lookupRefreshToken, revokeAllForUser, revokeFamily } from '../tokens.ts';
import { required } from '../validate.ts';

// ---------------------------------------------------------------------------------------------
// Refresh

/** A client with a secret must present it as ClientSecret (GetTokensFromRefreshToken, RevokeToken). */
function checkClientSecret(client: ClientConfig, given: unknown, fail: (message: string) => ServiceError): void {
  if (!client.ClientSecret) return;
  if (typeof given !== 'string' || given === '') {
    throw fail(`Client ${client.ClientId} is configured with secret but ClientSecret was not received`);
  }
  const a = Buffer.from(given);
  const b = Buffer.from(client.ClientSecret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw fail(`Unable to verify client secret for client ${client.ClientId}`);
}

function rotationEnabled(client: ClientConfig): boolean {
  return client.RefreshTokenRotation?.Feature === 'ENABLED';
}

// ---------------------------------------------------------------------------------------------
// Sessions (refresh-token families)

/**
 * Cognito's session ids are 28 lowercase letters and digits starting with `tkn`; ours are derived
 * from the family's origin_jti so they stay stable without storing anything more.
 */
export function sessionIdFor(originJti: string): string {
  return `tkn${createHash('sha256').update(originJti).digest('hex').slice(0, 25)}`;
}

interface Family {
  originJti: string;
  clientId: string;
  deviceKey?: string;
  createdAt: number;
  lastActiveAt: number;
}

/** The user's live sessions: families with at least one unrevoked, unexpired refresh token. */
function liveFamilies(emu: Emulator, pool: Pool, user: User): Family[] {
  const now = emu.now();
  const families = new Map<string, Family & { live: boolean }>();
  for (const record of Object.values(emu.state.refreshTokens)) {
    if (record.poolId !== pool.config.Id || record.username !== user.Username) continue;
    const family = families.get(record.originJti) ?? {
      originJti: record.originJti,
      clientId: record.clientId,
      deviceKey: record.deviceKey,
      createdAt: record.issuedAt,
      lastActiveAt: record.issuedAt,
      live: false,
    };
    family.createdAt = Math.min(family.createdAt, record.issuedAt);
    family.lastActiveAt = Math.max(family.lastActiveAt, record.issuedAt, record.rotatedAt ?? 0);
    family.live ||= !record.revoked && now <= record.expiresAt;
    families.set(record.originJti, family);
  }
  return [...families.values()]
    .filter((f) => f.live && !isRevoked(emu, f.originJti))
    .sort((a, b) => a.createdAt - b.createdAt || a.originJti.localeCompare(b.originJti))
    .map(({ live: _live, ...family }) => family);
}

const PAGE_SIZE = 60;

/** One page of sessions as SessionDescriptionType, with an opaque NextToken (an offset). */
function sessionPage(emu: Emulator, pool: Pool, user: User, nextToken: unknown, currentJti?: string) {
  const families = liveFamilies(emu, pool, user);
  let start = 0;
  if (nextToken !== undefined && nextToken !== null) {
    start = Number.parseInt(Buffer.from(String(nextToken), 'base64url').toString('utf8'), 10);
    if (!Number.isInteger(start) || start < 0 || start > families.length) throw E.InvalidParameter('Invalid pagination token.');
  }
  const page = families.slice(start, start + PAGE_SIZE);
  const seconds = (ms: number) => Math.floor(ms / 1000);
  return {
    Sessions: page.map((f) => ({
      SessionId: sessionIdFor(f.originJti),
      SessionType: 'TOKEN',
      ClientId: f.clientId,
      CreateDate: seconds(f.createdAt),
      LastActiveDate: seconds(f.lastActiveAt),
      DeviceType: 'unknown',
      IsCurrentSession: f.originJti === currentJti,
    })),
    ...(start + PAGE_SIZE < families.length ? { NextToken: Buffer.from(String(start + PAGE_SIZE)).toString('base64url') } : {}),
  };
}

function revokeSession(emu: Emulator, pool: Pool, user: User, sessionId: unknown, currentJti?: string): void {
  const family = liveFamilies(emu, pool, user).find((f) => sessionIdFor(f.originJti) === sessionId);
  if (!family) throw E.ResourceNotFound('Session does not exist.');
  // The API says a user cannot revoke the session they are calling with (GlobalSignOut does that).
  if (family.originJti === currentJti) throw E.InvalidParameter('The current session cannot be revoked with RevokeUserSession.');
  revokeFamily(emu, family.originJti);
}

function checkRevokeAssociated(value: unknown): void {
  if (value !== undefined && value !== null && value !== 'NONE' && value !== 'LINKED') {
    throw E.InvalidParameter(
      `1 validation error detected: Value '${String(value)}' at 'revokeAssociatedSessions' failed to satisfy constraint: Member must satisfy enum value set: [NONE, LINKED]`,
    );
  }
}

// ---------------------------------------------------------------------------------------------

export interface GetTokensFromRefreshTokenInput {
  RefreshToken: string;
  ClientId: string;
  ClientSecret?: string;
  DeviceKey?: string;
  ClientMetadata?: ClientMetadata;
}

export async function getTokensFromRefreshToken(input: GetTokensFromRefreshTokenInput, { emu }: RequestContext) {
  required(input, 'RefreshToken', 'ClientId');
  const { client } = requireClient(emu, input.ClientId);
  checkClientSecret(client, input.ClientSecret, E.NotAuthorized);
  const { record, pool, user } = lookupRefreshToken(emu, input.RefreshToken, client.ClientId);
  if (input.DeviceKey !== undefined && input.DeviceKey !== null && !user.devices[input.DeviceKey]?.confirmed) {
    throw E.ResourceNotFound('Device does not exist.');
  }
  const rotate = rotationEnabled(client);
  if (rotate && record.rotatedAt !== undefined) {
    const graceMs = (client.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0) * 1000;
    if (emu.now() - record.rotatedAt < graceMs && record.replacedBy) {
      // A retry (another tab, a lost response): fresh access/ID tokens and the same replacement.
      const result = await refreshTokens(emu, pool, client, user, record, false);
      return { AuthenticationResult: { ...result, RefreshToken: record.replacedBy } };
    }
    // Reuse after the grace period looks like a stolen token: the whole family goes.
    revokeFamily(emu, record.originJti);
    throw E.RefreshTokenReuse('Refresh token has been reused.');
  }
  return { AuthenticationResult: await refreshTokens(emu, pool, client, user, record, rotate) };
}

export interface RevokeTokenInput {
  Token: string;
  ClientId: string;
  ClientSecret?: string;
  /** Not in the API reference's RevokeToken yet the emulator honours it as RevokeUserSession does. */
  RevokeAssociatedSessions?: boolean;
}

export function revokeToken(input: RevokeTokenInput, { emu }: RequestContext) {
  required(input, 'Token', 'ClientId');
  const unauthorized = (message: string) => new ServiceError('UnauthorizedException', message);
  const client = Object.values(emu.state.pools)
    .map((p) => p.clients[input.ClientId])
    .find(Boolean);
  if (!client) throw unauthorized(`Invalid client id ${String(input.ClientId)}`);
  checkClientSecret(client, input.ClientSecret, unauthorized);
  checkRevokeAssociated(input.RevokeAssociatedSessions);
  if (client.EnableTokenRevocation === false) throw E.UnsupportedOperation('Token revocation is not enabled for this client');
  const token = String(input.Token);
  // Access and ID tokens are signed JWTs (three parts); refresh tokens are opaque (five parts).
  if (token.split('.').length === 3) {
    let tokenUse: unknown;
    try {
      tokenUse = decodeJwt(token).token_use;
    } catch {
      tokenUse = undefined;
    }
    if (tokenUse === 'access' || tokenUse === 'id') throw E.UnsupportedTokenType('Unsupported token type');
  }
  const record = emu.state.refreshTokens[token];
  // Cognito does not tell whether an unknown token was ever valid.
  if (!record) return {};
  if (record.clientId !== client.ClientId) throw unauthorized('Invalid Refresh Token');
  revokeFamily(emu, record.originJti);
  return {};
}

export type GlobalSignOutInput = AccessTokenInput;

export async function globalSignOut(input: GlobalSignOutInput, { emu }: RequestContext) {
  const { pool, user, claims } = await authorizeUser(emu, input);
  revokeAllForUser(emu, pool, user);
  // Also the calling token's own family, in case its refresh token is gone already.
  if (typeof claims.origin_jti === 'string') revokeFamily(emu, claims.origin_jti);
  return {};
}

export type AdminUserGlobalSignOutInput = AdminUserInput;

export function adminUserGlobalSignOut(input: AdminUserGlobalSignOutInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username');
  const pool = requirePool(emu, input.UserPoolId);
  revokeAllForUser(emu, pool, requireUser(pool, input.Username));
  return {};
}

export interface ListUserSessionsInput extends AccessTokenInput {
  NextToken?: string;
}

export async function listUserSessions(input: ListUserSessionsInput, { emu }: RequestContext) {
  const { pool, user, claims } = await authorizeUser(emu, input);
  return sessionPage(emu, pool, user, input.NextToken, claims.origin_jti);
}

export interface AdminListUserSessionsInput extends AdminUserInput {
  NextToken?: string;
}

export function adminListUserSessions(input: AdminListUserSessionsInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username');
  const pool = requirePool(emu, input.UserPoolId);
  return sessionPage(emu, pool, requireUser(pool, input.Username), input.NextToken);
}

export interface RevokeUserSessionInput extends AccessTokenInput {
  SessionId: string;
  RevokeAssociatedSessions?: boolean;
}

export async function revokeUserSession(input: RevokeUserSessionInput, { emu }: RequestContext) {
  const { pool, user, claims } = await authorizeUser(emu, input);
  required(input, 'SessionId');
  checkRevokeAssociated(input.RevokeAssociatedSessions);
  revokeSession(emu, pool, user, input.SessionId, claims.origin_jti);
  return {};
}

export interface AdminRevokeUserSessionInput extends AdminUserInput {
  SessionId: string;
  RevokeAssociatedSessions?: boolean;
}

export function adminRevokeUserSession(input: AdminRevokeUserSessionInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username', 'SessionId');
  checkRevokeAssociated(input.RevokeAssociatedSessions);
  const pool = requirePool(emu, input.UserPoolId);
  // Username must be the session's owner: the session is looked up among that user's only.
  revokeSession(emu, pool, requireUser(pool, input.Username), input.SessionId);
  return {};
}
