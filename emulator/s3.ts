/**
 * `/__emulator/s3/<bucket>/<key>`: just enough S3 to test what browsers do with it, with S3's
 * XML errors:
 * - GET / HEAD / PUT / DELETE of an object, signed with SigV4 either in the query string (a
 *   presigned URL, UNSIGNED-PAYLOAD) or in the Authorization header (x-amz-content-sha256 required);
 * - `POST /__emulator/s3/<bucket>`: the browser-upload form (multipart/form-data) with a POST
 *   policy signed with the SigV4 signing key, every condition enforced.
 * Objects live in the state, per bucket and key; any bucket name exists.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from './context.ts';
import { BodyTooLarge, escapeXml, headerMap, rawTarget, readRawBody, redirect, send } from './http.ts';
import { ALGORITHM, formatAmzDate, parseAmzDate, queryPairs, signingKey, SigV4Error, verifySigV4, type SigV4Failure } from './sigv4.ts';
import type { StoredObject } from './state.ts';

const MAX_BODY = 16 << 20;
const EXPOSED = 'ETag, x-amz-request-id, x-amz-id-2, x-amz-version-id, Content-Length, Content-Type, Last-Modified, Location, Date';

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string | number | undefined> = {},
  ) {
    super(message);
  }
}

/** S3's code, status and message for each SigV4 failure. */
function fromSigV4(error: SigV4Error, viaHeader: boolean): S3Error {
  const d = error.details;
  const table: Record<SigV4Failure, () => S3Error> = {
    missing: () => new S3Error(403, 'AccessDenied', 'Access Denied'),
    incomplete: () =>
      error.message.startsWith('Missing required header')
        ? new S3Error(400, 'InvalidRequest', error.message)
        : new S3Error(400, viaHeader ? 'AuthorizationHeaderMalformed' : 'AuthorizationQueryParametersError', error.message),
    unknownKey: () => new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: d.accessKeyId }),
    badToken: () => new S3Error(400, 'InvalidToken', 'The provided token is malformed or otherwise invalid.'),
    expiredCredentials: () => new S3Error(400, 'ExpiredToken', 'The provided token has expired.'),
    skew: () =>
      new S3Error(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
        RequestTime: d.amzDate,
        MaxAllowedSkewMilliseconds: 900000,
      }),
    presignExpired: () =>
      new S3Error(403, 'AccessDenied', 'Request has expired', {
        'X-Amz-Expires': d.expires,
        Expires: d.amzDate && d.expires !== undefined ? new Date(parseAmzDate(d.amzDate)! + d.expires * 1000).toISOString() : undefined,
      }),
    wrongScope: () => new S3Error(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; ${error.message.trim()}`),
    payloadHash: () => new S3Error(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed."),
    mismatch: () =>
      new S3Error(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        {
          AWSAccessKeyId: d.accessKeyId,
          StringToSign: d.stringToSign,
          SignatureProvided: d.signatureProvided,
          CanonicalRequest: d.canonicalRequest,
        },
      ),
  };
  return table[error.failure]();
}

function sendError(res: ServerResponse, error: S3Error, requestId: string, head = false): void {
  const extra = Object.entries(error.extra)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`)
    .join('');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message>${extra}<RequestId>${requestId}</RequestId><HostId>${randomBytes(24).toString('base64')}</HostId></Error>`;
  send(res, error.status, head ? '' : xml, { 'Content-Type': 'application/xml' });
}

const objectKey = (bucket: string, key: string) => `${bucket}/${key}`;

function store(emu: Emulator, bucket: string, key: string, body: Buffer, contentType: string | undefined): StoredObject {
  const object: StoredObject = {
    body: body.toString('base64'),
    // What S3 records when the upload names no type.
    contentType: contentType || 'binary/octet-stream',
    etag: `"${createHash('md5').update(body).digest('hex')}"`,
    lastModified: emu.now(),
  };
  emu.state.s3Objects[objectKey(bucket, key)] = object;
  emu.changed();
  emu.log(`s3: stored ${bucket}/${key} (${body.length} bytes, ${object.contentType})`);
  return object;
}

function decodeSegment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new S3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
  }
}

export async function handleS3(emu: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  res.setHeader('x-amz-request-id', requestId);
  res.setHeader('Access-Control-Expose-Headers', EXPOSED);
  const method = req.method ?? 'GET';
  try {
    const { path, query } = rawTarget(req);
    const match = /^\/__emulator\/s3\/([^/]+)(?:\/(.*))?$/.exec(path);
    if (!match) throw new S3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
    const bucket = decodeSegment(match[1]);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
      throw new S3Error(400, 'InvalidBucketName', 'The specified bucket is not valid.', { BucketName: bucket });
    const key = match[2] === undefined ? '' : decodeSegment(match[2]);
    let body: Buffer;
    try {
      body = await readRawBody(req, MAX_BODY);
    } catch (error) {
      if (error instanceof BodyTooLarge) throw new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
      throw error;
    }
    if (key === '') {
      if (method === 'POST') return await postUpload(emu, req, res, bucket, body);
      throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: method, ResourceType: 'BUCKET' });
    }

    try {
      verifySigV4(emu, { method, path, query, headers: headerMap(req), body }, 's3');
    } catch (error) {
      if (error instanceof SigV4Error) throw fromSigV4(error, req.headers.authorization !== undefined);
      throw error;
    }
    const stored = emu.state.s3Objects[objectKey(bucket, key)];
    switch (method) {
      case 'PUT': {
        const object = store(emu, bucket, key, body, req.headers['content-type']);
        return send(res, 200, '', { ETag: object.etag });
      }
      case 'GET':
      case 'HEAD': {
        if (!stored) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
        const params = new Map(queryPairs(query));
        const bytes = Buffer.from(stored.body, 'base64');
        // A presigned GET may override response headers (response-content-type and friends).
        const headers: Record<string, string | number> = {
          'Content-Type': params.get('response-content-type') ?? stored.contentType,
          ETag: stored.etag,
          'Last-Modified': new Date(stored.lastModified).toUTCString(),
          'Accept-Ranges': 'bytes',
        };
        if (params.has('response-content-disposition')) headers['Content-Disposition'] = params.get('response-content-disposition')!;
        if (params.has('response-cache-control')) headers['Cache-Control'] = params.get('response-cache-control')!;
        if (method === 'HEAD') {
          res.writeHead(200, { ...headers, 'Content-Length': bytes.length });
          return void res.end();
        }
        return send(res, 200, bytes, headers);
      }
      case 'DELETE':
        delete emu.state.s3Objects[objectKey(bucket, key)];
        emu.changed();
        return send(res, 204, '');
      default:
        throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: method, ResourceType: 'OBJECT' });
    }
  } catch (error) {
    if (error instanceof S3Error) return sendError(res, error, requestId, method === 'HEAD');
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// POST policy (browser form upload)

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

function parseMultipart(body: Buffer, boundary: string): Part[] {
  const malformed = () => new S3Error(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw malformed();
  pos += delimiter.length;
  const parts: Part[] = [];
  for (;;) {
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') throw malformed();
    const headerEnd = body.indexOf('\r\n\r\n', pos + 2);
    if (headerEnd < 0) throw malformed();
    const end = body.indexOf(next, headerEnd + 4);
    if (end < 0) throw malformed();
    const headers = body
      .subarray(pos + 2, headerEnd)
      .toString('utf8')
      .split('\r\n');
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw malformed();
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const contentType = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '');
    parts.push({ name, filename, contentType, data: body.subarray(headerEnd + 4, end) });
    pos = end + next.length;
  }
}

const policyFailed = (condition: unknown[]) =>
  new S3Error(403, 'AccessDenied', `Invalid according to Policy: Policy Condition failed: [${condition.map((v) => JSON.stringify(v)).join(', ')}]`);

/** Fields a policy need not mention (S3: the signature, the file, the policy and x-ignore-*). */
const EXEMPT = (name: string) => ['x-amz-signature', 'file', 'policy'].includes(name) || name.startsWith('x-ignore-');

// async so that every refusal below reaches the caller as a rejection, as from the other routes.
// eslint-disable-next-line @typescript-eslint/require-await
async function postUpload(emu: Emulator, req: IncomingMessage, res: ServerResponse, bucket: string, body: Buffer): Promise<void> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers['content-type'] ?? '');
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '') || !boundary) {
    throw new S3Error(412, 'PreconditionFailed', 'Bucket POST must be of the enclosure-type multipart/form-data', {
      Condition: 'Bucket POST must be of the enclosure-type multipart/form-data',
    });
  }
  const parts = parseMultipart(body, (boundary[1] ?? boundary[2]).trim());
  // Field names are case-insensitive; S3 ignores whatever comes after the file.
  const fields = new Map<string, string>();
  let file: Part | undefined;
  for (const part of parts) {
    if (part.name.toLowerCase() === 'file') {
      file = part;
      break;
    }
    fields.set(part.name.toLowerCase(), part.data.toString('utf8'));
  }
  if (!file) throw new S3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.', { ArgumentName: 'file', ArgumentValue: 0 });
  for (const name of ['key', 'policy', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature']) {
    if (!fields.get(name))
      throw new S3Error(400, 'InvalidArgument', `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`, {
        ArgumentName: name,
      });
  }
  if (fields.get('x-amz-algorithm') !== ALGORITHM) throw new S3Error(400, 'InvalidArgument', `X-Amz-Algorithm only supports "${ALGORITHM}"`);

  // Credentials and signature: hex HMAC of the base64 policy with the SigV4 signing key.
  const credential = fields.get('x-amz-credential')!.split('/');
  if (credential.length !== 5 || credential[3] !== 's3' || credential[4] !== 'aws4_request') {
    throw new S3Error(400, 'InvalidArgument', `Invalid X-Amz-Credential: ${fields.get('x-amz-credential')}`);
  }
  const [accessKeyId, date, region] = credential;
  const issued = emu.state.awsCredentials[accessKeyId];
  if (!issued) throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: accessKeyId });
  if (fields.get('x-amz-security-token') !== issued.sessionToken) throw new S3Error(400, 'InvalidToken', 'The provided token is malformed or otherwise invalid.');
  if (emu.now() >= issued.expiresAt) throw new S3Error(400, 'ExpiredToken', 'The provided token has expired.');
  const policyText = fields.get('policy')!;
  const expected = createHmac('sha256', signingKey(issued.secretKey, date, region, 's3'))
    .update(policyText)
    .digest('hex');
  const provided = Buffer.from(fields.get('x-amz-signature')!.toLowerCase());
  if (provided.length !== expected.length || !timingSafeEqual(provided, Buffer.from(expected))) {
    throw new S3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {
        AWSAccessKeyId: accessKeyId,
        StringToSign: policyText,
        SignatureProvided: fields.get('x-amz-signature'),
      },
    );
  }

  let policy: { expiration?: string; conditions?: unknown[] };
  try {
    policy = JSON.parse(Buffer.from(policyText, 'base64').toString('utf8'));
  } catch {
    throw new S3Error(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  if (typeof policy.expiration !== 'string' || Number.isNaN(Date.parse(policy.expiration))) {
    throw new S3Error(400, 'InvalidPolicyDocument', 'Invalid Policy: Policy missing expiration.');
  }
  if (!Array.isArray(policy.conditions)) throw new S3Error(400, 'InvalidPolicyDocument', 'Invalid Policy: Policy missing conditions.');
  if (emu.now() > Date.parse(policy.expiration)) throw new S3Error(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
  if (fields.get('x-amz-date') !== undefined && parseAmzDate(fields.get('x-amz-date')) === undefined) {
    throw new S3Error(
      400,
      'InvalidArgument',
      `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'", got ${fields.get('x-amz-date')} (now ${formatAmzDate(emu.now())})`,
    );
  }

  // ${filename} in the key is the uploaded file's name, as S3 substitutes it.
  const key = fields.get('key')!.replace('${filename}', file.filename ?? '');
  // Conditions see the fields as sent (the key before ${filename} is substituted).
  const valueOf = (name: string) => (name === 'bucket' ? bucket : fields.get(name));
  const covered = new Set<string>(['bucket']);
  for (const condition of policy.conditions) {
    if (condition && typeof condition === 'object' && !Array.isArray(condition)) {
      for (const [name, value] of Object.entries(condition)) {
        covered.add(name.toLowerCase());
        if (valueOf(name.toLowerCase()) !== value) throw policyFailed(['eq', `$${name}`, value]);
      }
      continue;
    }
    if (!Array.isArray(condition)) throw new S3Error(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid Condition.');
    const [op, target, value, max] = condition;
    if (op === 'content-length-range') {
      if (file.data.length < Number(target))
        throw new S3Error(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
          ProposedSize: file.data.length,
          MinSizeAllowed: Number(target),
        });
      if (file.data.length > Number(value))
        throw new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
          ProposedSize: file.data.length,
          MaxSizeAllowed: Number(value),
        });
      continue;
    }
    if ((op !== 'eq' && op !== 'starts-with') || typeof target !== 'string' || !target.startsWith('$') || typeof value !== 'string' || max !== undefined) {
      throw new S3Error(400, 'InvalidPolicyDocument', `Invalid Policy: Invalid Condition: ${JSON.stringify(condition)}`);
    }
    const name = target.slice(1).toLowerCase();
    covered.add(name);
    const actual = valueOf(name) ?? '';
    // For Content-Type, starts-with applies to each of a comma-separated list.
    const ok = op === 'eq' ? actual === value : (name === 'content-type' ? actual.split(',').map((v) => v.trim()) : [actual]).every((v) => v.startsWith(value));
    if (!ok) throw policyFailed(condition);
  }
  const extra = [...fields.keys()].filter((name) => !EXEMPT(name) && !covered.has(name));
  if (extra.length) throw new S3Error(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${extra.join(', ')}`);

  const object = store(emu, bucket, key, file.data, fields.get('content-type'));
  const location = `${emu.url}/__emulator/s3/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const target = fields.get('success_action_redirect') ?? fields.get('redirect');
  if (target) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new S3Error(400, 'InvalidArgument', 'success_action_redirect is not a valid URL.', { ArgumentName: 'success_action_redirect', ArgumentValue: target });
    }
    url.searchParams.set('bucket', bucket);
    url.searchParams.set('key', key);
    url.searchParams.set('etag', object.etag);
    return redirect(res, url.toString(), 303, { ETag: object.etag });
  }
  const status = fields.get('success_action_status');
  if (status === '201') {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${escapeXml(location)}</Location><Bucket>${escapeXml(bucket)}</Bucket><Key>${escapeXml(key)}</Key><ETag>${escapeXml(object.etag)}</ETag></PostResponse>`;
    return send(res, 201, xml, { 'Content-Type': 'application/xml', ETag: object.etag, Location: location });
  }
  send(res, status === '200' ? 200 : 204, '', { ETag: object.etag, Location: location });
}
