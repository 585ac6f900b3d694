// A sign-out or a new sign-in that lands between a refresh's read of the stored session and its write,
// made deterministic: two clients ("tabs") share one app-provided store, and the store holds the
// refresh's read of the session (after Cognito answered) until the other client has acted. Such a
// store has no atomic update, so the client must make read-and-write one step (the `session` lock),
// and the refresh must land only in the sign-in it began for. The browser suite
// (test/browser/session-races.test.ts) runs the same races on IndexedDB at many offsets.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitoClient, memoryStore, SignedOutError, type SessionStore } from '../../src/core/index.ts';
import { CLIENT_ID, PASSWORD, POOL_ID, callOk, withEmulator } from './support/emulator.ts';

const emulator = withEmulator();
const clients: CognitoClient[] = [];
after(() => clients.forEach((c) => c.dispose()));

async function freshUser(): Promise<string> {
  const { url } = emulator();
  const username = `race-${Math.random().toString(36).slice(2, 10)}`;
  await callOk(url, 'AdminCreateUser', {
    UserPoolId: POOL_ID,
    Username: username,
    MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
  await callOk(url, 'AdminSetUserPassword', { UserPoolId: POOL_ID, Username: username, Password: PASSWORD, Permanent: true });
  return username;
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

/**
 * One app store (get/set/remove, no update) seen by two clients, each through its own handle (as
 * two tabs each open the same database). Once `pauseNextRead()` is armed, the next read of the
 * session through A's handle is held, once read, until the test lets it go.
 */
function pausingStore() {
  const inner = memoryStore();
  let armed = false;
  let paused: { reached(): void; gate: Promise<void> } | undefined;
  const handle = (pausing: boolean): SessionStore => ({
    async get(key) {
      const value = await inner.get(key);
      // What was read is handed over only later: the other tab acts in between.
      if (pausing && armed && key === 'session' && paused) {
        armed = false;
        paused.reached();
        await paused.gate;
      }
      return value as any;
    },
    set: (key, value) => inner.set(key, value),
    remove: (key) => inner.remove(key),
  });
  return {
    storeA: handle(true),
    store: handle(false),
    inner,
    pauseNextRead() {
      let reached!: () => void;
      let letGo!: () => void;
      const atRead = new Promise<void>((resolve) => (reached = resolve));
      paused = { reached, gate: new Promise<void>((resolve) => (letGo = resolve)) };
      armed = true;
      return { atRead, letGo };
    },
  };
}

/** A fetch that calls `seen(action)` once each answer has arrived, before the client reads it. */
function watchingFetch(seen: (action: string) => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const target = new Headers(init?.headers).get('X-Amz-Target') ?? '';
    // A refresh by REFRESH_TOKEN_AUTH (as this kit once sent on clients without rotation) counts as one too.
    seen(/REFRESH_TOKEN_AUTH/.test(String(init?.body)) ? 'GetTokensFromRefreshToken' : target.slice(target.lastIndexOf('.') + 1));
    return response;
  };
}

/** A sign-in answer that has arrived, for `until`. */
function answerOf(action: string) {
  let arrived!: () => void;
  const promise = new Promise<void>((resolve) => (arrived = resolve));
  return { promise, seen: (a: string) => a === action && arrived() };
}

function tabs(shared: ReturnType<typeof pausingStore>) {
  let onRefreshAnswer: (() => void) | undefined;
  let bSeen: (action: string) => void = () => {};
  const make = (storage: SessionStore, fetchImpl: typeof fetch) => {
    const client = new CognitoClient({
      userPoolId: POOL_ID,
      clientId: CLIENT_ID,
      endpoint: emulator().url,
      storage,
      autoRefresh: false,
      srpWorker: false,
      fetch: fetchImpl,
    });
    clients.push(client);
    return client;
  };
  const a = make(
    shared.storeA,
    watchingFetch((action) => action === 'GetTokensFromRefreshToken' && onRefreshAnswer?.()),
  );
  const b = make(
    shared.store,
    watchingFetch((action) => bSeen(action)),
  );
  return {
    a,
    b,
    watchB(seen: (action: string) => void) {
      bSeen = seen;
    },
    /** Starts A's forced refresh; resolves once, Cognito having answered, its write step is paused at the read. */
    async refreshPausedAtWrite(): Promise<{ refreshing: Promise<unknown>; letGo(): void }> {
      let pause: ReturnType<typeof shared.pauseNextRead> | undefined;
      onRefreshAnswer = () => (pause = shared.pauseNextRead());
      const refreshing = a.getSession({ forceRefresh: true }).catch((e) => e);
      while (!pause) await turns(1);
      await pause.atRead;
      onRefreshAnswer = undefined;
      return { refreshing, letGo: pause.letGo };
    },
  };
}

const reload = (store: SessionStore) => {
  const client = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: emulator().url, storage: store, srpWorker: false });
  clients.push(client);
  return client;
};

test("a sign-out in another tab landing between a refresh's read and write sticks: no session stored afterwards, none after a reload", async () => {
  await emulator.ready;
  const shared = pausingStore();
  const t = tabs(shared);
  const username = await freshUser();
  assert.equal((await t.a.signIn({ username, password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' })).step, 'DONE');
  const { refreshing, letGo } = await t.refreshPausedAtWrite();
  const signingOut = t.b.signOut();
  // The sign-out completes (session removed), or waits for the refresh's write step to end first.
  await Promise.race([signingOut, turns(200)]);
  letGo();
  await signingOut;
  // Whether the refresh counts as before the sign-out (its tokens, then cleared) or after it
  // (SignedOutError) is up to the order they take the lock in; only the end state is asserted.
  const outcome = await refreshing;
  assert.ok(!(outcome instanceof Error) || outcome instanceof SignedOutError, String(outcome));
  assert.equal(await shared.inner.get('session'), undefined, 'no session stored');
  await assert.rejects(reload(shared.store).getSession(), SignedOutError);
});

test("a sign-in of another user landing between a refresh's read and write of the first user's session is kept, also after a reload", async () => {
  await emulator.ready;
  const shared = pausingStore();
  const t = tabs(shared);
  const first = await freshUser();
  const second = await freshUser();
  assert.equal((await t.a.signIn({ username: first, password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' })).step, 'DONE');
  const { refreshing, letGo } = await t.refreshPausedAtWrite();
  const answer = answerOf('InitiateAuth');
  t.watchB(answer.seen);
  const signingIn = t.b.signIn({ username: second, password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' });
  await answer.promise;
  // B's sign-in completes (user 2 stored), or waits for the refresh's write step to end first.
  await Promise.race([signingIn, turns(200)]);
  letGo();
  assert.equal((await signingIn).step, 'DONE');
  await refreshing;
  assert.equal((await shared.inner.get<{ username: string }>('session'))?.username, second, 'user 2 is still the one signed in');
  assert.equal((await reload(shared.store).getSession()).username, second);
});
