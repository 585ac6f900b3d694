// The SRP engine in a real browser: the default engine runs in a module Worker loaded from the
// literal `new URL('../worker/srp.worker.ts', import.meta.url)` and signs `demo` in against the
// emulator with USER_SRP_AUTH; a worker that cannot start (missing script, CSP, silence) leaves SRP
// in-thread, said once, and sign-in still works. That it leaves the page without a single long task
// is measured where the browser reports long tasks: long-tasks.chromium.test.ts.
import { expect } from '@open-wc/testing';
import { withKit } from '../../src/core/kit.ts';
import * as srpEngineModule from '../../src/core/srp-engine.ts';

import { SrpProtocolError } from '../../src/core/errors.ts';
import { busyWork, N_HEX, POOL_NAME, signInDemo } from './support/srp.ts';

// The on-demand modules take what they use of the core from their loader (src/core/kit.ts); here, from withKit.
const { createSrpEngine } = withKit(srpEngineModule);

/** console.warn counted (and silenced) for the duration of a test. */
function countWarnings() {
  const original = console.warn;
  const warnings: unknown[][] = [];
  console.warn = (...args: unknown[]) => void warnings.push(args);
  return { warnings, restore: () => void (console.warn = original) };
}

describe('SRP engine', () => {
  it('runs in a module worker by default and signs demo in with USER_SRP_AUTH', async () => {
    const fallbacks: string[] = [];
    const engine = createSrpEngine({ onFallback: (reason) => fallbacks.push(reason) });
    try {
      expect(engine.mode).to.equal('worker');
      engine.precompute();
      const result = await signInDemo(engine);
      await busyWork(engine, 2);
      expect(result.AccessToken.split('.')).to.have.length(3);
      expect(result.IdToken).to.be.a('string');
      expect(engine.mode, fallbacks.join('; ')).to.equal('worker');
      expect(fallbacks).to.deep.equal([]);
    } finally {
      engine.dispose();
    }
  });

  it('a B that is 0 mod N comes back from the worker as SrpProtocolError B_IS_ZERO', async () => {
    const engine = createSrpEngine();
    try {
      const { handle } = await engine.ephemeral();
      const error = await engine
        .claim(handle, { poolName: POOL_NAME, userId: 'demo', password: 'x', SRP_B: N_HEX, SALT: 'ab', SECRET_BLOCK: 'AAAA', now: Date.now() })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(SrpProtocolError);
      expect((error as SrpProtocolError).reason).to.equal('B_IS_ZERO');
      expect(engine.mode).to.equal('worker');
    } finally {
      engine.dispose();
    }
  });

  it('makes device verifiers in the worker', async () => {
    const engine = createSrpEngine();
    try {
      const secrets = await engine.deviceVerifier('-FDRunwQv', 'us-east-1_device');
      expect(atob(secrets.randomPassword)).to.have.length(40);
      expect(atob(secrets.verifierConfig.PasswordVerifier).length).to.be.within(380, 385);
      expect(engine.mode).to.equal('worker');
    } finally {
      engine.dispose();
    }
  });

  it('a worker script that does not exist: in-thread, reported once, and sign-in still works', async () => {
    const fallbacks: string[] = [];
    const warned = countWarnings();
    const engine = createSrpEngine({ worker: '/no/such/worker.js', onFallback: (reason) => fallbacks.push(reason) });
    try {
      const result = await signInDemo(engine);
      expect(result.AccessToken).to.be.a('string');
      expect(await signInDemo(engine)).to.have.property('IdToken');
      expect(engine.mode).to.equal('inline');
      expect(fallbacks).to.have.length(1);
      expect(fallbacks[0]).to.match(/failed to start/);
      expect(warned.warnings).to.have.length(1);
    } finally {
      warned.restore();
      engine.dispose();
    }
  });

  it('a worker that never answers: in-thread after the start timeout', async () => {
    const fallbacks: string[] = [];
    const warned = countWarnings();
    const silent = URL.createObjectURL(new Blob(['// never answers'], { type: 'text/javascript' }));
    const engine = createSrpEngine({ worker: () => new Worker(silent), startTimeoutMs: 200, onFallback: (reason) => fallbacks.push(reason) });
    try {
      expect(await signInDemo(engine)).to.have.property('AccessToken');
      expect(engine.mode).to.equal('inline');
      expect(fallbacks).to.deep.equal(['the SRP worker did not answer within 200 ms']);
    } finally {
      warned.restore();
      engine.dispose();
      URL.revokeObjectURL(silent);
    }
  });

  it('worker: false is in-thread from the start, with no fallback to report', async () => {
    const fallbacks: string[] = [];
    const engine = createSrpEngine({ worker: false, onFallback: (reason) => fallbacks.push(reason) });
    try {
      expect(engine.mode).to.equal('inline');
      expect(await signInDemo(engine)).to.have.property('AccessToken');
      expect(engine.mode).to.equal('inline');
      expect(fallbacks).to.deep.equal([]);
    } finally {
      engine.dispose();
    }
  });

  // Last: the policy stays on this page once set.
  it('a Content-Security-Policy that forbids workers: in-thread, reported once, and sign-in still works', async () => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "worker-src 'none'";
    document.head.append(meta);
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
    const fallbacks: string[] = [];
    const warned = countWarnings();
    const engine = createSrpEngine({ onFallback: (reason) => fallbacks.push(reason) });
    try {
      expect(await signInDemo(engine)).to.have.property('AccessToken');
      expect(violations).to.include('worker-src');
      expect(engine.mode).to.equal('inline');
      expect(fallbacks).to.have.length(1);
      // Chromium and Firefox refuse the worker's script later (an error event: "failed to start");
      // WebKit throws a SecurityError from new Worker() at once ("could not be created").
      expect(fallbacks[0]).to.match(/failed to start|could not be created \(SecurityError/);
      expect(warned.warnings).to.have.length(1);
    } finally {
      warned.restore();
      engine.dispose();
    }
  });
});
