// The after-sign-in recipes of docs/aws-access.md, run in Node 20 against the emulator as written there: identity
// pool credentials (user and Facebook), a signed API Gateway POST, a signed AppSync query, a presigned
// S3 PUT and GET, and a POST-policy upload. The core runs in Node too, so the same code serves a
// script or a server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitoClient } from '../../src/core/index.ts';
import { IdentityPoolCredentials, createS3PostPolicy, createSignedFetch, presignS3Url } from '../../src/core/aws.ts';
import { CLIENT_ID, PASSWORD, POOL_ID, USERS, withEmulator } from './support/emulator.ts';

const emulator = withEmulator();
const IDENTITY_POOL_ID = 'us-east-1:0c0c0c0c-0000-4000-8000-000000000001';
let EMULATOR: string;
let auth: CognitoClient;
let credentials: IdentityPoolCredentials;

before(async () => {
  EMULATOR = (await emulator.ready).url;
  auth = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: EMULATOR, storage: 'memory', srpWorker: false });
  credentials = new IdentityPoolCredentials({ identityPoolId: IDENTITY_POOL_ID, client: auth, endpoint: EMULATOR });
  assert.equal((await auth.signIn({ username: USERS.demo, password: PASSWORD })).step, 'DONE');
});

after(() => {
  credentials?.dispose();
  auth?.dispose();
});

test("Get AWS credentials: the signed-in user's identity", async () => {
  const { accessKeyId, secretAccessKey, sessionToken, expiration, identityId } = await credentials.getCredentials();
  assert.ok(accessKeyId && secretAccessKey && sessionToken);
  assert.ok(expiration > new Date());
  assert.match(identityId, /^us-east-1:/);
});

test('Get AWS credentials with Facebook', async () => {
  const facebookCredentials = new IdentityPoolCredentials({
    identityPoolId: IDENTITY_POOL_ID,
    endpoint: EMULATOR,
    logins: () => ({ 'graph.facebook.com': 'fb-test-token:10001' }),
  });
  const facebook = await facebookCredentials.getCredentials();
  assert.notEqual(facebook.identityId, (await credentials.getCredentials()).identityId);
});

test('API Gateway: a signed POST', async () => {
  const api = createSignedFetch({ credentials, service: 'execute-api', region: 'us-east-1' });
  const response = await api(`${EMULATOR}/__emulator/aws/execute-api/dev/projects?tracking=x123`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'header-1': 'one' },
    body: JSON.stringify({ color: 'blue' }),
  });
  assert.equal(response.status, 200);
  const seen = await response.json();
  assert.equal(seen.method, 'POST');
  assert.deepEqual(JSON.parse(seen.body), { color: 'blue' });
});

test('AppSync: a signed GraphQL query', async () => {
  const graphql = createSignedFetch({ credentials, service: 'appsync', region: 'us-east-1' });
  const result = await graphql(`${EMULATOR}/__emulator/aws/appsync/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ operationName: 'GetEvent', query: 'query GetEvent { getEvent(id: "1") { id name } }' }),
  });
  assert.equal(result.status, 200);
  assert.equal((await result.json()).service, 'appsync');
});

test('S3 upload with a presigned PUT, then S3 GET with a presigned URL and with the Authorization header', async () => {
  const { identityId } = await credentials.getCredentials();
  const key = `test/${identityId}/square-cinnamon.jpg`;
  const putUrl = await presignS3Url({
    credentials,
    region: 'us-east-1',
    bucket: 'my-s3-bucket',
    key,
    method: 'PUT',
    expiresIn: 300,
    endpoint: `${EMULATOR}/__emulator/s3`,
  });
  assert.ok((await fetch(putUrl, { method: 'PUT', body: 'jpeg bytes' })).ok);
  const imageUrl = await presignS3Url({ credentials, region: 'us-east-1', bucket: 'my-s3-bucket', key, endpoint: `${EMULATOR}/__emulator/s3` });
  assert.equal(await (await fetch(imageUrl)).text(), 'jpeg bytes');
  const s3 = createSignedFetch({ credentials, service: 's3', region: 'us-east-1' });
  const object = await s3(`${EMULATOR}/__emulator/s3/my-s3-bucket/test/${identityId}/square-cinnamon.jpg`);
  assert.equal(await (await object.blob()).text(), 'jpeg bytes');
});

test('S3 upload with the POST policy (the seed\'s "HTTP Presigned Post")', async () => {
  const { identityId } = await credentials.getCredentials();
  const { url, fields } = await createS3PostPolicy({
    credentials,
    region: 'us-east-1',
    bucket: 'my-s3-bucket',
    key: `test/${identityId}/\${filename}`,
    maxSize: 5_000_000,
    expiresIn: 15 * 60,
    endpoint: `${EMULATOR}/__emulator/s3`,
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob(['cinnamon']), 'square-cinnamon.jpg');
  const uploaded = await fetch(url, { method: 'POST', body: form });
  assert.equal(uploaded.status, 204, await uploaded.text());
  const get = await presignS3Url({
    credentials,
    region: 'us-east-1',
    bucket: 'my-s3-bucket',
    key: `test/${identityId}/square-cinnamon.jpg`,
    endpoint: `${EMULATOR}/__emulator/s3`,
  });
  assert.equal(await (await fetch(get)).text(), 'cinnamon');
});
