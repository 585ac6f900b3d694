// aws-jwt-verify, the library AWS recommends for checking Cognito tokens, verifying the
// emulator's tokens against the emulator's own JWKS. CognitoJwtVerifier derives the issuer from
// the AWS hostname, so the generic JwtVerifier is pointed at the emulator's issuer, and the
// Cognito-specific checks run through aws-jwt-verify's own validateCognitoJwtFields.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { JwtInvalidSignatureError, KidNotFoundInJwksError } from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { generateKeyPair, SignJWT } from 'jose';
import { CLIENT_ID, POOL_ID, call, jwtClaims, passwordSignIn, withEmulator } from './support/emulator.ts';

const emulator = withEmulator();
let tokens: { AccessToken: string; IdToken: string; ExpiresIn: number };

/** aws-jwt-verify's Node fetcher speaks only https; the emulator is plain http on localhost. */
const httpJwksCache = () =>
  new SimpleJwksCache({
    fetcher: {
      async fetch(uri: string) {
        const response = await fetch(uri);
        if (response.status !== 200) throw new Error(`${uri} answered ${response.status}`);
        return response.arrayBuffer();
      },
    },
  });

function verifier(tokenUse: 'access' | 'id') {
  const { url } = emulator();
  return JwtVerifier.create(
    {
      issuer: `${url}/${POOL_ID}`,
      jwksUri: `${url}/${POOL_ID}/.well-known/jwks.json`,
      // ID tokens carry the client id as `aud`; access tokens carry it as `client_id` and have no aud.
      audience: tokenUse === 'id' ? CLIENT_ID : null,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId: CLIENT_ID }),
    },
    { jwksCache: httpJwksCache() },
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

before(async () => {
  const { url } = await emulator.ready;
  tokens = await passwordSignIn(url, 'demo');
});

test("aws-jwt-verify accepts the access token, which carries Cognito's access-token claims", async () => {
  const { url } = emulator();
  const payload = await verifier('access').verify(tokens.AccessToken);
  assert.equal(payload.iss, `${url}/${POOL_ID}`);
  assert.equal(payload.token_use, 'access');
  assert.equal(payload.client_id, CLIENT_ID);
  assert.equal(payload.username, 'demo');
  assert.equal(payload.scope, 'aws.cognito.signin.user.admin');
  assert.match(String(payload.sub), UUID);
  assert.match(String(payload.origin_jti), UUID);
  assert.match(String(payload.event_id), UUID);
  assert.match(String(payload.jti), UUID);
  assert.equal(payload.aud, undefined, 'Cognito access tokens have no aud claim');
  assert.equal(typeof payload.auth_time, 'number');
  assert.ok((payload.auth_time as number) <= payload.iat!);
  assert.equal(payload.exp! - payload.iat!, tokens.ExpiresIn, 'exp - iat matches ExpiresIn');
});

test("aws-jwt-verify accepts the ID token, with the user's attributes and custom:plan", async () => {
  const payload = await verifier('id').verify(tokens.IdToken);
  const access = jwtClaims(tokens.AccessToken);
  assert.equal(payload.token_use, 'id');
  assert.equal(payload.aud, CLIENT_ID);
  assert.equal(payload['cognito:username'], 'demo');
  assert.equal(payload.email, 'demo@example.com');
  assert.equal(payload.email_verified, true, 'email_verified is a JSON boolean in the ID token');
  assert.equal(payload.name, 'Demo User');
  assert.equal(payload['custom:plan'], 'pro');
  // Both tokens of one sign-in share the subject, the token family, the event and the auth time.
  assert.equal(payload.sub, access.sub);
  assert.equal(payload.origin_jti, access.origin_jti);
  assert.equal(payload.event_id, access.event_id);
  assert.equal(payload.auth_time, access.auth_time);
  assert.notEqual(payload.jti, access.jti);
});

test('an access token does not pass as an ID token, nor an ID token as an access token', async () => {
  await assert.rejects(verifier('id').verify(tokens.AccessToken));
  await assert.rejects(verifier('access').verify(tokens.IdToken));
});

test('serves an OpenID configuration whose issuer and jwks_uri match the tokens', async () => {
  const { url } = emulator();
  const response = await fetch(`${url}/${POOL_ID}/.well-known/openid-configuration`);
  assert.equal(response.status, 200);
  const config = (await response.json()) as Record<string, any>;
  assert.equal(config.issuer, `${url}/${POOL_ID}`);
  assert.equal(config.issuer, jwtClaims(tokens.IdToken).iss);
  assert.equal(config.jwks_uri, `${url}/${POOL_ID}/.well-known/jwks.json`);
  assert.ok(config.id_token_signing_alg_values_supported.includes('RS256'));
});

test('serves a JWKS of public RSA keys only, including the key that signed the tokens', async () => {
  const { url } = emulator();
  const jwks = (await (await fetch(`${url}/${POOL_ID}/.well-known/jwks.json`)).json()) as { keys: Record<string, string>[] };
  assert.ok(jwks.keys.length >= 1);
  const kid = JSON.parse(Buffer.from(tokens.AccessToken.split('.')[0], 'base64url').toString()).kid;
  const key = jwks.keys.find((k) => k.kid === kid);
  assert.ok(key, 'the signing key is published');
  assert.equal(key.kty, 'RSA');
  assert.equal(key.alg, 'RS256');
  assert.equal(key.use, 'sig');
  for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(key[secret], undefined, `no private member ${secret}`);
});

test('answers 404 for the JWKS of a pool that does not exist', async () => {
  const { url } = emulator();
  const response = await fetch(`${url}/us-east-1_NoSuchPool/.well-known/jwks.json`);
  assert.equal(response.status, 404);
});

test('rejects a token with the same claims signed by another key, in aws-jwt-verify and in the emulator', async () => {
  const { url } = emulator();
  const { privateKey } = await generateKeyPair('RS256');
  const claims = jwtClaims(tokens.AccessToken);
  const header = JSON.parse(Buffer.from(tokens.AccessToken.split('.')[0], 'base64url').toString());
  // Same kid as the pool's key: only the signature can give the forgery away.
  const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: header.kid }).sign(privateKey);
  await assert.rejects(verifier('access').verify(forged), JwtInvalidSignatureError);

  // A kid the pool does not publish is refused as well.
  const otherKid = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'not-a-pool-key' }).sign(privateKey);
  await assert.rejects(verifier('access').verify(otherKid), KidNotFoundInJwksError);

  const res = await call(url, 'GetUser', { AccessToken: forged });
  assert.equal(res.status, 400);
  assert.equal(res.body.__type, 'NotAuthorizedException');
  assert.equal(res.body.message, 'Invalid Access Token');
  // Sanity: the genuine token is accepted by the same action.
  const genuine = await call(url, 'GetUser', { AccessToken: tokens.AccessToken });
  assert.equal(genuine.status, 200, genuine.text);
});
