/** RFC 6238 TOTP through otpauth, on the emulator's clock, as Cognito's authenticator-app MFA uses it. */
import { Secret, TOTP } from 'otpauth';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** Accepts the code for the current 30-second step or one step either side (clock drift), as Cognito does. */
export function totpMatches(secretBase32: string, code: unknown, nowMs: number): boolean {
  if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return false;
  const totp = new TOTP({ secret: Secret.fromBase32(secretBase32), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.validate({ token: code, timestamp: nowMs, window: 1 }) !== null;
}

export function totpCode(secretBase32: string, nowMs: number): string {
  return new TOTP({ secret: Secret.fromBase32(secretBase32), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: nowMs });
}
