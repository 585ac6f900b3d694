/**
 * The SRP worker: answers the core's requests with the pure functions in srp.ts, so the three
 * 3072-bit modular exponentiations of a sign-in never block the page.
 */
/// <reference lib="webworker" />
import type { SrpReply, SrpRequest } from './protocol.ts';
import { createSrpService } from './service.ts';

declare const self: DedicatedWorkerGlobalScope;

const service = createSrpService();

self.addEventListener('message', (event: MessageEvent<SrpRequest>) => {
  const { id, op, args } = event.data;
  let reply: SrpReply;
  try {
    const result = (service[op] as (...a: unknown[]) => unknown)(...args);
    reply = { id, ok: true, result };
  } catch (error) {
    const e = error as Error & { reason?: string };
    reply = { id, ok: false, error: { name: e.name, message: e.message, reason: e.reason } };
  }
  self.postMessage(reply);
  // Keep one ephemeral ready for the next sign-in, computed while the page is idle.
  if (op === 'ephemeral') service.precompute();
});
