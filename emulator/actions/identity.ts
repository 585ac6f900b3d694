/**
 * The Cognito Identity actions a browser calls (`AWSCognitoIdentityService.*`, unsigned like on
 * AWS): GetId and GetCredentialsForIdentity, plus DescribeIdentityPool and DescribeIdentity for
 * looking around. Rules in identity.ts.
 */
import type { RequestContext } from '../context.ts';
import * as E from '../errors.ts';
import {
  identityForLogins,
  issueCredentials,
  LOGINS_DONT_MATCH,
  newIdentity,
  requireIdentity,
  requireIdentityPool,
  UNAUTHENTICATED_REFUSED,
  verifyLogins,
} from '../identity.ts';

const seconds = (ms: number) => Math.floor(ms / 1000);

export interface GetIdInput {
  AccountId?: string;
  IdentityPoolId: string;
  Logins?: Record<string, string>;
}

/**
 * The identity for these logins (stable per provider and subject; new logins of the same call
 * are linked to it), or a new unauthenticated identity on every call without logins.
 */
export async function getId(input: GetIdInput, { emu }: RequestContext) {
  const pool = requireIdentityPool(emu, input.IdentityPoolId);
  const logins = await verifyLogins(emu, pool, input.Logins);
  if (Object.keys(logins).length === 0) {
    if (!pool.AllowUnauthenticatedIdentities) throw E.NotAuthorized(UNAUTHENTICATED_REFUSED);
    return { IdentityId: newIdentity(emu, pool, {}).IdentityId };
  }
  const existing = identityForLogins(emu, pool.IdentityPoolId, logins);
  if (!existing) return { IdentityId: newIdentity(emu, pool, logins).IdentityId };
  const unlinked = Object.entries(logins).filter(([name]) => existing.logins[name] === undefined);
  if (unlinked.length) {
    Object.assign(existing.logins, Object.fromEntries(unlinked));
    existing.lastModifiedAt = emu.now();
    emu.changed();
  }
  return { IdentityId: existing.IdentityId };
}

export interface GetCredentialsForIdentityInput {
  IdentityId: string;
  Logins?: Record<string, string>;
  CustomRoleArn?: string;
}

/**
 * Credentials for an identity. An authenticated one needs one of its own logins again; an
 * unauthenticated one given logins becomes authenticated (or, when those logins already belong
 * to another identity, is merged into that one, whose id the answer then carries).
 */
export async function getCredentialsForIdentity(input: GetCredentialsForIdentityInput, { emu }: RequestContext) {
  let identity = requireIdentity(emu, input.IdentityId);
  const pool = requireIdentityPool(emu, identity.identityPoolId);
  const logins = await verifyLogins(emu, pool, input.Logins);
  const given = Object.entries(logins);
  if (Object.keys(identity.logins).length > 0) {
    if (!given.some(([name, subject]) => identity.logins[name] === subject)) throw E.NotAuthorized(LOGINS_DONT_MATCH);
  } else if (given.length === 0) {
    if (!pool.AllowUnauthenticatedIdentities) throw E.NotAuthorized(UNAUTHENTICATED_REFUSED);
  } else {
    const owner = identityForLogins(emu, pool.IdentityPoolId, logins);
    if (owner) {
      delete emu.state.identities[identity.IdentityId];
      identity = owner;
    } else {
      identity.logins = { ...logins };
    }
    identity.lastModifiedAt = emu.now();
    emu.changed();
  }
  return { IdentityId: identity.IdentityId, Credentials: issueCredentials(emu, pool, identity) };
}

export interface DescribeIdentityPoolInput {
  IdentityPoolId: string;
}

export function describeIdentityPool(input: DescribeIdentityPoolInput, { emu }: RequestContext) {
  const { CredentialsLifetimeSeconds: _lifetime, ...pool } = requireIdentityPool(emu, input.IdentityPoolId);
  return pool;
}

export interface DescribeIdentityInput {
  IdentityId: string;
}

export function describeIdentity(input: DescribeIdentityInput, { emu }: RequestContext) {
  const identity = requireIdentity(emu, input.IdentityId);
  return {
    IdentityId: identity.IdentityId,
    Logins: Object.keys(identity.logins),
    CreationDate: seconds(identity.createdAt),
    LastModifiedDate: seconds(identity.lastModifiedAt),
  };
}
