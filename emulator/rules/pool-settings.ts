/**
 * Pool and app-client settings: Cognito's defaults (password policy, standard schema, token
 * validities) and checks, for CreateUserPool / CreateUserPoolClient and for seeds.
 */
import { randomBytes } from 'node:crypto';
import type { Emulator } from '../context.ts';
import * as E from '../errors.ts';
import { STANDARD_ATTRIBUTES } from '../model.ts';
import type { ClientConfig, PasswordPolicy, Pool, PoolConfig, SchemaAttribute } from '../state.ts';
import { generatePoolKeys } from '../tokens.ts';
import { required } from '../validate.ts';
import { validateWebAuthnConfiguration } from './passkeys.ts';

const ALPHANUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export const randomId = (length: number, alphabet = ALPHANUM) => Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');

export const DEFAULT_POLICY: PasswordPolicy = {
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

/** The standard attributes that are not plain mutable strings: each has its own entry below. */
const TYPED_STANDARD = new Set(['sub', 'email_verified', 'phone_number_verified', 'updated_at']);

/** The standard attributes every Cognito pool has (the names: model.ts's STANDARD_ATTRIBUTES). */
function standardSchema(): SchemaAttribute[] {
  return [
    { ...str('sub', false), Required: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' } },
    ...STANDARD_ATTRIBUTES.filter((n) => !TYPED_STANDARD.has(n)).map((n) => str(n)),
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

export const epochSeconds = (emu: Emulator) => Math.floor(emu.now() / 1000);

export function checkMfaConfig(config: Pick<PoolConfig, 'MfaConfiguration'>): void {
  if (!['OFF', 'ON', 'OPTIONAL'].includes(config.MfaConfiguration)) {
    throw E.InvalidParameter(
      `1 validation error detected: Value '${config.MfaConfiguration}' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]`,
    );
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

/** What CreateUserPool (or a seed) gives for a new pool. */
export interface NewPoolSettings extends UserPoolSettings {
  PoolName: string;
  /** SchemaAttributeType list: custom attributes and changes to the standard ones. */
  Schema?: unknown[];
  /** Not a CreateUserPool member on AWS (SetUserPoolMfaConfig sets it), but a seed may give it. */
  WebAuthnConfiguration?: unknown;
}

/** What CreateUserPoolClient (or a seed) gives for a new app client. */
export interface NewClientSettings extends UserPoolClientSettings {
  ClientName: string;
}

/** Creates a pool from CreateUserPool input; `fixedId` lets a seed choose the id. */
export async function createPool(emu: Emulator, input: NewPoolSettings, fixedId?: string): Promise<Pool> {
  required(input, 'PoolName');
  if (input.UsernameAttributes && input.AliasAttributes) {
    throw E.InvalidParameter('Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.');
  }
  const region = (fixedId ?? '').split('_')[0] || 'us-east-1';
  const id = fixedId ?? `${region}_${randomId(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
  if (emu.state.pools[id]) throw E.InvalidParameter(`User pool ${id} already exists.`);
  const now = epochSeconds(emu);
  const { WebAuthnConfiguration: webAuthn, ...settings } = input;
  const config: PoolConfig = {
    ...settings,
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
  if (webAuthn !== undefined) config.WebAuthnConfiguration = validateWebAuthnConfiguration(webAuthn);
  checkMfaConfig(config);
  const pool: Pool = { config, clients: {}, users: {}, keys: await generatePoolKeys() };
  emu.state.pools[id] = pool;
  emu.changed();
  return pool;
}

const FLOWS = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_USER_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
];

/** Creates an app client from CreateUserPoolClient input; seeds may fix the id and secret. */
export function createClient(emu: Emulator, pool: Pool, input: NewClientSettings, fixed?: { ClientId?: string; ClientSecret?: string }): ClientConfig {
  required(input, 'ClientName');
  const flows: string[] = input.ExplicitAuthFlows ?? [];
  for (const flow of flows) {
    if (!FLOWS.includes(flow))
      throw E.InvalidParameter(
        `1 validation error detected: Value '[${flow}]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy enum value set: [${FLOWS.join(', ')}]`,
      );
  }
  const now = epochSeconds(emu);
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
