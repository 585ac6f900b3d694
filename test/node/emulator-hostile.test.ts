// The emulator must not be drivable by any web page (issue 12). Each hostile request below is one a
// page on another site can make through the developer's browser (or by DNS rebinding), sent here as
// the browser would send it, over raw HTTP so that Host, Origin and Sec-Fetch-* are exactly as
// written; each must be refused and change nothing. The allowed cases after them must keep working:
// pages on loopback origins at other ports (the demo, the browser tests), --allow-origin, the AWS SDK
// and aws-jwt-verify (no Origin). Browser rules relied on (Fetch standard, "CORS-safelisted request
// header" and "simple" requests; Fetch Metadata Request Headers): a cross-site page can send GET,
// HEAD and POST with text/plain, urlencoded or multipart bodies without a preflight, and with an
// Origin header on every POST; anything else waits for a preflight the server must refuse.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { AdminGetUserCommand, CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createVerifier } from '../../examples/jwt-backend/server.mjs';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { CLIENT_ID, PASSWORD, POOL_ID, getClock, listFaults, outbox, passwordSignIn, withEmulator } from './support/emulator.ts';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: any;
}

interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One HTTP request with exactly these headers (Host included), as a browser or an attacker sends it. */
function raw(url: string, { method = 'GET', path = '/', headers = {}, body }: RawRequest): Promise<Raw> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, method, path, headers: { host: target.host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const AWS_JSON = 'application/x-amz-json-1.1';
const target = (action: string) => `AWSCognitoIdentityProviderService.${action}`;
const EVIL = 'https://evil.example';

/** An awsJson call as a page's fetch sends it: Origin, Sec-Fetch-*, the SDK's headers. */
function apiCall(action: string, input: unknown, headers: Record<string, string> = {}): RawRequest {
  return { method: 'POST', path: '/', headers: { 'content-type': AWS_JSON, 'x-amz-target': target(action), ...headers }, body: JSON.stringify(input) };
}

const setPassword = (username: string, password: string) => ({ UserPoolId: POOL_ID, Username: username, Password: password, Permanent: true });
const signIn = (username: string, password = PASSWORD) => ({
  AuthFlow: 'USER_PASSWORD_AUTH',
  ClientId: CLIENT_ID,
  AuthParameters: { USERNAME: username, PASSWORD: password },
});
const browser = (origin: string, site = 'cross-site') => ({ origin, 'sec-fetch-site': site, 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' });

describe('hostile requests are refused and change nothing', () => {
  const emulator = withEmulator();

  /** Nothing the hostile requests aim at has moved: no faults, clock at zero, the seed's passwords. */
  async function assertUntouched(): Promise<void> {
    const { url } = emulator();
    assert.deepEqual(await listFaults(url), [], 'no fault was added');
    assert.equal((await getClock(url)).offsetMs, 0, 'the clock did not move');
    await passwordSignIn(url, 'demo'); // the password was not changed
  }

  /** A refusal: 403 AccessDeniedException (or the protocol's own refusal), and no CORS grant to read it. */
  function assertRefused(res: Raw, status = 403): void {
    assert.equal(res.status, status, res.text);
    assert.equal(res.headers['access-control-allow-origin'], undefined, 'no CORS grant for a refusal to a foreign page');
    assert.equal(res.headers['access-control-allow-methods'], undefined);
    if (status === 403) assert.equal(res.body?.__type, 'AccessDeniedException', res.text);
  }

  const hostile: [string, () => RawRequest, number?][] = [
    // Foreign origins (a page on another site calling with fetch or a form)
    ['a foreign page reads the outbox (fetch, cors mode)', () => ({ path: '/__emulator/outbox', headers: browser(EVIL) })],
    ['a foreign page runs AdminSetUserPassword', () => apiCall('AdminSetUserPassword', setPassword('demo', 'Hijacked-passw0rd'), browser(EVIL))],
    ['a foreign page signs in with InitiateAuth (a public action)', () => apiCall('InitiateAuth', signIn('demo'), browser(EVIL))],
    [
      'a foreign page adds a fault',
      () => ({
        method: 'POST',
        path: '/__emulator/faults',
        headers: { ...browser(EVIL), 'content-type': 'application/json' },
        body: '{"status":500,"errorType":"InternalErrorException"}',
      }),
    ],
    [
      'a foreign page moves the clock',
      () => ({ method: 'POST', path: '/__emulator/clock', headers: { ...browser(EVIL), 'content-type': 'application/json' }, body: '{"advanceMs":86400000}' }),
    ],
    [
      'a foreign page resets the emulator',
      () => ({ method: 'POST', path: '/__emulator/reset', headers: { ...browser(EVIL), 'content-type': 'application/json' }, body: '{}' }),
    ],
    ['a foreign page clears the outbox (DELETE)', () => ({ method: 'DELETE', path: '/__emulator/outbox', headers: browser(EVIL) })],
    [
      "a foreign form posts text/plain JSON to /__emulator/faults (the issue's attack)",
      () => ({
        method: 'POST',
        path: '/__emulator/faults',
        headers: { ...browser(EVIL), 'sec-fetch-mode': 'navigate', 'content-type': 'text/plain' },
        body: '{"status":500,"errorType":"InternalErrorException","x":"="}',
      }),
    ],
    ["a foreign page reads a pool's JWKS with fetch", () => ({ path: `/${POOL_ID}/.well-known/jwks.json`, headers: browser(EVIL) })],
    [
      'a foreign page posts to the token endpoint',
      () => ({
        method: 'POST',
        path: '/oauth2/token',
        headers: { ...browser(EVIL), 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=refresh_token&client_id=${CLIENT_ID}&refresh_token=x`,
      }),
    ],
    [
      'Origin: null (a sandboxed iframe, a file:// page) runs AdminSetUserPassword',
      () => apiCall('AdminSetUserPassword', setPassword('demo', 'Hijacked-passw0rd'), browser('null')),
    ],
    [
      'an origin that only starts like localhost',
      () => apiCall('AdminSetUserPassword', setPassword('demo', 'Hijacked-passw0rd'), browser('http://localhost.evil.example:5173')),
    ],
    ['an origin that only starts like 127.0.0.1', () => ({ path: '/__emulator/outbox', headers: browser('http://127.0.0.1.evil.example') })],
    ['a loopback-looking origin on another scheme', () => ({ path: '/__emulator/outbox', headers: browser('chrome-extension://127.0.0.1') })],
    // Preflights (what a foreign page's fetch asks before any non-simple request)
    [
      'a foreign preflight for AdminCreateUser',
      () => ({
        method: 'OPTIONS',
        path: '/',
        headers: { ...browser(EVIL), 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
      }),
    ],
    [
      'a foreign preflight for POST /__emulator/faults',
      () => ({
        method: 'OPTIONS',
        path: '/__emulator/faults',
        headers: { ...browser(EVIL), 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      }),
    ],
    [
      'a foreign preflight for DELETE /__emulator/outbox',
      () => ({ method: 'OPTIONS', path: '/__emulator/outbox', headers: { ...browser(EVIL), 'access-control-request-method': 'DELETE' } }),
    ],
    [
      'a foreign preflight asking for private-network access',
      () => ({
        method: 'OPTIONS',
        path: '/',
        headers: {
          ...browser(EVIL),
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-amz-target',
          'access-control-request-private-network': 'true',
        },
      }),
    ],
    // DNS rebinding: the page's own name resolves to 127.0.0.1, so the browser thinks it is same-origin
    [
      'a rebinding Host reads the outbox (same-origin to the browser, no Origin)',
      () => ({ path: '/__emulator/outbox', headers: { host: `rebind.evil.example:${new URL(emulator().url).port}`, 'sec-fetch-site': 'same-origin' } }),
    ],
    [
      'a rebinding Host runs AdminSetUserPassword with its own Origin',
      () => {
        const rebound = `rebind.evil.example:${new URL(emulator().url).port}`;
        return apiCall('AdminSetUserPassword', setPassword('demo', 'Hijacked-passw0rd'), { host: rebound, ...browser(`http://${rebound}`, 'same-origin') });
      },
    ],
    [
      'a rebinding Host moves the clock',
      () => ({
        method: 'POST',
        path: '/__emulator/clock',
        headers: { host: 'rebind.evil.example', 'content-type': 'application/json' },
        body: '{"advanceMs":86400000}',
      }),
    ],
    ['a rebinding Host reads the JWKS', () => ({ path: `/${POOL_ID}/.well-known/jwks.json`, headers: { host: 'rebind.evil.example' } })],
    ['a rebinding Host with a trailing-dot loopback-looking name', () => ({ path: '/__emulator/outbox', headers: { host: '127.0.0.1.nip.evil.example.' } })],
    ['a Host with user info that ends in 127.0.0.1', () => ({ path: '/__emulator/outbox', headers: { host: 'evil.example@127.0.0.1' } })],
    // Simple requests without a preflight: the media type alone must keep them out (no Origin here,
    // as a tool would send them, so it is the content-type check that refuses)
    [
      'text/plain JSON to /__emulator/faults',
      () => ({
        method: 'POST',
        path: '/__emulator/faults',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: '{"status":500,"errorType":"InternalErrorException"}',
      }),
      415,
    ],
    [
      'text/plain JSON to /__emulator/clock',
      () => ({ method: 'POST', path: '/__emulator/clock', headers: { 'content-type': 'text/plain' }, body: '{"advanceMs":86400000}' }),
      415,
    ],
    [
      'an urlencoded form post to /__emulator/reset',
      () => ({ method: 'POST', path: '/__emulator/reset', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' }),
      415,
    ],
    [
      'a multipart form post to /__emulator/clock',
      () => ({
        method: 'POST',
        path: '/__emulator/clock',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        body: '--x\r\nContent-Disposition: form-data; name="advanceMs"\r\n\r\n1\r\n--x--\r\n',
      }),
      415,
    ],
    ['a control POST with no Content-Type at all', () => ({ method: 'POST', path: '/__emulator/clock', body: '{"advanceMs":86400000}' }), 415],
    [
      'text/plain JSON to the API (AdminSetUserPassword)',
      () => ({
        ...apiCall('AdminSetUserPassword', setPassword('demo', 'Hijacked-passw0rd')),
        headers: { 'content-type': 'text/plain', 'x-amz-target': target('AdminSetUserPassword') },
      }),
      400,
    ],
    [
      'application/json to the API (not the awsJson protocol)',
      () => ({
        ...apiCall('AdminSetUserPassword', setPassword('demo', 'Hijacked-passw0rd')),
        headers: { 'content-type': 'application/json', 'x-amz-target': target('AdminSetUserPassword') },
      }),
      400,
    ],
    // A cross-site no-cors request carries no Origin: Fetch Metadata still tells
    [
      'a cross-site <script src> of the outbox (no Origin, Sec-Fetch-Site: cross-site)',
      () => ({ path: '/__emulator/outbox', headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' } }),
    ],
    [
      'a cross-site no-cors GET of the fault list',
      () => ({ path: '/__emulator/faults', headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' } }),
    ],
  ];

  for (const [name, make, status] of hostile) {
    test(`refused: ${name}`, async () => {
      const res = await raw(emulator().url, make());
      if (status === 400) {
        assert.equal(res.status, 400, res.text);
        assert.equal(res.body?.__type, 'UnknownOperationException', res.text);
      } else assertRefused(res, status);
      await assertUntouched();
    });
  }

  test(`the list above holds ${hostile.length} hostile requests`, () => {
    // docs/emulator.md ("Who may call it") and docs/reliability.md quote this count; keep them in step.
    assert.equal(hostile.length, 33);
  });

  test('a refused reset leaves a user created since the seed in place', async () => {
    const { url } = emulator();
    await raw(
      url,
      apiCall('SignUp', { ClientId: CLIENT_ID, Username: 'kept-user', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'kept@example.com' }] }),
    );
    for (const headers of [{ ...browser(EVIL), 'content-type': 'application/json' }, { 'content-type': 'text/plain' }]) {
      await raw(url, { method: 'POST', path: '/__emulator/reset', headers, body: '{}' });
    }
    assert.equal((await outbox(url, { username: 'kept-user' })).length, 1, 'the sign-up code is still in the outbox');
  });

  // ------------------------------------------------------------------------------------------
  // What must keep working on the same emulator

  const LOOPBACK_ORIGINS = [
    'http://localhost:5173',
    'http://app.localhost:5173',
    'http://127.0.0.1:8000',
    'http://[::1]:3000',
    'https://localhost:8443',
    'http://127.0.0.2:1234',
    'http://localhost',
  ];

  for (const origin of LOOPBACK_ORIGINS) {
    test(`allowed: a page on ${origin} signs in, runs admin actions and reads the outbox, with CORS`, async () => {
      const { url } = emulator();
      const signedIn = await raw(url, apiCall('InitiateAuth', signIn('demo'), browser(origin)));
      assert.equal(signedIn.status, 200, signedIn.text);
      assert.equal(signedIn.headers['access-control-allow-origin'], origin);
      const admin = await raw(url, apiCall('AdminGetUser', { UserPoolId: POOL_ID, Username: 'demo' }, browser(origin)));
      assert.equal(admin.status, 200, admin.text);
      const messages = await raw(url, { path: '/__emulator/outbox', headers: browser(origin) });
      assert.equal(messages.status, 200, messages.text);
      assert.equal(messages.headers['access-control-allow-origin'], origin);
    });
  }

  test("allowed: a loopback page's preflight for an admin action is granted with its headers", async () => {
    const res = await raw(emulator().url, {
      method: 'OPTIONS',
      path: '/',
      headers: {
        ...browser('http://localhost:5173'),
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers['access-control-allow-origin'], 'http://localhost:5173');
    assert.match(String(res.headers['access-control-allow-headers']), /x-amz-target/);
    assert.match(String(res.headers['access-control-allow-methods']), /POST/);
  });

  test('allowed: a loopback page moves the clock and adds a fault with application/json', async () => {
    const { url } = emulator();
    const headers = { ...browser('http://127.0.0.1:5173', 'same-site'), 'content-type': 'application/json' };
    assert.equal((await raw(url, { method: 'POST', path: '/__emulator/clock', headers, body: '{"advanceMs":1000}' })).status, 200);
    assert.equal((await raw(url, { method: 'POST', path: '/__emulator/faults', headers, body: '{"action":"GetUser"}' })).status, 200);
    assert.equal((await raw(url, { method: 'DELETE', path: '/__emulator/faults', headers: browser('http://127.0.0.1:5173', 'same-site') })).status, 200);
    assert.equal((await raw(url, { method: 'POST', path: '/__emulator/clock', headers, body: '{"offsetMs":0}' })).status, 200);
  });

  test('allowed: the user opens the outbox in a tab (a cross-site navigation has no Origin)', async () => {
    const res = await raw(emulator().url, {
      path: '/__emulator/outbox',
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
    });
    assert.equal(res.status, 200, res.text);
  });

  test("allowed: the emulator's own pages (same origin) and Host names localhost, 127.0.0.1 and [::1]", async () => {
    const { url } = emulator();
    const port = new URL(url).port;
    const own = await raw(url, apiCall('InitiateAuth', signIn('demo'), browser(url, 'same-origin')));
    assert.equal(own.status, 200, own.text);
    for (const name of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost', 'LOCALHOST.']) {
      const res = await raw(url, { path: `/${POOL_ID}/.well-known/jwks.json`, headers: { host: name } });
      assert.equal(res.status, 200, `${name}: ${res.text}`);
    }
  });

  test('allowed: the AWS SDK v3 (no Origin) runs a public and an admin action', async () => {
    const { url } = emulator();
    const sdk = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' } });
    const auth = await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'demo', PASSWORD } }));
    assert.ok(auth.AuthenticationResult?.IdToken);
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'demo' }));
    assert.equal(user.Username, 'demo');
    sdk.destroy();

    // aws-jwt-verify (as the example backend sets it up) fetches the JWKS with a plain GET.
    const verifier = createVerifier({ clientId: CLIENT_ID, issuer: `${url}/${POOL_ID}` });
    const claims = await verifier.verify(auth.AuthenticationResult.IdToken);
    assert.equal(claims['cognito:username'], 'demo');
  });

  test("S3 stand-in answers are sandboxed documents (an uploaded page cannot script the emulator's origin)", async () => {
    const res = await raw(emulator().url, { path: '/__emulator/s3/my-bucket/page.html' });
    assert.equal(res.headers['content-security-policy'], 'sandbox');
  });

  test('a refused request is logged with its reason (so a developer can see why a page fails)', async (t) => {
    // withEmulator starts a quiet emulator: this one prints, and the log line names the origin.
    const loud = await startEmulator({ port: 0 });
    const log = t.mock.method(console, 'log', () => {});
    try {
      await raw(loud.url, { path: '/__emulator/outbox', headers: browser(EVIL) });
      const lines = log.mock.calls.map((call) => String(call.arguments[0]));
      assert.ok(
        lines.some((line) => line.includes('refused GET /__emulator/outbox') && line.includes(EVIL)),
        lines.join('\n'),
      );
    } finally {
      log.mock.restore();
      await loud.close();
    }
  });
});

describe('--allow-origin, the control token and --allow-host', () => {
  const STAGING = 'https://staging.example.test';
  let running: RunningEmulator;
  before(async () => {
    running = await startEmulator({ port: 0, quiet: true, allowOrigins: [STAGING, 'http://10.1.2.3:8080/'], allowHosts: ['cognito'] });
  });
  after(() => running.close());

  test('an allowed origin signs in with CORS, and its preflight is granted (private network too)', async () => {
    const signedIn = await raw(running.url, apiCall('InitiateAuth', signIn('demo'), browser(STAGING)));
    assert.equal(signedIn.status, 200, signedIn.text);
    assert.equal(signedIn.headers['access-control-allow-origin'], STAGING);
    const preflight = await raw(running.url, {
      method: 'OPTIONS',
      path: '/',
      headers: {
        ...browser(STAGING),
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target,x-emulator-token',
        'access-control-request-private-network': 'true',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], STAGING);
    assert.match(String(preflight.headers['access-control-allow-headers']), /x-emulator-token/);
    assert.equal(preflight.headers['access-control-allow-private-network'], 'true');
    // A preflight for a control cannot carry the token itself: it is granted, the request is checked.
    const controlPreflight = await raw(running.url, {
      method: 'OPTIONS',
      path: '/__emulator/outbox',
      headers: { ...browser(STAGING), 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-emulator-token' },
    });
    assert.equal(controlPreflight.status, 204, controlPreflight.text);
    assert.equal(controlPreflight.headers['access-control-allow-origin'], STAGING);
    // An --allow-origin given with a trailing slash is the same origin.
    assert.equal((await raw(running.url, apiCall('InitiateAuth', signIn('demo'), browser('http://10.1.2.3:8080')))).status, 200);
  });

  test('an allowed non-loopback origin needs the printed token for admin actions and test controls', async () => {
    const admin = apiCall('AdminGetUser', { UserPoolId: POOL_ID, Username: 'demo' }, browser(STAGING));
    const refused = await raw(running.url, admin);
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.__type, 'AccessDeniedException');
    assert.match(refused.body.message, /x-emulator-token/);
    // The page may read why (it is an allowed origin).
    assert.equal(refused.headers['access-control-allow-origin'], STAGING);
    const wrong = await raw(running.url, { ...admin, headers: { ...admin.headers, 'x-emulator-token': 'x'.repeat(running.controlToken.length) } });
    assert.equal(wrong.status, 403);
    assert.equal((await raw(running.url, { path: '/__emulator/outbox', headers: browser(STAGING) })).status, 403);

    const withToken = await raw(running.url, { ...admin, headers: { ...admin.headers, 'x-emulator-token': running.controlToken } });
    assert.equal(withToken.status, 200, withToken.text);
    const messages = await raw(running.url, { path: '/__emulator/outbox', headers: { ...browser(STAGING), 'x-emulator-token': running.controlToken } });
    assert.equal(messages.status, 200, messages.text);
  });

  test('other origins are still refused, and no token opens the emulator to them', async () => {
    const res = await raw(
      running.url,
      apiCall('InitiateAuth', signIn('demo'), { ...browser('https://other.example.test'), 'x-emulator-token': running.controlToken }),
    );
    assert.equal(res.status, 403, res.text);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  });

  test("--allow-host and the allowed origins' hosts are accepted Host names; others are not", async () => {
    const port = new URL(running.url).port;
    for (const name of [`cognito:${port}`, 'staging.example.test', `10.1.2.3:${port}`]) {
      const res = await raw(running.url, { path: `/${POOL_ID}/.well-known/jwks.json`, headers: { host: name } });
      assert.equal(res.status, 200, `${name}: ${res.text}`);
    }
    assert.equal((await raw(running.url, { path: `/${POOL_ID}/.well-known/jwks.json`, headers: { host: `cognito2:${port}` } })).status, 403);
  });

  test('a wildcard or a path in allowOrigins stops the start with a clear message', async () => {
    for (const origin of ['*', 'https://app.example.test/callback', 'app.example.test', 'null']) {
      await assert.rejects(startEmulator({ port: 0, quiet: true, allowOrigins: [origin] }), /--allow-origin .*give an origin such as/);
    }
  });
});
