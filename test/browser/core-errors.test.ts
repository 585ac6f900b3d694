// How the headless core client fails, in real Chromium against the emulator: dropped connections,
// bodies that are not JSON, throttling and server errors (the emulator's fault injection), an
// expired sign-in, an aborted sign-in and a revoked session. Retries only where repeating a call
// cannot do harm, typed errors always, and nothing lost: a failed MFA answer leaves the MFA step.
import { expect } from '@open-wc/testing';
import { CognitoError, MalformedResponseError, NetworkError, SignedOutError, SignInStateError } from '../../src/core/index.ts';
import {
  advanceClock,
  clearFaults,
  cognito,
  countingFetch,
  createUser,
  enrolTotp,
  expectStep,
  holdEmulator,
  injectFault,
  latestCode,
  newClient,
  POOL_ID,
  recordEvents,
  rejectionOf,
  restoreClock,
  totp,
} from './support/core.ts';

/** A user with TOTP MFA and a client of its own that counts its calls, waiting at the TOTP step. */
async function atTotpStep() {
  const user = await createUser();
  const secret = await enrolTotp(user);
  const counted = countingFetch();
  const { client } = newClient({ fetch: counted.fetch });
  expectStep(await client.signIn({ username: user.username, password: user.password }), 'TOTP_CODE');
  return { user, secret, client, calls: counted.calls };
}

describe('core errors: faults injected by the emulator', () => {
  holdEmulator('exclusive');

  // Chromium itself re-sends a request, unseen by the page, when a reused keep-alive connection
  // closes without an answer (it takes that for the server closing an idle connection), up to a few
  // times. So these tests drop more connections than Chromium re-sends, and take the rest of the
  // drops away (clearFaults) at the moment the core's own retry is to get through.
  const DROPS = 10;

  it('retries InitiateAuth after a dropped connection, and the sign-in succeeds', async () => {
    const user = await createUser();
    const counted = countingFetch(async (action, nth) => {
      if (action === 'InitiateAuth' && nth === 2) await clearFaults();
    });
    const { client } = newClient({ fetch: counted.fetch });
    await injectFault({ action: 'InitiateAuth', drop: true, count: DROPS });

    const done = expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    expect(done.session.username).to.equal(user.username);
    expect(counted.calls('InitiateAuth')).to.equal(2);
  });

  it('gives up on InitiateAuth after three attempts that all lose their connection, with NetworkError', async () => {
    const user = await createUser();
    const counted = countingFetch();
    const { client } = newClient({ fetch: counted.fetch });
    await injectFault({ action: 'InitiateAuth', drop: true, count: 3 * DROPS });

    const error = await rejectionOf(client.signIn({ username: user.username, password: user.password }));
    expect(error).to.be.instanceOf(NetworkError);
    expect(counted.calls('InitiateAuth')).to.equal(3);
    await clearFaults(); // drops left over must not reach another page's sign-in
  });

  it('gives up on a throttled InitiateAuth after three attempts with TooManyRequestsException', async () => {
    const user = await createUser();
    const counted = countingFetch();
    const { client } = newClient({ fetch: counted.fetch });
    await injectFault({ action: 'InitiateAuth', errorType: 'TooManyRequestsException', status: 400, count: 5 });

    const error = await rejectionOf(client.signIn({ username: user.username, password: user.password }));
    expect(error).to.be.instanceOf(CognitoError);
    expect(error.code).to.equal('TooManyRequestsException');
    expect(error.retryable).to.equal(true);
    expect(counted.calls('InitiateAuth')).to.equal(3);
  });

  it('does not retry RespondToAuthChallenge after a dropped connection: NetworkError, and the TOTP step waits for the code again', async () => {
    const { secret, client, calls } = await atTotpStep();
    const before = calls('RespondToAuthChallenge');
    await injectFault({ action: 'RespondToAuthChallenge', drop: true, count: DROPS });

    const error = await rejectionOf(client.confirmSignIn({ code: totp(secret) }));
    expect(error).to.be.instanceOf(NetworkError);
    expect(error.code).to.equal('NetworkError');
    expect(calls('RespondToAuthChallenge') - before).to.equal(1);
    expect(client.currentStep?.step).to.equal('TOTP_CODE');
    await clearFaults(); // the drops Chromium did not use up

    expectStep(await client.confirmSignIn({ code: totp(secret) }), 'DONE');
  });

  it('turns a body that is not JSON into a MalformedResponseError, and the TOTP step is still there', async () => {
    const { secret, client } = await atTotpStep();
    await injectFault({ action: 'RespondToAuthChallenge', malformed: true, count: 1 });

    const error = await rejectionOf(client.confirmSignIn({ code: totp(secret) }));
    expect(error).to.be.instanceOf(MalformedResponseError);
    expect(error.status).to.equal(200);
    expect(client.currentStep?.step).to.equal('TOTP_CODE');

    expectStep(await client.confirmSignIn({ code: totp(secret) }), 'DONE');
  });

  it('retries GetUser after TooManyRequestsException, and getUser succeeds', async () => {
    const user = await createUser();
    const counted = countingFetch();
    const { client } = newClient({ fetch: counted.fetch });
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    await injectFault({ action: 'GetUser', errorType: 'TooManyRequestsException', status: 400, count: 1 });

    const me = await client.getUser();
    expect(me.username).to.equal(user.username);
    expect(counted.calls('GetUser')).to.equal(2);
  });

  it('does not retry a 500 on ConfirmForgotPassword (it consumes a code): the error surfaces, and the code still works after', async () => {
    const user = await createUser();
    const counted = countingFetch();
    const { client } = newClient({ fetch: counted.fetch });
    await client.forgotPassword({ username: user.username });
    const code = await latestCode(user.username, 'forgot_password');
    await injectFault({ action: 'ConfirmForgotPassword', status: 500, count: 1 });

    const error = await rejectionOf(client.confirmForgotPassword({ username: user.username, code, newPassword: 'Rec0veredPass' }));
    expect(error).to.be.instanceOf(CognitoError);
    expect(error.status).to.equal(500);
    expect(error.code).to.equal('InternalErrorException');
    expect(counted.calls('ConfirmForgotPassword')).to.equal(1);

    await client.confirmForgotPassword({ username: user.username, code, newPassword: 'Rec0veredPass' });
    expectStep(await client.signIn({ username: user.username, password: 'Rec0veredPass' }), 'DONE');
  });

  it('ends a sign-in whose Cognito session expired (past AuthSessionValidity) with SignInStateError sessionExpired', async () => {
    const { secret, client } = await atTotpStep();
    // AuthSessionValidity is 3 minutes: four pass while the user looks for the code.
    const offset = await advanceClock(4 * 60_000);
    try {
      const error = await rejectionOf(client.confirmSignIn({ code: totp(secret) }));
      expect(error).to.be.instanceOf(SignInStateError);
      expect(error.sessionExpired).to.equal(true);
      expect(client.currentStep).to.equal(undefined);
    } finally {
      await restoreClock(offset);
    }
  });

  it('aborts a sign-in in flight with an AbortError when its signal fires, and the client still signs in afterwards', async () => {
    const user = await createUser();
    const controller = new AbortController();
    let aborting = false;
    // Abort about 50 ms after the (delayed) InitiateAuth has gone out.
    const counted = countingFetch((action) => {
      if (action === 'InitiateAuth' && !aborting) {
        aborting = true;
        setTimeout(() => controller.abort(), 50);
      }
    });
    const { client } = newClient({ fetch: counted.fetch });
    await injectFault({ action: 'InitiateAuth', delayMs: 2000, count: 1 });

    const error = await rejectionOf(client.signIn({ username: user.username, password: user.password, signal: controller.signal }));
    expect(error).to.be.instanceOf(DOMException);
    expect(error.name).to.equal('AbortError');
    expect(counted.calls('InitiateAuth')).to.equal(1);
    expect(client.currentStep).to.equal(undefined);

    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
  });
});

describe('core errors: sessions that end', () => {
  holdEmulator('shared');

  it('a refresh with a revoked refresh token is SignedOutError, with session-expired and signed-out events', async () => {
    const user = await createUser();
    const { client } = newClient();
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    const expired = recordEvents(client, 'session-expired');
    const signedOut = recordEvents(client, 'signed-out');
    // An administrator signs the user out everywhere: every refresh token of theirs is revoked.
    await cognito('AdminUserGlobalSignOut', { UserPoolId: POOL_ID, Username: user.username });

    const error = await rejectionOf(client.getSession({ forceRefresh: true }));
    expect(error).to.be.instanceOf(SignedOutError);
    expect(expired).to.have.length(1);
    expect(expired[0].error).to.equal(error);
    expect(signedOut.filter((e) => e.reason === 'expired')).to.have.length(1);
    // The session is gone for good, not just for that call.
    expect(await rejectionOf(client.getSession())).to.be.instanceOf(SignedOutError);
  });

  it('confirmSignIn without a sign-in in progress is SignInStateError, not a request', async () => {
    const counted = countingFetch();
    const { client } = newClient({ fetch: counted.fetch });
    const error = await rejectionOf(client.confirmSignIn({ code: '123456' }));
    expect(error).to.be.instanceOf(SignInStateError);
    expect(error.sessionExpired).to.equal(false);
    expect(counted.calls('RespondToAuthChallenge')).to.equal(0);
  });
});
