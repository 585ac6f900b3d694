// The floor: OpenSSL's modular exponentiation (Node's crypto.createDiffieHellman, assembly
// Montgomery multiplication, constant-time windows) for the same exponent sizes as a sign-in, and
// a whole PASSWORD_VERIFIER claim computed with it, next to our BigInt code run by the same Node.
// Needs tsx registered (it imports src/worker/srp.ts).
import crypto from 'node:crypto';
import { shuffled, summarize } from './stats.mjs';

const toBuffer = (value) => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
};
const fromBuffer = (buffer) => BigInt(`0x${buffer.toString('hex') || '0'}`);

export async function nodeFloor(inputs, { iterations }) {
  const srp = await import('../../src/worker/srp.ts');
  const { N, g, k, padHex } = srp;
  const dh = crypto.createDiffieHellman(toBuffer(N), toBuffer(g));

  /** g^e mod N by OpenSSL: the DH "public key" for private key e. */
  const powG = (e) => {
    dh.setPrivateKey(toBuffer(e));
    return fromBuffer(dh.generateKeys());
  };
  /** base^e mod N by OpenSSL: the DH "shared secret" with the peer's public key `base`. */
  const pow = (base, e) => {
    dh.setPrivateKey(toBuffer(e));
    return fromBuffer(dh.computeSecret(toBuffer(base)));
  };
  const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest();
  const hexHash = (hex) => sha256(Buffer.from(hex, 'hex')).toString('hex');

  /** The whole claim with OpenSSL for the group arithmetic and node:crypto for the hashes. */
  const floorClaim = (input, a, A, date) => {
    const B = BigInt(`0x${input.SRP_B}`);
    const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
    const inner = sha256(Buffer.from(`${input.poolName}${input.userId}:${input.password}`, 'utf8')).toString('hex');
    const x = BigInt(`0x${hexHash(padHex(srp.hexToBigInt(input.SALT)) + inner)}`);
    const base = (((B - k * powG(x)) % N) + N) % N;
    const S = pow(base, a + u * x);
    const key = Buffer.from(crypto.hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), 'Caldera Derived Key', 16));
    const timestamp = srp.formatTimestamp(date);
    const message = Buffer.concat([Buffer.from(input.poolName), Buffer.from(input.userId), Buffer.from(input.SECRET_BLOCK, 'base64'), Buffer.from(timestamp)]);
    return crypto.createHmac('sha256', key).update(message).digest('base64');
  };

  // Correctness first: OpenSSL and srp.ts must agree, or the floor is not the same computation.
  const date = new Date(Date.UTC(2024, 1, 5, 7, 8, 9));
  for (const input of inputs.slice(0, 3)) {
    const { a, A } = srp.generateEphemeral();
    const aBig = BigInt(`0x${a}`);
    if (powG(aBig) !== BigInt(`0x${A}`)) throw new Error('OpenSSL g^a differs from srp.ts');
    const ours = srp.passwordClaim({ ...input, a, A, now: date }).PASSWORD_CLAIM_SIGNATURE;
    if (floorClaim(input, aBig, BigInt(`0x${A}`), date) !== ours) throw new Error('the OpenSSL claim differs from srp.ts passwordClaim');
  }

  const random = (bytes) => fromBuffer(crypto.randomBytes(bytes));
  const ops = {
    'g^a, 1024-bit exponent (the precompute)': { openssl: (c) => powG(c.a), bigint: (c) => srp.gPow(c.a) },
    'g^x, 256-bit exponent': { openssl: (c) => powG(c.x), bigint: (c) => srp.gPow(c.x) },
    'base^(a+u·x), ~1025-bit exponent, any base': { openssl: (c) => pow(c.base, c.e), bigint: (c) => srp.modPow(c.base, c.e) },
    'critical path: the whole claim (g^x, S, HKDF, signature)': {
      openssl: (c) => floorClaim(c.input, c.a, c.A, new Date()),
      bigint: (c) => srp.passwordClaim({ ...c.input, a: c.aHex, A: c.AHex, now: new Date() }),
    },
  };
  const cases = inputs.map((input) => {
    const { a, A } = srp.generateEphemeral();
    const aBig = BigInt(`0x${a}`);
    const x = random(32);
    const u = random(32);
    return { input, a: aBig, A: BigInt(`0x${A}`), aHex: a, AHex: A, x, base: random(384) % N, e: aBig + u * x };
  });
  const samples = Object.fromEntries(Object.keys(ops).map((name) => [name, { openssl: [], bigint: [] }]));
  const warmup = 3;
  for (let i = 0; i < warmup + iterations; i++) {
    const c = cases[i % cases.length];
    for (const name of shuffled(Object.keys(ops))) {
      for (const impl of Math.random() < 0.5 ? ['openssl', 'bigint'] : ['bigint', 'openssl']) {
        const t = performance.now();
        ops[name][impl](c);
        const ms = performance.now() - t;
        if (i >= warmup) samples[name][impl].push(ms);
      }
    }
  }
  return {
    openssl: process.versions.openssl,
    node: process.version,
    ops: Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, { openssl: summarize(s.openssl), bigint: summarize(s.bigint), raw: s }])),
  };
}
