// Sign-outs and sign-ins that stick while a refresh is in flight, in real Chromium: two CognitoClients
// on this page play two tabs (each its own TabSync, sharing the IndexedDB store, BroadcastChannel and
// Web Locks, as tabs of one origin do), against the emulator.
//
// The race: a refresh reads the stored session, waits for Cognito, then writes the new tokens. A
// sign-out (or a sign-in of another user) in the other tab landing between that read and that write
// was overwritten, and the old session came back on reload. Each case holds the refresh answer (after
// it arrived, before the client reads it), lets it go, and fires the other
// operation after `offset` steps (microtask hops, then macrotask turns), so it lands at a different
// point of the refresh's completion each time. One more offset fires it while the emulator itself
// holds the answer (its delayMs fault). What is asserted is never a time, only the end state: after a
// sign-out no session is stored (a "resurrection" otherwise); after a sign-in of user 2, user 2's
// session is stored (a "loss" otherwise).
//
// Sources: idb-keyval's `update` ("see the old value and update it as an atomic operation", one
// readwrite transaction), which storage.ts uses; Web Locks API (navigator.locks) for the writers.
import { expect } from '@open-wc/testing';
import { CognitoClient, SignedOutError } from '../../src/core/index.ts';
import { indexedDbStore } from '../../src/core/storage.ts';
import { emulatorUrl } from './emulator-url.ts';
import { cognito, createUser, type NewUser, POOL_ID } from './support/core.ts';

/**
 * Where B's operation lands relative to A's refresh answer being let go: 0..9 microtask hops, then
 * 1..20 macrotask turns after it (offsets 0..29); negative offsets fire B first and let A's answer go
 * |offset| steps later (-1..-15). 45 points, plus one with the answer held by the emulator.
 */
const OFFSETS = [...Array(45).keys()].map((i) => i - 15);
/** Plus one offset where the other operation fires while the emulator holds the answer (delayMs). */
const IN_FLIGHT = 'in flight';
const RUNS = OFFSETS.length + 1;

async function step(offset: number): Promise<void> {
  offset = Math.abs(offset);
  if (offset < 10) for (let i = 0; i < offset; i++) await Promise.resolve();
  else for (let i = 0; i < offset - 9; i++) await new Promise((resolve) => setTimeout(resolve));
}

/** An app client of this file's own: its store, channel and locks are named for it, so no other test file's clients reach ours. */
let clientId = '';
/** The store the tabs use: a client of a custom endpoint (the emulator) keeps its sessions apart per origin (storage.ts, databaseName). */
const store = () => indexedDbStore(POOL_ID, clientId, new URL(emulatorUrl()).origin);
const stored = () => store().get<{ username: string; accessToken: string }>('session');

before(async () => {
  const created = await cognito('CreateUserPoolClient', {
    UserPoolId: POOL_ID,
    ClientName: 'session-races',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  clientId = created.UserPoolClient.ClientId;
});

after(async () => {
  await store().remove('session');
  await cognito('DeleteUserPoolClient', { UserPoolId: POOL_ID, ClientId: clientId });
});

const made: CognitoClient[] = [];
afterEach(() => made.splice(0).forEach((c) => c.dispose()));

/**
 * A fetch that holds the answer to a refresh (GetTokensFromRefreshToken, or InitiateAuth with
 * REFRESH_TOKEN_AUTH as this kit used on clients without rotation) after it arrived, until let go.
 */
function holdingFetch(isHeld = (target: string, body: string) => target.endsWith('.GetTokensFromRefreshToken') || /REFRESH_TOKEN/.test(body)): {
  fetch: typeof fetch;
  arrived: Promise<void>;
  letGo(): void;
} {
  let answered!: () => void;
  let letGo!: () => void;
  const arrived = new Promise<void>((resolve) => (answered = resolve));
  const gate = new Promise<void>((resolve) => (letGo = resolve));
  const holding: typeof fetch = async (input, init) => {
    const target = new Headers(init?.headers).get('X-Amz-Target') ?? '';
    const response = await fetch(input, init);
    if (isHeld(target, String(init?.body))) {
      answered();
      await gate;
    }
    return response;
  };
  return { fetch: holding, arrived, letGo };
}

/** A "tab": a client on the shared IndexedDB store. */
function tab(fetchImpl?: typeof fetch): CognitoClient {
  const client = new CognitoClient({
    userPoolId: POOL_ID,
    clientId,
    endpoint: emulatorUrl(),
    storage: 'indexeddb',
    autoRefresh: false,
    srpWorker: false,
    fetch: fetchImpl,
  });
  made.push(client);
  return client;
}

/** What a reload sees: a new client on the same store. */
async function afterReload(): Promise<string | undefined> {
  const reloaded = tab();
  try {
    return (await reloaded.getSession()).username;
  } catch (error) {
    if (error instanceof SignedOutError) return undefined;
    throw error;
  }
}

async function signIn(client: CognitoClient, user: NewUser): Promise<void> {
  const result = await client.signIn({ username: user.username, password: user.password, authFlow: 'USER_PASSWORD_AUTH' });
  expect(result.step).to.equal('DONE');
}

/** What tab B does: `prepare` gets it ready, `fire` (at the offset) makes it land. */
type Other = (b: (fetchImpl?: typeof fetch) => CognitoClient) => Promise<{ fire(): Promise<unknown> }>;

const signOut: Other = async (b) => {
  const client = b();
  return { fire: () => client.signOut() };
};

/** B signs user 2 in with its answer held until the offset, so its write lands at the offset too. */
const signInUser2 =
  (user2: NewUser): Other =>
  async (b) => {
    const held = holdingFetch((target, body) => target.endsWith('.InitiateAuth') && body.includes('USER_PASSWORD_AUTH'));
    const client = b(held.fetch);
    const signingIn = signIn(client, user2);
    await held.arrived;
    return {
      fire: () => {
        held.letGo();
        return signingIn;
      },
    };
  };

const readSession: Other = async (b) => {
  const client = b();
  return { fire: () => client.getSession().catch((e) => e) };
};

/**
 * Tab A refreshes user 1's session with its answer held; tab B's operation lands `offset` steps
 * after the answer is let go (or while the emulator holds it). Resolves once both are over.
 */
async function race(user1: NewUser, offset: number | typeof IN_FLIGHT, prepare: Other): Promise<void> {
  const held = holdingFetch();
  const a = tab(held.fetch);
  await signIn(a, user1);
  const other = await prepare((fetchImpl) => tab(fetchImpl));
  if (offset === IN_FLIGHT) {
    const res = await fetch(`${emulatorUrl()}/__emulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      // For the next call, whichever it is: the refresh, sent right after.
      body: JSON.stringify({ delayMs: 150 }),
    });
    expect(res.status).to.equal(200);
    held.letGo();
  }
  const refreshing = a.getSession({ forceRefresh: true }).catch((e) => e);
  let firing: Promise<unknown>;
  if (offset === IN_FLIGHT) {
    // The request is on its way and the emulator sits on it: the other tab acts now.
    await step(12);
    firing = other.fire();
  } else if (offset >= 0) {
    await held.arrived;
    held.letGo();
    await step(offset);
    firing = other.fire();
  } else {
    await held.arrived;
    firing = other.fire();
    await step(offset);
    held.letGo();
  }
  await firing;
  const outcome: unknown = await refreshing;
  if (outcome instanceof Error && !(outcome instanceof SignedOutError)) throw outcome;
}

describe('a refresh in flight in one tab, a sign-out or sign-in in another', function () {
  // Each case runs 46 sign-ins and refreshes in turn; counts are asserted, never durations.
  (this as { timeout(ms: number): void }).timeout(120_000);

  let user1: NewUser;
  let user2: NewUser;

  before(async () => {
    user1 = await createUser({ prefix: 'race1' });
    user2 = await createUser({ prefix: 'race2' });
  });

  it(`sign-out x refresh at ${RUNS} offsets: resurrections 0 (no session stored after the sign-out, none after a reload)`, async () => {
    const resurrected: string[] = [];
    for (const offset of [...OFFSETS, IN_FLIGHT] as const) {
      await race(user1, offset, signOut);
      const left = await stored();
      const reloaded = await afterReload();
      if (left || reloaded) resurrected.push(`offset ${offset}: stored ${left?.username}, after reload ${reloaded}`);
      made.splice(0).forEach((c) => c.dispose());
    }
    console.log(`sign-out x refresh: offsets run ${RUNS}, resurrections ${resurrected.length}`);
    expect(resurrected, resurrected.join('\n')).to.deep.equal([]);
  });

  it(`sign-in of another user x refresh of the first at ${RUNS} offsets: losses 0 (user 2 stays signed in, also after a reload)`, async () => {
    const lost: string[] = [];
    for (const offset of [...OFFSETS, IN_FLIGHT] as const) {
      await race(user1, offset, signInUser2(user2));
      const left = await stored();
      const reloaded = await afterReload();
      if (left?.username !== user2.username || reloaded !== user2.username) lost.push(`offset ${offset}: stored ${left?.username}, after reload ${reloaded}`);
      await store().remove('session');
      made.splice(0).forEach((c) => c.dispose());
    }
    console.log(`sign-in x refresh: offsets run ${RUNS}, losses ${lost.length}`);
    expect(lost, lost.join('\n')).to.deep.equal([]);
  });

  it(`refresh alone at ${RUNS} offsets of a tab re-reading the store: losses 0 (the refreshed session is stored and survives a reload)`, async () => {
    const lost: string[] = [];
    for (const offset of [...OFFSETS, IN_FLIGHT] as const) {
      await race(user1, offset, readSession);
      if ((await afterReload()) !== user1.username) lost.push(`offset ${offset}`);
      made.splice(0).forEach((c) => c.dispose());
    }
    console.log(`refresh x read: offsets run ${RUNS}, losses ${lost.length}`);
    expect(lost, lost.join('\n')).to.deep.equal([]);
  });
});
