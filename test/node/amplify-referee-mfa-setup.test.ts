// Amplify v6 referees MFA set-up during sign-in against pools that require MFA: MFA_SETUP listing
// SOFTWARE_TOKEN_MFA and EMAIL_OTP (a choice), and EMAIL_OTP alone (the address is asked for, then a
// code). Separate from amplify-referee.test.ts because these pools are seeded only here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SEED } from '../../emulator/index.ts';
import type { Seed } from '../../emulator/seed.ts';
import { PASSWORD, outbox, withEmulator } from './support/emulator.ts';
import { auth, coreClient, expectAmplifyStep, expectStep, recordCalls, useAmplify } from './support/amplify.ts';

/** MFA required; TOTP and email MFA both on: a user with neither chooses what to set up. */
const EITHER_POOL = 'us-east-1_AmpSetupAny1';
const EITHER_CLIENT = 'ampsetupanyclient000000001';
/** MFA required; email MFA the only factor. */
const EMAIL_POOL = 'us-east-1_AmpSetupMail1';
const EMAIL_CLIENT = 'ampsetupmailclient00000001';

function mfaSetupSeed(): Seed {
  const seed = JSON.parse(readFileSync(DEFAULT_SEED, 'utf8')) as Seed;
  const flows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  // Users without an email address: the set-up step is where they give one.
  const users = ['amp-setup', 'core-setup'].map((Username) => ({ Username, Password: PASSWORD }));
  const email = { Message: 'Your code is {####}', Subject: 'Your sign-in code' };
  seed.pools.push(
    {
      Id: EITHER_POOL,
      PoolName: 'amplify-setup-either',
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: email,
      Clients: [{ ClientId: EITHER_CLIENT, ClientName: 'either', ExplicitAuthFlows: flows }],
      Users: users,
    },
    {
      Id: EMAIL_POOL,
      PoolName: 'amplify-setup-email',
      MfaConfiguration: 'ON',
      EmailMfaConfiguration: email,
      Clients: [{ ClientId: EMAIL_CLIENT, ClientName: 'email', ExplicitAuthFlows: flows }],
      Users: users,
    },
  );
  return seed;
}

const emulator = withEmulator({ config: mfaSetupSeed() });

async function codeSentTo(destination: string): Promise<string> {
  const last = (await outbox(emulator().url, { destination })).at(-1);
  assert.ok(last, `no message to ${destination}`);
  return last.code;
}

// API reference, RespondToAuthChallenge: "MFA_SETUP ... MFAS_CAN_SETUP" lists the factors the user
// can set up, EMAIL_OTP among them when the pool has email MFA; Amplify v6 signInHelpers.ts
// (getMFATypes / handleMFASetupChallenge) turns two of them into CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION.
test('Amplify signInHelpers.ts: MFA_SETUP listing SOFTWARE_TOKEN_MFA and EMAIL_OTP is CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION; EMAIL then asks for the address and sends a code (core: CHOOSE_MFA_SETUP, SETUP_EMAIL)', async () => {
  await useAmplify(emulator().url, EITHER_CLIENT, EITHER_POOL);
  const select = expectAmplifyStep(await auth.signIn({ username: 'amp-setup', password: PASSWORD }), 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION');
  assert.deepEqual([...select.allowedMFATypes].sort(), ['EMAIL', 'TOTP']);
  expectAmplifyStep(await auth.confirmSignIn({ challengeResponse: 'EMAIL' }), 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP');
  expectAmplifyStep(await auth.confirmSignIn({ challengeResponse: 'amp-setup@example.com' }), 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  assert.equal((await auth.confirmSignIn({ challengeResponse: await codeSentTo('amp-setup@example.com') })).isSignedIn, true);

  const client = coreClient(emulator().url, EITHER_CLIENT, { userPoolId: EITHER_POOL });
  const choose = expectStep(await client.signIn({ username: 'core-setup', password: PASSWORD }), 'CHOOSE_MFA_SETUP');
  assert.deepEqual([...choose.options].sort(), ['EMAIL', 'TOTP']);
  expectStep(await client.confirmSignIn({ mfaType: 'EMAIL' }), 'SETUP_EMAIL');
  expectStep(await client.confirmSignIn({ email: 'core-setup@example.com' }), 'EMAIL_CODE');
  expectStep(await client.confirmSignIn({ code: await codeSentTo('core-setup@example.com') }), 'DONE');
  client.dispose();
});

// Amplify v6 signInHelpers.ts: an MFA_SETUP offering only EMAIL_OTP is CONTINUE_SIGN_IN_WITH_EMAIL_SETUP;
// it answers RespondToAuthChallenge MFA_SETUP with USERNAME and EMAIL, and Cognito follows with an
// EMAIL_OTP challenge (docs/cognito-protocol.md, section 2, MFA_SETUP).
test('Amplify signInHelpers.ts: MFA_SETUP with EMAIL_OTP only is CONTINUE_SIGN_IN_WITH_EMAIL_SETUP: MFA_SETUP answered with EMAIL, then EMAIL_OTP (core: SETUP_EMAIL)', async () => {
  await useAmplify(emulator().url, EMAIL_CLIENT, EMAIL_POOL);
  expectAmplifyStep(await auth.signIn({ username: 'amp-setup', password: PASSWORD }), 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP');
  const { calls, result } = await recordCalls(() => auth.confirmSignIn({ challengeResponse: 'amp-setup@example.com' }));
  expectAmplifyStep(result, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  assert.equal(calls[0]?.sent, 'MFA_SETUP');
  assert.equal(calls[0]?.body.ChallengeResponses.EMAIL, 'amp-setup@example.com');
  assert.equal(calls[0]?.received, 'EMAIL_OTP');
  assert.equal((await auth.confirmSignIn({ challengeResponse: await codeSentTo('amp-setup@example.com') })).isSignedIn, true);

  const client = coreClient(emulator().url, EMAIL_CLIENT, { userPoolId: EMAIL_POOL });
  expectStep(await client.signIn({ username: 'core-setup', password: PASSWORD }), 'SETUP_EMAIL');
  expectStep(await client.confirmSignIn({ email: 'core-setup@example.com' }), 'EMAIL_CODE');
  expectStep(await client.confirmSignIn({ code: await codeSentTo('core-setup@example.com') }), 'DONE');
  client.dispose();
});
