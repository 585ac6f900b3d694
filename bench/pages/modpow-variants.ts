/**
 * Bench-only copies of modPow: the options issue 16 listed, measured next to what src/worker/srp.ts
 * adopted (Montgomery in 1024-bit steps, a sliding window, a fixed-base table for g). Every variant
 * must return exactly what the previous code returns (the bench checks that on its inputs before
 * timing). None of these is constant-time, and neither is src: BigInt offers no such guarantee.
 */

/** The algorithm srp.ts shipped before issue 16 (fixed 4-bit window over the exponent's hex digits, `%`). */
export function fixedWindow4(base: bigint, exponent: bigint, modulus: bigint): bigint {
  const b = ((base % modulus) + modulus) % modulus;
  const table = [1n, b];
  for (let i = 2; i < 16; i++) table.push((table[i - 1] * b) % modulus);
  let result = 1n;
  for (const digit of exponent.toString(16)) {
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    const d = parseInt(digit, 16);
    if (d !== 0) result = (result * table[d]) % modulus;
  }
  return result;
}

/** The exponent's bits, most significant first (once per call: cheap next to 3072-bit products). */
function bitsOf(exponent: bigint): Uint8Array {
  const binary = exponent.toString(2);
  const bits = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bits[i] = binary.charCodeAt(i) - 48;
  return bits;
}

/**
 * Left-to-right sliding window of `w` bits: odd powers b, b^3, ..., b^(2^w - 1) precomputed, runs
 * of zero bits cost squarings only. For a 1024-bit exponent, w = 5 or 6 is the textbook optimum.
 */
export function slidingWindow(base: bigint, exponent: bigint, modulus: bigint, w = 5): bigint {
  const b = ((base % modulus) + modulus) % modulus;
  const b2 = (b * b) % modulus;
  const odd = [b];
  for (let i = 1; i < 1 << (w - 1); i++) odd.push((odd[i - 1] * b2) % modulus);
  const bits = bitsOf(exponent);
  let result = 1n;
  let i = 0;
  while (i < bits.length) {
    if (bits[i] === 0) {
      result = (result * result) % modulus;
      i++;
      continue;
    }
    // The longest window of at most w bits starting here that ends in a 1.
    let end = Math.min(i + w, bits.length) - 1;
    while (bits[end] === 0) end--;
    let value = 0;
    for (let j = i; j <= end; j++) {
      value = (value << 1) | bits[j];
      result = (result * result) % modulus;
    }
    result = (result * odd[(value - 1) >> 1]) % modulus;
    i = end + 1;
  }
  return result;
}

/**
 * Montgomery constants for an odd modulus: R = 2^bits, and N' = -N^-1 mod 2^(bits/steps) for REDC
 * in `steps` equal steps (1: the textbook single step; srp.ts uses 3 for its 3072-bit N).
 */
export function montgomeryContext(modulus: bigint, steps = 1) {
  const bits = BigInt(modulus.toString(2).length);
  const R = 1n << bits;
  const stepBits = Number(bits) / steps;
  if (!Number.isInteger(stepBits)) throw new Error('steps must divide the modulus length');
  // Newton iteration for N^-1 mod 2^k doubles the correct bits each step.
  let inv = 1n;
  for (let k = 1; k < stepBits; k *= 2) inv = BigInt.asUintN(stepBits, inv * (2n - modulus * inv));
  const nPrime = BigInt.asUintN(stepBits, -inv);
  return { modulus, bits, steps, stepBits, stepShift: BigInt(stepBits), R, nPrime, r2: (R * R) % modulus };
}
type Mont = ReturnType<typeof montgomeryContext>;

/** REDC: t * R^-1 mod N without a division (masks and shifts instead), in m.steps steps. */
function redc(t: bigint, m: Mont): bigint {
  for (let i = 0; i < m.steps; i++) {
    const q = BigInt.asUintN(m.stepBits, BigInt.asUintN(m.stepBits, t) * m.nPrime);
    t = (t + q * m.modulus) >> m.stepShift;
  }
  return t >= m.modulus ? t - m.modulus : t;
}

/** Sliding window with Montgomery multiplication instead of `%`. */
export function montgomerySliding(base: bigint, exponent: bigint, m: Mont, w = 5): bigint {
  const b = redc((((base % m.modulus) + m.modulus) % m.modulus) * m.r2, m);
  const b2 = redc(b * b, m);
  const odd = [b];
  for (let i = 1; i < 1 << (w - 1); i++) odd.push(redc(odd[i - 1] * b2, m));
  const bits = bitsOf(exponent);
  let result = redc(m.r2, m); // 1 in Montgomery form
  let i = 0;
  while (i < bits.length) {
    if (bits[i] === 0) {
      result = redc(result * result, m);
      i++;
      continue;
    }
    let end = Math.min(i + w, bits.length) - 1;
    while (bits[end] === 0) end--;
    let value = 0;
    for (let j = i; j <= end; j++) {
      value = (value << 1) | bits[j];
      result = redc(result * result, m);
    }
    result = redc(result * odd[(value - 1) >> 1], m);
    i = end + 1;
  }
  return redc(result, m);
}

/** Barrett constants: mu = floor(4^k / N) for a k-bit N. */
export function barrettContext(modulus: bigint) {
  const k = BigInt(modulus.toString(2).length);
  return { modulus, k, mu: (1n << (2n * k)) / modulus, shiftLo: k - 1n, shiftHi: k + 1n };
}
type Barrett = ReturnType<typeof barrettContext>;

function barrett(t: bigint, c: Barrett): bigint {
  const q = ((t >> c.shiftLo) * c.mu) >> c.shiftHi;
  let r = t - q * c.modulus;
  while (r >= c.modulus) r -= c.modulus;
  return r;
}

/** Sliding window with Barrett reduction instead of `%`. */
export function barrettSliding(base: bigint, exponent: bigint, c: Barrett, w = 5): bigint {
  const b = ((base % c.modulus) + c.modulus) % c.modulus;
  const b2 = barrett(b * b, c);
  const odd = [b];
  for (let i = 1; i < 1 << (w - 1); i++) odd.push(barrett(odd[i - 1] * b2, c));
  const bits = bitsOf(exponent);
  let result = 1n;
  let i = 0;
  while (i < bits.length) {
    if (bits[i] === 0) {
      result = barrett(result * result, c);
      i++;
      continue;
    }
    let end = Math.min(i + w, bits.length) - 1;
    while (bits[end] === 0) end--;
    let value = 0;
    for (let j = i; j <= end; j++) {
      value = (value << 1) | bits[j];
      result = barrett(result * result, c);
    }
    result = barrett(result * odd[(value - 1) >> 1], c);
    i = end + 1;
  }
  return result;
}

/**
 * g = 2: multiplying by g^d is a left shift by d bits, so the window's "multiplications" become
 * shifts followed by a cheap reduction (the quotient is at most d bits). Squarings stay.
 */
export function powerOfTwo(exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  for (const digit of exponent.toString(16)) {
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    const d = parseInt(digit, 16);
    if (d !== 0) result = (result << BigInt(d)) % modulus;
  }
  return result;
}

/**
 * Fixed-base exponentiation (Brickell-Gordon-McCurley-Wilson): g is always 2, so g^(2^(w*j)) can
 * be tabled once per worker. Then g^e = prod over digits d = 2^w - 1 .. 1 of (prod of T[j] whose
 * digit is d)^... computed with about m + 2^w multiplications (m = bits / w) and no squarings.
 */
export function fixedBaseTable(base: bigint, modulus: bigint, maxBits: number, w = 4) {
  const m = Math.ceil(maxBits / w);
  const table: bigint[] = [base % modulus];
  for (let j = 1; j < m; j++) {
    let t = table[j - 1];
    for (let s = 0; s < w; s++) t = (t * t) % modulus;
    table.push(t);
  }
  return { table, w, modulus, maxBits };
}
type FixedBase = ReturnType<typeof fixedBaseTable>;

export function fixedBasePow(exponent: bigint, fb: FixedBase): bigint {
  const { table, w, modulus } = fb;
  const mask = (1n << BigInt(w)) - 1n;
  const digits: number[] = [];
  for (let e = exponent; e > 0n; e >>= BigInt(w)) digits.push(Number(e & mask));
  if (digits.length > table.length) throw new Error('exponent longer than the table');
  let a = 1n;
  let b = 1n;
  for (let d = (1 << w) - 1; d >= 1; d--) {
    for (let j = 0; j < digits.length; j++) if (digits[j] === d) b = (b * table[j]) % modulus;
    a = (a * b) % modulus;
  }
  return a;
}
