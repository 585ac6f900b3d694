// The emulator's hosted UI and OAuth 2.0 endpoints, driven with plain fetch as a browser would
// (forms posted, redirects read with `redirect: 'manual'`): the authorization code flow with PKCE
// and state, Cognito's refusals (error page vs redirect with error), the hosted-UI session and
// /logout, the stand-in external provider, refresh, userInfo, and tokens checked against the JWKS.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  PASSWORD,
  POOL_ID,
  SECRET_CLIENT_ID,
  TEMP_PASSWORD,
  TOTP_SECRET,
  advanceClock,
  callOk,
  jwtClaims,
  passwordSignIn,
  setClockOffset,
  totpNow,
  withEmulator,
} from './support/emulator.ts';

const emulator = withEmulator();
const REDIRECT = 'http://localhost:5173/callback';
const LOGOUT = 'http://localhost:5173/signed-out';

afterEach(async () => {
  await setClockOffset(emulator().url, 0);
});

// ---------------------------------------------------------------------------------------------
// A tiny browser: PKCE, the authorize URL, forms, cookies

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(url: string, params: Record<string, string | undefined> = {}): string {
  const defaults = { response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT, state: 'st-123', scope: 'openid email profile' };
  const merged = Object.entries({ ...defaults, ...params }).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return `${url}/oauth2/authorize?${new URLSearchParams(merged)}`;
}

/** The first form of an HTML page: its action and every named input's value (hidden ones too). */
function parseForm(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/.exec(html);
  assert.ok(form, `no form in: ${html.slice(0, 300)}`);
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input ([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(input[1])?.[1];
    const value = /value="([^"]*)"/.exec(input[1])?.[1];
    if (name) fields[unescape(name)] = unescape(value ?? '');
  }
  return { action: unescape(form[1]), fields };
}

async function get(target: string, cookie?: string): Promise<Response> {
  return fetch(target, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
}

async function postForm(url: string, action: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(new URL(action, url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields),
  });
}

const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0];

/** authorize -> sign-in page -> POST /login: the redirect back to the app (and the hosted-UI cookie). */
async function signInThroughHostedUi(
  url: string,
  params: Record<string, string | undefined> = {},
  username = 'demo',
  password = PASSWORD,
): Promise<{ location: URL; cookie?: string }> {
  const page = await get(authorizeUrl(url, params));
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  const { action, fields } = parseForm(await page.text());
  const res = await postForm(url, action, { ...fields, username, password });
  assert.equal(res.status, 302, await res.clone().text());
  return { location: new URL(res.headers.get('location')!), cookie: cookieOf(res) };
}

async function token(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${url}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

async function codeFlow(url: string, params: Record<string, string | undefined> = {}): Promise<{ tokens: any; verifier: string }> {
  const { verifier, challenge } = pkce();
  const { location } = await signInThroughHostedUi(url, { code_challenge: challenge, code_challenge_method: 'S256', ...params });
  const res = await token(url, {
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    code: location.searchParams.get('code')!,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { tokens: res.body, verifier };
}

// ---------------------------------------------------------------------------------------------

describe('authorization code flow with PKCE', () => {
  test('sign in on the hosted page, get a code and state back, exchange it for verifiable tokens', async () => {
    const { url } = emulator();
    const { verifier, challenge } = pkce();
    const page = await get(authorizeUrl(url, { code_challenge: challenge, code_challenge_method: 'S256', nonce: 'n-42' }));
    const html = await page.text();
    assert.match(html, /<input id="username" name="username"/);
    assert.match(html, /autocomplete="current-password"/);
    assert.match(html, /Continue with EmulatorIdP/);
    const { action, fields } = parseForm(html);
    assert.match(action, /^\/login\?/);
    assert.equal(fields.code_challenge, challenge);
    assert.equal(fields.state, 'st-123');

    const res = await postForm(url, action, { ...fields, username: 'demo', password: PASSWORD });
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location')!);
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
    assert.equal(location.searchParams.get('state'), 'st-123');
    const code = location.searchParams.get('code')!;
    assert.match(code, /^[0-9a-f-]{36}$/);
    assert.match(res.headers.get('set-cookie') ?? '', /HttpOnly; SameSite=Lax/);

    const exchanged = await token(
      url,
      { grant_type: 'authorization_code', client_id: CLIENT_ID, code, redirect_uri: REDIRECT, code_verifier: verifier },
      { Origin: 'http://localhost:5173' },
    );
    assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
    assert.equal(exchanged.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.equal(exchanged.headers.get('cache-control'), 'no-store');
    const t = exchanged.body;
    assert.deepEqual(Object.keys(t).sort(), ['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
    assert.equal(t.token_type, 'Bearer');
    assert.equal(t.expires_in, 3600);

    // The tokens verify against the pool's JWKS, found through the OpenID configuration.
    const config = await (await fetch(`${url}/${POOL_ID}/.well-known/openid-configuration`)).json();
    assert.equal(config.authorization_endpoint, `${url}/oauth2/authorize`);
    assert.equal(config.token_endpoint, `${url}/oauth2/token`);
    assert.equal(config.userinfo_endpoint, `${url}/oauth2/userInfo`);
    assert.equal(config.end_session_endpoint, `${url}/logout`);
    const jwks = createRemoteJWKSet(new URL(config.jwks_uri));
    const { payload: id } = await jwtVerify(t.id_token, jwks, { issuer: config.issuer, audience: CLIENT_ID });
    assert.equal(id.token_use, 'id');
    assert.equal(id.nonce, 'n-42');
    assert.equal(id['cognito:username'], 'demo');
    assert.equal(id.email, 'demo@example.com');
    assert.equal(id.at_hash, createHash('sha256').update(t.access_token).digest().subarray(0, 16).toString('base64url'));
    const { payload: access } = await jwtVerify(t.access_token, jwks, { issuer: config.issuer });
    assert.equal(access.token_use, 'access');
    assert.equal(access.client_id, CLIENT_ID);
    assert.equal(access.scope, 'openid email profile');
    assert.equal(access.username, 'demo');

    // The code is single-use.
    const again = await token(url, { grant_type: 'authorization_code', client_id: CLIENT_ID, code, redirect_uri: REDIRECT, code_verifier: verifier });
    assert.deepEqual(again, { ...again, status: 400, body: { error: 'invalid_grant' } });
  });

  test('PKCE, redirect_uri, client and lifetime bind the code: anything else is invalid_grant', async () => {
    const { url } = emulator();
    const exchange = async (change: (fields: Record<string, string>) => void, advanceMs = 0) => {
      const { verifier, challenge } = pkce();
      const { location } = await signInThroughHostedUi(url, { code_challenge: challenge, code_challenge_method: 'S256' });
      const fields = {
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        code: location.searchParams.get('code')!,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      };
      change(fields);
      if (advanceMs) await advanceClock(url, advanceMs);
      return token(url, fields);
    };
    assert.deepEqual((await exchange((f) => (f.code_verifier = pkce().verifier))).body, { error: 'invalid_grant' });
    assert.deepEqual((await exchange((f) => delete f.code_verifier)).body, { error: 'invalid_grant' });
    assert.deepEqual((await exchange((f) => (f.redirect_uri = 'http://localhost:5173/other'))).body, { error: 'invalid_grant' });
    assert.deepEqual((await exchange((f) => (f.code = 'a1b2c3d4-0000-4000-8000-000000000000'))).body, { error: 'invalid_grant' });
    assert.deepEqual((await exchange(() => {}, 5 * 60_000 + 1000)).body, { error: 'invalid_grant' });
    await setClockOffset(url, 0);
    const wrongClient = await exchange((f) => (f.client_id = SECRET_CLIENT_ID), 0);
    assert.equal(wrongClient.status, 401, 'the confidential client must authenticate');
    assert.deepEqual(wrongClient.body, { error: 'invalid_client' });
    assert.deepEqual((await exchange((f) => (f.grant_type = 'password'))).body, { error: 'unsupported_grant_type' });
    assert.equal((await exchange(() => {})).status, 200);
  });

  test('a code without PKCE works for a client that did not ask for it; a wrong password stays on the page', async () => {
    const { url } = emulator();
    const page = await get(authorizeUrl(url, { state: undefined }));
    const { action, fields } = parseForm(await page.text());
    const wrong = await postForm(url, action, { ...fields, username: 'demo', password: 'Wrong-passw0rd' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.headers.get('location'), null);
    const html = await wrong.text();
    assert.match(html, /role="alert">Incorrect username or password\.</);
    assert.match(html, /name="username"[^>]*value="demo"/);
    const unknown = await postForm(url, action, { ...fields, username: 'nobody-here', password: PASSWORD });
    assert.match(await unknown.text(), /Incorrect username or password\./);

    const ok = await postForm(url, action, { ...fields, username: 'demo@example.com', password: PASSWORD });
    assert.equal(ok.status, 302);
    const location = new URL(ok.headers.get('location')!);
    assert.equal(location.searchParams.has('state'), false);
    const res = await token(url, { grant_type: 'authorization_code', client_id: CLIENT_ID, code: location.searchParams.get('code')!, redirect_uri: REDIRECT });
    assert.equal(res.status, 200);
    assert.equal(jwtClaims(res.body.id_token)['cognito:username'], 'demo');
  });

  test('refresh_token grant: new access and ID tokens with the same scopes; userInfo answers with the claims', async () => {
    const { url } = emulator();
    const { tokens } = await codeFlow(url, { scope: 'openid email' });
    const refreshed = await token(url, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: tokens.refresh_token });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.equal(refreshed.body.refresh_token, undefined, 'no rotation on this client');
    assert.equal(jwtClaims(refreshed.body.access_token).scope, 'openid email');
    assert.equal(jwtClaims(refreshed.body.id_token).nonce, undefined);
    assert.equal(jwtClaims(refreshed.body.id_token).auth_time, jwtClaims(tokens.id_token).auth_time);
    assert.deepEqual((await token(url, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: 'not-a-token' })).body, { error: 'invalid_grant' });

    const info = await fetch(`${url}/oauth2/userInfo`, { headers: { Authorization: `Bearer ${refreshed.body.access_token}` } });
    assert.equal(info.status, 200);
    const claims = await info.json();
    assert.deepEqual(Object.keys(claims).sort(), ['email', 'email_verified', 'sub', 'username']);
    assert.equal(claims.email_verified, 'true', 'Cognito answers attribute strings here');
    assert.equal(claims.username, 'demo');

    const full = (await codeFlow(url)).tokens;
    const all = await (await fetch(`${url}/oauth2/userInfo`, { headers: { Authorization: `Bearer ${full.access_token}` } })).json();
    assert.equal(all.name, 'Demo User');
    assert.equal(all['custom:plan'], 'pro');

    const missing = await fetch(`${url}/oauth2/userInfo`);
    assert.equal(missing.status, 401);
    const api = (await passwordSignIn(url, 'demo')).AccessToken;
    const noOpenId = await fetch(`${url}/oauth2/userInfo`, { headers: { Authorization: `Bearer ${api}` } });
    assert.equal(noOpenId.status, 403);
    assert.equal((await noOpenId.json()).error, 'insufficient_scope');
    await advanceClock(url, 2 * 3600_000);
    const expired = await fetch(`${url}/oauth2/userInfo`, { headers: { Authorization: `Bearer ${full.access_token}` } });
    assert.equal(expired.status, 401);
    assert.deepEqual(await expired.json(), { error: 'invalid_token', error_description: 'Access Token has expired' });
  });

  test('clients created through the API: the implicit grant (tokens in the fragment) and client_credentials', async () => {
    const { url } = emulator();
    const implicit = (
      await callOk(url, 'CreateUserPoolClient', {
        UserPoolId: POOL_ID,
        ClientName: 'implicit-spa',
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['implicit'],
        AllowedOAuthScopes: ['openid', 'email'],
        CallbackURLs: ['https://app.example.com/cb'],
        SupportedIdentityProviders: ['COGNITO'],
      })
    ).UserPoolClient;
    const { location } = await signInThroughHostedUi(url, {
      client_id: implicit.ClientId,
      response_type: 'token',
      redirect_uri: 'https://app.example.com/cb',
      scope: 'openid',
      nonce: 'imp',
    });
    assert.equal(location.search, '');
    const fragment = new URLSearchParams(location.hash.slice(1));
    assert.equal(fragment.get('token_type'), 'Bearer');
    assert.equal(fragment.get('state'), 'st-123');
    assert.equal(fragment.has('refresh_token'), false);
    assert.equal(jwtClaims(fragment.get('id_token')!).nonce, 'imp');
    assert.equal(jwtClaims(fragment.get('access_token')!).scope, 'openid');
    assert.equal(
      (await get(authorizeUrl(url, { client_id: implicit.ClientId, redirect_uri: 'https://app.example.com/cb' }))).status,
      302,
      'code is not allowed for this client',
    );

    const machine = (
      await callOk(url, 'CreateUserPoolClient', {
        UserPoolId: POOL_ID,
        ClientName: 'machine',
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: ['demo-api/read', 'demo-api/write'],
      })
    ).UserPoolClient;
    const basic = { Authorization: `Basic ${Buffer.from(`${machine.ClientId}:${machine.ClientSecret}`).toString('base64')}` };
    const m2m = await token(url, { grant_type: 'client_credentials', scope: 'demo-api/read' }, basic);
    assert.equal(m2m.status, 200, JSON.stringify(m2m.body));
    assert.deepEqual(Object.keys(m2m.body).sort(), ['access_token', 'expires_in', 'token_type']);
    const claims = jwtClaims(m2m.body.access_token);
    assert.equal(claims.sub, machine.ClientId);
    assert.equal(claims.scope, 'demo-api/read');
    assert.deepEqual((await token(url, { grant_type: 'client_credentials', scope: 'demo-api/admin' }, basic)).body, { error: 'invalid_scope' });
    assert.deepEqual((await token(url, { grant_type: 'client_credentials', client_id: CLIENT_ID })).body, { error: 'unauthorized_client' });
  });

  test('a confidential client authenticates with HTTP Basic', async () => {
    const { url } = emulator();
    const { verifier, challenge } = pkce();
    const { location } = await signInThroughHostedUi(url, { client_id: SECRET_CLIENT_ID, code_challenge: challenge, code_challenge_method: 'S256' });
    const fields = { grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: verifier };
    const wrong = await token(url, fields, { Authorization: `Basic ${Buffer.from(`${SECRET_CLIENT_ID}:wrong`).toString('base64')}` });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, { error: 'invalid_client' });
    // Client authentication comes before the code is looked at, so the refused attempt leaves it usable.
    const ok = await token(url, fields, { Authorization: `Basic ${Buffer.from(`${SECRET_CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}` });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(jwtClaims(ok.body.id_token).aud, SECRET_CLIENT_ID);
  });
});

describe('refusals', () => {
  test('an unknown client or a redirect_uri that is not registered gets an error page, never a redirect', async () => {
    const { url } = emulator();
    for (const params of [
      { client_id: 'unknownclient000000000000' },
      { redirect_uri: 'https://evil.example/callback' },
      { redirect_uri: undefined },
      { redirect_uri: 'http://localhost:5173/cb#fragment' },
    ]) {
      const res = await get(authorizeUrl(url, params));
      assert.equal(res.status, 400, JSON.stringify(params));
      assert.equal(res.headers.get('location'), null);
      assert.match(await res.text(), /An error was encountered with the requested page\./);
    }
    // The seed's wildcard: any port and path on localhost and 127.0.0.1.
    for (const redirect_uri of ['http://localhost:3000/', 'http://127.0.0.1:9999/deep/path?x=1']) {
      assert.equal((await get(authorizeUrl(url, { redirect_uri }))).status, 200, redirect_uri);
    }
    assert.equal((await get(authorizeUrl(url, { redirect_uri: 'https://localhost:3000/' }))).status, 400, 'the scheme must match');
  });

  test('other errors go back to the redirect_uri with error, error_description and state', async () => {
    const { url } = emulator();
    const refusal = async (params: Record<string, string | undefined>) => {
      const res = await get(authorizeUrl(url, params));
      assert.equal(res.status, 302, JSON.stringify(params));
      const location = new URL(res.headers.get('location')!);
      assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
      assert.equal(location.searchParams.get('state'), 'st-123');
      assert.ok(location.searchParams.get('error_description'));
      return location.searchParams.get('error');
    };
    assert.equal(await refusal({ response_type: 'id_token' }), 'unsupported_response_type');
    assert.equal(await refusal({ response_type: 'token' }), 'unauthorized_client');
    assert.equal(await refusal({ scope: 'openid phone' }), 'invalid_scope');
    assert.equal(await refusal({ identity_provider: 'Unknown' }), 'invalid_request');
    assert.equal(await refusal({ code_challenge: pkce().challenge, code_challenge_method: 'plain' }), 'invalid_request');
    assert.equal(await refusal({ code_challenge: 'short', code_challenge_method: 'S256' }), 'invalid_request');
    assert.equal(await refusal({ prompt: 'none' }), 'login_required');
  });
});

describe('hosted-UI session and logout', () => {
  test('a second authorize skips the password until /logout; logout needs an allowed logout_uri', async () => {
    const { url } = emulator();
    const { cookie } = await signInThroughHostedUi(url);
    assert.ok(cookie);
    const again = await get(authorizeUrl(url, { state: 'second' }), cookie);
    assert.equal(again.status, 302);
    const location = new URL(again.headers.get('location')!);
    assert.ok(location.searchParams.get('code'));
    assert.equal(location.searchParams.get('state'), 'second');
    // prompt=login asks again anyway.
    assert.equal((await get(authorizeUrl(url, { prompt: 'login' }), cookie)).status, 200);

    const badLogout = await get(`${url}/logout?${new URLSearchParams({ client_id: CLIENT_ID, logout_uri: 'https://evil.example/' })}`, cookie);
    assert.equal(badLogout.status, 400);
    assert.equal(badLogout.headers.get('location'), null);

    const logout = await get(`${url}/logout?${new URLSearchParams({ client_id: CLIENT_ID, logout_uri: LOGOUT })}`, cookie);
    assert.equal(logout.status, 302);
    assert.equal(logout.headers.get('location'), LOGOUT);
    assert.match(logout.headers.get('set-cookie') ?? '', /Max-Age=0/);
    const after = await get(authorizeUrl(url), cookie);
    assert.equal(after.status, 200, 'the old cookie no longer signs in');
    assert.match(await after.text(), /name="password"/);

    // Logout with redirect_uri and response_type: sign out, then back to sign-in.
    const { cookie: second } = await signInThroughHostedUi(url);
    const relogin = await get(`${url}/logout?${new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: REDIRECT, response_type: 'code', state: 'sw' })}`, second);
    assert.equal(relogin.status, 302);
    assert.match(relogin.headers.get('location')!, /^\/oauth2\/authorize\?/);
    assert.equal((await get(`${url}${relogin.headers.get('location')}`, second)).status, 200);
  });
});

describe('the stand-in external provider (EmulatorIdP)', () => {
  test('continue as a name and email: a federated user like Cognito makes, the same one next time', async () => {
    const { url } = emulator();
    const { verifier, challenge } = pkce();
    const page = await get(authorizeUrl(url, { identity_provider: 'EmulatorIdP', code_challenge: challenge, code_challenge_method: 'S256', state: 'fed-1' }));
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Continue as Emulator User/);
    const { action, fields } = parseForm(html);
    assert.equal(action, '/oauth2/idpresponse');
    const res = await postForm(url, action, { ...fields, name: 'Fed Person', email: 'Fed.Person@Example.com', continue: '1' });
    assert.equal(res.status, 302, await res.clone().text());
    const location = new URL(res.headers.get('location')!);
    assert.equal(location.searchParams.get('state'), 'fed-1');
    const t = await token(url, {
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code: location.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    assert.equal(t.status, 200);
    const id = jwtClaims(t.body.id_token);
    assert.match(id['cognito:username'], /^EmulatorIdP_\d+$/);
    assert.equal(id.email, 'fed.person@example.com');
    assert.equal(id.email_verified, false);
    assert.equal(id.name, 'Fed Person');
    assert.deepEqual(id['cognito:groups'], [`${POOL_ID}_EmulatorIdP`]);
    assert.equal(id.identities[0].providerName, 'EmulatorIdP');
    assert.equal(id.identities[0].providerType, 'OIDC');

    const user = await callOk(url, 'AdminGetUser', { UserPoolId: POOL_ID, Username: id['cognito:username'] });
    assert.equal(user.UserStatus, 'EXTERNAL_PROVIDER');
    assert.ok(user.UserAttributes.some((a: { Name: string }) => a.Name === 'identities'));

    // Again (a new browser): the same user, attributes refreshed from the provider.
    const second = await get(authorizeUrl(url, { identity_provider: 'EmulatorIdP' }));
    const form = parseForm(await second.text());
    const back = await postForm(url, form.action, { ...form.fields, name: 'Fed P.', email: 'fed.person@example.com' });
    const code = new URL(back.headers.get('location')!).searchParams.get('code')!;
    const t2 = await token(url, { grant_type: 'authorization_code', client_id: CLIENT_ID, code, redirect_uri: REDIRECT });
    assert.equal(jwtClaims(t2.body.id_token)['cognito:username'], id['cognito:username']);
    assert.equal(jwtClaims(t2.body.id_token).name, 'Fed P.');
  });

  test('provider errors come back as OAuth errors: login_hint=error:access_denied, or Cancel', async () => {
    const { url } = emulator();
    const res = await get(authorizeUrl(url, { identity_provider: 'EmulatorIdP', login_hint: 'error:access_denied' }));
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location')!);
    assert.equal(location.searchParams.get('error'), 'access_denied');
    assert.ok(location.searchParams.get('error_description'));
    assert.equal(location.searchParams.get('state'), 'st-123');
    assert.equal(location.searchParams.has('code'), false);

    const page = await get(authorizeUrl(url, { identity_provider: 'EmulatorIdP' }));
    const { action, fields } = parseForm(await page.text());
    const cancelled = await postForm(url, action, { ...fields, cancel: '1' });
    assert.equal(new URL(cancelled.headers.get('location')!).searchParams.get('error'), 'access_denied');
    const invalid = await postForm(url, action, { ...fields, email: 'not-an-email' });
    assert.equal(invalid.status, 400);
  });
});

describe('accounts that need more than a password', () => {
  test('TOTP MFA: the code page, a wrong code shown again, then the redirect', async () => {
    const { url } = emulator();
    const page = await get(authorizeUrl(url));
    const { action, fields } = parseForm(await page.text());
    const challenge = await postForm(url, action, { ...fields, username: 'totp', password: PASSWORD });
    assert.equal(challenge.status, 200);
    const step = parseForm(await challenge.text());
    assert.equal(step.fields.challenge, 'SOFTWARE_TOKEN_MFA');
    const wrong = await postForm(url, step.action, { ...step.fields, code: '000000' === totpNow(TOTP_SECRET) ? '111111' : '000000' });
    assert.equal(wrong.status, 400);
    const retry = parseForm(await wrong.text());
    assert.equal(retry.fields.session, step.fields.session, 'same conversation after a wrong code');
    const done = await postForm(url, retry.action, { ...retry.fields, code: totpNow(TOTP_SECRET) });
    assert.equal(done.status, 302, await done.clone().text());
    const code = new URL(done.headers.get('location')!).searchParams.get('code')!;
    const t = await token(url, { grant_type: 'authorization_code', client_id: CLIENT_ID, code, redirect_uri: REDIRECT });
    assert.equal(jwtClaims(t.body.id_token)['cognito:username'], 'totp');
  });

  test('email MFA sends a code to the outbox; a temporary password must be changed first', async () => {
    const { url } = emulator();
    const page = parseForm(await (await get(authorizeUrl(url))).text());
    const challenge = parseForm(await (await postForm(url, page.action, { ...page.fields, username: 'email', password: PASSWORD })).text());
    assert.equal(challenge.fields.challenge, 'EMAIL_OTP');
    const messages = await (await fetch(`${url}/__emulator/outbox?username=email&purpose=email_mfa`)).json();
    const done = await postForm(url, challenge.action, { ...challenge.fields, code: messages.at(-1).code });
    assert.equal(done.status, 302);

    const first = parseForm(await (await postForm(url, page.action, { ...page.fields, username: 'newpassword', password: TEMP_PASSWORD })).text());
    assert.equal(first.fields.challenge, 'NEW_PASSWORD_REQUIRED');
    const weak = await postForm(url, first.action, { ...first.fields, new_password: 'short' });
    assert.match(await weak.text(), /Password did not conform with policy/);
    const changed = await postForm(url, first.action, { ...first.fields, new_password: 'Brand-new-passw0rd' });
    assert.equal(changed.status, 302, await changed.clone().text());
    await passwordSignIn(url, 'newpassword', 'Brand-new-passw0rd');
  });

  test('hosted-UI ID tokens open identity-pool credentials like any other', async () => {
    const { url } = emulator();
    const { tokens } = await codeFlow(url);
    const res = await fetch(`${url}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityService.GetId' },
      body: JSON.stringify({
        IdentityPoolId: 'us-east-1:0c0c0c0c-0000-4000-8000-000000000001',
        Logins: { [`cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`]: tokens.id_token },
      }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.match((await res.json()).IdentityId, /^us-east-1:/);
  });
});
