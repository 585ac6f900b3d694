// Attributes and URLs are input too (issue 12, "hostile pages"): an endpoint or a hosted-UI domain
// is parsed with URL and must be https:, or http: for the loopback host only (127.0.0.0/8,
// localhost, [::1]: where a local emulator listens), else a ConfigurationError naming the option,
// before anything is sent, stored or opened. Cognito's own endpoints and hosted-UI domains are all
// https (AWS General Reference, "Amazon Cognito endpoints"; developer guide, "Using the user pool
// domain": https://<prefix>.auth.<region>.amazoncognito.com). A stored session is bound to the
// endpoint that issued it: a custom endpoint's origin is part of the IndexedDB database name,
// Cognito's default endpoint keeps the name it always had.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitoClient, ConfigurationError } from '../../src/core/index.ts';
import { authorizeUrl, createS3PostPolicy, IdentityPoolCredentials, presignS3Url, signOutWithRedirect } from '../../src/core/aws.ts';
import { databaseName } from '../../src/core/storage.ts';

const POOL_ID = 'us-east-1_DemoPool1';
const CLIENT_ID = 'democlient0000000000000001';

/** 16 URLs that must never be used as an endpoint or a hosted-UI domain. */
export const HOSTILE_URLS = [
  'javascript:alert(document.cookie)//',
  'JaVaScRiPt:alert(1)//',
  ' javascript:alert(1)//',
  'java\tscript:alert(1)//',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'blob:https://example.com/0b9c',
  'ftp://cognito.example.com/',
  'ws://127.0.0.1:9229/',
  'http://evil.example/',
  'http://127.0.0.1.evil.example/',
  'http://localhost.evil.example/',
  '//evil.example/',
  'evil.example',
  '',
];

/** What must still work: Cognito's own, any https (a proxy, a custom domain), and http on loopback. */
const ACCEPTED = [
  'https://cognito-idp.us-east-1.amazonaws.com/',
  'https://auth.example.com',
  'https://example.auth.us-east-1.amazoncognito.com',
  'http://127.0.0.1:9229',
  'http://127.5.6.7:9229/',
  'http://localhost:9229',
  'http://[::1]:9229',
];

function memoryPending() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe('endpoint', () => {
  for (const endpoint of HOSTILE_URLS) {
    test(`new CognitoClient({ endpoint: ${JSON.stringify(endpoint)} }) is a ConfigurationError naming "endpoint"`, () => {
      assert.throws(
        () => new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint, storage: 'memory' }),
        (error: unknown) => error instanceof ConfigurationError && error.option === 'endpoint' && /endpoint must be an https: URL/.test(error.message),
      );
    });
  }

  test(`IdentityPoolCredentials refuses the same ${HOSTILE_URLS.length} endpoints`, () => {
    for (const endpoint of HOSTILE_URLS) {
      assert.throws(() => new IdentityPoolCredentials({ identityPoolId: 'us-east-1:0c0c0c0c-0000-4000-8000-000000000001', endpoint }), ConfigurationError, endpoint);
    }
  });

  test('https endpoints and http on the loopback host are taken', () => {
    for (const endpoint of ACCEPTED) {
      const client = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint, storage: 'memory' });
      assert.equal(client.wire.endpoint, new URL(endpoint).href);
      client.dispose();
    }
  });
});

describe('region', () => {
  /** 6 regions that would put another host into https://cognito-idp.<region>.amazonaws.com/. */
  const HOSTILE_REGIONS = ['evil.example/x?', 'us-east-1.evil.example#', 'evil.example:443/', 'x y', 'US-EAST-1@evil.example', ''];
  for (const region of HOSTILE_REGIONS) {
    test(`region ${JSON.stringify(region)} is a ConfigurationError naming "region", and nothing is sent`, () => {
      const sent: unknown[] = [];
      assert.throws(
        () => new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, region, storage: 'memory', fetch: async (url) => (sent.push(url), new Response('{}')) }),
        (error: unknown) => error instanceof ConfigurationError && error.option === 'region',
      );
      assert.deepEqual(sent, []);
      assert.throws(() => new IdentityPoolCredentials({ identityPoolId: 'us-east-1:0c0c0c0c-0000-4000-8000-000000000001', region }), ConfigurationError);
    });
  }

  test('AWS regions are taken (us-east-1, eu-central-2, us-gov-west-1, ap-southeast-5)', () => {
    for (const region of ['us-east-1', 'eu-central-2', 'us-gov-west-1', 'ap-southeast-5']) {
      const client = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, region, storage: 'memory' });
      assert.equal(client.wire.endpoint, `https://cognito-idp.${region}.amazonaws.com/`);
      client.dispose();
    }
  });
});

describe('the stored session is bound to its endpoint', () => {
  test("Cognito's default endpoint keeps the database name of earlier versions (users stay signed in across the upgrade)", () => {
    assert.equal(databaseName(POOL_ID, CLIENT_ID), `cognito-elements:${POOL_ID}:${CLIENT_ID}`);
    const implicit = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, storage: 'memory' });
    const explicit = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: 'https://cognito-idp.us-east-1.amazonaws.com', storage: 'memory' });
    assert.equal(implicit.wire.customOrigin, undefined);
    assert.equal(explicit.wire.customOrigin, undefined);
    implicit.dispose();
    explicit.dispose();
  });

  test('another endpoint gets a database of its own, named by its origin', () => {
    const names = new Set<string>([databaseName(POOL_ID, CLIENT_ID)]);
    for (const endpoint of ['http://127.0.0.1:9229', 'http://localhost:9229', 'https://proxy.example/cognito', 'https://cognito-idp.eu-west-1.amazonaws.com/']) {
      const client = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint, storage: 'memory' });
      assert.equal(client.wire.customOrigin, new URL(endpoint).origin);
      names.add(databaseName(POOL_ID, CLIENT_ID, client.wire.customOrigin));
      client.dispose();
    }
    assert.equal(names.size, 5, 'no two endpoints share a database');
  });
});

describe('hosted-UI domain', () => {
  for (const domain of HOSTILE_URLS) {
    test(`authorizeUrl with domain ${JSON.stringify(domain)} is a ConfigurationError, and keeps no pending sign-in`, async () => {
      const client = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, storage: 'memory' });
      const storage = memoryPending();
      await assert.rejects(
        authorizeUrl(client, { domain, redirectUri: 'http://localhost:5173/', storage }),
        (error: unknown) => error instanceof ConfigurationError && error.option === 'domain',
      );
      assert.equal(storage.items.size, 0);
      client.dispose();
    });
  }

  test(`signOutWithRedirect never navigates to any of the ${HOSTILE_URLS.length} hostile domains`, async () => {
    const client = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, storage: 'memory' });
    const visited: string[] = [];
    for (const domain of HOSTILE_URLS) {
      await assert.rejects(signOutWithRedirect(client, { domain, logoutUri: 'http://localhost:5173/', navigate: (url) => visited.push(url) }), ConfigurationError);
    }
    assert.deepEqual(visited, []);
    client.dispose();
  });
});

describe('S3 URLs', () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token', expiration: new Date(Date.now() + 3600_000), identityId: 'x' };
  /** 5 buckets and 3 regions that would sign a URL for another host, and the 16 hostile endpoints. */
  const HOSTILE = [
    ...['evil.example/x?', 'evil.example#', 'evil.example:443', '', 'b@evil.example'].map((bucket) => ({ bucket, region: 'us-east-1' })),
    ...['evil.example/x?', 'us-east-1.evil.example#', ''].map((region) => ({ bucket: 'my-bucket', region })),
    ...HOSTILE_URLS.map((endpoint) => ({ bucket: 'my-bucket', region: 'us-east-1', endpoint })),
  ];
  test(`presignS3Url and createS3PostPolicy refuse ${HOSTILE.length} buckets, regions and endpoints with a ConfigurationError`, async () => {
    for (const where of HOSTILE) {
      await assert.rejects(presignS3Url({ credentials, key: 'k.txt', ...where }), ConfigurationError, JSON.stringify(where));
      await assert.rejects(createS3PostPolicy({ credentials, key: 'k.txt', maxSize: 1000, ...where }), ConfigurationError, JSON.stringify(where));
    }
  });

  test('a real bucket and region still presign', async () => {
    const url = new URL(await presignS3Url({ credentials, bucket: 'my-bucket.example', region: 'eu-west-1', key: 'a/b.txt' }));
    assert.equal(url.host, 'my-bucket.example.s3.eu-west-1.amazonaws.com');
  });
});
