// amazon-cognito-identity-js 6.3.21, the reference client, against the emulator: if the emulator
// gets a detail of the wire protocol, SRP or a challenge wrong, this client fails the way it would
// against a wrong server. It runs unmodified: Node 20 provides global fetch and globalThis.crypto
// (its random numbers come from crypto.getRandomValues), so no polyfill is installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type IAuthenticationCallback,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import {
  CLIENT_ID,
  EMAIL_POOL_CLIENT_ID,
  EMAIL_POOL_ID,
  EMAIL_POOL_USER,
  LEGACY_CLIENT_ID,
  PASSWORD,
  POOL_ID,
  SMS_PHONE,
  TEMP_PASSWORD,
  TOTP_SECRET,
  USERS,
  call,
  latestCode,
  outbox,
  signUpConfirmed,
  totpNow,
  withEmulator,
  wrongTotp,
} from './support/emulator.ts';

const emulator = withEmulator();

// ---------------------------------------------------------------------------------------------
// The reference client's callbacks as promises

/** localStorage stand-in: the client keeps tokens and device keys here. */
class MemoryStorage implements ICognitoStorage {
  readonly items = new Map<string, string>();
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

function userPool(clientId = CLIENT_ID, storage: ICognitoStorage = new MemoryStorage(), poolId = POOL_ID): CognitoUserPool {
  return new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: `${emulator().url}/`, Storage: storage });
}

function cognitoUser(username: string, pool = userPool()): CognitoUser {
  return new CognitoUser({ Username: username, Pool: pool, Storage: (pool as unknown as { storage: ICognitoStorage }).storage });
}

/** Where a sign-in (or a challenge answer) landed: a session or the next challenge. */
type Step = SuccessStep | MfaStep | NewPasswordStep | CustomStep;
interface SuccessStep {
  kind: 'success';
  session: CognitoUserSession;
  userConfirmationNecessary?: boolean;
}
interface MfaStep {
  kind: 'totpRequired' | 'mfaRequired' | 'mfaSetup' | 'selectMFAType';
  challengeName: string;
  parameters: any;
}
interface NewPasswordStep {
  kind: 'newPasswordRequired';
  userAttributes: any;
  requiredAttributes: string[];
}
interface CustomStep {
  kind: 'customChallenge';
  parameters: any;
}

/** Runs one call that takes the client's authentication callbacks; resolves with the step reached. */
function step(start: (callbacks: IAuthenticationCallback) => void): Promise<Step> {
  return new Promise((resolve, reject) => {
    start({
      onSuccess: (session, userConfirmationNecessary) => resolve({ kind: 'success', session, userConfirmationNecessary }),
      onFailure: reject,
      totpRequired: (challengeName, parameters) => resolve({ kind: 'totpRequired', challengeName, parameters }),
      mfaRequired: (challengeName, parameters) => resolve({ kind: 'mfaRequired', challengeName, parameters }),
      mfaSetup: (challengeName, parameters) => resolve({ kind: 'mfaSetup', challengeName, parameters }),
      selectMFAType: (challengeName, parameters) => resolve({ kind: 'selectMFAType', challengeName, parameters }),
      newPasswordRequired: (userAttributes, requiredAttributes) => resolve({ kind: 'newPasswordRequired', userAttributes, requiredAttributes }),
      customChallenge: (parameters) => resolve({ kind: 'customChallenge', parameters }),
    });
  });
}

/** authenticateUser (USER_SRP_AUTH unless the flow type was changed). */
function signIn(user: CognitoUser, password = PASSWORD): Promise<Step> {
  const details = new AuthenticationDetails({ Username: user.getUsername(), Password: password });
  return step((callbacks) => user.authenticateUser(details, callbacks));
}

/**
 * USER_PASSWORD_AUTH through the reference client (one round trip, no client-side SRP), for
 * sign-ins that only set a test up or re-check a password; SRP stays where it is the subject.
 */
function quickSignIn(user: CognitoUser, password = PASSWORD): Promise<Step> {
  user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  return signIn(user, password);
}

function expectSuccess(result: Step): CognitoUserSession {
  assert.equal(result.kind, 'success', `expected a session, got ${JSON.stringify(result)}`);
  return result.session;
}

/** A Node-style callback call as a promise. */
function nodeCall<T>(start: (callback: (err?: any, result?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, result) => (err ? reject(err) : resolve(result as T))));
}

/** An `{onSuccess, onFailure}` callback call as a promise. */
function callbacksCall<T>(start: (callbacks: { onSuccess: (result: T) => void; onFailure: (err: any) => void }) => void): Promise<T> {
  return new Promise((resolve, reject) => start({ onSuccess: resolve, onFailure: reject }));
}

/** The reference client reports Cognito's error code in both `code` and `name`. */
async function assertCognitoError(promise: Promise<unknown>, code: string, message?: string | RegExp): Promise<any> {
  let error: any;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  assert.ok(error, `expected ${code}, but the call succeeded`);
  assert.equal(error.code, code, `code (message: ${error.message})`);
  assert.equal(error.name, code);
  if (typeof message === 'string') assert.equal(error.message, message);
  else if (message) assert.match(error.message, message);
  return error;
}

/** Records each Cognito call the client makes: action, request ChallengeName, response ChallengeName. */
async function recordCalls<T>(run: () => Promise<T>): Promise<{ result: T; calls: { action: string; sent?: string; received?: string }[] }> {
  const calls: { action: string; sent?: string; received?: string }[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const headers = new Headers(init?.headers);
    const target = headers.get('x-amz-target');
    if (target) {
      const sent = typeof init?.body === 'string' ? JSON.parse(init.body).ChallengeName : undefined;
      const received = await response
        .clone()
        .json()
        .then(
          (body: any) => body.ChallengeName,
          () => undefined,
        );
      calls.push({ action: target.split('.').pop()!, sent, received });
    }
    return response;
  };
  try {
    return { result: await run(), calls };
  } finally {
    globalThis.fetch = realFetch;
  }
}

// ---------------------------------------------------------------------------------------------

test('signs up a new user, confirms it with the emailed code and signs in with SRP', async () => {
  const { url } = emulator();
  const pool = userPool();
  const signUp = await nodeCall<any>((cb) =>
    pool.signUp('rc-alice', PASSWORD, [new CognitoUserAttribute({ Name: 'email', Value: 'rc-alice@example.com' })], [], cb),
  );
  assert.equal(signUp.userConfirmed, false);
  assert.match(signUp.userSub, /^[0-9a-f-]{36}$/);
  assert.equal(signUp.codeDeliveryDetails.DeliveryMedium, 'EMAIL');
  assert.equal(signUp.codeDeliveryDetails.AttributeName, 'email');
  assert.notEqual(signUp.codeDeliveryDetails.Destination, 'rc-alice@example.com', 'the destination is masked');

  const user: CognitoUser = signUp.user;
  const code = await latestCode(url, 'rc-alice', 'signup');
  assert.equal(await nodeCall((cb) => user.confirmRegistration(code, true, cb)), 'SUCCESS');

  const session = expectSuccess(await signIn(user));
  assert.equal(session.isValid(), true);
  const access = session.getAccessToken().decodePayload();
  const id = session.getIdToken().decodePayload();
  assert.equal(access.username, 'rc-alice');
  assert.equal(access.client_id, CLIENT_ID);
  assert.equal(access.token_use, 'access');
  assert.equal(access.sub, signUp.userSub);
  assert.equal(id['cognito:username'], 'rc-alice');
  assert.equal(id.email, 'rc-alice@example.com');
  assert.equal(id.email_verified, true, 'confirming the sign-up verified the auto-verified email');
  assert.equal(id.aud, CLIENT_ID);
  assert.ok(session.getRefreshToken().getToken().length > 20);
});

test('rejects a wrong password with NotAuthorizedException', async () => {
  await assertCognitoError(signIn(cognitoUser(USERS.demo), 'Wrong-passw0rd'), 'NotAuthorizedException', 'Incorrect username or password.');
});

test('hides an unknown user behind NotAuthorizedException when PreventUserExistenceErrors is ENABLED', async () => {
  await assertCognitoError(signIn(cognitoUser('nobody-by-this-name')), 'NotAuthorizedException', 'Incorrect username or password.');
});

test('reports an unknown user as UserNotFoundException on the LEGACY client', async () => {
  await assertCognitoError(signIn(cognitoUser('nobody-by-this-name', userPool(LEGACY_CLIENT_ID))), 'UserNotFoundException');
});

test('signs in by email alias with SRP and continues as USER_ID_FOR_SRP "demo"', async () => {
  const storage = new MemoryStorage();
  const user = cognitoUser(USERS.demoEmail, userPool(CLIENT_ID, storage));
  const session = expectSuccess(await signIn(user));
  // The client switches to USER_ID_FOR_SRP from the PASSWORD_VERIFIER challenge for the proof.
  assert.equal(user.getUsername(), 'demo');
  assert.equal(storage.getItem(`CognitoIdentityServiceProvider.${CLIENT_ID}.LastAuthUser`), 'demo');
  const id = session.getIdToken().decodePayload();
  assert.equal(id['cognito:username'], 'demo');
  assert.equal(id.email, 'demo@example.com');
});

test('signs in with a differently cased username on a case-insensitive pool', async () => {
  const user = cognitoUser('DeMo');
  const session = expectSuccess(await signIn(user));
  // USER_ID_FOR_SRP is the stored username, which is what the verifier was built over.
  assert.equal(user.getUsername(), 'demo');
  assert.equal(session.getAccessToken().decodePayload().username, 'demo');
});

test('signs in to a pool with email as username and continues as the sub (USER_ID_FOR_SRP)', async () => {
  const user = cognitoUser(EMAIL_POOL_USER.email, userPool(EMAIL_POOL_CLIENT_ID, new MemoryStorage(), EMAIL_POOL_ID));
  const session = expectSuccess(await signIn(user));
  assert.equal(user.getUsername(), EMAIL_POOL_USER.sub);
  const id = session.getIdToken().decodePayload();
  assert.equal(id['cognito:username'], EMAIL_POOL_USER.sub);
  assert.equal(id.email, EMAIL_POOL_USER.email);
  assert.equal(id.aud, EMAIL_POOL_CLIENT_ID);
});

test('asks the TOTP user for a code, refuses a wrong one with CodeMismatchException and accepts a retry in the same session', async () => {
  const user = cognitoUser(USERS.totp);
  const challenge = await signIn(user);
  assert.equal(challenge.kind, 'totpRequired', JSON.stringify(challenge));
  assert.equal((challenge as any).challengeName, 'SOFTWARE_TOKEN_MFA');

  await assertCognitoError(
    step((callbacks) => user.sendMFACode(wrongTotp(TOTP_SECRET), callbacks, 'SOFTWARE_TOKEN_MFA')),
    'CodeMismatchException',
  );
  const session = expectSuccess(await step((callbacks) => user.sendMFACode(totpNow(TOTP_SECRET), callbacks, 'SOFTWARE_TOKEN_MFA')));
  assert.equal(session.getAccessToken().decodePayload().username, 'totp');
});

test('asks the SMS user for a texted code (mfaRequired) and signs in with it', async () => {
  const { url } = emulator();
  const before = (await outbox(url, { destination: SMS_PHONE })).length;
  const user = cognitoUser(USERS.sms);
  const challenge = await signIn(user);
  assert.equal(challenge.kind, 'mfaRequired', JSON.stringify(challenge));
  const { challengeName, parameters } = challenge;
  assert.equal(challengeName, 'SMS_MFA');
  assert.equal(parameters.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
  assert.match(parameters.CODE_DELIVERY_DESTINATION, /0100$/);
  assert.notEqual(parameters.CODE_DELIVERY_DESTINATION, SMS_PHONE, 'the destination is masked');

  const texts = await outbox(url, { destination: SMS_PHONE });
  assert.equal(texts.length, before + 1, 'one text message was sent');
  const session = expectSuccess(await step((callbacks) => user.sendMFACode(texts.at(-1)!.code, callbacks)));
  assert.equal(session.getAccessToken().decodePayload().username, 'sms');
});

test('completes NEW_PASSWORD_REQUIRED for a user with a temporary password', async () => {
  const user = cognitoUser(USERS.newPassword);
  const challenge = await signIn(user, TEMP_PASSWORD);
  assert.equal(challenge.kind, 'newPasswordRequired', JSON.stringify(challenge));
  const { userAttributes, requiredAttributes } = challenge;
  assert.equal(userAttributes.email, 'newpassword@example.com');
  assert.ok(Array.isArray(requiredAttributes));

  const session = expectSuccess(await step((callbacks) => user.completeNewPasswordChallenge('Brand-new-passw0rd', {}, callbacks)));
  assert.equal(session.getIdToken().decodePayload()['cognito:username'], 'newpassword');
  // The new password is now the password.
  expectSuccess(await quickSignIn(cognitoUser(USERS.newPassword), 'Brand-new-passw0rd'));
});

test('refreshes a session with refreshSession and keeps the token family', async () => {
  const user = cognitoUser(USERS.demo);
  const first = expectSuccess(await quickSignIn(user));
  const refreshed = await nodeCall<CognitoUserSession>((cb) => user.refreshSession(first.getRefreshToken(), cb));
  assert.equal(refreshed.isValid(), true);
  const before = first.getAccessToken().decodePayload();
  const after = refreshed.getAccessToken().decodePayload();
  assert.notEqual(refreshed.getAccessToken().getJwtToken(), first.getAccessToken().getJwtToken());
  assert.notEqual(after.jti, before.jti);
  assert.equal(after.origin_jti, before.origin_jti, 'a refresh stays in the sign-in token family');
  assert.equal(after.auth_time, before.auth_time, 'auth_time is the time of the sign-in, not of the refresh');
  // REFRESH_TOKEN_AUTH returns no refresh token; the client keeps the one it had.
  assert.equal(refreshed.getRefreshToken().getToken(), first.getRefreshToken().getToken());
});

test('changes the password with changePassword: the new one signs in, the old one no longer does', async () => {
  const { url } = emulator();
  await signUpConfirmed(url, 'rc-changer');
  const user = cognitoUser('rc-changer');
  expectSuccess(await quickSignIn(user));
  assert.equal(await nodeCall((cb) => user.changePassword(PASSWORD, 'Chang3d-passw0rd', cb)), 'SUCCESS');

  expectSuccess(await signIn(cognitoUser('rc-changer'), 'Chang3d-passw0rd'));
  await assertCognitoError(quickSignIn(cognitoUser('rc-changer'), PASSWORD), 'NotAuthorizedException', 'Incorrect username or password.');
});

test('globalSignOut revokes the access token and the refresh token', async () => {
  const { url } = emulator();
  await signUpConfirmed(url, 'rc-signout');
  const user = cognitoUser('rc-signout');
  const session = expectSuccess(await quickSignIn(user));
  const refreshToken = session.getRefreshToken().getToken();
  assert.equal(await callbacksCall((cb) => user.globalSignOut(cb)), 'SUCCESS');

  // The CognitoUser object still holds the (now revoked) access token and presents it.
  await assertCognitoError(
    nodeCall((cb) => user.getUserAttributes(cb)),
    'NotAuthorizedException',
    'Access Token has been revoked',
  );
  // Checked with a raw call: the reference client retries a failed refresh for about six seconds.
  const refresh = await call(url, 'InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: CLIENT_ID,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  assert.equal(refresh.status, 400);
  assert.equal(refresh.body.__type, 'NotAuthorizedException');
  assert.equal(refresh.body.message, 'Refresh Token has been revoked');
});

test('sets up TOTP from a signed-in session, after which sign-in asks for the code', async () => {
  const { url } = emulator();
  await signUpConfirmed(url, 'rc-totp-setup');
  const user = cognitoUser('rc-totp-setup');
  expectSuccess(await quickSignIn(user));

  const secret = await new Promise<string>((resolve, reject) => user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }));
  assert.match(secret, /^[A-Z2-7]+=*$/, 'the secret is base32');
  const verified: any = await callbacksCall((cb) => user.verifySoftwareToken(totpNow(secret), 'My phone', cb as any));
  assert.equal(verified.Status, 'SUCCESS');
  assert.equal(await nodeCall((cb) => user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, cb)), 'SUCCESS');

  const next = cognitoUser('rc-totp-setup');
  const challenge = await signIn(next);
  assert.equal(challenge.kind, 'totpRequired', JSON.stringify(challenge));
  // The code of the next 30-second step, so the same code is never presented twice.
  const session = expectSuccess(await step((callbacks) => next.sendMFACode(totpNow(secret, { steps: 1 }), callbacks, 'SOFTWARE_TOKEN_MFA')));
  assert.equal(session.getAccessToken().decodePayload().username, 'rc-totp-setup');
});

test('remembers a device, signs in again through DEVICE_SRP_AUTH, lists it and forgets it', async () => {
  const { url } = emulator();
  await signUpConfirmed(url, 'rc-device');
  const storage = new MemoryStorage();
  const pool = userPool(CLIENT_ID, storage);
  const keyPrefix = `CognitoIdentityServiceProvider.${CLIENT_ID}.rc-device`;

  // First sign-in: NewDeviceMetadata arrives and the client confirms the device on its own. The
  // demo pool remembers devices only on the user's say-so, so ConfirmDevice asks for confirmation.
  const user = cognitoUser('rc-device', pool);
  const first = await signIn(user);
  assert.equal(first.kind, 'success', JSON.stringify(first));
  assert.equal((first as any).userConfirmationNecessary, true);
  const deviceKey = storage.getItem(`${keyPrefix}.deviceKey`);
  assert.ok(deviceKey, 'the client stored the device key');
  assert.match(deviceKey, /^us-east-1_[0-9a-f-]{36}$/);
  assert.ok(storage.getItem(`${keyPrefix}.deviceGroupKey`));
  assert.ok(storage.getItem(`${keyPrefix}.randomPasswordKey`));
  assert.equal(await callbacksCall((cb) => user.setDeviceStatusRemembered(cb)), 'SUCCESS');

  // Local sign-out: tokens go, the device keys stay in the same storage.
  user.signOut();
  assert.equal(storage.getItem(`${keyPrefix}.accessToken`), null);
  assert.equal(storage.getItem(`${keyPrefix}.deviceKey`), deviceKey);

  const again = cognitoUser('rc-device', pool);
  const { result, calls } = await recordCalls(() => signIn(again));
  const session = expectSuccess(result);
  assert.deepEqual(calls, [
    { action: 'InitiateAuth', sent: undefined, received: 'PASSWORD_VERIFIER' },
    { action: 'RespondToAuthChallenge', sent: 'PASSWORD_VERIFIER', received: 'DEVICE_SRP_AUTH' },
    { action: 'RespondToAuthChallenge', sent: 'DEVICE_SRP_AUTH', received: 'DEVICE_PASSWORD_VERIFIER' },
    { action: 'RespondToAuthChallenge', sent: 'DEVICE_PASSWORD_VERIFIER', received: undefined },
  ]);
  assert.equal(session.getAccessToken().decodePayload().device_key, deviceKey);

  const listed: any = await callbacksCall((cb) => again.listDevices(10, null, cb));
  assert.equal(listed.Devices.length, 1);
  const device = listed.Devices[0];
  assert.equal(device.DeviceKey, deviceKey);
  const attributes = Object.fromEntries(device.DeviceAttributes.map((a: any) => [a.Name, a.Value]));
  assert.equal(attributes.device_status, 'valid');
  assert.equal(attributes['dev:device_remembered_status'], 'remembered');
  // The reference client names the device after navigator.userAgent, or "nodejs" without one.
  const userAgent = typeof navigator === 'undefined' ? 'nodejs' : navigator.userAgent;
  assert.equal(attributes.device_name, userAgent);

  assert.equal(await callbacksCall((cb) => again.forgetDevice(cb)), 'SUCCESS');
  assert.equal(storage.getItem(`${keyPrefix}.deviceKey`), null);
  const after: any = await callbacksCall((cb) => again.listDevices(10, null, cb));
  assert.deepEqual(after.Devices, []);
});

test('answers a custom challenge after SRP (CUSTOM_AUTH with SRP_A) with the code from the outbox', async () => {
  const { url } = emulator();
  const user = cognitoUser(USERS.demo);
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  const challenge = await signIn(user);
  assert.equal(challenge.kind, 'customChallenge', JSON.stringify(challenge));
  assert.equal((challenge as any).parameters.prompt, 'Enter the code we sent to your email');

  const code = await latestCode(url, 'demo', 'custom_challenge');
  const session = expectSuccess(await step((callbacks) => user.sendCustomChallengeAnswer(code, callbacks)));
  assert.equal(session.getAccessToken().decodePayload().username, 'demo');
});

test('answers a custom challenge without a password (initiateAuth with CUSTOM_AUTH)', async () => {
  const { url } = emulator();
  const user = cognitoUser(USERS.demo);
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  const details = new AuthenticationDetails({ Username: 'demo' });
  const challenge = await step((callbacks) => user.initiateAuth(details, callbacks));
  assert.equal(challenge.kind, 'customChallenge', JSON.stringify(challenge));

  const code = await latestCode(url, 'demo', 'custom_challenge');
  const session = expectSuccess(await step((callbacks) => user.sendCustomChallengeAnswer(code, callbacks)));
  assert.equal(session.getIdToken().decodePayload()['cognito:username'], 'demo');
});

test('resets a forgotten password with the emailed code', async () => {
  const { url } = emulator();
  await signUpConfirmed(url, 'rc-forgetful');
  const user = cognitoUser('rc-forgetful');
  const sent: any = await new Promise((resolve, reject) => user.forgotPassword({ onSuccess: resolve, onFailure: reject, inputVerificationCode: resolve }));
  assert.equal(sent.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
  assert.equal(sent.CodeDeliveryDetails.AttributeName, 'email');

  const code = await latestCode(url, 'rc-forgetful', 'forgot_password');
  const wrong = code === '000000' ? '111111' : '000000';
  await assertCognitoError(
    callbacksCall((cb) => user.confirmPassword(wrong, 'Rem3mbered-now', cb)),
    'CodeMismatchException',
  );
  assert.equal(await callbacksCall((cb) => user.confirmPassword(code, 'Rem3mbered-now', cb)), 'SUCCESS');

  expectSuccess(await quickSignIn(cognitoUser('rc-forgetful'), 'Rem3mbered-now'));
});

test('refuses an unconfirmed user with UserNotConfirmedException until a resent code confirms it', async () => {
  const { url } = emulator();
  await assertCognitoError(signIn(cognitoUser(USERS.unconfirmed)), 'UserNotConfirmedException');

  const user = cognitoUser(USERS.unconfirmed);
  const before = (await outbox(url, { username: 'unconfirmed', purpose: 'signup' })).length;
  const resent: any = await nodeCall((cb) => user.resendConfirmationCode(cb));
  assert.equal(resent.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
  const codes = await outbox(url, { username: 'unconfirmed', purpose: 'signup' });
  assert.equal(codes.length, before + 1, 'a new code was sent');

  assert.equal(await nodeCall((cb) => user.confirmRegistration(codes.at(-1)!.code, true, cb)), 'SUCCESS');
  expectSuccess(await quickSignIn(cognitoUser(USERS.unconfirmed)));
});

test('deletes the signed-in user with deleteUser', async () => {
  const { url } = emulator();
  await signUpConfirmed(url, 'rc-leaver');
  const user = cognitoUser('rc-leaver');
  expectSuccess(await quickSignIn(user));
  assert.equal(await nodeCall((cb) => user.deleteUser(cb)), 'SUCCESS');

  // The LEGACY client tells the truth about the user being gone (USER_PASSWORD_AUTH: one round trip).
  const gone = cognitoUser('rc-leaver', userPool(LEGACY_CLIENT_ID));
  gone.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  await assertCognitoError(signIn(gone), 'UserNotFoundException');
});
