// The SRP engine (src/core/srp-engine.ts) in Node: in-thread, as Node has no Worker; and, through
// hand-made Worker stand-ins, the faults a real browser worker can have that are hard to cause on
// purpose (throws on creation, fails before or after its first answer, never answers). The real
// module worker in Chromium is covered by test/browser/srp-worker.test.ts.
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { withKit } from '../../src/core/kit.ts';
import * as srpEngineModule from '../../src/core/srp-engine.ts';
import type { SrpEngine } from '../../src/core/srp-engine.ts';
import { CognitoElementsError, SignInStateError, SrpProtocolError } from '../../src/core/errors.ts';
import type { SrpReply, SrpRequest } from '../../src/worker/protocol.ts';
import { createSrpService } from '../../src/worker/service.ts';
import * as server from '../../emulator/srp.ts';

// The on-demand modules take what they use of the core from their loader (src/core/kit.ts); here, from withKit.
const { createSrpEngine, NO_WORKER_REASON } = withKit(srpEngineModule);

const poolName = 'DemoPool1';

/** One USER_SRP_AUTH exchange against the emulator's server half; true if the server accepts the claim. */
async function signIn(engine: SrpEngine, userId = 'demo', password = 'Passw0rd!', claimPassword = password): Promise<boolean> {
  const record = server.makeVerifier(poolName, userId, password);
  const { handle, A } = await engine.ephemeral();
  const { b, B } = server.serverEphemeral(record.verifier);
  const secretBlock = randomBytes(64).toString('base64');
  const claim = await engine.claim(handle, { poolName, userId, password: claimPassword, SRP_B: B, SALT: record.salt, SECRET_BLOCK: secretBlock, now: Date.now() });
  return server.verifyPasswordClaim({ poolName, userId, ...record, A, b, B, secretBlock, timestamp: claim.TIMESTAMP, signature: claim.PASSWORD_CLAIM_SIGNATURE });
}

const claimRequest = (SRP_B: string) => ({ poolName, userId: 'demo', password: 'x', SRP_B, SALT: 'ab', SECRET_BLOCK: 'AAAA', now: Date.now() });

/**
 * Stands in for a Worker. `serving` answers like src/worker/srp.worker.ts (with its own service,
 * asynchronously); otherwise requests are only recorded, and the test decides what happens.
 */
class StandInWorker extends EventTarget {
  readonly requests: SrpRequest[] = [];
  terminated = false;
  private readonly service = createSrpService();

  constructor(private serving: boolean) {
    super();
  }

  postMessage(request: SrpRequest): void {
    if (this.terminated) return;
    this.requests.push(request);
    if (this.serving) setImmediate(() => this.answer(request));
  }

  terminate(): void {
    this.terminated = true;
  }

  answer(request: SrpRequest): void {
    if (this.terminated) return;
    let reply: SrpReply;
    try {
      reply = { id: request.id, ok: true, result: (this.service[request.op] as (...a: unknown[]) => unknown)(...request.args) };
    } catch (error) {
      const e = error as Error & { reason?: string };
      reply = { id: request.id, ok: false, error: { name: e.name, message: e.message, reason: e.reason } };
    }
    this.dispatchEvent(new MessageEvent('message', { data: reply }));
  }

  /** What a module worker does when its script 404s, a CSP refuses it, or it throws. */
  fail(message?: string): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), message ? { message } : {}));
  }

  asWorker(): Worker {
    return this as unknown as Worker;
  }
}

function recordFallbacks(t: TestContext) {
  const reasons: string[] = [];
  const warn = t.mock.method(console, 'warn', () => {});
  return { reasons, warn, onFallback: (reason: string) => reasons.push(reason) };
}

describe('in Node (no Worker)', () => {
  test('runs in-thread from the start and says why once, at first use, without a console line', async (t) => {
    const seen = recordFallbacks(t);
    const engine = createSrpEngine({ onFallback: seen.onFallback });
    assert.equal(engine.mode, 'inline');
    assert.deepEqual(seen.reasons, []);
    engine.precompute();
    assert.equal(await signIn(engine), true);
    await engine.deviceVerifier('-FDRunwQv', 'us-east-1_device');
    assert.deepEqual(seen.reasons, [NO_WORKER_REASON]);
    assert.equal(seen.warn.mock.callCount(), 0);
    engine.dispose();
  });

  test('worker: false is in-thread by choice: no fallback is reported', async (t) => {
    const seen = recordFallbacks(t);
    const engine = createSrpEngine({ worker: false, onFallback: seen.onFallback });
    assert.equal(engine.mode, 'inline');
    assert.equal(await signIn(engine), true);
    assert.deepEqual(seen.reasons, []);
    engine.dispose();
  });

  test("its claims are accepted by the emulator's server, for unicode users and passwords, and a wrong password is not", async () => {
    const engine = createSrpEngine({ worker: false });
    engine.precompute();
    for (const [user, password] of [
      ['demo', 'Passw0rd!'],
      ['ünï-用户', '密码🔑pässwörd'],
      ['a@example.com', 'e\u0301 '],
    ]) {
      assert.equal(await signIn(engine, user, password), true, user);
    }
    assert.equal(await signIn(engine, 'demo', 'Passw0rd!', 'Passw0rd?'), false);
    engine.dispose();
  });

  test('makes device verifiers the server can check', async () => {
    const engine = createSrpEngine({ worker: false });
    const secrets = await engine.deviceVerifier('-FDRunwQv', 'us-east-1_d1');
    const hex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');
    const record = { salt: hex(secrets.verifierConfig.Salt), verifier: hex(secrets.verifierConfig.PasswordVerifier) };
    assert.equal(server.checkPassword(record, '-FDRunwQv', 'us-east-1_d1', secrets.randomPassword), true);
    engine.dispose();
  });

  test('rejects a server B that is 0 mod N with SrpProtocolError B_IS_ZERO', async () => {
    const engine = createSrpEngine({ worker: false });
    for (const B of ['0', server.N.toString(16)]) {
      const { handle } = await engine.ephemeral();
      const error = await engine.claim(handle, claimRequest(B)).catch((e: unknown) => e);
      assert.ok(error instanceof SrpProtocolError, String(error));
      assert.ok(error instanceof CognitoElementsError);
      assert.equal(error.code, 'SrpProtocolError');
      assert.equal(error.reason, 'B_IS_ZERO');
    }
    const { handle } = await engine.ephemeral();
    await assert.rejects(engine.claim(handle, claimRequest('not hex')), { name: 'SrpProtocolError', reason: 'BAD_HEX' });
    engine.dispose();
  });

  test('a handle is good for one claim only', async () => {
    const engine = createSrpEngine({ worker: false });
    const { handle } = await engine.ephemeral();
    await engine.claim(handle, claimRequest('02'));
    await assert.rejects(engine.claim(handle, claimRequest('02')), SignInStateError);
    await assert.rejects(engine.claim(9999, claimRequest('02')), SignInStateError);
    engine.dispose();
  });

  test('release drops an unused ephemeral in the engine and in the service that holds its a (issue 12)', async () => {
    const engine = createSrpEngine({ worker: false });
    const { handle } = await engine.ephemeral();
    engine.release(handle);
    await assert.rejects(engine.claim(handle, claimRequest('02')), SignInStateError);
    engine.dispose();
    // release is a claim that cannot be computed: the service (as the worker runs it) forgets the
    // ephemeral before it computes, so even a failed claim leaves no `a` behind.
    const service = createSrpService();
    const held = service.ephemeral();
    assert.throws(() => service.claim(held.handle, {} as Parameters<typeof service.claim>[1]));
    assert.throws(() => service.claim(held.handle, claimRequest('02')), /already used or never existed/);
  });

  test('dispose refuses later calls with a typed error', async () => {
    const engine = createSrpEngine({ worker: false });
    engine.dispose();
    await assert.rejects(engine.ephemeral(), { code: 'SrpEngineDisposed' });
    assert.doesNotThrow(() => engine.precompute());
  });
});

describe('with a worker', () => {
  test('a worker that answers does the work: mode stays worker, nothing runs in-thread', async (t) => {
    const seen = recordFallbacks(t);
    const worker = new StandInWorker(true);
    const engine = createSrpEngine({ worker: () => worker.asWorker(), onFallback: seen.onFallback });
    assert.equal(engine.mode, 'worker');
    engine.precompute();
    assert.equal(await signIn(engine), true);
    assert.equal(engine.mode, 'worker');
    assert.deepEqual(
      worker.requests.map((r) => r.op),
      ['precompute', 'ephemeral', 'claim'],
    );
    assert.deepEqual(seen.reasons, []);
    engine.dispose();
    assert.equal(worker.terminated, true);
  });

  test('an SrpError from the worker arrives as SrpProtocolError with its reason', async () => {
    const worker = new StandInWorker(true);
    const engine = createSrpEngine({ worker: () => worker.asWorker() });
    const { handle } = await engine.ephemeral();
    await assert.rejects(engine.claim(handle, claimRequest(server.N.toString(16))), (error: unknown) => {
      assert.ok(error instanceof SrpProtocolError);
      assert.equal(error.reason, 'B_IS_ZERO');
      return true;
    });
    assert.equal(engine.mode, 'worker');
    engine.dispose();
  });

  test('a worker that cannot be created: in-thread, reported once with the reason and one warning', async (t) => {
    const seen = recordFallbacks(t);
    const engine = createSrpEngine({
      worker: () => {
        throw new DOMException('Refused by worker-src', 'SecurityError');
      },
      onFallback: seen.onFallback,
    });
    assert.equal(await signIn(engine), true);
    assert.equal(await signIn(engine), true);
    assert.equal(engine.mode, 'inline');
    assert.equal(seen.reasons.length, 1);
    assert.match(seen.reasons[0], /could not be created.*Refused by worker-src/);
    assert.equal(seen.warn.mock.callCount(), 1);
    engine.dispose();
  });

  test('a worker that fails before answering: what it was asked is done in-thread, reported once', async (t) => {
    const seen = recordFallbacks(t);
    const worker = new StandInWorker(false);
    const engine = createSrpEngine({ worker: () => worker.asWorker(), onFallback: seen.onFallback });
    engine.precompute();
    const ephemeral = engine.ephemeral();
    const device = engine.deviceVerifier('g', 'k');
    assert.equal(worker.requests.length, 3);
    worker.fail();
    worker.fail('twice');
    const { handle, A } = await ephemeral;
    assert.match(A, /^[0-9a-f]+$/);
    assert.equal((await device).randomPassword.length, 56);
    assert.equal(engine.mode, 'inline');
    assert.equal(worker.terminated, true);
    // The handle came from the in-thread service, so the claim is made there.
    await engine.claim(handle, claimRequest('02'));
    assert.equal(seen.reasons.length, 1);
    assert.match(seen.reasons[0], /failed to start/);
    assert.equal(seen.warn.mock.callCount(), 1);
    engine.dispose();
  });

  test('a worker that never answers: in-thread after the start timeout', async (t) => {
    const seen = recordFallbacks(t);
    const worker = new StandInWorker(false);
    const engine = createSrpEngine({ worker: () => worker.asWorker(), onFallback: seen.onFallback, startTimeoutMs: 20 });
    assert.equal(await signIn(engine), true);
    assert.equal(engine.mode, 'inline');
    assert.deepEqual(seen.reasons, ['the SRP worker did not answer within 20 ms']);
    assert.equal(worker.terminated, true);
    engine.dispose();
  });

  test('the start timeout only guards the first answer', async (t) => {
    const seen = recordFallbacks(t);
    const worker = new StandInWorker(false);
    const engine = createSrpEngine({ worker: () => worker.asWorker(), onFallback: seen.onFallback, startTimeoutMs: 20 });
    const first = engine.ephemeral();
    worker.answer(worker.requests[0]);
    const { handle } = await first;
    // Later answers may take as long as they take (a slow phone): no fallback while waiting.
    const claim = engine.claim(handle, claimRequest('02'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(engine.mode, 'worker');
    worker.answer(worker.requests[1]);
    assert.match((await claim).TIMESTAMP, / UTC \d{4}$/);
    assert.deepEqual(seen.reasons, []);
    engine.dispose();
  });

  test('a worker that dies after answering: its ephemerals are refused as lost, new ones are made in-thread', async (t) => {
    const seen = recordFallbacks(t);
    const worker = new StandInWorker(true);
    const engine = createSrpEngine({ worker: () => worker.asWorker(), onFallback: seen.onFallback });
    const fromWorker = await engine.ephemeral();
    const inFlight = await engine.ephemeral();
    const pendingClaim = engine.claim(inFlight.handle, claimRequest('02'));
    worker.fail('Uncaught RangeError');
    await assert.rejects(pendingClaim, SignInStateError);
    await assert.rejects(engine.claim(fromWorker.handle, claimRequest('02')), SignInStateError);
    // In-thread handles are the engine's own: one can never pick up a dead worker's ephemeral.
    const fresh = await engine.ephemeral();
    assert.notEqual(fresh.handle, fromWorker.handle);
    assert.notEqual(fresh.handle, inFlight.handle);
    assert.equal(await signIn(engine), true);
    assert.deepEqual(seen.reasons, ['the SRP worker failed (Uncaught RangeError)']);
    engine.dispose();
  });

  test('dispose refuses what is still pending and stops the worker', async () => {
    const worker = new StandInWorker(false);
    const engine = createSrpEngine({ worker: () => worker.asWorker() });
    const pending = engine.ephemeral();
    engine.dispose();
    await assert.rejects(pending, { code: 'SrpEngineDisposed' });
    assert.equal(worker.terminated, true);
  });

  test('an onFallback that throws does not break the sign-in', async (t) => {
    t.mock.method(console, 'warn', () => {});
    const logged = t.mock.method(console, 'error', () => {});
    const engine = createSrpEngine({
      worker: () => {
        throw new Error('no');
      },
      onFallback: () => {
        throw new Error('listener bug');
      },
    });
    assert.equal(await signIn(engine), true);
    assert.equal(logged.mock.callCount(), 1);
    engine.dispose();
  });
});
