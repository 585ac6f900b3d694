// The JWT recipe of docs/aws-access.md, both halves: the core's createJwtFetch sends the signed-in user's ID
// token, and examples/jwt-backend/server.mjs accepts it only after aws-jwt-verify has checked it
// against the emulator's JWKS. A token with a changed claim, an access token where an ID token is
// expected, and no token at all are refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitoClient } from '../../src/core/index.ts';
import { createJwtFetch } from '../../src/core/aws.ts';
import { createVerifier, startServer } from '../../examples/jwt-backend/server.mjs';
import { CLIENT_ID, PASSWORD, POOL_ID, USERS, jwtClaims, withEmulator } from './support/emulator.ts';

const emulator = withEmulator();
let api: { url: string; close(): Promise<void> };
let auth: CognitoClient;

before(async () => {
  const { url } = await emulator.ready;
  api = await startServer({ verifier: createVerifier({ clientId: CLIENT_ID, issuer: `${url}/${POOL_ID}` }), port: 0 });
  auth = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: url, storage: 'memory', srpWorker: false, authFlow: 'USER_PASSWORD_AUTH' });
  const step = await auth.signIn({ username: USERS.demo, password: PASSWORD });
  assert.equal(step.step, 'DONE');
});

after(async () => {
  auth?.dispose();
  await api?.close();
});

/** The ID token with one claim changed and the signature left as it was. */
function tampered(token: string): string {
  const [header, , signature] = token.split('.');
  const claims = { ...jwtClaims(token), email: 'someone-else@example.com' };
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

test('createJwtFetch sends the ID token, and the backend answers with the verified claims', async () => {
  const response = await createJwtFetch(auth)(`${api.url}/api/me`);
  assert.equal(response.status, 200);
  const body = await response.json();
  const session = await auth.getSession();
  assert.equal(body.sub, session.claims.sub);
  assert.equal(body.username, USERS.demo);
  assert.equal(body.email, USERS.demoEmail);
});

test('"Bearer <token>" is accepted too', async () => {
  const response = await createJwtFetch(auth, { scheme: 'Bearer' })(`${api.url}/api/me`);
  assert.equal(response.status, 200);
});

test('a token whose claims were changed after signing is refused', async () => {
  const { idToken } = await auth.getSession();
  const response = await fetch(`${api.url}/api/me`, { headers: { Authorization: tampered(idToken) } });
  assert.equal(response.status, 401);
  assert.equal((await response.json()).error, 'invalid_token');
});

test('an access token is refused where an ID token is expected, and so is no token', async () => {
  const access = await createJwtFetch(auth, { token: 'access' })(`${api.url}/api/me`);
  assert.equal(access.status, 401);
  const none = await fetch(`${api.url}/api/me`);
  assert.equal(none.status, 401);
});
