/**
 * The token side of the hosted UI: `/oauth2/token` (authorization_code with PKCE, refresh_token,
 * client_credentials; client authentication by HTTP Basic or form fields) and `/oauth2/userInfo`,
 * plus how the hosted UI shapes the API's tokens (scopes, nonce, at_hash, federated claims).
 * Errors are `{"error": ...}` as Cognito sends them: 400, or 401 for invalid_client.
 */
import { decodeJwt, importJWK, SignJWT } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getTokensFromRefreshToken } from './actions/sessions.ts';
import type { Emulator, RequestContext } from './context.ts';
import { ServiceError } from './errors.ts';
import { BodyTooLarge, readRawBody, sendJson } from './http.ts';
import { requireClient, userNamed } from './model.ts';
import type { ClientConfig, Pool, User } from './state.ts';
import { type AuthenticationResult, issueTokens, lifetimes, verifyAccessToken } from './tokens.ts';

const MAX_FORM = 64 << 10;

export function findClient(emu: Emulator, clientId: string | undefined): { pool: Pool; client: ClientConfig } | undefined {
  try {
    return requireClient(emu, clientId);
  } catch {
    return undefined;
  }
}

export const context = (emu: Emulator, action: string): RequestContext => ({ emu, requestId: randomUUID(), sourceIp: '127.0.0.1', action });

/** An x-www-form-urlencoded body (throws BodyTooLarge past 64 KiB). */
export async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  return Object.fromEntries(new URLSearchParams((await readRawBody(req, MAX_FORM)).toString('utf8')));
}

// ---------------------------------------------------------------------------------------------
// Tokens

export async function signClaims(pool: Pool, claims: Record<string, unknown>): Promise<string> {
  const key = await importJWK(pool.keys.privateJwk as never, 'RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: pool.keys.kid }).sign(key);
}

/** OIDC's at_hash: the left half of the access token's SHA-256, base64url. */
const atHash = (accessToken: string) => createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');

/** A federated user's provider (from the `identities` attribute), for its claims and group. */
function federatedProvider(user: User): { identities: unknown[]; provider: string } | undefined {
  if (user.UserStatus !== 'EXTERNAL_PROVIDER' || !user.Attributes.identities) return undefined;
  try {
    const identities = JSON.parse(user.Attributes.identities) as { providerName: string }[];
    return { identities, provider: identities[0]?.providerName };
  } catch {
    return undefined;
  }
}

export interface OAuthTokens {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type: 'Bearer';
  expires_in: number;
}

/**
 * The API's tokens reshaped the way the hosted UI issues them: the access token carries the
 * granted scopes (and `version: 2`), the ID token exists only with `openid` and carries the nonce
 * and at_hash; a federated user's tokens carry its `identities` and provider group.
 */
async function oauthTokens(pool: Pool, user: User, result: AuthenticationResult, scopes: string[], nonce?: string): Promise<OAuthTokens> {
  const federated = federatedProvider(user);
  const groups = federated ? { 'cognito:groups': [`${pool.config.Id}_${federated.provider}`] } : {};
  const accessToken = await signClaims(pool, { ...decodeJwt(result.AccessToken), ...groups, scope: scopes.join(' '), version: 2 });
  const out: OAuthTokens = { access_token: accessToken, token_type: 'Bearer', expires_in: result.ExpiresIn };
  if (scopes.includes('openid')) {
    out.id_token = await signClaims(pool, {
      ...decodeJwt(result.IdToken),
      ...groups,
      ...(federated ? { identities: federated.identities } : {}),
      ...(nonce ? { nonce } : {}),
      at_hash: atHash(accessToken),
    });
  }
  if (result.RefreshToken) out.refresh_token = result.RefreshToken;
  return out;
}

export async function mintForCode(
  emu: Emulator,
  pool: Pool,
  client: ClientConfig,
  user: User,
  scopes: string[],
  authTime: number,
  nonce: string | undefined,
  withRefreshToken: boolean,
): Promise<OAuthTokens> {
  const result = await issueTokens(emu, pool, client, user, { authTime, withRefreshToken });
  // Refreshed tokens keep the scopes of the sign-in they descend from.
  emu.state.oauthScopes[String(decodeJwt(result.AccessToken).origin_jti)] = scopes;
  emu.changed();
  return oauthTokens(pool, user, result, scopes, nonce);
}

// ---------------------------------------------------------------------------------------------
// /oauth2/token

class TokenError extends Error {
  constructor(
    readonly error: string,
    readonly status = 400,
  ) {
    super(error);
  }
}

/** Client authentication: HTTP Basic (client_secret_basic), or client_id (+ client_secret) in the form. */
function authenticateClient(emu: Emulator, req: IncomingMessage, form: Record<string, string>): { pool: Pool; client: ClientConfig } {
  let clientId = form.client_id;
  let secret = form.client_secret;
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new TokenError('invalid_client', 401);
    const basicId = decodeURIComponent(decoded.slice(0, colon));
    if (clientId !== undefined && clientId !== basicId) throw new TokenError('invalid_client', 401);
    clientId = basicId;
    secret = decodeURIComponent(decoded.slice(colon + 1));
  }
  const found = findClient(emu, clientId);
  if (!found) throw new TokenError('invalid_client', 401);
  const expected = found.client.ClientSecret;
  if (expected !== undefined && secret !== expected) throw new TokenError('invalid_client', 401);
  if (found.client.AllowedOAuthFlowsUserPoolClient !== true) throw new TokenError('unauthorized_client');
  return found;
}

async function codeGrant(emu: Emulator, pool: Pool, client: ClientConfig, form: Record<string, string>): Promise<OAuthTokens> {
  if (!form.code || !form.redirect_uri) throw new TokenError('invalid_request');
  const record = emu.state.oauthCodes[form.code];
  if (!record) throw new TokenError('invalid_grant');
  // Single use: gone at the first presentation, whatever comes of it.
  delete emu.state.oauthCodes[form.code];
  emu.changed();
  if (record.expiresAt < emu.now() || record.clientId !== client.ClientId || record.redirectUri !== form.redirect_uri) throw new TokenError('invalid_grant');
  if (record.codeChallenge) {
    const verifier = form.code_verifier ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) throw new TokenError('invalid_grant');
    if (createHash('sha256').update(verifier).digest('base64url') !== record.codeChallenge) throw new TokenError('invalid_grant');
  }
  const user = userNamed(pool, record.username);
  if (!user || !user.Enabled) throw new TokenError('invalid_grant');
  return mintForCode(emu, pool, client, user, record.scopes, record.authTime, record.nonce, true);
}

async function refreshGrant(emu: Emulator, pool: Pool, client: ClientConfig, form: Record<string, string>): Promise<OAuthTokens> {
  if (!form.refresh_token) throw new TokenError('invalid_request');
  const record = emu.state.refreshTokens[form.refresh_token];
  let result: AuthenticationResult;
  try {
    ({ AuthenticationResult: result } = await getTokensFromRefreshToken(
      { RefreshToken: form.refresh_token, ClientId: client.ClientId, ClientSecret: client.ClientSecret },
      context(emu, 'GetTokensFromRefreshToken'),
    ));
  } catch (error) {
    if (error instanceof ServiceError) throw new TokenError('invalid_grant');
    throw error;
  }
  const user = userNamed(pool, record.username)!;
  const scopes = emu.state.oauthScopes[record.originJti];
  if (scopes) return oauthTokens(pool, user, result, scopes);
  // A refresh token from the API (not the hosted UI) refreshes into the API's tokens.
  return {
    access_token: result.AccessToken,
    id_token: result.IdToken,
    ...(result.RefreshToken ? { refresh_token: result.RefreshToken } : {}),
    token_type: 'Bearer',
    expires_in: result.ExpiresIn,
  };
}

/** Machine-to-machine: an access token for the client itself, for clients allowed client_credentials. */
async function clientCredentialsGrant(emu: Emulator, pool: Pool, client: ClientConfig, form: Record<string, string>): Promise<OAuthTokens> {
  if (!client.ClientSecret || !((client.AllowedOAuthFlows as string[] | undefined) ?? []).includes('client_credentials'))
    throw new TokenError('unauthorized_client');
  const allowed = (client.AllowedOAuthScopes as string[] | undefined) ?? [];
  const scopes = form.scope ? form.scope.split(/\s+/).filter(Boolean) : allowed;
  if (scopes.some((s) => !allowed.includes(s))) throw new TokenError('invalid_scope');
  const now = Math.floor(emu.now() / 1000);
  const { access } = lifetimes(client);
  const accessToken = await signClaims(pool, {
    sub: client.ClientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: now,
    iss: `${emu.url}/${pool.config.Id}`,
    exp: now + access,
    iat: now,
    version: 2,
    jti: randomUUID(),
    client_id: client.ClientId,
  });
  return { access_token: accessToken, token_type: 'Bearer', expires_in: access };
}

export async function token(emu: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = { 'Cache-Control': 'no-store', Pragma: 'no-cache', 'Content-Type': 'application/json;charset=UTF-8' };
  try {
    if (!/^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) throw new TokenError('invalid_request');
    const form = await readForm(req).catch((error) => {
      throw error instanceof BodyTooLarge ? new TokenError('invalid_request') : error;
    });
    const { pool, client } = authenticateClient(emu, req, form);
    let tokens: OAuthTokens;
    switch (form.grant_type) {
      case 'authorization_code':
        tokens = await codeGrant(emu, pool, client, form);
        break;
      case 'refresh_token':
        tokens = await refreshGrant(emu, pool, client, form);
        break;
      case 'client_credentials':
        tokens = await clientCredentialsGrant(emu, pool, client, form);
        break;
      case undefined:
        throw new TokenError('invalid_request');
      default:
        throw new TokenError('unsupported_grant_type');
    }
    sendJson(res, 200, tokens, headers);
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    sendJson(res, error.status, { error: error.error }, { ...headers, ...(error.status === 401 ? { 'WWW-Authenticate': 'Basic' } : {}) });
  }
}

// ---------------------------------------------------------------------------------------------
// /oauth2/userInfo

export async function userInfo(emu: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  const fail = (status: number, error: string, description: string) =>
    sendJson(res, status, { error, error_description: description }, { 'WWW-Authenticate': `Bearer error="${error}", error_description="${description}"` });
  if (!bearer) return fail(401, 'invalid_request', 'Access token is missing');
  let verified;
  try {
    verified = await verifyAccessToken(emu, bearer[1].trim());
  } catch (error) {
    if (error instanceof ServiceError) return fail(401, 'invalid_token', error.message);
    throw error;
  }
  const scopes = String(verified.claims.scope ?? '').split(' ');
  if (!scopes.includes('openid')) return fail(403, 'insufficient_scope', 'Access token does not contain openid scope');
  // As on Cognito, values are the attribute strings ("email_verified": "true"); `profile` and the
  // admin scope show every attribute, `email` and `phone` just those.
  const all = scopes.includes('aws.cognito.signin.user.admin') || scopes.includes('profile');
  const visible = (name: string) =>
    all ||
    (scopes.includes('email') && (name === 'email' || name === 'email_verified')) ||
    (scopes.includes('phone') && (name === 'phone_number' || name === 'phone_number_verified'));
  const claims: Record<string, string> = { sub: verified.user.Attributes.sub };
  for (const [name, value] of Object.entries(verified.user.Attributes)) if (name !== 'sub' && visible(name)) claims[name] = value;
  claims.username = verified.user.Username;
  sendJson(res, 200, claims, { 'Cache-Control': 'no-store' });
}
