// The emulator's side of "after sign-in": identity pools (GetId, GetCredentialsForIdentity) with
// Cognito Identity's errors, the SigV4-protected echo under /__emulator/aws/, and the S3 stand-in
// (presigned GET/PUT, header-signed requests, the browser POST policy). Requests are signed by
// real, independent signers (aws4fetch, and the AWS SDK's own @smithy/signature-v4) and then
// tampered with by hand; the emulator verifies with its own node:crypto implementation.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AwsClient } from 'aws4fetch';
import { SignatureV4 } from '@smithy/signature-v4';
import { DEFAULT_SEED, startEmulator } from '../../emulator/index.ts';
import type { Seed } from '../../emulator/seed.ts';
import {
  EMAIL_POOL_CLIENT_ID,
  EMAIL_POOL_USER,
  PASSWORD,
  POOL_ID,
  SECRET_CLIENT_ID,
  CLIENT_SECRET,
  advanceClock,
  callOk,
  jwtClaims,
  passwordSignIn,
  setClockOffset,
  withEmulator,
} from './support/emulator.ts';

const emulator = withEmulator();
const IDENTITY_POOL_ID = 'us-east-1:0c0c0c0c-0000-4000-8000-000000000001';
const PROVIDER = `cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`;

afterEach(async () => {
  await setClockOffset(emulator().url, 0);
});

// ---------------------------------------------------------------------------------------------
// Helpers

interface Credentials {
  AccessKeyId: string;
  SecretKey: string;
  SessionToken: string;
  Expiration: number;
}

async function identity(url: string, action: string, input: unknown): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityService.${action}` },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

async function identityOk(url: string, action: string, input: unknown): Promise<any> {
  const res = await identity(url, action, input);
  assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function guestCredentials(url: string): Promise<{ identityId: string; credentials: Credentials }> {
  const { IdentityId } = await identityOk(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID });
  const out = await identityOk(url, 'GetCredentialsForIdentity', { IdentityId });
  return { identityId: out.IdentityId, credentials: out.Credentials };
}

async function userCredentials(url: string, username = 'demo'): Promise<{ identityId: string; credentials: Credentials; idToken: string }> {
  const idToken = (await passwordSignIn(url, username)).IdToken;
  const Logins = { [PROVIDER]: idToken };
  const { IdentityId } = await identityOk(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID, Logins });
  const out = await identityOk(url, 'GetCredentialsForIdentity', { IdentityId, Logins });
  return { identityId: out.IdentityId, credentials: out.Credentials, idToken };
}

function client(credentials: Credentials, service: string, region = 'us-east-1'): AwsClient {
  return new AwsClient({
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretKey,
    sessionToken: credentials.SessionToken,
    service,
    region,
    retries: 0,
  });
}

/** Sends an aws4fetch-signed Request after letting a test change it (the tampering). */
async function sendSigned(signed: Request, change: { url?: string; body?: string; headers?: Record<string, string>; method?: string } = {}): Promise<Response> {
  const headers = new Headers(signed.headers);
  for (const [k, v] of Object.entries(change.headers ?? {})) headers.set(k, v);
  const method = change.method ?? signed.method;
  const body = change.body ?? (method === 'GET' || method === 'HEAD' ? undefined : await signed.text());
  return fetch(change.url ?? signed.url, { method, headers, body });
}

/** The hash constructor @smithy/signature-v4 wants (SHA-256, or HMAC-SHA256 when given a key), on node:crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : Buffer.from(secret as ArrayBuffer));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[:-]|\.\d{3}/g, '');

// ---------------------------------------------------------------------------------------------
// Identity pools

describe('identity pools', () => {
  test('a guest gets a new identity per GetId and STS-shaped credentials that expire in an hour', async () => {
    const { url } = emulator();
    const a = await identityOk(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID });
    const b = await identityOk(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID });
    assert.match(a.IdentityId, /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.notEqual(a.IdentityId, b.IdentityId);
    const out = await identityOk(url, 'GetCredentialsForIdentity', { IdentityId: a.IdentityId });
    assert.equal(out.IdentityId, a.IdentityId);
    const c = out.Credentials;
    assert.match(c.AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(c.SecretKey.length, 40);
    assert.ok(c.SessionToken.length > 300);
    assert.equal(typeof c.Expiration, 'number', 'epoch seconds, as awsJson sends timestamps');
    assert.ok(Math.abs(c.Expiration - (Date.now() / 1000 + 3600)) < 60);
    const described = await identityOk(url, 'DescribeIdentity', { IdentityId: a.IdentityId });
    assert.deepEqual(described.Logins, []);
  });

  test('a signed-in user has one identity, under the AWS provider name and the emulator issuer alike', async () => {
    const { url } = emulator();
    const idToken = (await passwordSignIn(url, 'demo')).IdToken;
    const first = await identityOk(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID, Logins: { [PROVIDER]: idToken } });
    const issuerForm = jwtClaims(idToken).iss.replace(/^https?:\/\//, '');
    assert.equal(issuerForm, `${new URL(url).host}/${POOL_ID}`);
    const again = await identityOk(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID, Logins: { [issuerForm]: idToken } });
    assert.equal(again.IdentityId, first.IdentityId);
    // A new sign-in (a different token of the same user) finds the same identity.
    const later = (await passwordSignIn(url, 'demo')).IdToken;
    assert.equal((await identityOk(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID, Logins: { [PROVIDER]: later } })).IdentityId, first.IdentityId);

    const refused = await identity(url, 'GetCredentialsForIdentity', { IdentityId: first.IdentityId });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body, {
      __type: 'NotAuthorizedException',
      message: "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    });
    assert.equal(refused.headers.get('x-amzn-ErrorType')?.split(':')[0], 'NotAuthorizedException');

    const out = await identityOk(url, 'GetCredentialsForIdentity', { IdentityId: first.IdentityId, Logins: { [PROVIDER]: later } });
    assert.equal(out.IdentityId, first.IdentityId);
    assert.deepEqual((await identityOk(url, 'DescribeIdentity', { IdentityId: first.IdentityId })).Logins, [PROVIDER]);
  });

  test("another user's token does not open someone else's identity", async () => {
    const { url } = emulator();
    const mine = await userCredentials(url, 'demo');
    await callOk(url, 'AdminCreateUser', {
      UserPoolId: POOL_ID,
      Username: 'idp-other',
      TemporaryPassword: PASSWORD,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'idp-other@example.com' }],
    });
    await callOk(url, 'AdminSetUserPassword', { UserPoolId: POOL_ID, Username: 'idp-other', Password: PASSWORD, Permanent: true });
    const theirs = (await passwordSignIn(url, 'idp-other')).IdToken;
    const res = await identity(url, 'GetCredentialsForIdentity', { IdentityId: mine.identityId, Logins: { [PROVIDER]: theirs } });
    assert.equal(res.body.__type, 'NotAuthorizedException');
    assert.match(res.body.message, /^Logins don't match/);
  });

  test('login tokens are verified: audience, issuer, signature, token use and expiry', async () => {
    const { url } = emulator();
    const tokens = await passwordSignIn(url, 'demo');
    const getId = (Logins: Record<string, string>) => identity(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID, Logins });
    const refusal = async (Logins: Record<string, string>) => {
      const res = await getId(Logins);
      assert.equal(res.status, 400);
      assert.equal(res.body.__type, 'NotAuthorizedException');
      return res.body.message as string;
    };

    assert.equal(await refusal({ [PROVIDER]: tokens.AccessToken }), 'Invalid login token. Missing a required claim: aud');
    const [header, , signature] = tokens.IdToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...jwtClaims(tokens.IdToken), sub: 'someone-else' })).toString('base64url');
    assert.equal(await refusal({ [PROVIDER]: `${header}.${forged}.${signature}` }), "Invalid login token. Couldn't verify signed token.");
    assert.equal(await refusal({ [PROVIDER]: 'not-a-jwt' }), 'Invalid login token. Not a valid OpenId Connect identity token.');

    // A token of a client the identity pool does not list.
    const secretHash = createHmac('sha256', CLIENT_SECRET).update(`demo${SECRET_CLIENT_ID}`).digest('base64');
    const viaSecretClient = await callOk(url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: SECRET_CLIENT_ID,
      AuthParameters: { USERNAME: 'demo', PASSWORD, SECRET_HASH: secretHash },
    });
    assert.equal(await refusal({ [PROVIDER]: viaSecretClient.AuthenticationResult.IdToken }), 'Token is not from a supported provider of this identity pool.');

    // A pool the identity pool does not list, and a token under the wrong pool's name.
    const emailPoolToken = (await passwordSignIn(url, EMAIL_POOL_USER.email, PASSWORD, EMAIL_POOL_CLIENT_ID)).IdToken;
    assert.equal(
      await refusal({ 'cognito-idp.us-east-1.amazonaws.com/us-east-1_EmailPool1': emailPoolToken }),
      'Token is not from a supported provider of this identity pool.',
    );
    assert.equal(await refusal({ [PROVIDER]: emailPoolToken }), "Invalid login token. Issuer doesn't match providerName");
    assert.equal(await refusal({ 'accounts.google.com': tokens.IdToken }), 'Token is not from a supported provider of this identity pool.');

    // Expiry on the emulator's clock (ID tokens of the demo client live an hour).
    await advanceClock(url, 2 * 3600_000);
    assert.match(await refusal({ [PROVIDER]: tokens.IdToken }), /^Invalid login token\. Token expired: \d+ >= \d+$/);
  });

  test('the stand-in Facebook accepts fb-test-token:<user id> and nothing else', async () => {
    const { url } = emulator();
    const a = await identityOk(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID, Logins: { 'graph.facebook.com': 'fb-test-token:10001' } });
    const b = await identityOk(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID, Logins: { 'graph.facebook.com': 'fb-test-token:10001' } });
    const c = await identityOk(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID, Logins: { 'graph.facebook.com': 'fb-test-token:10002' } });
    assert.equal(a.IdentityId, b.IdentityId);
    assert.notEqual(a.IdentityId, c.IdentityId);
    const creds = await identityOk(url, 'GetCredentialsForIdentity', { IdentityId: a.IdentityId, Logins: { 'graph.facebook.com': 'fb-test-token:10001' } });
    assert.match(creds.Credentials.AccessKeyId, /^ASIA/);
    const bad = await identity(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID, Logins: { 'graph.facebook.com': 'EAAB-real-looking-token' } });
    assert.equal(bad.body.__type, 'NotAuthorizedException');
    assert.match(bad.body.message, /^Invalid login token\./);
  });

  test('a guest who signs in keeps the identity; one whose login has an identity already is merged into it', async () => {
    const { url } = emulator();
    const guest = await identityOk(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID });
    const fb = { 'graph.facebook.com': 'fb-test-token:upgrade-1' };
    const upgraded = await identityOk(url, 'GetCredentialsForIdentity', { IdentityId: guest.IdentityId, Logins: fb });
    assert.equal(upgraded.IdentityId, guest.IdentityId);
    assert.equal((await identityOk(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID, Logins: fb })).IdentityId, guest.IdentityId);
    // Now without logins, that identity is an authenticated one.
    assert.equal((await identity(url, 'GetCredentialsForIdentity', { IdentityId: guest.IdentityId })).body.__type, 'NotAuthorizedException');

    const secondGuest = await identityOk(url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID });
    const merged = await identityOk(url, 'GetCredentialsForIdentity', { IdentityId: secondGuest.IdentityId, Logins: fb });
    assert.equal(merged.IdentityId, guest.IdentityId, 'the answer names the identity the guest was merged into');
    assert.equal((await identity(url, 'DescribeIdentity', { IdentityId: secondGuest.IdentityId })).body.__type, 'ResourceNotFoundException');
  });

  test('unknown and malformed ids are refused with Cognito Identity codes', async () => {
    const { url } = emulator();
    const unknownPool = await identity(url, 'GetId', { IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-00000000dead' });
    assert.deepEqual(unknownPool.body, { __type: 'ResourceNotFoundException', message: "IdentityPool 'us-east-1:00000000-0000-4000-8000-00000000dead' not found." });
    const malformed = await identity(url, 'GetId', { IdentityPoolId: 'not an id' });
    assert.equal(malformed.body.__type, 'InvalidParameterException');
    assert.equal((await identity(url, 'GetId', {})).body.__type, 'InvalidParameterException');
    const unknownIdentity = await identity(url, 'GetCredentialsForIdentity', { IdentityId: 'us-east-1:00000000-0000-4000-8000-00000000beef' });
    assert.deepEqual(unknownIdentity.body, { __type: 'ResourceNotFoundException', message: "Identity 'us-east-1:00000000-0000-4000-8000-00000000beef' not found." });
    // The user-pool service does not answer identity actions, nor the other way round.
    const wrongService = await fetch(`${url}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.GetId' },
      body: JSON.stringify({ IdentityPoolId: IDENTITY_POOL_ID }),
    });
    assert.equal((await wrongService.json()).__type, 'UnknownOperationException');
    assert.equal((await identity(url, 'InitiateAuth', {})).body.__type, 'UnknownOperationException');
  });

  test('a pool without unauthenticated access refuses guests', async () => {
    const seed = JSON.parse(await readFile(DEFAULT_SEED, 'utf8')) as Seed;
    seed.identityPools = seed.identityPools!.map((p) => ({ ...p, AllowUnauthenticatedIdentities: false }));
    const running = await startEmulator({ port: 0, quiet: true, config: seed });
    try {
      const res = await identity(running.url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID });
      assert.deepEqual(res.body, { __type: 'NotAuthorizedException', message: 'Unauthenticated access is not supported for this identity pool.' });
      const idToken = (await passwordSignIn(running.url, 'demo')).IdToken;
      const { IdentityId } = await identityOk(running.url, 'GetId', { IdentityPoolId: IDENTITY_POOL_ID, Logins: { [PROVIDER]: idToken } });
      assert.ok(IdentityId);
    } finally {
      await running.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The SigV4-protected echo

describe('SigV4 echo under /__emulator/aws/', () => {
  test('a POST signed by aws4fetch for execute-api is accepted and echoed', async () => {
    const { url } = emulator();
    const { identityId, credentials } = await userCredentials(url);
    const res = await client(credentials, 'execute-api').fetch(`${url}/__emulator/aws/execute-api/prod/items?b=2&a=1&a=0`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'widget' }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const echo = await res.json();
    assert.equal(echo.ok, true);
    assert.equal(echo.service, 'execute-api');
    assert.equal(echo.region, 'us-east-1');
    assert.equal(echo.accessKeyId, credentials.AccessKeyId);
    assert.equal(echo.identityId, identityId);
    assert.equal(echo.authenticated, true);
    assert.equal(echo.method, 'POST');
    assert.equal(echo.path, '/__emulator/aws/execute-api/prod/items');
    assert.equal(echo.resource, '/prod/items');
    assert.deepEqual(echo.query, { b: '2', a: ['1', '0'] });
    assert.deepEqual(JSON.parse(echo.body), { name: 'widget' });
    assert.ok(echo.signedHeaders.includes('host') && echo.signedHeaders.includes('x-amz-date') && echo.signedHeaders.includes('x-amz-security-token'));
  });

  test('a GraphQL request signed for appsync, in another region, with guest credentials', async () => {
    const { url } = emulator();
    const { identityId, credentials } = await guestCredentials(url);
    const query = { query: 'query { listItems { id } }', variables: {} };
    const res = await client(credentials, 'appsync', 'eu-west-1').fetch(`${url}/__emulator/aws/appsync/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(query),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const echo = await res.json();
    assert.equal(echo.service, 'appsync');
    assert.equal(echo.region, 'eu-west-1');
    assert.equal(echo.identityId, identityId);
    assert.equal(echo.authenticated, false);
    assert.deepEqual(JSON.parse(echo.body), query);
  });

  test('paths and queries that need encoding: spaces, unicode, reserved characters', async () => {
    const { url } = emulator();
    const { credentials } = await guestCredentials(url);
    const aws = client(credentials, 'execute-api');
    const target = `${url}/__emulator/aws/execute-api/prod/items/a%20b/caf%C3%A9/it's(1)!*?q=hello%20world&emoji=%F0%9F%99%82&plus=a%2Bb&empty=&star=*`;
    const res = await aws.fetch(target, { method: 'GET' });
    assert.equal(res.status, 200, await res.clone().text());
    const echo = await res.json();
    assert.equal(echo.query.q, 'hello world');
    assert.equal(echo.query.emoji, '🙂');
    assert.equal(echo.query.plus, 'a+b');
    assert.equal(echo.query.empty, '');
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const r = await aws.fetch(`${url}/__emulator/aws/execute-api/prod/items/7`, { method, body: method === 'DELETE' ? undefined : '{"n":7}' });
      assert.equal(r.status, 200, `${method}: ${await r.clone().text()}`);
      assert.equal((await r.json()).method, method);
    }
  });

  test("the AWS SDK's own signer (@smithy/signature-v4) is accepted too", async () => {
    const { url } = emulator();
    const { credentials } = await userCredentials(url);
    const signer = new SignatureV4({
      service: 'execute-api',
      region: 'us-east-1',
      sha256: Sha256,
      credentials: { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretKey, sessionToken: credentials.SessionToken },
    });
    const target = new URL(`${url}/__emulator/aws/execute-api/prod/orders/o%201`);
    const body = JSON.stringify({ qty: 2 });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      query: { page: '2', filter: 'a b' },
      headers: { host: target.host, 'content-type': 'application/json' },
      body,
    });
    const res = await fetch(`${target}?page=2&filter=a%20b`, { method: 'POST', headers: signed.headers as Record<string, string>, body });
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual((await res.json()).query, { page: '2', filter: 'a b' });
  });

  test('tampered requests are refused with SignatureDoesNotMatch and the canonical request the server expected', async () => {
    const { url } = emulator();
    const { credentials } = await userCredentials(url);
    const aws = client(credentials, 'execute-api');
    const sign = () =>
      aws.sign(`${url}/__emulator/aws/execute-api/prod/items?limit=10`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"amount":10}' });

    const body = await sendSigned(await sign(), { body: '{"amount":1000}' });
    assert.equal(body.status, 403);
    const refusal = await body.json();
    assert.equal(refusal.__type, 'SignatureDoesNotMatch');
    assert.match(refusal.message, /^The request signature we calculated does not match the signature you provided\./);
    assert.match(refusal.message, /The Canonical String for this request should have been\n'POST\n\/__emulator\/aws\/execute-api\/prod\/items\nlimit=10\n/);
    assert.equal(body.headers.get('x-amzn-ErrorType'), 'SignatureDoesNotMatch');

    const query = await sendSigned(await sign(), { url: `${url}/__emulator/aws/execute-api/prod/items?limit=1000` });
    assert.equal((await query.json()).__type, 'SignatureDoesNotMatch');
    const path = await sendSigned(await sign(), { url: `${url}/__emulator/aws/execute-api/prod/admin?limit=10` });
    assert.equal((await path.json()).__type, 'SignatureDoesNotMatch');
    const method = await sendSigned(await sign(), { method: 'PUT' });
    assert.equal((await method.json()).__type, 'SignatureDoesNotMatch');
    const signedHeader = await sendSigned(await sign(), { headers: { 'X-Amz-Date': amzDate(Date.now() + 1000) } });
    assert.equal((await signedHeader.json()).__type, 'SignatureDoesNotMatch');
    const wrongHash = await sendSigned(await sign(), { headers: { 'X-Amz-Content-Sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } });
    const hashRefusal = await wrongHash.json();
    assert.equal(hashRefusal.__type, 'SignatureDoesNotMatch');
    assert.match(hashRefusal.message, /x-amz-content-sha256/);

    // The same request untouched is fine.
    assert.equal((await sendSigned(await sign())).status, 200);
  });

  test('wrong keys, tokens, services and times are refused with AWS codes', async () => {
    const { url } = emulator();
    const { credentials } = await userCredentials(url);
    const endpoint = `${url}/__emulator/aws/execute-api/prod/items`;
    const refusal = async (res: Response) => {
      assert.equal(res.status, 403);
      return (await res.json()) as { __type: string; message: string };
    };

    const unknown = await refusal(await client({ ...credentials, AccessKeyId: 'ASIAAAAAAAAAAAAAAAAA' }, 'execute-api').fetch(endpoint));
    assert.deepEqual(unknown, { __type: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' });
    const otherToken = await refusal(await client({ ...credentials, SessionToken: 'IQoJb3JpZ2luX2VjEforged' }, 'execute-api').fetch(endpoint));
    assert.equal(otherToken.__type, 'InvalidClientTokenId');
    const wrongSecret = await refusal(await client({ ...credentials, SecretKey: 'x'.repeat(40) }, 'execute-api').fetch(endpoint));
    assert.equal(wrongSecret.__type, 'SignatureDoesNotMatch');
    const wrongService = await refusal(await client(credentials, 'appsync').fetch(endpoint));
    assert.deepEqual(wrongService, { __type: 'SignatureDoesNotMatch', message: "Credential should be scoped to correct service: 'execute-api'. " });
    const missing = await refusal(await fetch(endpoint));
    assert.equal(missing.__type, 'MissingAuthenticationToken');

    const stale = await refusal(await client(credentials, 'execute-api').fetch(endpoint, { aws: { datetime: amzDate(Date.now() - 20 * 60_000) } }));
    assert.equal(stale.__type, 'RequestTimeTooSkewed');
    assert.match(stale.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    const future = await refusal(await client(credentials, 'execute-api').fetch(endpoint, { aws: { datetime: amzDate(Date.now() + 20 * 60_000) } }));
    assert.equal(future.__type, 'RequestTimeTooSkewed');
    // Ten minutes off is within AWS's fifteen.
    const close = await client(credentials, 'execute-api').fetch(endpoint, { aws: { datetime: amzDate(Date.now() - 10 * 60_000) } });
    assert.equal(close.status, 200);

    // The emulator's clock decides: credentials expire an hour after they were issued.
    await advanceClock(url, 3600_000 + 1000);
    const expired = await refusal(await client(credentials, 'execute-api').fetch(endpoint, { aws: { datetime: amzDate(Date.now() + 3600_000 + 1000) } }));
    assert.deepEqual(expired, { __type: 'ExpiredToken', message: 'The security token included in the request is expired' });
  });

  test('CORS: a browser may preflight any headers and read the answer', async () => {
    const { url } = emulator();
    const preflight = await fetch(`${url}/__emulator/aws/execute-api/prod/items`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'authorization,x-amz-date,x-amz-security-token,content-type',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /PATCH/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /x-amz-security-token/);
    const res = await fetch(`${url}/__emulator/aws/execute-api/prod/items`, { headers: { Origin: 'http://localhost:5173' } });
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /x-amzn-ErrorType/);
  });
});

// ---------------------------------------------------------------------------------------------
// S3

describe('S3 stand-in under /__emulator/s3/', () => {
  const xmlCode = (xml: string) => /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];
  const xmlMessage = (xml: string) =>
    /<Message>([^<]+)<\/Message>/
      .exec(xml)?.[1]
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');

  test('presigned PUT stores the body with its type; presigned GET returns it', async () => {
    const { url } = emulator();
    const { credentials } = await userCredentials(url);
    const s3 = client(credentials, 's3');
    const objectUrl = `${url}/__emulator/s3/demo-bucket/uploads/my%20photo%20%C3%A9.txt`;
    const put = await s3.sign(objectUrl, { method: 'PUT', aws: { signQuery: true } });
    assert.ok(new URL(put.url).searchParams.get('X-Amz-Security-Token'));
    const stored = await fetch(put.url, { method: 'PUT', body: 'hello from a presigned URL', headers: { 'Content-Type': 'text/plain' } });
    assert.equal(stored.status, 200, await stored.clone().text());
    assert.match(stored.headers.get('etag') ?? '', /^"[0-9a-f]{32}"$/);

    const get = await s3.sign(objectUrl, { method: 'GET', aws: { signQuery: true } });
    const read = await fetch(get.url);
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('content-type'), 'text/plain');
    assert.equal(read.headers.get('etag'), stored.headers.get('etag'));
    assert.equal(await read.text(), 'hello from a presigned URL');

    // Binary bodies survive.
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
    const putBinary = await s3.sign(`${url}/__emulator/s3/demo-bucket/bin`, { method: 'PUT', aws: { signQuery: true } });
    assert.equal((await fetch(putBinary.url, { method: 'PUT', body: bytes })).status, 200);
    const getBinary = await fetch((await s3.sign(`${url}/__emulator/s3/demo-bucket/bin`, { method: 'GET', aws: { signQuery: true } })).url);
    assert.deepEqual(new Uint8Array(await getBinary.arrayBuffer()), bytes);
    assert.equal(getBinary.headers.get('content-type'), 'binary/octet-stream');
  });

  test('tampered or expired presigned URLs are refused with S3 XML errors', async () => {
    const { url } = emulator();
    const { credentials } = await userCredentials(url);
    const s3 = client(credentials, 's3');
    const objectUrl = `${url}/__emulator/s3/demo-bucket/report.csv`;
    await fetch((await s3.sign(objectUrl, { method: 'PUT', aws: { signQuery: true } })).url, { method: 'PUT', body: 'a,b\n1,2\n' });

    const signed = new URL((await s3.sign(objectUrl, { method: 'GET', aws: { signQuery: true } })).url);
    const otherKey = new URL(signed);
    otherKey.pathname = '/__emulator/s3/demo-bucket/secret.csv';
    const tampered = await fetch(otherKey);
    assert.equal(tampered.status, 403);
    assert.equal(tampered.headers.get('content-type'), 'application/xml');
    const xml = await tampered.text();
    assert.equal(xmlCode(xml), 'SignatureDoesNotMatch');
    assert.match(xml, /<CanonicalRequest>GET\n\/__emulator\/s3\/demo-bucket\/secret\.csv\n/);

    const longer = new URL(signed);
    longer.searchParams.set('X-Amz-Expires', '604800');
    assert.equal(xmlCode(await (await fetch(longer)).text()), 'SignatureDoesNotMatch');
    const asPut = await fetch(signed, { method: 'PUT', body: 'overwritten' });
    assert.equal(asPut.status, 403);

    assert.equal(signed.searchParams.get('X-Amz-Expires'), '86400', "aws4fetch's default: a day");
    const oneMinute = new URL((await s3.sign(new Request(`${objectUrl}?X-Amz-Expires=60`), { aws: { signQuery: true } })).url);
    assert.equal((await fetch(oneMinute)).status, 200);
    await advanceClock(url, 2 * 60_000);
    const expired = await fetch(oneMinute);
    assert.equal(expired.status, 403);
    const expiredXml = await expired.text();
    assert.equal(xmlCode(expiredXml), 'AccessDenied');
    assert.equal(xmlMessage(expiredXml), 'Request has expired');
    assert.match(expiredXml, /<X-Amz-Expires>60<\/X-Amz-Expires>/);

    const noSignature = await fetch(objectUrl);
    assert.equal(noSignature.status, 403);
    assert.equal(xmlCode(await noSignature.text()), 'AccessDenied');
  });

  test('header-signed S3 requests (x-amz-content-sha256) work for PUT, GET, HEAD and DELETE', async () => {
    const { url } = emulator();
    const { credentials } = await guestCredentials(url);
    const s3 = client(credentials, 's3');
    const objectUrl = `${url}/__emulator/s3/demo-bucket/notes/today.json`;
    const put = await s3.fetch(objectUrl, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"done":true}' });
    assert.equal(put.status, 200, await put.clone().text());
    const get = await s3.fetch(objectUrl);
    assert.equal(await get.text(), '{"done":true}');
    assert.equal(get.headers.get('content-type'), 'application/json');
    const head = await s3.fetch(objectUrl, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), '13');
    // With the payload hash signed, a different body is caught.
    const signed = await s3.sign(objectUrl, {
      method: 'PUT',
      body: 'original',
      headers: { 'X-Amz-Content-Sha256': createHash('sha256').update('original').digest('hex') },
    });
    const swapped = await sendSigned(signed, { body: 'swapped' });
    assert.equal(swapped.status, 400);
    assert.equal(xmlCode(await swapped.text()), 'XAmzContentSHA256Mismatch');
    assert.equal((await s3.fetch(objectUrl, { method: 'DELETE' })).status, 204);
    const gone = await s3.fetch(objectUrl);
    assert.equal(gone.status, 404);
    assert.equal(xmlCode(await gone.text()), 'NoSuchKey');
  });

  // ---- POST policy --------------------------------------------------------------------------

  function signingKey(secret: string, date: string, region: string, service: string): Buffer {
    const h = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
    return h(h(h(h(`AWS4${secret}`, date), region), service), 'aws4_request');
  }

  interface PolicyOptions {
    conditions?: unknown[];
    expiresInMs?: number;
    fields?: Record<string, string>;
    file?: Blob;
    key?: string;
    signWith?: string;
  }

  /** The form a browser posts: fields, then the policy and its signature, the file last. */
  function postForm(credentials: Credentials, o: PolicyOptions = {}): FormData {
    const now = Date.now();
    const date = amzDate(now);
    const credential = `${credentials.AccessKeyId}/${date.slice(0, 8)}/us-east-1/s3/aws4_request`;
    const key = o.key ?? 'uploads/${filename}';
    const conditions = o.conditions ?? [
      { bucket: 'demo-bucket' },
      ['starts-with', '$key', 'uploads/'],
      ['starts-with', '$Content-Type', 'image/'],
      ['content-length-range', 1, 1024],
      { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
      { 'x-amz-credential': credential },
      { 'x-amz-date': date },
      { 'x-amz-security-token': credentials.SessionToken },
    ];
    const policy = Buffer.from(JSON.stringify({ expiration: new Date(now + (o.expiresInMs ?? 5 * 60_000)).toISOString(), conditions })).toString('base64');
    const signature = createHmac('sha256', signingKey(o.signWith ?? credentials.SecretKey, date.slice(0, 8), 'us-east-1', 's3'))
      .update(policy)
      .digest('hex');
    const form = new FormData();
    const fields: Record<string, string> = {
      key,
      'Content-Type': 'image/png',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': credential,
      'X-Amz-Date': date,
      'X-Amz-Security-Token': credentials.SessionToken,
      Policy: policy,
      'X-Amz-Signature': signature,
      ...o.fields,
    };
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', o.file ?? new Blob([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], { type: 'image/png' }), 'avatar.png');
    return form;
  }

  test('a POST policy upload stores the file under its key; success_action_status 201 answers XML', async () => {
    const { url } = emulator();
    const { credentials } = await userCredentials(url);
    const res = await fetch(`${url}/__emulator/s3/demo-bucket`, { method: 'POST', body: postForm(credentials) });
    assert.equal(res.status, 204, await res.clone().text());
    assert.match(res.headers.get('location') ?? '', /\/__emulator\/s3\/demo-bucket\/uploads\/avatar\.png$/);
    const get = await client(credentials, 's3').fetch(`${url}/__emulator/s3/demo-bucket/uploads/avatar.png`);
    assert.equal(get.headers.get('content-type'), 'image/png');
    assert.deepEqual(new Uint8Array(await get.arrayBuffer()), new Uint8Array([137, 80, 78, 71, 1, 2, 3]));

    const withStatus = postForm(credentials, {
      key: 'uploads/second.png',
      fields: { success_action_status: '201' },
      conditions: [
        { bucket: 'demo-bucket' },
        ['starts-with', '$key', 'uploads/'],
        ['starts-with', '$Content-Type', 'image/'],
        { success_action_status: '201' },
        ['starts-with', '$x-amz-algorithm', ''],
        ['starts-with', '$x-amz-credential', ''],
        ['starts-with', '$x-amz-date', ''],
        ['starts-with', '$x-amz-security-token', ''],
      ],
    });
    const created = await fetch(`${url}/__emulator/s3/demo-bucket`, { method: 'POST', body: withStatus });
    assert.equal(created.status, 201, await created.clone().text());
    const xml = await created.text();
    assert.match(
      xml,
      /<PostResponse><Location>[^<]+\/uploads\/second\.png<\/Location><Bucket>demo-bucket<\/Bucket><Key>uploads\/second\.png<\/Key><ETag>&quot;[0-9a-f]{32}&quot;<\/ETag><\/PostResponse>/,
    );
  });

  test('a POST policy is enforced: conditions, size, expiry, extra fields, signature and credentials', async () => {
    const { url } = emulator();
    const { credentials } = await userCredentials(url);
    const post = async (form: FormData, bucket = 'demo-bucket') => {
      const res = await fetch(`${url}/__emulator/s3/${bucket}`, { method: 'POST', body: form });
      const xml = await res.text();
      return { status: res.status, code: xmlCode(xml), message: xmlMessage(xml) };
    };
    const keyRefused = await post(postForm(credentials, { key: 'private/${filename}' }));
    assert.deepEqual(keyRefused, {
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "uploads/"]',
    });
    assert.equal(
      (await post(postForm(credentials), 'other-bucket')).message,
      'Invalid according to Policy: Policy Condition failed: ["eq", "$bucket", "demo-bucket"]',
    );
    assert.equal((await post(postForm(credentials, { fields: { 'Content-Type': 'text/html' } }))).code, 'AccessDenied');
    assert.deepEqual(await post(postForm(credentials, { file: new Blob([new Uint8Array(2048)]) })), {
      status: 400,
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
    });
    assert.equal((await post(postForm(credentials, { file: new Blob([]) }))).code, 'EntityTooSmall');
    assert.deepEqual(await post(postForm(credentials, { expiresInMs: -1000 })), {
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    });
    assert.deepEqual(await post(postForm(credentials, { fields: { 'x-amz-meta-owner': 'mallory' } })), {
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Extra input fields: x-amz-meta-owner',
    });
    assert.equal((await post(postForm(credentials, { signWith: 'y'.repeat(40) }))).code, 'SignatureDoesNotMatch');
    assert.equal((await post(postForm(credentials, { fields: { 'X-Amz-Security-Token': 'forged' } }))).code, 'InvalidToken');
    assert.equal((await post(postForm({ ...credentials, AccessKeyId: 'ASIAAAAAAAAAAAAAAAAA' }))).code, 'InvalidAccessKeyId');
    // Ignored fields need no condition.
    assert.equal((await post(postForm(credentials, { fields: { 'x-ignore-tracking': '1' } }))).status, 204);
  });
});
