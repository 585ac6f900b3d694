// Two tabs racing a token refresh with refresh-token rotation on, in real Chromium: this page and a
// same-origin iframe (a second browsing context with its own realm, BroadcastChannel and
// navigator.locks) each run a CognitoClient on the same IndexedDB store, against an app client with
// refresh-token rotation and a 10 s grace period. A refresh that reuses a rotated-out refresh token after the
// grace period is refused with RefreshTokenReuseException, so only one tab may refresh at a time
// and the other must take the winner's tokens instead of signing everyone out.
import { expect } from '@open-wc/testing';
import { CognitoClient, type Session } from '../../src/core/index.ts';
import { indexedDbStore } from '../../src/core/storage.ts';
import { emulatorUrl } from './emulator-url.ts';
import { refreshCounter, type RefreshCounter } from './fixtures/refresh-counter.ts';
import type { RaceCommand } from './fixtures/race-tab.ts';

const POOL_ID = 'us-east-1_DemoPool1';
/** The seed's rotation client, copied for this file: see `before` below. */
const ROTATION_CLIENT = {
  ClientName: 'tabs-refresh-race',
  ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
};
/** Past the rotation client's 10 s grace period. */
const PAST_GRACE_MS = 30_000;

/**
 * An app client of this file's own, set like the seed's `demorotationclient0000001a`. The seed's
 * client id would name the IndexedDB store, BroadcastChannel and Web Lock that another test file
 * (core-sign-in.test.ts, run at the same time in another page of this origin) uses too: its
 * refreshes and sign-outs would reach these tabs, and ours its.
 */
let clientId = '';
/** The Web Lock CognitoClient refreshes under (tabs.ts: `${channel}:${name}`). */
const refreshLock = () => `cognito-elements:${POOL_ID}:${clientId}:refresh`;

before(async () => {
  const created = await cognito('CreateUserPoolClient', { UserPoolId: POOL_ID, ...ROTATION_CLIENT });
  expect(created.status, JSON.stringify(created.body)).to.equal(200);
  clientId = created.body.UserPoolClient.ClientId;
});

after(async () => {
  await cognito('DeleteUserPoolClient', { UserPoolId: POOL_ID, ClientId: clientId });
});

async function cognito(action: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emulatorUrl()}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function moveEmulatorClock(advanceMs: number): Promise<void> {
  const res = await fetch(`${emulatorUrl()}/__emulator/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advanceMs }),
  });
  expect(res.status).to.equal(200);
}

/**
 * A confirmed user of our own, so no other test file (the browser runs two at once against one
 * emulator) can sign it out globally under us.
 */
async function freshUser(): Promise<{ username: string; password: string }> {
  const username = `race-${crypto.randomUUID()}`;
  const password = 'Passw0rd!';
  const created = await cognito('AdminCreateUser', {
    UserPoolId: POOL_ID,
    Username: username,
    MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
  expect(created.status, JSON.stringify(created.body)).to.equal(200);
  const set = await cognito('AdminSetUserPassword', { UserPoolId: POOL_ID, Username: username, Password: password, Permanent: true });
  expect(set.status, JSON.stringify(set.body)).to.equal(200);
  return { username, password };
}

/** Whether an access token is still accepted by Cognito: a raw GetUser. */
async function getUserStatus(accessToken: string): Promise<number> {
  return (await cognito('GetUser', { AccessToken: accessToken })).status;
}

/** This page's tab: a client on the shared store, its refreshes counted, its events noted. */
function pageTab(counter: RefreshCounter): { client: CognitoClient; events: string[] } {
  const client = new CognitoClient({
    userPoolId: POOL_ID,
    clientId,
    endpoint: emulatorUrl(),
    storage: 'indexeddb',
    refreshTokenRotation: true,
    autoRefresh: false,
    // The race is about refreshing; the one sign-in may as well run its SRP in-thread.
    srpWorker: false,
    fetch: counter.fetch,
  });
  const events: string[] = [];
  client.addEventListener('signed-out', (event) => events.push(`signed-out:${event.detail.reason}`));
  for (const type of ['session-expired', 'tokens-refreshed'] as const) client.addEventListener(type, () => events.push(type));
  return { client, events };
}

interface OtherTab {
  send(command: Extract<RaceCommand, { cmd: 'getSession' }>): Promise<Session>;
  send(command: Extract<RaceCommand, { cmd: 'stats' }>): Promise<{ sent: string[]; events: string[] }>;
  send(command: RaceCommand): Promise<unknown>;
  close(): void;
}

/** Loads fixtures/race-tab.html in an iframe and starts its client: "the other tab". */
async function openOtherTab(options: { withoutWebLocks?: boolean } = {}): Promise<OtherTab> {
  const frame = document.createElement('iframe');
  const ready = new Promise<void>((resolve) =>
    addEventListener('message', function on(event) {
      if (event.source === frame.contentWindow && event.data?.raceTabReady) {
        removeEventListener('message', on);
        resolve();
      }
    }),
  );
  frame.src = '/test/browser/fixtures/race-tab.html';
  document.body.append(frame);
  await ready;
  let nextId = 1;
  const send = (command: RaceCommand): Promise<any> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      addEventListener('message', function on(event) {
        if (event.source !== frame.contentWindow || event.data?.raceReply !== id) return;
        removeEventListener('message', on);
        const { ok, value, error } = event.data;
        if (ok) resolve(value);
        else reject(Object.assign(new Error(`${error.name}: ${error.message}`), { code: error.code }));
      });
      frame.contentWindow!.postMessage({ race: id, ...command }, location.origin);
    });
  };
  await send({ cmd: 'init', endpoint: emulatorUrl(), userPoolId: POOL_ID, clientId, withoutWebLocks: options.withoutWebLocks });
  return {
    send,
    close: () => {
      void send({ cmd: 'dispose' }).finally(() => frame.remove());
    },
  };
}

/** Takes the refresh lock as a third party, so both tabs can be seen queued behind it. */
async function holdRefreshLock(): Promise<{ release(): void; done: Promise<unknown> }> {
  let release!: () => void;
  let entered!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const done = navigator.locks.request(refreshLock(), () => {
    entered();
    return new Promise<void>((resolve) => (release = resolve));
  });
  await inside;
  return { release: () => release(), done };
}

/** Waits until `count` requests for the refresh lock are queued (each tab has then read the store). */
async function untilQueued(count: number): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const { pending = [] } = await navigator.locks.query();
    if (pending.filter((lock) => lock.name === refreshLock()).length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`fewer than ${count} requests for ${refreshLock()} were ever queued`);
}

/** The events that would mean a tab signed the user out. */
function signOuts(events: string[]): string[] {
  return events.filter((e) => e.startsWith('signed-out') || e === 'session-expired');
}

describe('two tabs refreshing with refresh-token rotation', () => {
  let counter: RefreshCounter;
  let page: { client: CognitoClient; events: string[] };
  let other: OtherTab | undefined;

  beforeEach(async () => {
    counter = refreshCounter();
    page = pageTab(counter);
  });

  afterEach(async () => {
    other?.close();
    other = undefined;
    page.client.dispose();
    await indexedDbStore(POOL_ID, clientId, new URL(emulatorUrl()).origin).remove('session');
  });

  /** Signs a fresh user in on this page; both tabs then see the session through the shared store. */
  async function signInBothTabs(otherOptions: { withoutWebLocks?: boolean } = {}): Promise<Session> {
    const user = await freshUser();
    const step = await page.client.signIn(user);
    expect(step.step).to.equal('DONE');
    const signedIn = (step as { session: Session }).session;
    other = await openOtherTab(otherOptions);
    const seenThere = await other.send({ cmd: 'getSession' });
    expect(seenThere.accessToken, 'the other tab reads the session from the shared store').to.equal(signedIn.accessToken);
    return signedIn;
  }

  it('a forced refresh started in both tabs at once calls GetTokensFromRefreshToken once, and both end with the same valid tokens', async () => {
    const signedIn = await signInBothTabs();

    // Both tabs read the old tokens and queue for the lock before either may refresh.
    const blocker = await holdRefreshLock();
    const here = page.client.getSession({ forceRefresh: true });
    const there = other!.send({ cmd: 'getSession', forceRefresh: true });
    await untilQueued(2);
    blocker.release();
    const [hereSession, thereSession] = await Promise.all([here, there]);

    const { sent: sentThere, events: eventsThere } = await other!.send({ cmd: 'stats' });
    expect(counter.sent.length + sentThere.length, 'GetTokensFromRefreshToken calls in both tabs').to.equal(1);
    expect(thereSession.accessToken).to.equal(hereSession.accessToken);
    expect(hereSession.accessToken).to.not.equal(signedIn.accessToken, 'the tokens were refreshed');
    expect(await getUserStatus(hereSession.accessToken)).to.equal(200);
    expect(signOuts(page.events), 'page events').to.deep.equal([]);
    expect(signOuts(eventsThere), 'other tab events').to.deep.equal([]);
    await blocker.done;
  });

  it('a tab still holding the pre-rotation tokens after the grace period takes the stored ones, and its next refresh sends the new refresh token', async () => {
    const signedIn = await signInBothTabs();
    const store = indexedDbStore(POOL_ID, clientId, new URL(emulatorUrl()).origin);
    const oldRefreshToken = (await store.get<{ refreshToken: string }>('session'))!.refreshToken;

    // The page refreshes first; once its answer arrives, the grace period of the old refresh token
    // is over. The other tab read the old tokens before that and waits for the lock behind it.
    const blocker = await holdRefreshLock();
    const here = page.client.getSession({ forceRefresh: true });
    await untilQueued(1);
    const there = other!.send({ cmd: 'getSession', forceRefresh: true });
    await untilQueued(2);
    let moved = 0;
    counter.afterAnswer = async () => {
      await moveEmulatorClock(PAST_GRACE_MS);
      moved += PAST_GRACE_MS;
    };
    try {
      blocker.release();
      const [hereSession, thereSession] = await Promise.all([here, there]);
      counter.afterAnswer = undefined;
      expect(moved, 'the page refreshed first and moved the clock').to.equal(PAST_GRACE_MS);

      let stats = await other!.send({ cmd: 'stats' });
      expect(counter.sent).to.deep.equal([oldRefreshToken], 'the page rotated the old refresh token');
      expect(stats.sent, 'the other tab sent no refresh with its stale view').to.deep.equal([]);
      expect(thereSession.accessToken).to.equal(hereSession.accessToken);
      expect(hereSession.accessToken).to.not.equal(signedIn.accessToken);
      expect(await getUserStatus(thereSession.accessToken)).to.equal(200);

      // Refreshing again from the other tab uses the rotated refresh token from the store.
      const rotated = (await store.get<{ refreshToken: string }>('session'))!.refreshToken;
      expect(rotated).to.not.equal(oldRefreshToken);
      const again = await other!.send({ cmd: 'getSession', forceRefresh: true });
      stats = await other!.send({ cmd: 'stats' });
      expect(stats.sent).to.deep.equal([rotated]);
      expect(again.accessToken).to.not.equal(hereSession.accessToken);
      expect(await getUserStatus(again.accessToken)).to.equal(200);
      expect((await page.client.getSession()).accessToken, 'the page reads the newest tokens from the store').to.equal(again.accessToken);
      expect(
        page.events.filter((e) => e !== 'tokens-refreshed'),
        'page events',
      ).to.deep.equal([]);
      expect(
        stats.events.filter((e) => e !== 'tokens-refreshed'),
        'other tab events',
      ).to.deep.equal([]);

      // Control: had the other tab sent its old refresh token, Cognito would have refused it.
      const reuse = await cognito('GetTokensFromRefreshToken', { RefreshToken: oldRefreshToken, ClientId: clientId });
      expect(reuse.body.__type).to.equal('RefreshTokenReuseException');
    } finally {
      counter.afterAnswer = undefined;
      if (moved) await moveEmulatorClock(-moved);
    }
  });

  it('without Web Locks, a tab that reuses its old refresh token after the grace period takes the newer stored tokens and signs nobody out', async () => {
    // Without navigator.locks (insecure origins, Safari < 15.4) the tabs cannot exclude each other:
    // here the other tab reads the old refresh token and its request is held back until the page
    // has rotated it and the grace period is over.
    await signInBothTabs({ withoutWebLocks: true });
    const store = indexedDbStore(POOL_ID, clientId, new URL(emulatorUrl()).origin);
    const oldRefreshToken = (await store.get<{ refreshToken: string }>('session'))!.refreshToken;

    await other!.send({ cmd: 'holdNextRefresh' });
    const there = other!.send({ cmd: 'getSession', forceRefresh: true });
    await other!.send({ cmd: 'whenRefreshHeld' });
    const hereSession = await page.client.getSession({ forceRefresh: true });
    await moveEmulatorClock(PAST_GRACE_MS);
    try {
      await other!.send({ cmd: 'releaseRefresh' });
      const thereSession = await there;

      const stats = await other!.send({ cmd: 'stats' });
      expect(counter.sent).to.deep.equal([oldRefreshToken]);
      expect(stats.sent, 'the other tab really reused the rotated-out token').to.deep.equal([oldRefreshToken]);
      expect(thereSession.accessToken, "the other tab returns the page's tokens from the store").to.equal(hereSession.accessToken);
      expect((await store.get<{ accessToken: string }>('session'))?.accessToken, 'the shared session is kept').to.equal(hereSession.accessToken);
      expect(signOuts(stats.events), 'other tab events').to.deep.equal([]);
      expect(signOuts(page.events), 'page events').to.deep.equal([]);
      // Not asserted: whether Cognito still accepts those tokens. The emulator treats the reuse as a
      // stolen token and revokes the whole token family (emulator/actions/sessions.ts); what real
      // Cognito does is not documented. The client cannot prevent this without Web Locks.
    } finally {
      await moveEmulatorClock(-PAST_GRACE_MS);
    }
  });
});
