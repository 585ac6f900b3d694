/**
 * The loader's SRP worker: its code is a chunk of its own (a sign-in form renders without it), so
 * the worker handed to the engine is a stand-in that starts the real one, from a blob: URL, once the
 * code is there, and passes messages through. srp-engine.ts uses postMessage, terminate and the
 * message and error events; a failed load is the worker's error event (the engine then computes
 * in-thread), and the engine's start timeout covers code that is slow to come.
 */
import { scriptUrl } from './core/script-url.ts';
import { blobUrl } from './script-tag-worker.ts';

/**
 * Workers that start once `code` resolves: one blob: URL for every client's worker, as the single
 * file has; a failed load is forgotten, so a later client tries again.
 */
export function workerOnceLoaded(code: () => Promise<string>): () => Worker {
  let url: Promise<string> | undefined;
  const load = () => {
    url ??= code().then(blobUrl);
    url.catch(() => (url = undefined));
    return url;
  };
  return () => new WorkerOnceLoaded(load()) as unknown as Worker;
}

type StandIn = { state: 'loading'; queued: unknown[] } | { state: 'running'; worker: Worker } | { state: 'ended' };

/** A Worker whose code (as a blob: URL) is still on its way: messages wait for it. */
class WorkerOnceLoaded extends EventTarget {
  #now: StandIn = { state: 'loading', queued: [] };

  constructor(url: Promise<string>) {
    super();
    url.then(
      (blob) => this.#start(blob),
      (error: unknown) => this.#fail(`its code could not be loaded: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  postMessage(message: unknown): void {
    if (this.#now.state === 'loading') this.#now.queued.push(message);
    else if (this.#now.state === 'running') this.#now.worker.postMessage(message);
  }

  terminate(): void {
    if (this.#now.state === 'running') this.#now.worker.terminate();
    this.#now = { state: 'ended' };
  }

  #start(url: string): void {
    if (this.#now.state !== 'loading') return;
    let worker: Worker;
    try {
      worker = new Worker(scriptUrl(url), { type: 'module' });
    } catch (error) {
      this.#fail(error instanceof Error ? error.message : String(error));
      return;
    }
    worker.addEventListener('message', (event) => this.dispatchEvent(new MessageEvent('message', { data: event.data })));
    worker.addEventListener('error', (event) => {
      // Reported once, by the engine, through the stand-in's event.
      event.preventDefault();
      this.dispatchEvent(new ErrorEvent('error', { message: event.message, cancelable: true }));
    });
    const { queued } = this.#now;
    this.#now = { state: 'running', worker };
    for (const message of queued) worker.postMessage(message);
  }

  #fail(message: string): void {
    if (this.#now.state !== 'loading') return;
    this.#now = { state: 'ended' };
    this.dispatchEvent(new ErrorEvent('error', { message: `the SRP worker did not start: ${message}`, cancelable: true }));
  }
}
