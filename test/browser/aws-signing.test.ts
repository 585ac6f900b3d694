// Requests signed with identity-pool credentials, checked by the emulator's own SigV4 verifier
// (with the secret it issued): API Gateway and AppSync style requests through createSignedFetch,
// S3 presigned GET/PUT URLs, and the S3 POST policy. Changing a request after it was signed gets
// it refused.
import { expect } from '@open-wc/testing';
import { CognitoClient, memoryStore } from '../../src/core/index.ts';
import { createS3PostPolicy, createSignedFetch, IdentityPoolCredentials, presignS3Url } from '../../src/core/aws.ts';
import { emulatorUrl } from './emulator-url.ts';
import { CLIENT_ID, createUser, holdEmulator, POOL_ID } from './support/core.ts';

const IDENTITY_POOL_ID = 'us-east-1:0c0c0c0c-0000-4000-8000-000000000001';
const REGION = 'us-east-1';
const BUCKET = 'test-uploads';

// One signed-in user for the whole file (not a newClient(): holdEmulator disposes those after each test).
let client: CognitoClient;
let credentials: IdentityPoolCredentials;
before(async () => {
  const user = await createUser();
  client = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: emulatorUrl(), storage: memoryStore(), authFlow: 'USER_PASSWORD_AUTH' });
  await client.signIn({ username: user.username, password: user.password });
  credentials = new IdentityPoolCredentials({ identityPoolId: IDENTITY_POOL_ID, client, endpoint: emulatorUrl() });
});
after(() => {
  credentials.dispose();
  client.dispose();
});

const aws = (service: string, path: string) => `${emulatorUrl()}/__emulator/aws/${service}/${path}`;
const s3 = (path = '') => `${emulatorUrl()}/__emulator/s3${path}`;

/** A fetch that changes the request after it was signed: the fault a man in the middle would bring. */
function tamperingFetch(change: (init: RequestInit) => RequestInit): typeof fetch {
  return (input, init) => fetch(input, change({ ...init }));
}

describe('signed requests (SigV4)', () => {
  holdEmulator('shared');

  it('signs an API Gateway POST with a query string: the verifier accepts it and saw what was sent', async () => {
    const api = createSignedFetch({ credentials, service: 'execute-api', region: REGION });
    const response = await api(`${aws('execute-api', 'prod/items')}?tracking=x123&color=blue`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'header-1': 'one' },
      body: JSON.stringify({ color: 'blue' }),
    });
    expect(response.status).to.equal(200);
    const seen = await response.json();
    const { accessKeyId, identityId } = await credentials.getCredentials();
    expect(seen).to.include({ ok: true, service: 'execute-api', region: REGION, method: 'POST', accessKeyId, identityId });
    expect(seen.path).to.match(/prod\/items$/);
    expect(seen.query).to.deep.include({ tracking: 'x123', color: 'blue' });
    expect(JSON.parse(seen.body)).to.deep.equal({ color: 'blue' });
  });

  it('signs an AppSync GraphQL request', async () => {
    const graphql = createSignedFetch({ credentials, service: 'appsync', region: REGION });
    const query = 'query GetEvent { getEvent(id: "3dcd52c3") { id name } }';
    const response = await graphql(aws('appsync', 'graphql'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/graphql; charset=utf-8' },
      body: JSON.stringify({ operationName: 'GetEvent', query }),
    });
    expect(response.status).to.equal(200);
    const seen = await response.json();
    expect(seen.service).to.equal('appsync');
    expect(JSON.parse(seen.body).query).to.equal(query);
  });

  it('signs a GET, and a body of any kind fetch takes (FormData, Blob, URLSearchParams)', async () => {
    const api = createSignedFetch({ credentials, service: 'execute-api', region: REGION });
    expect((await api(aws('execute-api', 'prod/items/42'))).status).to.equal(200);
    const form = new FormData();
    form.append('name', 'cinnamon');
    for (const body of [form, new Blob(['raw bytes']), new URLSearchParams({ a: '1', b: 'two words' })]) {
      const response = await api(aws('execute-api', 'prod/items'), { method: 'PUT', body });
      expect(response.status, `${body.constructor.name} body`).to.equal(200);
    }
  });

  // Firefox has no Request.prototype.body (MDN, Request.body: not in Firefox), and fetch refuses any
  // GET or HEAD that carries a body, even an empty one (Fetch standard, Request constructor step 34:
  // "If ... request's method is GET or HEAD, then throw a TypeError"). Hiding the getter here gives
  // every engine Firefox's Request, so this fails wherever the signer reads a body it should not.
  it('signs a GET and a HEAD with no body in a browser whose Request has no body property (Firefox)', async () => {
    const own = Object.getOwnPropertyDescriptor(Request.prototype, 'body');
    if (own) delete (Request.prototype as { body?: unknown }).body;
    try {
      expect('body' in new Request('https://example.com/')).to.equal(false);
      const api = createSignedFetch({ credentials, service: 'execute-api', region: REGION });
      const get = await api(aws('execute-api', 'prod/items/42'));
      expect(get.status).to.equal(200);
      expect((await get.json()).method).to.equal('GET');
      expect((await api(new Request(aws('execute-api', 'prod/items/42'), { method: 'HEAD' }))).status).to.equal(200);
      // A body still goes out (and into the signature) where there is one.
      const put = await api(aws('execute-api', 'prod/items'), { method: 'PUT', body: 'spice' });
      expect(put.status).to.equal(200);
      expect((await put.json()).body).to.equal('spice');
    } finally {
      if (own) Object.defineProperty(Request.prototype, 'body', own);
    }
  });

  it('a request whose body changed after signing is refused with 403', async () => {
    const api = createSignedFetch({
      credentials,
      service: 'execute-api',
      region: REGION,
      fetch: tamperingFetch((init) => ({ ...init, body: '{"color":"red"}' })),
    });
    const response = await api(aws('execute-api', 'prod/items'), { method: 'POST', body: '{"color":"blue"}' });
    expect(response.status).to.equal(403);
    expect((await response.json()).__type).to.be.a('string');
  });

  it('a changed signature, or one made for another service, is refused with 403', async () => {
    const flipLast = (init: RequestInit) => {
      const headers = new Headers(init.headers);
      const auth = headers.get('Authorization')!;
      headers.set('Authorization', auth.slice(0, -1) + (auth.endsWith('0') ? '1' : '0'));
      return { ...init, headers };
    };
    const tampered = createSignedFetch({ credentials, service: 'execute-api', region: REGION, fetch: tamperingFetch(flipLast) });
    expect((await tampered(aws('execute-api', 'prod/items'), { method: 'POST', body: '{}' })).status).to.equal(403);
    const wrongService = createSignedFetch({ credentials, service: 'execute-api', region: REGION });
    expect((await wrongService(aws('appsync', 'graphql'), { method: 'POST', body: '{}' })).status).to.equal(403);
  });
});

describe('S3: presigned URLs and the POST policy', () => {
  holdEmulator('shared');

  it('a presigned PUT stores an object that a presigned GET, and a header-signed GET, read back', async () => {
    const key = `photos/${crypto.randomUUID()}/my cat (1).txt`;
    const text = `hello ${key}`;
    const put = await presignS3Url({ credentials, region: REGION, bucket: BUCKET, key, method: 'PUT', expiresIn: 300, endpoint: s3() });
    expect(new URL(put).searchParams.get('X-Amz-Expires')).to.equal('300');
    expect((await fetch(put, { method: 'PUT', body: text })).ok).to.equal(true);
    const get = await presignS3Url({ credentials, region: REGION, bucket: BUCKET, key, endpoint: s3() });
    const response = await fetch(get);
    expect(response.status).to.equal(200);
    expect(await response.text()).to.equal(text);
    // The seed's way: a GET signed in the Authorization header.
    const signedGet = createSignedFetch({ credentials, service: 's3', region: REGION });
    const viaHeader = await signedGet(s3(`/${BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}`));
    expect(viaHeader.status).to.equal(200);
    expect(await viaHeader.text()).to.equal(text);
  });

  it('a presigned URL pointed at another key, or used with another method, is refused with 403', async () => {
    const key = `photos/${crypto.randomUUID()}.txt`;
    const put = await presignS3Url({ credentials, region: REGION, bucket: BUCKET, key, method: 'PUT', endpoint: s3() });
    const other = put.replace(encodeURIComponent(key.split('/')[1]), 'someone-else.txt');
    expect((await fetch(other, { method: 'PUT', body: 'x' })).status).to.equal(403);
    expect((await fetch(put, { method: 'GET' })).status).to.equal(403);
  });

  it('a POST-policy upload is accepted, and the object can be read back', async () => {
    const { identityId } = await credentials.getCredentials();
    const key = `test/${identityId}/${crypto.randomUUID()}.txt`;
    const { url, fields } = await createS3PostPolicy({ credentials, region: REGION, bucket: BUCKET, key, maxSize: 1000, endpoint: s3() });
    expect(url).to.equal(s3(`/${BUCKET}`));
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob(['uploaded with a policy'], { type: 'text/plain' }), 'note.txt');
    const response = await fetch(url, { method: 'POST', body: form });
    expect(response.status, await response.clone().text()).to.be.within(200, 204);
    const get = await presignS3Url({ credentials, region: REGION, bucket: BUCKET, key, endpoint: s3() });
    expect(await (await fetch(get)).text()).to.equal('uploaded with a policy');
  });

  it('a POST-policy upload larger than the policy allows, or with a changed policy, is refused', async () => {
    const key = `test/${crypto.randomUUID()}.txt`;
    const { url, fields } = await createS3PostPolicy({ credentials, region: REGION, bucket: BUCKET, key, maxSize: 10, endpoint: s3() });
    const upload = (override: Record<string, string>, content: string) => {
      const form = new FormData();
      for (const [name, value] of Object.entries({ ...fields, ...override })) form.append(name, value);
      form.append('file', new Blob([content]), 'f.txt');
      return fetch(url, { method: 'POST', body: form });
    };
    const tooLarge = await upload({}, 'more than ten bytes');
    expect(tooLarge.ok).to.equal(false);
    const policy = JSON.parse(atob(fields.Policy));
    policy.conditions.find((c: unknown) => Array.isArray(c) && c[0] === 'content-length-range')[2] = 1_000_000;
    const forged = await upload({ Policy: btoa(JSON.stringify(policy)) }, 'more than ten bytes');
    expect(forged.status).to.equal(403);
  });
});
