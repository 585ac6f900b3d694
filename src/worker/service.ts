/**
 * The SRP work the core hands off, kept where it runs (a Worker, or in-thread as a fallback):
 * it precomputes single-use ephemerals and keeps each secret `a` to itself. The core only ever
 * sees a handle and A.
 */
import { deviceVerifier, generateEphemeral, passwordClaim, type Claim, type ClaimInput, type DeviceSecrets } from './srp.ts';

export interface EphemeralHandle {
  handle: number;
  /** SRP_A, lowercase hex. */
  A: string;
}

export type ClaimRequest = Omit<ClaimInput, 'a' | 'A' | 'now'> & {
  /** Milliseconds since the epoch, already corrected for the server's clock. */
  now: number;
};

export interface SrpService {
  /** Computes an ephemeral ahead of need, so sign-in does not wait for g^a. */
  precompute(): void;
  /** A fresh ephemeral (the precomputed one if ready); the next is precomputed afterwards. */
  ephemeral(): EphemeralHandle;
  /** The password claim for a verifier challenge, using (and then forgetting) that ephemeral. */
  claim(handle: number, request: ClaimRequest): Claim;
  deviceVerifier(deviceGroupKey: string, deviceKey: string): DeviceSecrets;
}

export function createSrpService(): SrpService {
  let spare: ReturnType<typeof generateEphemeral> | undefined;
  const inUse = new Map<number, ReturnType<typeof generateEphemeral>>();
  let nextHandle = 1;

  return {
    precompute() {
      spare ??= generateEphemeral();
    },
    ephemeral() {
      const ephemeral = spare ?? generateEphemeral();
      spare = undefined;
      const handle = nextHandle++;
      inUse.set(handle, ephemeral);
      return { handle, A: ephemeral.A };
    },
    claim(handle, request) {
      const ephemeral = inUse.get(handle);
      if (!ephemeral) throw new Error(`SRP ephemeral ${handle} was already used or never existed`);
      inUse.delete(handle);
      return passwordClaim({ ...request, a: ephemeral.a, A: ephemeral.A, now: new Date(request.now) });
    },
    deviceVerifier(deviceGroupKey, deviceKey) {
      return deviceVerifier(deviceGroupKey, deviceKey);
    },
  };
}
