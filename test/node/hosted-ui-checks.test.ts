// The hosted UI checks what it is given (issue 12): src/core/oauth.ts against the emulator's hosted
// UI, driven with plain fetch as a browser would (form posted, the redirect read by hand).
// - OpenID Connect Core 1.0 3.1.2.1 / 3.1.3.7: a `nonce` is sent, and the ID token's `nonce`, `iss`
//   and `aud` are checked; Cognito's ID tokens also say `token_use: "id"` (developer guide,
//   "Understanding the identity (ID) token"); Cognito copies the nonce into the ID token
//   (developer guide, "Authorize endpoint", `nonce`).
// - RFC 9207: an `iss` callback parameter, when present, must be our issuer; compared before the
//   code is used.
// - RFC 6749 / 7636: extraParams cannot replace response_type, client_id, redirect_uri, state, the
//   PKCE challenge, the nonce, scope or identity_provider.
// - RFC 6749 5.1: the token answer is a JSON object; `null`, a number, an array are
//   MalformedResponseError. Sign-ins that never came back are pruned after an hour.
// - Cognito's token endpoint ("The token issuer endpoint"): a client with a secret authenticates
//   with HTTP Basic, or client_secret in the body; a wrong or missing one is 401 invalid_client.
// Hand-written token answers only for what the emulator never sends (another issuer, a broken body).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitoClient, ConfigurationError, MalformedResponseError, NetworkError } from '../../src/core/index.ts';
import { authorizeUrl, handleRedirectCallback, OAuthError, PROTOCOL_PARAMS } from '../../src/core/oauth.ts';
import { CLIENT_ID, CLIENT_SECRET, PASSWORD, POOL_ID, SECRET_CLIENT_ID, USERS, rejectionOf, withEmulator } from './support/emulator.ts';

const emulator = withEmulator();
const REDIRECT = 'http://localhost:5173/callback';
const SCOPES = ['openid', 'email', 'profile'];

function pendingStore() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
  };
}

function clientFor(): CognitoClient {
  return new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: emulator().url, storage: 'memory', autoRefresh: false });
}

/** The emulator's sign-in page for an authorize URL, posted with the user's password: the callback URL. */
async function signInAt(authorize: string, username: string = USERS.demo): Promise<string> {
  const page = await fetch(authorize, { redirect: 'manual' });
  assert.equal(page.status, 200, await page.clone().text());
  const html = await page.text();
  const action = /<form method="post" action="([^"]*)">/.exec(html)![1].replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const input of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[input[1]] = input[2].replace(/&amp;/g, '&');
  const res = await fetch(new URL(action, emulator().url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, username, password: PASSWORD }),
  });
  assert.equal(res.status, 302, await res.text());
  return res.headers.get('location')!;
}

async function startSignIn(client: CognitoClient, storage = pendingStore()) {
  const url = await authorizeUrl(client, { domain: emulator().url, redirectUri: REDIRECT, scopes: SCOPES, storage });
  return { url, storage, callback: await signInAt(url) };
}

/** An unsigned JWT with these claims (the client decodes, it does not verify: the answer came over TLS from the token endpoint). */
const jwt = (claims: Record<string, unknown>) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

/** A fetch whose /oauth2/token answers `body` (text), status 200. */
const tokenAnswer =
  (body: string): typeof fetch =>
  async () =>
    new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });

describe('nonce and the ID token', () => {
  test('the authorize URL carries a fresh nonce, and the session is adopted when the ID token echoes it', async () => {
    const client = clientFor();
    const { url, storage, callback } = await startSignIn(client);
    const nonce = new URL(url).searchParams.get('nonce');
    assert.match(nonce ?? '', /^[A-Za-z0-9_-]{43}$/);
    const again = await authorizeUrl(client, { domain: emulator().url, redirectUri: REDIRECT, storage });
    assert.notEqual(new URL(again).searchParams.get('nonce'), nonce, 'one nonce per sign-in');
    const { session } = await handleRedirectCallback(client, { domain: emulator().url, url: callback, storage });
    assert.equal(session.username, USERS.demo);
    client.dispose();
  });

  test('an ID token whose nonce is not the one this sign-in sent is refused, and nothing is stored', async () => {
    const client = clientFor();
    const { storage, callback } = await startSignIn(client);
    const key = [...storage.items.keys()][0];
    storage.setItem(key, JSON.stringify({ ...JSON.parse(storage.getItem(key)!), nonce: 'another-sign-in-s-nonce' }));
    const error = await rejectionOf(handleRedirectCallback(client, { domain: emulator().url, url: callback, storage }));
    assert.ok(error instanceof OAuthError, String(error));
    assert.equal(error.code, 'invalid_id_token');
    assert.match(error.message, /nonce/);
    assert.equal(await client.currentUsername(), undefined);
    client.dispose();
  });

  const issuer = () => `${emulator().url}/${POOL_ID}`;
  /** 6 ID tokens that are not this sign-in's. */
  const WRONG_ID_TOKENS: [string, (nonce: string) => Record<string, unknown>, RegExp][] = [
    ['another issuer', (nonce) => ({ iss: 'https://evil.example/us-east-1_DemoPool1', aud: CLIENT_ID, token_use: 'id', nonce }), /issuer/],
    [
      'another pool of the same region',
      (nonce) => ({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other', aud: CLIENT_ID, token_use: 'id', nonce }),
      /issuer/,
    ],
    ['another app client', (nonce) => ({ iss: issuer(), aud: 'someoneelsesclient00000000', token_use: 'id', nonce }), /another client/],
    ['an access token', (nonce) => ({ iss: issuer(), aud: CLIENT_ID, token_use: 'access', nonce }), /not an ID token/],
    ['no nonce', () => ({ iss: issuer(), aud: CLIENT_ID, token_use: 'id' }), /nonce/],
    ['another nonce', () => ({ iss: issuer(), aud: CLIENT_ID, token_use: 'id', nonce: 'x' }), /nonce/],
  ];
  for (const [what, claims, message] of WRONG_ID_TOKENS) {
    test(`an ID token from ${what} is OAuthError invalid_id_token`, async () => {
      const client = clientFor();
      const { storage, callback } = await startSignIn(client);
      const nonce = JSON.parse([...storage.items.values()][0]).nonce;
      const idToken = jwt({ sub: 'x', exp: 2e9, iat: 1e9, 'cognito:username': 'x', ...claims(nonce) });
      const fetch = tokenAnswer(JSON.stringify({ id_token: idToken, access_token: jwt({ sub: 'x', exp: 2e9, iat: 1e9 }), expires_in: 3600, token_type: 'Bearer' }));
      const error = await rejectionOf(handleRedirectCallback(client, { domain: emulator().url, url: callback, storage, fetch }));
      assert.ok(error instanceof OAuthError, String(error));
      assert.equal(error.code, 'invalid_id_token');
      assert.match(error.message, message);
      assert.equal(await client.currentUsername(), undefined);
      client.dispose();
    });
  }
});

describe('RFC 9207 iss on the way back', () => {
  test('an iss that is not our issuer refuses the answer before its code is used; the same code then still works', async () => {
    const client = clientFor();
    const { storage, callback } = await startSignIn(client);
    const snapshot = new Map(storage.items);
    const forged = new URL(callback);
    forged.searchParams.set('iss', 'https://evil.example/');
    const error = await rejectionOf(handleRedirectCallback(client, { domain: emulator().url, url: forged.href, storage }));
    assert.ok(error instanceof OAuthError, String(error));
    assert.equal(error.code, 'invalid_issuer');
    // Put the pending sign-in back (the refusal used it up): the code was not sent, so it still trades.
    for (const [k, v] of snapshot) storage.setItem(k, v);
    const honest = new URL(callback);
    honest.searchParams.set('iss', `${emulator().url}/${POOL_ID}`);
    const { session } = await handleRedirectCallback(client, { domain: emulator().url, url: honest.href, storage });
    assert.equal(session.username, USERS.demo);
    client.dispose();
  });
});

describe('extraParams', () => {
  for (const name of PROTOCOL_PARAMS) {
    test(`extraParams cannot set ${name} (ConfigurationError, nothing kept)`, async () => {
      const client = clientFor();
      const storage = pendingStore();
      const error = await rejectionOf(authorizeUrl(client, { domain: emulator().url, redirectUri: REDIRECT, storage, extraParams: { [name]: 'attacker' } }));
      assert.ok(error instanceof ConfigurationError, String(error));
      assert.equal(error.option, 'extraParams');
      assert.equal(storage.items.size, 0);
      client.dispose();
    });
  }

  test('other extraParams (login_hint, lang) go through', async () => {
    const client = clientFor();
    const url = new URL(
      await authorizeUrl(client, { domain: emulator().url, redirectUri: REDIRECT, storage: pendingStore(), extraParams: { login_hint: 'demo', lang: 'fr' } }),
    );
    assert.equal(url.searchParams.get('login_hint'), 'demo');
    assert.equal(url.searchParams.get('lang'), 'fr');
    assert.equal(url.searchParams.get('response_type'), 'code');
    client.dispose();
  });
});

describe('pending sign-ins', () => {
  test('starting a sign-in prunes those older than an hour and unreadable ones, and keeps the rest', async () => {
    const client = clientFor();
    const storage = pendingStore();
    const keep = { verifier: 'v', redirectUri: REDIRECT, clientId: CLIENT_ID, nonce: 'n', at: Date.now() - 60_000 };
    storage.setItem('cognito-elements:oauth:recent', JSON.stringify(keep));
    storage.setItem('cognito-elements:oauth:stale', JSON.stringify({ ...keep, at: Date.now() - 2 * 3600_000 }));
    storage.setItem('cognito-elements:oauth:old-version', JSON.stringify({ verifier: 'v', redirectUri: REDIRECT, clientId: CLIENT_ID }));
    storage.setItem('cognito-elements:oauth:broken', '{');
    storage.setItem('unrelated', 'kept');
    await authorizeUrl(client, { domain: emulator().url, redirectUri: REDIRECT, storage });
    const keys = [...storage.items.keys()];
    assert.ok(keys.includes('cognito-elements:oauth:recent'));
    assert.ok(keys.includes('unrelated'));
    for (const gone of ['stale', 'old-version', 'broken']) assert.ok(!keys.includes(`cognito-elements:oauth:${gone}`), gone);
    assert.equal(keys.length, 3, 'recent, unrelated and the new one');
    client.dispose();
  });

  test('a callback for a sign-in older than an hour is invalid_state', async () => {
    const client = clientFor();
    const { storage, callback } = await startSignIn(client);
    const key = [...storage.items.keys()][0];
    storage.setItem(key, JSON.stringify({ ...JSON.parse(storage.getItem(key)!), at: Date.now() - 2 * 3600_000 }));
    const error = await rejectionOf(handleRedirectCallback(client, { domain: emulator().url, url: callback, storage }));
    assert.equal(error.code, 'invalid_state');
    client.dispose();
  });
});

describe('the token answer', () => {
  /** 6 answers that are JSON (or not) but not a token answer object. */
  const BROKEN = ['null', '42', '"tokens"', '[]', '', '{"id_token": "a.b.c"'];
  for (const body of BROKEN) {
    test(`a token answer of ${JSON.stringify(body)} is MalformedResponseError`, async () => {
      const client = clientFor();
      const { storage, callback } = await startSignIn(client);
      const error = await rejectionOf(handleRedirectCallback(client, { domain: emulator().url, url: callback, storage, fetch: tokenAnswer(body) }));
      assert.ok(error instanceof MalformedResponseError, String(error));
      assert.equal(await client.currentUsername(), undefined);
      client.dispose();
    });
  }

  test('a token endpoint that never answers ends in a NetworkError that says it timed out', { timeout: 10_000 }, async () => {
    const client = clientFor();
    const { storage, callback } = await startSignIn(client);
    const never: typeof fetch = (_, init) => new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    const error = await rejectionOf(handleRedirectCallback(client, { domain: emulator().url, url: callback, storage, fetch: never, timeoutMs: 100 }));
    assert.ok(error instanceof NetworkError, String(error));
    assert.match(error.message, /timed out/);
    client.dispose();
  });
});

describe("the emulator's token endpoint authenticates clients that have a secret (Cognito developer guide, token endpoint)", () => {
  async function codeFor(clientId: string): Promise<{ code: string; verifier: string }> {
    const client = new CognitoClient({ userPoolId: POOL_ID, clientId, endpoint: emulator().url, storage: 'memory' });
    const storage = pendingStore();
    const callback = new URL(await signInAt(await authorizeUrl(client, { domain: emulator().url, redirectUri: REDIRECT, scopes: SCOPES, storage })));
    client.dispose();
    return { code: callback.searchParams.get('code')!, verifier: JSON.parse([...storage.items.values()][0]).verifier };
  }
  const exchange = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${emulator().url}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ grant_type: 'authorization_code', redirect_uri: REDIRECT, ...fields }),
    });
  const basic = (id: string, secret: string) => ({ Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });

  /** 4 ways to present a secret client badly. */
  const REFUSED: [string, (code: string, verifier: string) => [Record<string, string>, Record<string, string>?]][] = [
    ['no secret at all', (code, code_verifier) => [{ client_id: SECRET_CLIENT_ID, code, code_verifier }]],
    ['a wrong client_secret in the body', (code, code_verifier) => [{ client_id: SECRET_CLIENT_ID, client_secret: 'wrong', code, code_verifier }]],
    ['a wrong secret in HTTP Basic', (code, code_verifier) => [{ code, code_verifier }, basic(SECRET_CLIENT_ID, 'wrong')]],
    ['Basic for one client, client_id of another', (code, code_verifier) => [{ client_id: CLIENT_ID, code, code_verifier }, basic(SECRET_CLIENT_ID, CLIENT_SECRET)]],
  ];
  for (const [what, request] of REFUSED) {
    test(`${what}: 401 invalid_client, and the code stays usable`, async () => {
      const { code, verifier } = await codeFor(SECRET_CLIENT_ID);
      const [fields, headers] = request(code, verifier);
      const refused = await exchange(fields, headers);
      assert.equal(refused.status, 401);
      assert.deepEqual(await refused.json(), { error: 'invalid_client' });
      const ok = await exchange({ code, code_verifier: verifier }, basic(SECRET_CLIENT_ID, CLIENT_SECRET));
      assert.equal(ok.status, 200);
    });
  }

  test('client_secret in the body is accepted as HTTP Basic is', async () => {
    const { code, verifier } = await codeFor(SECRET_CLIENT_ID);
    const ok = await exchange({ client_id: SECRET_CLIENT_ID, client_secret: CLIENT_SECRET, code, code_verifier: verifier });
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.equal(typeof (await ok.json()).id_token, 'string');
  });
});
