// The pure parts of the after-sign-in API, checked against outside references: the SigV4 signing
// key against AWS's documented example, the S3 POST policy signature and presigned URLs against
// the AWS SDK's own signer (@smithy/signature-v4), and PKCE against RFC 7636's example. The OAuth
// callback's refusals need no server: they happen before anything is sent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { CognitoClient } from '../../src/core/index.ts';
import { OAuthError, authorizeUrl, createS3PostPolicy, handleRedirectCallback, pkceChallenge, presignS3Url, type PendingStore } from '../../src/core/aws.ts';
import { policySignature, sigV4SigningKey } from '../../src/core/sigv4-key.ts';

const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token-of-the-test' };
const AT = Date.UTC(2015, 11, 29, 0, 0, 0);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

const toBytes = (data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/** SHA-256 (an HMAC when given a secret) in the shape the SDK's signer takes. */
class NodeSha256 {
  private hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret ? createHmac('sha256', toBytes(secret)) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {}
}

/** The AWS SDK's signer with the same keys, as an independent reference. */
const sdkSigner = (service: string, region = 'us-east-1') =>
  new SignatureV4({ credentials: KEYS, region, service, sha256: NodeSha256, uriEscapePath: service !== 's3', applyChecksum: false });

describe('SigV4 signing key and the S3 POST policy', () => {
  test("the signing key is the one of AWS's documented example (secret ...+bPxRfiCYEXAMPLEKEY, 20120215, us-east-1, iam)", () => {
    const key = sigV4SigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam');
    assert.equal(hex(key), 'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });

  test('a policy signature equals the AWS SDK signing the same base64 policy as a string', async () => {
    const policy = Buffer.from('{"expiration":"2015-12-30T12:00:00.000Z","conditions":[{"bucket":"sigv4examplebucket"}]}').toString('base64');
    const expected = await sdkSigner('s3').sign(policy, { signingDate: new Date(AT) });
    assert.equal(policySignature(policy, KEYS.secretAccessKey, '20151229', 'us-east-1'), expected);
  });

  test('createS3PostPolicy lists every field as a condition, limits the size, and signs the policy', async () => {
    const post = await createS3PostPolicy({
      credentials: KEYS,
      region: 'eu-west-1',
      bucket: 'my-bucket',
      key: 'test/eu-west-1:abc/${filename}',
      maxSize: 5_000_000,
      acl: 'public-read',
      contentType: 'image/jpeg',
      expiresIn: 600,
      now: () => AT,
    });
    assert.equal(post.url, 'https://my-bucket.s3.eu-west-1.amazonaws.com');
    assert.equal(post.expiration.toISOString(), '2015-12-29T00:10:00.000Z');
    assert.deepEqual(Object.keys(post.fields), [
      'key',
      'acl',
      'Content-Type',
      'X-Amz-Algorithm',
      'X-Amz-Credential',
      'X-Amz-Date',
      'X-Amz-Security-Token',
      'Policy',
      'X-Amz-Signature',
    ]);
    assert.equal(post.fields['X-Amz-Credential'], 'AKIAIOSFODNN7EXAMPLE/20151229/eu-west-1/s3/aws4_request');
    assert.equal(post.fields['X-Amz-Date'], '20151229T000000Z');
    const policy = JSON.parse(Buffer.from(post.fields.Policy, 'base64').toString('utf8'));
    assert.deepEqual(policy, {
      expiration: '2015-12-29T00:10:00.000Z',
      conditions: [
        { bucket: 'my-bucket' },
        ['starts-with', '$key', 'test/eu-west-1:abc/'],
        ['content-length-range', 0, 5_000_000],
        { acl: 'public-read' },
        { 'Content-Type': 'image/jpeg' },
        { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' },
        { 'X-Amz-Credential': 'AKIAIOSFODNN7EXAMPLE/20151229/eu-west-1/s3/aws4_request' },
        { 'X-Amz-Date': '20151229T000000Z' },
        { 'X-Amz-Security-Token': KEYS.sessionToken },
      ],
    });
    const expected = await sdkSigner('s3', 'eu-west-1').sign(post.fields.Policy, { signingDate: new Date(AT) });
    assert.equal(post.fields['X-Amz-Signature'], expected);
  });

  test('a key without ${filename} must match exactly; an endpoint makes the URL path-style', async () => {
    const post = await createS3PostPolicy({
      credentials: KEYS,
      region: 'us-east-1',
      bucket: 'b',
      key: 'a/b.txt',
      maxSize: 10,
      endpoint: 'http://127.0.0.1:9/__emulator/s3/',
      now: () => AT,
    });
    assert.equal(post.url, 'http://127.0.0.1:9/__emulator/s3/b');
    const policy = JSON.parse(Buffer.from(post.fields.Policy, 'base64').toString('utf8'));
    assert.deepEqual(policy.conditions[1], { key: 'a/b.txt' });
  });

  test('expiresIn outside 1 s to 7 days is refused', async () => {
    await assert.rejects(presignS3Url({ credentials: KEYS, region: 'us-east-1', bucket: 'b', key: 'k', expiresIn: 604_801 }), RangeError);
    await assert.rejects(createS3PostPolicy({ credentials: KEYS, region: 'us-east-1', bucket: 'b', key: 'k', maxSize: 1, expiresIn: 0 }), RangeError);
  });
});

describe('presigned S3 URLs', () => {
  for (const method of ['GET', 'PUT'] as const) {
    test(`a presigned ${method} carries the same signature as the AWS SDK's presigner`, async () => {
      const key = "photos/my cat (1)+'s.jpg";
      const url = new URL(await presignS3Url({ credentials: KEYS, region: 'eu-west-1', bucket: 'my-bucket', key, method, expiresIn: 3600, now: () => AT }));
      assert.equal(url.host, 'my-bucket.s3.eu-west-1.amazonaws.com');
      assert.equal(decodeURIComponent(url.pathname), `/${key}`);
      assert.equal(url.searchParams.get('X-Amz-Expires'), '3600');
      assert.equal(url.searchParams.get('X-Amz-Security-Token'), KEYS.sessionToken);
      const reference = await sdkSigner('s3', 'eu-west-1').presign(
        // As the SDK's S3 presigner does: UNSIGNED-PAYLOAD in the canonical request, the header itself neither signed nor sent.
        {
          method,
          protocol: 'https:',
          hostname: url.hostname,
          path: url.pathname,
          query: {},
          headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        },
        { signingDate: new Date(AT), expiresIn: 3600, unsignableHeaders: new Set(['x-amz-content-sha256']), unhoistableHeaders: new Set(['x-amz-content-sha256']) },
      );
      assert.equal(url.searchParams.get('X-Amz-Signature'), reference.query?.['X-Amz-Signature']);
    });
  }
});

describe('PKCE and the redirect back', () => {
  /** sessionStorage's shape, for Node. */
  const pendingStore = (): PendingStore & { size: () => number } => {
    const items = new Map<string, string>();
    return {
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => void items.set(k, v),
      removeItem: (k) => void items.delete(k),
      size: () => items.size,
    };
  };
  const client = () =>
    new CognitoClient({
      userPoolId: 'us-east-1_DemoPool1',
      clientId: 'democlient0000000000000001',
      endpoint: 'http://127.0.0.1:9',
      storage: 'memory',
      srpWorker: false,
    });
  const domain = 'http://127.0.0.1:9';
  const redirectUri = 'http://localhost:3000/callback';

  test("the S256 challenge of RFC 7636's example verifier", async () => {
    assert.equal(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  test('the authorize URL asks for a code with PKCE S256, a fresh state, the provider and the scopes; the verifier stays here', async () => {
    const storage = pendingStore();
    const auth = client();
    const first = new URL(await authorizeUrl(auth, { domain: `${domain}/`, redirectUri, storage, provider: 'Google', scopes: ['openid', 'email'] }));
    const second = new URL(await authorizeUrl(auth, { domain, redirectUri, storage }));
    auth.dispose();
    assert.equal(first.origin + first.pathname, `${domain}/oauth2/authorize`);
    const p = first.searchParams;
    assert.equal(p.get('response_type'), 'code');
    assert.equal(p.get('client_id'), 'democlient0000000000000001');
    assert.equal(p.get('redirect_uri'), redirectUri);
    assert.equal(p.get('identity_provider'), 'Google');
    assert.equal(p.get('scope'), 'openid email');
    assert.equal(p.get('code_challenge_method'), 'S256');
    assert.equal(second.searchParams.has('scope'), false);
    assert.notEqual(p.get('state'), second.searchParams.get('state'));
    const pending = JSON.parse(storage.getItem(`cognito-elements:oauth:${p.get('state')}`)!);
    assert.ok(pending.verifier.length >= 43 && pending.verifier.length <= 128 && /^[A-Za-z0-9._~-]+$/.test(pending.verifier));
    assert.equal(p.get('code_challenge'), await pkceChallenge(pending.verifier));
    assert.ok(!first.toString().includes(pending.verifier), 'the verifier never leaves the tab');
  });

  test('a state this tab did not start, or none, is refused as invalid_state, and nothing is stored', async () => {
    const storage = pendingStore();
    const auth = client();
    await authorizeUrl(auth, { domain, redirectUri, storage });
    for (const url of [`${redirectUri}?code=abc&state=forged`, `${redirectUri}?code=abc`]) {
      const error = await handleRedirectCallback(auth, { domain, storage, url }).catch((e) => e);
      assert.ok(error instanceof OAuthError, String(error));
      assert.equal(error.code, 'invalid_state');
    }
    assert.equal(await auth.currentUsername(), undefined);
    assert.equal(storage.size(), 1, 'the sign-in that was started still waits');
    auth.dispose();
  });

  test('a provider error comes back as an OAuthError with its code and description, and the state is used up', async () => {
    const storage = pendingStore();
    const auth = client();
    const state = new URL(await authorizeUrl(auth, { domain, redirectUri, storage })).searchParams.get('state')!;
    const url = `${redirectUri}?error=access_denied&error_description=${encodeURIComponent('The user said no')}&state=${state}`;
    const error = await handleRedirectCallback(auth, { domain, storage, url }).catch((e) => e);
    assert.ok(error instanceof OAuthError);
    assert.equal(error.code, 'access_denied');
    assert.equal(error.description, 'The user said no');
    const again = await handleRedirectCallback(auth, { domain, storage, url }).catch((e) => e);
    assert.equal(again.code, 'invalid_state', 'a state works once');
    auth.dispose();
  });
});
