// Nothing may hang (issue 12, "stalled networks"): every request attempt of the core has a limit,
// reading the body included, that ends in a NetworkError saying it timed out; the caller's signal
// ends it at once; a stalled refresh does not hold the cross-tab lock for ever, and a wait for that
// lock has its own limit. The emulator's faults do the stalling (emulator/faults.ts: `hang`,
// `stallBody`, `truncate`); the limits are short ones given through the options, not real minutes.
// Each test has a `timeout`, so the code before these limits existed fails them instead of hanging.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type CognitoClient, type CognitoClientOptions, NetworkError, SignedOutError } from '../../src/core/index.ts';
import { IdentityPoolCredentials } from '../../src/core/aws.ts';
import { coreClient } from './support/core.ts';
import { LockTimeoutError } from '../../src/core/errors.ts';
import { createTabSync } from '../../src/core/tabs.ts';
import { PASSWORD, POOL_ID, USERS, clearFaults, injectFault, listFaults, rejectionOf, withEmulator } from './support/emulator.ts';

const emulator = withEmulator();
const LIMIT = { timeout: 15_000 };
/** The seed's identity pool (guest access on). */
const IDENTITY_POOL_ID = 'us-east-1:0c0c0c0c-0000-4000-8000-000000000001';

afterEach(async () => {
  await clearFaults(emulator().url);
});

/** A fetch that counts the attempts of each action. */
function counting() {
  const actions: string[] = [];
  const wrapped: typeof fetch = (input, init) => {
    actions.push(new Headers(init?.headers).get('X-Amz-Target')?.split('.').pop() ?? '');
    return fetch(input, init);
  };
  return { fetch: wrapped, attempts: (action: string) => actions.filter((a) => a === action).length };
}

const clientFor = (fetchImpl: typeof fetch = fetch, options: Partial<CognitoClientOptions> = {}): CognitoClient =>
  coreClient(emulator().url, { fetch: fetchImpl, timeoutMs: 200, ...options });

const signIn = { username: USERS.demo, password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' as const };
/** SRP's InitiateAuth only starts the proof, so it is the one sign-in call that is retried. */
const srpSignIn = { username: USERS.demo, password: PASSWORD, authFlow: 'USER_SRP_AUTH' as const };

/** The stalled and cut-off answers the client must not wait on for ever (3 faults). */
const STALLS = [
  { fault: { hang: true }, what: 'a server that reads the request and never answers', message: /timed out/ },
  { fault: { stallBody: true }, what: 'headers and the start of a body, then silence', message: /timed out/ },
  { fault: { truncate: true }, what: 'a Content-Length longer than the body, then a closed connection', message: /cut off/ },
];

describe('every attempt has a limit, reading the body included', () => {
  for (const { fault, what, message } of STALLS) {
    test(`${what}: an SRP sign-in ends in a NetworkError after its 3 attempts (starting SRP is idempotent)`, LIMIT, async () => {
      const { url } = emulator();
      await injectFault(url, { action: 'InitiateAuth', count: 3, ...fault });
      const counter = counting();
      const client = clientFor(counter.fetch);
      const error = await rejectionOf(client.signIn(srpSignIn));
      assert.ok(error instanceof NetworkError, String(error));
      assert.match(error.message, message);
      assert.equal(counter.attempts('InitiateAuth'), 3);
      assert.deepEqual(await listFaults(url), [], 'every attempt met the fault');
      // Nothing was lost: the next try, with the network back, signs in.
      assert.equal((await client.signIn(srpSignIn)).step, 'DONE');
      client.dispose();
    });
  }

  test('a password sign-in (InitiateAuth that counts a wrong password) is tried once, and times out', LIMIT, async () => {
    const { url } = emulator();
    await injectFault(url, { action: 'InitiateAuth', count: 3, hang: true });
    const counter = counting();
    const client = clientFor(counter.fetch);
    const error = await rejectionOf(client.signIn(signIn));
    assert.ok(error instanceof NetworkError, String(error));
    assert.match(error.message, /timed out/);
    assert.equal(counter.attempts('InitiateAuth'), 1);
    await clearFaults(url);
    client.dispose();
  });

  test('a call that consumes something (ConfirmForgotPassword) is tried once, and times out', LIMIT, async () => {
    const { url } = emulator();
    await injectFault(url, { action: 'ConfirmForgotPassword', count: 3, hang: true });
    const counter = counting();
    const client = clientFor(counter.fetch);
    const error = await rejectionOf(client.confirmForgotPassword({ username: USERS.demo, code: '123456', newPassword: 'N3w-Passw0rd!' }));
    assert.ok(error instanceof NetworkError, String(error));
    assert.match(error.message, /timed out/);
    assert.equal(counter.attempts('ConfirmForgotPassword'), 1);
    client.dispose();
  });

  test("the caller's signal ends a hung call at once with its own reason, and it is not retried", LIMIT, async () => {
    const { url } = emulator();
    await injectFault(url, { action: 'InitiateAuth', count: 3, hang: true });
    const counter = counting();
    // A limit far beyond the test's: only the signal can end this call in time.
    const client = clientFor(counter.fetch, { timeoutMs: 600_000 });
    const controller = new AbortController();
    const pending = rejectionOf(client.signIn({ ...signIn, signal: controller.signal }));
    while (counter.attempts('InitiateAuth') === 0) await new Promise((r) => setTimeout(r, 5));
    const reason = new Error('the user went back');
    controller.abort(reason);
    assert.equal(await pending, reason);
    assert.equal(counter.attempts('InitiateAuth'), 1);
    client.dispose();
  });

  test('the signal reaches the account calls too (getUser with a hung GetUser)', LIMIT, async () => {
    const { url } = emulator();
    const client = clientFor(fetch, { timeoutMs: 600_000 });
    await client.signIn(signIn);
    await injectFault(url, { action: 'GetUser', count: 3, hang: true });
    const controller = new AbortController();
    const pending = rejectionOf(client.getUser({ signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('removed from the page')), 50);
    assert.match((await pending).message, /removed from the page/);
    client.dispose();
  });
});

describe('a signal on the calls that share their work or end a session', () => {
  test("getSession's signal ends this caller's wait on a hung refresh; the shared refresh goes on for the others", LIMIT, async () => {
    const { url } = emulator();
    const client = clientFor(fetch, { timeoutMs: 600_000 });
    await client.signIn(srpSignIn);
    await injectFault(url, { action: 'GetTokensFromRefreshToken', count: 1, delayMs: 300 });
    const controller = new AbortController();
    const mine = rejectionOf(client.getSession({ forceRefresh: true, signal: controller.signal }));
    const theirs = client.getSession({ forceRefresh: true });
    const reason = new Error('the user left the page');
    controller.abort(reason);
    assert.equal(await mine, reason);
    assert.equal((await theirs).username, USERS.demo, 'the refresh itself was not aborted');
    client.dispose();
  });

  test("signOut's signal cuts a hung RevokeToken short; the session here is gone all the same", LIMIT, async () => {
    const { url } = emulator();
    const client = clientFor(fetch, { timeoutMs: 600_000 });
    await client.signIn(srpSignIn);
    await injectFault(url, { action: 'RevokeToken', count: 1, hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('closing')), 50);
    await client.signOut({ signal: controller.signal });
    await assert.rejects(client.getSession(), SignedOutError);
    client.dispose();
  });

  test("IdentityPoolCredentials.getCredentials' signal ends this caller's wait; the shared request goes on", LIMIT, async () => {
    const { url } = emulator();
    await injectFault(url, { action: 'GetCredentialsForIdentity', count: 1, delayMs: 300 });
    const pool = new IdentityPoolCredentials({ identityPoolId: IDENTITY_POOL_ID, endpoint: url });
    const controller = new AbortController();
    const mine = rejectionOf(pool.getCredentials({ signal: controller.signal }));
    const theirs = pool.getCredentials();
    const reason = new Error('not needed any more');
    controller.abort(reason);
    assert.equal(await mine, reason);
    assert.ok((await theirs).accessKeyId, 'the request itself was not aborted');
  });
});

describe('the refresh lock', () => {
  test('a stalled refresh ends in a NetworkError and lets go of the lock: the next getSession refreshes', LIMIT, async () => {
    const { url } = emulator();
    const client = clientFor();
    await client.signIn(signIn);
    // GetTokensFromRefreshToken is sent once (with rotation a repeat could spend the token): one fault.
    await injectFault(url, { action: 'GetTokensFromRefreshToken', count: 1, hang: true });
    const error = await rejectionOf(client.getSession({ forceRefresh: true }));
    assert.ok(error instanceof NetworkError, String(error));
    assert.match(error.message, /timed out/);
    // A second client of the same pool and app client (another tab, in-process lock here) gets the lock.
    const session = await client.getSession({ forceRefresh: true });
    assert.equal(session.username, USERS.demo);
    client.dispose();
  });

  test('waiting for a lock that is never let go of ends in a LockTimeoutError, and the waiter never runs', LIMIT, async () => {
    const holder = createTabSync(POOL_ID, 'lockclient', 100);
    const waiter = createTabSync(POOL_ID, 'lockclient', 100);
    let release!: () => void;
    const held = holder.withLock('refresh', () => new Promise<void>((resolve) => (release = resolve)));
    let ran = false;
    const error = await rejectionOf(waiter.withLock('refresh', async () => void (ran = true)));
    assert.ok(error instanceof LockTimeoutError, String(error));
    assert.equal(error.code, 'LockTimeoutError');
    release();
    await held;
    // The waiter that gave up does not run later either; the lock is free for the next one.
    assert.equal(await waiter.withLock('refresh', async () => 'next'), 'next');
    assert.equal(ran, false);
    holder.close();
    waiter.close();
  });
});
