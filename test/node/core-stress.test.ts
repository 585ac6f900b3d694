// 300 SRP sign-ins with the Node CognitoClient against one emulator, each as a user of its own
// with a random username and a random Unicode password (emoji and other characters outside the
// BMP, CJK, combining marks, right-to-left text, spaces), created through the emulator's unsigned
// admin API. Not one may fail: a password is hashed as UTF-8 bytes exactly as typed, on both sides.
//
// The random choices come from a seed, printed with the result: STRESS_SEED=<seed> replays a run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { CognitoClient } from '../../src/core/index.ts';
import { CLIENT_ID, POOL_ID, callOk } from './support/emulator.ts';

const USER_COUNT = 300;
/** Users created at once (two admin calls each). */
const CREATE_BATCH = 25;
/** Sign-ins in flight at once: enough to keep the client's SRP and the emulator's busy together. */
const SIGN_IN_CONCURRENCY = 4;

// -------------------------------------------------------------------------------------------
// The emulator, in a worker thread: a sign-in costs about as much SRP math on the emulator's side
// as on the client's, and in one thread the two would take turns on one core.

let emulator: { url: string; worker: Worker } | undefined;

before(async () => {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('../../emulator/index.ts', import.meta.url).href;
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     import(${JSON.stringify(tsx)})
       .then((api) => api.register())
       .then(() => import(${JSON.stringify(entry)}))
       .then(({ startEmulator }) => startEmulator({ port: 0, quiet: true }))
       .then((running) => {
         parentPort.postMessage({ url: running.url });
         parentPort.once('message', () => running.close().then(() => parentPort.close()));
       }, (error) => parentPort.postMessage({ error: String(error && error.stack || error) }));`,
    { eval: true },
  );
  const started = await new Promise<{ url?: string; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (!started.url) throw new Error(`the emulator did not start in its worker: ${started.error}`);
  emulator = { url: started.url, worker };
});

after(async () => {
  if (!emulator) return;
  const { worker } = emulator;
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.postMessage('close');
  await exited;
});

// -------------------------------------------------------------------------------------------
// Random users

/** mulberry32: small, seedable, good enough to pick characters. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces a password is made of; each is kept whole when shuffled (a base with its marks, a ZWJ sequence). */
const PIECES = {
  emoji: ['😀', '🚀', '🎉', '🔑', '👍🏽', '👩‍💻', '🏳️‍🌈', '🧑🏿‍🚀', '🦄'],
  cjk: ['漢', '字', '日本語', '中文', '한국어', '𠀀', '𠜎', '𡃁', '𪚥', 'ｶﾀｶﾅ'],
  combining: ['e\u0301', 'a\u0308', 'n\u0303', 'o\u0302\u0323', 'Z\u0335', 'i\u0307\u0301'],
  rtl: ['שלום', 'مرحبا', 'עברית', 'سلام', '\u200Fא'],
  space: [' ', '  ', '\u00A0', '\u3000', '\t'],
  other: ['ß', 'ø', 'Ж', 'Ω', 'é', 'ﬁ', '€', '✓', '"', '\\', '<', '%'],
  ascii: ['a', 'k', 'z', 'Q', 'M', '7', '0', '!', '#', '-', '_', '.'],
} as const;

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

/**
 * A password the demo pool accepts (>= 8 characters with an ASCII upper case letter, lower case
 * letter and digit) that holds at least one piece of every kind above. Spaces only inside: Cognito
 * refuses a password that starts or ends with whitespace.
 */
function randomPassword(rand: () => number): string {
  const inner = [pick(rand, PIECES.space), pick(rand, PIECES.space)];
  const pieces: string[] = [
    pick(rand, ['A', 'B', 'X']),
    pick(rand, ['a', 'q', 'w']),
    pick(rand, ['1', '5', '9']),
    pick(rand, PIECES.emoji),
    pick(rand, PIECES.cjk),
    pick(rand, PIECES.combining),
    pick(rand, PIECES.rtl),
  ];
  const extra = Math.floor(rand() * 12);
  const kinds = Object.values(PIECES).filter((kind) => kind !== PIECES.space);
  for (let i = 0; i < extra; i++) pieces.push(pick(rand, pick(rand, kinds)));
  for (let i = pieces.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pieces[i], pieces[j]] = [pieces[j], pieces[i]];
  }
  // Spaces between two non-space pieces, never first or last.
  for (const space of inner) pieces.splice(1 + Math.floor(rand() * (pieces.length - 1)), 0, space);
  return pieces.join('');
}

const USERNAME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+';

function randomUsername(rand: () => number): string {
  const length = 1 + Math.floor(rand() * 40);
  let name = '';
  for (let i = 0; i < length; i++) name += pick(rand, [...USERNAME_CHARS]);
  return name;
}

/** The same name in another mix of cases: the demo pool's usernames are case-insensitive. */
function recased(rand: () => number, name: string): string {
  return [...name].map((c) => (rand() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
}

interface StressUser {
  username: string;
  /** What the user types at sign-in: the username in another case, half of the time. */
  typed: string;
  password: string;
}

function randomUsers(seed: number): StressUser[] {
  const rand = random(seed);
  // The seed's own users are taken already (a random name can be 'sms').
  const taken = new Set<string>(['demo', 'totp', 'sms', 'email', 'newpassword', 'unconfirmed']);
  const users: StressUser[] = [];
  while (users.length < USER_COUNT) {
    const username = randomUsername(rand);
    if (taken.has(username.toLowerCase())) continue;
    taken.add(username.toLowerCase());
    users.push({ username, typed: rand() < 0.5 ? recased(rand, username) : username, password: randomPassword(rand) });
  }
  return users;
}

/** A password as code points, so a failure report shows what was really typed. */
function codePoints(text: string): string {
  return [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

// -------------------------------------------------------------------------------------------

async function createUsers(url: string, users: StressUser[], seed: number): Promise<void> {
  for (let start = 0; start < users.length; start += CREATE_BATCH) {
    await Promise.all(
      users.slice(start, start + CREATE_BATCH).map(async (user, i) => {
        await callOk(url, 'AdminCreateUser', {
          UserPoolId: POOL_ID,
          Username: user.username,
          MessageAction: 'SUPPRESS',
          UserAttributes: [{ Name: 'email', Value: `stress-${seed}-${start + i}@example.com` }],
        });
        await callOk(url, 'AdminSetUserPassword', { UserPoolId: POOL_ID, Username: user.username, Password: user.password, Permanent: true });
      }),
    );
  }
}

/** Signs one user in with a client of its own; returns why it failed, or undefined. */
async function signIn(url: string, user: StressUser): Promise<string | undefined> {
  const client = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: url, storage: 'memory', autoRefresh: false });
  try {
    const step = await client.signIn({ username: user.typed, password: user.password });
    if (step.step !== 'DONE') return `stopped at step ${step.step}`;
    if (step.session.username !== user.username) return `session for ${JSON.stringify(step.session.username)}`;
    if (client.srpMode !== 'inline') return `SRP ran in ${client.srpMode} mode`;
    return undefined;
  } catch (error) {
    return `${(error as Error)?.name}: ${(error as Error)?.message ?? error}`;
  } finally {
    client.dispose();
  }
}

test(`${USER_COUNT} SRP sign-ins with random usernames and Unicode passwords, none failing`, { timeout: 300_000 }, async (t) => {
  const { url } = emulator!;
  const seed = Number(process.env.STRESS_SEED) || Math.floor(Math.random() * 2 ** 31);
  const users = randomUsers(seed);
  t.diagnostic(`seed ${seed} (STRESS_SEED=${seed} replays this run)`);

  const began = performance.now();
  await createUsers(url, users, seed);
  const created = performance.now();

  const failures: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: SIGN_IN_CONCURRENCY }, async () => {
      while (next < users.length) {
        const user = users[next++];
        const failure = await signIn(url, user);
        if (failure) {
          failures.push(
            `${JSON.stringify(user.typed)} (${JSON.stringify(user.username)}) / ${JSON.stringify(user.password)} [${codePoints(user.password)}]: ${failure}`,
          );
        }
      }
    }),
  );
  const finished = performance.now();
  t.diagnostic(
    `created ${users.length} users in ${Math.round(created - began)} ms; ` +
      `${users.length} sign-ins in ${Math.round(finished - created)} ms (${((finished - created) / users.length).toFixed(1)} ms each, ${SIGN_IN_CONCURRENCY} at a time)`,
  );
  assert.deepEqual(failures, [], `seed ${seed}: ${failures.length} of ${users.length} sign-ins failed`);
});
