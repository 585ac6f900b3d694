/**
 * AWS Signature Version 4, verified from scratch with node:crypto (deliberately not with aws4fetch,
 * which the client signs with: a shared misunderstanding could then never show up). Follows AWS's
 * "Create a canonical request" rules:
 *
 * - canonical URI: for every service but S3, the path as sent is normalised (empty and `.`
 *   segments dropped, `..` resolved) and each segment URI-encoded again, i.e. the raw path ends up
 *   encoded twice; for S3 the path is decoded and each segment encoded once, with no normalising.
 * - canonical query: every parameter decoded then URI-encoded (RFC 3986 unreserved characters
 *   kept), sorted by name then value; a presigned URL's own X-Amz-Signature left out.
 * - canonical headers: the SignedHeaders, lowercase, values trimmed with inner whitespace
 *   collapsed, repeated headers joined with commas.
 * - payload: `x-amz-content-sha256` when sent (it must then be the body's hash; S3 alone may say
 *   UNSIGNED-PAYLOAD), UNSIGNED-PAYLOAD for an S3 presigned URL, else the body's SHA-256.
 *
 * Credentials are the ones identity pools issued (state.awsCredentials); time is the emulator's.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Emulator } from './context.ts';
import type { IssuedCredentials } from './state.ts';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
/** How far a signed request's X-Amz-Date may be from the server clock (AWS: 15 minutes). */
export const MAX_SKEW_MS = 15 * 60_000;
/** The longest a presigned URL may live (S3: seven days). */
export const MAX_PRESIGN_SECONDS = 604_800;

export type SigV4Failure =
  | 'missing' // no signature at all
  | 'incomplete' // a signature, but malformed or missing parts
  | 'unknownKey' // an access key id the emulator never issued
  | 'badToken' // the session token is absent or not the one issued with the key
  | 'expiredCredentials'
  | 'skew' // X-Amz-Date too far from the server clock
  | 'presignExpired' // a presigned URL past X-Amz-Date + X-Amz-Expires
  | 'wrongScope' // credential scope with another date, service or terminator
  | 'payloadHash' // x-amz-content-sha256 is not the body's hash
  | 'mismatch'; // the signature itself

export interface SigV4Details {
  accessKeyId?: string;
  canonicalRequest?: string;
  stringToSign?: string;
  signatureProvided?: string;
  amzDate?: string;
  expires?: number;
}

export class SigV4Error extends Error {
  constructor(
    readonly failure: SigV4Failure,
    message: string,
    readonly details: SigV4Details = {},
  ) {
    super(message);
  }
}

export interface SignedRequest {
  method: string;
  /** Path and query exactly as sent. */
  path: string;
  query: string;
  /** Lowercase names (see http.ts headerMap). */
  headers: Record<string, string>;
  body: Buffer;
}

export interface VerifiedRequest {
  accessKeyId: string;
  credentials: IssuedCredentials;
  region: string;
  service: string;
  signedHeaders: string[];
  presigned: boolean;
}

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** kSigning = HMAC chain over date, region, service and "aws4_request", keyed first by "AWS4" + secret. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/** AWS's UriEncode: every byte but A-Z a-z 0-9 - _ . ~ as %XX (uppercase); `/` kept when asked. */
export function uriEncode(value: string, keepSlash = false): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function decode(text: string, plusIsSpace: boolean): string {
  const spaced = plusIsSpace ? text.replace(/\+/g, ' ') : text;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

export function canonicalUri(service: string, rawPath: string): string {
  if (service === 's3')
    return rawPath
      .split('/')
      .map((segment) => uriEncode(decode(segment, false)))
      .join('/');
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return `/${segments.map((segment) => uriEncode(segment)).join('/')}${trailing}`;
}

/** Query parameters decoded as a form would be (`+` is a space), the way browsers' URLSearchParams read them. */
export function queryPairs(rawQuery: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(eq < 0 ? [decode(part, true), ''] : [decode(part.slice(0, eq), true), decode(part.slice(eq + 1), true)]);
  }
  return pairs;
}

export function canonicalQuery(rawQuery: string, omitSignature: boolean): string {
  return queryPairs(rawQuery)
    .filter(([name]) => name !== '' && !(omitSignature && name === 'X-Amz-Signature'))
    .map(([name, value]) => [uriEncode(name), uriEncode(value)])
    .sort(([n1, v1], [n2, v2]) => (n1 < n2 ? -1 : n1 > n2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

const trimAll = (value: string) => value.trim().replace(/\s+/g, ' ');

/** `20240131T120000Z` -> epoch ms, or undefined when malformed. */
export function parseAmzDate(value: string | undefined): number | undefined {
  const m = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!m) return undefined;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isNaN(ms) ? undefined : ms;
}

export const formatAmzDate = (ms: number) => new Date(ms).toISOString().replace(/[:-]|\.\d{3}/g, '');

interface Parsed {
  presigned: boolean;
  credential: string;
  signedHeaders: string;
  signature: string;
  amzDate: string | undefined;
  securityToken: string | undefined;
  expires?: number;
}

/** The signature's parts, from the Authorization header or (a presigned URL) the query string. */
function parseSignature(req: SignedRequest, service: string): Parsed {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    if (!auth.startsWith(`${ALGORITHM} `)) {
      throw new SigV4Error('incomplete', `Unsupported Authorization Type. Authorization=${auth.split(' ')[0]}`);
    }
    const fields: Record<string, string> = {};
    for (const part of auth.slice(ALGORITHM.length + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    const problems = [
      ...['Credential', 'Signature', 'SignedHeaders'].filter((k) => !fields[k]).map((k) => `Authorization header requires '${k}' parameter.`),
      ...(req.headers['x-amz-date'] || req.headers.date ? [] : ["Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."]),
    ];
    if (problems.length) throw new SigV4Error('incomplete', `${problems.join(' ')} Authorization=${auth}`);
    return {
      presigned: false,
      credential: fields.Credential,
      signedHeaders: fields.SignedHeaders,
      signature: fields.Signature,
      amzDate: req.headers['x-amz-date'],
      securityToken: req.headers['x-amz-security-token'],
    };
  }
  const params = new Map(queryPairs(req.query));
  if (!params.has('X-Amz-Signature') && !params.has('X-Amz-Credential') && !params.has('X-Amz-Algorithm')) {
    throw new SigV4Error('missing', 'Missing Authentication Token');
  }
  const needed = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', ...(service === 's3' ? ['X-Amz-Expires'] : [])];
  if (needed.some((name) => !params.get(name))) {
    throw new SigV4Error('incomplete', `Query-string authentication version 4 requires the ${needed.slice(0, -1).join(', ')}, and ${needed.at(-1)} parameters.`);
  }
  if (params.get('X-Amz-Algorithm') !== ALGORITHM) {
    throw new SigV4Error('incomplete', `X-Amz-Algorithm only supports "${ALGORITHM}"`);
  }
  let expires: number | undefined;
  if (params.has('X-Amz-Expires')) {
    const text = params.get('X-Amz-Expires')!;
    expires = Number(text);
    if (!/^\d+$/.test(text)) throw new SigV4Error('incomplete', 'X-Amz-Expires should be a number');
    if (expires > MAX_PRESIGN_SECONDS) throw new SigV4Error('incomplete', `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGN_SECONDS}`);
  }
  return {
    presigned: true,
    credential: params.get('X-Amz-Credential')!,
    signedHeaders: params.get('X-Amz-SignedHeaders')!,
    signature: params.get('X-Amz-Signature')!,
    amzDate: params.get('X-Amz-Date'),
    securityToken: params.get('X-Amz-Security-Token'),
    expires,
  };
}

/**
 * Verifies a signed request for `service`, or throws SigV4Error saying what is wrong (in the order
 * AWS checks: form, key, token, expiry, scope, time, payload, signature).
 */
export function verifySigV4(emu: Emulator, req: SignedRequest, service: string): VerifiedRequest {
  const sig = parseSignature(req, service);
  const scope = sig.credential.split('/');
  if (scope.length !== 5) {
    throw new SigV4Error('incomplete', `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${sig.credential}'`);
  }
  const [accessKeyId, scopeDate, region, scopeService, terminator] = scope;
  const details: SigV4Details = { accessKeyId, signatureProvided: sig.signature, amzDate: sig.amzDate, expires: sig.expires };
  const signed = sig.signedHeaders.split(';');
  if (!signed.includes('host')) throw new SigV4Error('incomplete', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", details);
  if (!sig.presigned && !signed.includes('x-amz-date')) {
    throw new SigV4Error('incomplete', "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.", details);
  }
  const dateMs = parseAmzDate(sig.amzDate);
  if (dateMs === undefined) throw new SigV4Error('incomplete', `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`, details);

  const credentials = emu.state.awsCredentials[accessKeyId];
  if (!credentials) throw new SigV4Error('unknownKey', 'The security token included in the request is invalid.', details);
  if (sig.securityToken !== credentials.sessionToken) throw new SigV4Error('badToken', 'The security token included in the request is invalid.', details);
  const now = emu.now();
  if (now >= credentials.expiresAt) throw new SigV4Error('expiredCredentials', 'The security token included in the request is expired', details);

  if (scopeDate !== sig.amzDate!.slice(0, 8)) {
    throw new SigV4Error(
      'wrongScope',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${sig.amzDate!.slice(0, 8)}', from '${sig.amzDate}'.`,
      details,
    );
  }
  if (scopeService !== service) throw new SigV4Error('wrongScope', `Credential should be scoped to correct service: '${service}'. `, details);
  if (terminator !== 'aws4_request') {
    throw new SigV4Error('wrongScope', `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `, details);
  }
  if (region === '') throw new SigV4Error('wrongScope', 'Credential should be scoped to a valid region. ', details);

  if (sig.presigned && sig.expires !== undefined && now > dateMs + sig.expires * 1000) {
    throw new SigV4Error('presignExpired', 'Request has expired', details);
  }
  if (dateMs - now > MAX_SKEW_MS) {
    throw new SigV4Error(
      'skew',
      `Signature not yet current: ${sig.amzDate} is still later than ${formatAmzDate(now + MAX_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`,
      details,
    );
  }
  if (!sig.presigned && now - dateMs > MAX_SKEW_MS) {
    throw new SigV4Error(
      'skew',
      `Signature expired: ${sig.amzDate} is now earlier than ${formatAmzDate(now - MAX_SKEW_MS)} (${formatAmzDate(now)} - 15 min.)`,
      details,
    );
  }

  const declared = req.headers['x-amz-content-sha256'];
  const actual = sha256Hex(req.body);
  let payloadHash = actual;
  if (declared !== undefined) {
    const unsignedAllowed = service === 's3' && declared === 'UNSIGNED-PAYLOAD';
    if (!unsignedAllowed && declared !== actual) {
      throw new SigV4Error('payloadHash', "The provided 'x-amz-content-sha256' header does not match what was computed.", details);
    }
    payloadHash = declared;
  } else if (sig.presigned && service === 's3') {
    payloadHash = 'UNSIGNED-PAYLOAD';
  } else if (!sig.presigned && service === 's3') {
    throw new SigV4Error('incomplete', 'Missing required header for this request: x-amz-content-sha256', details);
  }

  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri(service, req.path),
    canonicalQuery(req.query, sig.presigned),
    signed.map((name) => `${name}:${trimAll(req.headers[name] ?? '')}\n`).join(''),
    sig.signedHeaders,
    payloadHash,
  ].join('\n');
  const credentialScope = `${scopeDate}/${region}/${scopeService}/${terminator}`;
  const stringToSign = [ALGORITHM, sig.amzDate, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const expected = createHmac('sha256', signingKey(credentials.secretKey, scopeDate, region, scopeService))
    .update(stringToSign)
    .digest('hex');
  const provided = Buffer.from(sig.signature.toLowerCase());
  if (provided.length !== expected.length || !timingSafeEqual(provided, Buffer.from(expected))) {
    throw new SigV4Error(
      'mismatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      { ...details, canonicalRequest, stringToSign },
    );
  }
  return { accessKeyId, credentials, region, service, signedHeaders: signed, presigned: sig.presigned };
}
