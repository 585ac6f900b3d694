/**
 * `/__emulator/aws/<service>/<any path>`: a SigV4-protected endpoint standing in for API Gateway
 * (`execute-api`), AppSync (`appsync`) or any other service. It verifies the signature with the
 * secret the identity pool issued and answers with what it saw, so a client's signing is tested
 * against an independent verifier rather than against itself.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from './context.ts';
import { BodyTooLarge, headerMap, rawTarget, readRawBody, sendJson } from './http.ts';
import { queryPairs, SigV4Error, verifySigV4, type SigV4Failure } from './sigv4.ts';

const MAX_BODY = 4 << 20;
const EXPOSED = 'x-amzn-RequestId, x-amzn-ErrorType, x-amz-apigw-id, Date, Content-Length';

/** The error code each failure gets, as API Gateway / STS name them (all answered with 403). */
const ERROR_TYPES: Record<SigV4Failure, string> = {
  missing: 'MissingAuthenticationToken',
  incomplete: 'IncompleteSignature',
  unknownKey: 'InvalidClientTokenId',
  badToken: 'InvalidClientTokenId',
  expiredCredentials: 'ExpiredToken',
  skew: 'RequestTimeTooSkewed',
  presignExpired: 'AccessDenied',
  wrongScope: 'SignatureDoesNotMatch',
  payloadHash: 'SignatureDoesNotMatch',
  mismatch: 'SignatureDoesNotMatch',
};

export async function handleAwsEcho(emu: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  res.setHeader('x-amzn-RequestId', requestId);
  res.setHeader('Access-Control-Expose-Headers', EXPOSED);
  const { path, query } = rawTarget(req);
  const match = /^\/__emulator\/aws\/([^/]+)(\/.*)?$/.exec(path);
  if (!match) return sendJson(res, 404, { message: 'Use /__emulator/aws/<service>/<path>, e.g. /__emulator/aws/execute-api/prod/items' });
  const service = match[1];
  let body: Buffer;
  try {
    body = await readRawBody(req, MAX_BODY);
  } catch (error) {
    if (error instanceof BodyTooLarge) return sendJson(res, 413, { message: error.message }, { Connection: 'close' });
    throw error;
  }
  const headers = headerMap(req);
  const method = req.method ?? 'GET';
  try {
    const verified = verifySigV4(emu, { method, path, query, headers, body }, service);
    const queryObject: Record<string, string | string[]> = {};
    for (const [name, value] of queryPairs(query)) {
      const seen = queryObject[name];
      queryObject[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
    }
    sendJson(res, 200, {
      ok: true,
      service,
      region: verified.region,
      accessKeyId: verified.accessKeyId,
      identityId: verified.credentials.identityId,
      authenticated: verified.credentials.authenticated,
      method,
      path,
      resource: match[2] ?? '/',
      query: queryObject,
      body: body.toString('utf8'),
      signedHeaders: verified.signedHeaders,
      presigned: verified.presigned,
    });
  } catch (error) {
    if (!(error instanceof SigV4Error)) throw error;
    const type = ERROR_TYPES[error.failure];
    const { canonicalRequest, stringToSign } = error.details;
    // Like API Gateway, a signature mismatch says what the server signed, to make debugging possible.
    const message = canonicalRequest
      ? `${error.message}\n\nThe Canonical String for this request should have been\n'${canonicalRequest}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`
      : error.message;
    res.setHeader('x-amzn-ErrorType', type);
    sendJson(res, 403, { __type: type, message });
  }
}
