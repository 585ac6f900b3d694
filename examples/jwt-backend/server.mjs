// The backend half of "send the JWT": a Node route that believes nothing in a Cognito token until
// aws-jwt-verify has checked its signature (against the pool's JWKS), its issuer, its expiry, its
// token_use and its client. Only then does it read a claim.
//
//   USER_POOL_ID=eu-west-1_AbC123 CLIENT_ID=... node examples/jwt-backend/server.mjs
//   # against the local emulator (npm run emulator): name its issuer, whose JWKS is plain http
//   ISSUER=http://127.0.0.1:9229/us-east-1_DemoPool1 CLIENT_ID=democlient0000000000000001 node examples/jwt-backend/server.mjs
//
// In the browser: `createJwtFetch(auth)('http://127.0.0.1:3001/api/me')` (see the README).
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';

/**
 * A verifier for the pool's ID tokens (or access tokens, with tokenUse 'access'). With `issuer`,
 * for a Cognito-compatible server that is not AWS (the emulator): the same Cognito checks, and a
 * JWKS fetcher that also speaks http (aws-jwt-verify's own speaks only https).
 */
export function createVerifier({ userPoolId, clientId, tokenUse = 'id', issuer, jwksUri }) {
  if (!issuer) return CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse });
  const fetcher = {
    async fetch(uri) {
      const response = await fetch(uri);
      if (!response.ok) throw new Error(`${uri} answered HTTP ${response.status}`);
      return response.arrayBuffer();
    },
  };
  return JwtVerifier.create(
    {
      issuer,
      jwksUri: jwksUri ?? `${issuer}/.well-known/jwks.json`,
      // ID tokens name the client in `aud`; access tokens in `client_id`, with no `aud`.
      audience: tokenUse === 'id' ? clientId : null,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId }),
    },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
}

/** The token from `Authorization: <token>` or `Authorization: Bearer <token>`. */
function tokenOf(request) {
  const header = request.headers.authorization ?? '';
  return header.replace(/^Bearer\s+/i, '').trim();
}

/**
 * Starts the API: GET /api/me answers the verified claims of the caller, 401 without a valid
 * token. CORS lets a page on another origin send the Authorization header.
 */
export function startServer({ verifier, port = 3001, host = '127.0.0.1', allowOrigin = '*' }) {
  const server = createServer(async (request, response) => {
    const send = (status, body) => {
      response.writeHead(status, {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': allowOrigin,
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Allow-Methods': 'GET, OPTIONS',
      });
      response.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (request.method === 'OPTIONS') return send(204);
    if (request.method !== 'GET' || new URL(request.url, 'http://x').pathname !== '/api/me') return send(404, { error: 'not_found' });
    let claims;
    try {
      claims = await verifier.verify(tokenOf(request));
    } catch (error) {
      // Say why to the caller's developer, but never trust or echo the token's contents.
      return send(401, { error: 'invalid_token', message: error instanceof Error ? error.message : String(error) });
    }
    send(200, { sub: claims.sub, username: claims['cognito:username'] ?? claims.username, email: claims.email });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ url: `http://${host}:${actual}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

// Run directly: configuration from the environment.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { USER_POOL_ID, CLIENT_ID, TOKEN_USE = 'id', ISSUER, JWKS_URI, PORT = '3001', ALLOW_ORIGIN = '*' } = process.env;
  if (!CLIENT_ID || (!USER_POOL_ID && !ISSUER)) {
    console.error('Set CLIENT_ID and USER_POOL_ID (or ISSUER for the emulator).');
    process.exit(1);
  }
  const verifier = createVerifier({ userPoolId: USER_POOL_ID, clientId: CLIENT_ID, tokenUse: TOKEN_USE, issuer: ISSUER, jwksUri: JWKS_URI });
  const { url } = await startServer({ verifier, port: Number(PORT), allowOrigin: ALLOW_ORIGIN });
  console.log(`GET ${url}/api/me with Authorization: <${TOKEN_USE} token>`);
}
