// The rest of the user-pool API through the client: the user's sessions on other devices, and
// `request` for any action by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitoClient, CognitoError, SignedOutError } from '../../src/core/index.ts';
import { CLIENT_ID, PASSWORD, POOL_ID, callOk, withEmulator } from './support/emulator.ts';

const emulator = withEmulator();

async function userWithTwoDevices(): Promise<{ username: string; here: CognitoClient; elsewhere: CognitoClient }> {
  const { url } = emulator();
  const username = `sessions-${Math.random().toString(36).slice(2, 10)}`;
  await callOk(url, 'AdminCreateUser', {
    UserPoolId: POOL_ID,
    Username: username,
    MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
  await callOk(url, 'AdminSetUserPassword', { UserPoolId: POOL_ID, Username: username, Password: PASSWORD, Permanent: true });
  const client = () => new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: url, storage: 'memory', autoRefresh: false, srpWorker: false });
  const here = client();
  const elsewhere = client();
  for (const c of [here, elsewhere]) assert.equal((await c.signIn({ username, password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' })).step, 'DONE');
  return { username, here, elsewhere };
}

test('lists the sessions on every device and ends one elsewhere, which then cannot refresh', async () => {
  await emulator.ready;
  const { here, elsewhere } = await userWithTwoDevices();
  const sessions = await here.listSessions();
  assert.equal(sessions.length, 2);
  // Cognito refuses to revoke the caller's own session; the other one is ended.
  const outcomes: string[] = [];
  for (const session of sessions) {
    outcomes.push(
      await here.revokeSession(String(session.SessionId)).then(
        () => 'revoked',
        (error) => (error as CognitoError).code,
      ),
    );
  }
  assert.deepEqual(outcomes.sort(), ['InvalidParameterException', 'revoked']);
  assert.equal((await here.listSessions()).length, 1);
  await assert.rejects(elsewhere.getSession({ forceRefresh: true }), SignedOutError);
  here.dispose();
  elsewhere.dispose();
});

test('request() reaches any action by name, typed by its description', async () => {
  await emulator.ready;
  const { here, elsewhere } = await userWithTwoDevices();
  const { accessToken } = await here.getSession();
  const factors = await here.request('GetUserAuthFactors', { AccessToken: accessToken });
  assert.ok(factors.ConfiguredUserAuthFactors?.includes('PASSWORD'));
  const passkeys = await here.request('ListWebAuthnCredentials', { AccessToken: accessToken });
  assert.deepEqual(passkeys.Credentials, []);
  here.dispose();
  elsewhere.dispose();
});

test('request() sends threat-protection feedback, which Cognito refuses for a pool without it', async () => {
  await emulator.ready;
  const client = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: emulator().url, storage: 'memory', srpWorker: false });
  await assert.rejects(
    client.request('UpdateAuthEventFeedback', { UserPoolId: POOL_ID, Username: 'demo', EventId: 'e-1', FeedbackToken: 't', FeedbackValue: 'Invalid' }),
    (error: unknown) => error instanceof CognitoError && error.code === 'UserPoolAddOnNotEnabledException',
  );
  client.dispose();
});
