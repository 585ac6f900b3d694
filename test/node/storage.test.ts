// Session storage and tab coordination in Node 20: no IndexedDB (memory, and the caller is told
// why), BroadcastChannel is global, navigator.locks is missing (withLock falls back to an
// in-process mutex). The legacy import reads the exact layout amazon-cognito-identity-js writes
// when it signs in against the emulator.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type ICognitoStorage } from 'amazon-cognito-identity-js';
import { adaptStorage, defaultStore, memoryStore, StorageError } from '../../src/core/storage.ts';
import { createTabSync, type TabMessage } from '../../src/core/tabs.ts';
import { clearLegacySession, readLegacySession } from '../../src/core/legacy-import.ts';
import { CLIENT_ID, EMAIL_POOL_CLIENT_ID, EMAIL_POOL_ID, EMAIL_POOL_USER, PASSWORD, POOL_ID, USERS, withEmulator } from './support/emulator.ts';

const emulator = withEmulator();

/** Lets other queued work run: a few macrotask turns, enough for an unguarded critical section to interleave. */
async function turns(n = 3): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('defaultStore in Node', () => {
  test('is a memory store, and says why once', async () => {
    assert.equal(typeof (globalThis as any).indexedDB, 'undefined', 'precondition: Node 20 has no IndexedDB');
    const reasons: string[] = [];
    const store = await defaultStore(POOL_ID, CLIENT_ID, (reason) => reasons.push(reason));
    assert.deepEqual(reasons, ['IndexedDB is not available in this environment']);
    await store.set('session', { username: 'demo', tokens: { accessToken: 'a.b.c' } });
    assert.deepEqual(await store.get('session'), { username: 'demo', tokens: { accessToken: 'a.b.c' } });
    await store.remove('session');
    assert.equal(await store.get('session'), undefined);
  });

  test('memory stores copy values in and out, like IndexedDB', async () => {
    const store = memoryStore();
    const value = { username: 'demo', list: [1, 2] };
    await store.set('session', value);
    value.list.push(3);
    const read = await store.get<typeof value>('session');
    assert.deepEqual(read, { username: 'demo', list: [1, 2] });
    read.username = 'changed';
    assert.equal((await store.get<typeof value>('session'))!.username, 'demo');
    assert.equal(await memoryStore().get('session'), undefined, 'two memory stores share nothing');
  });

  test('a value that cannot be stored rejects with StorageError instead of throwing', async () => {
    const pending = memoryStore().set('session', { f: () => 1 });
    assert.ok(pending instanceof Promise);
    await assert.rejects(pending, (error: unknown) => error instanceof StorageError && (error.cause as Error).name === 'DataCloneError');
  });
});

describe('adaptStorage', () => {
  test('round-trips JSON through a synchronous Map-backed storage, under a prefix', async () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    };
    const store = adaptStorage(storage, 'app:');
    assert.equal(await store.get('session'), undefined);
    await store.set('session', { username: 'demo', expiresAt: 1700000000000 });
    assert.equal(items.get('app:session'), '{"username":"demo","expiresAt":1700000000000}');
    assert.deepEqual(await store.get('session'), { username: 'demo', expiresAt: 1700000000000 });
    await store.remove('session');
    assert.equal(items.size, 0);
  });

  test('works over an asynchronous storage that answers undefined for a missing key', async () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: async (key: string) => items.get(key),
      setItem: async (key: string, value: string) => void items.set(key, value),
      removeItem: async (key: string) => void items.delete(key),
    };
    const store = adaptStorage(storage);
    assert.equal(await store.get('session'), undefined);
    await store.set('session', { username: 'demo' });
    assert.deepEqual(await store.get('session'), { username: 'demo' });
    await store.remove('session');
    assert.equal(await store.get('session'), undefined);
  });

  test('a corrupted value or a throwing storage rejects with StorageError, never a synchronous throw', async () => {
    const broken = adaptStorage({
      getItem: () => '{"username": "dem',
      setItem: () => {
        throw new Error('QuotaExceededError: the quota has been exceeded');
      },
      removeItem: () => Promise.reject(new Error('gone')),
    });
    await assert.rejects(broken.get('session'), (e: unknown) => e instanceof StorageError && e.cause instanceof SyntaxError);
    await assert.rejects(broken.set('session', {}), (e: unknown) => e instanceof StorageError && /Quota/.test(e.message));
    await assert.rejects(broken.remove('session'), (e: unknown) => e instanceof StorageError && (e.cause as Error).message === 'gone');
  });
});

describe('createTabSync in Node', () => {
  test('withLock serialises in-process when navigator.locks is missing', async () => {
    assert.equal((globalThis as any).navigator?.locks, undefined, 'precondition: no Web Locks in Node');
    const a = createTabSync(POOL_ID, CLIENT_ID);
    const b = createTabSync(POOL_ID, CLIENT_ID);
    const log: string[] = [];
    const critical = (who: string) => async () => {
      log.push(`${who} enter`);
      await turns();
      log.push(`${who} exit`);
      return who;
    };
    const results = await Promise.all([a.withLock('refresh', critical('a1')), b.withLock('refresh', critical('b1')), a.withLock('refresh', critical('a2'))]);
    assert.deepEqual(results, ['a1', 'b1', 'a2']);
    assert.deepEqual(log, ['a1 enter', 'a1 exit', 'b1 enter', 'b1 exit', 'a2 enter', 'a2 exit'], 'FIFO, no overlap');
    a.close();
    b.close();
  });

  test('a rejected or throwing fn passes its error on and releases the lock', async () => {
    const sync = createTabSync(POOL_ID, CLIENT_ID);
    const log: string[] = [];
    const failing = sync.withLock('refresh', async () => {
      log.push('failing');
      await turns();
      throw new Error('refresh failed');
    });
    const throwing = sync.withLock('refresh', () => {
      log.push('throwing');
      throw new Error('sync throw');
    });
    const next = sync.withLock('refresh', async () => {
      log.push('next');
      return 'ok';
    });
    await assert.rejects(failing, /refresh failed/);
    await assert.rejects(throwing, /sync throw/);
    assert.equal(await next, 'ok');
    assert.deepEqual(log, ['failing', 'throwing', 'next']);
    sync.close();
  });

  test('locks of other names, pools or clients do not wait for each other', async () => {
    const sync = createTabSync(POOL_ID, CLIENT_ID);
    const other = createTabSync(POOL_ID, 'otherclient');
    let release!: () => void;
    const held = sync.withLock('refresh', () => new Promise<void>((resolve) => (release = resolve)));
    // Both would wait forever behind `held` if they shared its lock.
    assert.equal(await sync.withLock('other-name', async () => 'ran'), 'ran');
    assert.equal(await other.withLock('refresh', async () => 'ran'), 'ran');
    release();
    await held;
    sync.close();
    other.close();
  });

  test('two instances of one pool+client hear each other, not themselves, and nothing malformed', async () => {
    // The channels are unref'd (they must not keep a Node process alive): hold the loop open while waiting.
    const keepAlive = setInterval(() => {}, 1_000);
    try {
      const a = createTabSync(POOL_ID, CLIENT_ID);
      const b = createTabSync(POOL_ID, CLIENT_ID);
      const heardByA: TabMessage[] = [];
      const heardByB: TabMessage[] = [];
      a.subscribe((m) => heardByA.push(m));
      const bGot = new Promise<void>((resolve) =>
        b.subscribe((m) => {
          heardByB.push(m);
          if (m.type === 'signed-out') resolve();
        }),
      );
      // A stranger on the same channel name sends garbage and a message with a token attached.
      const stranger = new BroadcastChannel(`cognito-elements:${POOL_ID}:${CLIENT_ID}`);
      stranger.postMessage('hello');
      stranger.postMessage({ type: 'tokens-refreshed' });
      stranger.postMessage({ type: 'signed-in', username: 'demo', accessToken: 'x.y.z' });
      a.publish({ type: 'tokens-refreshed', username: 'demo' });
      a.publish({ type: 'signed-out' });
      await bGot;
      assert.deepEqual(heardByB, [{ type: 'signed-in', username: 'demo' }, { type: 'tokens-refreshed', username: 'demo' }, { type: 'signed-out' }]);
      assert.deepEqual(heardByA, [{ type: 'signed-in', username: 'demo' }], 'a hears the stranger but not itself');
      stranger.close();
      a.close();
      b.close();
    } finally {
      clearInterval(keepAlive);
    }
  });
});

describe('legacy import of what amazon-cognito-identity-js stores', () => {
  class MemoryStorage implements ICognitoStorage {
    readonly items = new Map<string, string>();
    setItem(key: string, value: string) {
      this.items.set(key, String(value));
    }
    getItem(key: string) {
      return this.items.get(key) ?? null;
    }
    removeItem(key: string) {
      this.items.delete(key);
    }
    clear() {
      this.items.clear();
    }
  }

  /** Signs in with the reference client (SRP) and leaves its localStorage layout in storage. */
  function referenceSignIn(poolId: string, clientId: string, username: string, storage: MemoryStorage) {
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: `${emulator().url}/`, Storage: storage });
    const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage });
    return new Promise<CognitoUser>((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: username, Password: PASSWORD }), {
        onSuccess: () => resolve(user),
        onFailure: reject,
      }),
    );
  }

  test('reads the session and the remembered device the reference client left behind', async () => {
    const storage = new MemoryStorage();
    const user = await referenceSignIn(POOL_ID, CLIENT_ID, USERS.demo, storage);
    const session = user.getSignInUserSession()!;
    const imported = readLegacySession(CLIENT_ID, storage);
    assert.ok(imported, `nothing imported from ${JSON.stringify([...storage.items.keys()])}`);
    assert.equal(imported.username, 'demo');
    assert.equal(imported.idToken, session.getIdToken().getJwtToken());
    assert.equal(imported.accessToken, session.getAccessToken().getJwtToken());
    assert.equal(imported.refreshToken, session.getRefreshToken().getToken());
    // getClockDrift is in the JS but not in the typings.
    assert.equal(imported.clockDriftSeconds, (session as unknown as { getClockDrift(): number }).getClockDrift());
    const prefix = `CognitoIdentityServiceProvider.${CLIENT_ID}.demo`;
    assert.deepEqual(imported.device, {
      deviceKey: storage.getItem(`${prefix}.deviceKey`),
      deviceGroupKey: storage.getItem(`${prefix}.deviceGroupKey`),
      randomPassword: storage.getItem(`${prefix}.randomPasswordKey`),
    });
    assert.match(imported.device.deviceKey, /^us-east-1_/);
    assert.equal(readLegacySession('someotherclient0000000001', storage), undefined, 'another client id finds nothing');

    clearLegacySession(CLIENT_ID, storage);
    assert.deepEqual([...storage.items.keys()], [], 'every key the client wrote is gone');
    assert.equal(readLegacySession(CLIENT_ID, storage), undefined);
  });

  test('finds the keys under USER_ID_FOR_SRP (the sub) in a pool that signs in by email', async () => {
    const storage = new MemoryStorage();
    await referenceSignIn(EMAIL_POOL_ID, EMAIL_POOL_CLIENT_ID, EMAIL_POOL_USER.email, storage);
    const imported = readLegacySession(EMAIL_POOL_CLIENT_ID, storage);
    assert.equal(imported?.username, EMAIL_POOL_USER.sub);
  });
});
