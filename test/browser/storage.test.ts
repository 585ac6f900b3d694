// Session storage in real Chromium: IndexedDB through idb-keyval, the fallback to memory when
// IndexedDB is broken (faults injected by replacing IndexedDB methods, as a real browser cannot be
// made to fail on demand), the app's own storage, and the import of a session left in
// localStorage by amazon-cognito-identity-js / Amplify.
import { expect } from '@open-wc/testing';
import { adaptStorage, defaultStore, indexedDbStore, StorageError } from '../../src/core/storage.ts';
import { clearLegacySession, readLegacySession } from '../../src/core/legacy-import.ts';

/** A fresh pool id per test, so runs and tests never see each other's databases. */
function freshPool(): string {
  return `us-east-1_T${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** The databases of this origin whose names start with the kit's prefix. */
async function kitDatabases(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('cognito-elements:'));
}

/** Replaces obj[name] for the length of fn, then puts the original back. */
async function replacing<O extends object, K extends keyof O>(obj: O, name: K, fake: O[K], fn: () => Promise<void>): Promise<void> {
  const own = Object.getOwnPropertyDescriptor(obj, name);
  Object.defineProperty(obj, name, { value: fake, configurable: true, writable: true });
  try {
    await fn();
  } finally {
    if (own) Object.defineProperty(obj, name, own);
    else delete (obj as Record<PropertyKey, unknown>)[name];
  }
}

describe('indexedDbStore', () => {
  it('round-trips a session object and removes it', async () => {
    const store = indexedDbStore(freshPool(), 'client1');
    const session = { username: 'demo', tokens: { accessToken: 'a.b.c', expiresAt: 1700000000000 }, device: null };
    expect(await store.get('session')).to.equal(undefined);
    await store.set('session', session);
    expect(await store.get('session')).to.deep.equal(session);
    await store.remove('session');
    expect(await store.get('session')).to.equal(undefined);
  });

  it('keeps one database per pool and client, named cognito-elements:<pool>:<client>', async () => {
    const poolA = freshPool();
    const poolB = freshPool();
    const a = indexedDbStore(poolA, 'client1');
    const b = indexedDbStore(poolB, 'client1');
    const c = indexedDbStore(poolA, 'client2');
    await a.set('session', { username: 'alice' });
    await b.set('session', { username: 'bob' });
    expect(await a.get('session')).to.deep.equal({ username: 'alice' });
    expect(await b.get('session')).to.deep.equal({ username: 'bob' });
    expect(await c.get('session')).to.equal(undefined);
    expect(await kitDatabases()).to.include.members([`cognito-elements:${poolA}:client1`, `cognito-elements:${poolB}:client1`]);
  });

  it('keeps the data for a new store instance, as after a reload, and for another frame', async () => {
    const pool = freshPool();
    await indexedDbStore(pool, 'client1').set('session', { username: 'demo' });
    expect(await indexedDbStore(pool, 'client1').get('session')).to.deep.equal({ username: 'demo' });

    const frame = document.createElement('iframe');
    const ready = new Promise((resolve) =>
      addEventListener('message', function on(e) {
        if (e.source === frame.contentWindow && e.data?.tabReady !== undefined) {
          removeEventListener('message', on);
          resolve(undefined);
        }
      }),
    );
    frame.src = `/test/browser/fixtures/tab.html?pool=${pool}&client=client1`;
    document.body.append(frame);
    try {
      await ready;
      const tab = (frame.contentWindow as any).tab;
      expect(await tab.read('session')).to.deep.equal({ username: 'demo' });
    } finally {
      frame.remove();
    }
  });

  it('rejects with StorageError (cause: the DOMException) when a read fails after opening', async () => {
    const store = indexedDbStore(freshPool(), 'client1');
    await store.set('session', { username: 'demo' });
    const failure = new DOMException('Simulated corruption', 'UnknownError');
    await replacing(
      IDBObjectStore.prototype,
      'get',
      () => {
        throw failure;
      },
      async () => {
        let caught: unknown;
        try {
          await store.get('session');
        } catch (error) {
          caught = error;
        }
        expect(caught).to.be.instanceOf(StorageError);
        expect((caught as StorageError).code).to.equal('StorageError');
        expect((caught as StorageError).cause).to.equal(failure);
      },
    );
    expect(await store.get('session')).to.deep.equal({ username: 'demo' }, 'works again once the fault is gone');
  });
});

describe('defaultStore', () => {
  it('is IndexedDB where it works: what it stores outlives the instance, and nothing is reported', async () => {
    const pool = freshPool();
    const reasons: string[] = [];
    const store = await defaultStore(pool, 'client1', (reason) => reasons.push(reason));
    await store.set('session', { username: 'demo' });
    expect(reasons).to.deep.equal([]);
    expect(await indexedDbStore(pool, 'client1').get('session')).to.deep.equal({ username: 'demo' });
    expect(await indexedDbStore(pool, 'client1').get('cognito-elements:probe')).to.equal(undefined, 'the probe cleans up');
  });

  it('falls back to memory, once and with the reason, when indexedDB.open throws', async () => {
    const pool = freshPool();
    const reasons: string[] = [];
    // What Firefox's private mode used to do on open.
    const fault = () => {
      throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
    };
    let store!: Awaited<ReturnType<typeof defaultStore>>;
    await replacing(indexedDB, 'open', fault as IDBFactory['open'], async () => {
      store = await defaultStore(pool, 'client1', (reason) => reasons.push(reason));
    });
    expect(reasons).to.have.length(1);
    expect(reasons[0]).to.match(/^IndexedDB does not work here \(InvalidStateError: A mutation operation/);
    expect(reasons[0]).to.contain('kept in memory');
    await store.set('session', { username: 'demo' });
    expect(await store.get('session')).to.deep.equal({ username: 'demo' });
    expect(await indexedDbStore(pool, 'client1').get('session')).to.equal(undefined, 'nothing reached IndexedDB');
  });

  it('falls back to memory when opening works but the first write fails', async () => {
    const reasons: string[] = [];
    const fault = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    let store!: Awaited<ReturnType<typeof defaultStore>>;
    await replacing(IDBObjectStore.prototype, 'put', fault as IDBObjectStore['put'], async () => {
      store = await defaultStore(freshPool(), 'client1', (reason) => reasons.push(reason));
    });
    expect(reasons).to.have.length(1);
    expect(reasons[0]).to.contain('QuotaExceededError');
    await store.set('session', { username: 'demo' });
    expect(await store.get('session')).to.deep.equal({ username: 'demo' });
  });

  it('warns on the console when IndexedDB is broken and nobody asked to be told', async () => {
    const warnings: unknown[][] = [];
    await replacing(
      console,
      'warn',
      (...args: unknown[]) => void warnings.push(args),
      async () => {
        await replacing(
          indexedDB,
          'open',
          () => {
            throw new DOMException('blocked', 'SecurityError');
          },
          async () => {
            await defaultStore(freshPool(), 'client1');
          },
        );
      },
    );
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.contain('SecurityError: blocked');
  });
});

describe('adaptStorage in the browser', () => {
  it('works over a synchronous Map-backed storage', async () => {
    const items = new Map<string, string>();
    const store = adaptStorage({
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => void items.set(k, v),
      removeItem: (k) => void items.delete(k),
    });
    await store.set('session', { username: 'demo', n: 1 });
    expect(items.get('session')).to.equal('{"username":"demo","n":1}');
    expect(await store.get('session')).to.deep.equal({ username: 'demo', n: 1 });
    await store.remove('session');
    expect(items.size).to.equal(0);
  });

  it('works over an asynchronous storage', async () => {
    const items = new Map<string, string>();
    const later = () => new Promise((resolve) => setTimeout(resolve));
    const store = adaptStorage({
      getItem: async (k) => (await later(), items.get(k)),
      setItem: async (k, v) => void (await later(), items.set(k, v)),
      removeItem: async (k) => void (await later(), items.delete(k)),
    });
    expect(await store.get('session')).to.equal(undefined);
    await store.set('session', { username: 'demo' });
    expect(await store.get('session')).to.deep.equal({ username: 'demo' });
    await store.remove('session');
    expect(await store.get('session')).to.equal(undefined);
  });

  it('works over the page localStorage with a prefix', async () => {
    const prefix = `cognito-elements:${freshPool()}:client1:`;
    const store = adaptStorage(localStorage, prefix);
    try {
      await store.set('session', { username: 'demo' });
      expect(localStorage.getItem(`${prefix}session`)).to.equal('{"username":"demo"}');
      expect(await store.get('session')).to.deep.equal({ username: 'demo' });
    } finally {
      localStorage.removeItem(`${prefix}session`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Legacy import

const CLIENT = 'legacyclient0000000000001';

function base64url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomBase64url(bytes: number): string {
  return base64url(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(bytes))));
}

/** A token shaped like Cognito's: RS256 header with a kid, Cognito's claims, a 2048-bit signature. */
function cognitoJwt(claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { kid: 'Zr0LhfTgTyRhDTn0pmB8hBbS8Ud3RRdcPfGMyU9dZ+g=', alg: 'RS256' };
  const payload = { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Legacy01', iat: now, exp: now + 3600, auth_time: now, ...claims };
  return [base64url(JSON.stringify(header)), base64url(JSON.stringify(payload)), randomBase64url(256)].join('.');
}

/** A refresh token as Cognito issues it: an encrypted JWT of five parts. */
function cognitoRefreshToken(): string {
  return [base64url('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}'), randomBase64url(256), randomBase64url(12), randomBase64url(1200), randomBase64url(16)].join(
    '.',
  );
}

/** What amazon-cognito-identity-js (or Amplify v5) writes after an SRP sign-in of `user` with a remembered device. */
function writeIdentityJsSession(user: string, sub: string) {
  const p = `CognitoIdentityServiceProvider.${CLIENT}`;
  const tokens = {
    idToken: cognitoJwt({ sub, aud: CLIENT, token_use: 'id', 'cognito:username': user, email: 'demo@example.com', email_verified: true }),
    accessToken: cognitoJwt({
      sub,
      client_id: CLIENT,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: user,
      device_key: 'us-east-1_3b2e0c4a-1d5f-4a7e-9b8c-0f1e2d3c4b5a',
    }),
    refreshToken: cognitoRefreshToken(),
  };
  const items: Record<string, string> = {
    [`${p}.LastAuthUser`]: user,
    [`${p}.${user}.idToken`]: tokens.idToken,
    [`${p}.${user}.accessToken`]: tokens.accessToken,
    [`${p}.${user}.refreshToken`]: tokens.refreshToken,
    [`${p}.${user}.clockDrift`]: '-2',
    [`${p}.${user}.userData`]: JSON.stringify({ Username: user, UserAttributes: [{ Name: 'sub', Value: sub }] }),
    [`${p}.${user}.deviceKey`]: 'us-east-1_3b2e0c4a-1d5f-4a7e-9b8c-0f1e2d3c4b5a',
    [`${p}.${user}.deviceGroupKey`]: '-Kx2m1Abc',
    [`${p}.${user}.randomPasswordKey`]: 'q7Yp3v0Zr2lJw9sXh1cK8mTgUe5bNfAoDiR4',
  };
  for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  return { tokens, keys: Object.keys(items) };
}

function legacyKeys(): string[] {
  return Object.keys(localStorage).filter((k) => k.startsWith(`CognitoIdentityServiceProvider.${CLIENT}.`));
}

describe('readLegacySession', () => {
  afterEach(() => {
    for (const key of legacyKeys()) localStorage.removeItem(key);
  });

  it('reads what amazon-cognito-identity-js left in localStorage, device included', () => {
    const sub = '7d0e2f3a-9c1b-4e5d-8f6a-2b3c4d5e6f70';
    const { tokens } = writeIdentityJsSession(sub, sub);
    localStorage.setItem('CognitoIdentityServiceProvider.someotherclient.LastAuthUser', 'other');
    try {
      expect(readLegacySession(CLIENT)).to.deep.equal({
        username: sub,
        ...tokens,
        clockDriftSeconds: -2,
        device: {
          deviceKey: 'us-east-1_3b2e0c4a-1d5f-4a7e-9b8c-0f1e2d3c4b5a',
          deviceGroupKey: '-Kx2m1Abc',
          randomPassword: 'q7Yp3v0Zr2lJw9sXh1cK8mTgUe5bNfAoDiR4',
        },
      });
      expect(readLegacySession('someotherclient')).to.equal(undefined);
    } finally {
      localStorage.removeItem('CognitoIdentityServiceProvider.someotherclient.LastAuthUser');
    }
  });

  it('reads only, and clearLegacySession removes every key of that session', () => {
    const { keys } = writeIdentityJsSession('demo', '7d0e2f3a-9c1b-4e5d-8f6a-2b3c4d5e6f70');
    const before = { ...localStorage };
    readLegacySession(CLIENT);
    expect({ ...localStorage }).to.deep.equal(before);
    expect(legacyKeys()).to.have.members(keys);
    clearLegacySession(CLIENT, localStorage);
    expect(legacyKeys()).to.deep.equal([]);
  });

  it('converts Amplify v6 clock drift (milliseconds, server minus device) to seconds, device minus server', () => {
    const p = `CognitoIdentityServiceProvider.${CLIENT}`;
    writeIdentityJsSession('demo', '7d0e2f3a-9c1b-4e5d-8f6a-2b3c4d5e6f70');
    localStorage.setItem(`${p}.demo.clockDrift`, '-3400');
    localStorage.setItem(`${p}.demo.signInDetails`, '{"loginId":"demo","authFlowType":"USER_SRP_AUTH"}');
    localStorage.removeItem(`${p}.demo.userData`);
    expect(readLegacySession(CLIENT)?.clockDriftSeconds).to.equal(3);
    // Recent v6: the roster names the active user first.
    localStorage.removeItem(`${p}.LastAuthUser`);
    localStorage.setItem(`${p}.AuthUserList`, 'demo,someone-else');
    expect(readLegacySession(CLIENT)?.username).to.equal('demo');
  });

  it('ignores garbage instead of throwing', () => {
    const p = `CognitoIdentityServiceProvider.${CLIENT}`;
    expect(readLegacySession(CLIENT), 'nothing stored').to.equal(undefined);
    localStorage.setItem(`${p}.LastAuthUser`, 'username');
    expect(readLegacySession(CLIENT), "Amplify v6's no-user marker").to.equal(undefined);

    const { tokens } = writeIdentityJsSession('demo', '7d0e2f3a-9c1b-4e5d-8f6a-2b3c4d5e6f70');
    const garbage: [string, string][] = [
      ['idToken', 'not-a-jwt'],
      ['idToken', 'a.b'],
      ['accessToken', `${tokens.accessToken}.extra`],
      ['accessToken', 'eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln'], // payload is not JSON
      ['accessToken', 'W10.W10.c2ln'], // header and payload are arrays, not objects
      ['idToken', 'eyJhbGciOiJSUzI1NiJ9.e30.c2/ln'], // '/' is not base64url
      ['refreshToken', 'has spaces in it'],
      ['refreshToken', ''],
    ];
    for (const [name, value] of garbage) {
      localStorage.setItem(`${p}.demo.${name}`, value);
      expect(readLegacySession(CLIENT), `${name} = ${value}`).to.equal(undefined);
      localStorage.setItem(`${p}.demo.${name}`, tokens[name as keyof typeof tokens]);
    }
    localStorage.removeItem(`${p}.demo.refreshToken`);
    expect(readLegacySession(CLIENT), 'no refresh token').to.equal(undefined);
    localStorage.setItem(`${p}.demo.refreshToken`, tokens.refreshToken);

    localStorage.setItem(`${p}.demo.clockDrift`, 'NaN');
    localStorage.removeItem(`${p}.demo.deviceGroupKey`);
    const session = readLegacySession(CLIENT);
    expect(session?.accessToken).to.equal(tokens.accessToken, 'the tokens are still good');
    expect('clockDriftSeconds' in session!).to.equal(false, 'a drift that is not a number is left out');
    expect('device' in session!).to.equal(false, 'an incomplete device is left out');
  });
});
