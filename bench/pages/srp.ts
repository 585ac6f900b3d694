/**
 * The SRP critical path in the browser, ours and the reference client's side by side on the same
 * inputs, interleaved in one page (bench/run.mjs drives it through `globalThis.srpBench`).
 *
 * "Critical path" = from the PASSWORD_VERIFIER challenge's parameters being in hand to the
 * RespondToAuthChallenge answer being ready: g^x, S, HKDF, signature (A is computed beforehand by
 * both clients: ours in the worker's precompute, the reference in AuthenticationHelper's
 * constructor, which CognitoUser calls before InitiateAuth).
 */
import { Buffer } from 'buffer';
import { Sha256 } from '@aws-crypto/sha256-js';
import AuthenticationHelper from 'amazon-cognito-identity-js/es/AuthenticationHelper.js';
import BigInteger from 'amazon-cognito-identity-js/es/BigInteger.js';
import DateHelper from 'amazon-cognito-identity-js/es/DateHelper.js';
import * as srp from '../../src/worker/srp.ts';
import { createPreviousSrp } from './previous-srp.ts';
import * as variants from './modpow-variants.ts';
import { shuffled } from './shuffle.ts';

/** One challenge's parameters, made by bench/run.mjs (random B in [2, N), 16-byte salt, ~1.4 KB SECRET_BLOCK). */
export interface ChallengeInput {
  poolName: string;
  userId: string;
  password: string;
  SRP_B: string;
  SALT: string;
  SECRET_BLOCK: string;
}

// ---------------------------------------------------------------------------------------------
// The reference client, exactly as CognitoUser.authenticateUserDefaultAuth uses it

type ReferenceHelper = AuthenticationHelper;

const dateHelper = new DateHelper();

/** What CognitoUser does once the PASSWORD_VERIFIER challenge is in. */
function referenceClaim(helper: ReferenceHelper, input: ChallengeInput, dateNow = dateHelper.getNowString()): string {
  const serverB = new BigInteger(input.SRP_B, 16);
  const salt = new BigInteger(input.SALT, 16);
  let hkdf: Uint8Array | undefined;
  helper.getPasswordAuthenticationKey(input.userId, input.password, serverB, salt, (err, key) => {
    if (err) throw err;
    hkdf = key;
  });
  const message = Buffer.concat([
    Buffer.from(input.poolName, 'utf8'),
    Buffer.from(input.userId, 'utf8'),
    Buffer.from(input.SECRET_BLOCK, 'base64'),
    Buffer.from(dateNow, 'utf8'),
  ]);
  const mac = new Sha256(hkdf);
  mac.update(message);
  return Buffer.from(mac.digestSync()).toString('base64');
}

// ---------------------------------------------------------------------------------------------
// Ours in a worker: the real src/worker/srp.worker.ts, spoken to with its own protocol

function workerClient(url: string) {
  const worker = new Worker(url, { type: 'module' });
  let nextId = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const client = {
    /** What the last reply says: time spent inside the worker, and its last own precompute (bench copies only). */
    lastInsideMs: NaN,
    lastPrecomputeMs: NaN,
    call: <T = unknown>(op: string, args: unknown[]) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve: resolve, reject });
        worker.postMessage({ id, op, args });
      }),
    terminate: () => worker.terminate(),
  };
  worker.addEventListener('message', (event) => {
    const reply = event.data as { id: number; ok: boolean; result?: unknown; error?: { message: string }; insideMs?: number; lastPrecomputeMs?: number };
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    client.lastInsideMs = reply.insideMs ?? NaN;
    client.lastPrecomputeMs = reply.lastPrecomputeMs ?? NaN;
    if (reply.ok) w?.resolve(reply.result);
    else w?.reject(new Error(reply.error?.message));
  });
  return client;
}

const now = () => performance.now();

export interface SrpRunOptions {
  inputs: ChallengeInput[];
  iterations: number;
  warmup: number;
  /** The shipped worker (src/worker/srp.worker.ts, bundled). */
  workerUrl: string;
  /** bench/pages/timed-srp.worker.ts: the same service, replies carry the time spent inside. */
  timedWorkerUrl: string;
  /** bench/pages/previous-srp.worker.ts: the arithmetic as it shipped before issue 16. */
  previousWorkerUrl: string;
}

type WorkerClient = ReturnType<typeof workerClient>;

const claimRequest = (input: ChallengeInput) => ({
  poolName: input.poolName,
  userId: input.userId,
  password: input.password,
  SRP_B: input.SRP_B,
  SALT: input.SALT,
  SECRET_BLOCK: input.SECRET_BLOCK,
  now: Date.now(),
});

/**
 * One claim through a worker, as the core makes it. Take the precomputed ephemeral; the worker
 * then computes the next one at once, and a 'precompute' sent right behind it is answered when
 * that is done, so the worker is idle when the claim is posted, as it is when a real challenge
 * arrives (InitiateAuth's network round trip is far longer than g^a).
 */
async function workerClaim(w: WorkerClient, input: ChallengeInput) {
  const { handle } = await w.call<{ handle: unknown }>('ephemeral', []);
  await w.call('precompute', []);
  // The bench copies say how long that precompute took inside the worker (the shipped one cannot).
  const precomputeMs = w.lastPrecomputeMs;
  let t = now();
  await w.call('precompute', []);
  const emptyMs = now() - t;
  t = now();
  const claim = await w.call<{ PASSWORD_CLAIM_SIGNATURE?: string }>('claim', [handle, claimRequest(input)]);
  const claimMs = now() - t;
  if (!claim.PASSWORD_CLAIM_SIGNATURE) throw new Error('the worker returned no signature');
  return { precomputeMs, emptyMs, claimMs, insideMs: w.lastInsideMs };
}

async function run(options: SrpRunOptions) {
  const { inputs, iterations, warmup } = options;
  const workers = {
    shipped: workerClient(options.workerUrl),
    timed: workerClient(options.timedWorkerUrl),
    previous: workerClient(options.previousWorkerUrl),
  };
  // A worker's first answers include its start-up and first g^a: not what is measured here. The
  // timed worker's first precompute is kept: it includes building the table of powers of g.
  const firstPrecomputeMs: number[] = [];
  for (const [name, w] of Object.entries(workers)) {
    await w.call('precompute', []);
    if (name === 'timed') firstPrecomputeMs.push(w.lastInsideMs);
    await w.call('ephemeral', []);
    await w.call('precompute', []);
  }

  const samples: Record<string, number[]> = {};
  const push = (key: string, ms: number) => (samples[key] ??= []).push(ms);
  const contenders = ['oursWorker', 'oursTimedWorker', 'previousWorker', 'oursInThread', 'reference'] as const;

  for (let i = 0; i < warmup + iterations; i++) {
    const input = inputs[i % inputs.length];
    const record = i >= warmup;
    const order = shuffled(contenders);
    for (const who of order) {
      if (who === 'oursWorker') {
        const r = await workerClaim(workers.shipped, input);
        if (!record) continue;
        push('oursWorker', r.claimMs);
        push('workerEmptyRoundTrip', r.emptyMs);
      } else if (who === 'oursTimedWorker') {
        const r = await workerClaim(workers.timed, input);
        if (!record) continue;
        push('timedWorkerRoundTrip', r.claimMs);
        push('timedWorkerInside', r.insideMs);
        push('precomputeOursWorker', r.precomputeMs);
      } else if (who === 'previousWorker') {
        const r = await workerClaim(workers.previous, input);
        if (!record) continue;
        push(who, r.claimMs);
        push('precomputePreviousWorker', r.precomputeMs);
      } else if (who === 'oursInThread') {
        let t = now();
        const ephemeral = srp.generateEphemeral();
        const precomputeMs = now() - t;
        t = now();
        const claim = srp.passwordClaim({ ...input, a: ephemeral.a, A: ephemeral.A, now: new Date() });
        const claimMs = now() - t;
        if (!claim.PASSWORD_CLAIM_SIGNATURE) throw new Error('no signature');
        if (!record) continue;
        push('precomputeOursInThread', precomputeMs);
        push('oursInThread', claimMs);
      } else {
        let t = now();
        const helper = new AuthenticationHelper(input.poolName);
        const precomputeMs = now() - t;
        t = now();
        const signature = referenceClaim(helper, input);
        const claimMs = now() - t;
        if (!signature) throw new Error('no signature');
        if (!record) continue;
        push('precomputeReference', precomputeMs);
        push('reference', claimMs);
      }
    }
  }
  for (const w of Object.values(workers)) w.terminate();
  samples.firstPrecomputeTimedWorker = firstPrecomputeMs;
  return samples;
}

/**
 * Both clients given the same a (and so the same A) and the same timestamp must sign the same
 * bytes: proof that the two timed computations are the same computation.
 */
function check(input: ChallengeInput) {
  const ephemeral = srp.generateEphemeral();
  const dateNow = 'Mon Feb 5 07:08:09 UTC 2024';
  const ours = srp.passwordClaim({ ...input, a: ephemeral.a, A: ephemeral.A, now: new Date(Date.UTC(2024, 1, 5, 7, 8, 9)) });
  const helper = new AuthenticationHelper(input.poolName);
  helper.smallAValue = new BigInteger(ephemeral.a, 16);
  helper.largeAValue = new BigInteger(ephemeral.A, 16);
  const reference = referenceClaim(helper, input, dateNow);
  const previousSrp = createPreviousSrp();
  const previous = previousSrp.passwordClaim({ ...input, a: ephemeral.a, A: ephemeral.A, now: new Date(Date.UTC(2024, 1, 5, 7, 8, 9)) });
  // The previous service's own ephemerals must be right too: its A for a given a is g^a.
  const old = previousSrp.ephemeral();
  const previousAOk = srp.gPow(srp.hexToBigInt(old.a)).toString(16) === old.A;
  return {
    same: ours.PASSWORD_CLAIM_SIGNATURE === reference && ours.TIMESTAMP === dateNow,
    previousSame: previous.PASSWORD_CLAIM_SIGNATURE === reference && previousAOk,
    ours: ours.PASSWORD_CLAIM_SIGNATURE,
    reference,
  };
}

/** Where the in-thread time goes: each step of passwordClaim on its own. */
function breakdown(inputs: ChallengeInput[], iterations: number) {
  const steps: Record<string, number[]> = { parse: [], u: [], x: [], gx: [], S: [], key: [], signature: [], total: [] };
  for (let i = 0; i < iterations + 2; i++) {
    const input = inputs[i % inputs.length];
    const { a, A } = srp.generateEphemeral();
    const t0 = now();
    const B = srp.hexToBigInt(input.SRP_B);
    const aBig = srp.hexToBigInt(a);
    const ABig = srp.hexToBigInt(A);
    const t1 = now();
    const u = srp.computeU(ABig, B);
    const t2 = now();
    const x = srp.computeX(input.SALT, input.poolName, input.userId, input.password);
    const t3 = now();
    const gx = srp.gPow(x);
    const t4 = now();
    const base = (((B - srp.k * gx) % srp.N) + srp.N) % srp.N;
    const S = srp.modPow(base, aBig + u * x);
    const t5 = now();
    const key = srp.computeKey(S, u);
    const t6 = now();
    srp.claimSignature(key, input.poolName, input.userId, input.SECRET_BLOCK, srp.formatTimestamp(new Date()));
    const t7 = now();
    if (i < 2) continue;
    steps.parse.push(t1 - t0);
    steps.u.push(t2 - t1);
    steps.x.push(t3 - t2);
    steps.gx.push(t4 - t3);
    steps.S.push(t5 - t4);
    steps.key.push(t6 - t5);
    steps.signature.push(t7 - t6);
    steps.total.push(t7 - t0);
  }
  return steps;
}

/**
 * The shipped exponentiations (srp.ts's modPow and gPow) next to the options measured for issue 16
 * (modpow-variants.ts), on the operations of a sign-in: each checked equal to the previous fixed
 * window with `%` on these inputs, then timed interleaved.
 */
function experiments(inputs: ChallengeInput[], iterations: number) {
  const N = srp.N;
  const mont = variants.montgomeryContext(N);
  const mont2 = variants.montgomeryContext(N, 2);
  const mont3 = variants.montgomeryContext(N, 3);
  const mont4 = variants.montgomeryContext(N, 4);
  const mont6 = variants.montgomeryContext(N, 6);
  const barrett = variants.barrettContext(N);
  const t = now();
  const fixedBase = variants.fixedBaseTable(2n, N, 1024, 5);
  const fixedBaseSetupMs = now() - t;
  // Realistic exponents: x (256 bits), a (1024 bits) and a + u*x (~1025 bits).
  const cases = inputs.slice(0, 4).map((input) => {
    const { a, A } = srp.generateEphemeral();
    const aBig = srp.hexToBigInt(a);
    const B = srp.hexToBigInt(input.SRP_B);
    const x = srp.computeX(input.SALT, input.poolName, input.userId, input.password);
    const u = srp.computeU(srp.hexToBigInt(A), B);
    const base = (((B - srp.k * srp.gPow(x)) % N) + N) % N;
    return { x, a: aBig, base, e: aBig + u * x };
  });

  type Op = 'S' | 'gx' | 'ga';
  const candidates: Record<string, { op: Op; run: (c: (typeof cases)[number]) => bigint }> = {
    'S: srp.ts modPow (Montgomery, three 1024-bit REDC steps, sliding w=5)': { op: 'S', run: (c) => srp.modPow(c.base, c.e) },
    'S: before (fixed 4-bit window, %)': { op: 'S', run: (c) => variants.fixedWindow4(c.base, c.e, N) },
    'S: sliding window w=6, %': { op: 'S', run: (c) => variants.slidingWindow(c.base, c.e, N, 6) },
    'S: Montgomery, one 3072-bit REDC step, sliding w=5': { op: 'S', run: (c) => variants.montgomerySliding(c.base, c.e, mont, 5) },
    'S: Montgomery, one 3072-bit REDC step, sliding w=6': { op: 'S', run: (c) => variants.montgomerySliding(c.base, c.e, mont, 6) },
    'S: Montgomery, two 1536-bit REDC steps, sliding w=5': { op: 'S', run: (c) => variants.montgomerySliding(c.base, c.e, mont2, 5) },
    'S: Montgomery, three 1024-bit REDC steps (as srp.ts), sliding w=6': { op: 'S', run: (c) => variants.montgomerySliding(c.base, c.e, mont3, 6) },
    'S: Montgomery, four 768-bit REDC steps, sliding w=5': { op: 'S', run: (c) => variants.montgomerySliding(c.base, c.e, mont4, 5) },
    'S: Montgomery, six 512-bit REDC steps, sliding w=5': { op: 'S', run: (c) => variants.montgomerySliding(c.base, c.e, mont6, 5) },
    'S: Barrett + sliding w=5': { op: 'S', run: (c) => variants.barrettSliding(c.base, c.e, barrett, 5) },
    'g^x: srp.ts gPow (table of g^(16^j), Montgomery)': { op: 'gx', run: (c) => srp.gPow(c.x) },
    'g^x: before (fixed 4-bit window, %)': { op: 'gx', run: (c) => variants.fixedWindow4(srp.g, c.x, N) },
    'g^x: srp.ts modPow (no table)': { op: 'gx', run: (c) => srp.modPow(srp.g, c.x) },
    'g^x: shifts for g = 2, %': { op: 'gx', run: (c) => variants.powerOfTwo(c.x, N) },
    'g^x: fixed-base table w=5, %': { op: 'gx', run: (c) => variants.fixedBasePow(c.x, fixedBase) },
    'g^a: srp.ts gPow (table of g^(16^j), Montgomery)': { op: 'ga', run: (c) => srp.gPow(c.a) },
    'g^a: before (fixed 4-bit window, %)': { op: 'ga', run: (c) => variants.fixedWindow4(srp.g, c.a, N) },
    'g^a: fixed-base table w=5, %': { op: 'ga', run: (c) => variants.fixedBasePow(c.a, fixedBase) },
  };
  // Correctness first: a faster wrong answer is worth nothing.
  for (const c of cases) {
    const expected: Record<Op, bigint> = {
      S: variants.fixedWindow4(c.base, c.e, N),
      gx: variants.fixedWindow4(srp.g, c.x, N),
      ga: variants.fixedWindow4(srp.g, c.a, N),
    };
    for (const [name, cand] of Object.entries(candidates)) {
      if (cand.run(c) !== expected[cand.op]) throw new Error(`modPow variant "${name}" gives a different result`);
    }
  }
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(candidates).map((k) => [k, []]));
  const names = Object.keys(candidates);
  for (let i = 0; i < iterations + 1; i++) {
    const c = cases[i % cases.length];
    for (const name of shuffled(names)) {
      const t0 = now();
      candidates[name].run(c);
      if (i > 0) samples[name].push(now() - t0);
    }
  }
  return { samples, fixedBaseSetupMs, fixedBaseTableEntries: fixedBase.table.length };
}

Object.assign(globalThis, { srpBench: { run, check, breakdown, experiments }, srpBenchReady: true });
