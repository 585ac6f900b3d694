// A GetCredentialsForIdentity answer without its Credentials (or without one of their fields) is a
// MalformedResponseError, not a TypeError or credentials that sign nothing. What a complete answer
// holds: AWS API reference, Amazon Cognito Identity, GetCredentialsForIdentity, Response Syntax:
// `Credentials {AccessKeyId, Expiration, SecretKey, SessionToken}` and `IdentityId`; GetId answers
// `IdentityId`. GetId goes to the emulator; the broken answers are hand-written (the emulator
// never sends them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdentityPoolCredentials } from '../../src/core/aws.ts';
import { MalformedResponseError } from '../../src/core/errors.ts';
import { withEmulator } from './support/emulator.ts';

const emulator = withEmulator();
const IDENTITY_POOL_ID = 'us-east-1:0c0c0c0c-0000-4000-8000-000000000001';
const complete = { AccessKeyId: 'ASIAEXAMPLE', SecretKey: 'secret', SessionToken: 'token', Expiration: 1_900_000_000 };

/** Answers `action` with `answer` and passes every other call on to the emulator. */
function answering(action: string, answer: unknown): typeof fetch {
  return async (input, init) => {
    if (new Headers(init?.headers).get('X-Amz-Target')?.endsWith(`.${action}`)) {
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/x-amz-json-1.1' } });
    }
    return fetch(input, init);
  };
}

/** 9 broken answers. */
const BROKEN: [string, string, unknown][] = [
  ['GetCredentialsForIdentity', 'no Credentials at all', { IdentityId: 'us-east-1:x' }],
  ['GetCredentialsForIdentity', 'Credentials null', { Credentials: null }],
  ['GetCredentialsForIdentity', 'Credentials a string', { Credentials: 'ASIA' }],
  ['GetCredentialsForIdentity', 'Credentials empty', { Credentials: {} }],
  ['GetCredentialsForIdentity', 'no SecretKey', { Credentials: { ...complete, SecretKey: undefined } }],
  ['GetCredentialsForIdentity', 'no SessionToken', { Credentials: { ...complete, SessionToken: undefined } }],
  ['GetCredentialsForIdentity', 'AccessKeyId a number', { Credentials: { ...complete, AccessKeyId: 7 } }],
  ['GetCredentialsForIdentity', 'Expiration not a date', { Credentials: { ...complete, Expiration: 'soon' } }],
  ['GetId', 'GetId without an IdentityId', {}],
];

for (const [action, what, answer] of BROKEN) {
  test(`GetCredentialsForIdentity for a guest: ${what} is a MalformedResponseError`, async () => {
    const pool = new IdentityPoolCredentials({ identityPoolId: IDENTITY_POOL_ID, endpoint: emulator().url, fetch: answering(action, answer) });
    const error = await pool.getCredentials().then(
      () => assert.fail('resolved'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof MalformedResponseError, String(error));
  });
}

test('a complete answer still gives credentials (the check refuses only what is broken)', async () => {
  const pool = new IdentityPoolCredentials({
    identityPoolId: IDENTITY_POOL_ID,
    endpoint: emulator().url,
    fetch: answering('GetCredentialsForIdentity', { Credentials: complete }),
  });
  const credentials = await pool.getCredentials();
  assert.equal(credentials.accessKeyId, 'ASIAEXAMPLE');
  assert.equal(credentials.expiration.getTime(), 1_900_000_000_000);
});
