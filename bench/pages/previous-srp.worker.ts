/**
 * The bench copy of the SRP worker as it was before issue 16 (previous-srp.ts), speaking the
 * shipped worker's protocol (precompute / ephemeral / claim), so the SRP bench times it the same way.
 */
/// <reference lib="webworker" />
import type { SrpRequest } from '../../src/worker/protocol.ts';
import type { ClaimRequest } from '../../src/worker/service.ts';
import type { Ephemeral } from '../../src/worker/srp.ts';
import { createPreviousSrp } from './previous-srp.ts';

declare const self: DedicatedWorkerGlobalScope;

const previous = createPreviousSrp();
let spare: Ephemeral | undefined;
const inUse = new Map<number, Ephemeral>();
let nextHandle = 1;

const service = {
  precompute() {
    spare ??= previous.ephemeral();
  },
  ephemeral() {
    const e = spare ?? previous.ephemeral();
    spare = undefined;
    const handle = nextHandle++;
    inUse.set(handle, e);
    return { handle, A: e.A };
  },
  claim(handle: number, request: ClaimRequest) {
    const e = inUse.get(handle);
    if (!e) throw new Error(`no ephemeral ${handle}`);
    inUse.delete(handle);
    return previous.passwordClaim({ ...request, a: e.a, A: e.A, now: new Date(request.now) });
  },
};

/** How long the last precompute the worker started on its own took (it runs after a reply is sent). */
let lastPrecomputeMs = NaN;

self.addEventListener('message', (event: MessageEvent<SrpRequest>) => {
  const { id, op, args } = event.data;
  const start = performance.now();
  try {
    const result = (service[op as keyof typeof service] as (...a: unknown[]) => unknown)(...args);
    self.postMessage({ id, ok: true, result, insideMs: performance.now() - start, lastPrecomputeMs });
  } catch (error) {
    const e = error as Error;
    self.postMessage({ id, ok: false, error: { name: e.name, message: e.message }, insideMs: performance.now() - start, lastPrecomputeMs });
  }
  if (op === 'ephemeral') {
    const t = performance.now();
    service.precompute();
    lastPrecomputeMs = performance.now() - t;
  }
});
