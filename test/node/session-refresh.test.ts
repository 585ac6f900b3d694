// Refreshing a session on every kind of app client, and how a refresh ends a session, through the
// core client against the emulator. Sources of truth, named per test:
// - AWS developer guide, "Refresh tokens": "You can't authenticate with REFRESH_TOKEN_AUTH in app
//   clients with refresh token rotation enabled"; with rotation the old token stays usable for
//   RetryGracePeriodSeconds (0 to 60), after which reuse fails with RefreshTokenReuseException.
// - API reference, GetTokensFromRefreshToken: works with rotation on and off; a new RefreshToken is
//   returned only with rotation. AuthenticationResultType may carry NewDeviceMetadata.
// - Amplify v6 refreshAuthTokens.ts always refreshes with GetTokensFromRefreshToken; its
//   TokenOrchestrator.isAuthenticationError clears the tokens on NotAuthorized, UserNotFound,
//   TokenRevoked, PasswordResetRequired, UserNotConfirmed and RefreshTokenReuse.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CognitoClient,
  type CognitoClientOptions,
  MalformedResponseError,
  NetworkError,
  SignedOutError,
  StorageError,
  memoryStore,
  type SessionStore,
} from '../../src/core/index.ts';
import { sessionFromResult } from '../../src/core/session.ts';
import { CLIENT_ID, POOL_ID, PASSWORD, ROTATION_CLIENT_ID, callOk, setClockOffset, clearFaults, injectFault, latestCode, withEmulator } from './support/emulator.ts';

const emulator = withEmulator();
const clients: CognitoClient[] = [];
after(() => clients.forEach((c) => c.dispose()));

/** A fetch that notes the Cognito action of every request (X-Amz-Target), then sends it unchanged. */
function notingFetch(sent: string[]): typeof fetch {
  return (input, init) => {
    const target = new Headers(init?.headers).get('X-Amz-Target') ?? '';
    sent.push(target.slice(target.lastIndexOf('.') + 1));
    return fetch(input, init);
  };
}

async function freshUser(): Promise<string> {
  const { url } = emulator();
  const username = `refresh-${Math.random().toString(36).slice(2, 10)}`;
  await callOk(url, 'AdminCreateUser', {
    UserPoolId: POOL_ID,
    Username: username,
    MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
  await callOk(url, 'AdminSetUserPassword', { UserPoolId: POOL_ID, Username: username, Password: PASSWORD, Permanent: true });
  return username;
}

/** A signed-in client (USER_PASSWORD_AUTH), its store, the actions it sends and the events it fires. */
async function signedIn(options: Partial<CognitoClientOptions> & { store?: SessionStore } = {}) {
  const { store = memoryStore(), ...rest } = options;
  const sent: string[] = [];
  const events: string[] = [];
  const client = new CognitoClient({
    userPoolId: POOL_ID,
    clientId: CLIENT_ID,
    endpoint: emulator().url,
    storage: store,
    autoRefresh: false,
    srpWorker: false,
    fetch: notingFetch(sent),
    ...rest,
  });
  clients.push(client);
  client.addEventListener('signed-out', (e) => events.push(`signed-out:${e.detail.reason}`));
  client.addEventListener('session-expired', (e) => events.push(`session-expired:${(e.detail.error as Error).message}`));
  client.addEventListener('warning', (e) => events.push(`warning:${e.detail.message}`));
  const username = await freshUser();
  const step = await client.signIn({ username, password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' });
  assert.equal(step.step, 'DONE');
  sent.length = 0;
  return { client, store, sent, events, username };
}

const storedSession = (store: SessionStore) => store.get<{ refreshToken?: string; accessToken: string; deviceKey?: string }>('session');

async function getUserStatus(accessToken: string): Promise<string> {
  const res = await fetch(emulator().url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.GetUser' },
    body: JSON.stringify({ AccessToken: accessToken }),
  });
  return res.ok ? 'ok' : String((await res.json()).__type);
}

/** An app client of the test's own with refresh-token rotation and the given grace period. */
async function rotatingClient(graceSeconds: number): Promise<string> {
  const created = await callOk(emulator().url, 'CreateUserPoolClient', {
    UserPoolId: POOL_ID,
    ClientName: `rotation-${graceSeconds}`,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: graceSeconds },
  });
  return created.UserPoolClient.ClientId;
}

test('developer guide "Refresh tokens": a rotating app client refreshes without any option, and the rotated refresh token is stored', async () => {
  await emulator.ready;
  const { client, store, sent } = await signedIn({ clientId: ROTATION_CLIENT_ID });
  const before = await storedSession(store);
  const refreshed = await client.getSession({ forceRefresh: true });
  assert.deepEqual(sent, ['GetTokensFromRefreshToken']);
  const after = await storedSession(store);
  assert.notEqual(after?.refreshToken, before?.refreshToken, 'the rotated refresh token replaced the old one');
  assert.notEqual(refreshed.accessToken, before?.accessToken);
  assert.equal(await getUserStatus(refreshed.accessToken), 'ok');
  // and again, with the rotated token
  const again = await client.getSession({ forceRefresh: true });
  assert.equal(await getUserStatus(again.accessToken), 'ok');
});

test('API reference GetTokensFromRefreshToken: a non-rotating app client refreshes with it too; no new refresh token comes back, the old one is kept', async () => {
  await emulator.ready;
  const { client, store, sent } = await signedIn();
  const before = await storedSession(store);
  // The emulator, as Cognito: no RefreshToken in the answer without rotation.
  const raw = await callOk(emulator().url, 'GetTokensFromRefreshToken', { RefreshToken: before!.refreshToken, ClientId: CLIENT_ID });
  assert.equal(raw.AuthenticationResult.RefreshToken, undefined);
  const refreshed = await client.getSession({ forceRefresh: true });
  assert.deepEqual(sent, ['GetTokensFromRefreshToken']);
  assert.equal((await storedSession(store))?.refreshToken, before!.refreshToken);
  assert.equal(await getUserStatus(refreshed.accessToken), 'ok');
});

test('a server that answers GetTokensFromRefreshToken as an unknown operation is refreshed with REFRESH_TOKEN_AUTH, from then on directly', async () => {
  await emulator.ready;
  const { client, sent } = await signedIn();
  // What AWS's JSON front end (and an older emulator or proxy) answers for an action it does not know.
  await injectFault(emulator().url, { action: 'GetTokensFromRefreshToken', status: 400, errorType: 'UnknownOperationException', message: '' });
  const first = await client.getSession({ forceRefresh: true });
  assert.deepEqual(sent, ['GetTokensFromRefreshToken', 'InitiateAuth']);
  assert.equal(await getUserStatus(first.accessToken), 'ok');
  await client.getSession({ forceRefresh: true });
  assert.deepEqual(sent, ['GetTokensFromRefreshToken', 'InitiateAuth', 'InitiateAuth']);
});

test('Amplify v6 TokenOrchestrator: UserNotFoundException on refresh (a deleted user) ends the session: cleared, session-expired and signed-out', async () => {
  await emulator.ready;
  const { client, store, events } = await signedIn();
  await injectFault(emulator().url, { action: 'GetTokensFromRefreshToken', status: 400, errorType: 'UserNotFoundException', message: 'User does not exist.' });
  await assert.rejects(client.getSession({ forceRefresh: true }), SignedOutError);
  assert.equal(await storedSession(store), undefined, 'no dead session left stored');
  assert.deepEqual(
    events.map((e) => e.split(':')[0]),
    ['session-expired', 'signed-out'],
  );
  assert.ok(events.includes('signed-out:expired'));
  await assert.rejects(client.getSession(), SignedOutError);
});

test('developer guide "Refresh tokens", RetryGracePeriodSeconds 0: a lost refresh answer is not retried, and the sign-out that follows says the answer was lost', async () => {
  await emulator.ready;
  const clientId = await rotatingClient(0);
  const { client, store, sent, events } = await signedIn({ clientId });
  // The emulator rotates the token, then the connection dies: the answer is lost.
  await injectFault(emulator().url, { action: 'GetTokensFromRefreshToken', dropAfter: true });
  await assert.rejects(client.getSession({ forceRefresh: true }), NetworkError);
  assert.deepEqual(sent, ['GetTokensFromRefreshToken'], 'GetTokensFromRefreshToken is not repeated by itself');
  assert.ok(await storedSession(store), 'the session stays until Cognito says it is over');
  const error = await client.getSession({ forceRefresh: true }).then(
    () => undefined,
    (e) => e,
  );
  assert.ok(error instanceof SignedOutError, String(error));
  assert.match(error.message, /refresh answer was lost/);
  assert.match(error.message, /rotated refresh token can no longer be used/);
  assert.equal((error.cause as { code?: string }).code, 'RefreshTokenReuseException');
  assert.ok(
    events.some((e) => e.startsWith('session-expired:A refresh answer was lost')),
    events.join('\n'),
  );
  assert.equal(await storedSession(store), undefined);
});

test('freshness checks the access token exp against the server clock: a device clock corrected after sign-in never hands out an expired token', async () => {
  await emulator.ready;
  const { url } = emulator();
  // The emulator runs in this process, so the device clock (Date.now) cannot move alone: the
  // server's clock moves instead, which is the same to the client. At sign-in the device ran two
  // hours ahead of the server, so expiresAt (device clock) lies two hours after the tokens' exp.
  await setClockOffset(url, -2 * 3600_000);
  try {
    const { client } = await signedIn();
    const first = await client.getSession();
    // The clocks agree again, and a minute later still: the hour-long access token ran out.
    await setClockOffset(url, 60_000);
    assert.equal(await getUserStatus(first.accessToken), 'NotAuthorizedException');
    // Any answer tells the client the server's time (Date header).
    await client.forgotPassword({ username: 'nobody-at-all' }).catch(() => {});
    const session = await client.getSession();
    assert.notEqual(session.accessToken, first.accessToken, 'refreshed, not handed out as fresh');
    assert.equal(await getUserStatus(session.accessToken), 'ok');
  } finally {
    await setClockOffset(url, 0);
  }
});

test('ExpiresIn of 0, below 0 or missing, or a token whose exp is not after its iat, is a MalformedResponseError', () => {
  const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
  const good = { sub: 's', username: 'u', iat: 1000, exp: 4600 };
  const result = (over: object = {}) => ({ AccessToken: jwt(good), IdToken: jwt(good), ExpiresIn: 3600, TokenType: 'Bearer', ...over });
  assert.equal(sessionFromResult(result(), 0).username, 'u');
  for (const bad of [
    { ExpiresIn: 0 },
    { ExpiresIn: -5 },
    { ExpiresIn: undefined },
    { AccessToken: jwt({ ...good, exp: 1000 }) },
    { IdToken: jwt({ ...good, exp: 900 }) },
  ]) {
    assert.throws(() => sessionFromResult(result(bad), 0), MalformedResponseError, JSON.stringify(bad));
  }
});

test("an app store's failures arrive as StorageError with the cause kept", async () => {
  await emulator.ready;
  const broken = new TypeError('the app store broke');
  const store: SessionStore = {
    get: () => {
      throw broken;
    },
    set: async () => {},
    remove: async () => {},
  };
  const client = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: emulator().url, storage: store, srpWorker: false });
  clients.push(client);
  const error = await client.getSession().then(
    () => undefined,
    (e) => e,
  );
  assert.ok(error instanceof StorageError, String(error));
  assert.equal(error.cause, broken);
});

test('a store whose writes fail after it opened keeps the new session in memory with a warning; the issued tokens are not dropped', async () => {
  await emulator.ready;
  const inner = memoryStore();
  let failWrites = false;
  const store: SessionStore = {
    get: (key) => inner.get(key),
    set: (key, value) => (failWrites ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) : inner.set(key, value)),
    remove: (key) => inner.remove(key),
  };
  const { client, events } = await signedIn({ store });
  failWrites = true;
  const refreshed = await client.getSession({ forceRefresh: true });
  assert.equal(await getUserStatus(refreshed.accessToken), 'ok');
  assert.ok(
    events.some((e) => e.startsWith('warning:Sessions are kept in memory only')),
    events.join('\n'),
  );
  assert.equal((await client.getSession()).accessToken, refreshed.accessToken, 'kept in memory');
  assert.equal(await inner.get('session'), undefined, 'the broken store does not bring the older session back on reload');
});

test('the auto-sign-in password kept between signUp and confirmSignUp is forgotten on sign-out and on cancelSignIn', async () => {
  await emulator.ready;
  for (const forget of ['signOut', 'cancelSignIn'] as const) {
    const sent: string[] = [];
    const client = new CognitoClient({
      userPoolId: POOL_ID,
      clientId: CLIENT_ID,
      endpoint: emulator().url,
      storage: 'memory',
      srpWorker: false,
      fetch: notingFetch(sent),
    });
    clients.push(client);
    const username = `auto-${Math.random().toString(36).slice(2, 10)}`;
    await client.signUp({ username, password: PASSWORD, attributes: { email: `${username}@example.com` }, autoSignIn: true });
    if (forget === 'signOut') await client.signOut();
    else client.cancelSignIn();
    const confirmed = await client.confirmSignUp({ username, code: await latestCode(emulator().url, username) });
    assert.equal(confirmed.signIn, undefined, `after ${forget}`);
    assert.ok(!sent.includes('InitiateAuth'), `no sign-in after ${forget}: ${sent.join(', ')}`);
    await assert.rejects(client.getSession(), SignedOutError);
  }
});

test.afterEach(() => clearFaults(emulator().url));

test('the refresh timer backs off after failures (10 s, 20 s, 40 s apart), never a tight loop, and recovers', async (t) => {
  await emulator.ready;
  // Fake setTimeout and Date for this test: the client's timer and both clocks (the emulator runs
  // in this process) move only when the test ticks. Counts are asserted, never durations.
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.now() });
  const { client, sent, events } = await signedIn({ autoRefresh: true });
  await injectFault(emulator().url, { action: 'GetTokensFromRefreshToken', status: 500, errorType: 'InternalErrorException', count: 3 });
  const refreshes = () => sent.filter((a) => a === 'GetTokensFromRefreshToken').length;
  const failures = () => events.filter((e) => e.startsWith('warning:Refreshing the session failed')).length;
  /**
   * Moves the fake clock, then lets the network and the client settle (real I/O, no timers): until
   * `settled` holds, for up to 10 s of real time (performance.now is not faked; a count of loop turns
   * ran out on a busy machine), or, with no condition, for 2000 turns in which nothing may happen.
   */
  const tick = async (ms: number, settled?: () => boolean) => {
    t.mock.timers.tick(ms);
    const until = performance.now() + 10_000;
    for (let i = 0; settled ? !settled() && performance.now() < until : i < 2000; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  // An hour's tokens: the timer fires 5 minutes before they expire.
  await tick(55 * 60_000, () => failures() === 1);
  assert.equal(refreshes(), 1);
  assert.equal(failures(), 1);
  await tick(9_999);
  assert.equal(refreshes(), 1, 'no retry before 10 s');
  await tick(1, () => failures() === 2);
  assert.equal(refreshes(), 2);
  await tick(19_999);
  assert.equal(refreshes(), 2, 'the next one 20 s later');
  await tick(1, () => failures() === 3);
  assert.equal(refreshes(), 3);
  // The fault is used up: 40 s later the refresh goes through, and the timer is back to its schedule.
  let refreshed = false;
  client.addEventListener('tokens-refreshed', () => (refreshed = true));
  await tick(40_000, () => refreshed);
  assert.equal(refreshes(), 4);
  assert.ok(refreshed);
  await tick(60_000);
  assert.equal(refreshes(), 4, 'fresh tokens: no refresh for the next minute');
  client.dispose();
});

test('API reference AuthenticationResultType: a NewDeviceMetadata in a refresh answer is confirmed and stored as at sign-in', async () => {
  await emulator.ready;
  // The emulator issues a device only at sign-in: this fetch carries that sign-in's NewDeviceMetadata
  // over to the first refresh answer instead (a shape the emulator cannot produce by itself).
  let carried: unknown;
  const sent: string[] = [];
  const moving: typeof fetch = async (input, init) => {
    const response = await notingFetch(sent)(input, init);
    const action = sent[sent.length - 1];
    if (action !== 'InitiateAuth' && action !== 'GetTokensFromRefreshToken') return response;
    const body = await response.json();
    if (action === 'InitiateAuth' && body.AuthenticationResult?.NewDeviceMetadata) {
      carried = body.AuthenticationResult.NewDeviceMetadata;
      delete body.AuthenticationResult.NewDeviceMetadata;
    } else if (action === 'GetTokensFromRefreshToken' && carried && body.AuthenticationResult) {
      body.AuthenticationResult.NewDeviceMetadata = carried;
      carried = undefined;
    }
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
  };
  const store = memoryStore();
  const { client, username } = await signedIn({ store, fetch: moving });
  const deviceKey = (carried as { DeviceKey: string } | undefined)?.DeviceKey;
  assert.ok(deviceKey, 'the sign-in answer had a NewDeviceMetadata');
  sent.length = 0;
  await client.getSession({ forceRefresh: true });
  // (The first refresh may be refused for the sign-in's device, never confirmed here, and be sent
  // again without it, as the client does for a forgotten device.)
  assert.deepEqual(sent.slice(-2), ['GetTokensFromRefreshToken', 'ConfirmDevice']);
  assert.equal((await storedSession(store))?.deviceKey, deviceKey, 'the session now names the device');
  assert.equal((await store.get<{ deviceKey: string }>(`device:${username}`))?.deviceKey, deviceKey, 'its secret is kept for device SRP');
  const device = await callOk(emulator().url, 'AdminGetDevice', { UserPoolId: POOL_ID, Username: username, DeviceKey: deviceKey });
  assert.equal(device.Device.DeviceKey, deviceKey, 'Cognito knows the device as confirmed');
});
