// Amplify v6 (aws-amplify/auth 6.x, unmodified) against the emulator, and our core client through
// the same flows in the same run, side by side. Amplify is the second official referee (after
// amazon-cognito-identity-js in reference-client.test.ts): it is the AWS client that speaks
// USER_AUTH, EMAIL_OTP, MFA set-up during sign-in and GetTokensFromRefreshToken, so where the
// emulator gets those wrong, Amplify fails the way it would against a wrong server.
// Sources named in the test names are Amplify v6's packages/auth/src/providers/cognito (apis/*.ts,
// utils/signInHelpers.ts, client/flows/userAuth/*) and the Cognito API reference.
// Passkey sign-in runs in Chromium: test/browser/amplify-passkey.chromium.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SEED } from '../../emulator/index.ts';
import type { Seed } from '../../emulator/seed.ts';
import {
  CLIENT_ID,
  PASSWORD,
  ROTATION_CLIENT_ID,
  SMS_PHONE,
  TEMP_PASSWORD,
  TOTP_SECRET,
  USERS,
  call,
  callOk,
  jwtClaims,
  latestCode,
  outbox,
  signUpConfirmed,
  totpNow,
  withEmulator,
  wrongTotp,
} from './support/emulator.ts';
import {
  AMPLIFY_USER_AGENT,
  amplifyAccessClaims,
  amplifyStoreEntries,
  auth,
  coreClient,
  expectAmplifyStep,
  expectStep,
  recordCalls,
  rejectsWith,
  useAmplify,
} from './support/amplify.ts';

const POOL_ID = 'us-east-1_DemoPool1';
/** MFA required, TOTP the only factor to set up: sign-in goes through MFA_SETUP. */
const MFA_ON_POOL = 'us-east-1_AmpMfaOn1';
const MFA_ON_CLIENT = 'ampmfaonclient000000000001';

/** The default seed plus this file's own users (one per client where a flow changes the user). */
function refereeSeed(): Seed {
  const seed = JSON.parse(readFileSync(DEFAULT_SEED, 'utf8')) as Seed;
  const demo = seed.pools.find((p) => p.Id === POOL_ID)!;
  for (const who of ['amp', 'core']) {
    demo.Users!.push(
      {
        Username: `${who}-newpw`,
        Password: TEMP_PASSWORD,
        Status: 'FORCE_CHANGE_PASSWORD',
        Attributes: { email: `${who}-newpw@example.com`, email_verified: 'true' },
      },
      // TOTP and email MFA, neither preferred: Cognito asks which (SELECT_MFA_TYPE).
      {
        Username: `${who}-choose`,
        Password: PASSWORD,
        Attributes: { email: `${who}-choose@example.com`, email_verified: 'true' },
        Mfa: { TotpSecret: TOTP_SECRET, Email: true },
      },
    );
  }
  seed.pools.push({
    Id: MFA_ON_POOL,
    PoolName: 'amplify-mfa-required',
    MfaConfiguration: 'ON',
    SoftwareTokenMfaConfiguration: { Enabled: true },
    Clients: [{ ClientId: MFA_ON_CLIENT, ClientName: 'mfa-on', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
    Users: ['amp', 'core'].map((who) => ({
      Username: `${who}-setup`,
      Password: PASSWORD,
      Attributes: { email: `${who}-setup@example.com`, email_verified: 'true' },
    })),
  });
  return seed;
}

const emulator = withEmulator({ config: refereeSeed() });

/** Amplify configured for this client, fresh (signed out, empty store). */
const amplify = async (clientId = CLIENT_ID, poolId = POOL_ID) => useAmplify(emulator().url, clientId, poolId);
const core = (clientId = CLIENT_ID, options: Parameters<typeof coreClient>[2] = {}) => coreClient(emulator().url, clientId, options);

/** Runs `start` with every timer it sets unref'd (they may still fire, but keep no process alive). */
async function unrefTimers<T>(start: () => Promise<T>): Promise<T> {
  const real = globalThis.setTimeout;
  globalThis.setTimeout = ((...args: Parameters<typeof real>) => real(...args).unref()) as typeof real;
  try {
    return await start();
  } finally {
    globalThis.setTimeout = real;
  }
}

/**
 * Amplify's autoSignIn(), at least 350 ms after the last one: signUpHelpers.ts debounces it with one
 * module-wide 300 ms timer and silently drops a call inside that window, whose promise then never
 * settles (seen as this file hanging on a quiet machine, where two sign-ups run within 300 ms).
 */
let lastAutoSignIn = 0;
async function amplifyAutoSignIn(): ReturnType<typeof auth.autoSignIn> {
  const wait = lastAutoSignIn + 350 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  lastAutoSignIn = Date.now();
  return auth.autoSignIn();
}

/** The newest outbox code sent to this destination (phone or email). */
async function codeSentTo(destination: string): Promise<string> {
  const last = (await outbox(emulator().url, { destination })).at(-1);
  assert.ok(last, `no message to ${destination}`);
  return last.code;
}

// ---------------------------------------------------------------------------------------------
// Sign-up and the password flows

test('Amplify signUp.ts + autoSignIn.ts: sign up, confirm with the emailed code, signed in without the password again (core alike)', async () => {
  const { url } = emulator();
  await amplify();
  // signUpHelpers.ts arms a 3-minute timer that outlives the confirmation; unref it so this file's
  // process does not wait for it.
  const signedUp = await unrefTimers(() =>
    auth.signUp({
      username: 'amp-new',
      password: PASSWORD,
      options: { userAttributes: { email: 'amp-new@example.com' }, autoSignIn: { authFlowType: 'USER_AUTH' } },
    }),
  );
  assert.equal(signedUp.isSignUpComplete, false);
  const confirm = expectAmplifyStep(signedUp, 'CONFIRM_SIGN_UP');
  assert.equal(confirm.codeDeliveryDetails.deliveryMedium, 'EMAIL');
  const resent = await auth.resendSignUpCode({ username: 'amp-new' });
  assert.equal(resent.deliveryMedium, 'EMAIL');
  const confirmed = await auth.confirmSignUp({ username: 'amp-new', confirmationCode: await latestCode(url, 'amp-new', 'signup') });
  expectAmplifyStep(confirmed, 'COMPLETE_AUTO_SIGN_IN');
  const { calls, result } = await recordCalls(() => amplifyAutoSignIn());
  assert.equal(result.isSignedIn, true);
  // Amplify v6 signUpHelpers.ts: with autoSignIn { authFlowType: 'USER_AUTH' } it signs in by
  // USER_AUTH with the Session that ConfirmSignUp answered, no password (API reference,
  // ConfirmSignUp: "Session ... to sign in with USER_AUTH"): the emulator must hand it out and honour it.
  assert.equal(calls[0]?.action, 'InitiateAuth');
  assert.equal(calls[0]?.body.AuthFlow, 'USER_AUTH');
  assert.ok(calls[0]?.body.Session, 'autoSignIn presents the Session from ConfirmSignUp');
  assert.equal((await amplifyAccessClaims()).username, 'amp-new');

  const client = core();
  await client.signUp({ username: 'core-new', password: PASSWORD, attributes: { email: 'core-new@example.com' }, autoSignIn: true });
  assert.equal((await client.resendSignUpCode({ username: 'core-new' })).delivery?.medium, 'EMAIL');
  const after = await client.confirmSignUp({ username: 'core-new', code: await latestCode(url, 'core-new', 'signup') });
  assert.equal(expectStep(after.signIn!, 'DONE').session.username, 'core-new');
  client.dispose();
});

test('Amplify signUp.ts without a password (passwordless pool): confirmed by the emailed code and signed in by USER_AUTH with its Session (core alike)', async () => {
  const { url } = emulator();
  await amplify();
  await unrefTimers(() =>
    auth.signUp({ username: 'amp-nopw', options: { userAttributes: { email: 'amp-nopw@example.com' }, autoSignIn: { authFlowType: 'USER_AUTH' } } }),
  );
  await auth.confirmSignUp({ username: 'amp-nopw', confirmationCode: await latestCode(url, 'amp-nopw', 'signup') });
  assert.equal((await amplifyAutoSignIn()).isSignedIn, true);
  assert.equal((await amplifyAccessClaims()).username, 'amp-nopw');

  const client = core();
  await client.signUp({ username: 'core-nopw', attributes: { email: 'core-nopw@example.com' }, autoSignIn: true });
  const after = await client.confirmSignUp({ username: 'core-nopw', code: await latestCode(url, 'core-nopw', 'signup') });
  assert.equal(expectStep(after.signIn!, 'DONE').session.username, 'core-nopw');
  client.dispose();
});

test('Amplify signInWithSRP.ts and signInWithUserPassword.ts sign in; the core signs the same user in with both flows', async () => {
  await amplify();
  assert.deepEqual(await auth.signIn({ username: USERS.demo, password: PASSWORD }), { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  const srpClaims = await amplifyAccessClaims();
  assert.equal(srpClaims.username, 'demo');
  assert.equal((await auth.getCurrentUser()).username, 'demo');
  await auth.signOut();
  const { calls } = await recordCalls(() => auth.signIn({ username: USERS.demoEmail, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } }));
  assert.equal(calls[0]?.body.AuthFlow, 'USER_PASSWORD_AUTH');
  assert.equal((await amplifyAccessClaims()).username, 'demo', 'the email alias signs in as demo');
  assert.equal((await auth.fetchUserAttributes())['custom:plan'], 'pro');

  for (const authFlow of ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH'] as const) {
    const client = core();
    const done = expectStep(await client.signIn({ username: USERS.demoEmail, password: PASSWORD, authFlow }), 'DONE');
    assert.equal(done.session.username, 'demo');
    assert.equal(jwtClaims(done.session.accessToken).sub, srpClaims.sub);
    client.dispose();
  }
});

test('Amplify reports a wrong password as NotAuthorizedException, as the core does', async () => {
  await amplify();
  await rejectsWith(auth.signIn({ username: USERS.demo, password: 'Wrong-passw0rd' }), 'NotAuthorizedException');
  const client = core();
  await assert.rejects(client.signIn({ username: USERS.demo, password: 'Wrong-passw0rd' }), { code: 'NotAuthorizedException' });
  client.dispose();
});

test('Amplify signInHelpers.ts: NEW_PASSWORD_REQUIRED is CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED, answered with the new password (core: NEW_PASSWORD)', async () => {
  await amplify();
  const first = await auth.signIn({ username: 'amp-newpw', password: TEMP_PASSWORD });
  expectAmplifyStep(first, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
  const done = await auth.confirmSignIn({ challengeResponse: 'Brand-new-passw0rd' });
  assert.equal(done.isSignedIn, true, JSON.stringify(done));
  await auth.signOut();
  assert.equal((await auth.signIn({ username: 'amp-newpw', password: 'Brand-new-passw0rd', options: { authFlowType: 'USER_PASSWORD_AUTH' } })).isSignedIn, true);

  const client = core();
  const step = expectStep(await client.signIn({ username: 'core-newpw', password: TEMP_PASSWORD }), 'NEW_PASSWORD');
  assert.equal(step.userAttributes.email, 'core-newpw@example.com');
  expectStep(await client.confirmSignIn({ newPassword: 'Brand-new-passw0rd' }), 'DONE');
  client.dispose();
});

test('Amplify signIn.ts: an unconfirmed user is CONFIRM_SIGN_UP and a reset password RESET_PASSWORD, with SRP and without (core alike)', async () => {
  const { url } = emulator();
  await signUpConfirmed(url, 'amp-reset');
  await callOk(url, 'AdminResetUserPassword', { UserPoolId: POOL_ID, Username: 'amp-reset' });
  await amplify();
  const client = core();
  for (const authFlowType of ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH'] as const) {
    // Amplify maps UserNotConfirmedException / PasswordResetRequiredException to these steps,
    // whether InitiateAuth (no SRP) or the PASSWORD_VERIFIER answer (SRP) refuses.
    expectAmplifyStep(await auth.signIn({ username: USERS.unconfirmed, password: PASSWORD, options: { authFlowType } }), 'CONFIRM_SIGN_UP');
    expectAmplifyStep(await auth.signIn({ username: 'amp-reset', password: PASSWORD, options: { authFlowType } }), 'RESET_PASSWORD');
    expectStep(await client.signIn({ username: USERS.unconfirmed, password: PASSWORD, authFlow: authFlowType }), 'CONFIRM_SIGN_UP');
    expectStep(await client.signIn({ username: 'amp-reset', password: PASSWORD, authFlow: authFlowType }), 'RESET_PASSWORD');
  }
  client.dispose();
});

// ---------------------------------------------------------------------------------------------
// MFA

test('Amplify setUpTOTP.ts + verifyTOTPSetup.ts + updateMFAPreference.ts: TOTP set up while signed in, then asked for at sign-in (core alike)', async () => {
  const { url } = emulator();
  for (const who of ['amp-totp', 'core-totp']) await signUpConfirmed(url, who);

  await amplify();
  await auth.signIn({ username: 'amp-totp', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  const details = await auth.setUpTOTP();
  assert.match(details.sharedSecret, /^[A-Z2-7]+=*$/);
  assert.match(details.getSetupUri('Referee').href, /^otpauth:\/\/totp\//);
  await rejectsWith(auth.verifyTOTPSetup({ code: wrongTotp(details.sharedSecret) }), 'EnableSoftwareTokenMFAException');
  await auth.verifyTOTPSetup({ code: totpNow(details.sharedSecret) });
  await auth.updateMFAPreference({ totp: 'PREFERRED' });
  assert.deepEqual(await auth.fetchMFAPreference(), { enabled: ['TOTP'], preferred: 'TOTP' });
  await auth.signOut();
  expectAmplifyStep(await auth.signIn({ username: 'amp-totp', password: PASSWORD }), 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  // A wrong code is CodeMismatchException and the same Session takes another try (Amplify keeps it).
  await rejectsWith(auth.confirmSignIn({ challengeResponse: wrongTotp(details.sharedSecret) }), 'CodeMismatchException');
  // The next 30-second step's code: the same code is never presented twice.
  assert.equal((await auth.confirmSignIn({ challengeResponse: totpNow(details.sharedSecret, { steps: 1 }) })).isSignedIn, true);

  const client = core();
  await client.signIn({ username: 'core-totp', password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' });
  const { secret } = await client.setUpTotp();
  await assert.rejects(client.verifyTotp({ code: wrongTotp(secret) }), { code: 'EnableSoftwareTokenMFAException' });
  await client.verifyTotp({ code: totpNow(secret), preferred: true });
  assert.deepEqual(await client.getMfaPreference(), { enabled: ['TOTP'], preferred: 'TOTP' });
  await client.signOut();
  expectStep(await client.signIn({ username: 'core-totp', password: PASSWORD }), 'TOTP_CODE');
  await assert.rejects(client.confirmSignIn({ code: wrongTotp(secret) }), { code: 'CodeMismatchException' });
  expectStep(await client.confirmSignIn({ code: totpNow(secret, { steps: 1 }) }), 'DONE');
  client.dispose();
});

test('Amplify signInHelpers.ts: SMS_MFA and EMAIL_OTP are CONFIRM_SIGN_IN_WITH_SMS_CODE / _EMAIL_CODE with masked destinations (core: SMS_CODE / EMAIL_CODE)', async () => {
  await amplify();
  const sms = expectAmplifyStep(await auth.signIn({ username: USERS.sms, password: PASSWORD }), 'CONFIRM_SIGN_IN_WITH_SMS_CODE');
  assert.equal(sms.codeDeliveryDetails.deliveryMedium, 'SMS');
  assert.match(sms.codeDeliveryDetails.destination, /0100$/);
  assert.notEqual(sms.codeDeliveryDetails.destination, SMS_PHONE);
  assert.equal((await auth.confirmSignIn({ challengeResponse: await codeSentTo(SMS_PHONE) })).isSignedIn, true);
  await auth.signOut();
  const email = expectAmplifyStep(await auth.signIn({ username: USERS.email, password: PASSWORD }), 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  assert.equal(email.codeDeliveryDetails.deliveryMedium, 'EMAIL');
  assert.equal((await auth.confirmSignIn({ challengeResponse: await codeSentTo('email-mfa@example.com') })).isSignedIn, true);
  assert.equal((await amplifyAccessClaims()).username, 'email');

  const client = core();
  expectStep(await client.signIn({ username: USERS.sms, password: PASSWORD }), 'SMS_CODE');
  expectStep(await client.confirmSignIn({ code: await codeSentTo(SMS_PHONE) }), 'DONE');
  await client.signOut();
  expectStep(await client.signIn({ username: USERS.email, password: PASSWORD }), 'EMAIL_CODE');
  expectStep(await client.confirmSignIn({ code: await codeSentTo('email-mfa@example.com') }), 'DONE');
  client.dispose();
});

test('Amplify signInHelpers.ts: SELECT_MFA_TYPE is CONTINUE_SIGN_IN_WITH_MFA_SELECTION with allowedMFATypes; answering EMAIL sends the code (core: CHOOSE_MFA)', async () => {
  await amplify();
  const select = expectAmplifyStep(await auth.signIn({ username: 'amp-choose', password: PASSWORD }), 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION');
  assert.deepEqual([...select.allowedMFATypes].sort(), ['EMAIL', 'TOTP']);
  expectAmplifyStep(await auth.confirmSignIn({ challengeResponse: 'EMAIL' }), 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  assert.equal((await auth.confirmSignIn({ challengeResponse: await codeSentTo('amp-choose@example.com') })).isSignedIn, true);
  await auth.signOut();
  expectAmplifyStep(
    await auth.signIn({ username: 'amp-choose', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } }),
    'CONTINUE_SIGN_IN_WITH_MFA_SELECTION',
  );
  expectAmplifyStep(await auth.confirmSignIn({ challengeResponse: 'TOTP' }), 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  assert.equal((await auth.confirmSignIn({ challengeResponse: totpNow(TOTP_SECRET) })).isSignedIn, true);
  // fetchMFAPreference.ts reads GetUser's UserMFASettingList (and no PreferredMfaSetting).
  const preference = await auth.fetchMFAPreference();
  assert.deepEqual(preference.enabled, ['TOTP', 'EMAIL']);
  assert.equal(preference.preferred, undefined);

  const client = core();
  const choose = expectStep(await client.signIn({ username: 'core-choose', password: PASSWORD }), 'CHOOSE_MFA');
  assert.deepEqual([...choose.options].sort(), ['EMAIL', 'TOTP']);
  expectStep(await client.confirmSignIn({ mfaType: 'EMAIL' }), 'EMAIL_CODE');
  expectStep(await client.confirmSignIn({ code: await codeSentTo('core-choose@example.com') }), 'DONE');
  const corePreference = await client.getMfaPreference();
  assert.deepEqual(corePreference.enabled, ['TOTP', 'EMAIL']);
  assert.equal(corePreference.preferred, undefined);
  client.dispose();
});

test('Amplify signInHelpers.ts: MFA_SETUP with TOTP only is CONTINUE_SIGN_IN_WITH_TOTP_SETUP: AssociateSoftwareToken{Session}, then the code (core: SETUP_TOTP)', async () => {
  await amplify(MFA_ON_CLIENT, MFA_ON_POOL);
  const { calls, result } = await recordCalls(() => auth.signIn({ username: 'amp-setup', password: PASSWORD }));
  const setup = expectAmplifyStep(result, 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
  assert.deepEqual(
    calls.map((c) => c.action),
    ['InitiateAuth', 'RespondToAuthChallenge', 'AssociateSoftwareToken'],
  );
  const secret = setup.totpSetupDetails.sharedSecret;
  assert.equal((await auth.confirmSignIn({ challengeResponse: totpNow(secret) })).isSignedIn, true);
  await auth.signOut();
  expectAmplifyStep(await auth.signIn({ username: 'amp-setup', password: PASSWORD }), 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');

  const client = core(MFA_ON_CLIENT, { userPoolId: MFA_ON_POOL });
  const step = expectStep(await client.signIn({ username: 'core-setup', password: PASSWORD }), 'SETUP_TOTP');
  expectStep(await client.confirmSignIn({ code: totpNow(step.secret) }), 'DONE');
  client.dispose();
});

// ---------------------------------------------------------------------------------------------
// Choice-based sign-in (USER_AUTH)

test('Amplify signInWithUserAuth.ts: each preferredChallenge (PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP) signs in; the core with the same first factors', async () => {
  await amplify();
  for (const preferredChallenge of ['PASSWORD', 'PASSWORD_SRP'] as const) {
    const { calls, result } = await recordCalls(() =>
      auth.signIn({ username: USERS.demo, password: PASSWORD, options: { authFlowType: 'USER_AUTH', preferredChallenge } }),
    );
    assert.equal(result.isSignedIn, true, `${preferredChallenge}: ${JSON.stringify(result)}`);
    assert.equal(calls[0]?.body.AuthParameters.PREFERRED_CHALLENGE, preferredChallenge);
    await auth.signOut();
  }
  const email = expectAmplifyStep(
    await auth.signIn({ username: USERS.demo, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } }),
    'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
  );
  assert.equal(email.codeDeliveryDetails.deliveryMedium, 'EMAIL');
  assert.equal((await auth.confirmSignIn({ challengeResponse: await codeSentTo('demo@example.com') })).isSignedIn, true);
  await auth.signOut();
  const sms = expectAmplifyStep(
    await auth.signIn({ username: USERS.sms, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'SMS_OTP' } }),
    'CONFIRM_SIGN_IN_WITH_SMS_CODE',
  );
  assert.equal(sms.codeDeliveryDetails.deliveryMedium, 'SMS');
  assert.equal((await auth.confirmSignIn({ challengeResponse: await codeSentTo(SMS_PHONE) })).isSignedIn, true);
  assert.equal((await amplifyAccessClaims()).username, 'sms', 'a one-time code as first factor stands in for MFA');

  const client = core();
  for (const preferredChallenge of ['PASSWORD', 'PASSWORD_SRP'] as const) {
    expectStep(await client.signIn({ username: USERS.demo, password: PASSWORD, authFlow: 'USER_AUTH', preferredChallenge }), 'DONE');
    await client.signOut();
  }
  expectStep(await client.signIn({ username: USERS.demo, authFlow: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' }), 'EMAIL_CODE');
  expectStep(await client.confirmSignIn({ code: await codeSentTo('demo@example.com') }), 'DONE');
  await client.signOut();
  expectStep(await client.signIn({ username: USERS.sms, authFlow: 'USER_AUTH', preferredChallenge: 'SMS_OTP' }), 'SMS_CODE');
  expectStep(await client.confirmSignIn({ code: await codeSentTo(SMS_PHONE) }), 'DONE');
  client.dispose();
});

test('Amplify handleSelectChallenge.ts: without a preference SELECT_CHALLENGE is CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION; PASSWORD then asks for it, EMAIL_OTP sends a code (core: CHOOSE_FIRST_FACTOR)', async () => {
  await amplify();
  const select = expectAmplifyStep(
    await auth.signIn({ username: USERS.demo, options: { authFlowType: 'USER_AUTH' } }),
    'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
  );
  // Cognito offers what the pool allows and the user has: the demo user has a password and an email.
  assert.ok(select.availableChallenges.includes('PASSWORD'), JSON.stringify(select));
  assert.ok(select.availableChallenges.includes('EMAIL_OTP'), JSON.stringify(select));
  expectAmplifyStep(await auth.confirmSignIn({ challengeResponse: 'PASSWORD' }), 'CONFIRM_SIGN_IN_WITH_PASSWORD');
  assert.equal((await auth.confirmSignIn({ challengeResponse: PASSWORD })).isSignedIn, true);
  await auth.signOut();
  expectAmplifyStep(await auth.signIn({ username: USERS.demo, options: { authFlowType: 'USER_AUTH' } }), 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
  expectAmplifyStep(await auth.confirmSignIn({ challengeResponse: 'EMAIL_OTP' }), 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  assert.equal((await auth.confirmSignIn({ challengeResponse: await codeSentTo('demo@example.com') })).isSignedIn, true);
  await auth.signOut();
  // handleSelectChallengeWithPasswordSRP.ts: ANSWER PASSWORD_SRP and SRP_A in one answer, then PASSWORD_VERIFIER.
  expectAmplifyStep(await auth.signIn({ username: USERS.demo, options: { authFlowType: 'USER_AUTH' } }), 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
  expectAmplifyStep(await auth.confirmSignIn({ challengeResponse: 'PASSWORD_SRP' }), 'CONFIRM_SIGN_IN_WITH_PASSWORD');
  const srp = await recordCalls(() => auth.confirmSignIn({ challengeResponse: PASSWORD }));
  assert.equal(srp.result.isSignedIn, true);
  assert.deepEqual(
    srp.calls.map((c) => [c.sent, c.received]),
    [
      ['SELECT_CHALLENGE', 'PASSWORD_VERIFIER'],
      ['PASSWORD_VERIFIER', undefined],
    ],
  );
  assert.equal(srp.calls[0]?.body.ChallengeResponses.ANSWER, 'PASSWORD_SRP');

  const client = core();
  const choose = expectStep(await client.signIn({ username: USERS.demo, authFlow: 'USER_AUTH' }), 'CHOOSE_FIRST_FACTOR');
  assert.deepEqual([...choose.options].sort(), [...select.availableChallenges].sort(), 'both clients are offered the same factors');
  expectStep(await client.confirmSignIn({ factor: 'PASSWORD', password: PASSWORD }), 'DONE');
  await client.signOut();
  expectStep(await client.signIn({ username: USERS.demo, authFlow: 'USER_AUTH' }), 'CHOOSE_FIRST_FACTOR');
  expectStep(await client.confirmSignIn({ factor: 'EMAIL_OTP' }), 'EMAIL_CODE');
  expectStep(await client.confirmSignIn({ code: await codeSentTo('demo@example.com') }), 'DONE');
  await client.signOut();
  expectStep(await client.signIn({ username: USERS.demo, authFlow: 'USER_AUTH' }), 'CHOOSE_FIRST_FACTOR');
  expectStep(await client.confirmSignIn({ factor: 'PASSWORD_SRP', password: PASSWORD }), 'DONE');
  client.dispose();
});

// ---------------------------------------------------------------------------------------------
// Custom auth

test('Amplify signInWithCustomAuth.ts (CUSTOM_WITHOUT_SRP) and signInWithCustomSRPAuth.ts (CUSTOM_WITH_SRP): the challenge parameters arrive and the answer signs in (core alike)', async () => {
  const { url } = emulator();
  await amplify();
  const custom = expectAmplifyStep(
    await auth.signIn({ username: USERS.demo, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } }),
    'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
  );
  assert.equal(custom.additionalInfo.prompt, 'Enter the code we sent to your email');
  assert.equal((await auth.confirmSignIn({ challengeResponse: await latestCode(url, 'demo', 'custom_challenge') })).isSignedIn, true);
  await auth.signOut();
  const { calls, result } = await recordCalls(() => auth.signIn({ username: USERS.demo, password: PASSWORD, options: { authFlowType: 'CUSTOM_WITH_SRP' } }));
  expectAmplifyStep(result, 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
  assert.equal(calls[0]?.body.AuthParameters.CHALLENGE_NAME, 'SRP_A');
  assert.equal(calls[1]?.sent, 'PASSWORD_VERIFIER');
  assert.equal((await auth.confirmSignIn({ challengeResponse: await latestCode(url, 'demo', 'custom_challenge') })).isSignedIn, true);

  const client = core();
  const step = expectStep(await client.signIn({ username: USERS.demo, authFlow: 'CUSTOM_AUTH' }), 'CUSTOM_CHALLENGE');
  assert.equal(step.parameters.prompt, 'Enter the code we sent to your email');
  expectStep(await client.confirmSignIn({ answer: await latestCode(url, 'demo', 'custom_challenge') }), 'DONE');
  await client.signOut();
  expectStep(await client.signIn({ username: USERS.demo, password: PASSWORD, authFlow: 'CUSTOM_AUTH_WITH_SRP' }), 'CUSTOM_CHALLENGE');
  expectStep(await client.confirmSignIn({ answer: await latestCode(url, 'demo', 'custom_challenge') }), 'DONE');
  client.dispose();
});

// ---------------------------------------------------------------------------------------------
// Devices

test('Amplify getNewDeviceMetadata.ts + rememberDevice.ts + handleDeviceSRPAuth: the device is confirmed, remembered, proves itself by device SRP, is listed and forgotten (core alike)', async () => {
  const { url } = emulator();
  for (const who of ['amp-device', 'core-device']) await signUpConfirmed(url, who);

  await amplify();
  await auth.signIn({ username: 'amp-device', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  const deviceKey = (await amplifyAccessClaims()).device_key;
  assert.match(deviceKey, /^us-east-1_[0-9a-f-]{36}$/);
  assert.ok(Object.values(await amplifyStoreEntries()).includes(deviceKey), 'Amplify keeps the device key');
  await auth.rememberDevice();
  const listed = await auth.fetchDevices();
  assert.equal(listed.length, 1);
  assert.equal(listed[0].id, deviceKey);
  // Amplify names the device after navigator.userAgent (getDeviceName in @aws-amplify/core).
  assert.equal(listed[0].attributes?.device_name, AMPLIFY_USER_AGENT);
  assert.equal(listed[0].attributes?.['dev:device_remembered_status'], 'remembered');
  // refreshAuthTokens.ts sends the device key with the refresh token; the device stays the same.
  const refresh = await recordCalls(() => amplifyAccessClaims(true));
  assert.equal(refresh.calls[0]?.body.DeviceKey, deviceKey);
  assert.equal(refresh.result.device_key, deviceKey);
  // A local sign-out keeps the device keys (TokenStore keeps deviceMetadata apart from tokens).
  await auth.signOut();
  const { calls } = await recordCalls(() => auth.signIn({ username: 'amp-device', password: PASSWORD }));
  assert.deepEqual(
    calls.filter((c) => c.action === 'RespondToAuthChallenge').map((c) => c.sent),
    ['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER'],
  );
  assert.equal((await amplifyAccessClaims()).device_key, deviceKey, 'the same device, no new one');
  await auth.forgetDevice();
  assert.deepEqual(await auth.fetchDevices(), []);

  const client = core();
  await client.signIn({ username: 'core-device', password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' });
  await client.rememberDevice();
  const [device] = await client.listDevices();
  assert.equal(device?.remembered, true);
  assert.equal(device?.current, true);
  await client.signOut();
  const coreCalls = await recordCalls(() => client.signIn({ username: 'core-device', password: PASSWORD }));
  expectStep(coreCalls.result, 'DONE');
  assert.deepEqual(
    coreCalls.calls.filter((c) => c.action === 'RespondToAuthChallenge').map((c) => c.sent),
    ['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER'],
  );
  await client.forgetDevice();
  assert.deepEqual(await client.listDevices(), []);
  client.dispose();
});

// Developer guide, "Working with user devices": a remembered device lets the user skip MFA; the
// device proves itself with DEVICE_SRP_AUTH instead (Amplify handleDeviceSRPAuth in signInHelpers.ts).
test('Amplify: a user with email MFA on a remembered device signs in through device SRP without the code (core alike)', async () => {
  const { url } = emulator();
  for (const who of ['amp-mfa-device', 'core-mfa-device']) {
    await signUpConfirmed(url, who);
    await callOk(url, 'AdminSetUserMFAPreference', { UserPoolId: POOL_ID, Username: who, EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
  }
  await amplify();
  expectAmplifyStep(
    await auth.signIn({ username: 'amp-mfa-device', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } }),
    'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
  );
  await auth.confirmSignIn({ challengeResponse: await codeSentTo('amp-mfa-device@example.com') });
  await auth.rememberDevice();
  await auth.signOut();
  const { calls, result } = await recordCalls(() => auth.signIn({ username: 'amp-mfa-device', password: PASSWORD }));
  assert.equal(result.isSignedIn, true, JSON.stringify(result));
  assert.deepEqual(
    calls.filter((c) => c.action === 'RespondToAuthChallenge').map((c) => c.sent),
    ['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER'],
  );

  const client = core();
  expectStep(await client.signIn({ username: 'core-mfa-device', password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' }), 'EMAIL_CODE');
  expectStep(await client.confirmSignIn({ code: await codeSentTo('core-mfa-device@example.com') }), 'DONE');
  await client.rememberDevice();
  await client.signOut();
  const coreCalls = await recordCalls(() => client.signIn({ username: 'core-mfa-device', password: PASSWORD }));
  expectStep(coreCalls.result, 'DONE');
  assert.deepEqual(
    coreCalls.calls.filter((c) => c.action === 'RespondToAuthChallenge').map((c) => c.sent),
    ['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER'],
  );
  client.dispose();
});

// ---------------------------------------------------------------------------------------------
// Refresh

test('Amplify refreshAuthTokens.ts: GetTokensFromRefreshToken with rotation off keeps the refresh token; with rotation on a new one arrives (core alike)', async () => {
  const { url } = emulator();
  for (const [clientId, rotates] of [
    [CLIENT_ID, false],
    [ROTATION_CLIENT_ID, true],
  ] as const) {
    await amplify(clientId);
    await auth.signIn({ username: USERS.demo, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const before = await amplifyAccessClaims();
    const { calls, result } = await recordCalls(() => amplifyAccessClaims(true));
    assert.deepEqual(
      calls.map((c) => c.action),
      ['GetTokensFromRefreshToken'],
      `client ${clientId}`,
    );
    assert.notEqual(result.jti, before.jti);
    assert.equal(result.origin_jti, before.origin_jti, 'a refresh stays in the sign-in token family');
    const answer = await call(url, 'GetTokensFromRefreshToken', { ClientId: clientId, RefreshToken: calls[0].body.RefreshToken });
    // The request was answered; replaying it tells whether this client rotates.
    assert.equal(answer.status, 200, answer.text);
    assert.equal(Boolean(answer.body.AuthenticationResult.RefreshToken), rotates, `client ${clientId} rotates: ${rotates}`);

    const client = core(clientId, { refreshTokenRotation: rotates });
    await client.signIn({ username: USERS.demo, password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' });
    const first = await client.getSession();
    const refreshed = await client.getSession({ forceRefresh: true });
    assert.notEqual(jwtClaims(refreshed.accessToken).jti, jwtClaims(first.accessToken).jti);
    client.dispose();
  }
});

// ---------------------------------------------------------------------------------------------
// The account

test('Amplify updateUserAttributes.ts + confirmUserAttribute.ts + sendUserAttributeVerificationCode.ts + deleteUserAttributes.ts (core alike)', async () => {
  const { url } = emulator();
  for (const who of ['amp-attrs', 'core-attrs']) await signUpConfirmed(url, who);

  await amplify();
  await auth.signIn({ username: 'amp-attrs', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  const updated = await auth.updateUserAttributes({ userAttributes: { email: 'amp-attrs-2@example.com', name: 'Amp' } });
  assert.equal(updated.name?.isUpdated, true);
  assert.equal(updated.email?.isUpdated, false, 'a new email waits for verification');
  assert.equal(updated.email?.nextStep.updateAttributeStep, 'CONFIRM_ATTRIBUTE_WITH_CODE');
  const resent = await auth.sendUserAttributeVerificationCode({ userAttributeKey: 'email' });
  assert.equal(resent.deliveryMedium, 'EMAIL');
  await auth.confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: await codeSentTo('amp-attrs-2@example.com') });
  let attributes = await auth.fetchUserAttributes();
  assert.equal(attributes.email, 'amp-attrs-2@example.com');
  assert.equal(attributes.email_verified, 'true');
  await auth.deleteUserAttributes({ userAttributeKeys: ['name'] });
  attributes = await auth.fetchUserAttributes();
  assert.equal(attributes.name, undefined);

  const client = core();
  await client.signIn({ username: 'core-attrs', password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' });
  const { verificationSent } = await client.updateUserAttributes({ email: 'core-attrs-2@example.com', name: 'Core' });
  assert.equal(verificationSent[0]?.medium, 'EMAIL');
  await client.sendAttributeVerificationCode('email');
  await client.verifyAttribute('email', await codeSentTo('core-attrs-2@example.com'));
  await client.deleteUserAttributes(['name']);
  const user = await client.getUser();
  assert.equal(user.attributes.email, 'core-attrs-2@example.com');
  assert.equal(user.attributes.email_verified, 'true');
  assert.equal(user.attributes.name, undefined);
  client.dispose();
});

test('Amplify resetPassword.ts + confirmResetPassword.ts and updatePassword.ts: the new passwords sign in, the old ones do not (core alike)', async () => {
  const { url } = emulator();
  for (const who of ['amp-pw', 'core-pw']) await signUpConfirmed(url, who);

  await amplify();
  const reset = await auth.resetPassword({ username: 'amp-pw' });
  const confirm = expectAmplifyStep(reset, 'CONFIRM_RESET_PASSWORD_WITH_CODE');
  assert.equal(confirm.codeDeliveryDetails.deliveryMedium, 'EMAIL');
  await rejectsWith(auth.confirmResetPassword({ username: 'amp-pw', confirmationCode: '000000x', newPassword: 'Rem3mbered-now' }), 'CodeMismatchException');
  await auth.confirmResetPassword({ username: 'amp-pw', confirmationCode: await latestCode(url, 'amp-pw', 'forgot_password'), newPassword: 'Rem3mbered-now' });
  await auth.signIn({ username: 'amp-pw', password: 'Rem3mbered-now', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  await auth.updatePassword({ oldPassword: 'Rem3mbered-now', newPassword: 'Chang3d-passw0rd' });
  await auth.signOut();
  await rejectsWith(auth.signIn({ username: 'amp-pw', password: 'Rem3mbered-now', options: { authFlowType: 'USER_PASSWORD_AUTH' } }), 'NotAuthorizedException');
  assert.equal((await auth.signIn({ username: 'amp-pw', password: 'Chang3d-passw0rd' })).isSignedIn, true);

  const client = core();
  await client.forgotPassword({ username: 'core-pw' });
  await client.confirmForgotPassword({ username: 'core-pw', code: await latestCode(url, 'core-pw', 'forgot_password'), newPassword: 'Rem3mbered-now' });
  await client.signIn({ username: 'core-pw', password: 'Rem3mbered-now', authFlow: 'USER_PASSWORD_AUTH' });
  await client.changePassword({ oldPassword: 'Rem3mbered-now', newPassword: 'Chang3d-passw0rd' });
  await client.signOut();
  await assert.rejects(client.signIn({ username: 'core-pw', password: 'Rem3mbered-now', authFlow: 'USER_PASSWORD_AUTH' }), { code: 'NotAuthorizedException' });
  expectStep(await client.signIn({ username: 'core-pw', password: 'Chang3d-passw0rd' }), 'DONE');
  client.dispose();
});

test("Amplify signOut.ts: a local sign-out revokes the refresh token (RevokeToken; the demo client has token revocation on), as the core's does", async () => {
  const { url } = emulator();
  await amplify();
  await auth.signIn({ username: USERS.demo, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  const refreshToken = (await recordCalls(() => amplifyAccessClaims(true))).calls[0].body.RefreshToken;
  const { calls } = await recordCalls(() => auth.signOut());
  assert.deepEqual(
    calls.map((c) => c.action),
    ['RevokeToken'],
  );
  const refused = await call(url, 'GetTokensFromRefreshToken', { ClientId: CLIENT_ID, RefreshToken: refreshToken });
  assert.equal(refused.body.message, 'Refresh Token has been revoked');

  const client = core();
  const coreCalls = await recordCalls(async () => {
    await client.signIn({ username: USERS.demo, password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' });
    await client.signOut();
  });
  const revoked = coreCalls.calls.find((c) => c.action === 'RevokeToken');
  assert.ok(revoked, 'the core revokes the refresh token');
  assert.equal(
    (await call(url, 'GetTokensFromRefreshToken', { ClientId: CLIENT_ID, RefreshToken: revoked.body.Token })).body.message,
    'Refresh Token has been revoked',
  );
  client.dispose();
});

test('Amplify signOut.ts with global: true revokes the tokens (GlobalSignOut); deleteUser.ts deletes the account (core alike)', async () => {
  const { url } = emulator();
  for (const who of ['amp-leaver', 'core-leaver']) await signUpConfirmed(url, who);

  await amplify();
  await auth.signIn({ username: 'amp-leaver', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  const { tokens } = await auth.fetchAuthSession();
  const { calls } = await recordCalls(() => auth.signOut({ global: true }));
  assert.deepEqual(
    calls.map((c) => c.action),
    ['GlobalSignOut'],
  );
  const revoked = await call(url, 'GetUser', { AccessToken: tokens!.accessToken.toString() });
  assert.equal(revoked.body.__type, 'NotAuthorizedException');
  assert.equal(revoked.body.message, 'Access Token has been revoked');
  await auth.signIn({ username: 'amp-leaver', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  await auth.deleteUser();
  await amplify('demolegacyclient000000001a');
  await rejectsWith(auth.signIn({ username: 'amp-leaver', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } }), 'UserNotFoundException');

  const client = core();
  await client.signIn({ username: 'core-leaver', password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' });
  const { accessToken } = await client.getSession();
  await client.signOut({ global: true });
  assert.equal((await call(url, 'GetUser', { AccessToken: accessToken })).body.message, 'Access Token has been revoked');
  await client.signIn({ username: 'core-leaver', password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' });
  await client.deleteUser();
  const legacy = core('demolegacyclient000000001a');
  await assert.rejects(legacy.signIn({ username: 'core-leaver', password: PASSWORD, authFlow: 'USER_PASSWORD_AUTH' }), { code: 'UserNotFoundException' });
  legacy.dispose();
  client.dispose();
});
