/**
 * The names a user signs in with besides the username: username formats, username attributes
 * (email / phone as username) and verified aliases, and which user owns which alias.
 */
import type { Emulator } from '../context.ts';
import * as E from '../errors.ts';
import { caseSensitive } from '../model.ts';
import type { Pool, User } from '../state.ts';

export const EMAIL_FORMAT = /^[^@\s]+@[^@\s]+$/;

export const PHONE_FORMAT = /^\+\d{4,15}$/;

function sameValue(pool: Pool, a: string | undefined, b: string): boolean {
  return a !== undefined && (caseSensitive(pool) ? a === b : a.toLowerCase() === b.toLowerCase());
}

/** Usernames are printable without spaces, and must not look like an alias the pool signs in with. */
export function checkUsernameFormat(pool: Pool, username: string): void {
  if (username.length > 128 || !/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u.test(username)) {
    throw E.InvalidParameter(
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
    );
  }
  const aliases = pool.config.AliasAttributes ?? [];
  if (aliases.includes('email') && EMAIL_FORMAT.test(username)) {
    throw E.InvalidParameter('Username cannot be of email format, since user pool is configured for email alias.');
  }
  if (aliases.includes('phone_number') && PHONE_FORMAT.test(username)) {
    throw E.InvalidParameter('Username cannot be of phone number format, since user pool is configured for phone number alias.');
  }
}

/** In email/phone-as-username pools the address itself is taken, by any user, confirmed or not. */
export function checkUsernameAttributesFree(pool: Pool, attributes: Record<string, string>): void {
  for (const attr of pool.config.UsernameAttributes ?? []) {
    const value = attributes[attr];
    if (value && Object.values(pool.users).some((u) => sameValue(pool, u.Attributes[attr], value))) {
      throw E.UsernameExists(`An account with the given ${attr} already exists.`);
    }
  }
}

/**
 * What a user can sign in with besides the username: username attributes always, and (once the
 * user is confirmed, `live`) verified email / phone aliases and preferred_username.
 */
function signInAttributes(pool: Pool, attributes: Record<string, string>, live: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attr of pool.config.UsernameAttributes ?? []) if (attributes[attr]) out[attr] = attributes[attr];
  if (!live) return out;
  for (const attr of pool.config.AliasAttributes ?? []) {
    if (attributes[attr] && (attr === 'preferred_username' || attributes[`${attr}_verified`] === 'true')) out[attr] = attributes[attr];
  }
  return out;
}

/**
 * Makes sure no other user signs in with an alias this user is about to have (AliasExistsException,
 * or UsernameExistsException for username attributes), optionally only for the `only` attributes.
 * With `force` (ForceAliasCreation) an alias moves: the other user's address becomes unverified
 * (preferred_username, which has no verification, is removed).
 */
export function claimAliases(emu: Emulator, pool: Pool, user: User, attributes: Record<string, string>, force = false, only?: string[]): void {
  for (const [attr, value] of Object.entries(signInAttributes(pool, attributes, true))) {
    if (only && !only.includes(attr)) continue;
    const isUsernameAttr = (pool.config.UsernameAttributes ?? []).includes(attr as Verifiable);
    for (const other of Object.values(pool.users)) {
      if (other === user) continue;
      if (!sameValue(pool, signInAttributes(pool, other.Attributes, other.UserStatus !== 'UNCONFIRMED')[attr], value)) continue;
      if (force && !isUsernameAttr) {
        // The other user keeps the address (it may be a required attribute) but no longer signs in with it.
        if (isVerifiable(attr)) other.Attributes[`${attr}_verified`] = 'false';
        else delete other.Attributes[attr];
        other.UserLastModifiedDate = emu.now();
        continue;
      }
      const message = `An account with the given ${attr === 'phone_number' ? 'phone_number' : 'email'} already exists.`;
      throw isUsernameAttr ? E.UsernameExists(message) : E.AliasExists(message);
    }
  }
}

export type Verifiable = 'email' | 'phone_number';

export const isVerifiable = (name: string): name is Verifiable => name === 'email' || name === 'phone_number';
