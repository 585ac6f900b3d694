/**
 * A bench-only SRP service with the options that measured faster applied together: a fixed-base
 * table for g = 2 (g^x and g^a without squarings) and Montgomery multiplication with a sliding
 * window for S. Everything else is src/worker/srp.ts itself. Optionally a 320-bit secret `a`
 * instead of 1024 bits (a protocol-side choice the bench only measures; see RESULTS.md notes).
 */
import { randomBytes } from '@noble/hashes/utils.js';
import * as srp from '../../src/worker/srp.ts';
import { fixedBasePow, fixedBaseTable, montgomeryContext, montgomerySliding } from './modpow-variants.ts';

export interface FastSrpOptions {
  /** Bytes of randomness in `a`: 128 as Cognito's clients do, or fewer. */
  aBytes: number;
}

export function createFastSrp(options: FastSrpOptions) {
  const mont = montgomeryContext(srp.N);
  // Wide enough for a (aBytes * 8 bits) and x (256 bits).
  const table = fixedBaseTable(srp.g, srp.N, Math.max(256, options.aBytes * 8), 5);
  const gPow = (e: bigint) => fixedBasePow(e, table);

  function ephemeral(): srp.Ephemeral {
    const a = srp.hexToBigInt(Array.from(randomBytes(options.aBytes), (b) => b.toString(16).padStart(2, '0')).join(''));
    const A = gPow(a);
    if (A % srp.N === 0n) throw new srp.SrpError('A_IS_ZERO', 'A mod N is 0');
    return { a: a.toString(16), A: A.toString(16) };
  }

  /** srp.passwordClaim with the faster exponentiations. */
  function passwordClaim(input: srp.ClaimInput): srp.Claim {
    const B = srp.hexToBigInt(input.SRP_B);
    if (B % srp.N === 0n) throw new srp.SrpError('B_IS_ZERO', 'B mod N is 0');
    const u = srp.computeU(srp.hexToBigInt(input.A), B);
    const x = srp.computeX(input.SALT, input.poolName, input.userId, input.password);
    const base = (((B - srp.k * gPow(x)) % srp.N) + srp.N) % srp.N;
    const S = montgomerySliding(base, srp.hexToBigInt(input.a) + u * x, mont, 6);
    const key = srp.computeKey(S, u);
    const TIMESTAMP = srp.formatTimestamp(input.now);
    return {
      PASSWORD_CLAIM_SIGNATURE: srp.claimSignature(key, input.poolName, input.userId, input.SECRET_BLOCK, TIMESTAMP),
      PASSWORD_CLAIM_SECRET_BLOCK: input.SECRET_BLOCK,
      TIMESTAMP,
    };
  }

  return { ephemeral, passwordClaim, tableEntries: table.table.length };
}
