/**
 * The HTTP face of the emulator: Cognito's awsJson 1.1 protocol on `POST /`, CORS for the browser
 * pages the access policy allows (access.ts), the JWKS and OpenID documents per pool, and test
 * controls under `/__emulator/`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccessPolicy, type Caller } from './access.ts';
import type { Emulator, HandlerMap } from './context.ts';
import * as E from './errors.ts';
import { ServiceError } from './errors.ts';
import type { FaultList } from './faults.ts';
import { handleAwsEcho } from './echo.ts';
import { handleOAuth, isOAuthPath } from './oauth.ts';
import { handleS3 } from './s3.ts';
import { jwks, openIdConfiguration } from './tokens.ts';

const SERVICES = ['AWSCognitoIdentityProviderService', 'AWSCognitoIdentityService'];
const EXPOSED = 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date';
const MAX_BODY = 1 << 20;

export interface ServerParts {
  emu: Emulator;
  handlers: HandlerMap;
  /** Cognito Identity (identity pools): `AWSCognitoIdentityService.<Action>` on the same `POST /`. */
  identityHandlers?: HandlerMap;
  faults: FaultList;
  /** Who may call: Host names, browser origins, the control token. */
  access: AccessPolicy;
  /** Puts the state back to the seed (POST /__emulator/reset). */
  reset(): Promise<void>;
}

/** CORS only for pages the access policy allows; any other origin gets nothing it could read. */
function cors(caller: Caller, res: ServerResponse): void {
  res.setHeader('Vary', 'Origin');
  const origin = caller.kind === 'local-page' || caller.kind === 'allowed-page' ? caller.origin : caller.kind === 'refused' ? caller.readableBy : undefined;
  if (origin === undefined) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', EXPOSED);
}

/**
 * The media types of the protocol. Requiring one keeps the API and the controls out of reach of
 * "simple" cross-site requests (forms, text/plain fetches), which a browser sends without asking.
 * The AWS SDK v3 (awsJson1_1), amazon-cognito-identity-js (Client.js) and Amplify v6 all send
 * application/x-amz-json-1.1; 1.0 is the other awsJson version.
 */
const mediaType = (req: IncomingMessage) => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
const AWS_JSON = new Set(['application/x-amz-json-1.1', 'application/x-amz-json-1.0']);

function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, error: ServiceError, contentType = 'application/x-amz-json-1.1'): void {
  res.setHeader('x-amzn-ErrorType', `${error.type}:`);
  // Cognito sends messages only in the body; the header form is for the codes some SDKs read first.
  sendJson(res, error.status, { __type: error.type, message: error.message }, contentType);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(E.InvalidParameter('Request body too large.'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw E.Serialization('Unable to parse the request body as JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw E.Serialization('Start of structure or map found where not expected.');
  }
  return value as Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function handleAction(parts: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { emu, handlers, faults } = parts;
  const requestId = randomUUID();
  res.setHeader('x-amzn-RequestId', requestId);
  const target = String(req.headers['x-amz-target'] ?? '');
  const dot = target.lastIndexOf('.');
  const service = target.slice(0, dot);
  const action = target.slice(dot + 1);
  const body = await readBody(req);
  if (!AWS_JSON.has(mediaType(req))) {
    // What real Cognito answers for another media type is not documented; AWS's JSON front end picks
    // the protocol by Content-Type, so an unknown one is an operation it cannot find.
    return sendError(res, new ServiceError('UnknownOperationException', `Content-Type must be application/x-amz-json-1.1 (got ${JSON.stringify(mediaType(req))}).`));
  }
  const serviceHandlers = service === 'AWSCognitoIdentityService' ? (parts.identityHandlers ?? {}) : handlers;

  if (!SERVICES.includes(service) || !Object.hasOwn(serviceHandlers, action)) {
    // What AWS's JSON protocol front end answers for an operation it does not know.
    return sendError(res, new ServiceError('UnknownOperationException', ''));
  }
  const fault = faults.take(action);
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault && faults.stall(fault, req, res)) return;
  // Half an answer, then the connection dies: unlike a silent close, a browser cannot mistake
  // this for a stale keep-alive connection and quietly send the request again.
  const drop = () => {
    req.socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n');
    req.socket.destroy();
  };
  if (fault?.drop) return drop();
  if (fault?.malformed) {
    res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
    res.end('{"AuthenticationResult": {"AccessToken": "ey');
    return;
  }
  if (fault?.status !== undefined) {
    return sendError(res, new ServiceError(fault.errorType!, fault.message ?? 'Injected fault.', fault.status));
  }

  try {
    const input = parseJson(body);
    const output = await serviceHandlers[action](input as never, {
      emu,
      requestId,
      action,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      ...(typeof req.headers.origin === 'string' ? { origin: req.headers.origin } : {}),
    });
    if (fault?.dropAfter) return drop();
    sendJson(res, 200, output ?? {}, 'application/x-amz-json-1.1');
  } catch (error) {
    if (error instanceof ServiceError) return sendError(res, error);
    emu.log(`internal error in ${action}: ${(error as Error).stack ?? error}`);
    sendError(res, E.InternalError('An internal error occurred.'));
  }
}

async function handleControl(parts: ServerParts, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
  const { emu, faults } = parts;
  const method = req.method ?? 'GET';
  const hasBody = method === 'POST' || method === 'PUT';
  if (hasBody && mediaType(req) !== 'application/json') {
    return sendJson(res, 415, { message: `${method} ${path} needs Content-Type: application/json (got ${JSON.stringify(mediaType(req))})` });
  }
  const body = hasBody ? parseJson(await readBody(req)) : {};
  switch (`${method} ${path}`) {
    case 'GET /__emulator/outbox': {
      const filters = ['pool', 'username', 'destination', 'purpose'] as const;
      const messages = emu.state.outbox.filter((m) => filters.every((f) => !query.has(f) || m[f] === query.get(f)));
      return sendJson(res, 200, messages);
    }
    case 'DELETE /__emulator/outbox':
      emu.state.outbox = [];
      emu.changed();
      return sendJson(res, 200, { cleared: true });
    case 'GET /__emulator/faults':
      return sendJson(res, 200, faults.list());
    case 'POST /__emulator/faults':
      return sendJson(res, 200, faults.add(body));
    case 'DELETE /__emulator/faults':
      faults.clear();
      return sendJson(res, 200, { cleared: true });
    case 'GET /__emulator/clock':
      return sendJson(res, 200, { now: new Date(emu.now()).toISOString(), offsetMs: emu.state.clockOffsetMs });
    case 'POST /__emulator/clock': {
      if (typeof body.offsetMs === 'number') emu.state.clockOffsetMs = body.offsetMs;
      else if (typeof body.advanceMs === 'number') emu.state.clockOffsetMs += body.advanceMs;
      else throw E.InvalidParameter('Give offsetMs (absolute) or advanceMs (relative), in milliseconds.');
      emu.changed();
      return sendJson(res, 200, { now: new Date(emu.now()).toISOString(), offsetMs: emu.state.clockOffsetMs });
    }
    case 'POST /__emulator/reset':
      faults.clear();
      await parts.reset();
      return sendJson(res, 200, { reset: true });
    default:
      return sendJson(res, 404, { message: `No emulator control at ${method} ${path}` });
  }
}

/** The request listener: never throws, always answers (or deliberately drops, for a fault). */
export function createListener(parts: ServerParts) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      // The emulator's clock (with the test-controlled offset) is the server time clients see.
      res.setHeader('Date', new Date(parts.emu.now()).toUTCString());
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      const surface = AccessPolicy.surface(req.method ?? 'GET', path, String(req.headers['x-amz-target'] ?? ''));
      const caller = parts.access.caller(req, surface);
      cors(caller, res);
      if (caller.kind === 'refused') {
        parts.emu.log(`refused ${req.method} ${path}: ${caller.reason}`);
        // A refused navigation (a form post, a link) is read by a person in a browser tab or frame:
        // plain JSON, which every browser shows; Firefox and WebKit download x-amz-json instead.
        const shown = req.headers['sec-fetch-mode'] === 'navigate' ? 'application/json' : undefined;
        return sendError(res, new ServiceError('AccessDeniedException', `The cognito-elements emulator refused this request: ${caller.reason}.`, 403), shown);
      }
      if (req.method === 'OPTIONS') {
        // Only an allowed page (or a tool) gets here; a tool's OPTIONS gets no CORS headers.
        const privateNetwork = req.headers['access-control-request-private-network'] === 'true';
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
          'Access-Control-Max-Age': '86400',
          // Chrome's Private Network Access: an allowed public origin calling this loopback server.
          ...(privateNetwork && caller.kind !== 'tool' ? { 'Access-Control-Allow-Private-Network': 'true' } : {}),
        });
        return void res.end();
      }
      if (path === '/' && req.method === 'POST') return await handleAction(parts, req, res);
      // SigV4-protected stand-ins for AWS services, then the hosted UI, before the test controls.
      if (path.startsWith('/__emulator/aws/')) return await handleAwsEcho(parts.emu, req, res);
      if (path.startsWith('/__emulator/s3/')) {
        // Stored objects are served from the emulator's own (loopback, so trusted) origin, which S3
        // never shares with Cognito: a sandboxed document cannot script the emulator from there.
        res.setHeader('Content-Security-Policy', 'sandbox');
        return await handleS3(parts.emu, req, res);
      }
      if (isOAuthPath(path)) return await handleOAuth(parts.emu, req, res, url);
      if (path.startsWith('/__emulator/')) return await handleControl(parts, req, res, path, url.searchParams);
      const wellKnown = /^\/([\w-]+_[0-9A-Za-z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(path);
      if (wellKnown && req.method === 'GET') {
        const pool = parts.emu.state.pools[wellKnown[1]];
        if (!pool) return sendJson(res, 404, { message: `User pool ${wellKnown[1]} does not exist.` });
        return sendJson(res, 200, wellKnown[2] === 'jwks.json' ? jwks(pool) : openIdConfiguration(parts.emu, pool));
      }
      if (path === '/' && req.method === 'GET') {
        return sendJson(res, 200, { service: 'cognito-elements emulator', pools: Object.keys(parts.emu.state.pools) });
      }
      sendJson(res, 404, { message: `Not found: ${req.method} ${path}` });
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (error instanceof ServiceError) return sendError(res, error);
      parts.emu.log(`internal error: ${(error as Error).stack ?? error}`);
      sendError(res, E.InternalError('An internal error occurred.'));
    }
  };
}
