/**
 * Loads a seed file: pools (CreateUserPool input plus a fixed `Id`), their app clients (with fixed
 * ids and secrets) and users (with passwords, status and MFA), so the demo and tests start from
 * known ids with no set-up calls.
 */
import { readFile } from 'node:fs/promises';
import { createClient, createPool } from './rules/pool-settings.ts';
import type { Emulator } from './context.ts';
import { addUser, newUser, setPassword, userKey } from './model.ts';
import type { CustomAuthConfig, IdentityPoolConfig, UserStatus } from './state.ts';

export interface SeedUser {
  Username: string;
  Password: string;
  Attributes?: Record<string, string>;
  /** Default CONFIRMED. FORCE_CHANGE_PASSWORD makes Password the temporary one. */
  Status?: UserStatus;
  Enabled?: boolean;
  Mfa?: {
    /** Base32 TOTP secret: the user has TOTP MFA set up with it. */
    TotpSecret?: string;
    Sms?: boolean;
    Email?: boolean;
    Preferred?: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';
  };
}

export interface SeedPool extends Record<string, unknown> {
  Id: string;
  PoolName: string;
  Clients?: (Record<string, unknown> & { ClientId: string; ClientName: string; ClientSecret?: string })[];
  Users?: SeedUser[];
  CustomAuth?: CustomAuthConfig;
}

export interface Seed {
  pools: SeedPool[];
  /** Identity pools (Cognito Identity), e.g. the demo pool's; see identity.ts for the accepted logins. */
  identityPools?: IdentityPoolConfig[];
}

export async function readSeed(path: string): Promise<Seed> {
  const seed = JSON.parse(await readFile(path, 'utf8')) as Seed;
  if (!Array.isArray(seed.pools)) throw new Error(`${path}: a seed needs a "pools" array`);
  return seed;
}

export async function applySeed(emu: Emulator, seed: Seed): Promise<void> {
  for (const { Id, Clients = [], Users = [], ...poolInput } of seed.pools) {
    const pool = await createPool(emu, poolInput, Id);
    for (const { ClientId, ClientSecret, ...clientInput } of Clients) {
      createClient(emu, pool, clientInput, { ClientId, ClientSecret });
    }
    for (const seedUser of Users) {
      const attributes = { ...seedUser.Attributes };
      const user = newUser(emu, pool, seedUser.Username, attributes);
      user.UserStatus = seedUser.Status ?? 'CONFIRMED';
      user.Enabled = seedUser.Enabled ?? true;
      setPassword(emu, pool, user, seedUser.Password);
      if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') {
        user.temporaryPasswordExpiresAt = emu.now() + pool.config.Policies.PasswordPolicy.TemporaryPasswordValidityDays * 86400_000;
      }
      const mfa = seedUser.Mfa;
      if (mfa) {
        if (mfa.TotpSecret) {
          user.mfa.totpSecret = mfa.TotpSecret;
          user.mfa.totpEnabled = true;
        }
        user.mfa.smsEnabled = mfa.Sms === true;
        user.mfa.emailEnabled = mfa.Email === true;
        user.mfa.preferred = mfa.Preferred;
      }
      if (pool.users[userKey(pool, user.Username)]) throw new Error(`seed: user ${user.Username} appears twice in ${Id}`);
      addUser(pool, user);
    }
  }
  for (const identityPool of seed.identityPools ?? []) {
    if (!/^[\w-]+:[0-9a-f-]+$/.test(identityPool.IdentityPoolId ?? '')) {
      throw new Error(`seed: identity pool id ${identityPool.IdentityPoolId} is not <region>:<uuid>`);
    }
    if (emu.state.identityPools[identityPool.IdentityPoolId]) throw new Error(`seed: identity pool ${identityPool.IdentityPoolId} appears twice`);
    emu.state.identityPools[identityPool.IdentityPoolId] = { ...identityPool, AllowUnauthenticatedIdentities: identityPool.AllowUnauthenticatedIdentities === true };
  }
}
