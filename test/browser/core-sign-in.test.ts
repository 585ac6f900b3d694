// The headless core client signing users in, in real Chromium against the emulator: every flow and
// challenge, remembered devices, refresh and sign-out. Each test makes its own users (admin API or
// sign-up), so the seeded users stay as they are for everyone else.
import { expect } from '@open-wc/testing';
import { CognitoError, SignedOutError } from '../../src/core/index.ts';
import {
  advanceClock,
  CLIENT_ID,
  cognito,
  countingFetch,
  createPool,
  createUser,
  enrolTotp,
  expectStep,
  freshIndexedDbStore,
  holdEmulator,
  LEGACY_CLIENT_ID,
  latestCode,
  newClient,
  pageAppClientId,
  PASSWORD,
  POOL_ID,
  rawRefusal,
  recordEvents,
  recordingStore,
  rejectionOf,
  restoreClock,
  ROTATION_CLIENT_ID,
  setUserMfa,
  totp,
  uniqueName,
  withDeviceTimeAdvanced,
  wrongTotp,
} from './support/core.ts';

/** A wrong six-digit code for an emailed or texted one. */
const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');

describe('core sign-in: flows', () => {
  holdEmulator('shared');

  it('signs in with SRP by default: DONE with a session whose claims carry the email, the math in a worker', async () => {
    const user = await createUser();
    const counted = countingFetch();
    // An app client of this page's own, so that no other page's sign-in is heard here (see pageAppClientId).
    const { client } = newClient({ clientId: await pageAppClientId(), fetch: counted.fetch });
    const signedIn = recordEvents(client, 'signed-in');
    const steps = recordEvents(client, 'step');

    const done = expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');

    expect(done.session.claims.email).to.equal(user.email);
    expect(done.session.username).to.equal(user.username);
    expect(done.session.accessToken.split('.')).to.have.length(3);
    // USER_SRP_AUTH: InitiateAuth with SRP_A, then the PASSWORD_VERIFIER answer.
    expect(counted.calls('InitiateAuth')).to.equal(1);
    expect(counted.calls('RespondToAuthChallenge')).to.equal(1);
    expect(client.srpMode).to.equal('worker');
    expect(client.currentStep).to.equal(undefined);
    const session = await client.getSession();
    expect(session.accessToken).to.equal(done.session.accessToken);
    expect(session.claims.email).to.equal(user.email);
    expect(signedIn.map((e) => e.session.accessToken)).to.deep.equal([done.session.accessToken]);
    expect(steps.map((e) => e.step.step)).to.deep.equal(['DONE']);
  });

  it('signs in with the email alias, and the session names the real username', async () => {
    const user = await createUser();
    const { client } = newClient();
    const done = expectStep(await client.signIn({ username: user.email, password: user.password }), 'DONE');
    expect(done.session.username).to.equal(user.username);
    expect(done.session.claims['cognito:username']).to.equal(user.username);
  });

  it('treats the username case-insensitively', async () => {
    const user = await createUser();
    const { client } = newClient();
    const done = expectStep(await client.signIn({ username: user.username.toUpperCase(), password: user.password }), 'DONE');
    expect(done.session.username).to.equal(user.username);
  });

  it('refuses a wrong password with a CognitoError NotAuthorizedException', async () => {
    const user = await createUser();
    const { client } = newClient();
    const error = await rejectionOf(client.signIn({ username: user.username, password: 'Wr0ngPassword' }));
    expect(error).to.be.instanceOf(CognitoError);
    expect(error.code).to.equal('NotAuthorizedException');
    expect(error.name).to.equal('NotAuthorizedException');
    expect(error.status).to.equal(400);
    expect(client.currentStep).to.equal(undefined);
    await rejectionOf(client.getSession()).then((e) => expect(e).to.be.instanceOf(SignedOutError));
  });

  it('refuses an unknown user with NotAuthorizedException when the app client hides user existence', async () => {
    const { client } = newClient();
    const error = await rejectionOf(client.signIn({ username: uniqueName('nobody'), password: PASSWORD }));
    expect(error).to.be.instanceOf(CognitoError);
    expect(error.code).to.equal('NotAuthorizedException');
  });

  it('reports UserNotFoundException for an unknown user with the legacy app client', async () => {
    const { client } = newClient({ clientId: LEGACY_CLIENT_ID });
    const error = await rejectionOf(client.signIn({ username: uniqueName('nobody'), password: PASSWORD }));
    expect(error).to.be.instanceOf(CognitoError);
    expect(error.code).to.equal('UserNotFoundException');
  });

  it('signs in with USER_PASSWORD_AUTH in a single InitiateAuth', async () => {
    const user = await createUser();
    const counted = countingFetch();
    const { client } = newClient({ fetch: counted.fetch });
    const done = expectStep(await client.signIn({ username: user.username, password: user.password, authFlow: 'USER_PASSWORD_AUTH' }), 'DONE');
    expect(done.session.claims.email).to.equal(user.email);
    expect(counted.calls('InitiateAuth')).to.equal(1);
    expect(counted.calls('RespondToAuthChallenge')).to.equal(0);
  });

  it('CUSTOM_AUTH: a wrong answer asks the custom challenge again, the emailed code finishes', async () => {
    const user = await createUser();
    const { client } = newClient();
    const challenge = expectStep(await client.signIn({ username: user.username, authFlow: 'CUSTOM_AUTH' }), 'CUSTOM_CHALLENGE');
    expect(challenge.parameters.prompt).to.be.a('string');
    const first = await latestCode(user.username, 'custom_challenge');

    expectStep(await client.confirmSignIn({ answer: otherThan(first) }), 'CUSTOM_CHALLENGE');
    expect(client.currentStep?.step).to.equal('CUSTOM_CHALLENGE');
    // Asking again sends a new code: the newest one is the answer now.
    const done = expectStep(await client.confirmSignIn({ answer: await latestCode(user.username, 'custom_challenge') }), 'DONE');
    expect(done.session.username).to.equal(user.username);
  });

  it('CUSTOM_AUTH_WITH_SRP: the password by SRP first, then the custom challenge', async () => {
    const user = await createUser();
    const { client } = newClient();
    expectStep(await client.signIn({ username: user.username, password: user.password, authFlow: 'CUSTOM_AUTH_WITH_SRP' }), 'CUSTOM_CHALLENGE');
    const done = expectStep(await client.confirmSignIn({ answer: await latestCode(user.username, 'custom_challenge') }), 'DONE');
    expect(done.session.claims.email).to.equal(user.email);
  });

  it('CUSTOM_AUTH_WITH_SRP with a wrong password is refused before any challenge', async () => {
    const user = await createUser();
    const { client } = newClient();
    const error = await rejectionOf(client.signIn({ username: user.username, password: 'Wr0ngPassword', authFlow: 'CUSTOM_AUTH_WITH_SRP' }));
    expect(error).to.be.instanceOf(CognitoError);
    expect(error.code).to.equal('NotAuthorizedException');
  });

  it('USER_AUTH offers the first factors, and PASSWORD finishes', async () => {
    const user = await createUser();
    const { client } = newClient();
    const choose = expectStep(await client.signIn({ username: user.username, authFlow: 'USER_AUTH' }), 'CHOOSE_FIRST_FACTOR');
    expect(choose.options).to.include.members(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    const done = expectStep(await client.confirmSignIn({ factor: 'PASSWORD', password: user.password }), 'DONE');
    expect(done.session.username).to.equal(user.username);
  });

  it('USER_AUTH: PASSWORD_SRP chosen from the offer finishes', async () => {
    const user = await createUser();
    const { client } = newClient();
    expectStep(await client.signIn({ username: user.username, authFlow: 'USER_AUTH' }), 'CHOOSE_FIRST_FACTOR');
    const done = expectStep(await client.confirmSignIn({ factor: 'PASSWORD_SRP', password: user.password }), 'DONE');
    expect(done.session.username).to.equal(user.username);
  });

  it('USER_AUTH: EMAIL_OTP chosen from the offer sends a code, and that code finishes', async () => {
    const user = await createUser();
    const { client } = newClient();
    expectStep(await client.signIn({ username: user.username, authFlow: 'USER_AUTH' }), 'CHOOSE_FIRST_FACTOR');
    const code = expectStep(await client.confirmSignIn({ factor: 'EMAIL_OTP' }), 'EMAIL_CODE');
    expect(code.delivery.medium).to.equal('EMAIL');
    expect(code.delivery.destination).to.be.a('string').and.not.equal(user.email);
    const done = expectStep(await client.confirmSignIn({ code: await latestCode(user.username, 'email_otp') }), 'DONE');
    expect(done.session.username).to.equal(user.username);
  });

  it('USER_AUTH with preferredChallenge PASSWORD_SRP goes straight to DONE', async () => {
    const user = await createUser();
    const counted = countingFetch();
    const { client } = newClient({ fetch: counted.fetch });
    const done = expectStep(
      await client.signIn({ username: user.username, password: user.password, authFlow: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' }),
      'DONE',
    );
    expect(done.session.username).to.equal(user.username);
    expect(counted.calls('InitiateAuth')).to.equal(1);
    expect(counted.calls('RespondToAuthChallenge')).to.equal(1);
  });
});

describe('core sign-in: MFA and account steps', () => {
  holdEmulator('shared');

  it('TOTP MFA: a wrong code is CodeMismatchException and the step stays; the right code then finishes', async () => {
    const user = await createUser();
    const secret = await enrolTotp(user);
    const { client } = newClient();
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'TOTP_CODE');

    const error = await rejectionOf(client.confirmSignIn({ code: wrongTotp(secret) }));
    expect(error).to.be.instanceOf(CognitoError);
    expect(error.code).to.equal('CodeMismatchException');
    expect(client.currentStep?.step).to.equal('TOTP_CODE');

    const done = expectStep(await client.confirmSignIn({ code: totp(secret) }), 'DONE');
    expect(done.session.username).to.equal(user.username);
    expect(client.currentStep).to.equal(undefined);
  });

  it('SMS MFA: the code sent by SMS finishes', async () => {
    const user = await createUser({ attributes: { email: `${uniqueName()}@example.com`, phone_number: '+15555550123', phone_number_verified: 'true' } });
    await setUserMfa(user.username, { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
    const { client } = newClient();
    const step = expectStep(await client.signIn({ username: user.username, password: user.password }), 'SMS_CODE');
    expect(step.delivery.medium).to.equal('SMS');
    expect(step.delivery.destination).to.match(/0123$/);
    const done = expectStep(await client.confirmSignIn({ code: await latestCode(user.username, 'sms_mfa') }), 'DONE');
    expect(done.session.username).to.equal(user.username);
  });

  it('email MFA: the code sent by email finishes', async () => {
    const user = await createUser();
    await setUserMfa(user.username, { EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
    const { client } = newClient();
    const step = expectStep(await client.signIn({ username: user.username, password: user.password }), 'EMAIL_CODE');
    expect(step.delivery.medium).to.equal('EMAIL');
    const done = expectStep(await client.confirmSignIn({ code: await latestCode(user.username, 'email_mfa') }), 'DONE');
    expect(done.session.username).to.equal(user.username);
  });

  it('CHOOSE_MFA: a user with SMS and email MFA and no preference picks SMS, then gets SMS_CODE', async () => {
    const user = await createUser({
      attributes: { email: `${uniqueName()}@example.com`, email_verified: 'true', phone_number: '+15555550124', phone_number_verified: 'true' },
    });
    await setUserMfa(user.username, { SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true } });
    const { client } = newClient();
    const choose = expectStep(await client.signIn({ username: user.username, password: user.password }), 'CHOOSE_MFA');
    expect(choose.options).to.have.members(['SMS', 'EMAIL']);
    expectStep(await client.confirmSignIn({ mfaType: 'SMS' }), 'SMS_CODE');
    const done = expectStep(await client.confirmSignIn({ code: await latestCode(user.username, 'sms_mfa') }), 'DONE');
    expect(done.session.username).to.equal(user.username);
  });

  it('MFA_SETUP in a pool with MFA ON: SETUP_TOTP, then a code from the secret finishes, and the next sign-in asks TOTP_CODE', async () => {
    const { poolId, clientId } = await createPool({ MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
    const user = await createUser({ poolId, attributes: {} });
    const { client } = newClient({ userPoolId: poolId, clientId });

    const setup = expectStep(await client.signIn({ username: user.username, password: user.password }), 'SETUP_TOTP');
    expect(setup.secret).to.match(/^[A-Z2-7]+=*$/);
    expect(setup.uri.startsWith('otpauth://totp/')).to.equal(true);
    expect(new URL(setup.uri).searchParams.get('secret')).to.equal(setup.secret);

    const done = expectStep(await client.confirmSignIn({ code: totp(setup.secret) }), 'DONE');
    expect(done.session.username).to.equal(user.username);
    await client.signOut();

    expectStep(await client.signIn({ username: user.username, password: user.password }), 'TOTP_CODE');
    expectStep(await client.confirmSignIn({ code: totp(setup.secret) }), 'DONE');
  });

  it('NEW_PASSWORD: a user created with a temporary password chooses a new one, which then works', async () => {
    const username = uniqueName();
    const email = `${username}@example.com`;
    await cognito('AdminCreateUser', {
      UserPoolId: POOL_ID,
      Username: username,
      TemporaryPassword: 'TempPassw0rd1',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    const { client } = newClient();
    const step = expectStep(await client.signIn({ username, password: 'TempPassw0rd1' }), 'NEW_PASSWORD');
    expect(step.requiredAttributes).to.deep.equal([]);
    expect(step.userAttributes.email).to.equal(email);
    expectStep(await client.confirmSignIn({ newPassword: 'NewPassw0rd1' }), 'DONE');
    await client.signOut();

    expectStep(await client.signIn({ username, password: 'NewPassw0rd1' }), 'DONE');
  });

  it('NEW_PASSWORD lists a required attribute the user lacks, and the answer with it finishes', async () => {
    const { poolId, clientId } = await createPool({
      Schema: [{ Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true }],
    });
    const username = uniqueName();
    // An administrator may create a user without the pool's required attributes: the user gives them at first sign-in.
    await cognito('AdminCreateUser', { UserPoolId: poolId, Username: username, TemporaryPassword: 'TempPassw0rd1!', MessageAction: 'SUPPRESS' });
    const { client } = newClient({ userPoolId: poolId, clientId });
    const step = expectStep(await client.signIn({ username, password: 'TempPassw0rd1!' }), 'NEW_PASSWORD');
    expect(step.requiredAttributes).to.deep.equal(['name']);
    // Without it, Cognito's words (aws-amplify/aws-sdk-android#1402): "Invalid attributes given, name is missing"; the step stays.
    const refused = await client.confirmSignIn({ newPassword: 'NewPassw0rd1!' }).catch((error) => error);
    expect([refused.code, refused.message]).to.deep.equal(['InvalidParameterException', 'Invalid attributes given, name is missing']);
    expect(client.currentStep?.step).to.equal('NEW_PASSWORD');
    const done = expectStep(await client.confirmSignIn({ newPassword: 'NewPassw0rd1!', attributes: { name: 'Ada Lovelace' } }), 'DONE');
    expect(done.session.claims.name).to.equal('Ada Lovelace');
  });

  it('CONFIRM_SIGN_UP for a user who has not confirmed yet; after confirmSignUp the sign-in finishes', async () => {
    const username = uniqueName();
    const { client } = newClient();
    await client.signUp({ username, password: PASSWORD, attributes: { email: `${username}@example.com` } });
    const step = expectStep(await client.signIn({ username, password: PASSWORD }), 'CONFIRM_SIGN_UP');
    expect(step.username).to.equal(username);
    expect(client.currentStep).to.equal(undefined);

    await client.confirmSignUp({ username, code: await latestCode(username, 'signup') });
    expectStep(await client.signIn({ username, password: PASSWORD }), 'DONE');
  });

  // Issue 13: after confirming, the user had to type again the password typed seconds before.
  it('CONFIRM_SIGN_UP from a sign-in with a password: confirmSignUp then finishes that sign-in, as sign-up auto sign-in does', async () => {
    const username = uniqueName();
    const { client } = newClient();
    await client.signUp({ username, password: PASSWORD, attributes: { email: `${username}@example.com` } });
    expectStep(await client.signIn({ username, password: PASSWORD }), 'CONFIRM_SIGN_UP');
    const confirmed = await client.confirmSignUp({ username, code: await latestCode(username, 'signup') });
    expect(expectStep(confirmed.signIn!, 'DONE').session.username).to.equal(username);

    // Abandoned (cancelSignIn), the password kept for it goes too.
    const other = uniqueName();
    await client.signUp({ username: other, password: PASSWORD, attributes: { email: `${other}@example.com` } });
    expectStep(await client.signIn({ username: other, password: PASSWORD }), 'CONFIRM_SIGN_UP');
    client.cancelSignIn();
    expect(await client.confirmSignUp({ username: other, code: await latestCode(other, 'signup') })).to.deep.equal({});
  });

  it('RESET_PASSWORD after an administrator reset; the emailed code sets a new password that then works', async () => {
    const user = await createUser();
    await cognito('AdminResetUserPassword', { UserPoolId: POOL_ID, Username: user.username });
    const { client } = newClient();
    const step = expectStep(await client.signIn({ username: user.username, password: user.password }), 'RESET_PASSWORD');
    expect(step.username).to.equal(user.username);

    await client.confirmForgotPassword({ username: user.username, code: await latestCode(user.username, 'forgot_password'), newPassword: 'NewPassw0rd1' });
    expectStep(await client.signIn({ username: user.username, password: 'NewPassw0rd1' }), 'DONE');
  });

  it('sign-up with autoSignIn: confirmSignUp signs the user in without the password again', async () => {
    const username = uniqueName();
    const email = `${username}@example.com`;
    const { client } = newClient();
    const signedUp = await client.signUp({ username, password: PASSWORD, attributes: { email }, autoSignIn: true });
    expect(signedUp.userConfirmed).to.equal(false);
    expect(signedUp.delivery?.medium).to.equal('EMAIL');

    const confirmed = await client.confirmSignUp({ username, code: await latestCode(username, 'signup') });
    const done = expectStep(confirmed.signIn!, 'DONE');
    expect(done.session.claims.email).to.equal(email);
    expect((await client.getSession()).accessToken).to.equal(done.session.accessToken);
  });
});

describe('core sign-in: remembered devices', () => {
  holdEmulator('shared');

  it('a remembered device skips TOTP next time; listDevices shows it; after forgetDevice TOTP is asked again', async () => {
    const user = await createUser();
    const secret = await enrolTotp(user);
    const { client } = newClient({ store: freshIndexedDbStore() });
    const signIn = () => client.signIn({ username: user.username, password: user.password });

    expectStep(await signIn(), 'TOTP_CODE');
    expectStep(await client.confirmSignIn({ code: totp(secret) }), 'DONE');
    await client.rememberDevice();
    const devices = await client.listDevices();
    expect(devices).to.have.length(1);
    expect(devices[0]).to.include({ current: true, remembered: true });
    await client.signOut();

    // Device SRP stands in for MFA.
    const done = expectStep(await signIn(), 'DONE');
    expect(done.session.username).to.equal(user.username);

    await client.forgetDevice();
    expect((await client.listDevices()).filter((d) => d.deviceKey === devices[0].deviceKey)).to.deep.equal([]);
    await client.signOut();
    expectStep(await signIn(), 'TOTP_CODE');
    expectStep(await client.confirmSignIn({ code: totp(secret) }), 'DONE');
  });

  it('a device the pool forgot (AdminForgetDevice) is dropped and the sign-in starts over without it', async () => {
    const user = await createUser();
    const secret = await enrolTotp(user);
    const counted = countingFetch();
    const { client } = newClient({ fetch: counted.fetch });

    expectStep(await client.signIn({ username: user.username, password: user.password }), 'TOTP_CODE');
    expectStep(await client.confirmSignIn({ code: totp(secret) }), 'DONE');
    await client.rememberDevice();
    const [device] = (await client.listDevices()).filter((d) => d.current);
    expect(device, 'the current device').to.not.equal(undefined);
    await client.signOut();
    await cognito('AdminForgetDevice', { UserPoolId: POOL_ID, Username: user.username, DeviceKey: device.deviceKey });

    const before = counted.calls('InitiateAuth');
    // The first attempt names the forgotten device and is refused; the client retries without it.
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'TOTP_CODE');
    expect(counted.calls('InitiateAuth') - before).to.equal(2);
    expectStep(await client.confirmSignIn({ code: totp(secret) }), 'DONE');
  });

  it('after forgetDevice(), the session still refreshes (the forgotten device key is not sent)', async () => {
    const user = await createUser();
    const { client } = newClient({ clientId: ROTATION_CLIENT_ID, refreshTokenRotation: true });
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    // The device was tracked and confirmed at sign-in; forgetting it must not break the session.
    await client.forgetDevice();
    const before = await client.getSession();
    const after = await client.getSession({ forceRefresh: true });
    expect(after.accessToken).to.not.equal(before.accessToken);
  });
});

describe('core sign-in: refresh and sign-out', () => {
  holdEmulator('shared');

  it('getSession({ forceRefresh: true }) returns new tokens and fires tokens-refreshed', async () => {
    const user = await createUser();
    const { client } = newClient({ clientId: await pageAppClientId() });
    const done = expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    const refreshed = recordEvents(client, 'tokens-refreshed');

    const session = await client.getSession({ forceRefresh: true });
    expect(session.accessToken).to.not.equal(done.session.accessToken);
    expect(session.idToken).to.not.equal(done.session.idToken);
    expect(session.claims.email).to.equal(user.email);
    expect((await client.getSession()).accessToken).to.equal(session.accessToken);
    expect(refreshed.map((e) => e.session.accessToken)).to.deep.equal([session.accessToken]);
  });

  it('with refresh-token rotation, each forced refresh stores a new refresh token and the next refresh works', async () => {
    const user = await createUser();
    const { store, refreshTokens } = recordingStore();
    const { client } = newClient({ clientId: ROTATION_CLIENT_ID, refreshTokenRotation: true, store });
    const done = expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    const refreshed = recordEvents(client, 'tokens-refreshed');

    const first = await client.getSession({ forceRefresh: true });
    const second = await client.getSession({ forceRefresh: true });

    expect(new Set([done.session.accessToken, first.accessToken, second.accessToken]).size).to.equal(3);
    expect(refreshed.map((e) => e.session.accessToken)).to.include.members([first.accessToken, second.accessToken]);
    // One refresh token from the sign-in and one more from each rotation.
    expect(refreshTokens()).to.have.length(3);
  });

  it('signOut() revokes the refresh token, forgets the session and fires signed-out', async () => {
    const user = await createUser();
    const { store, refreshTokens } = recordingStore();
    const { client } = newClient({ store });
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    const [refreshToken] = refreshTokens();
    expect(refreshToken).to.be.a('string');
    const signedOut = recordEvents(client, 'signed-out');

    await client.signOut();

    const refusal = await rawRefusal('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT_ID, AuthParameters: { REFRESH_TOKEN: refreshToken } });
    expect(refusal.type).to.equal('NotAuthorizedException');
    expect(await rejectionOf(client.getSession())).to.be.instanceOf(SignedOutError);
    expect(signedOut.filter((e) => e.reason === 'user')).to.have.length(1);
  });

  // An account page that loads on the way out must not send the tokens being revoked (Cognito
  // would refuse them, and the page would show an error for a sign-out that worked); a page that
  // leaves on signed-out must not cut the revoke call short.
  for (const global of [false, true]) {
    it(`signOut(${global ? '{ global: true }' : ''}) forgets the session before it calls Cognito, and says signed-out after`, async () => {
      const user = await createUser();
      const during: { signedOutEvents: number; getUser: unknown }[] = [];
      const revokeAction = global ? 'GlobalSignOut' : 'RevokeToken';
      const counted = countingFetch(async (action) => {
        if (action !== revokeAction) return;
        // While the revoke call is on its way: has the page been told, and what does the client answer?
        during.push({ signedOutEvents: signedOut.length, getUser: await rejectionOf(client.getUser()) });
      });
      const { client } = newClient({ fetch: counted.fetch });
      expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
      const signedOut = recordEvents(client, 'signed-out');

      await client.signOut({ global });

      expect(counted.calls(revokeAction), `one ${revokeAction} call`).to.equal(1);
      expect(counted.calls('GetUser'), 'no GetUser sent with the tokens being revoked').to.equal(0);
      expect(during).to.have.length(1);
      expect(during[0].signedOutEvents, 'signed-out waits for the revoke call').to.equal(0);
      expect(during[0].getUser).to.be.instanceOf(SignedOutError);
      expect(signedOut).to.deep.equal([{ reason: global ? 'global' : 'user' }]);
    });
  }

  it('a refresh that answers after signOut() does not bring the session back', async () => {
    const user = await createUser();
    let signOut: Promise<void> | undefined;
    const counted = countingFetch((action, nth) => {
      // The refresh (GetTokensFromRefreshToken) is on its way when the user signs out; its answer arrives after.
      if (action === 'GetTokensFromRefreshToken' && nth === 1) signOut = client.signOut();
    });
    const { client } = newClient({ fetch: counted.fetch });
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');

    const refreshed = await rejectionOf(client.getSession({ forceRefresh: true }));
    await signOut;

    expect(counted.calls('GetTokensFromRefreshToken'), 'the refresh').to.equal(1);
    expect(refreshed).to.be.instanceOf(SignedOutError);
    expect(await rejectionOf(client.getSession())).to.be.instanceOf(SignedOutError);
    expect(await client.currentUsername()).to.equal(undefined);
  });

  it('tokens revoked elsewhere (a global sign-out on another device) end the session here at the next call', async () => {
    const user = await createUser();
    const { client } = newClient();
    const done = expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    const signedOut = recordEvents(client, 'signed-out');
    const expired = recordEvents(client, 'session-expired');
    await cognito('GlobalSignOut', { AccessToken: done.session.accessToken });

    // Not Cognito's NotAuthorizedException for the revoked access token: the refresh it leads to
    // is refused too, so the user is signed out, as every element following the client shows.
    expect(await rejectionOf(client.getUser())).to.be.instanceOf(SignedOutError);
    expect(signedOut).to.deep.equal([{ reason: 'expired' }]);
    expect(expired).to.have.length(1);
    expect(await rejectionOf(client.getSession())).to.be.instanceOf(SignedOutError);
  });

  it('a NotAuthorizedException about something else than the token is passed on and keeps the session', async () => {
    const user = await createUser();
    const counted = countingFetch();
    const { client } = newClient({ fetch: counted.fetch });
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    const signedOut = recordEvents(client, 'signed-out');

    const error = await rejectionOf(client.changePassword({ oldPassword: 'Wr0ngPassword!', newPassword: 'N3wPassword!' }));

    expect(error).to.be.instanceOf(CognitoError);
    expect((error as CognitoError).code).to.equal('NotAuthorizedException');
    expect(counted.calls('ChangePassword'), 'sent once').to.equal(1);
    expect(counted.calls('InitiateAuth'), 'no refresh').to.equal(1);
    expect(signedOut).to.deep.equal([]);
    expect((await client.getSession()).username).to.equal(user.username);
  });

  it('signOut({ global: true }) revokes the access token too', async () => {
    const user = await createUser();
    const { client } = newClient();
    const done = expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    const signedOut = recordEvents(client, 'signed-out');

    await client.signOut({ global: true });

    const refusal = await rawRefusal('GetUser', { AccessToken: done.session.accessToken });
    expect(refusal.type).to.equal('NotAuthorizedException');
    expect(refusal.message).to.contain('Access Token has been revoked');
    expect(await rejectionOf(client.getSession())).to.be.instanceOf(SignedOutError);
    expect(signedOut.filter((e) => e.reason === 'global')).to.have.length(1);
  });
});

describe('core sign-in: when time passes (moves the emulator clock)', () => {
  holdEmulator('exclusive');

  it('two hours later, a plain getSession() refreshes the expired tokens by itself', async () => {
    const user = await createUser();
    const { client } = newClient({ clientId: await pageAppClientId() });
    const done = expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    const refreshed = recordEvents(client, 'tokens-refreshed');
    const twoHours = 2 * 3600_000;

    // Two hours pass for the server and for this device alike.
    const offset = await advanceClock(twoHours);
    try {
      const session = await withDeviceTimeAdvanced(twoHours, () => client.getSession());
      expect(session.accessToken).to.not.equal(done.session.accessToken);
      expect(refreshed.map((e) => e.session.accessToken)).to.deep.equal([session.accessToken]);
      // The old access token has expired on the server's clock; the new one works.
      const refusal = await rawRefusal('GetUser', { AccessToken: done.session.accessToken });
      expect(refusal.type).to.equal('NotAuthorizedException');
      const me = await cognito('GetUser', { AccessToken: session.accessToken });
      expect(me.Username).to.equal(user.username);
    } finally {
      await restoreClock(offset);
    }
  });
});

describe("core sign-in: when the server's clock runs ahead (moves the emulator clock)", () => {
  holdEmulator('exclusive');

  it('signOut({ global: true }) with an expired access token refreshes it first, so the other devices really are signed out', async () => {
    const user = await createUser();
    const counted = countingFetch();
    const { store, refreshTokens } = recordingStore();
    const { client } = newClient({ fetch: counted.fetch, store });
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    const [refreshToken] = refreshTokens();
    const twoHours = 2 * 3600_000;

    // The laptop slept for two hours: the access token has expired for the server and this device alike.
    const offset = await advanceClock(twoHours);
    try {
      await withDeviceTimeAdvanced(twoHours, () => client.signOut({ global: true }));
      expect(counted.calls('GetTokensFromRefreshToken'), 'a refresh before GlobalSignOut').to.equal(1);
      expect(counted.calls('GlobalSignOut')).to.equal(1);
      // Another device holding this sign-in's refresh token is signed out too.
      const refusal = await rawRefusal('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT_ID, AuthParameters: { REFRESH_TOKEN: refreshToken } });
      expect(refusal.type).to.equal('NotAuthorizedException');
    } finally {
      await restoreClock(offset);
    }
  });

  it('an access token the server calls expired, though this device thinks it fresh, is refreshed once and the call sent again', async () => {
    const user = await createUser();
    const counted = countingFetch();
    const { client } = newClient({ fetch: counted.fetch });
    const done = expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    const refreshed = recordEvents(client, 'tokens-refreshed');

    // Two hours pass for the server only: the device still counts the token as fresh.
    const offset = await advanceClock(2 * 3600_000);
    try {
      const me = await client.getUser();
      expect(me.username).to.equal(user.username);
      expect(counted.calls('GetUser'), 'refused once, then sent again').to.equal(2);
      expect(refreshed).to.have.length(1);
      expect(refreshed[0].session.accessToken).to.not.equal(done.session.accessToken);
    } finally {
      await restoreClock(offset);
    }
  });
});
