/**
 * Pool and app-client management (CreateUserPool, CreateUserPoolClient, Describe*, ...). On AWS
 * these need SigV4; here they are accepted unsigned so standard tooling can seed a local pool.
 */
import type { RequestContext } from '../context.ts';
import * as E from '../errors.ts';
import { requireClient, requirePool } from '../model.ts';
import { validateWebAuthnConfiguration } from '../rules/passkeys.ts';
import {
  checkMfaConfig,
  createClient,
  createPool,
  DEFAULT_POLICY,
  epochSeconds,
  type NewPoolSettings,
  randomId,
  type UserPoolClientSettings,
  type UserPoolSettings,
} from '../rules/pool-settings.ts';
import type { Pool, PoolConfig } from '../state.ts';
import { required } from '../validate.ts';

function describePool(pool: Pool): Record<string, unknown> {
  // UserPoolType has no WebAuthnConfiguration: GetUserPoolMfaConfig returns it.
  const { CustomAuth: _customAuth, WebAuthnConfiguration: _webAuthn, ...config } = pool.config;
  return { ...config, EstimatedNumberOfUsers: Object.keys(pool.users).length };
}

export type CreateUserPoolInput = NewPoolSettings;

export async function createUserPool(input: CreateUserPoolInput, { emu }: RequestContext) {
  const pool = await createPool(emu, input);
  return { UserPool: describePool(pool) };
}

export interface DescribeUserPoolInput {
  UserPoolId: string;
}

export function describeUserPool(input: DescribeUserPoolInput, { emu }: RequestContext) {
  required(input, 'UserPoolId');
  return { UserPool: describePool(requirePool(emu, input.UserPoolId)) };
}

export interface ListUserPoolsInput {
  MaxResults: number;
  NextToken?: string;
}

export function listUserPools(input: ListUserPoolsInput, { emu }: RequestContext) {
  required(input, 'MaxResults');
  const pools = Object.values(emu.state.pools).map((p) => ({
    Id: p.config.Id,
    Name: p.config.Name,
    CreationDate: p.config.CreationDate,
    LastModifiedDate: p.config.LastModifiedDate,
  }));
  return { UserPools: pools.slice(0, Number(input.MaxResults)) };
}

export interface DeleteUserPoolInput {
  UserPoolId: string;
}

export function deleteUserPool(input: DeleteUserPoolInput, { emu }: RequestContext) {
  required(input, 'UserPoolId');
  const pool = requirePool(emu, input.UserPoolId);
  delete emu.state.pools[pool.config.Id];
  emu.changed();
  return {};
}

export interface UpdateUserPoolInput extends UserPoolSettings {
  UserPoolId: string;
}

export function updateUserPool(input: UpdateUserPoolInput, { emu }: RequestContext) {
  required(input, 'UserPoolId');
  const pool = requirePool(emu, input.UserPoolId);
  const { UserPoolId: _id, ...changes } = input;
  const next = { ...pool.config, ...changes, LastModifiedDate: epochSeconds(emu) } as PoolConfig;
  if (changes.Policies?.PasswordPolicy) next.Policies = { ...next.Policies, PasswordPolicy: { ...DEFAULT_POLICY, ...changes.Policies.PasswordPolicy } };
  checkMfaConfig(next);
  pool.config = next;
  emu.changed();
  return {};
}

export interface CreateUserPoolClientInput extends UserPoolClientSettings {
  UserPoolId: string;
  ClientName: string;
}

export function createUserPoolClient(input: CreateUserPoolClientInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'ClientName');
  const pool = requirePool(emu, input.UserPoolId);
  const { UserPoolId: _id, ...rest } = input;
  return { UserPoolClient: createClient(emu, pool, rest) };
}

export interface DescribeUserPoolClientInput {
  UserPoolId: string;
  ClientId: string;
}

export function describeUserPoolClient(input: DescribeUserPoolClientInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'ClientId');
  const pool = requirePool(emu, input.UserPoolId);
  const client = pool.clients[input.ClientId];
  if (!client) throw E.ResourceNotFound(`User pool client ${input.ClientId} does not exist.`);
  return { UserPoolClient: client };
}

export interface UpdateUserPoolClientInput extends UserPoolClientSettings {
  UserPoolId: string;
  ClientId: string;
}

export function updateUserPoolClient(input: UpdateUserPoolClientInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'ClientId');
  const pool = requirePool(emu, input.UserPoolId);
  const { client } = requireClient(emu, input.ClientId);
  if (client.UserPoolId !== pool.config.Id) throw E.ResourceNotFound(`User pool client ${input.ClientId} does not exist.`);
  Object.assign(client, input, { LastModifiedDate: epochSeconds(emu) });
  emu.changed();
  return { UserPoolClient: client };
}

export interface ListUserPoolClientsInput {
  UserPoolId: string;
  MaxResults?: number;
  NextToken?: string;
}

export function listUserPoolClients(input: ListUserPoolClientsInput, { emu }: RequestContext) {
  required(input, 'UserPoolId');
  const pool = requirePool(emu, input.UserPoolId);
  return {
    UserPoolClients: Object.values(pool.clients).map((c) => ({ ClientId: c.ClientId, UserPoolId: c.UserPoolId, ClientName: c.ClientName })),
  };
}

export interface DeleteUserPoolClientInput {
  UserPoolId: string;
  ClientId: string;
}

export function deleteUserPoolClient(input: DeleteUserPoolClientInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'ClientId');
  const pool = requirePool(emu, input.UserPoolId);
  if (!pool.clients[input.ClientId]) throw E.ResourceNotFound(`User pool client ${input.ClientId} does not exist.`);
  delete pool.clients[input.ClientId];
  emu.changed();
  return {};
}

export interface CreateUserPoolDomainInput {
  Domain: string;
  UserPoolId: string;
  CustomDomainConfig?: { CertificateArn: string };
  ManagedLoginVersion?: number;
}

// The pool's domain: a prefix (UserPoolType.Domain, <prefix>.auth.<region>.amazoncognito.com) or,
// with CustomDomainConfig, a custom one (UserPoolType.CustomDomain). The emulator serves its hosted
// UI at its own address either way; the domain matters as the passkey relying party's default.
export function createUserPoolDomain(input: CreateUserPoolDomainInput, { emu }: RequestContext) {
  required(input, 'Domain', 'UserPoolId');
  const pool = requirePool(emu, input.UserPoolId);
  const domain = String(input.Domain).toLowerCase();
  const custom = input.CustomDomainConfig !== undefined;
  if (!custom && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(domain)) {
    throw E.InvalidParameter(
      `1 validation error detected: Value '${input.Domain}' at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$`,
    );
  }
  if (Object.values(emu.state.pools).some((p) => p.config.Domain === domain || p.config.CustomDomain === domain)) {
    throw E.InvalidParameter('Domain already associated with another user pool.');
  }
  const key = custom ? 'CustomDomain' : 'Domain';
  if (pool.config[key]) throw E.InvalidParameter(`The user pool already has a ${custom ? 'custom' : 'prefix'} domain.`);
  pool.config = { ...pool.config, [key]: domain, LastModifiedDate: epochSeconds(emu) };
  emu.changed();
  return custom ? { CloudFrontDomain: `${randomId(14)}.cloudfront.net` } : {};
}

export interface DeleteUserPoolDomainInput {
  Domain: string;
  UserPoolId: string;
}

export function deleteUserPoolDomain(input: DeleteUserPoolDomainInput, { emu }: RequestContext) {
  required(input, 'Domain', 'UserPoolId');
  const pool = requirePool(emu, input.UserPoolId);
  const domain = String(input.Domain).toLowerCase();
  const key = pool.config.Domain === domain ? 'Domain' : pool.config.CustomDomain === domain ? 'CustomDomain' : undefined;
  if (!key) throw E.InvalidParameter(`No such domain ${input.Domain} for user pool ${pool.config.Id}.`);
  const { [key]: _gone, ...rest } = pool.config;
  pool.config = { ...rest, LastModifiedDate: epochSeconds(emu) };
  emu.changed();
  return {};
}

export interface GetUserPoolMfaConfigInput {
  UserPoolId: string;
}

export function getUserPoolMfaConfig(input: GetUserPoolMfaConfigInput, { emu }: RequestContext) {
  required(input, 'UserPoolId');
  const { config } = requirePool(emu, input.UserPoolId);
  return {
    MfaConfiguration: config.MfaConfiguration,
    SoftwareTokenMfaConfiguration: config.SoftwareTokenMfaConfiguration ?? { Enabled: false },
    ...(config.SmsMfaConfiguration ? { SmsMfaConfiguration: config.SmsMfaConfiguration } : {}),
    ...(config.EmailMfaConfiguration ? { EmailMfaConfiguration: config.EmailMfaConfiguration } : {}),
    ...(config.WebAuthnConfiguration ? { WebAuthnConfiguration: config.WebAuthnConfiguration } : {}),
  };
}

export interface SetUserPoolMfaConfigInput {
  UserPoolId: string;
  MfaConfiguration?: 'OFF' | 'ON' | 'OPTIONAL';
  SmsMfaConfiguration?: Record<string, unknown>;
  SoftwareTokenMfaConfiguration?: { Enabled: boolean };
  EmailMfaConfiguration?: Record<string, unknown>;
  WebAuthnConfiguration?: unknown;
}

export function setUserPoolMfaConfig(input: SetUserPoolMfaConfigInput, { emu }: RequestContext) {
  required(input, 'UserPoolId');
  const pool = requirePool(emu, input.UserPoolId);
  const next = { ...pool.config };
  for (const key of ['MfaConfiguration', 'SoftwareTokenMfaConfiguration', 'SmsMfaConfiguration', 'EmailMfaConfiguration'] as const) {
    if (input[key] !== undefined) (next as Record<string, unknown>)[key] = input[key];
  }
  if (input.WebAuthnConfiguration !== undefined) next.WebAuthnConfiguration = validateWebAuthnConfiguration(input.WebAuthnConfiguration);
  checkMfaConfig(next);
  if (next.MfaConfiguration !== 'OFF' && !next.SoftwareTokenMfaConfiguration?.Enabled && !next.SmsMfaConfiguration && !next.EmailMfaConfiguration) {
    throw E.InvalidParameter('At least one MFA factor must be enabled when MFA is ON or OPTIONAL.');
  }
  pool.config = { ...next, LastModifiedDate: epochSeconds(emu) };
  emu.changed();
  return {
    MfaConfiguration: next.MfaConfiguration,
    SoftwareTokenMfaConfiguration: next.SoftwareTokenMfaConfiguration ?? { Enabled: false },
    ...(next.SmsMfaConfiguration ? { SmsMfaConfiguration: next.SmsMfaConfiguration } : {}),
    ...(next.EmailMfaConfiguration ? { EmailMfaConfiguration: next.EmailMfaConfiguration } : {}),
    ...(next.WebAuthnConfiguration ? { WebAuthnConfiguration: next.WebAuthnConfiguration } : {}),
  };
}
