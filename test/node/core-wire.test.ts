// The core's single request path (src/core/wire.ts) and the errors the client reports, in Node
// against the emulator: Cognito's error forms turned into typed errors, answers that make no sense,
// retries only for idempotent actions, abort signals, and the server clock read from `Date` (which
// signs the SRP TIMESTAMP). The emulator's faults produce what it can; a hand-written fetch answers
// only what it cannot (the header-only error form, `Message`, a non-JSON error page, a JSON array,
// a missing or unreadable `Date`).
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitoClient, CognitoElementsError, CognitoError, MalformedResponseError, NetworkError } from '../../src/core/index.ts';
import { Actions } from '../../src/core/actions.ts';
import { Wire } from '../../src/core/wire.ts';
import { coreClient } from './support/core.ts';
import { CLIENT_ID, PASSWORD, USERS, clearFaults, injectFault, passwordSignIn, setClockOffset, withEmulator } from './support/emulator.ts';

const emulator = withEmulator();

// Each test leaves the emulator's clock on real time and no fault pending, whatever happened.
afterEach(async () => {
  const { url } = emulator();
  await setClockOffset(url, 0);
  await clearFaults(url);
});

/** A fetch that passes every request on and notes each one's action, to count attempts. */
function counting(inner: typeof fetch = fetch) {
  const actions: string[] = [];
  const wrapped: typeof fetch = (input, init) => {
    actions.push(new Headers(init?.headers).get('X-Amz-Target')?.split('.').pop() ?? '');
    return inner(input, init);
  };
  return { fetch: wrapped, actions, attempts: (action: string) => actions.filter((a) => a === action).length };
}

/** A hand-written answer, for the forms the emulator never sends. */
function answering(status: number, body: string, headers: Record<string, string> = {}): typeof fetch {
  return async () => new Response(body, { status, headers: { 'Content-Type': 'application/x-amz-json-1.1', ...headers } });
}

function wireFor(fetchImpl: typeof fetch, endpoint = emulator().url): Wire {
  return new Wire({ region: 'us-east-1', endpoint, fetch: fetchImpl });
}

const clientFor = (fetchImpl: typeof fetch = fetch): CognitoClient => coreClient(emulator().url, { fetch: fetchImpl });

async function demoAccessToken(): Promise<string> {
  return (await passwordSignIn(emulator().url, USERS.demo)).AccessToken;
}

/** Runs fn and returns what it rejected with; fails if it resolved. */
async function rejection(fn: () => Promise<unknown>): Promise<any> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

const signInPassword = { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: USERS.demo, PASSWORD } };

describe("Cognito's error answers", () => {
  test('the x-amzn-ErrorType header form `namespace#Code:url` names the error when the body has no __type', async () => {
    const wire = wireFor(
      answering(400, JSON.stringify({ message: 'Incorrect username or password.' }), {
        'x-amzn-ErrorType': 'com.amazon.coral.service#NotAuthorizedException:http://internal.amazon.com/coral/com.amazon.coral.service/',
        'x-amzn-RequestId': 'req-1',
      }),
    );
    const error = await rejection(() => wire.call(Actions.InitiateAuth, signInPassword));
    assert.ok(error instanceof CognitoError, String(error));
    assert.equal(error.code, 'NotAuthorizedException');
    assert.equal(error.name, 'NotAuthorizedException');
    assert.equal(error.message, 'Incorrect username or password.');
    assert.equal(error.status, 400);
    assert.equal(error.requestId, 'req-1');
    assert.equal(error.retryable, false);
  });

  test('a namespaced __type in the body is normalised too, and wins over the header', async () => {
    const wire = wireFor(
      answering(400, JSON.stringify({ __type: 'com.amazonaws.cognito.identity.idp.model#UserNotFoundException', message: 'User does not exist.' }), {
        'x-amzn-ErrorType': 'InternalErrorException:',
      }),
    );
    const error = await rejection(() => wire.call(Actions.InitiateAuth, signInPassword));
    assert.ok(error instanceof CognitoError, String(error));
    assert.equal(error.code, 'UserNotFoundException');
  });

  test("the emulator's error (`__type`, `message`, header `Code:`) becomes a CognitoError with its message", async () => {
    const { url } = emulator();
    await injectFault(url, { action: 'InitiateAuth', status: 400, errorType: 'PasswordResetRequiredException', message: 'Password reset required for the user' });
    const error = await rejection(() => wireFor(fetch).call(Actions.InitiateAuth, signInPassword));
    assert.ok(error instanceof CognitoError, String(error));
    assert.equal(error.code, 'PasswordResetRequiredException');
    assert.equal(error.message, 'Password reset required for the user');
    assert.equal(error.status, 400);
    assert.match(error.requestId ?? '', /^[0-9a-f-]{36}$/, 'the x-amzn-RequestId');
  });

  test('`Message` (capitalised, as some AWS front ends send it) is the message as well', async () => {
    const wire = wireFor(answering(400, JSON.stringify({ __type: 'LimitExceededException', Message: 'Attempt limit exceeded, please try after some time.' })));
    const error = await rejection(() => wire.call(Actions.InitiateAuth, signInPassword));
    assert.ok(error instanceof CognitoError, String(error));
    assert.equal(error.code, 'LimitExceededException');
    assert.equal(error.message, 'Attempt limit exceeded, please try after some time.');
  });

  test("an error answer whose body is not JSON (a proxy's HTML page) is a MalformedResponseError with its status, not retried", async () => {
    const counter = counting(answering(403, '<html><body>Forbidden</body></html>', { 'Content-Type': 'text/html', 'x-amzn-RequestId': 'req-2' }));
    const error = await rejection(() => wireFor(counter.fetch).call(Actions.GetUser, { AccessToken: 'x' }));
    assert.ok(error instanceof MalformedResponseError, String(error));
    assert.equal(error.status, 403);
    assert.equal(error.requestId, 'req-2');
    assert.equal(counter.attempts('GetUser'), 1);
  });

  test("a 5xx whose body is not JSON (a gateway's 503 page) is retried on an idempotent action, like any 5xx", async () => {
    const counter = counting(answering(503, '<html><body>Service Unavailable</body></html>', { 'Content-Type': 'text/html' }));
    const error = await rejection(() => wireFor(counter.fetch).call(Actions.GetUser, { AccessToken: 'x' }));
    assert.ok(error instanceof CognitoElementsError, String(error));
    assert.equal((error as { status?: number }).status, 503);
    assert.equal(counter.attempts('GetUser'), 3, 'the request was not acted upon: worth repeating, as the AWS SDKs do');

    const once = counting(answering(503, '<html><body>Service Unavailable</body></html>', { 'Content-Type': 'text/html' }));
    await rejection(() => wireFor(once.fetch).call(Actions.ConfirmSignUp, { ClientId: CLIENT_ID, Username: 'u', ConfirmationCode: '1' }));
    assert.equal(once.attempts('ConfirmSignUp'), 1, 'never for a non-idempotent action');
  });

  test('a 200 whose JSON is not an object (an array, null, a string) is a MalformedResponseError', async () => {
    for (const body of ['[]', '[{"AuthenticationResult":{}}]', 'null', '"ok"', '42']) {
      const error = await rejection(() => wireFor(answering(200, body)).call(Actions.InitiateAuth, signInPassword));
      assert.ok(error instanceof MalformedResponseError, `${body}: ${error}`);
      assert.equal(error.status, 200);
    }
  });

  test("the emulator's `malformed` fault on InitiateAuth makes sign-in reject with MalformedResponseError", async () => {
    const { url } = emulator();
    await injectFault(url, { action: 'InitiateAuth', malformed: true });
    const client = clientFor();
    try {
      const error = await rejection(() => client.signIn({ username: USERS.demo, password: PASSWORD }));
      assert.ok(error instanceof MalformedResponseError, String(error));
      // The fault was used up: the next sign-in works.
      const step = await client.signIn({ username: USERS.demo, password: PASSWORD });
      assert.equal(step.step, 'DONE');
    } finally {
      client.dispose();
    }
  });
});

describe('retries', () => {
  test('a connection dropped on an idempotent action (GetUser) is tried 3 times, then NetworkError', async () => {
    const { url } = emulator();
    const token = await demoAccessToken();
    await injectFault(url, { action: 'GetUser', count: 10, drop: true });
    const counter = counting();
    const error = await rejection(() => wireFor(counter.fetch).call(Actions.GetUser, { AccessToken: token }));
    assert.ok(error instanceof NetworkError, String(error));
    assert.ok(error.cause, 'the network failure is kept as the cause');
    assert.equal(counter.attempts('GetUser'), 3);
  });

  test('a connection dropped once on GetUser is retried, and the signed-in client gets the user', async () => {
    const { url } = emulator();
    const counter = counting();
    const client = clientFor(counter.fetch);
    try {
      assert.equal((await client.signIn({ username: USERS.demo, password: PASSWORD })).step, 'DONE');
      await injectFault(url, { action: 'GetUser', count: 1, drop: true });
      const user = await client.getUser();
      assert.equal(user.username, 'demo');
      assert.equal(counter.attempts('GetUser'), 2);
    } finally {
      client.dispose();
    }
  });

  test('TooManyRequestsException is retried: twice throttled then answered takes 3 attempts; throttled throughout rejects after 3', async () => {
    const { url } = emulator();
    const token = await demoAccessToken();
    await injectFault(url, { action: 'GetUser', count: 2, errorType: 'TooManyRequestsException', message: 'Rate exceeded' });
    let counter = counting();
    const user = await wireFor(counter.fetch).call(Actions.GetUser, { AccessToken: token });
    assert.equal(user.Username, 'demo');
    assert.equal(counter.attempts('GetUser'), 3);

    await injectFault(url, { action: 'GetUser', count: 10, errorType: 'TooManyRequestsException', message: 'Rate exceeded' });
    counter = counting();
    const error = await rejection(() => wireFor(counter.fetch).call(Actions.GetUser, { AccessToken: token }));
    assert.ok(error instanceof CognitoError, String(error));
    assert.equal(error.code, 'TooManyRequestsException');
    assert.equal(error.retryable, true);
    assert.equal(counter.attempts('GetUser'), 3);
  });

  test('a non-idempotent action (ConfirmSignUp) is sent once, whether the connection drops or Cognito throttles', async () => {
    const { url } = emulator();
    const counter = counting();
    const client = clientFor(counter.fetch);
    try {
      await injectFault(url, { action: 'ConfirmSignUp', count: 10, drop: true });
      const dropped = await rejection(() => client.confirmSignUp({ username: USERS.unconfirmed, code: '123456' }));
      assert.ok(dropped instanceof NetworkError, String(dropped));
      assert.equal(counter.attempts('ConfirmSignUp'), 1);

      await clearFaults(url);
      await injectFault(url, { action: 'ConfirmSignUp', count: 10, errorType: 'TooManyRequestsException', message: 'Rate exceeded' });
      const throttled = await rejection(() => client.confirmSignUp({ username: USERS.unconfirmed, code: '123456' }));
      assert.ok(throttled instanceof CognitoError, String(throttled));
      assert.equal(throttled.code, 'TooManyRequestsException');
      assert.equal(counter.attempts('ConfirmSignUp'), 2, 'one more call, no retry');
    } finally {
      client.dispose();
    }
  });

  test('an AbortSignal aborted before the call rejects with its reason, fetch called at most once', async () => {
    const counter = counting();
    const wire = wireFor(counter.fetch);
    const reason = new Error('the user went away');
    const error = await rejection(() => wire.call(Actions.GetUser, { AccessToken: 'x' }, { signal: AbortSignal.abort(reason) }));
    assert.equal(error, reason);
    assert.ok(counter.attempts('GetUser') <= 1, `fetch called ${counter.attempts('GetUser')} times`);

    const plain = await rejection(() => wire.call(Actions.GetUser, { AccessToken: 'x' }, { signal: AbortSignal.abort() }));
    assert.equal(plain.name, 'AbortError');
    assert.ok(counter.attempts('GetUser') <= 2);
  });

  test('aborting while waiting to retry stops the retries', { timeout: 30_000 }, async () => {
    const { url } = emulator();
    await injectFault(url, { action: 'GetUser', count: 10, drop: true });
    const controller = new AbortController();
    // Abort in the next macrotask after the first attempt failed: by then the Wire waits to retry
    // (everything from the failure to the wait is microtasks), and the wait is as long as setTimeout allows.
    const counter = counting(async (input, init) => {
      try {
        return await fetch(input, init);
      } finally {
        setTimeout(() => controller.abort(), 0);
      }
    });
    const wire = new Wire({ region: 'us-east-1', endpoint: url, fetch: counter.fetch, retry: { baseDelayMs: 2 ** 31 - 1, maxDelayMs: 2 ** 31 - 1 } });
    const error = await rejection(() => wire.call(Actions.GetUser, { AccessToken: 'x' }, { signal: controller.signal }));
    assert.equal(error.name, 'AbortError');
    assert.equal(counter.attempts('GetUser'), 1);
  });
});

describe("the server's clock", () => {
  test('serverNow() follows the Date header of the latest answer (emulator clock 1 h ahead, then back)', async () => {
    const { url } = emulator();
    const wire = wireFor(fetch);
    assert.equal(wire.clockSkewMs, 0, 'no answer yet: device time');

    await setClockOffset(url, 3_600_000);
    await wire.call(Actions.InitiateAuth, signInPassword);
    // Date has whole seconds: the skew is within a second or two of the offset.
    assert.ok(Math.abs(wire.serverNow() - Date.now() - 3_600_000) < 5_000, `skew ${wire.clockSkewMs}`);

    // An error answer carries the server's time too.
    await setClockOffset(url, 0);
    await rejection(() => wire.call(Actions.GetUser, { AccessToken: 'not-a-token' }));
    assert.ok(Math.abs(wire.serverNow() - Date.now()) < 5_000, `skew ${wire.clockSkewMs}`);
  });

  test('an answer without a Date header, or with one that is not a date, leaves the skew as it was', async () => {
    const ahead = new Date(Date.now() + 3_600_000).toUTCString();
    let date: string | undefined = ahead;
    const wire = wireFor(async () => new Response('{}', { status: 200, headers: date === undefined ? {} : { Date: date } }));
    await wire.call(Actions.GetUser, { AccessToken: 'x' });
    const skew = wire.clockSkewMs;
    assert.ok(Math.abs(skew - 3_600_000) < 5_000, `skew ${skew}`);
    date = undefined;
    await wire.call(Actions.GetUser, { AccessToken: 'x' });
    assert.equal(wire.clockSkewMs, skew);
    date = 'yesterday-ish';
    await wire.call(Actions.GetUser, { AccessToken: 'x' });
    assert.equal(wire.clockSkewMs, skew);
  });

  test("SRP sign-in works with the emulator's clock 2 h ahead: the TIMESTAMP is signed with server time", async () => {
    const { url } = emulator();
    await setClockOffset(url, 2 * 3_600_000);
    const client = clientFor();
    try {
      const step = await client.signIn({ username: USERS.demo, password: PASSWORD });
      assert.equal(step.step, 'DONE');
      assert.ok(Math.abs(client.wire.serverNow() - Date.now() - 7_200_000) < 5_000, `skew ${client.wire.clockSkewMs}`);
    } finally {
      client.dispose();
    }
  });

  test('control: without the Date header the same sign-in signs device time, and the emulator refuses it', async () => {
    const { url } = emulator();
    await setClockOffset(url, 2 * 3_600_000);
    const withoutDate: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.delete('Date');
      return new Response(await response.text(), { status: response.status, headers });
    };
    const client = clientFor(withoutDate);
    try {
      const error = await rejection(() => client.signIn({ username: USERS.demo, password: PASSWORD }));
      assert.ok(error instanceof CognitoError, String(error));
      assert.equal(error.code, 'NotAuthorizedException');
    } finally {
      client.dispose();
    }
  });
});
