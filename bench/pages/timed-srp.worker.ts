/**
 * A bench-only copy of src/worker/srp.worker.ts that also says how long each request took inside
 * the worker, so the SRP bench can split the round trip into computing and messaging. Same
 * service, same protocol; only `insideMs` is added to each reply.
 */
/// <reference lib="webworker" />
import type { SrpRequest } from '../../src/worker/protocol.ts';
import { createSrpService } from '../../src/worker/service.ts';

declare const self: DedicatedWorkerGlobalScope;

const service = createSrpService();

/** How long the last precompute the worker started on its own took (it runs after a reply is sent). */
let lastPrecomputeMs = NaN;

self.addEventListener('message', (event: MessageEvent<SrpRequest>) => {
  const { id, op, args } = event.data;
  const start = performance.now();
  try {
    const result = (service[op] as (...a: unknown[]) => unknown)(...args);
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
