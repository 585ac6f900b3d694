/**
 * Calling AWS with the user's identity: a `fetch` that signs every request with SigV4 (API Gateway
 * `execute-api`, AppSync `appsync`, any service), presigned S3 URLs, the S3 POST policy for browser
 * uploads, and a `fetch` that sends the user-pool JWT for APIs that take it. SigV4 itself is
 * aws4fetch's; only the POST policy (which aws4fetch does not do) derives a signing key, in
 * sigv4-key.ts. Both load on first use, so an app that never signs does not download them.
 */
import type { CognitoClient } from './client.ts';
import type { Credentials } from './credentials.ts';
import { ConfigurationError } from './errors.ts';
import { checkedRegion, checkedUrl } from './wire.ts';

/**
 * Where credentials come from: an IdentityPoolCredentials (whose server clock then also dates the
 * signatures), a function, or fixed credentials.
 */
export type CredentialsSource =
  | { getCredentials(): Promise<Credentials>; serverNow?(): number }
  | (() => Promise<Credentials> | Credentials)
  | Pick<Credentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;

interface SigningInput {
  credentials: CredentialsSource;
  region: string;
  /** The clock to date signatures with (ms); by default the credentials' server clock, else the device's. */
  now?: () => number;
}

type Keys = Pick<Credentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;

async function keysFrom(source: CredentialsSource): Promise<Keys> {
  if (typeof source === 'function') return source();
  if ('getCredentials' in source) return source.getCredentials();
  return source;
}

function clockOf(input: SigningInput): () => number {
  if (input.now) return input.now;
  const source = input.credentials;
  if (typeof source === 'object' && 'serverNow' in source && typeof source.serverNow === 'function') return () => source.serverNow!();
  return () => Date.now();
}

/** SigV4's timestamp, e.g. 20240101T120000Z. AWS refuses signatures more than 15 minutes off its clock. */
const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[:-]|\.\d{3}/g, '');

// ---------------------------------------------------------------------------------------------
// Signed fetch

export interface SignedFetchOptions extends SigningInput {
  /** The SigV4 service name: `execute-api` (API Gateway), `appsync`, `s3`, `lambda`, ... */
  service: string;
  /** The fetch that sends the signed request (defaults to the global one). */
  fetch?: typeof fetch;
}

/**
 * A `fetch` that signs each request with the current credentials (fetched, and renewed, per
 * request). Any body fetch accepts works: it is read once to be hashed into the signature.
 *
 *   const api = createSignedFetch({ credentials, service: 'execute-api', region: 'eu-west-1' });
 *   await api('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items', { method: 'POST', body });
 */
export function createSignedFetch(options: SignedFetchOptions): typeof fetch {
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = clockOf(options);
  return async (input, init) => {
    // A Request normalizes every kind of body (FormData, Blob, URLSearchParams, streams) to bytes
    // and sets the Content-Type that goes with it. GET and HEAD never have one, and fetch refuses
    // them with any body, even empty; Firefox has no Request.prototype.body to say "none" (undefined).
    const request = new Request(input, init);
    const body = request.body === null || request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    const keys = await keysFrom(options.credentials);
    const { AwsV4Signer } = await import('aws4fetch');
    const signed = await new AwsV4Signer({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body,
      ...keys,
      service: options.service,
      region: options.region,
      datetime: amzDate(now()),
    }).sign();
    return send(signed.url.toString(), {
      method: request.method,
      headers: signed.headers,
      body,
      signal: request.signal,
      credentials: request.credentials,
      cache: request.cache,
      redirect: request.redirect,
      referrerPolicy: request.referrerPolicy,
      keepalive: request.keepalive,
    });
  };
}

// ---------------------------------------------------------------------------------------------
// S3

/** Where an object is: `https://<bucket>.s3.<region>.amazonaws.com/<key>`, or `<endpoint>/<bucket>/<key>` (path style). */
function objectUrl(region: string, bucket: string, key = '', endpoint?: string): string {
  // Each segment encoded as S3 expects, slashes kept.
  const path = key
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
  // Bucket and region go into the host name, the endpoint is the host: none may name another.
  // (Letters, digits, dots, hyphens and, in legacy us-east-1 names, underscores: nothing that ends a host name.)
  if (!/^[\w.-]{1,255}$/.test(bucket)) throw new ConfigurationError('bucket', `Not an S3 bucket name: ${JSON.stringify(bucket)}`);
  const base =
    endpoint !== undefined
      ? `${checkedUrl(endpoint, 'endpoint').href.replace(/\/+$/, '')}/${bucket}`
      : `https://${bucket}.s3.${checkedRegion(region)}.amazonaws.com`;
  return key ? `${base}/${path}` : base;
}

/** Seconds a presigned URL or POST policy lasts: S3 allows 1 s to 7 days. */
function checkExpiresIn(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 604_800)
    throw new RangeError(`expiresIn must be a whole number of seconds from 1 to 604800, not ${seconds}`);
  return seconds;
}

export interface PresignS3UrlOptions extends SigningInput {
  bucket: string;
  key: string;
  method?: 'GET' | 'PUT';
  /** Seconds the URL works (default 900). It also stops working when the credentials that signed it expire. */
  expiresIn?: number;
  /** Another S3 endpoint (path style), e.g. `https://s3.eu-west-1.amazonaws.com` for bucket names with dots, or the emulator's. */
  endpoint?: string;
}

/**
 * A URL that lets whoever holds it GET (e.g. an `<img src>`) or PUT one object, signed in its query
 * string with UNSIGNED-PAYLOAD, so the body of a PUT is not part of the signature.
 */
export async function presignS3Url(options: PresignS3UrlOptions): Promise<string> {
  const url = new URL(objectUrl(options.region, options.bucket, options.key, options.endpoint));
  url.searchParams.set('X-Amz-Expires', String(checkExpiresIn(options.expiresIn ?? 900)));
  const { AwsV4Signer } = await import('aws4fetch');
  const signed = await new AwsV4Signer({
    method: options.method ?? 'GET',
    url: url.toString(),
    ...(await keysFrom(options.credentials)),
    service: 's3',
    region: options.region,
    datetime: amzDate(clockOf(options)()),
    signQuery: true,
  }).sign();
  return signed.url.toString();
}

export interface S3PostPolicyOptions extends SigningInput {
  bucket: string;
  /** The object's key; `${filename}` in it is replaced by S3 with the uploaded file's name (e.g. `uploads/<identity id>/${filename}`). */
  key: string;
  /** The largest upload accepted, in bytes. */
  maxSize: number;
  /** The smallest (default 0). */
  minSize?: number;
  /** Seconds the policy can be used (default 900). */
  expiresIn?: number;
  /** A canned ACL such as `public-read`; leave out for buckets without ACLs (the default since 2023). */
  acl?: string;
  /** The exact Content-Type the upload must declare (a field of the form). */
  contentType?: string;
  /** More form fields the upload must carry exactly as given (e.g. `success_action_status`, `x-amz-meta-*`). */
  fields?: Record<string, string>;
  /** Another S3 endpoint (path style), as for presignS3Url. */
  endpoint?: string;
}

export interface S3PostPolicy {
  /** Where to POST the multipart form. */
  url: string;
  /** The form's fields, in order; append the file last, as S3 requires. */
  fields: Record<string, string>;
  /** When the policy stops being accepted. */
  expiration: Date;
}

/**
 * The form for a browser upload straight to S3 (the seed's "HTTP Presigned Post"): a policy listing
 * what the upload may be, signed with the SigV4 key of the credentials.
 *
 *   const { url, fields } = await createS3PostPolicy({ credentials, region, bucket, key, maxSize });
 *   const form = new FormData();
 *   for (const [name, value] of Object.entries(fields)) form.append(name, value);
 *   form.append('file', file);
 *   await fetch(url, { method: 'POST', body: form });
 */
export async function createS3PostPolicy(options: S3PostPolicyOptions): Promise<S3PostPolicy> {
  const keys = await keysFrom(options.credentials);
  const now = clockOf(options)();
  const datetime = amzDate(now);
  const credential = `${keys.accessKeyId}/${datetime.slice(0, 8)}/${options.region}/s3/aws4_request`;
  const expiration = new Date(now + checkExpiresIn(options.expiresIn ?? 900) * 1000);

  const fields: Record<string, string> = { key: options.key };
  if (options.acl) fields.acl = options.acl;
  if (options.contentType) fields['Content-Type'] = options.contentType;
  Object.assign(fields, options.fields);
  fields['X-Amz-Algorithm'] = 'AWS4-HMAC-SHA256';
  fields['X-Amz-Credential'] = credential;
  fields['X-Amz-Date'] = datetime;
  if (keys.sessionToken) fields['X-Amz-Security-Token'] = keys.sessionToken;

  // Every field but the key is an exact match; the key may end in ${filename}, known only to S3.
  const filename = options.key.indexOf('${filename}');
  const conditions: unknown[] = [
    { bucket: options.bucket },
    filename >= 0 ? ['starts-with', '$key', options.key.slice(0, filename)] : { key: options.key },
    ['content-length-range', options.minSize ?? 0, options.maxSize],
    ...Object.entries(fields)
      .filter(([name]) => name !== 'key')
      .map(([name, value]) => ({ [name]: value })),
  ];
  const policy = base64(new TextEncoder().encode(JSON.stringify({ expiration: expiration.toISOString(), conditions })));
  const { policySignature } = await import('./sigv4-key.ts');
  fields.Policy = policy;
  fields['X-Amz-Signature'] = policySignature(policy, keys.secretAccessKey, datetime.slice(0, 8), options.region);
  return { url: objectUrl(options.region, options.bucket, '', options.endpoint), fields, expiration };
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// ---------------------------------------------------------------------------------------------
// JWT

export interface JwtFetchOptions {
  /** Which token to send: the ID token (default; API Gateway's Cognito authorizer) or the access token. */
  token?: 'id' | 'access';
  /** Put before the token, e.g. 'Bearer' (HTTP APIs' JWT authorizers accept either). Default: the bare token, as the seed does. */
  scheme?: string;
  fetch?: typeof fetch;
}

/**
 * A `fetch` that sends the signed-in user's token in `Authorization`, refreshed first when it is
 * about to expire. The API must verify it (e.g. with aws-jwt-verify) before trusting any claim.
 */
export function createJwtFetch(client: CognitoClient, options: JwtFetchOptions = {}): typeof fetch {
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async (input, init) => {
    const session = await client.getSession();
    const token = options.token === 'access' ? session.accessToken : session.idToken;
    const request = new Request(input, init);
    request.headers.set('Authorization', options.scheme ? `${options.scheme} ${token}` : token);
    return send(request);
  };
}
