// The SRP engine in real Chromium: the default engine runs in a module Worker loaded from the
// literal `new URL('../worker/srp.worker.ts', import.meta.url)`, signs `demo` in against the emulator
// with USER_SRP_AUTH, and leaves the page without a single long task; a worker that cannot start
// (missing script, CSP, silence) leaves SRP in-thread, said once, and sign-in still works.
import { expect } from '@open-wc/testing';
import { createSrpEngine, type SrpEngine } from '../../src/core/srp-engine.ts';
import { SrpProtocolError } from '../../src/core/errors.ts';
import { emulatorUrl } from './emulator-url.ts';

const CLIENT_ID = 'democlient0000000000000001';
const POOL_NAME = 'DemoPool1';
// N, for a B that is 0 mod N.
const N_HEX =
  'ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd' +
  'ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed' +
  'ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f' +
  '83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b' +
  'e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa0510' +
  '15728e5a8aaac42dad33170d04507a33a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7' +
  'abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864d87602733ec86a64521f2b18177b200c' +
  'bbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff';

async function cognito(action: string, body: unknown): Promise<{ status: number; body: any; date: string | null }> {
  const res = await fetch(`${emulatorUrl()}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), date: res.headers.get('Date') };
}

/** USER_SRP_AUTH for `demo` with raw calls, the SRP done by the engine. Returns AuthenticationResult. */
async function signInDemo(engine: SrpEngine): Promise<any> {
  const { handle, A } = await engine.ephemeral();
  const start = await cognito('InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: CLIENT_ID,
    AuthParameters: { USERNAME: 'demo', SRP_A: A },
  });
  expect(start.status, JSON.stringify(start.body)).to.equal(200);
  expect(start.body.ChallengeName).to.equal('PASSWORD_VERIFIER');
  const params = start.body.ChallengeParameters;
  // Sign with the server's clock, as the core does (another test may have moved the emulator's).
  const skew = start.date ? Date.parse(start.date) - Date.now() : 0;
  const claim = await engine.claim(handle, {
    poolName: POOL_NAME,
    userId: params.USER_ID_FOR_SRP,
    password: 'Passw0rd!',
    SRP_B: params.SRP_B,
    SALT: params.SALT,
    SECRET_BLOCK: params.SECRET_BLOCK,
    now: Date.now() + skew,
  });
  const done = await cognito('RespondToAuthChallenge', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: CLIENT_ID,
    Session: start.body.Session,
    ChallengeResponses: { USERNAME: params.USER_ID_FOR_SRP, ...claim },
  });
  expect(done.status, JSON.stringify(done.body)).to.equal(200);
  return done.body.AuthenticationResult;
}

/** More SRP work of the same kind, without the server: B = 2 is as costly as any other B. */
async function busyWork(engine: SrpEngine, rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const { handle } = await engine.ephemeral();
    await engine.claim(handle, { poolName: POOL_NAME, userId: 'demo', password: 'Passw0rd!', SRP_B: '02', SALT: 'ab', SECRET_BLOCK: 'AAAA', now: Date.now() });
  }
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Long tasks on this page from the next task on (the buffer is read too, so none can slip by
 * unseen). Resolves in a fresh task: the one that called it started earlier and is not counted.
 */
async function watchLongTasks() {
  const seen: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: true });
  const since = performance.now();
  await nextTask();
  return {
    async stop(): Promise<PerformanceEntry[]> {
      // A long task is reported after it ends: let two more tasks run before reading.
      await nextTask();
      await nextTask();
      seen.push(...observer.takeRecords());
      observer.disconnect();
      return seen.filter((entry) => entry.startTime >= since);
    },
  };
}

/** console.warn counted (and silenced) for the duration of a test. */
function countWarnings() {
  const original = console.warn;
  const warnings: unknown[][] = [];
  console.warn = (...args: unknown[]) => void warnings.push(args);
  return { warnings, restore: () => void (console.warn = original) };
}

describe('SRP engine in Chromium', () => {
  it('the browser reports long tasks to the page', () => {
    expect(PerformanceObserver.supportedEntryTypes).to.include('longtask');
  });

  it('runs in a module worker by default and signs demo in with USER_SRP_AUTH, with zero long tasks', async () => {
    const fallbacks: string[] = [];
    const engine = createSrpEngine({ onFallback: (reason) => fallbacks.push(reason) });
    try {
      expect(engine.mode).to.equal('worker');
      const longTasks = await watchLongTasks();
      engine.precompute();
      const result = await signInDemo(engine);
      await busyWork(engine, 10);
      const seen = await longTasks.stop();

      expect(result.AccessToken.split('.')).to.have.length(3);
      expect(result.IdToken).to.be.a('string');
      expect(engine.mode, fallbacks.join('; ')).to.equal('worker');
      expect(fallbacks).to.deep.equal([]);
      expect(seen.map((e) => `${e.name} ${e.duration}`)).to.deep.equal([]);
    } finally {
      engine.dispose();
    }
  });

  it('the same work in-thread does show up as long tasks (so the count above means something)', async () => {
    const engine = createSrpEngine({ worker: false });
    try {
      const longTasks = await watchLongTasks();
      // Chained awaits of in-thread work never yield to the event loop: one task, many exponentiations.
      await busyWork(engine, 10);
      const seen = await longTasks.stop();
      expect(seen.length).to.be.greaterThan(0);
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
      expect(fallbacks[0]).to.match(/failed to start/);
      expect(warned.warnings).to.have.length(1);
    } finally {
      warned.restore();
      engine.dispose();
    }
  });
});
