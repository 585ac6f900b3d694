// The emulator's server-side SRP (emulator/srp.ts) against published known-answer vectors, and
// end to end against a small client written here from cognito-protocol.md section 3. The client
// shares no code with the emulator (nor with src/), so a mistake on one side cannot hide in both;
// it is itself checked against the vectors' full PASSWORD_CLAIM_SIGNATURE first.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import * as srp from '../../emulator/srp.ts';
import { vectors } from './support/vectors.ts';

const helper = vectors('cognito-srp-helper');
const alexrudd = vectors('alexrudd/cognito-srp');
const furaiev = vectors('furaiev/amazon-cognito-identity-dart-2');
const pycognito = vectors('NabuCasa/pycognito');
const padHexTable = vectors('padHex table');

// ---------------------------------------------------------------------------------------------
// The test's own SRP client (cognito-protocol.md section 3), BigInt + node:crypto.

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
const N = BigInt('0x' + N_HEX);
const g = 2n;

/** Java BigInteger.toByteArray() as hex, written independently of the emulator's. */
function clientPadHex(value: bigint): string {
  if (value < 0n) {
    let bytes = 1;
    while (-(1n << BigInt(8 * bytes - 1)) > value) bytes++;
    return ((1n << BigInt(8 * bytes)) + value).toString(16).padStart(2 * bytes, '0');
  }
  const hex = value.toString(16);
  const even = hex.length % 2 ? '0' + hex : hex;
  return parseInt(even.slice(0, 2), 16) >= 0x80 ? '00' + even : even;
}
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const clientHexHash = (hex: string) => sha256(Buffer.from(hex, 'hex'));
function clientModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}
const clientK = BigInt('0x' + clientHexHash(clientPadHex(N) + clientPadHex(g)));

interface ClaimInput {
  poolName: string;
  userId: string;
  password: string;
  a: bigint;
  B: bigint;
  salt: bigint;
  secretBlock: string;
  timestamp: string;
}

/** The client's half: A, u, the HKDF key and PASSWORD_CLAIM_SIGNATURE. */
function clientClaim(c: ClaimInput): { A: bigint; u: bigint; key: Buffer; signature: string } {
  const A = clientModPow(g, c.a, N);
  const u = BigInt('0x' + clientHexHash(clientPadHex(A) + clientPadHex(c.B)));
  const inner = sha256(Buffer.from(`${c.poolName}${c.userId}:${c.password}`, 'utf8'));
  const x = BigInt('0x' + clientHexHash(clientPadHex(c.salt) + inner));
  const base = (((c.B - clientK * clientModPow(g, x, N)) % N) + N) % N;
  const S = clientModPow(base, c.a + u * x, N);
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(clientPadHex(S), 'hex'), Buffer.from(clientPadHex(u), 'hex'), 'Caldera Derived Key', 16));
  const message = Buffer.concat([
    Buffer.from(c.poolName, 'utf8'),
    Buffer.from(c.userId, 'utf8'),
    Buffer.from(c.secretBlock, 'base64'),
    Buffer.from(c.timestamp, 'utf8'),
  ]);
  return { A, u, key, signature: createHmac('sha256', key).update(message).digest('base64') };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
/** `EEE MMM d HH:mm:ss UTC yyyy`, built by hand from the UTC fields. */
function clientTimestamp(date: Date): string {
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

// ---------------------------------------------------------------------------------------------

describe('the test client reproduces the published vectors (so it can judge the server)', () => {
  test('cognito-srp-helper: A, u, HKDF key and PASSWORD_CLAIM_SIGNATURE', () => {
    const claim = clientClaim({
      poolName: helper.poolName,
      userId: helper.USER_ID_FOR_SRP,
      password: helper.password,
      a: BigInt('0x' + helper.a_hex),
      B: BigInt('0x' + helper.SRP_B),
      salt: BigInt('0x' + helper.SALT),
      secretBlock: helper.SECRET_BLOCK,
      timestamp: helper.TIMESTAMP,
    });
    assert.equal(claim.A.toString(16), helper['A_hex(=g^a mod N)']);
    assert.equal(claim.u.toString(16), helper.expected_u_hex);
    assert.equal(claim.key.toString('hex'), helper.expected_hkdf_key_hex);
    assert.equal(claim.signature, helper.expected_PASSWORD_CLAIM_SIGNATURE);
  });

  test('cognito-srp-helper device variant: DEVICE_PASSWORD_VERIFIER signature', () => {
    const device = helper.device_variant;
    const claim = clientClaim({
      poolName: device.DEVICE_GROUP_KEY,
      userId: device.DEVICE_KEY,
      password: device.randomPassword,
      a: BigInt('0x' + helper.a_hex),
      B: BigInt('0x' + helper.SRP_B),
      salt: BigInt('0x' + device.SALT_effective_hex),
      secretBlock: helper.SECRET_BLOCK,
      timestamp: helper.TIMESTAMP,
    });
    assert.equal(claim.signature, device.expected_PASSWORD_CLAIM_SIGNATURE);
  });

  test('alexrudd/cognito-srp: HKDF key and PASSWORD_CLAIM_SIGNATURE', () => {
    const claim = clientClaim({
      poolName: alexrudd.poolId.split('_')[1],
      userId: alexrudd.USER_ID_FOR_SRP,
      password: alexrudd.password,
      a: BigInt(alexrudd.a), // decimal in the Go test
      B: BigInt('0x' + alexrudd.SRP_B_hex),
      salt: BigInt('0x' + alexrudd.SALT_hex),
      secretBlock: alexrudd.SECRET_BLOCK,
      timestamp: alexrudd.TIMESTAMP,
    });
    assert.equal(claim.key.toString('hex'), alexrudd.expected_hkdf_key_hex);
    assert.equal(claim.signature, alexrudd.expected_PASSWORD_CLAIM_SIGNATURE);
  });

  test('formats timestamps as the vectors do', () => {
    for (const [iso, expected] of Object.entries(pycognito)) assert.equal(clientTimestamp(new Date(iso)), expected);
  });
});

describe('emulator/srp.ts against the vectors', () => {
  test('N is the RFC 3526 3072-bit group and g is 2', () => {
    assert.equal(srp.N, N);
    assert.equal(srp.g, 2n);
  });

  test('padHex matches Java BigInteger.toByteArray for every value from -256 to 256', () => {
    const entries = Object.entries(padHexTable);
    assert.equal(entries.length, 513);
    for (const [value, expected] of entries) assert.equal(srp.padHex(BigInt(value)), expected, `padHex(${value})`);
  });

  test('padHex matches the documented examples and the dart vectors', () => {
    assert.equal(srp.padHex(-1n), 'ff');
    assert.equal(srp.padHex(-0x80n), '80');
    assert.equal(srp.padHex(-0x81n), 'ff7f');
    assert.equal(srp.padHex(0x80n), '0080');
    for (const [hex, expected] of Object.entries(furaiev.padHex as Record<string, string>)) {
      assert.equal(srp.padHex(BigInt('0x' + hex)), expected, `padHex(0x${hex})`);
    }
    assert.equal(srp.padHex(N), '00' + N_HEX.toLowerCase());
  });

  test('k = H(padHex(N) | padHex(g)) matches the published value', () => {
    assert.equal(srp.k.toString(16), alexrudd.k_hex);
    assert.equal(srp.k.toString(16), furaiev.k_hex);
    assert.equal(srp.k.toString(), alexrudd.k_decimal);
  });

  test('hexHash hashes the bytes a hex string stands for', () => {
    assert.equal(srp.hexHash('1ab23cd4'), furaiev["hexHash('1ab23cd4')"]);
    assert.equal(srp.hexHash(Buffer.from('testvalue').toString('hex')), alexrudd["hexHash(hex('testvalue'))"]);
  });

  test('u = hexHash(padHex(A) | padHex(B)) matches the vectors', () => {
    const u1 = srp.hexHash(srp.padHex(0xaff001n) + srp.padHex(0xbff002n));
    assert.equal(u1, furaiev['calculateU(0xaff001, 0xbff002) hex']);
    const u2 = BigInt('0x' + srp.hexHash(srp.padHex(0x6d797365637265746861736841n) + srp.padHex(0x6d797365637265746861736842n)));
    assert.equal(u2.toString(), alexrudd['calculateU(A=0x6D797365637265746861736841,B=0x6D797365637265746861736842)_decimal']);
  });

  test('modPow computes A = g^a mod N as in the vectors', () => {
    assert.equal(srp.modPow(srp.g, BigInt('0x' + helper.a_hex), srp.N).toString(16), helper['A_hex(=g^a mod N)']);
  });
});

describe('parseTimestamp', () => {
  test('accepts the formatted timestamps of the vectors', () => {
    for (const [iso, text] of Object.entries(pycognito)) assert.equal(srp.parseTimestamp(text as string), Date.parse(iso), text as string);
    assert.equal(srp.parseTimestamp(helper.TIMESTAMP), Date.parse('2000-02-01T03:04:05Z'));
  });

  test('refuses a zero-padded day, hour 24, a wrong weekday and other malformed text', () => {
    for (const text of [
      'Sat Jan 01 00:00:00 UTC 2022', // zero-padded day
      'Sat Jan 1 24:00:00 UTC 2022', // hour 24
      'Sun Jan 1 00:00:00 UTC 2022', // 2022-01-01 was a Saturday
      'Mon Feb 30 00:00:00 UTC 2022', // no such date
      'Sat Jan 1 0:00:00 UTC 2022', // unpadded hour
      'sat jan 1 00:00:00 UTC 2022', // lower case
      'Sat Jan 1 00:00:00 GMT 2022',
      'Sat Jan  1 00:00:00 UTC 2022',
      '2022-01-01T00:00:00Z',
      '',
    ]) {
      assert.equal(srp.parseTimestamp(text), undefined, JSON.stringify(text));
    }
  });
});

describe('end to end: the test client against serverEphemeral + verifyPasswordClaim', () => {
  const poolName = 'DemoPool1';
  const userId = 'demo';
  const password = 'Passw0rd!';

  /** One SRP conversation: verifier from makeVerifier, B from serverEphemeral, the client's claim. */
  function conversation(clientPassword: string, at = new Date()) {
    const record = srp.makeVerifier(poolName, userId, password);
    const server = srp.serverEphemeral(record.verifier);
    const a = BigInt('0x' + randomBytes(128).toString('hex'));
    const secretBlock = randomBytes(64).toString('base64');
    const timestamp = clientTimestamp(at);
    const claim = clientClaim({
      poolName,
      userId,
      password: clientPassword,
      a,
      B: BigInt('0x' + server.B),
      salt: BigInt('0x' + record.salt),
      secretBlock,
      timestamp,
    });
    const check: srp.ClaimCheck = {
      poolName,
      userId,
      salt: record.salt,
      verifier: record.verifier,
      A: claim.A.toString(16),
      b: server.b,
      B: server.B,
      secretBlock,
      timestamp,
      signature: claim.signature,
    };
    return { record, server, check };
  }

  test('the correct password verifies', () => {
    const { check, server } = conversation(password);
    assert.ok(BigInt('0x' + server.B) % N !== 0n);
    assert.equal(srp.isValidA(check.A), true);
    assert.equal(srp.verifyPasswordClaim(check), true);
  });

  test('a wrong password does not verify', () => {
    assert.equal(srp.verifyPasswordClaim(conversation('Passw0rd?').check), false);
  });

  test('a tampered timestamp, secret block or user id does not verify', () => {
    const { check } = conversation(password, new Date('2024-02-05T07:08:09Z'));
    assert.equal(check.timestamp, 'Mon Feb 5 07:08:09 UTC 2024');
    assert.equal(srp.verifyPasswordClaim(check), true);
    assert.equal(srp.verifyPasswordClaim({ ...check, timestamp: 'Mon Feb 5 07:08:10 UTC 2024' }), false);
    assert.equal(srp.verifyPasswordClaim({ ...check, secretBlock: randomBytes(64).toString('base64') }), false);
    assert.equal(srp.verifyPasswordClaim({ ...check, userId: 'demo2' }), false);
    assert.equal(srp.verifyPasswordClaim({ ...check, signature: Buffer.alloc(32).toString('base64') }), false);
  });

  test('makeVerifier stores a verifier that checkPassword accepts only for the right password', () => {
    const record = srp.makeVerifier(poolName, userId, password);
    // v = g^x with x computed by the test client's own formula.
    const x = BigInt('0x' + clientHexHash(clientPadHex(BigInt('0x' + record.salt)) + sha256(Buffer.from(`${poolName}${userId}:${password}`))));
    assert.equal(BigInt('0x' + record.verifier), clientModPow(g, x, N));
    assert.equal(srp.checkPassword(record, poolName, userId, password), true);
    assert.equal(srp.checkPassword(record, poolName, userId, 'Passw0rd?'), false);
  });

  test('isValidA refuses 0, N, multiples of N and non-hex text', () => {
    for (const bad of ['0', N.toString(16), (2n * N).toString(16), 'xyz', '', '-1']) {
      assert.equal(srp.isValidA(bad), false, bad);
    }
    assert.equal(srp.isValidA('1'), true);
  });
});
