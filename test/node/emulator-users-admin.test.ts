/**
 * The emulator's user actions (sign-up, confirmation, forgotten passwords, profile attributes),
 * the pool-admin user actions and the passkey placeholders, over HTTP as a client would call them.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';

const POOL = 'us-east-1_DemoPool1';
const CLIENT = 'democlient0000000000000001'; // PreventUserExistenceErrors ENABLED
const LEGACY = 'demolegacyclient000000001a'; // PreventUserExistenceErrors LEGACY
const SECRET_CLIENT = 'demosecretclient000000001a';
const SECRET = 'demosecret0000000000000000000000000000000000000001';
const EMAIL_POOL = 'us-east-1_EmailPool1';
const EMAIL_CLIENT = 'emailpoolclient00000000001';
const PASSWORD = 'Passw0rd!';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let emulator: RunningEmulator;
let url: string;

before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true });
  url = emulator.url;
});
after(() => emulator.close());

class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(`${type}: ${message}`);
  }
}

async function call(action: string, input: Record<string, unknown>): Promise<any> {
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(input),
  });
  const body = await res.json();
  if (!res.ok) throw new CognitoError(body.__type, body.message);
  return body;
}

/** Asserts the call fails with this error type (and message, if given). */
async function refused(promise: Promise<unknown>, type: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(promise, (error: CognitoError) => {
    assert.equal(error.type, type, error.message);
    if (typeof message === 'string') assert.equal(error.message, `${type}: ${message}`);
    else if (message) assert.match(error.message, message);
    return true;
  });
}

async function outbox(username: string, purpose: string): Promise<{ code: string; destination: string; medium: string }[]> {
  const res = await fetch(`${url}/__emulator/outbox?username=${encodeURIComponent(username)}&purpose=${purpose}`);
  return res.json();
}

async function lastCode(username: string, purpose: string): Promise<string> {
  const messages = await outbox(username, purpose);
  assert.ok(messages.length > 0, `no ${purpose} message for ${username}`);
  return messages[messages.length - 1].code;
}

async function advanceClock(ms: number): Promise<void> {
  await fetch(`${url}/__emulator/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) });
}

async function signIn(username: string, password = PASSWORD, clientId = CLIENT): Promise<any> {
  const out = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });
  return out;
}

async function tokenFor(username: string, password = PASSWORD): Promise<string> {
  const out = await signIn(username, password);
  assert.ok(out.AuthenticationResult, `expected tokens, got ${JSON.stringify(out)}`);
  return out.AuthenticationResult.AccessToken;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${counter++}`;

async function signUp(username: string, email = `${username}@example.com`, clientId = CLIENT) {
  return call('SignUp', { ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }] });
}

/** A confirmed user of the demo pool with a verified email, made through the admin API. */
async function confirmedUser(prefix: string): Promise<string> {
  const username = unique(prefix);
  await call('AdminCreateUser', {
    UserPoolId: POOL,
    Username: username,
    MessageAction: 'SUPPRESS',
    UserAttributes: [
      { Name: 'email', Value: `${username}@example.com` },
      { Name: 'email_verified', Value: 'true' },
    ],
  });
  await call('AdminSetUserPassword', { UserPoolId: POOL, Username: username, Password: PASSWORD, Permanent: true });
  return username;
}

const attr = (list: { Name: string; Value: string }[], name: string) => list.find((a) => a.Name === name)?.Value;

describe('sign-up', () => {
  test('sign-up, code in the outbox, confirm, then sign in (and auto sign-in with the session)', async () => {
    const username = unique('newbie');
    const out = await signUp(username);
    assert.equal(out.UserConfirmed, false);
    assert.match(out.UserSub, UUID);
    assert.deepEqual(out.CodeDeliveryDetails, { Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    assert.ok(typeof out.Session === 'string' && out.Session.length > 200);

    await refused(signIn(username), 'UserNotConfirmedException');
    const code = await lastCode(username, 'signup');
    const confirmed = await call('ConfirmSignUp', { ClientId: CLIENT, Username: username, ConfirmationCode: code, Session: out.Session });
    assert.ok(confirmed.Session.length > 200);

    const user = await call('AdminGetUser', { UserPoolId: POOL, Username: username });
    assert.equal(user.UserStatus, 'CONFIRMED');
    assert.equal(attr(user.UserAttributes, 'email_verified'), 'true');
    assert.ok((await signIn(username)).AuthenticationResult.AccessToken);

    const auto = await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: username }, Session: confirmed.Session });
    assert.ok(auto.AuthenticationResult?.AccessToken, JSON.stringify(auto));
    await refused(
      call('ConfirmSignUp', { ClientId: CLIENT, Username: username, ConfirmationCode: code }),
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
    );
  });

  test('password policy, duplicate usernames and username formats', async () => {
    await refused(
      call('SignUp', { ClientId: CLIENT, Username: unique('weak'), Password: 'password', UserAttributes: [{ Name: 'email', Value: 'w@example.com' }] }),
      'InvalidPasswordException',
      /Password did not conform with policy/,
    );
    // API reference, SignUp: Password has the pattern ^[\S]+.*[\S]+$; a sensitive value is not echoed.
    await refused(
      call('SignUp', { ClientId: CLIENT, Username: unique('space'), Password: `${PASSWORD} `, UserAttributes: [{ Name: 'email', Value: 's@example.com' }] }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$",
    );
    await refused(signUp('demo'), 'UsernameExistsException', 'User already exists');
    await refused(signUp('DEMO'), 'UsernameExistsException', 'User already exists');
    await refused(signUp('someone@example.com'), 'InvalidParameterException', /cannot be of email format/);
    await refused(
      call('SignUp', { ClientId: CLIENT, Username: unique('noemail'), Password: PASSWORD }),
      'InvalidParameterException',
      /email: The attribute is required/,
    );
    await refused(
      call('SignUp', {
        ClientId: CLIENT,
        Username: unique('sneaky'),
        Password: PASSWORD,
        UserAttributes: [
          { Name: 'email', Value: 'x@example.com' },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
      'NotAuthorizedException',
      'A client attempted to write unauthorized attribute',
    );
  });

  test('confirming with an email another user signs in with: AliasExists, or ForceAliasCreation moves it', async () => {
    const owner = await confirmedUser('owner');
    const email = `${owner}@example.com`;
    const taker = unique('taker');
    await signUp(taker, email);
    const code = await lastCode(taker, 'signup');
    await refused(
      call('ConfirmSignUp', { ClientId: CLIENT, Username: taker, ConfirmationCode: code }),
      'AliasExistsException',
      'An account with the given email already exists.',
    );
    await call('ConfirmSignUp', { ClientId: CLIENT, Username: taker, ConfirmationCode: code, ForceAliasCreation: true });
    const old = await call('AdminGetUser', { UserPoolId: POOL, Username: owner });
    assert.equal(attr(old.UserAttributes, 'email_verified'), 'false');
    assert.equal((await call('AdminGetUser', { UserPoolId: POOL, Username: email })).Username, taker);
  });

  test('a client with a secret needs SecretHash', async () => {
    const username = unique('secret');
    const input = { ClientId: SECRET_CLIENT, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] };
    await refused(call('SignUp', input), 'NotAuthorizedException', /configured with secret but SECRET_HASH was not received/);
    await refused(call('SignUp', { ...input, SecretHash: 'AAAA' }), 'NotAuthorizedException', /Unable to verify secret hash/);
    const SecretHash = createHmac('sha256', SECRET)
      .update(username + SECRET_CLIENT)
      .digest('base64');
    assert.equal((await call('SignUp', { ...input, SecretHash })).UserConfirmed, false);
  });

  test('wrong, expired and too often wrong confirmation codes', async () => {
    const username = unique('codes');
    await signUp(username);
    const code = await lastCode(username, 'signup');
    const wrong = code === '000000' ? '111111' : '000000';
    await refused(call('ConfirmSignUp', { ClientId: CLIENT, Username: username, ConfirmationCode: wrong }), 'CodeMismatchException');

    await advanceClock(25 * 3600_000);
    await refused(call('ConfirmSignUp', { ClientId: CLIENT, Username: username, ConfirmationCode: code }), 'ExpiredCodeException');

    await call('ResendConfirmationCode', { ClientId: CLIENT, Username: username });
    const fresh = await lastCode(username, 'signup');
    const bad = fresh === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await refused(call('ConfirmSignUp', { ClientId: CLIENT, Username: username, ConfirmationCode: bad }), 'CodeMismatchException');
    }
    await refused(call('ConfirmSignUp', { ClientId: CLIENT, Username: username, ConfirmationCode: fresh }), 'TooManyFailedAttemptsException');
  });

  test('resending codes is rate limited', async () => {
    const username = unique('resend');
    await signUp(username);
    for (let i = 0; i < 4; i++) {
      const out = await call('ResendConfirmationCode', { ClientId: CLIENT, Username: username });
      assert.equal(out.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
    }
    await refused(
      call('ResendConfirmationCode', { ClientId: CLIENT, Username: username }),
      'LimitExceededException',
      'Attempt limit exceeded, please try after some time.',
    );
    await advanceClock(3600_000);
    await call('ResendConfirmationCode', { ClientId: CLIENT, Username: username });
    await refused(call('ResendConfirmationCode', { ClientId: CLIENT, Username: 'demo' }), 'InvalidParameterException', 'User is already confirmed.');
  });

  test('email-as-username pool: the stored username is a UUID (the sub)', async () => {
    const email = `${unique('carol')}@example.com`;
    const out = await call('SignUp', { ClientId: EMAIL_CLIENT, Username: email, Password: PASSWORD });
    assert.match(out.UserSub, UUID);
    const code = await lastCode(out.UserSub, 'signup');
    await call('ConfirmSignUp', { ClientId: EMAIL_CLIENT, Username: email, ConfirmationCode: code });
    const user = await call('AdminGetUser', { UserPoolId: EMAIL_POOL, Username: email });
    assert.equal(user.Username, out.UserSub);
    assert.equal(attr(user.UserAttributes, 'email'), email);
    assert.ok((await signIn(email, PASSWORD, EMAIL_CLIENT)).AuthenticationResult);
    await refused(
      call('SignUp', { ClientId: EMAIL_CLIENT, Username: 'alice@example.com', Password: PASSWORD }),
      'UsernameExistsException',
      'An account with the given email already exists.',
    );
    await refused(call('SignUp', { ClientId: EMAIL_CLIENT, Username: 'carol', Password: PASSWORD }), 'InvalidParameterException', /email or a phone number/);
  });
});

describe('user existence and usernames', () => {
  test('PreventUserExistenceErrors ENABLED hides unknown users, LEGACY reveals them', async () => {
    const fake = await call('ForgotPassword', { ClientId: CLIENT, Username: 'nobody-here' });
    assert.equal(fake.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
    assert.match(fake.CodeDeliveryDetails.Destination, /^\w\*\*\*@\w\*\*\*$/);
    assert.deepEqual(await call('ForgotPassword', { ClientId: CLIENT, Username: 'nobody-here' }), fake);
    assert.ok((await call('ResendConfirmationCode', { ClientId: CLIENT, Username: 'nobody-here' })).CodeDeliveryDetails);
    await refused(call('ConfirmSignUp', { ClientId: CLIENT, Username: 'nobody-here', ConfirmationCode: '123456' }), 'CodeMismatchException');
    await refused(
      call('ConfirmForgotPassword', { ClientId: CLIENT, Username: 'nobody-here', ConfirmationCode: '123456', Password: PASSWORD }),
      'CodeMismatchException',
    );

    const notFound = 'Username/client id combination not found.';
    await refused(call('ForgotPassword', { ClientId: LEGACY, Username: 'nobody-here' }), 'UserNotFoundException', notFound);
    await refused(call('ResendConfirmationCode', { ClientId: LEGACY, Username: 'nobody-here' }), 'UserNotFoundException', notFound);
    await refused(call('ConfirmSignUp', { ClientId: LEGACY, Username: 'nobody-here', ConfirmationCode: '123456' }), 'UserNotFoundException', notFound);
  });

  test('usernames are case-insensitive and a verified email alias signs in', async () => {
    assert.equal((await call('AdminGetUser', { UserPoolId: POOL, Username: 'DEMO' })).Username, 'demo');
    assert.ok((await signIn('DeMo')).AuthenticationResult);
    assert.ok((await signIn('demo@example.com')).AuthenticationResult);
    // An unverified email is not an alias.
    await refused(signIn('unconfirmed@example.com'), 'NotAuthorizedException');
  });
});

describe('forgotten passwords', () => {
  test('forgot password, then confirm with the code and a new password', async () => {
    const username = await confirmedUser('forgot');
    const out = await call('ForgotPassword', { ClientId: CLIENT, Username: username.toUpperCase() });
    assert.equal(out.CodeDeliveryDetails.AttributeName, 'email');
    const code = await lastCode(username, 'forgot_password');
    await refused(call('ConfirmForgotPassword', { ClientId: CLIENT, Username: username, ConfirmationCode: code, Password: 'short' }), 'InvalidPasswordException');
    await call('ConfirmForgotPassword', { ClientId: CLIENT, Username: username, ConfirmationCode: code, Password: 'N3wPassword' });
    await refused(signIn(username), 'NotAuthorizedException', 'Incorrect username or password.');
    assert.ok((await signIn(username, 'N3wPassword')).AuthenticationResult);
    await refused(call('ConfirmForgotPassword', { ClientId: CLIENT, Username: username, ConfirmationCode: code, Password: 'An0therPass' }), 'ExpiredCodeException');
  });

  test('no verified address, or a temporary password, means no reset', async () => {
    await refused(
      call('ForgotPassword', { ClientId: CLIENT, Username: 'unconfirmed' }),
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
    await refused(
      call('ForgotPassword', { ClientId: CLIENT, Username: 'newpassword' }),
      'NotAuthorizedException',
      'User password cannot be reset in the current state.',
    );
  });

  test('AdminResetUserPassword sends a code and requires the reset', async () => {
    const username = await confirmedUser('reset');
    await call('AdminResetUserPassword', { UserPoolId: POOL, Username: username });
    assert.equal((await call('AdminGetUser', { UserPoolId: POOL, Username: username })).UserStatus, 'RESET_REQUIRED');
    await refused(signIn(username), 'PasswordResetRequiredException');
    const code = await lastCode(username, 'forgot_password');
    await call('ConfirmForgotPassword', { ClientId: CLIENT, Username: username, ConfirmationCode: code, Password: 'Rec0veredPass' });
    assert.equal((await call('AdminGetUser', { UserPoolId: POOL, Username: username })).UserStatus, 'CONFIRMED');
  });
});

describe('signed-in user', () => {
  test('GetUser, attribute update with verification, and deletion', async () => {
    const username = await confirmedUser('attrs');
    const token = await tokenFor(username);
    const me = await call('GetUser', { AccessToken: token });
    assert.equal(me.Username, username);
    assert.equal(attr(me.UserAttributes, 'email_verified'), 'true');
    assert.match(attr(me.UserAttributes, 'sub')!, UUID);

    const newEmail = `${username}-new@example.com`;
    const update = await call('UpdateUserAttributes', {
      AccessToken: token,
      UserAttributes: [
        { Name: 'email', Value: newEmail },
        { Name: 'name', Value: 'Attr User' },
      ],
    });
    assert.deepEqual(update.CodeDeliveryDetailsList, [{ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    let now = await call('GetUser', { AccessToken: token });
    assert.equal(attr(now.UserAttributes, 'email'), newEmail);
    assert.equal(attr(now.UserAttributes, 'email_verified'), 'false');
    assert.equal(attr(now.UserAttributes, 'name'), 'Attr User');

    const code = await lastCode(username, 'verify_email');
    await refused(
      call('VerifyUserAttribute', { AccessToken: token, AttributeName: 'email', Code: code === '000000' ? '111111' : '000000' }),
      'CodeMismatchException',
    );
    await call('VerifyUserAttribute', { AccessToken: token, AttributeName: 'email', Code: code });
    now = await call('GetUser', { AccessToken: token });
    assert.equal(attr(now.UserAttributes, 'email_verified'), 'true');
    assert.ok((await signIn(newEmail)).AuthenticationResult);

    await call('GetUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'email' });
    assert.equal((await outbox(username, 'verify_email')).length, 2);

    await call('DeleteUserAttributes', { AccessToken: token, UserAttributeNames: ['name'] });
    assert.equal(attr((await call('GetUser', { AccessToken: token })).UserAttributes, 'name'), undefined);
    await refused(call('DeleteUserAttributes', { AccessToken: token, UserAttributeNames: ['email'] }), 'InvalidParameterException', /required/);
    await refused(call('UpdateUserAttributes', { AccessToken: token, UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }), 'NotAuthorizedException');
    await refused(
      call('UpdateUserAttributes', { AccessToken: token, UserAttributes: [{ Name: 'custom:nope', Value: 'x' }] }),
      'InvalidParameterException',
      /does not exist in the schema/,
    );
    await refused(
      call('UpdateUserAttributes', { AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'demo@example.com' }] }).then(async () => {
        const c = await lastCode(username, 'verify_email');
        return call('VerifyUserAttribute', { AccessToken: token, AttributeName: 'email', Code: c });
      }),
      'AliasExistsException',
      'An account with the given email already exists.',
    );
  });

  test('a pool that keeps the old address until the new one is verified', async () => {
    const { UserPool } = await call('CreateUserPool', {
      PoolName: 'keep-original',
      AliasAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
    const { UserPoolClient } = await call('CreateUserPoolClient', { UserPoolId: UserPool.Id, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
    await call('AdminCreateUser', {
      UserPoolId: UserPool.Id,
      Username: 'keeper',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: 'old@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    await call('AdminSetUserPassword', { UserPoolId: UserPool.Id, Username: 'keeper', Password: PASSWORD, Permanent: true });
    const token = (await signIn('keeper', PASSWORD, UserPoolClient.ClientId)).AuthenticationResult.AccessToken;

    await call('UpdateUserAttributes', { AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'new@example.com' }] });
    let me = await call('GetUser', { AccessToken: token });
    assert.equal(attr(me.UserAttributes, 'email'), 'old@example.com');
    assert.equal(attr(me.UserAttributes, 'email_verified'), 'true');
    const [message] = await outbox('keeper', 'verify_email');
    assert.equal(message.destination, 'new@example.com');
    await call('VerifyUserAttribute', { AccessToken: token, AttributeName: 'email', Code: message.code });
    me = await call('GetUser', { AccessToken: token });
    assert.equal(attr(me.UserAttributes, 'email'), 'new@example.com');
    assert.equal(attr(me.UserAttributes, 'email_verified'), 'true');
  });

  test('ChangePassword: wrong previous password, lock-out, success', async () => {
    const username = await confirmedUser('change');
    const token = await tokenFor(username);
    await refused(
      call('ChangePassword', { AccessToken: token, PreviousPassword: 'Wr0ngPass', ProposedPassword: 'N3wPassword' }),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    await refused(call('ChangePassword', { AccessToken: token, PreviousPassword: PASSWORD, ProposedPassword: 'weak' }), 'InvalidPasswordException');
    await call('ChangePassword', { AccessToken: token, PreviousPassword: PASSWORD, ProposedPassword: 'N3wPassword' });
    assert.ok((await signIn(username, 'N3wPassword')).AuthenticationResult);
    for (let i = 0; i < 5; i++) {
      await refused(call('ChangePassword', { AccessToken: token, PreviousPassword: 'Wr0ngPass', ProposedPassword: 'An0therPass' }), 'NotAuthorizedException');
    }
    await refused(call('ChangePassword', { AccessToken: token, PreviousPassword: 'N3wPassword', ProposedPassword: 'An0therPass' }), 'LimitExceededException');
  });

  test('DeleteUser removes the user and kills the token', async () => {
    const username = await confirmedUser('gone');
    const token = await tokenFor(username);
    await call('DeleteUser', { AccessToken: token });
    await refused(call('AdminGetUser', { UserPoolId: POOL, Username: username }), 'UserNotFoundException');
    await assert.rejects(call('GetUser', { AccessToken: token }));
    await refused(call('GetUser', { AccessToken: 'not-a-token' }), 'NotAuthorizedException');
  });

  test('passkeys are not enabled in a pool without them, after the token check', async () => {
    await refused(call('StartWebAuthnRegistration', { AccessToken: 'bad' }), 'NotAuthorizedException');
    await refused(call('ListWebAuthnCredentials', { AccessToken: 'bad' }), 'NotAuthorizedException');
    // The demo pool has passkeys (relying party localhost); the email-username pool does not.
    const out = await signIn('alice@example.com', PASSWORD, 'emailpoolclient00000000001');
    assert.ok(out.AuthenticationResult, `expected tokens, got ${JSON.stringify(out)}`);
    const token = out.AuthenticationResult.AccessToken;
    await refused(call('StartWebAuthnRegistration', { AccessToken: token }), 'WebAuthnNotEnabledException');
    await refused(call('CompleteWebAuthnRegistration', { AccessToken: token, Credential: {} }), 'WebAuthnNotEnabledException');
    assert.deepEqual(await call('ListWebAuthnCredentials', { AccessToken: token }), { Credentials: [] });
    await refused(call('DeleteWebAuthnCredential', { AccessToken: token, CredentialId: 'abc' }), 'ResourceNotFoundException');
  });

  test('UpdateAuthEventFeedback needs threat protection', async () => {
    await refused(
      call('UpdateAuthEventFeedback', { UserPoolId: POOL, Username: 'demo', EventId: 'e', FeedbackToken: 't', FeedbackValue: 'Valid' }),
      'UserPoolAddOnNotEnabledException',
    );
  });
});

describe('admin', () => {
  test('AdminCreateUser: FORCE_CHANGE_PASSWORD, invitation with the temporary password, RESEND', async () => {
    const username = unique('invited');
    const { User } = await call('AdminCreateUser', {
      UserPoolId: POOL,
      Username: username,
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
    });
    assert.equal(User.Username, username);
    assert.equal(User.UserStatus, 'FORCE_CHANGE_PASSWORD');
    assert.equal(User.Enabled, true);
    assert.ok(Number.isInteger(User.UserCreateDate) && User.UserCreateDate < 1e11, 'dates in seconds');
    const [invitation] = await outbox(username, 'invitation');
    assert.equal(invitation.medium, 'EMAIL');
    const out = await signIn(username, invitation.code);
    assert.equal(out.ChallengeName, 'NEW_PASSWORD_REQUIRED');

    await refused(
      call('AdminCreateUser', { UserPoolId: POOL, Username: username, UserAttributes: [{ Name: 'email', Value: 'x@example.com' }] }),
      'UsernameExistsException',
    );
    await call('AdminCreateUser', { UserPoolId: POOL, Username: username, MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] });
    const invitations = await outbox(username, 'invitation');
    assert.equal(invitations.length, 2);
    assert.notEqual(invitations[1].code, invitation.code);
    await refused(call('AdminCreateUser', { UserPoolId: POOL, Username: 'demo', MessageAction: 'RESEND' }), 'UnsupportedUserStateException');
    await refused(
      call('AdminCreateUser', {
        UserPoolId: POOL,
        Username: unique('nophone'),
        DesiredDeliveryMediums: ['SMS'],
        UserAttributes: [{ Name: 'email', Value: 'p@example.com' }],
      }),
      'InvalidParameterException',
      /No phone_number provided/,
    );
  });

  test('admin confirm, disable/enable, attribute updates, delete', async () => {
    const username = unique('adm');
    await signUp(username);
    await call('AdminConfirmSignUp', { UserPoolId: POOL, Username: username });
    assert.ok((await signIn(username)).AuthenticationResult);

    await call('AdminDisableUser', { UserPoolId: POOL, Username: username });
    let user = await call('AdminGetUser', { UserPoolId: POOL, Username: username });
    assert.equal(user.Enabled, false);
    await refused(signIn(username), 'NotAuthorizedException');
    await call('AdminEnableUser', { UserPoolId: POOL, Username: username });
    assert.ok((await signIn(username)).AuthenticationResult);

    await call('AdminUpdateUserAttributes', {
      UserPoolId: POOL,
      Username: username,
      UserAttributes: [
        { Name: 'email', Value: `${username}@example.org` },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'custom:plan', Value: 'team' },
      ],
    });
    user = await call('AdminGetUser', { UserPoolId: POOL, Username: username });
    assert.equal(attr(user.UserAttributes, 'email'), `${username}@example.org`);
    assert.equal(attr(user.UserAttributes, 'email_verified'), 'true');
    assert.equal(attr(user.UserAttributes, 'custom:plan'), 'team');
    await call('AdminDeleteUserAttributes', { UserPoolId: POOL, Username: username, UserAttributeNames: ['custom:plan'] });
    user = await call('AdminGetUser', { UserPoolId: POOL, Username: username });
    assert.equal(attr(user.UserAttributes, 'custom:plan'), undefined);

    await call('AdminDeleteUser', { UserPoolId: POOL, Username: username });
    await refused(call('AdminGetUser', { UserPoolId: POOL, Username: username }), 'UserNotFoundException', 'User does not exist.');
  });

  test('AdminGetUser shows MFA settings', async () => {
    const sms = await call('AdminGetUser', { UserPoolId: POOL, Username: 'sms' });
    assert.deepEqual(sms.MFAOptions, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    assert.equal(sms.PreferredMfaSetting, 'SMS_MFA');
    assert.deepEqual(sms.UserMFASettingList, ['SMS_MFA']);
    const demo = await call('AdminGetUser', { UserPoolId: POOL, Username: 'demo' });
    assert.equal(demo.MFAOptions, undefined);
    assert.equal(demo.UserMFASettingList, undefined);
  });

  test('ListUsers with filters, attributes to get and pagination', async () => {
    const byEmail = await call('ListUsers', { UserPoolId: POOL, Filter: 'email = "totp@example.com"' });
    assert.deepEqual(
      byEmail.Users.map((u: any) => u.Username),
      ['totp'],
    );
    const byName = await call('ListUsers', { UserPoolId: POOL, Filter: 'username = "DEMO"' });
    assert.deepEqual(
      byName.Users.map((u: any) => u.Username),
      ['demo'],
    );
    const prefix = await call('ListUsers', { UserPoolId: POOL, Filter: 'email ^= "sms@"' });
    assert.deepEqual(
      prefix.Users.map((u: any) => u.Username),
      ['sms'],
    );
    const unconfirmed = await call('ListUsers', { UserPoolId: POOL, Filter: 'cognito:user_status = "unconfirmed"' });
    assert.ok(unconfirmed.Users.some((u: any) => u.Username === 'unconfirmed'));
    assert.ok(unconfirmed.Users.every((u: any) => u.UserStatus === 'UNCONFIRMED'));
    const named = await call('ListUsers', { UserPoolId: POOL, Filter: 'name = "Demo User"', AttributesToGet: ['email'] });
    assert.deepEqual(named.Users[0].Attributes, [{ Name: 'email', Value: 'demo@example.com' }]);
    await refused(call('ListUsers', { UserPoolId: POOL, Filter: 'email = demo' }), 'InvalidParameterException');
    await refused(call('ListUsers', { UserPoolId: POOL, Filter: 'custom:plan = "pro"' }), 'InvalidParameterException');

    const all = (await call('ListUsers', { UserPoolId: POOL })).Users.map((u: any) => u.Username);
    const paged: string[] = [];
    let token: string | undefined;
    do {
      const page = await call('ListUsers', { UserPoolId: POOL, Limit: 2, ...(token ? { PaginationToken: token } : {}) });
      assert.ok(page.Users.length <= 2);
      paged.push(...page.Users.map((u: any) => u.Username));
      token = page.PaginationToken;
    } while (token);
    assert.deepEqual(paged, all);
  });
});
