/**
 * The SRP engine (srp-engine.ts), loaded on demand: a sign-in form renders without it. It loads
 * when the form asks for the ephemeral to be precomputed (prepareSignIn, once it has a client)
 * and at the latest when the first SRP step needs it. A load that fails fails that step as
 * a network failure would, and the next one tries again.
 */
import { withKit } from './kit.ts';
import { onDemand } from './on-demand.ts';
import type { SrpEngine, SrpEngineOptions } from './srp-engine.ts';

export function srpOnDemand(options: SrpEngineOptions): SrpEngine {
  let engine: SrpEngine | undefined;
  let disposed = false;
  const load = onDemand(async () => {
    const created = withKit(await import('./srp-engine.ts')).createSrpEngine(options);
    if (disposed) created.dispose();
    return (engine = created);
  }, 'The SRP code');
  const choice = options.worker;
  // Until it loads, where the engine will run (as createSrpEngine decides it).
  const planned = choice !== false && (typeof choice === 'function' || typeof Worker !== 'undefined') ? 'worker' : 'inline';
  return {
    get mode() {
      return engine?.mode ?? planned;
    },
    precompute: () =>
      void load().then(
        (e) => e.precompute(),
        () => undefined,
      ),
    ephemeral: async () => (await load()).ephemeral(),
    claim: async (handle, request) => (await load()).claim(handle, request),
    deviceVerifier: async (groupKey, deviceKey) => (await load()).deviceVerifier(groupKey, deviceKey),
    // Handles exist only once the engine is loaded.
    release: (handle) => engine?.release(handle),
    dispose: () => {
      disposed = true;
      engine?.dispose();
    },
  };
}
