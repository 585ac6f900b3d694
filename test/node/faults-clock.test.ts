// The emulator's test controls: injected faults (errors, dropped connections, broken bodies,
// delays), the movable clock that expires tokens and codes without sleeping, and reset.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitoIdentityProviderClient, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  CLIENT_ID,
  PASSWORD,
  POOL_ID,
  advanceClock,
  call,
  clearFaults,
  getClock,
  injectFault,
  latestCode,
  listFaults,
  outbox,
  passwordSignIn,
  resetEmulator,
  setClockOffset,
  withEmulator,
} from './support/emulator.ts';

const emulator = withEmulator();

// Each test leaves the clock on real time and no fault pending, whatever happened.
afterEach(async () => {
  const { url } = emulator();
  await setClockOffset(url, 0);
  await clearFaults(url);
});

const signInInput = { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'demo', PASSWORD } };

test('an injected TooManyRequestsException answers exactly `count` calls of that action, then service resumes', async () => {
  const { url } = emulator();
  await injectFault(url, { action: 'InitiateAuth', count: 2, status: 400, errorType: 'TooManyRequestsException', message: 'Rate exceeded' });

  for (let i = 0; i < 2; i++) {
    const res = await call(url, 'InitiateAuth', signInInput);
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { __type: 'TooManyRequestsException', message: 'Rate exceeded' });
    assert.equal(res.headers.get('x-amzn-ErrorType')?.split(':')[0], 'TooManyRequestsException');
    // Other actions are not affected meanwhile.
    assert.equal((await call(url, 'DescribeUserPool', { UserPoolId: POOL_ID })).status, 200);
  }
  const third = await call(url, 'InitiateAuth', signInInput);
  assert.equal(third.status, 200, third.text);
  assert.ok(third.body.AuthenticationResult.AccessToken);
  assert.deepEqual(await listFaults(url), []);
});

test('the AWS SDK recognises an injected TooManyRequestsException as throttling and retries past it', async () => {
  const { url } = emulator();
  await injectFault(url, { action: 'DescribeUserPool', count: 1, errorType: 'TooManyRequestsException', message: 'Rate exceeded' });
  const sdk = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const out = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: POOL_ID }));
  assert.equal(out.UserPool?.Id, POOL_ID);
  assert.equal(out.$metadata.attempts, 2, 'one throttled attempt, one that succeeded');
  sdk.destroy();
});

test('a fault without an action applies to the next call of any action', async () => {
  const { url } = emulator();
  await injectFault(url, { status: 500, errorType: 'InternalErrorException' });
  const res = await call(url, 'DescribeUserPool', { UserPoolId: POOL_ID });
  assert.equal(res.status, 500);
  assert.equal(res.body.__type, 'InternalErrorException');
  assert.equal((await call(url, 'DescribeUserPool', { UserPoolId: POOL_ID })).status, 200);
});

test('drop: true closes the connection, so fetch rejects with a network error', async () => {
  const { url } = emulator();
  await injectFault(url, { action: 'InitiateAuth', drop: true });
  await assert.rejects(call(url, 'InitiateAuth', signInInput), TypeError);
  assert.equal((await call(url, 'InitiateAuth', signInInput)).status, 200);
});

test('malformed: true answers 200 with a body that is not valid JSON', async () => {
  const { url } = emulator();
  await injectFault(url, { action: 'InitiateAuth', malformed: true });
  const res = await call(url, 'InitiateAuth', signInInput);
  assert.equal(res.status, 200);
  assert.throws(() => JSON.parse(res.text), SyntaxError);
  assert.equal(res.body, undefined);
  const next = await call(url, 'InitiateAuth', signInInput);
  assert.equal(next.status, 200);
  assert.ok(next.body.AuthenticationResult);
});

test('delayMs delays a call that then succeeds, and the fault is used up', async () => {
  const { url } = emulator();
  await injectFault(url, { action: 'InitiateAuth', delayMs: 50 });
  assert.equal((await listFaults(url)).length, 1);
  const res = await call(url, 'InitiateAuth', signInInput);
  assert.equal(res.status, 200, res.text);
  assert.ok(res.body.AuthenticationResult.AccessToken);
  assert.deepEqual(await listFaults(url), []);
});

test('DELETE /__emulator/faults clears pending faults', async () => {
  const { url } = emulator();
  await injectFault(url, { action: 'InitiateAuth', count: 5, errorType: 'TooManyRequestsException' });
  await clearFaults(url);
  assert.deepEqual(await listFaults(url), []);
  assert.equal((await call(url, 'InitiateAuth', signInInput)).status, 200);
});

test('an access token that worked is refused as expired after the clock moves two hours', async () => {
  const { url } = emulator();
  const { AccessToken } = await passwordSignIn(url, 'demo');
  assert.equal((await call(url, 'GetUser', { AccessToken })).status, 200);

  await advanceClock(url, 2 * 3600_000);
  const res = await call(url, 'GetUser', { AccessToken });
  assert.equal(res.status, 400);
  assert.equal(res.body.__type, 'NotAuthorizedException');
  assert.equal(res.body.message, 'Access Token has expired');
});

test('a sign-up code is refused as expired after the clock moves 25 hours', async () => {
  const { url } = emulator();
  const signUp = await call(url, 'SignUp', {
    ClientId: CLIENT_ID,
    Username: 'late-confirmer',
    Password: PASSWORD,
    UserAttributes: [{ Name: 'email', Value: 'late-confirmer@example.com' }],
  });
  assert.equal(signUp.status, 200, signUp.text);
  const code = await latestCode(url, 'late-confirmer', 'signup');

  await advanceClock(url, 25 * 3600_000);
  const res = await call(url, 'ConfirmSignUp', { ClientId: CLIENT_ID, Username: 'late-confirmer', ConfirmationCode: code });
  assert.equal(res.status, 400);
  assert.equal(res.body.__type, 'ExpiredCodeException');
});

test('GET /__emulator/clock reports the offset and the shifted time', async () => {
  const { url } = emulator();
  assert.equal((await getClock(url)).offsetMs, 0);
  const moved = await advanceClock(url, 90_000);
  assert.equal(moved.offsetMs, 90_000);
  const clock = await getClock(url);
  assert.equal(clock.offsetMs, 90_000);
  // The reported time is real time plus the offset (a minute of slack is not a timing threshold).
  assert.ok(Math.abs(Date.parse(clock.now) - (Date.now() + 90_000)) < 60_000, clock.now);
  assert.equal((await advanceClock(url, 10_000)).offsetMs, 100_000, 'advances add up');
});

test('POST /__emulator/reset restores the seed: new users, codes, faults and clock offset are gone', async () => {
  const { url } = emulator();
  const signUp = await call(url, 'SignUp', {
    ClientId: CLIENT_ID,
    Username: 'short-lived',
    Password: PASSWORD,
    UserAttributes: [{ Name: 'email', Value: 'short-lived@example.com' }],
  });
  assert.equal(signUp.status, 200, signUp.text);
  const { AccessToken } = await passwordSignIn(url, 'demo');
  await advanceClock(url, 60_000);
  await injectFault(url, { action: 'GetUser', count: 3, errorType: 'TooManyRequestsException' });

  await resetEmulator(url);

  assert.deepEqual(await listFaults(url), []);
  assert.equal((await getClock(url)).offsetMs, 0);
  assert.deepEqual(await outbox(url), []);
  const gone = await call(url, 'AdminGetUser', { UserPoolId: POOL_ID, Username: 'short-lived' });
  assert.equal(gone.body?.__type, 'UserNotFoundException', gone.text);
  // The pool's signing keys are new, so tokens from before the reset are no longer accepted.
  const stale = await call(url, 'GetUser', { AccessToken });
  assert.equal(stale.status, 400);
  assert.equal(stale.body.__type, 'NotAuthorizedException');
  // The seed is back in full.
  assert.ok((await passwordSignIn(url, 'demo')).AccessToken);
});
