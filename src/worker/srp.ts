/**
 * Cognito's SRP-6a, client side, as pure functions: read it line by line against
 * shared/docs/cognito-protocol.md section 3. Nothing here touches the network, the clock or
 * randomness unless told to: the ephemeral `a` and the time are arguments, so every step can be
 * checked against published vectors. Hashes come from @noble/hashes; the group arithmetic is
 * native BigInt.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/** RFC 3526 group 15, the 3072-bit MODP prime Cognito uses. */
export const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;

/** Why an SRP computation refused to go on: each is a sign of a broken or hostile server. */
export class SrpError extends Error {
  override name = 'SrpError';
  constructor(
    readonly reason: 'B_IS_ZERO' | 'B_OUT_OF_RANGE' | 'U_IS_ZERO' | 'A_IS_ZERO' | 'BAD_HEX' | 'BAD_SECRET_BLOCK',
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Encodings

/**
 * The hex of Java's BigInteger.toByteArray(), which Cognito hashes: even length, a leading 00 when
 * the top bit would be set, and negatives in minimal two's complement (-1 -> ff, -0x81 -> ff7f).
 */
export function padHex(value: bigint): string {
  if (value >= 0n) {
    const hex = value.toString(16);
    const even = hex.length % 2 === 1 ? '0' + hex : hex;
    return '89abcdef'.includes(even[0]) ? '00' + even : even;
  }
  // Two's complement in the fewest whole bytes whose sign bit is set.
  let bits = 8n;
  while (-(1n << (bits - 1n)) > value) bits += 8n;
  return ((1n << bits) + value).toString(16).padStart(Number(bits / 4n), '0');
}

/** Hex (optionally with a leading '-', which Cognito has been seen to send in SALT) as a BigInt. */
export function hexToBigInt(hex: string): bigint {
  if (typeof hex != 'string') throw new SrpError('BAD_HEX', `Not a hex number: ${hex}`);
  const negative = hex.startsWith('-');
  const digits = negative ? hex.slice(1) : hex;
  if (!/^[0-9a-fA-F]+$/.test(digits)) throw new SrpError('BAD_HEX', `Not a hex number: ${hex.slice(0, 16)}`);
  const value = BigInt('0x' + digits);
  return negative ? -value : value;
}

/** SHA-256 of the bytes the (even-length) hex string stands for, as 64 hex digits. */
export function hexHash(hex: string): string {
  return bytesToHex(sha256(hexToBytes(hex)));
}

export function base64Encode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function base64Decode(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new SrpError('BAD_SECRET_BLOCK', 'SECRET_BLOCK is not valid base64');
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

// ---------------------------------------------------------------------------------------------
// Group arithmetic mod N
//
// A sign-in's cost is nearly all 3072-bit products and their reduction mod N, so both are done the
// way measurement in bench/ favoured (see bench/RESULTS.md). None of this is constant-time; native
// BigInt offers no such guarantee in any form.

/**
 * Montgomery form: x stands for xR mod N with R = 2^3072, so a product needs no division: REDC
 * divides by R exactly, 1024 bits at a time. Three 1024-bit steps multiply less (16x48 64-bit digits
 * each, plus a 16x16 for q) than one 3072-bit step, whose q = t·(-1/N) mod R is a full product;
 * smaller steps cost more BigInt operations than they save (measured: bench/RESULTS.md).
 */
/** -1/N mod 2^1024, by Newton's iteration: 1 is right mod 2, and each round doubles the correct low bits. */
let inverse = 1n;
for (let i = 0; i < 10; i++) inverse = BigInt.asUintN(1024, inverse * (2n - N * inverse));
const NEG_INVERSE = BigInt.asUintN(1024, -inverse);

/** t/R mod N for 0 <= t < N·R: each step adds the multiple of N that clears t's low 1024 bits. */
function reduce(t: bigint): bigint {
  for (let i = 0; i < 3; i++) t = (t + BigInt.asUintN(1024, BigInt.asUintN(1024, t) * NEG_INVERSE) * N) >> 1024n;
  // t < t0/R + N < 2N here, so one subtraction brings it into [0, N).
  return t < N ? t : t - N;
}
const R_MOD_N = (1n << 3072n) % N;
const R2_MOD_N = (R_MOD_N * R_MOD_N) % N;
const toMontgomery = (x: bigint) => reduce((((x % N) + N) % N) * R2_MOD_N);

/**
 * base^exponent mod N (exponent >= 0), left to right with a sliding window of up to 5 bits: odd
 * powers b, b^3, ..., b^31 are tabled, runs of zero bits cost squarings only. For S's ~1025-bit
 * exponent that is about 1024 squarings and 190 multiplications; the squarings cannot be avoided
 * for a base only known late (a 6-bit window measured no faster).
 */
export function modPow(base: bigint, exponent: bigint): bigint {
  const b = toMontgomery(base);
  const b2 = reduce(b * b);
  const odd = [b];
  for (let i = 1; i < 16; i++) odd.push(reduce(odd[i - 1] * b2));
  const bits = exponent.toString(2);
  let result = R_MOD_N;
  for (let i = 0; i < bits.length;) {
    if (bits[i] === '0') {
      result = reduce(result * result);
      i++;
      continue;
    }
    // The longest window of at most 5 bits from here that ends in a 1.
    let end = Math.min(i + 5, bits.length);
    while (bits[end - 1] === '0') end--;
    for (let j = i; j < end; j++) result = reduce(result * result);
    result = reduce(result * odd[parseInt(bits.slice(i, end), 2) >> 1]);
    i = end;
  }
  return reduce(result);
}

/**
 * g^(16^j) in Montgomery form for j < 256, built on first use: exponents up to 1024 bits (a has
 * 1024, x 256). About 1020 squarings, once per worker; the first ephemeral pays for it, before any
 * sign-in begins, and then no g^e needs a squaring.
 */
let gTable: bigint[] | undefined;
function buildGTable(): bigint[] {
  const table = [toMontgomery(g)];
  for (let j = 1; j < 256; j++) {
    let t = table[j - 1];
    for (let s = 0; s < 4; s++) t = reduce(t * t);
    table.push(t);
  }
  return table;
}

/**
 * g^exponent mod N from the table (Brickell-Gordon-McCurley-Wilson): with e's hex digits e_j,
 * g^e = prod over d = 15..1 of (prod of table[j] with e_j >= d), accumulated so that each digit
 * costs one multiplication and each d one more: ~75 multiplications for x against ~320 for modPow.
 */
export function gPow(exponent: bigint): bigint {
  const hex = exponent.toString(16);
  if (hex.length > 256) return modPow(g, exponent);
  const table = (gTable ??= buildGTable());
  const digits = Array.from(hex, (c) => parseInt(c, 16)).reverse();
  let product = R_MOD_N;
  let result = R_MOD_N;
  for (let d = 15; d > 0; d--) {
    for (let j = 0; j < digits.length; j++) if (digits[j] === d) product = reduce(product * table[j]);
    result = reduce(result * product);
  }
  return reduce(result);
}

/** k = H(padHex(N) | padHex(g)). */
export const k = hexToBigInt(hexHash(padHex(N) + padHex(g)));

// ---------------------------------------------------------------------------------------------
// The protocol, step by step

export interface Ephemeral {
  /** The secret exponent (hex). Used once, then forgotten. */
  a: string;
  /** A = g^a mod N (lowercase hex, unpadded): SRP_A on the wire. */
  A: string;
}

/** a from 128 random bytes (or given bytes, for tests), and A = g^a mod N. */
export function generateEphemeral(aBytes: Uint8Array = randomBytes(128)): Ephemeral {
  const a = hexToBigInt(bytesToHex(aBytes));
  const A = gPow(a);
  if (A % N === 0n) throw new SrpError('A_IS_ZERO', 'A mod N is 0: choose another a');
  return { a: a.toString(16), A: A.toString(16) };
}

/** u = H(padHex(A) | padHex(B)); 0 would make the session key independent of the password. */
export function computeU(A: bigint, B: bigint): bigint {
  return checkU(hexToBigInt(hexHash(padHex(A) + padHex(B))));
}

/** Refuses u = 0 (SRP-6a's abort rule); separate so the rule can be tested without a SHA-256 preimage. */
export function checkU(u: bigint): bigint {
  if (u === 0n) throw new SrpError('U_IS_ZERO', 'u is 0: the server sent a B that cannot be used');
  return u;
}

/** x = H(padHex(salt) | SHA256(poolName | userId | ":" | password)). */
export function computeX(salt: string, poolName: string, userId: string, password: string): bigint {
  const inner = bytesToHex(sha256(utf8ToBytes(`${poolName}${userId}:${password}`)));
  return hexToBigInt(hexHash(padHex(hexToBigInt(salt)) + inner));
}

/** S = (B - k * g^x) ^ (a + u * x) mod N, with the (usually negative) base brought into [0, N). */
export function computeS(B: bigint, x: bigint, a: bigint, u: bigint): bigint {
  const base = (((B - k * gPow(x)) % N) + N) % N;
  return modPow(base, a + u * x);
}

/**
 * K = HKDF-SHA256(salt = padHex(u), ikm = padHex(S), info = "Caldera Derived Key"), 16 bytes. 16
 * bytes is less than one SHA-256 block, so RFC 5869 reduces to T(1) = HMAC(PRK, info | 0x01),
 * written out here rather than pulling in a general HKDF.
 */
export function computeKey(S: bigint, u: bigint): Uint8Array {
  const prk = hmac(sha256, hexToBytes(padHex(u)), hexToBytes(padHex(S)));
  return hmac(sha256, prk, utf8ToBytes('Caldera Derived Key\x01')).slice(0, 16);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/**
 * `EEE MMM d HH:mm:ss UTC yyyy` in English from the UTC fields, day not padded, hours 00-23.
 * Built by hand: Intl can print hour 24 at midnight, and Cognito refuses a padded day.
 */
export function formatTimestamp(date: Date): string {
  return (
    `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

/** PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(K, poolName | userId | SECRET_BLOCK bytes | TIMESTAMP)). */
export function claimSignature(key: Uint8Array, poolName: string, userId: string, secretBlock: string, timestamp: string): string {
  const message = concatBytes(utf8ToBytes(poolName), utf8ToBytes(userId), base64Decode(secretBlock), utf8ToBytes(timestamp));
  return base64Encode(hmac(sha256, key, message));
}

export interface ClaimInput {
  /** The part of the pool id after '_' (for device SRP: the DeviceGroupKey). */
  poolName: string;
  /** USER_ID_FOR_SRP (for device SRP: the DeviceKey). */
  userId: string;
  /** The password (for device SRP: the device's random password). */
  password: string;
  /** From the ephemeral this sign-in began with. */
  a: string;
  A: string;
  /** From the PASSWORD_VERIFIER (or DEVICE_PASSWORD_VERIFIER) challenge. */
  SRP_B: string;
  SALT: string;
  SECRET_BLOCK: string;
  /** The time to sign; the caller passes its server-corrected clock. */
  now: Date;
}

export interface Claim {
  PASSWORD_CLAIM_SIGNATURE: string;
  PASSWORD_CLAIM_SECRET_BLOCK: string;
  TIMESTAMP: string;
}

/** Everything the client does after the verifier challenge arrives: g^x, S, K and the signature. */
export function passwordClaim(input: ClaimInput): Claim {
  // B = (k*v + g^b) mod N lies in [1, N) and is sent unsigned: a sign (which hexToBigInt allows for
  // SALT), 0 or a value >= N (which B mod N would quietly reduce) is refused before any math.
  const B = hexToBigInt(input.SRP_B);
  if (B % N === 0n) throw new SrpError('B_IS_ZERO', 'B mod N is 0: the server sent an invalid SRP_B');
  if (B < 0n || B > N) throw new SrpError('B_OUT_OF_RANGE', 'SRP_B is not in [1, N): the server sent an invalid SRP_B');
  const u = computeU(hexToBigInt(input.A), B);
  const x = computeX(input.SALT, input.poolName, input.userId, input.password);
  const S = computeS(B, x, hexToBigInt(input.a), u);
  const key = computeKey(S, u);
  const TIMESTAMP = formatTimestamp(input.now);
  return {
    PASSWORD_CLAIM_SIGNATURE: claimSignature(key, input.poolName, input.userId, input.SECRET_BLOCK, TIMESTAMP),
    PASSWORD_CLAIM_SECRET_BLOCK: input.SECRET_BLOCK,
    TIMESTAMP,
  };
}

export interface DeviceSecrets {
  /** base64 of 40 random bytes: the device's password, kept by the client. */
  randomPassword: string;
  /** ConfirmDevice's DeviceSecretVerifierConfig. */
  verifierConfig: { Salt: string; PasswordVerifier: string };
}

/**
 * A remembered device's credentials: a random password and the verifier Cognito keeps for it,
 * v = g^x with x over (DeviceGroupKey, DeviceKey, randomPassword). Randomness may be given for tests.
 */
export function deviceVerifier(
  deviceGroupKey: string,
  deviceKey: string,
  passwordBytes: Uint8Array = randomBytes(40),
  saltBytes: Uint8Array = randomBytes(16),
): DeviceSecrets {
  const randomPassword = base64Encode(passwordBytes);
  const salt = padHex(hexToBigInt(bytesToHex(saltBytes)));
  const x = computeX(salt, deviceGroupKey, deviceKey, randomPassword);
  const verifier = padHex(gPow(x));
  return {
    randomPassword,
    verifierConfig: { Salt: base64Encode(hexToBytes(salt)), PasswordVerifier: base64Encode(hexToBytes(verifier)) },
  };
}

/** SECRET_HASH = base64(HMAC-SHA256(clientSecret, username | clientId)), for app clients with a secret. */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return base64Encode(hmac(sha256, utf8ToBytes(clientSecret), utf8ToBytes(username + clientId)));
}
