/**
 * The server half of Cognito's SRP-6a, written independently of `src/worker/srp.ts` so that a
 * mistake on one side cannot hide in both. Native BigInt for the group arithmetic, node:crypto for
 * SHA-256, HMAC and HKDF. Everything crosses the wire as hex (SRP_A, SRP_B, SALT) or base64.
 */
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** RFC 3526 group 15 (3072-bit MODP), the group Cognito uses; g = 2. */
export const N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;

/** Java BigInteger.toByteArray() as hex: even length, sign bit respected, two's complement for negatives. */
export function padHex(value: bigint): string {
  if (value >= 0n) {
    let hex = value.toString(16);
    if (hex.length % 2 === 1) hex = '0' + hex;
    if (/^[89a-f]/.test(hex)) hex = '00' + hex;
    return hex;
  }
  // Minimal two's complement: the fewest bytes whose top bit is set and that represent the value.
  let bytes = 1;
  while (-(1n << BigInt(bytes * 8 - 1)) > value) bytes++;
  return ((1n << BigInt(bytes * 8)) + value).toString(16).padStart(bytes * 2, '0');
}

/** A hex string as Cognito sends it, possibly with a leading '-', as a BigInt. */
export function hexToBigInt(hex: string): bigint {
  return hex.startsWith('-') ? -BigInt('0x' + hex.slice(1)) : BigInt('0x' + hex);
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of the bytes a hex string stands for, as 64 hex digits. */
export function hexHash(hex: string): string {
  return sha256Hex(Buffer.from(hex, 'hex'));
}

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

export const k = BigInt('0x' + hexHash(padHex(N) + padHex(g)));

/** x = H(salt | H(poolName + userId + ":" + password)), the private key a verifier is built from. */
export function privateKey(saltHex: string, poolName: string, userId: string, password: string): bigint {
  const inner = sha256Hex(Buffer.from(`${poolName}${userId}:${password}`, 'utf8'));
  return BigInt('0x' + hexHash(padHex(hexToBigInt(saltHex)) + inner));
}

/** A fresh salt and the verifier v = g^x mod N for a password. Nothing else about it is kept. */
export function makeVerifier(poolName: string, userId: string, password: string): { salt: string; verifier: string } {
  const salt = padHex(BigInt('0x' + randomBytes(16).toString('hex')));
  const x = privateKey(salt, poolName, userId, password);
  return { salt, verifier: modPow(g, x, N).toString(16) };
}

export function checkPassword(record: { salt: string; verifier: string }, poolName: string, userId: string, password: string): boolean {
  const x = privateKey(record.salt, poolName, userId, password);
  return modPow(g, x, N) === BigInt('0x' + record.verifier);
}

/** The server's ephemeral: b random, B = k*v + g^b mod N (never 0 mod N). */
export function serverEphemeral(verifierHex: string): { b: string; B: string } {
  for (;;) {
    const b = BigInt('0x' + randomBytes(128).toString('hex'));
    const B = (k * BigInt('0x' + verifierHex) + modPow(g, b, N)) % N;
    if (B !== 0n) return { b: b.toString(16), B: B.toString(16) };
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const TIMESTAMP =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d) UTC (\d{4})$/;

/**
 * Parses `EEE MMM d HH:mm:ss UTC yyyy` strictly (day not zero-padded, hours 00-23), as Cognito
 * does; returns epoch ms or undefined. A weekday that does not match the date is refused too.
 */
export function parseTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [, dow, mon, day, hh, mm, ss, year] = m;
  const ms = Date.UTC(Number(year), MONTHS.indexOf(mon), Number(day), Number(hh), Number(mm), Number(ss));
  const date = new Date(ms);
  if (date.getUTCDate() !== Number(day) || DAYS[date.getUTCDay()] !== dow) return undefined;
  return ms;
}

export interface ClaimCheck {
  poolName: string; // the part of the pool id after '_' (or the DeviceGroupKey for device SRP)
  userId: string; // USER_ID_FOR_SRP (or the DeviceKey)
  salt: string;
  verifier: string;
  A: string;
  b: string;
  B: string;
  secretBlock: string; // base64, as issued
  timestamp: string;
  signature: string; // base64 PASSWORD_CLAIM_SIGNATURE
}

/** Recomputes the session key from the server side and checks the client's HMAC over the claim. */
export function verifyPasswordClaim(c: ClaimCheck): boolean {
  const A = BigInt('0x' + c.A);
  const B = BigInt('0x' + c.B);
  const v = BigInt('0x' + c.verifier);
  const u = BigInt('0x' + hexHash(padHex(A) + padHex(B)));
  if (u === 0n) return false;
  const S = modPow(A * modPow(v, u, N), BigInt('0x' + c.b), N);
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), 'Caldera Derived Key', 16));
  const message = Buffer.concat([
    Buffer.from(c.poolName, 'utf8'),
    Buffer.from(c.userId, 'utf8'),
    Buffer.from(c.secretBlock, 'base64'),
    Buffer.from(c.timestamp, 'utf8'),
  ]);
  const expected = createHmac('sha256', key).update(message).digest();
  const given = Buffer.from(c.signature, 'base64');
  return given.length === expected.length && expected.equals(given);
}

/** A is acceptable when it is a hex number that is not 0 mod N. */
export function isValidA(hex: string): boolean {
  if (!/^[0-9a-fA-F]+$/.test(hex)) return false;
  return BigInt('0x' + hex) % N !== 0n;
}
