/**
 * Where the core keeps a session: IndexedDB (through idb-keyval) in browsers, memory in Node or
 * where IndexedDB does not work, or the app's own storage.
 *
 * Failures: every method of every store returns a promise and never throws synchronously. A store
 * that cannot do what was asked (quota exceeded, database closed or corrupted, a value that is not
 * JSON, the app's storage throwing) rejects with a StorageError whose `cause` is the original error,
 * so the core can catch it and carry on signed out instead of crashing.
 */
import { createStore, del, get, set, update } from 'idb-keyval';
import { CognitoElementsError, describeError } from './errors.ts';

/** Where the core keeps a session. Values are JSON-compatible objects. */
export interface SessionStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  remove(key: string): Promise<void>;
  /**
   * Optional: reads and replaces one value as a single atomic step (`change` returning undefined:
   * no value, which IndexedDB keeps as `undefined` under the key), so a sign-out in another tab
   * cannot land between a refresh's read and its write.
   * Without it the core reads and writes under a Web Lock, which only other clients of this kit honour.
   */
  update?<T>(key: string, change: (current: T | undefined) => T | undefined): Promise<void>;
}

/** The storage behind a SessionStore failed; `cause` holds what it threw. */
export class StorageError extends CognitoElementsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('StorageError', message, options);
  }
}

/** Runs op, turning anything it throws (synchronously or not) into a StorageError rejection. */
async function guarded<T>(what: string, op: () => T | Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (error) {
    throw new StorageError(`Could not ${what}: ${describeError(error)}`, { cause: error });
  }
}

/** Kept in this JS realm only: lost on reload. Values are copied in and out, as IndexedDB does. */
export function memoryStore(): SessionStore {
  const items = new Map<string, unknown>();
  return {
    get: <T>(key: string) => guarded(`read "${key}"`, () => structuredClone(items.get(key)) as T | undefined),
    set: (key, value) => guarded(`write "${key}"`, () => void items.set(key, structuredClone(value))),
    remove: (key) => guarded(`remove "${key}"`, () => void items.delete(key)),
  };
}

/**
 * One database name per pool and client, so two apps (or two clients) on one origin never mix; and
 * per endpoint origin when it is not Cognito's (`origin`, see Wire.customOrigin), so a session
 * issued by one endpoint is never read by a client of another. Cognito's own keeps its old name:
 * users stay signed in across the upgrade.
 */
export function databaseName(userPoolId: string, clientId: string, origin?: string): string {
  return `cognito-elements:${userPoolId}:${clientId}${origin ? `@${origin}` : ''}`;
}

/** IndexedDB through idb-keyval's createStore, one database per pool, client (and custom endpoint origin): see databaseName; object store `session`. */
export function indexedDbStore(userPoolId: string, clientId: string, origin?: string): SessionStore {
  const store = createStore(databaseName(userPoolId, clientId, origin), 'session');
  return {
    get: (key) => guarded(`read "${key}" from IndexedDB`, () => get(key, store)),
    set: (key, value) => guarded(`write "${key}" to IndexedDB`, () => set(key, value, store)),
    remove: (key) => guarded(`remove "${key}" from IndexedDB`, () => del(key, store)),
    // idb-keyval's update reads and writes in one readwrite transaction: atomic across tabs.
    update: (key, change) => guarded(`update "${key}" in IndexedDB`, () => update(key, change as (v: unknown) => unknown, store)),
  };
}

/** The shape of the app's own storage: like localStorage or the seeds' CognitoStorage, sync or async. */
export interface AppStorage {
  getItem(key: string): string | null | undefined | Promise<string | null | undefined>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

/**
 * An app's own storage adapted to SessionStore, values as JSON. `prefix` is put before every key:
 * give one (e.g. `cognito-elements:<pool>:<client>:`) when the storage is shared, like localStorage.
 */
export function adaptStorage(storage: AppStorage, prefix = ''): SessionStore {
  return {
    get: (key) =>
      guarded(`read "${prefix}${key}" from the app's storage`, async () => {
        const text = await storage.getItem(prefix + key);
        return text == null ? undefined : JSON.parse(text);
      }),
    set: (key, value) => guarded(`write "${prefix}${key}" to the app's storage`, () => storage.setItem(prefix + key, JSON.stringify(value))),
    remove: (key) => guarded(`remove "${prefix}${key}" from the app's storage`, () => storage.removeItem(prefix + key)),
  };
}

/** An app's own SessionStore, its failures (thrown or rejected) turned into StorageError with the cause kept. */
export function guardStore(store: SessionStore): SessionStore {
  const guard = (method: keyof SessionStore) =>
    store[method] &&
    ((key: string, value?: unknown) =>
      guarded(`${method} "${key}" in the app's store`, () => (store[method] as (key: string, value?: unknown) => Promise<unknown>).call(store, key, value)));
  return { get: guard('get'), set: guard('set'), remove: guard('remove'), update: guard('update') } as SessionStore;
}

/**
 * The default store: IndexedDB where it exists and works, else memory. Whether it works is found out
 * by writing, reading and removing a probe value: private modes and some embedded browsers expose
 * `indexedDB` but throw on open or on the first write.
 *
 * Whenever the result is memory, onFallback(reason) is called once, in Node too (reason "IndexedDB
 * is not available in this environment"). Without onFallback, a browser whose IndexedDB is broken
 * gets a console warning, so a session that will not survive a reload is never a silent surprise.
 */
export async function defaultStore(userPoolId: string, clientId: string, onFallback?: (reason: string) => void, origin?: string): Promise<SessionStore> {
  if (typeof indexedDB === 'undefined') {
    onFallback?.('IndexedDB is not available in this environment');
    return memoryStore();
  }
  const store = indexedDbStore(userPoolId, clientId, origin);
  // The probe and its failure handling load on demand (size budget): a dynamic import of the core.
  return (await import('./storage-probe.ts')).workingOrMemory(store, memoryStore, onFallback);
}
