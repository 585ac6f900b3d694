/**
 * Whether IndexedDB works here, found out by writing, reading and removing a probe value (private
 * modes and some embedded browsers expose `indexedDB` but throw on open or on the first write), with
 * a time limit. Part of defaultStore (storage.ts), loaded on demand; it imports only types, since a
 * value import from the core would split that module out of the core bundle into a shared chunk.
 */
import type { SessionStore } from './storage.ts';

/**
 * Safari 14.1 could leave the first indexedDB.open of a page pending forever; past this the probe
 * gives up and the session lives in memory, rather than sign-in hanging.
 */
const PROBE_TIMEOUT_MS = 5_000;
const PROBE_KEY = 'cognito-elements:probe';

/** `store` if it works, else a memory store, after onFallback(reason) or a console warning. */
export async function workingOrMemory(store: SessionStore, memoryStore: () => SessionStore, onFallback?: (reason: string) => void): Promise<SessionStore> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
    });
    await Promise.race([probe(store), timeout]);
    return store;
  } catch (error) {
    // A StorageError (storage.ts) wraps what IndexedDB threw: that is the reason worth naming.
    const cause = (error as { code?: unknown })?.code === 'StorageError' ? (error as Error).cause : error;
    const described = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    const reason = `IndexedDB does not work here (${described}); the session is kept in memory and will not survive a reload`;
    if (onFallback) onFallback(reason);
    else console.warn(`cognito-elements: ${reason}`);
    return memoryStore();
  } finally {
    clearTimeout(timer);
  }
}

async function probe(store: SessionStore): Promise<void> {
  const value = { at: Date.now() };
  await store.set(PROBE_KEY, value);
  const read = await store.get<typeof value>(PROBE_KEY);
  if (read?.at !== value.at) throw new Error('a value written could not be read back');
  await store.remove(PROBE_KEY);
}
