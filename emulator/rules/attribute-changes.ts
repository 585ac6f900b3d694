/**
 * Changing a user's attributes, by the user (UpdateUserAttributes, DeleteUserAttributes) or an admin
 * (AdminUpdateUserAttributes, AdminDeleteUserAttributes): which writes are allowed, and how a changed
 * email or phone becomes unverified and gets a code.
 */
import type { Emulator } from '../context.ts';
import * as E from '../errors.ts';
import { CODE_LIFETIME_MS, type CodeDelivery, schemaAttribute, STANDARD_ATTRIBUTES } from '../model.ts';
import type { ClientConfig, Pool, User } from '../state.ts';
import { autoVerified, sendAttributeCode } from './attribute-codes.ts';
import { claimAliases, isVerifiable, type Verifiable } from './sign-in-names.ts';

/** Self-service clients may not write `*_verified`, nor attributes outside the client's WriteAttributes. */
export function checkClientMayWrite(client: ClientConfig | undefined, names: string[]): void {
  const allowed = client?.WriteAttributes?.length ? client.WriteAttributes : undefined;
  for (const name of names) {
    if (name === 'email_verified' || name === 'phone_number_verified' || (allowed && !allowed.includes(name))) {
      throw E.NotAuthorized('A client attempted to write unauthorized attribute');
    }
  }
}

const requireVerificationFirst = (pool: Pool, attr: string) =>
  autoVerified(pool, attr) &&
  (
    (pool.config.UserAttributeUpdateSettings as { AttributesRequireVerificationBeforeUpdate?: string[] } | undefined)?.AttributesRequireVerificationBeforeUpdate ??
    []
  ).includes(attr);

/**
 * Applies attribute changes (UpdateUserAttributes, AdminUpdateUserAttributes): a changed email or
 * phone becomes unverified and, if the pool auto-verifies it, gets a code; when the pool keeps the
 * original value until verification, the new one waits in `pendingAttributes`. An admin may mark
 * values verified in the same call, which applies them directly and sends nothing.
 */
export function updateAttributes(emu: Emulator, pool: Pool, user: User, changes: Record<string, string>, admin: boolean): CodeDelivery[] {
  const next = { ...user.Attributes };
  const pending = { ...user.pendingAttributes };
  const toVerify: Verifiable[] = [];
  const changedNames: string[] = [];
  for (const [name, value] of Object.entries(changes)) {
    if (name === 'email_verified' || name === 'phone_number_verified') continue;
    if (!isVerifiable(name)) {
      if (value === '') delete next[name];
      else next[name] = value;
      changedNames.push(name);
      continue;
    }
    const markedVerified = admin && changes[`${name}_verified`] === 'true';
    if (value === next[name] && !markedVerified) {
      delete pending[name]; // setting the current value again abandons a pending change
      continue;
    }
    delete user.codes[`verify_${name}`]; // a code sent for the old value must not verify the new one
    changedNames.push(name);
    if (value === '') {
      delete next[name];
      delete next[`${name}_verified`];
      delete pending[name];
    } else if (!markedVerified && requireVerificationFirst(pool, name) && next[name] && next[`${name}_verified`] === 'true') {
      pending[name] = value;
      toVerify.push(name);
    } else {
      next[name] = value;
      next[`${name}_verified`] = markedVerified ? 'true' : 'false';
      delete pending[name];
      if (!markedVerified && autoVerified(pool, name)) toVerify.push(name);
    }
  }
  if (admin) {
    for (const flag of ['email_verified', 'phone_number_verified']) {
      const value = changes[flag];
      if (value === undefined) continue;
      if (value !== 'true' && value !== 'false') throw E.InvalidParameter(`Invalid value for ${flag}: must be true or false.`);
      next[flag] = value;
      changedNames.push(flag.replace('_verified', ''));
    }
  }
  claimAliases(emu, pool, user, next, false, changedNames);
  user.Attributes = next;
  if (Object.keys(pending).length) user.pendingAttributes = pending;
  else delete user.pendingAttributes;
  user.UserLastModifiedDate = emu.now();
  const deliveries = toVerify.map((attr) => sendAttributeCode(emu, pool, user, `verify_${attr}`, attr, pending[attr] ?? next[attr], CODE_LIFETIME_MS.verify));
  emu.changed();
  return deliveries;
}

/** DeleteUserAttributes / AdminDeleteUserAttributes: required and immutable attributes stay. */
export function deleteAttributes(emu: Emulator, pool: Pool, user: User, names: unknown, admin: boolean): void {
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) {
    throw E.InvalidParameter('UserAttributeNames must be a list of attribute names.');
  }
  for (const name of names as string[]) {
    const schema = schemaAttribute(pool, name);
    if (!schema && !STANDARD_ATTRIBUTES.includes(name)) {
      throw E.InvalidParameter(`Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.\n`);
    }
    if (!admin && (name === 'email_verified' || name === 'phone_number_verified')) {
      throw E.NotAuthorized('A client attempted to write unauthorized attribute');
    }
    if (name === 'sub' || schema?.Required || (pool.config.UsernameAttributes ?? []).includes(name as Verifiable)) {
      throw E.InvalidParameter(`Attributes did not conform to the schema: ${name}: The attribute is required\n`);
    }
    if (schema && schema.Mutable === false) {
      throw E.InvalidParameter(`Attributes did not conform to the schema: ${name}: Attribute cannot be updated. (changing an immutable attribute)\n`);
    }
  }
  for (const name of names as string[]) {
    delete user.Attributes[name];
    if (isVerifiable(name)) {
      delete user.Attributes[`${name}_verified`];
      delete user.codes[`verify_${name}`];
      if (user.pendingAttributes) delete user.pendingAttributes[name];
    }
  }
  if (user.pendingAttributes && Object.keys(user.pendingAttributes).length === 0) delete user.pendingAttributes;
  user.UserLastModifiedDate = emu.now();
  emu.changed();
}
