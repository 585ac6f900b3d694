// The sign-in machine against the emulator, on the points where it must do what real Cognito
// expects rather than what happened to work: the remembered device on every flow, device SRP
// wherever it arrives, account states inside the conversation, MFA set-up during sign-in, and
// calls that must not be repeated. Each test names its source of truth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitoClient, CognitoError, MalformedResponseError, SignInStateError, type SignInStep } from '../../src/core/index.ts';
import { withKit } from '../../src/core/kit.ts';
import * as signInModule from '../../src/core/sign-in.ts';
import * as srpEngineModule from '../../src/core/srp-engine.ts';
import { Wire } from '../../src/core/wire.ts';
import { CLIENT_ID, callOk, injectFault, jwtClaims, latestCode, PASSWORD, passwordSignIn, POOL_ID, totpNow, withEmulator } from './support/emulator.ts';

// The on-demand modules take what they use of the core from their loader (src/core/kit.ts); here, from withKit.
const { SignInMachine } = withKit(signInModule);
const { createSrpEngine } = withKit(srpEngineModule);

const emulator = withEmulator();

/** What the client sent: each request's action and body, in order. */
interface Sent {
  action: string;
  body: any;
}

/**
 * A fetch to the emulator that records every request; `rewrite` may change an answer's JSON (for
 * malformed answers the emulator cannot produce).
 */
function recordingFetch(rewrite?: (action: string, body: any) => any): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const recorded: typeof fetch = async (input, init) => {
    const target = new Headers(init?.headers).get('X-Amz-Target') ?? '';
    const action = target.slice(target.lastIndexOf('.') + 1);
    sent.push({ action, body: JSON.parse(String(init?.body ?? '{}')) });
    const response = await fetch(input, init);
    if (!rewrite || !response.ok) return response;
    const changed = rewrite(action, await response.json());
    return new Response(JSON.stringify(changed), { status: response.status, headers: response.headers });
  };
  return { fetch: recorded, sent };
}

const clients: CognitoClient[] = [];
function newClient(options: { poolId?: string; clientId?: string; fetch?: typeof fetch; rememberDevices?: boolean } = {}): CognitoClient {
  const client = new CognitoClient({
    userPoolId: options.poolId ?? POOL_ID,
    clientId: options.clientId ?? CLIENT_ID,
    endpoint: emulator().url,
    storage: 'memory',
    autoRefresh: false,
    srpWorker: false,
    fetch: options.fetch,
    rememberDevices: options.rememberDevices,
  });
  clients.push(client);
  return client;
}
test.afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
});

let counter = 0;
const uniqueName = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 6)}`;

/** A CONFIRMED user with a verified email (so EMAIL_OTP is a first factor) in the pool. */
async function createUser(poolId = POOL_ID, attributes?: Record<string, string>): Promise<string> {
  const { url } = emulator();
  const username = uniqueName('fid');
  const attrs = attributes ?? { email: `${username}@example.com`, email_verified: 'true' };
  await callOk(url, 'AdminCreateUser', {
    UserPoolId: poolId,
    Username: username,
    MessageAction: 'SUPPRESS',
    UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
  });
  await callOk(url, 'AdminSetUserPassword', { UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true });
  return username;
}

/** Gives the user TOTP MFA (preferred) with raw calls; returns the secret. */
async function enrolTotp(username: string, poolId = POOL_ID, clientId = CLIENT_ID): Promise<string> {
  const { url } = emulator();
  const tokens = await passwordSignIn(url, username, PASSWORD, clientId);
  const { SecretCode } = await callOk(url, 'AssociateSoftwareToken', { AccessToken: tokens.AccessToken });
  await callOk(url, 'VerifySoftwareToken', { AccessToken: tokens.AccessToken, UserCode: totpNow(SecretCode) });
  await callOk(url, 'AdminSetUserMFAPreference', { UserPoolId: poolId, Username: username, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
  // The tokens of this set-up sign-in registered a device of their own: leave none behind.
  for (const d of (await callOk(url, 'AdminListDevices', { UserPoolId: poolId, Username: username })).Devices) {
    await callOk(url, 'AdminForgetDevice', { UserPoolId: poolId, Username: username, DeviceKey: d.DeviceKey });
  }
  return SecretCode;
}

async function deviceKeys(username: string, poolId = POOL_ID): Promise<string[]> {
  const { Devices } = await callOk(emulator().url, 'AdminListDevices', { UserPoolId: poolId, Username: username });
  return Devices.map((d: { DeviceKey: string }) => d.DeviceKey);
}

function expectStep<N extends SignInStep['step']>(step: SignInStep, name: N): Extract<SignInStep, { step: N }> {
  assert.equal(step.step, name, `expected ${name}, got ${JSON.stringify(step)}`);
  return step as Extract<SignInStep, { step: N }>;
}

/** A pool of the test's own, with one public app client for every flow. */
async function createPool(input: Record<string, unknown>): Promise<{ poolId: string; clientId: string }> {
  const { url } = emulator();
  const { UserPool } = await callOk(url, 'CreateUserPool', { PoolName: uniqueName('pool'), ...input });
  const { UserPoolClient } = await callOk(url, 'CreateUserPoolClient', {
    UserPoolId: UserPool.Id,
    ClientName: 'fidelity',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_AUTH'],
  });
  return { poolId: UserPool.Id, clientId: UserPoolClient.ClientId };
}

const signedIn = async (step: Promise<SignInStep>) => expectStep(await step, 'DONE').session;

// ---------------------------------------------------------------------------------------------
// 2. The remembered device on every flow

// API reference, InitiateAuth AuthParameters: "Add DEVICE_KEY if you want to bypass multi-factor
// authentication with a remembered device" (every flow); DeviceConfigurationType: a sign-in
// without it is a new device. Amplify v6 signInHelpers.ts sends it in USER_PASSWORD_AUTH and
// CUSTOM_AUTH, and in MFA codes (handleMFAChallenge) and custom answers (handleCustomChallenge).
const flows: { name: string; signIn: (client: CognitoClient, username: string) => Promise<unknown> }[] = [
  { name: 'USER_PASSWORD_AUTH', signIn: (c, username) => signedIn(c.signIn({ username, password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' })) },
  {
    name: 'USER_AUTH with PREFERRED_CHALLENGE PASSWORD',
    signIn: (c, username) => signedIn(c.signIn({ username, password: PASSWORD, authFlow: 'USER_AUTH', preferredChallenge: 'PASSWORD' })),
  },
  {
    name: 'USER_AUTH, SELECT_CHALLENGE answered PASSWORD_SRP',
    signIn: async (c, username) => {
      expectStep(await c.signIn({ username, authFlow: 'USER_AUTH' }), 'CHOOSE_FIRST_FACTOR');
      return signedIn(c.confirmSignIn({ factor: 'PASSWORD_SRP', password: PASSWORD }));
    },
  },
  {
    name: 'USER_AUTH, SELECT_CHALLENGE answered EMAIL_OTP, then the code',
    signIn: async (c, username) => {
      expectStep(await c.signIn({ username, authFlow: 'USER_AUTH' }), 'CHOOSE_FIRST_FACTOR');
      expectStep(await c.confirmSignIn({ factor: 'EMAIL_OTP' }), 'EMAIL_CODE');
      return signedIn(c.confirmSignIn({ code: await latestCode(emulator().url, username, 'email_otp') }));
    },
  },
  {
    name: 'CUSTOM_AUTH, then the custom answer',
    signIn: async (c, username) => {
      expectStep(await c.signIn({ username, authFlow: 'CUSTOM_AUTH' }), 'CUSTOM_CHALLENGE');
      return signedIn(c.confirmSignIn({ answer: await latestCode(emulator().url, username, 'custom_challenge') }));
    },
  },
];

for (const flow of flows) {
  test(`${flow.name}: three sign-ins in one client send DEVICE_KEY and leave one device, not three`, async () => {
    await emulator.ready;
    const username = await createUser();
    const recorded = recordingFetch();
    const client = newClient({ fetch: recorded.fetch });
    for (let i = 0; i < 3; i++) {
      await flow.signIn(client, username);
      await client.signOut();
    }
    assert.equal((await deviceKeys(username)).length, 1);
    const [device] = await deviceKeys(username);
    // After the first sign-in, every request of the conversation that takes it names the device.
    const later = recorded.sent.filter((s) => s.action === 'InitiateAuth' || s.action === 'RespondToAuthChallenge').slice(1);
    const named = later.filter((s) => (s.body.AuthParameters ?? s.body.ChallengeResponses).DEVICE_KEY === device);
    assert.ok(named.length >= 2, `DEVICE_KEY sent in ${named.length} of ${later.length} requests`);
  });
}

test('emulator: an MFA answer carrying DEVICE_KEY reuses that device; one without it mints a new one (API reference, RespondToAuthChallenge)', async () => {
  await emulator.ready;
  const { url } = emulator();
  const username = await createUser();
  const secret = await enrolTotp(username);
  const mfa = async (deviceKey?: string) => {
    const first = await callOk(url, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: username, PASSWORD } });
    assert.equal(first.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    const done = await callOk(url, 'RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: CLIENT_ID,
      Session: first.Session,
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totpNow(secret), ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
    });
    return done.AuthenticationResult;
  };
  const minted = await mfa();
  const key = minted.NewDeviceMetadata?.DeviceKey;
  assert.ok(key, 'a sign-in without DEVICE_KEY gets a new device');
  const again = await mfa(key);
  assert.equal(again.NewDeviceMetadata, undefined);
  assert.equal(jwtClaims(again.AccessToken).device_key, key);
});

test('USER_PASSWORD_AUTH: a remembered device stands in for TOTP next time (device SRP before MFA, the default order)', async () => {
  await emulator.ready;
  const username = await createUser();
  const secret = await enrolTotp(username);
  const recorded = recordingFetch();
  const client = newClient({ fetch: recorded.fetch });
  const signIn = () => client.signIn({ username, password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' });
  expectStep(await signIn(), 'TOTP_CODE');
  await signedIn(client.confirmSignIn({ code: totpNow(secret) }));
  await client.rememberDevice();
  await client.signOut();
  await signedIn(signIn());
  assert.ok(recorded.sent.some((s) => s.body.ChallengeName === 'DEVICE_PASSWORD_VERIFIER'));
  assert.equal((await deviceKeys(username)).length, 1);
});

test('a device the pool forgot, named in a SELECT_CHALLENGE answer: the device is forgotten, the sign-in ends (expired), and the next one starts without it', async () => {
  await emulator.ready;
  const username = await createUser();
  const recorded = recordingFetch();
  const client = newClient({ fetch: recorded.fetch });
  await signedIn(client.signIn({ username, password: PASSWORD, authFlow: 'USER_AUTH', preferredChallenge: 'PASSWORD' }));
  const [device] = await deviceKeys(username);
  await client.signOut();
  await callOk(emulator().url, 'AdminForgetDevice', { UserPoolId: POOL_ID, Username: username, DeviceKey: device });

  expectStep(await client.signIn({ username, authFlow: 'USER_AUTH' }), 'CHOOSE_FIRST_FACTOR');
  await assert.rejects(client.confirmSignIn({ factor: 'PASSWORD', password: PASSWORD }), (e: unknown) => e instanceof SignInStateError && e.sessionExpired);
  assert.equal(client.currentStep, undefined);
  const before = recorded.sent.length;
  await signedIn(client.signIn({ username, password: PASSWORD, authFlow: 'USER_AUTH', preferredChallenge: 'PASSWORD' }));
  assert.equal(recorded.sent[before].body.AuthParameters.DEVICE_KEY, undefined);
});

test('a forgotten device with a store that cannot forget it: the sign-in starts over once, then ends with SignInStateError (no loop)', async () => {
  await emulator.ready;
  const username = await createUser();
  const items = new Map<string, unknown>();
  // The app's own store, whose remove does nothing.
  const stubborn = { get: async (k: string) => items.get(k) as any, set: async (k: string, v: unknown) => void items.set(k, v), remove: async () => {} };
  const recorded = recordingFetch();
  const client = new CognitoClient({
    userPoolId: POOL_ID,
    clientId: CLIENT_ID,
    endpoint: emulator().url,
    storage: stubborn,
    autoRefresh: false,
    srpWorker: false,
    fetch: recorded.fetch,
  });
  clients.push(client);
  const signIn = () => client.signIn({ username, password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' });
  await signedIn(signIn());
  const [device] = await deviceKeys(username);
  await callOk(emulator().url, 'AdminForgetDevice', { UserPoolId: POOL_ID, Username: username, DeviceKey: device });
  const before = recorded.sent.length;
  await assert.rejects(signIn(), (e: unknown) => e instanceof SignInStateError && /no longer remembered/.test(e.message));
  assert.equal(recorded.sent.slice(before).filter((s) => s.action === 'InitiateAuth').length, 2);
});

// ---------------------------------------------------------------------------------------------
// 3. DEVICE_SRP_AUTH wherever it arrives

test('with the emulator switch DeviceSrpAfterMfa, DEVICE_SRP_AUTH after the TOTP answer is answered by device SRP (Amplify v6 handleMFAChallenge)', async () => {
  await emulator.ready;
  const { poolId, clientId } = await createPool({
    MfaConfiguration: 'OPTIONAL',
    SoftwareTokenMfaConfiguration: { Enabled: true },
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
    DeviceSrpAfterMfa: true,
  });
  const username = await createUser(poolId);
  const secret = await enrolTotp(username, poolId, clientId);
  const recorded = recordingFetch();
  const client = newClient({ poolId, clientId, fetch: recorded.fetch });
  const signIn = () => client.signIn({ username, password: PASSWORD });

  expectStep(await signIn(), 'TOTP_CODE');
  await signedIn(client.confirmSignIn({ code: totpNow(secret) }));
  const [device] = await deviceKeys(username, poolId);
  await client.signOut();

  // The device no longer stands in for MFA: TOTP first, and the device proves itself after.
  expectStep(await signIn(), 'TOTP_CODE');
  const before = recorded.sent.length;
  const session = await signedIn(client.confirmSignIn({ code: totpNow(secret, { steps: 1 }) }));
  const challenges = recorded.sent.slice(before).map((s) => s.body.ChallengeName);
  assert.deepEqual(challenges, ['SOFTWARE_TOKEN_MFA', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
  assert.equal(jwtClaims(session.accessToken).device_key, device);
  assert.deepEqual(await deviceKeys(username, poolId), [device]);
});

test('with DeviceSrpAfterMfa, DEVICE_SRP_AUTH after a custom-challenge answer is answered too (Amplify v6 handleCustomChallenge)', async () => {
  await emulator.ready;
  const { poolId, clientId } = await createPool({
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
    CustomAuth: { answer: 'open sesame' },
    DeviceSrpAfterMfa: true,
  });
  const username = await createUser(poolId);
  const recorded = recordingFetch();
  const client = newClient({ poolId, clientId, fetch: recorded.fetch });
  const signIn = async () => {
    expectStep(await client.signIn({ username, authFlow: 'CUSTOM_AUTH' }), 'CUSTOM_CHALLENGE');
    return signedIn(client.confirmSignIn({ answer: 'open sesame' }));
  };
  await signIn();
  const [device] = await deviceKeys(username, poolId);
  await client.signOut();
  const before = recorded.sent.length;
  await signIn();
  const challenges = recorded.sent
    .slice(before)
    .map((s) => s.body.ChallengeName)
    .filter(Boolean);
  assert.deepEqual(challenges, ['CUSTOM_CHALLENGE', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
  assert.deepEqual(await deviceKeys(username, poolId), [device]);
});

// ---------------------------------------------------------------------------------------------
// 4. Account states inside the conversation

test('USER_AUTH, SELECT_CHALLENGE -> PASSWORD for an unconfirmed user is the CONFIRM_SIGN_UP step (Amplify getSignInResultFromError)', async () => {
  await emulator.ready;
  const { url } = emulator();
  const username = uniqueName('unconf');
  await callOk(url, 'SignUp', {
    ClientId: CLIENT_ID,
    Username: username,
    Password: PASSWORD,
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
  const client = newClient();
  expectStep(await client.signIn({ username, authFlow: 'USER_AUTH' }), 'CHOOSE_FIRST_FACTOR');
  assert.deepEqual(await client.confirmSignIn({ factor: 'PASSWORD', password: PASSWORD }), { step: 'CONFIRM_SIGN_UP', username });
  assert.equal(client.currentStep, undefined);
});

for (const factor of ['PASSWORD', 'PASSWORD_SRP'] as const) {
  test(`USER_AUTH, SELECT_CHALLENGE -> ${factor} after an administrator reset is the RESET_PASSWORD step`, async () => {
    await emulator.ready;
    const username = await createUser();
    await callOk(emulator().url, 'AdminResetUserPassword', { UserPoolId: POOL_ID, Username: username });
    const client = newClient();
    expectStep(await client.signIn({ username, authFlow: 'USER_AUTH' }), 'CHOOSE_FIRST_FACTOR');
    assert.deepEqual(await client.confirmSignIn({ factor, password: PASSWORD }), { step: 'RESET_PASSWORD', username });
    assert.equal(client.currentStep, undefined);
  });
}

// ---------------------------------------------------------------------------------------------
// 5. MFA set-up during sign-in

test('MFAS_CAN_SETUP ["SMS_MFA","SOFTWARE_TOKEN_MFA"] (as in Amplify\'s fixtures): SMS is left out and TOTP set-up starts without a chooser', async () => {
  await emulator.ready;
  const { url } = emulator();
  const { poolId, clientId } = await createPool({
    MfaConfiguration: 'ON',
    SmsMfaConfiguration: { SmsAuthenticationMessage: '{####}' },
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });
  const username = await createUser(poolId);
  const raw = await callOk(url, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD } });
  assert.equal(raw.ChallengeName, 'MFA_SETUP');
  assert.deepEqual(JSON.parse(raw.ChallengeParameters.MFAS_CAN_SETUP), ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);

  const client = newClient({ poolId, clientId });
  const step = expectStep(await client.signIn({ username, password: PASSWORD }), 'SETUP_TOTP');
  await signedIn(client.confirmSignIn({ code: totpNow(step.secret) }));
});

test('MFA_SETUP offering only SMS is refused with SignInStateError: SMS cannot be set up inside a sign-in', async () => {
  await emulator.ready;
  const { poolId, clientId } = await createPool({ MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsAuthenticationMessage: '{####}' } });
  const username = await createUser(poolId);
  const client = newClient({ poolId, clientId });
  await assert.rejects(client.signIn({ username, password: PASSWORD }), (e: unknown) => e instanceof SignInStateError && /phone number/.test(e.message));
  assert.equal(client.currentStep, undefined);
});

test('email MFA set-up (API reference, MFA_SETUP answered with EMAIL; Amplify CONTINUE_SIGN_IN_WITH_EMAIL_SETUP): choose EMAIL, give the address, the emailed code finishes, and the next sign-in asks EMAIL_CODE', async () => {
  await emulator.ready;
  const { url } = emulator();
  const { poolId, clientId } = await createPool({
    MfaConfiguration: 'ON',
    SoftwareTokenMfaConfiguration: { Enabled: true },
    EmailMfaConfiguration: { Message: 'Your code is {####}', Subject: 'Code' },
  });
  // A user without any email yet.
  const username = await createUser(poolId, { name: 'No Email' });
  const client = newClient({ poolId, clientId });
  const choose = expectStep(await client.signIn({ username, password: PASSWORD }), 'CHOOSE_MFA_SETUP');
  assert.deepEqual(choose.options, ['TOTP', 'EMAIL']);
  expectStep(await client.confirmSignIn({ mfaType: 'EMAIL' }), 'SETUP_EMAIL');
  const address = `${username}@example.com`;
  const code = expectStep(await client.confirmSignIn({ email: address }), 'EMAIL_CODE');
  assert.equal(code.delivery.medium, 'EMAIL');
  const sent = await latestCode(url, username, 'email_mfa_setup');
  await assert.rejects(
    client.confirmSignIn({ code: sent === '000000' ? '111111' : '000000' }),
    (e: unknown) => e instanceof CognitoError && e.code === 'CodeMismatchException',
  );
  const session = await signedIn(client.confirmSignIn({ code: sent }));
  assert.equal(jwtClaims(session.idToken).email, address);
  await client.signOut();

  expectStep(await client.signIn({ username, password: PASSWORD }), 'EMAIL_CODE');
  await signedIn(client.confirmSignIn({ code: await latestCode(url, username, 'email_mfa') }));
});

test('email-only MFA required: a user who already has an email goes straight to SETUP_EMAIL (no chooser of one) and finishes', async () => {
  await emulator.ready;
  const { url } = emulator();
  const { poolId, clientId } = await createPool({ MfaConfiguration: 'ON', EmailMfaConfiguration: { Message: '{####}', Subject: 'Code' } });
  const username = await createUser(poolId);
  const raw = await callOk(url, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD } });
  assert.deepEqual(JSON.parse(raw.ChallengeParameters.MFAS_CAN_SETUP), ['EMAIL_OTP']);

  const client = newClient({ poolId, clientId });
  expectStep(await client.signIn({ username, password: PASSWORD }), 'SETUP_EMAIL');
  expectStep(await client.confirmSignIn({ email: `${username}@example.com` }), 'EMAIL_CODE');
  await signedIn(client.confirmSignIn({ code: await latestCode(url, username, 'email_mfa_setup') }));
});

// ---------------------------------------------------------------------------------------------
// 6. Smaller ones

test('PREFERRED_CHALLENGE PASSWORD without a password is refused locally with SignInStateError, nothing sent', async () => {
  await emulator.ready;
  const recorded = recordingFetch();
  const client = newClient({ fetch: recorded.fetch });
  await assert.rejects(client.signIn({ username: 'demo', authFlow: 'USER_AUTH', preferredChallenge: 'PASSWORD' }), SignInStateError);
  assert.equal(recorded.sent.length, 0);
});

for (const { name, input, retried } of [
  { name: 'USER_PASSWORD_AUTH (a retry would count a failed password twice)', input: { authFlow: 'USER_PASSWORD_AUTH', password: PASSWORD }, retried: false },
  { name: 'USER_AUTH with EMAIL_OTP (a retry would send a second code)', input: { authFlow: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' }, retried: false },
  { name: 'CUSTOM_AUTH (a retry would send a second code)', input: { authFlow: 'CUSTOM_AUTH' }, retried: false },
  { name: 'USER_SRP_AUTH (only starts SRP: still retried)', input: { authFlow: 'USER_SRP_AUTH', password: PASSWORD }, retried: true },
] as const) {
  test(`InitiateAuth ${name} after a 500: sent ${retried ? 'again' : 'once'}`, async () => {
    await emulator.ready;
    const username = await createUser();
    const recorded = recordingFetch();
    const client = newClient({ fetch: recorded.fetch });
    await injectFault(emulator().url, { action: 'InitiateAuth', status: 500, count: 1 });
    const outcome = await client.signIn({ username, ...input }).then(
      () => 'answered',
      (e: unknown) => (e as CognitoError).code,
    );
    assert.equal(recorded.sent.filter((s) => s.action === 'InitiateAuth').length, retried ? 2 : 1);
    assert.equal(outcome, retried ? 'answered' : 'InternalErrorException');
  });
}

// ---------------------------------------------------------------------------------------------
// Hardening (issue 12): malformed challenges are MalformedResponseError, never a TypeError

const malformed: { name: string; flow: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH'; setUp?: 'totp'; rewrite: (body: any) => any }[] = [
  {
    name: 'PASSWORD_VERIFIER without SRP_B',
    flow: 'USER_SRP_AUTH',
    rewrite: (b) => ({ ...b, ChallengeParameters: { ...b.ChallengeParameters, SRP_B: undefined } }),
  },
  { name: 'PASSWORD_VERIFIER without SALT', flow: 'USER_SRP_AUTH', rewrite: (b) => ({ ...b, ChallengeParameters: { ...b.ChallengeParameters, SALT: undefined } }) },
  {
    name: 'PASSWORD_VERIFIER without SECRET_BLOCK',
    flow: 'USER_SRP_AUTH',
    rewrite: (b) => ({ ...b, ChallengeParameters: { ...b.ChallengeParameters, SECRET_BLOCK: undefined } }),
  },
  {
    name: 'SELECT_MFA_TYPE whose MFAS_CAN_CHOOSE is not an array',
    flow: 'USER_PASSWORD_AUTH',
    rewrite: () => ({ ChallengeName: 'SELECT_MFA_TYPE', Session: 's', ChallengeParameters: { MFAS_CAN_CHOOSE: '"SMS_MFA"' } }),
  },
  {
    name: 'MFA_SETUP whose MFAS_CAN_SETUP is an object',
    flow: 'USER_PASSWORD_AUTH',
    rewrite: () => ({ ChallengeName: 'MFA_SETUP', Session: 's', ChallengeParameters: { MFAS_CAN_SETUP: '{"a":1}' } }),
  },
  {
    name: 'NEW_PASSWORD_REQUIRED whose requiredAttributes is a string',
    flow: 'USER_PASSWORD_AUTH',
    rewrite: () => ({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's', ChallengeParameters: { requiredAttributes: '"email"', userAttributes: '{}' } }),
  },
  {
    name: 'NEW_PASSWORD_REQUIRED whose userAttributes is an array',
    flow: 'USER_PASSWORD_AUTH',
    rewrite: () => ({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's', ChallengeParameters: { requiredAttributes: '[]', userAttributes: '["x"]' } }),
  },
];

for (const { name, flow, rewrite } of malformed) {
  test(`${name} is MalformedResponseError`, async () => {
    await emulator.ready;
    const username = await createUser();
    const recorded = recordingFetch((action, body) => (action === 'InitiateAuth' ? rewrite(body) : body));
    const client = newClient({ fetch: recorded.fetch });
    await assert.rejects(client.signIn({ username, password: PASSWORD, authFlow: flow }), MalformedResponseError);
  });
}

// Issue 12: a sign-in that fails before the verifier leaves no secret `a` behind in the engine.
test('an SRP sign-in whose InitiateAuth fails releases its ephemeral: the secret a is gone from the engine', async () => {
  await emulator.ready;
  const engine = createSrpEngine({ worker: false });
  const handed: number[] = [];
  const released: number[] = [];
  const srp = {
    ...engine,
    ephemeral: async () => {
      const e = await engine.ephemeral();
      handed.push(e.handle);
      return e;
    },
    release: (handle: number) => {
      released.push(handle);
      engine.release(handle);
    },
  };
  const machine = new SignInMachine({
    wire: new Wire({ region: 'us-east-1', endpoint: emulator().url, retry: { attempts: 1 } }),
    srp,
    clientId: CLIENT_ID,
    poolName: POOL_ID.split('_')[1],
    defaultFlow: 'USER_SRP_AUTH',
    secretHash: async () => undefined,
    totpIssuer: 'test',
    loadDevice: async () => undefined,
    forgetDevice: async () => {},
    complete: async () => assert.fail('no sign-in should complete'),
  });
  await injectFault(emulator().url, { action: 'InitiateAuth', errorType: 'TooManyRequestsException', count: 1 });
  await assert.rejects(machine.start({ username: 'demo', password: PASSWORD }), (e: unknown) => e instanceof CognitoError && e.code === 'TooManyRequestsException');
  assert.equal(handed.length, 1);
  assert.deepEqual(released, handed);
  // The engine no longer holds it: a claim with that handle is refused.
  await assert.rejects(
    engine.claim(handed[0], { poolName: 'x', userId: 'u', password: 'p', SRP_B: '02', SALT: '01', SECRET_BLOCK: 'AA==', now: Date.now() }),
    SignInStateError,
  );
  engine.dispose();
});
