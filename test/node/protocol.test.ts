// The awsJson 1.1 protocol as Cognito speaks it, over raw HTTP: error bodies and headers, CORS for
// browser pages, Cognito's validation messages, and a server that answers anything without falling over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLIENT_ID, PASSWORD, POOL_ID, call, post, withEmulator, type RawResponse } from './support/emulator.ts';

const emulator = withEmulator();
const TARGET = 'AWSCognitoIdentityProviderService';
const EXPOSED = ['x-amzn-requestid', 'x-amzn-errortype', 'x-amzn-errormessage', 'date'];

/** A Cognito error: status, JSON body with __type and message, the same type in x-amzn-ErrorType. */
function assertError(res: RawResponse, type: string, status = 400): void {
  assert.equal(res.status, status, res.text);
  assert.ok(res.body, `the error body is JSON: ${res.text}`);
  assert.equal(res.body.__type, type, res.text);
  assert.equal(typeof res.body.message, 'string');
  // The header may carry a suffix after ':' (as AWS's does); what comes before it is the type.
  const header = res.headers.get('x-amzn-ErrorType') ?? '';
  assert.equal(header.split(':')[0], type, `x-amzn-ErrorType: ${header}`);
  assert.ok((res.headers.get('x-amzn-RequestId') ?? '') !== '', 'x-amzn-RequestId is present');
  assert.match(res.headers.get('content-type') ?? '', /^application\/x-amz-json-1\.1/);
}

test('answers an unknown action with 400 UnknownOperationException', async () => {
  const { url } = emulator();
  assertError(await post(url, '{}', { 'X-Amz-Target': `${TARGET}.NoSuchAction` }), 'UnknownOperationException');
  assertError(await post(url, '{}', { 'X-Amz-Target': 'SomeOtherService.InitiateAuth' }), 'UnknownOperationException');
  assertError(await post(url, '{}'), 'UnknownOperationException');
});

test('answers a body that is not JSON with 400 SerializationException', async () => {
  const { url } = emulator();
  assertError(await post(url, '{"AuthFlow": "USER_PASSWORD_AUTH",', { 'X-Amz-Target': `${TARGET}.InitiateAuth` }), 'SerializationException');
  assertError(await post(url, '[1, 2, 3]', { 'X-Amz-Target': `${TARGET}.InitiateAuth` }), 'SerializationException');
});

test('puts the error type in x-amzn-ErrorType and a request id on every answer', async () => {
  const { url } = emulator();
  const wrong = await call(url, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: CLIENT_ID,
    AuthParameters: { USERNAME: 'demo', PASSWORD: 'Wrong-passw0rd' },
  });
  assertError(wrong, 'NotAuthorizedException');
  assert.equal(wrong.body.message, 'Incorrect username or password.');

  const ok = await call(url, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: CLIENT_ID,
    AuthParameters: { USERNAME: 'demo', PASSWORD },
  });
  assert.equal(ok.status, 200, ok.text);
  assert.ok((ok.headers.get('x-amzn-RequestId') ?? '') !== '');
  assert.notEqual(ok.headers.get('x-amzn-RequestId'), wrong.headers.get('x-amzn-RequestId'), 'each request gets its own id');
  assert.equal(ok.headers.get('x-amzn-ErrorType'), null);
  assert.match(ok.headers.get('content-type') ?? '', /^application\/x-amz-json-1\.1/);
});

test('answers a CORS preflight and exposes the AWS headers to browser code', async () => {
  const { url } = emulator();
  const origin = 'http://localhost:5173';
  const preflight = await fetch(`${url}/`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'x-amz-target,content-type,x-amz-user-agent',
    },
  });
  assert.ok(preflight.status >= 200 && preflight.status < 300, `preflight status ${preflight.status}`);
  assert.ok([origin, '*'].includes(preflight.headers.get('access-control-allow-origin') ?? ''));
  const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
  for (const header of ['x-amz-target', 'content-type', 'x-amz-user-agent']) {
    assert.ok(allowed.includes(header) || allowed.includes('*'), `allows ${header}: ${allowed}`);
  }
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /\bPOST\b/);

  // The real request: readable headers must be listed in Access-Control-Expose-Headers.
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${TARGET}.InitiateAuth` },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'demo', PASSWORD: 'nope' } }),
  });
  await res.arrayBuffer();
  assert.ok([origin, '*'].includes(res.headers.get('access-control-allow-origin') ?? ''));
  const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/);
  for (const header of EXPOSED) assert.ok(exposed.includes(header), `exposes ${header}: ${exposed}`);
});

test("refuses a missing required member with Cognito's validation message", async () => {
  const { url } = emulator();
  const noClient = await call(url, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'demo', PASSWORD } });
  assertError(noClient, 'InvalidParameterException');
  assert.equal(noClient.body.message, "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null");
  const noPool = await call(url, 'DescribeUserPool', {});
  assertError(noPool, 'InvalidParameterException');
  assert.equal(noPool.body.message, "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null");
});

test('answers an unknown app client id with ResourceNotFoundException', async () => {
  const { url } = emulator();
  const res = await call(url, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: 'nosuchclient00000000000001',
    AuthParameters: { USERNAME: 'demo', PASSWORD },
  });
  assertError(res, 'ResourceNotFoundException');
  assert.match(res.body.message, /nosuchclient00000000000001/);
  assertError(await call(url, 'DescribeUserPool', { UserPoolId: 'us-east-1_NoSuchPool' }), 'ResourceNotFoundException');
});

/** A small seeded PRNG (mulberry32): the "random" garbage is the same on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('answers garbage bodies without a 5xx or a malformed error, and keeps serving', async () => {
  const { url } = emulator();
  const random = prng(20240601);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const wrongTypes = [
    { ClientId: {}, AuthFlow: 7, AuthParameters: 'x' },
    { ClientId: CLIENT_ID, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: ['demo'], PASSWORD: { p: 1 } } },
    { ClientId: CLIENT_ID, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'demo', SRP_A: 'not-hex' } },
    { ClientId: CLIENT_ID, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'demo', SRP_A: '0' } },
    { ClientId: CLIENT_ID, ChallengeName: 'PASSWORD_VERIFIER', Session: 'made-up', ChallengeResponses: { USERNAME: 'demo' } },
    { ClientId: CLIENT_ID, ChallengeName: 42, Session: null, ChallengeResponses: [] },
    { ClientId: CLIENT_ID, Username: 12, Password: true, UserAttributes: 'email' },
    { ClientId: CLIENT_ID, Username: 'demo', UserAttributes: [{ Name: 5 }, null] },
    { AccessToken: 'a.b.c' },
    { AccessToken: 123 },
    { UserPoolId: ['x'], Username: { a: 1 } },
    { RefreshToken: {}, ClientId: CLIENT_ID },
    JSON.parse('{"__proto__": {"polluted": true}, "ClientId": "x"}'),
  ];
  const actions = [
    'InitiateAuth',
    'RespondToAuthChallenge',
    'SignUp',
    'ConfirmSignUp',
    'ForgotPassword',
    'ConfirmForgotPassword',
    'GetUser',
    'ChangePassword',
    'UpdateUserAttributes',
    'GlobalSignOut',
    'RevokeToken',
    'GetTokensFromRefreshToken',
    'AssociateSoftwareToken',
    'VerifySoftwareToken',
    'ConfirmDevice',
    'ListDevices',
    'AdminCreateUser',
    'AdminGetUser',
    'ListUsers',
    'CreateUserPool',
    'DescribeUserPool',
  ];
  const bodies: (string | Uint8Array<ArrayBuffer>)[] = [
    '',
    'null',
    '"text"',
    '12',
    'true',
    '{',
    '{"a":',
    '\u0000\u0001',
    '{}'.repeat(1000),
    '['.repeat(5000),
    `{"x":${'['.repeat(5000)}`,
    bytes(64),
    bytes(1024),
    ...wrongTypes.map((w) => JSON.stringify(w)),
  ];
  const failures: string[] = [];
  for (const action of actions) {
    for (const body of bodies) {
      const res = await post(url, body, { 'X-Amz-Target': `${TARGET}.${action}` });
      const label = `${action} <- ${typeof body === 'string' ? body.slice(0, 60) : `${body.length} random bytes`}`;
      // Some wrongly typed bodies are still acceptable input for some actions (unknown members are
      // ignored); what must never happen is a 5xx (a handler that fell over) or a malformed error.
      if (res.status >= 500 || (res.status !== 200 && typeof res.body?.__type !== 'string')) {
        failures.push(`${label}: ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
  }
  assert.deepEqual(failures, [], 'no garbage request made a handler fail');
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');

  // Still serving normal requests.
  const ok = await call(url, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'demo', PASSWORD } });
  assert.equal(ok.status, 200, ok.text);
  assert.ok(ok.body.AuthenticationResult.AccessToken);
  assert.equal((await call(url, 'DescribeUserPool', { UserPoolId: POOL_ID })).status, 200);
});
