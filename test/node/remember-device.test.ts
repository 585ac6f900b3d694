// "Remember this device" at the MFA code step, against the emulator, in a pool that remembers
// devices only on the user's prompt (DeviceConfiguration.DeviceOnlyRememberedOnUserPrompt) and one
// that remembers every device. Sources: the developer guide, "Working with user devices in your user
// pool" (ConfirmDevice answers UserConfirmationNecessary when the user must be asked; the device is
// tracked but not remembered until UpdateDeviceStatus 'remembered'; only a remembered device skips
// MFA, with DEVICE_SRP_AUTH); the API reference, ConfirmDevice and UpdateDeviceStatus; and Amplify
// v6 (packages/auth/src/providers/cognito: getNewDeviceMetadata in signInHelpers.ts confirms the
// device at sign-in, apis/rememberDevice.ts calls UpdateDeviceStatus) as the referee below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CognitoClient } from '../../src/core/index.ts';
import { callOk, clearFaults, injectFault, jwtClaims, PASSWORD, passwordSignIn, totpNow, withEmulator } from './support/emulator.ts';
import { auth, coreClient, expectAmplifyStep, expectStep, recordCalls, useAmplify } from './support/amplify.ts';

const emulator = withEmulator();

let counter = 0;
const uniqueName = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 6)}`;

/** A pool with optional TOTP MFA and device tracking, remembering devices on the user's prompt or always. */
async function createPool(onPrompt: boolean): Promise<{ poolId: string; clientId: string }> {
  const { url } = emulator();
  const { UserPool } = await callOk(url, 'CreateUserPool', {
    PoolName: uniqueName('remember'),
    MfaConfiguration: 'OPTIONAL',
    SoftwareTokenMfaConfiguration: { Enabled: true },
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: onPrompt },
  });
  const { UserPoolClient } = await callOk(url, 'CreateUserPoolClient', {
    UserPoolId: UserPool.Id,
    ClientName: 'remember',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  return { poolId: UserPool.Id, clientId: UserPoolClient.ClientId };
}

/** A confirmed user with TOTP MFA (preferred) and no device yet; returns the name and the TOTP secret. */
async function totpUser(poolId: string, clientId: string): Promise<{ username: string; secret: string }> {
  const { url } = emulator();
  const username = uniqueName('rem');
  await callOk(url, 'AdminCreateUser', { UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS' });
  await callOk(url, 'AdminSetUserPassword', { UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true });
  const tokens = await passwordSignIn(url, username, PASSWORD, clientId);
  const { SecretCode } = await callOk(url, 'AssociateSoftwareToken', { AccessToken: tokens.AccessToken });
  await callOk(url, 'VerifySoftwareToken', { AccessToken: tokens.AccessToken, UserCode: totpNow(SecretCode) });
  await callOk(url, 'AdminSetUserMFAPreference', { UserPoolId: poolId, Username: username, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
  // The set-up sign-in was issued a device of its own (never confirmed): leave none behind.
  for (const d of await devices(poolId, username)) await callOk(url, 'AdminForgetDevice', { UserPoolId: poolId, Username: username, DeviceKey: d.key });
  return { username, secret: SecretCode };
}

/** The user's devices as Cognito lists them (AdminListDevices), with their remembered status. */
async function devices(poolId: string, username: string): Promise<{ key: string; status: string }[]> {
  const { Devices } = await callOk(emulator().url, 'AdminListDevices', { UserPoolId: poolId, Username: username });
  return Devices.map((d: { DeviceKey: string; DeviceAttributes: { Name: string; Value: string }[] }) => ({
    key: d.DeviceKey,
    status: d.DeviceAttributes.find((a) => a.Name === 'dev:device_remembered_status')?.Value ?? '',
  }));
}

const clients: CognitoClient[] = [];
function newClient(poolId: string, clientId: string, rememberDevices?: boolean): CognitoClient {
  const client = coreClient(emulator().url, clientId, { userPoolId: poolId, rememberDevices });
  clients.push(client);
  return client;
}
test.afterEach(async () => {
  for (const client of clients.splice(0)) client.dispose();
  await clearFaults(emulator().url);
});

const challengesOf = (calls: { action: string; sent?: string }[]) => calls.filter((c) => c.action === 'RespondToAuthChallenge').map((c) => c.sent);
const deviceCalls = (calls: { action: string; body: any }[]) =>
  calls.filter((c) => c.action === 'ConfirmDevice' || c.action === 'UpdateDeviceStatus').map((c) => [c.action, c.body.DeviceRememberedStatus]);

/** Signs in with the password and answers TOTP_CODE with `answer`; returns what was sent. */
async function signInWithCode(client: CognitoClient, username: string, code: string, rememberDevice?: boolean) {
  expectStep(await client.signIn({ username, password: PASSWORD }), 'TOTP_CODE');
  const { calls, result } = await recordCalls(() => client.confirmSignIn(rememberDevice === undefined ? { code } : { code, rememberDevice }));
  return { calls, session: expectStep(result, 'DONE').session };
}

test('opt-in pool, ticked: ConfirmDevice says UserConfirmationNecessary, UpdateDeviceStatus remembers it, and the next sign-in skips MFA with DEVICE_SRP_AUTH', async () => {
  const { poolId, clientId } = await createPool(true);
  const { username, secret } = await totpUser(poolId, clientId);
  const client = newClient(poolId, clientId);
  const { calls, session } = await signInWithCode(client, username, totpNow(secret), true);
  assert.deepEqual(deviceCalls(calls), [
    ['ConfirmDevice', undefined],
    ['UpdateDeviceStatus', 'remembered'],
  ]);
  const device = jwtClaims(session.accessToken).device_key;
  assert.deepEqual(await devices(poolId, username), [{ key: device, status: 'remembered' }]);
  assert.equal((await client.listDevices())[0]?.remembered, true);

  await client.signOut();
  const next = await recordCalls(() => client.signIn({ username, password: PASSWORD }));
  const done = expectStep(next.result, 'DONE');
  assert.deepEqual(challengesOf(next.calls), ['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
  assert.equal(jwtClaims(done.session.accessToken).device_key, device, 'the same device, no new one');
});

test('opt-in pool, unticked: the device is tracked but not remembered, no UpdateDeviceStatus is sent, and the next sign-in asks for the code again', async () => {
  const { poolId, clientId } = await createPool(true);
  const { username, secret } = await totpUser(poolId, clientId);
  const client = newClient(poolId, clientId);
  const { calls, session } = await signInWithCode(client, username, totpNow(secret), false);
  assert.deepEqual(deviceCalls(calls), [['ConfirmDevice', undefined]]);
  const device = jwtClaims(session.accessToken).device_key;
  assert.deepEqual(await devices(poolId, username), [{ key: device, status: 'not_remembered' }]);

  await client.signOut();
  // The tracked device's key goes with the sign-in, but only a remembered device stands in for MFA.
  const next = await recordCalls(() => client.signIn({ username, password: PASSWORD }));
  expectStep(next.result, 'TOTP_CODE');
  assert.equal(next.calls[0]?.body.AuthParameters.DEVICE_KEY, device);
  assert.deepEqual(challengesOf(next.calls), ['PASSWORD_VERIFIER']);
});

test('opt-in pool: without an answer the rememberDevices option decides; an answer overrides it', async () => {
  const { poolId, clientId } = await createPool(true);
  const left = await totpUser(poolId, clientId);
  const always = newClient(poolId, clientId, true);
  assert.equal(always.rememberDevices, true);
  await signInWithCode(always, left.username, totpNow(left.secret));
  assert.deepEqual(
    (await devices(poolId, left.username)).map((d) => d.status),
    ['remembered'],
  );

  const declined = await totpUser(poolId, clientId);
  const client = newClient(poolId, clientId, true);
  await signInWithCode(client, declined.username, totpNow(declined.secret), false);
  assert.deepEqual(
    (await devices(poolId, declined.username)).map((d) => d.status),
    ['not_remembered'],
  );

  const neither = await totpUser(poolId, clientId);
  const plain = newClient(poolId, clientId);
  assert.equal(plain.rememberDevices, false);
  await signInWithCode(plain, neither.username, totpNow(neither.secret));
  assert.deepEqual(
    (await devices(poolId, neither.username)).map((d) => d.status),
    ['not_remembered'],
  );
});

test('a pool that remembers every device: UserConfirmationNecessary is false, the answer sends no UpdateDeviceStatus, and the device is remembered', async () => {
  const { poolId, clientId } = await createPool(false);
  const { username, secret } = await totpUser(poolId, clientId);
  const client = newClient(poolId, clientId);
  const { calls } = await signInWithCode(client, username, totpNow(secret), false);
  assert.deepEqual(deviceCalls(calls), [['ConfirmDevice', undefined]]);
  assert.deepEqual(
    (await devices(poolId, username)).map((d) => d.status),
    ['remembered'],
  );
});

test('a failed UpdateDeviceStatus does not fail the sign-in: the user is signed in, a warning says so, and the device stays not remembered', async () => {
  const { url } = emulator();
  const { poolId, clientId } = await createPool(true);
  const { username, secret } = await totpUser(poolId, clientId);
  const client = newClient(poolId, clientId);
  const warnings: string[] = [];
  client.addEventListener('warning', (event) => warnings.push(event.detail.message));
  await injectFault(url, { action: 'UpdateDeviceStatus', status: 400, errorType: 'InvalidParameterException', message: 'Refused for the test.', count: 5 });
  const warn = console.warn;
  console.warn = () => {};
  try {
    const { session } = await signInWithCode(client, username, totpNow(secret), true);
    assert.equal((await client.getSession())?.accessToken, session.accessToken);
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warnings, ['This device could not be remembered; the user will be asked for MFA next time.']);
  assert.deepEqual(
    (await devices(poolId, username)).map((d) => d.status),
    ['not_remembered'],
  );
});

test('referee, Amplify v6 in the opt-in pool: after confirmSignIn the device is not remembered and MFA is asked again; after rememberDevice() it is skipped (core alike with rememberDevice)', async () => {
  const { url } = emulator();
  const { poolId, clientId } = await createPool(true);
  const amp = await totpUser(poolId, clientId);
  await useAmplify(url, clientId, poolId);
  expectAmplifyStep(await auth.signIn({ username: amp.username, password: PASSWORD }), 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  assert.equal((await auth.confirmSignIn({ challengeResponse: totpNow(amp.secret) })).isSignedIn, true);
  assert.deepEqual(
    (await devices(poolId, amp.username)).map((d) => d.status),
    ['not_remembered'],
  );
  await auth.signOut();
  expectAmplifyStep(await auth.signIn({ username: amp.username, password: PASSWORD }), 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  assert.equal((await auth.confirmSignIn({ challengeResponse: totpNow(amp.secret, { steps: 1 }) })).isSignedIn, true);
  await auth.rememberDevice();
  assert.deepEqual(
    (await devices(poolId, amp.username)).map((d) => d.status),
    ['remembered'],
  );
  await auth.signOut();
  const { calls, result } = await recordCalls(() => auth.signIn({ username: amp.username, password: PASSWORD }));
  assert.equal(result.isSignedIn, true, JSON.stringify(result));
  assert.deepEqual(challengesOf(calls), ['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
  await auth.signOut();

  // The core, unticked then ticked, meets the same pool the same way.
  const core = await totpUser(poolId, clientId);
  const client = newClient(poolId, clientId);
  await signInWithCode(client, core.username, totpNow(core.secret), false);
  await client.signOut();
  await signInWithCode(client, core.username, totpNow(core.secret, { steps: 1 }), true);
  assert.deepEqual(
    (await devices(poolId, core.username)).map((d) => d.status),
    ['remembered'],
  );
  await client.signOut();
  const next = await recordCalls(() => client.signIn({ username: core.username, password: PASSWORD }));
  expectStep(next.result, 'DONE');
  assert.deepEqual(challengesOf(next.calls), ['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
});
