// @aws-sdk/client-cognito-identity-provider v3 against the emulator: the SDK parses every answer
// with the service model, so wrong shapes, dates in milliseconds or a malformed error would show up
// as parse failures or untyped errors. The test builds its own pool and app client (with a secret)
// through the management API, the way infrastructure code would seed a real account.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  ChangePasswordCommand,
  CodeMismatchException,
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  InvalidPasswordException,
  ListUsersCommand,
  NotAuthorizedException,
  RefreshTokenReuseException,
  ResourceNotFoundException,
  RevokeTokenCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  UserNotFoundException,
  UsernameExistsException,
  VerifyUserAttributeCommand,
  type AttributeType,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CLIENT_SECRET, PASSWORD as SEED_PASSWORD, SECRET_CLIENT_ID, advanceClock, jwtClaims, latestCode, withEmulator } from './support/emulator.ts';

const emulator = withEmulator();

const PASSWORD = 'Sdk-passw0rd';
const GRACE_SECONDS = 5;
let sdk: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;
let clientSecret: string;

function secretHash(username: string): string {
  return createHmac('sha256', clientSecret)
    .update(username + clientId)
    .digest('base64');
}

const attrs = (record: Record<string, string>): AttributeType[] => Object.entries(record).map(([Name, Value]) => ({ Name, Value }));
const asRecord = (list: AttributeType[] | undefined): Record<string, string | undefined> => Object.fromEntries((list ?? []).map((a) => [a.Name, a.Value]));

/** Asserts a typed SDK exception: the class (instanceof), its name, a 400 and optionally the message. */
async function rejectsWith(
  promise: Promise<unknown>,
  type: abstract new (...args: any[]) => CognitoIdentityProviderServiceException,
  name: string,
  message?: string | RegExp,
): Promise<void> {
  await assert.rejects(promise, (error: any) => {
    assert.ok(error instanceof type, `expected ${name}, got ${error?.name}: ${error?.message}`);
    assert.ok(error instanceof CognitoIdentityProviderServiceException);
    assert.equal(error.name, name);
    assert.equal(error.$fault, 'client');
    assert.equal(error.$metadata.httpStatusCode, 400);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  });
}

/** AdminCreateUser + AdminSetUserPassword(Permanent): a CONFIRMED user, no messages sent. */
async function adminUser(username: string, extra: Record<string, string> = {}): Promise<void> {
  await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: attrs({ email: `${username}@example.com`, email_verified: 'true', ...extra }),
    }),
  );
  await sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
}

async function signIn(username: string, password = PASSWORD): Promise<AuthenticationResultType> {
  const out = await sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password, SECRET_HASH: secretHash(username) },
    }),
  );
  assert.equal(out.ChallengeName, undefined, `unexpected challenge ${out.ChallengeName}`);
  assert.ok(out.AuthenticationResult?.AccessToken);
  return out.AuthenticationResult;
}

before(async () => {
  const { url } = await emulator.ready;
  sdk = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  // MFA starts OFF and becomes OPTIONAL with TOTP through SetUserPoolMfaConfig, the order a real
  // account needs: Cognito refuses OPTIONAL at creation without an SMS configuration.
  const created = await sdk.send(
    new CreateUserPoolCommand({
      PoolName: 'sdk-test-pool',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 10,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 3,
        },
      },
      AliasAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'OFF',
      Schema: [
        { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
        { Name: 'tier', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '0', MaxLength: '16' } },
      ],
    }),
  );
  poolId = created.UserPool!.Id!;
  await sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  const client = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'sdk-test-client',
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: GRACE_SECONDS },
    }),
  );
  clientId = client.UserPoolClient!.ClientId!;
  clientSecret = client.UserPoolClient!.ClientSecret!;
});

test('DescribeUserPool reflects the pool created with CreateUserPool and SetUserPoolMfaConfig', async () => {
  assert.match(poolId, /^us-east-1_[0-9A-Za-z]+$/);
  const { UserPool: pool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  assert.ok(pool);
  assert.equal(pool.Id, poolId);
  assert.equal(pool.Name, 'sdk-test-pool');
  assert.equal(pool.Policies?.PasswordPolicy?.MinimumLength, 10);
  assert.equal(pool.Policies?.PasswordPolicy?.RequireSymbols, false);
  assert.deepEqual(pool.AliasAttributes, ['email']);
  assert.deepEqual(pool.AutoVerifiedAttributes, ['email']);
  assert.equal(pool.MfaConfiguration, 'OPTIONAL');
  const tier = pool.SchemaAttributes?.find((a) => a.Name === 'custom:tier');
  assert.ok(tier, 'the custom attribute is listed with its custom: prefix');
  assert.equal(tier.AttributeDataType, 'String');
  assert.equal(tier.StringAttributeConstraints?.MaxLength, '16');
  // Epoch seconds on the wire: the SDK turns them into Dates near now (milliseconds would land in year 50000+).
  assert.ok(pool.CreationDate instanceof Date);
  assert.ok(Math.abs(pool.CreationDate.getTime() - Date.now()) < 24 * 3600_000, `CreationDate ${pool.CreationDate.toISOString()}`);

  const mfa = await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
  assert.equal(mfa.MfaConfiguration, 'OPTIONAL');
  assert.equal(mfa.SoftwareTokenMfaConfiguration?.Enabled, true);
});

test('DescribeUserPoolClient reflects the app client with its generated secret', async () => {
  const { UserPoolClient: client } = await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
  assert.ok(client);
  assert.equal(client.ClientName, 'sdk-test-client');
  assert.equal(client.UserPoolId, poolId);
  assert.equal(client.ClientSecret, clientSecret);
  assert.ok(clientSecret.length >= 40, 'a generated secret is long');
  assert.deepEqual([...(client.ExplicitAuthFlows ?? [])].sort(), ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
  assert.equal(client.PreventUserExistenceErrors, 'ENABLED');
  assert.deepEqual(client.RefreshTokenRotation, { Feature: 'ENABLED', RetryGracePeriodSeconds: GRACE_SECONDS });
});

test('reports an unknown pool as a typed ResourceNotFoundException', async () => {
  await rejectsWith(sdk.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_NoSuchPool' })), ResourceNotFoundException, 'ResourceNotFoundException');
});

test('AdminCreateUser and a permanent AdminSetUserPassword give a CONFIRMED user who signs in with SECRET_HASH', async () => {
  const created = await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: 'sdk-admin-made',
      MessageAction: 'SUPPRESS',
      UserAttributes: attrs({ email: 'sdk-admin-made@example.com', email_verified: 'true' }),
    }),
  );
  assert.equal(created.User?.Username, 'sdk-admin-made');
  assert.equal(created.User?.UserStatus, 'FORCE_CHANGE_PASSWORD');
  assert.equal(created.User?.Enabled, true);
  assert.ok(created.User?.UserCreateDate instanceof Date);

  await sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'sdk-admin-made', Password: PASSWORD, Permanent: true }));
  const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'sdk-admin-made' }));
  assert.equal(user.UserStatus, 'CONFIRMED');

  const tokens = await signIn('sdk-admin-made');
  assert.equal(tokens.TokenType, 'Bearer');
  assert.ok(tokens.IdToken);
  assert.ok(tokens.RefreshToken);
  assert.equal(typeof tokens.ExpiresIn, 'number');
});

test('SignUp and ConfirmSignUp with SecretHash confirm the user and verify the auto-verified email', async () => {
  const { url } = emulator();
  const signUp = await sdk.send(
    new SignUpCommand({
      ClientId: clientId,
      SecretHash: secretHash('sdk-bob'),
      Username: 'sdk-bob',
      Password: PASSWORD,
      UserAttributes: attrs({ email: 'sdk-bob@example.com', 'custom:tier': 'gold' }),
    }),
  );
  assert.equal(signUp.UserConfirmed, false);
  assert.match(signUp.UserSub ?? '', /^[0-9a-f-]{36}$/);
  assert.equal(signUp.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
  assert.equal(signUp.CodeDeliveryDetails?.AttributeName, 'email');

  const code = await latestCode(url, 'sdk-bob', 'signup');
  await sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, SecretHash: secretHash('sdk-bob'), Username: 'sdk-bob', ConfirmationCode: code }));
  const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'sdk-bob' }));
  assert.equal(user.UserStatus, 'CONFIRMED');
  const attributes = asRecord(user.UserAttributes);
  assert.equal(attributes.email_verified, 'true');
  assert.equal(attributes['custom:tier'], 'gold');
  assert.equal(attributes.sub, signUp.UserSub);
});

test('refuses a second SignUp of a taken username with a typed UsernameExistsException', async () => {
  await adminUser('sdk-taken');
  await rejectsWith(
    sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        SecretHash: secretHash('sdk-taken'),
        Username: 'sdk-taken',
        Password: PASSWORD,
        UserAttributes: attrs({ email: 'someone-else@example.com' }),
      }),
    ),
    UsernameExistsException,
    'UsernameExistsException',
  );
});

test('refuses a SignUp whose SecretHash is wrong with NotAuthorizedException', async () => {
  await rejectsWith(
    sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        SecretHash: createHmac('sha256', 'not-the-secret').update(`sdk-intruder${clientId}`).digest('base64'),
        Username: 'sdk-intruder',
        Password: PASSWORD,
        UserAttributes: attrs({ email: 'sdk-intruder@example.com' }),
      }),
    ),
    NotAuthorizedException,
    'NotAuthorizedException',
    `Unable to verify secret hash for client ${clientId}`,
  );
});

test('refuses InitiateAuth without SECRET_HASH on a client with a secret', async () => {
  await adminUser('sdk-no-hash');
  await rejectsWith(
    sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'sdk-no-hash', PASSWORD },
      }),
    ),
    NotAuthorizedException,
    'NotAuthorizedException',
    `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
  );
});

test('signs a seeded user in through the seeded client with a secret, hashing the name as typed (alias included)', async () => {
  for (const login of ['demo', 'demo@example.com']) {
    const out = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: SECRET_CLIENT_ID,
        AuthParameters: {
          USERNAME: login,
          PASSWORD: SEED_PASSWORD,
          SECRET_HASH: createHmac('sha256', CLIENT_SECRET)
            .update(login + SECRET_CLIENT_ID)
            .digest('base64'),
        },
      }),
    );
    assert.equal(jwtClaims(out.AuthenticationResult!.AccessToken!).username, 'demo', login);
  }
});

test('GetUser returns the username and attributes, custom ones included', async () => {
  await adminUser('sdk-getuser', { 'custom:tier': 'silver', name: 'Get User' });
  const tokens = await signIn('sdk-getuser');
  const user = await sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
  assert.equal(user.Username, 'sdk-getuser');
  const attributes = asRecord(user.UserAttributes);
  assert.match(attributes.sub ?? '', /^[0-9a-f-]{36}$/);
  assert.equal(attributes.email, 'sdk-getuser@example.com');
  assert.equal(attributes['custom:tier'], 'silver');
  assert.equal(attributes.name, 'Get User');
});

test('UpdateUserAttributes changes attributes; a new email is verified with GetUserAttributeVerificationCode + VerifyUserAttribute', async () => {
  const { url } = emulator();
  await adminUser('sdk-updater');
  const { AccessToken } = await signIn('sdk-updater');

  const updated = await sdk.send(
    new UpdateUserAttributesCommand({ AccessToken, UserAttributes: attrs({ name: 'Up Dated', 'custom:tier': 'bronze', email: 'sdk-updater-new@example.com' }) }),
  );
  // The pool auto-verifies email, so the change sends a code to the new address.
  assert.equal(updated.CodeDeliveryDetailsList?.[0]?.AttributeName, 'email');
  let attributes = asRecord((await sdk.send(new GetUserCommand({ AccessToken }))).UserAttributes);
  assert.equal(attributes.name, 'Up Dated');
  assert.equal(attributes['custom:tier'], 'bronze');
  assert.equal(attributes.email, 'sdk-updater-new@example.com');
  assert.equal(attributes.email_verified, 'false');

  const sent = await sdk.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
  assert.equal(sent.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
  const code = await latestCode(url, 'sdk-updater', 'verify_email');
  await rejectsWith(
    sdk.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: code === '000000' ? '111111' : '000000' })),
    CodeMismatchException,
    'CodeMismatchException',
  );
  await sdk.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: code }));
  attributes = asRecord((await sdk.send(new GetUserCommand({ AccessToken }))).UserAttributes);
  assert.equal(attributes.email_verified, 'true');
});

test('ChangePassword checks the old password and the policy, then only the new password signs in', async () => {
  await adminUser('sdk-changer');
  const { AccessToken } = await signIn('sdk-changer');
  await rejectsWith(
    sdk.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: 'Wrong-passw0rd', ProposedPassword: 'Another-passw0rd' })),
    NotAuthorizedException,
    'NotAuthorizedException',
  );
  await rejectsWith(
    sdk.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: 'short1A' })),
    InvalidPasswordException,
    'InvalidPasswordException',
  );
  await sdk.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: 'Another-passw0rd' }));
  await signIn('sdk-changer', 'Another-passw0rd');
  await rejectsWith(signIn('sdk-changer', PASSWORD), NotAuthorizedException, 'NotAuthorizedException', 'Incorrect username or password.');
});

test('ForgotPassword and ConfirmForgotPassword (with SecretHash) set a new password', async () => {
  const { url } = emulator();
  await adminUser('sdk-forgetful');
  const sent = await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, SecretHash: secretHash('sdk-forgetful'), Username: 'sdk-forgetful' }));
  assert.equal(sent.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
  const code = await latestCode(url, 'sdk-forgetful', 'forgot_password');
  const confirm = (ConfirmationCode: string) =>
    sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        SecretHash: secretHash('sdk-forgetful'),
        Username: 'sdk-forgetful',
        ConfirmationCode,
        Password: 'Recovered-passw0rd',
      }),
    );
  await rejectsWith(confirm(code === '000000' ? '111111' : '000000'), CodeMismatchException, 'CodeMismatchException');
  await confirm(code);
  await signIn('sdk-forgetful', 'Recovered-passw0rd');
});

test('GetTokensFromRefreshToken rotates the refresh token; the old one works during the grace period, then RefreshTokenReuseException', async () => {
  const { url } = emulator();
  await adminUser('sdk-rotator');
  const first = await signIn('sdk-rotator');
  const refresh = (RefreshToken: string) => sdk.send(new GetTokensFromRefreshTokenCommand({ RefreshToken, ClientId: clientId, ClientSecret: clientSecret }));

  const rotated = await refresh(first.RefreshToken!);
  const second = rotated.AuthenticationResult!;
  assert.ok(second.AccessToken);
  assert.ok(second.IdToken);
  assert.ok(second.RefreshToken, 'rotation returns a new refresh token');
  assert.notEqual(second.RefreshToken, first.RefreshToken);

  // A retry with the old token inside the grace period still succeeds.
  const retried = await refresh(first.RefreshToken!);
  assert.ok(retried.AuthenticationResult?.AccessToken);

  await advanceClock(url, (GRACE_SECONDS + 1) * 1000);
  await rejectsWith(refresh(first.RefreshToken!), RefreshTokenReuseException, 'RefreshTokenReuseException');
});

test('refuses REFRESH_TOKEN_AUTH on an app client with refresh-token rotation', async () => {
  await adminUser('sdk-old-refresh');
  const tokens = await signIn('sdk-old-refresh');
  await assert.rejects(
    sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken!, SECRET_HASH: secretHash('sdk-old-refresh') },
      }),
    ),
    (error: any) => error instanceof CognitoIdentityProviderServiceException && error.$metadata.httpStatusCode === 400,
  );
});

test('RevokeToken revokes the refresh token and the access tokens issued with it', async () => {
  await adminUser('sdk-revoker');
  const tokens = await signIn('sdk-revoker');
  const out = await sdk.send(new RevokeTokenCommand({ Token: tokens.RefreshToken, ClientId: clientId, ClientSecret: clientSecret }));
  assert.deepEqual({ ...out, $metadata: undefined }, { $metadata: undefined });

  await rejectsWith(
    sdk.send(new GetTokensFromRefreshTokenCommand({ RefreshToken: tokens.RefreshToken, ClientId: clientId, ClientSecret: clientSecret })),
    NotAuthorizedException,
    'NotAuthorizedException',
    'Refresh Token has been revoked',
  );
  await rejectsWith(
    sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken })),
    NotAuthorizedException,
    'NotAuthorizedException',
    'Access Token has been revoked',
  );
});

test('GlobalSignOut revokes every session of the user: GetUser then fails with NotAuthorizedException', async () => {
  await adminUser('sdk-everywhere');
  const laptop = await signIn('sdk-everywhere');
  const phone = await signIn('sdk-everywhere');
  await sdk.send(new GlobalSignOutCommand({ AccessToken: laptop.AccessToken }));

  for (const session of [laptop, phone]) {
    await rejectsWith(
      sdk.send(new GetUserCommand({ AccessToken: session.AccessToken })),
      NotAuthorizedException,
      'NotAuthorizedException',
      'Access Token has been revoked',
    );
  }
  await rejectsWith(
    sdk.send(new GetTokensFromRefreshTokenCommand({ RefreshToken: phone.RefreshToken, ClientId: clientId, ClientSecret: clientSecret })),
    NotAuthorizedException,
    'NotAuthorizedException',
  );
  // Signing in again still works.
  await signIn('sdk-everywhere');
});

test('AdminGetUser describes a user with dates the SDK parses', async () => {
  await adminUser('sdk-described', { name: 'Described' });
  const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'sdk-described' }));
  assert.equal(user.Username, 'sdk-described');
  assert.equal(user.Enabled, true);
  assert.equal(user.UserStatus, 'CONFIRMED');
  assert.equal(asRecord(user.UserAttributes).name, 'Described');
  assert.ok(user.UserCreateDate instanceof Date && user.UserLastModifiedDate instanceof Date);
  assert.ok(Math.abs(user.UserCreateDate.getTime() - Date.now()) < 24 * 3600_000, `UserCreateDate ${user.UserCreateDate.toISOString()}`);
});

test('ListUsers applies a Filter', async () => {
  await adminUser('sdk-list-one');
  await adminUser('sdk-list-two');
  const byEmail = await sdk.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "sdk-list-two@example.com"' }));
  assert.deepEqual(
    byEmail.Users?.map((u) => u.Username),
    ['sdk-list-two'],
  );

  const byPrefix = await sdk.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'username ^= "sdk-list-"' }));
  assert.deepEqual(byPrefix.Users?.map((u) => u.Username).sort(), ['sdk-list-one', 'sdk-list-two']);
  for (const user of byPrefix.Users ?? []) assert.ok(user.UserCreateDate instanceof Date);
});

test('AdminDeleteUser removes the user: AdminGetUser then throws a typed UserNotFoundException', async () => {
  await adminUser('sdk-doomed');
  await sdk.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'sdk-doomed' }));
  await rejectsWith(
    sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'sdk-doomed' })),
    UserNotFoundException,
    'UserNotFoundException',
    'User does not exist.',
  );
});
