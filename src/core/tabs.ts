/**
 * Tabs agree (architecture decision 6): a BroadcastChannel tells the other tabs of sign-in, sign-out
 * and new tokens, and the Web Locks API lets one tab at a time refresh (with refresh-token rotation a
 * second, concurrent refresh with the same token would be refused and sign that tab out).
 *
 * Messages carry no tokens. Not for secrecy (any same-origin script can read the IndexedDB store as
 * easily as listen to the channel) but so there is one source of truth: a tab that is told something
 * changed re-reads the shared store, and no tab ever holds a copy that an older message overwrote.
 */
import { LockTimeoutError } from './errors.ts';

export type TabMessage =
  | {
      type: 'signed-in' | 'tokens-refreshed';
      username: string;
      /** no tokens over the channel: other tabs re-read the store */
    }
  | { type: 'signed-out'; username?: string };

export interface TabSync {
  /** Tells the other tabs (and other TabSync instances of this pool+client); not this instance's own subscribers. */
  publish(message: TabMessage): void;
  subscribe(listener: (message: TabMessage) => void): () => void;
  /** Runs fn while holding an exclusive lock named for this pool+client across all tabs (Web Locks API); in-process mutex where navigator.locks is missing (Node, old browsers). */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): void;
}

/** Copies only the fields a TabMessage has, so nothing else (a token by mistake) crosses the channel, and drops anything malformed. */
function tabMessage(data: unknown): TabMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { type, username } = data as Record<string, unknown>;
  if ((type === 'signed-in' || type === 'tokens-refreshed') && typeof username === 'string') return { type, username };
  if (type === 'signed-out') return typeof username === 'string' ? { type, username } : { type };
  return undefined;
}

/** Past this the wait for the lock fails: the holder's own calls time out well before (3 attempts of 15 s). */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

/**
 * In-process fallback for navigator.locks: per lock name, the tail of a promise chain. Each caller
 * waits for the one before it (FIFO, as promise reactions run in order) and the chain goes on
 * whether fn fulfils or rejects. Module-wide, so all TabSync instances of a process share it. It
 * only serialises within this JS realm: without Web Locks (insecure origins, Safari < 15.4) two
 * tabs can still refresh at once.
 */
const tails = new Map<string, Promise<unknown>>();

function withLocalLock<T>(name: string, fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
  // A waiter that gave up keeps its place in the chain but never runs fn.
  const run = (tails.get(name) ?? Promise.resolve()).then(() => (signal.throwIfAborted(), fn()));
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(name, tail);
  void tail.then(() => {
    if (tails.get(name) === tail) tails.delete(name);
  });
  return Promise.race([run, new Promise<never>((_, reject) => signal.addEventListener('abort', reject))]);
}

export function createTabSync(userPoolId: string, clientId: string, lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS): TabSync {
  const channelName = `cognito-elements:${userPoolId}:${clientId}`;
  const listeners = new Set<(message: TabMessage) => void>();
  let closed = false;

  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : undefined;
  // Node: an open channel would keep the process alive until close(); a browser tab has no such issue.
  (channel as { unref?: () => void } | undefined)?.unref?.();
  channel?.addEventListener('message', (event) => {
    const message = tabMessage(event.data);
    if (!message) return;
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch (error) {
        // One failing listener must not keep the message from the others; report it like an event listener's error.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  });

  return {
    publish(message) {
      // After close() this tab is going away: there is nobody left to tell on its behalf.
      if (closed) return;
      const clean = tabMessage(message);
      if (!clean) throw new TypeError(`not a TabMessage: ${JSON.stringify(message)}`);
      channel?.postMessage(clean);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
      const lockName = `${channelName}:${name}`;
      // Only the wait is limited: once granted, fn runs to its end (its requests have their own timeouts).
      const wait = new AbortController();
      const timer = setTimeout(() => wait.abort(), lockTimeoutMs);
      const granted = () => (clearTimeout(timer), fn());
      // Looked up on every call: the lock manager is per origin, shared with every tab and frame.
      const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
      try {
        return await (locks ? locks.request(lockName, { mode: 'exclusive', signal: wait.signal }, granted) : withLocalLock(lockName, granted, wait.signal));
      } catch (error) {
        // (A request refused before it was granted leaves the timer: it then aborts a wait that is over.)
        throw wait.signal.aborted ? new LockTimeoutError(`Waited ${lockTimeoutMs} ms for the "${name}" lock another tab holds.`) : error;
      }
    },
    close() {
      closed = true;
      listeners.clear();
      channel?.close();
    },
  };
}
