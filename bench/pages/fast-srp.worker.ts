/**
 * The bench copy of the SRP worker with the faster options (fast-srp.ts), speaking the shipped
 * worker's protocol (precompute / ephemeral / claim), so the SRP bench times it the same way.
 * `?aBytes=40` in the worker URL picks a 320-bit secret a.
 */
/// <reference lib="webworker" />
import type { SrpRequest } from '../../src/worker/protocol.ts';
import type { ClaimRequest } from '../../src/worker/service.ts';
import type { Ephemeral } from '../../src/worker/srp.ts';
import { createFastSrp } from './fast-srp.ts';

declare const self: DedicatedWorkerGlobalScope;

const fast = createFastSrp({ aBytes: Number(new URL(self.location.href).searchParams.get('aBytes') ?? 128) });
let spare: Ephemeral | undefined;
const inUse = new Map<number, Ephemeral>();
let nextHandle = 1;

const service = {
  precompute() {
    spare ??= fast.ephemeral();
  },
  ephemeral() {
    const e = spare ?? fast.ephemeral();
    spare = undefined;
    const handle = nextHandle++;
    inUse.set(handle, e);
    return { handle, A: e.A };
  },
  claim(handle: number, request: ClaimRequest) {
    const e = inUse.get(handle);
    if (!e) throw new Error(`no ephemeral ${handle}`);
    inUse.delete(handle);
    return fast.passwordClaim({ ...request, a: e.a, A: e.A, now: new Date(request.now) });
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
