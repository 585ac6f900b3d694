/**
 * Cognito Identity (identity pools): which logins a pool accepts, the identities it keeps, and
 * the temporary AWS credentials it hands out. Credentials are remembered in the state, because
 * the SigV4 checks (sigv4.ts) need the secret the emulator issued for an access key id.
 *
 * Logins accepted, by provider name:
 * - `cognito-idp.<region>.amazonaws.com/<userPoolId>` (as on AWS), or the emulator's own issuer
 *   without the scheme (`127.0.0.1:9229/<userPoolId>`): a user-pool ID token, verified here with
 *   the pool's key, issuer, audience (a configured ClientId), expiry and token_use.
 * - `graph.facebook.com`: there is no Facebook here, so the stand-in accepts any token of the form
 *   `fb-test-token:<user id>` and takes `<user id>` as the subject.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { compactVerify, decodeJwt, importJWK } from 'jose';
import type { Emulator } from './context.ts';
import * as E from './errors.ts';
import { userNamed } from './model.ts';
import type { IdentityPoolConfig, IdentityRecord, IssuedCredentials } from './state.ts';
import { isRevoked, issuer } from './tokens.ts';

export const FACEBOOK = 'graph.facebook.com';
const FACEBOOK_TOKEN = /^fb-test-token:([A-Za-z0-9_.-]{1,128})$/;

/** How long issued credentials last when the pool does not say (AWS: one hour). */
const DEFAULT_LIFETIME_SECONDS = 3600;
/** Expired credentials are kept this long, so a late request hears "expired", not "unknown key". */
const KEEP_EXPIRED_MS = 24 * 3600_000;

const ID_PATTERN = /^[\w-]+:[0-9a-f-]+$/;

export const UNAUTHENTICATED_REFUSED = 'Unauthenticated access is not supported for this identity pool.';
export const LOGINS_DONT_MATCH = "Logins don't match. Please include at least one valid login for this identity or identity pool.";
const UNSUPPORTED_PROVIDER = 'Token is not from a supported provider of this identity pool.';

function validationError(value: unknown, member: string): E.ServiceError {
  return E.InvalidParameter(
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`,
  );
}

export function requireIdentityPool(emu: Emulator, id: unknown): IdentityPoolConfig {
  if (typeof id !== 'string' || id === '') {
    throw E.InvalidParameter("1 validation error detected: Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null");
  }
  if (!ID_PATTERN.test(id)) throw validationError(id, 'identityPoolId');
  const pool = emu.state.identityPools[id];
  if (!pool) throw E.ResourceNotFound(`IdentityPool '${id}' not found.`);
  return pool;
}

export function requireIdentity(emu: Emulator, id: unknown): IdentityRecord {
  if (typeof id !== 'string' || id === '') {
    throw E.InvalidParameter("1 validation error detected: Value null at 'identityId' failed to satisfy constraint: Member must not be null");
  }
  if (!ID_PATTERN.test(id)) throw validationError(id, 'identityId');
  const identity = emu.state.identities[id];
  if (!identity) throw E.ResourceNotFound(`Identity '${id}' not found.`);
  return identity;
}

/**
 * A user-pool provider name in either accepted form, as the canonical AWS form and the pool id;
 * undefined when the name is not a user pool's.
 */
export function userPoolProvider(emu: Emulator, name: string): { canonical: string; poolId: string } | undefined {
  const slash = name.lastIndexOf('/');
  const host = name.slice(0, slash);
  const poolId = name.slice(slash + 1);
  if (slash < 0 || !/^[\w-]+_[0-9A-Za-z]+$/.test(poolId)) return undefined;
  const region = poolId.split('_')[0];
  const emulatorHost = emu.url.replace(/^https?:\/\//, '');
  if (host !== `cognito-idp.${region}.amazonaws.com` && host !== emulatorHost) return undefined;
  return { canonical: `cognito-idp.${region}.amazonaws.com/${poolId}`, poolId };
}

const invalidToken = (why: string) => E.NotAuthorized(`Invalid login token. ${why}`);

/** Verifies a user-pool ID token for an identity pool and returns its subject. */
async function verifyIdToken(emu: Emulator, poolId: string, clientIds: string[], checkRevocation: boolean, token: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON (JWT claims, a WebAuthn credential): each member is checked where it is read
  let claims: Record<string, any>;
  try {
    claims = decodeJwt(token);
  } catch {
    throw invalidToken('Not a valid OpenId Connect identity token.');
  }
  const pool = emu.state.pools[poolId];
  if (!pool || claims.iss !== issuer(emu, pool)) throw invalidToken("Issuer doesn't match providerName");
  if (claims.aud === undefined) throw invalidToken('Missing a required claim: aud');
  try {
    await compactVerify(token, await importJWK(pool.keys.publicJwk as never, 'RS256'));
  } catch {
    throw invalidToken("Couldn't verify signed token.");
  }
  if (claims.token_use !== 'id') throw invalidToken('Not a valid OpenId Connect identity token.');
  const now = Math.floor(emu.now() / 1000);
  if (typeof claims.exp !== 'number' || now >= claims.exp) throw invalidToken(`Token expired: ${now} >= ${claims.exp}`);
  if (!clientIds.includes(String(claims.aud))) throw E.NotAuthorized(UNSUPPORTED_PROVIDER);
  if (checkRevocation) {
    // ServerSideTokenCheck: the identity pool asks the user pool whether the session still stands.
    const user = userNamed(pool, String(claims['cognito:username']));
    if (!user || !user.Enabled || user.Attributes.sub !== claims.sub || isRevoked(emu, claims.origin_jti)) {
      throw invalidToken('Token has been revoked.');
    }
  }
  return String(claims.sub);
}

/**
 * Checks every login of a Logins map and returns them as canonical provider name -> subject.
 * One bad login refuses the whole request, as Cognito does.
 */
export async function verifyLogins(emu: Emulator, pool: IdentityPoolConfig, logins: unknown): Promise<Record<string, string>> {
  if (logins === undefined || logins === null) return {};
  if (typeof logins !== 'object' || Array.isArray(logins)) throw E.InvalidParameter('Logins must be a map of provider name to token.');
  const entries = Object.entries(logins as Record<string, unknown>);
  if (entries.length > 10) {
    throw E.InvalidParameter("1 validation error detected: Value at 'logins' failed to satisfy constraint: Member must have length less than or equal to 10");
  }
  const out: Record<string, string> = {};
  for (const [name, token] of entries) {
    if (typeof token !== 'string' || token === '') throw E.InvalidParameter(`Invalid login token for provider ${name}.`);
    if (name === FACEBOOK) {
      if (!pool.SupportedLoginProviders?.[FACEBOOK]) throw E.NotAuthorized(UNSUPPORTED_PROVIDER);
      const match = FACEBOOK_TOKEN.exec(token);
      if (!match) throw invalidToken("Couldn't verify Facebook token.");
      out[FACEBOOK] = match[1];
      continue;
    }
    const provider = userPoolProvider(emu, name);
    const configured = provider ? (pool.CognitoIdentityProviders ?? []).filter((p) => userPoolProvider(emu, p.ProviderName)?.canonical === provider.canonical) : [];
    if (!provider || configured.length === 0) throw E.NotAuthorized(UNSUPPORTED_PROVIDER);
    const clientIds = configured.map((p) => p.ClientId);
    const check = configured.some((p) => p.ServerSideTokenCheck === true);
    out[provider.canonical] = await verifyIdToken(emu, provider.poolId, clientIds, check, token);
  }
  return out;
}

/** The identity of the pool that already holds one of these logins (same provider and subject). */
export function identityForLogins(emu: Emulator, identityPoolId: string, logins: Record<string, string>): IdentityRecord | undefined {
  return Object.values(emu.state.identities).find(
    (identity) => identity.identityPoolId === identityPoolId && Object.entries(logins).some(([name, subject]) => identity.logins[name] === subject),
  );
}

export function newIdentity(emu: Emulator, pool: IdentityPoolConfig, logins: Record<string, string>): IdentityRecord {
  const region = pool.IdentityPoolId.split(':')[0];
  const now = emu.now();
  const identity: IdentityRecord = {
    IdentityId: `${region}:${randomUUID()}`,
    identityPoolId: pool.IdentityPoolId,
    logins: { ...logins },
    createdAt: now,
    lastModifiedAt: now,
  };
  emu.state.identities[identity.IdentityId] = identity;
  emu.changed();
  return identity;
}

const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const pick = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

export interface CredentialsOutput {
  AccessKeyId: string;
  SecretKey: string;
  SessionToken: string;
  /** Epoch seconds, as awsJson sends timestamps. */
  Expiration: number;
}

/**
 * Temporary credentials for an identity, shaped like STS's: `ASIA` + 16 characters, a 40-character
 * secret, and a long base64 session token (which a presigned URL must carry percent-encoded).
 */
export function issueCredentials(emu: Emulator, pool: IdentityPoolConfig, identity: IdentityRecord): CredentialsOutput {
  const now = emu.now();
  for (const [key, old] of Object.entries(emu.state.awsCredentials)) {
    if (old.expiresAt + KEEP_EXPIRED_MS < now) delete emu.state.awsCredentials[key];
  }
  const accessKeyId = `ASIA${pick(UPPER_DIGITS, 16)}`;
  const record: IssuedCredentials = {
    secretKey: pick(SECRET_ALPHABET, 40),
    sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(600).toString('base64')}`,
    identityId: identity.IdentityId,
    identityPoolId: pool.IdentityPoolId,
    authenticated: Object.keys(identity.logins).length > 0,
    expiresAt: now + (pool.CredentialsLifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS) * 1000,
  };
  emu.state.awsCredentials[accessKeyId] = record;
  emu.changed();
  emu.log(`identity pool ${pool.IdentityPoolId}: credentials ${accessKeyId} for ${identity.IdentityId}${record.authenticated ? '' : ' (unauthenticated)'}`);
  return { AccessKeyId: accessKeyId, SecretKey: record.secretKey, SessionToken: record.sessionToken, Expiration: Math.floor(record.expiresAt / 1000) };
}
