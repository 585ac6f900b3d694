/**
 * Pool and app-client management (CreateUserPool, CreateUserPoolClient, Describe*, ...). On AWS
 * these need SigV4; here they are accepted unsigned so standard tooling can seed a local pool.
 */
import { randomBytes } from 'node:crypto';
import type { Emulator, RequestContext } from '../context.ts';
import * as E from '../errors.ts';
import { requireClient, requirePool } from '../model.ts';
import type { ClientConfig, PasswordPolicy, Pool, PoolConfig, SchemaAttribute } from '../state.ts';
import { generatePoolKeys } from '../tokens.ts';
import { validateWebAuthnConfiguration } from './webauthn.ts';
import { required } from '../validate.ts';

const ALPHANUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomId = (length: number, alphabet = ALPHANUM) =>
  Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');

const DEFAULT_POLICY: PasswordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

const str = (Name: string, Mutable = true): SchemaAttribute => ({
  Name,
  AttributeDataType: 'String',
  Mutable,
  Required: false,
  StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
});
const bool = (Name: string): SchemaAttribute => ({ Name, AttributeDataType: 'Boolean', Mutable: true, Required: false });

/** The standard attributes every Cognito pool has. */
function standardSchema(): SchemaAttribute[] {
  return [
    { ...str('sub', false), Required: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' } },
    ...['name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture',
      'website', 'email', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'address'].map((n) => str(n)),
    bool('email_verified'),
    bool('phone_number_verified'),
    { Name: 'updated_at', AttributeDataType: 'Number', Mutable: true, Required: false, NumberAttributeConstraints: { MinValue: '0' } },
  ];
}

/** Merges the schema a caller gives into the standard one; custom attributes get the `custom:` prefix. */
function buildSchema(given: unknown): SchemaAttribute[] {
  const schema = standardSchema();
  for (const raw of Array.isArray(given) ? given : []) {
    if (!raw || typeof raw.Name !== 'string') throw E.InvalidParameter('Schema attributes need a Name.');
    const standard = schema.find((a) => a.Name === raw.Name);
    if (standard) {
      Object.assign(standard, { Required: raw.Required === true, Mutable: raw.Mutable !== false });
      continue;
    }
    if (raw.Required === true) throw E.InvalidParameter('Required custom attributes are not supported currently.');
    schema.push({
      Name: raw.Name.startsWith('custom:') ? raw.Name : `custom:${raw.Name}`,
      AttributeDataType: raw.AttributeDataType ?? 'String',
      Mutable: raw.Mutable !== false,
      Required: false,
      DeveloperOnlyAttribute: raw.DeveloperOnlyAttribute === true,
      ...(raw.StringAttributeConstraints ? { StringAttributeConstraints: raw.StringAttributeConstraints } : {}),
      ...(raw.NumberAttributeConstraints ? { NumberAttributeConstraints: raw.NumberAttributeConstraints } : {}),
    });
  }
  return schema;
}

const seconds = (emu: Emulator) => Math.floor(emu.now() / 1000);

function checkMfaConfig(config: Pick<PoolConfig, 'MfaConfiguration'>): void {
  if (!['OFF', 'ON', 'OPTIONAL'].includes(config.MfaConfiguration)) {
    throw E.InvalidParameter(`1 validation error detected: Value '${config.MfaConfiguration}' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]`);
  }
}

/**
 * The pool settings CreateUserPool and UpdateUserPool take (UserPoolType's writable members). The
 * emulator keeps what it is given, so members it has no rules for are stored and returned as sent.
 */
export interface UserPoolSettings {
  Policies?: { PasswordPolicy?: Partial<PasswordPolicy>; SignInPolicy?: { AllowedFirstAuthFactors: string[] } };
  UsernameAttributes?: ('email' | 'phone_number')[];
  AliasAttributes?: ('email' | 'phone_number' | 'preferred_username')[];
  UsernameConfiguration?: { CaseSensitive?: boolean };
  AutoVerifiedAttributes?: ('email' | 'phone_number')[];
  MfaConfiguration?: PoolConfig['MfaConfiguration'];
  DeviceConfiguration?: PoolConfig['DeviceConfiguration'];
  [setting: string]: unknown;
}

/** The app client settings CreateUserPoolClient and UpdateUserPoolClient take (UserPoolClientType's writable members). */
export interface UserPoolClientSettings {
  GenerateSecret?: boolean;
  ExplicitAuthFlows?: string[];
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  RefreshTokenValidity?: number;
  TokenValidityUnits?: Partial<ClientConfig['TokenValidityUnits']>;
  PreventUserExistenceErrors?: ClientConfig['PreventUserExistenceErrors'];
  EnableTokenRevocation?: boolean;
  AuthSessionValidity?: number;
  RefreshTokenRotation?: { Feature: 'ENABLED' | 'DISABLED'; RetryGracePeriodSeconds?: number };
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  [setting: string]: unknown;
}

/** Creates a pool from CreateUserPool input; `fixedId` lets a seed choose the id. */
export async function createPool(emu: Emulator, input: Record<string, any>, fixedId?: string): Promise<Pool> {
  required(input, 'PoolName');
  if (input.UsernameAttributes && input.AliasAttributes) {
    throw E.InvalidParameter('Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.');
  }
  const region = (fixedId ?? '').split('_')[0] || 'us-east-1';
  const id = fixedId ?? `${region}_${randomId(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
  if (emu.state.pools[id]) throw E.InvalidParameter(`User pool ${id} already exists.`);
  const now = seconds(emu);
  const config: PoolConfig = {
    ...input,
    Id: id,
    Name: input.PoolName,
    Arn: `arn:aws:cognito-idp:${region}:000000000000:userpool/${id}`,
    CreationDate: now,
    LastModifiedDate: now,
    Policies: { ...input.Policies, PasswordPolicy: { ...DEFAULT_POLICY, ...input.Policies?.PasswordPolicy } },
    UsernameConfiguration: { CaseSensitive: input.UsernameConfiguration?.CaseSensitive ?? false },
    MfaConfiguration: input.MfaConfiguration ?? 'OFF',
    SchemaAttributes: buildSchema(input.Schema),
  };
  delete config.PoolName;
  delete config.Schema;
  // Not a CreateUserPool member on AWS (SetUserPoolMfaConfig sets it), but a seed may give it.
  if (input.WebAuthnConfiguration !== undefined) config.WebAuthnConfiguration = validateWebAuthnConfiguration(input.WebAuthnConfiguration);
  checkMfaConfig(config);
  const pool: Pool = { config, clients: {}, users: {}, keys: await generatePoolKeys() };
  emu.state.pools[id] = pool;
  emu.changed();
  return pool;
}

const FLOWS = [
  'ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY',
];

/** Creates an app client from CreateUserPoolClient input; seeds may fix the id and secret. */
export function createClient(emu: Emulator, pool: Pool, input: Record<string, any>, fixed?: { ClientId?: string; ClientSecret?: string }): ClientConfig {
  required(input, 'ClientName');
  const flows: string[] = input.ExplicitAuthFlows ?? [];
  for (const flow of flows) {
    if (!FLOWS.includes(flow)) throw E.InvalidParameter(`1 validation error detected: Value '[${flow}]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy enum value set: [${FLOWS.join(', ')}]`);
  }
  const now = seconds(emu);
  const clientId = fixed?.ClientId ?? randomId(26);
  if (Object.values(emu.state.pools).some((p) => p.clients[clientId])) throw E.InvalidParameter(`Client ${clientId} already exists.`);
  const rotation = input.RefreshTokenRotation;
  const client: ClientConfig = {
    ...input,
    UserPoolId: pool.config.Id,
    ClientId: clientId,
    ClientName: input.ClientName,
    ...(input.GenerateSecret || fixed?.ClientSecret ? { ClientSecret: fixed?.ClientSecret ?? randomId(51) } : {}),
    ExplicitAuthFlows: flows,
    AccessTokenValidity: input.AccessTokenValidity ?? 60,
    IdTokenValidity: input.IdTokenValidity ?? 60,
    RefreshTokenValidity: input.RefreshTokenValidity ?? 30,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days', ...input.TokenValidityUnits },
    PreventUserExistenceErrors: input.PreventUserExistenceErrors ?? 'ENABLED',
    EnableTokenRevocation: input.EnableTokenRevocation ?? true,
    AuthSessionValidity: input.AuthSessionValidity ?? 3,
    ...(rotation ? { RefreshTokenRotation: { Feature: rotation.Feature, RetryGracePeriodSeconds: rotation.RetryGracePeriodSeconds ?? 0 } } : {}),
    CreationDate: now,
    LastModifiedDate: now,
  };
  delete client.GenerateSecret;
  if (client.AuthSessionValidity < 3 || client.AuthSessionValidity > 15) {
    throw E.InvalidParameter('AuthSessionValidity must be between 3 and 15 minutes.');
  }
  const grace = client.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0;
  if (grace < 0 || grace > 60) throw E.InvalidParameter('RetryGracePeriodSeconds must be between 0 and 60.');
  pool.clients[clientId] = client;
  emu.changed();
  return client;
}

function describePool(pool: Pool): Record<string, unknown> {
  // UserPoolType has no WebAuthnConfiguration: GetUserPoolMfaConfig returns it.
  const { CustomAuth: _customAuth, WebAuthnConfiguration: _webAuthn, ...config } = pool.config;
  return { ...config, EstimatedNumberOfUsers: Object.keys(pool.users).length };
}

export interface CreateUserPoolInput extends UserPoolSettings {
  PoolName: string;
  /** SchemaAttributeType list: custom attributes and changes to the standard ones. */
  Schema?: unknown[];
  /** Not a CreateUserPool member on AWS (SetUserPoolMfaConfig sets it), but a seed may give it. */
  WebAuthnConfiguration?: unknown;
}

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
    Id: p.config.Id, Name: p.config.Name, CreationDate: p.config.CreationDate, LastModifiedDate: p.config.LastModifiedDate,
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
  const next = { ...pool.config, ...changes, LastModifiedDate: seconds(emu) } as PoolConfig;
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
  Object.assign(client, input, { LastModifiedDate: seconds(emu) });
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
    throw E.InvalidParameter(`1 validation error detected: Value '${input.Domain}' at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$`);
  }
  if (Object.values(emu.state.pools).some((p) => p.config.Domain === domain || p.config.CustomDomain === domain)) {
    throw E.InvalidParameter('Domain already associated with another user pool.');
  }
  const key = custom ? 'CustomDomain' : 'Domain';
  if (pool.config[key]) throw E.InvalidParameter(`The user pool already has a ${custom ? 'custom' : 'prefix'} domain.`);
  pool.config = { ...pool.config, [key]: domain, LastModifiedDate: seconds(emu) };
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
  pool.config = { ...rest, LastModifiedDate: seconds(emu) } as PoolConfig;
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
  pool.config = { ...next, LastModifiedDate: seconds(emu) };
  emu.changed();
  return {
    MfaConfiguration: next.MfaConfiguration,
    SoftwareTokenMfaConfiguration: next.SoftwareTokenMfaConfiguration ?? { Enabled: false },
    ...(next.SmsMfaConfiguration ? { SmsMfaConfiguration: next.SmsMfaConfiguration } : {}),
    ...(next.EmailMfaConfiguration ? { EmailMfaConfiguration: next.EmailMfaConfiguration } : {}),
    ...(next.WebAuthnConfiguration ? { WebAuthnConfiguration: next.WebAuthnConfiguration } : {}),
  };
}
