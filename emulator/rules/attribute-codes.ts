/**
 * Codes sent to a user's email or phone: where a sign-up or password-reset code goes, the hourly
 * limit per purpose, and a convincing delivery for a user who does not exist.
 */
import { createHash } from 'node:crypto';
import type { Emulator } from '../context.ts';
import * as E from '../errors.ts';
import { type CodeDelivery, maskDestination, sendUserCode } from '../model.ts';
import type { Pool, User } from '../state.ts';
import { EMAIL_FORMAT, PHONE_FORMAT, type Verifiable } from './sign-in-names.ts';

const mediumOf = (attr: Verifiable) => (attr === 'email' ? 'EMAIL' : 'SMS');

export const autoVerified = (pool: Pool, attr: string) => (pool.config.AutoVerifiedAttributes ?? []).includes(attr as Verifiable);

/** Cognito refuses a sixth code of one kind within an hour (per user and purpose). */
export function noteCodeRequest(emu: Emulator, user: User, purpose: string): void {
  const now = emu.now();
  const recent = (user.codeRequests[purpose] ?? []).filter((t) => now - t < 3600_000);
  if (recent.length >= 5) throw E.LimitExceeded('Attempt limit exceeded, please try after some time.');
  recent.push(now);
  user.codeRequests[purpose] = recent;
}

/** Sends a code for `purpose` to an attribute's value (or a pending value) and remembers which. */
export function sendAttributeCode(emu: Emulator, pool: Pool, user: User, purpose: string, attr: Verifiable, value: string, lifetimeMs: number): CodeDelivery {
  const delivery = sendUserCode(emu, pool, user, purpose, lifetimeMs, { medium: mediumOf(attr), destination: value, attribute: attr });
  Object.assign(user.codes[purpose], { attribute: attr, value });
  return delivery;
}

/** Where a sign-up confirmation code goes: an auto-verified email (preferred) or phone number. */
export function signUpTarget(pool: Pool, user: User): { attr: Verifiable; value: string } | undefined {
  for (const attr of ['email', 'phone_number'] as const) {
    if (autoVerified(pool, attr) && user.Attributes[attr]) return { attr, value: user.Attributes[attr] };
  }
  return undefined;
}

/** Where a password-reset code goes: a verified email or phone, in the pool's recovery order. */
export function recoveryTarget(pool: Pool, user: User): { attr: Verifiable; value: string } {
  const mechanisms = (pool.config.AccountRecoverySetting as { RecoveryMechanisms?: { Name: string; Priority: number }[] } | undefined)?.RecoveryMechanisms;
  const order: Verifiable[] = mechanisms?.length
    ? [...mechanisms]
        .sort((a, b) => a.Priority - b.Priority)
        .flatMap((m) => (m.Name === 'verified_email' ? ['email' as const] : m.Name === 'verified_phone_number' ? ['phone_number' as const] : []))
    : ['email', 'phone_number'];
  for (const attr of order) {
    if (user.Attributes[attr] && user.Attributes[`${attr}_verified`] === 'true') return { attr, value: user.Attributes[attr] };
  }
  throw E.InvalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');
}

/**
 * A plausible CodeDeliveryDetails for a user who does not exist, so a client with
 * PreventUserExistenceErrors cannot tell. Deterministic, so asking twice gives the same answer.
 */
export function fakeDelivery(pool: Pool, login: string): CodeDelivery {
  if (EMAIL_FORMAT.test(login)) return { Destination: maskDestination('EMAIL', login), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
  if (PHONE_FORMAT.test(login)) return { Destination: maskDestination('SMS', login), DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
  const h = createHash('sha256').update(`${pool.config.Id}/${login.toLowerCase()}`).digest();
  if (autoVerified(pool, 'phone_number') && !autoVerified(pool, 'email')) {
    return { Destination: `+*******${String(h.readUInt16BE(0) % 10000).padStart(4, '0')}`, DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
  }
  const letter = (i: number) => 'abcdefghijklmnopqrstuvwxyz'[h[i] % 26];
  return { Destination: `${letter(2)}***@${letter(3)}***`, DeliveryMedium: 'EMAIL', AttributeName: 'email' };
}
