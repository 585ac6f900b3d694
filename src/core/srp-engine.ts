/**
 * Where the SRP math runs. In a Web Worker when one starts, so the three 3072-bit modular
 * exponentiations of a sign-in never block the page; otherwise in-thread, with the same service
 * (Node, a CSP that forbids workers, a missing worker script). A worker that cannot start is said
 * once and never turns into a hang: what it was asked to do is done in-thread instead.
 */
import type { CognitoElementsError, SignInStateError } from './errors.ts';
import type { CoreKit } from './kit.ts';
import type { SrpOperation, SrpReply } from '../worker/protocol.ts';
import type { ClaimRequest, EphemeralHandle, SrpService } from '../worker/service.ts';
import type { Claim, DeviceSecrets } from '../worker/srp.ts';
import { scriptUrl } from './script-url.ts';

export type { Claim, ClaimRequest, DeviceSecrets, EphemeralHandle };

export interface SrpEngine {
  /** 'worker' while SRP runs (or is about to run) in a worker; 'inline' once it runs in-thread. */
  readonly mode: 'worker' | 'inline';
  /** Starts computing a spare (a, A) now, so the next sign-in does not wait for g^a. */
  precompute(): void;
  /** A fresh single-use ephemeral: a handle for `claim` and SRP_A. The secret `a` stays inside. */
  ephemeral(): Promise<EphemeralHandle>;
  /** The PASSWORD_VERIFIER answer for that ephemeral, which is then forgotten. */
  claim(handle: number, request: ClaimRequest): Promise<Claim>;
  /** A remembered device's random password and the verifier for ConfirmDevice. */
  deviceVerifier(deviceGroupKey: string, deviceKey: string): Promise<DeviceSecrets>;
  /** Drops an ephemeral no claim will use, so its secret `a` does not linger; a used one is already gone. */
  release(handle: number): void;
  /** Stops the worker; anything still pending, and every later call, is refused. */
  dispose(): void;
}

export interface SrpEngineOptions {
  /**
   * false: always in-thread. A URL or string: that worker script, started as a module worker (for a
   * CSP that forbids blob: URLs, or a bundler setup of your own). A function: returns the Worker.
   * Default: the worker entry next to this module, written so bundlers (Vite, webpack) find it.
   */
  worker?: false | string | URL | (() => Worker);
  /** Called once when no worker could start and SRP runs in-thread, with the reason. */
  onFallback?: (reason: string) => void;
  /** How long the worker may take to answer its first request before SRP moves in-thread. */
  startTimeoutMs?: number;
}

const DEFAULT_START_TIMEOUT_MS = 10_000;
/** What this module uses of the eager core, handed over by its loader before anything here runs (see kit.ts). */
let k: CoreKit;

export function install(kit: CoreKit): void {
  k = kit;
}

export const NO_WORKER_REASON = 'Worker is not available in this environment';

type Where = 'worker' | 'inline';

interface Pending {
  op: SrpOperation;
  args: unknown[];
  settle(where: Where, result: unknown): void;
  fail(error: unknown): void;
}

export function createSrpEngine(options: SrpEngineOptions = {}): SrpEngine {
  const choice = options.worker;
  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const workerPossible = choice !== false && (typeof choice === 'function' || typeof Worker !== 'undefined');

  let mode: Where = workerPossible ? 'worker' : 'inline';
  let worker: Worker | undefined;
  let started = false;
  let answered = false;
  let disposed = false;
  let startTimer: ReturnType<typeof setTimeout> | undefined;
  let precomputeTimer: ReturnType<typeof setTimeout> | undefined;
  let service: Promise<SrpService> | undefined;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  // The engine hands out its own handles: the worker and the in-thread service each count from 1,
  // and a handle must never reach the side that did not make it.
  const owners = new Map<number, { where: Where; handle: number }>();
  let nextHandle = 1;

  // Loaded only when SRP has to run in-thread (Node, no worker): a page whose worker starts never
  // downloads the SRP math and hashes twice.
  const inThread = () => (service ??= import('../worker/service.ts').then((m) => m.createSrpService()));

  /** Said once: start() runs once, and fallBack() only leaves worker mode once. */
  function notify(reason: string, warn: boolean): void {
    if (warn) console.warn(`cognito-elements: SRP runs on the main thread because ${reason}.`);
    try {
      options.onFallback?.(reason);
    } catch (error) {
      // The app's listener failing must not fail the sign-in it is being told about.
      console.error(error);
    }
  }

  /** Lazily: a page that only reads a stored session never starts a thread. */
  function start(): void {
    if (started) return;
    started = true;
    if (!workerPossible) {
      // In Node, in-thread is the normal way, not a surprise worth a console line.
      if (choice !== false) notify(NO_WORKER_REASON, false);
      return;
    }
    try {
      worker = makeWorker(choice);
    } catch (error) {
      fallBack(`the SRP worker could not be created (${k.describeError(error)})`);
      return;
    }
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  }

  function onMessage(event: MessageEvent<SrpReply>): void {
    const reply = event.data;
    answered = true;
    clearTimeout(startTimer);
    const entry = pending.get(reply.id);
    if (!entry) return;
    pending.delete(reply.id);
    if (reply.ok) entry.settle('worker', reply.result);
    else entry.fail(toEngineError(reply.error));
  }

  function onError(event: Event): void {
    // Handled here: the page should not also report it as an uncaught error.
    event.preventDefault();
    const detail = (event as ErrorEvent).message;
    fallBack(
      detail
        ? `the SRP worker failed (${detail})`
        : 'the SRP worker failed to start (script missing, refused by a Content-Security-Policy, or not loadable as a module)',
    );
  }

  function fallBack(reason: string): void {
    if (mode === 'inline') return;
    mode = 'inline';
    clearTimeout(startTimer);
    if (worker) {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      worker.terminate();
      worker = undefined;
    }
    notify(reason, true);
    // Whatever the worker still owed is done in-thread, except a claim: its `a` died with the worker.
    const stranded = [...pending.values()];
    pending.clear();
    for (const entry of stranded) {
      if (entry.op === 'claim') entry.fail(lostEphemeral());
      else runInThread(entry.op, entry.args).then((result) => entry.settle('inline', result), entry.fail);
    }
  }

  function post(op: SrpOperation, args: unknown[]): Promise<[Where, unknown]> {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { op, args, settle: (where, result) => resolve([where, result]), fail: reject });
      worker!.postMessage({ id, op, args });
      if (!answered && startTimer === undefined) {
        startTimer = setTimeout(() => fallBack(`the SRP worker did not answer within ${startTimeoutMs} ms`), startTimeoutMs);
      }
    });
  }

  async function runInThread(op: SrpOperation, args: unknown[]): Promise<unknown> {
    if (op === 'precompute') {
      // Fire-and-forget must not block whoever asked (a sign-in form that is just appearing).
      precomputeTimer ??= setTimeout(() => {
        inThread()
          .then(
            (srp) => disposed || srp.precompute(),
            () => {},
          )
          .finally(() => (precomputeTimer = undefined));
      }, 0);
      return undefined;
    }
    const srp = await inThread();
    try {
      return (srp[op] as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      throw toEngineError(error as Error & { reason?: string });
    }
  }

  function call(op: SrpOperation, args: unknown[]): Promise<[Where, unknown]> {
    if (disposed) return Promise.reject(disposedError());
    start();
    if (worker) return post(op, args);
    return runInThread(op, args).then((result) => ['inline', result]);
  }

  return {
    get mode() {
      return mode;
    },
    precompute() {
      // Failures surface on the call that needs the ephemeral, not here.
      call('precompute', []).catch(() => {});
    },
    async ephemeral() {
      const [where, result] = await call('ephemeral', []);
      const { handle, A } = result as EphemeralHandle;
      const mine = nextHandle++;
      owners.set(mine, { where, handle });
      return { handle: mine, A };
    },
    async claim(handle, request) {
      const owner = owners.get(handle);
      if (!owner) throw new k.SignInStateError(`SRP ephemeral ${handle} was already used or never existed: start the sign-in again.`);
      owners.delete(handle);
      if (owner.where === 'worker' && mode === 'inline') throw lostEphemeral();
      const [, result] = await call('claim', [owner.handle, request]);
      return result as Claim;
    },
    async deviceVerifier(deviceGroupKey, deviceKey) {
      const [, result] = await call('deviceVerifier', [deviceGroupKey, deviceKey]);
      return result as DeviceSecrets;
    },
    release(handle) {
      // A claim that cannot be computed: the engine and the service (srp.worker.ts, service.ts)
      // both forget the ephemeral before they compute, so this leaves no `a` anywhere.
      this.claim(handle, {} as ClaimRequest).catch(() => {});
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      clearTimeout(startTimer);
      clearTimeout(precomputeTimer);
      worker?.terminate();
      worker = undefined;
      for (const entry of pending.values()) entry.fail(disposedError());
      pending.clear();
      owners.clear();
    },
  };
}

function makeWorker(choice: string | URL | (() => Worker) | undefined): Worker {
  if (typeof choice === 'function') return choice();
  if (choice !== undefined) return new Worker(scriptUrl(String(choice)), { type: 'module' });
  // Written literally: this exact form is what bundlers look for to emit the worker as a chunk.
  return new Worker(new URL('../worker/srp.worker.ts', import.meta.url), { type: 'module' });
}

/** srp.ts's SrpError (thrown here or serialised by the worker) becomes the core's typed error. */
function toEngineError(error: { name: string; message: string; reason?: string }): Error {
  if (error.name === 'SrpError') return new k.SrpProtocolError(error.message, error.reason);
  if (error instanceof Error) return error;
  return Object.assign(new Error(error.message), { name: error.name });
}

function lostEphemeral(): SignInStateError {
  return new k.SignInStateError('The SRP worker stopped during sign-in and took its ephemeral with it: start the sign-in again.');
}

function disposedError(): CognitoElementsError {
  return new k.CognitoElementsError('SrpEngineDisposed', 'The SRP engine was disposed.');
}
