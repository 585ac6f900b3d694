/**
 * A bench-only copy of the SRP service as it shipped before issue 16 (every exponentiation a fixed
 * 4-bit window reduced with `%`, modpow-variants.ts's fixedWindow4), so one run times the old and
 * the new arithmetic side by side. Everything else is src/worker/srp.ts itself.
 */
import { randomBytes } from '@noble/hashes/utils.js';
import * as srp from '../../src/worker/srp.ts';
import { fixedWindow4 } from './modpow-variants.ts';

export function createPreviousSrp() {
  const pow = (base: bigint, e: bigint) => fixedWindow4(base, e, srp.N);

  function ephemeral(): srp.Ephemeral {
    const a = srp.hexToBigInt(Array.from(randomBytes(128), (b) => b.toString(16).padStart(2, '0')).join(''));
    const A = pow(srp.g, a);
    if (A % srp.N === 0n) throw new srp.SrpError('A_IS_ZERO', 'A mod N is 0');
    return { a: a.toString(16), A: A.toString(16) };
  }

  /** srp.passwordClaim with the previous exponentiations. */
  function passwordClaim(input: srp.ClaimInput): srp.Claim {
    const B = srp.hexToBigInt(input.SRP_B);
    if (B % srp.N === 0n) throw new srp.SrpError('B_IS_ZERO', 'B mod N is 0');
    const u = srp.computeU(srp.hexToBigInt(input.A), B);
    const x = srp.computeX(input.SALT, input.poolName, input.userId, input.password);
    const base = (((B - srp.k * pow(srp.g, x)) % srp.N) + srp.N) % srp.N;
    const S = pow(base, srp.hexToBigInt(input.a) + u * x);
    const key = srp.computeKey(S, u);
    const TIMESTAMP = srp.formatTimestamp(input.now);
    return {
      PASSWORD_CLAIM_SIGNATURE: srp.claimSignature(key, input.poolName, input.userId, input.SECRET_BLOCK, TIMESTAMP),
      PASSWORD_CLAIM_SECRET_BLOCK: input.SECRET_BLOCK,
      TIMESTAMP,
    };
  }

  return { ephemeral, passwordClaim };
}
