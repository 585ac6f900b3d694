/**
 * The emulator's MFA settings, device tracking and token-session actions, over HTTP as a client
 * sees them: status codes, error types and messages, and state changes visible through the API.
 */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { DEFAULT_SEED } from '../../emulator/index.ts';
import type { Seed } from '../../emulator/seed.ts';
import { totpCode } from '../../emulator/totp.ts';
import {
  advanceClock as advance,
  callFails,
  callOk,
  CLIENT_ID as PUBLIC,
  CLIENT_SECRET as SECRET,
  getClock,
  jwtClaims as claims,
  PASSWORD,
  POOL_ID as POOL,
  ROTATION_CLIENT_ID as ROTATION,
  SECRET_CLIENT_ID as SECRET_CLIENT,
  withEmulator,
} from './support/emulator.ts';

const SETUP_POOL = 'us-east-1_MfaOnPool1';
const SETUP_CLIENT = 'mfaonclient000000000000001';

/** The default seed plus users of our own (so no other test's user is touched) and an MFA-required pool. */
function testSeed(): Seed {
  const seed = JSON.parse(readFileSync(DEFAULT_SEED, 'utf8')) as Seed;
  const demo = seed.pools.find((p) => p.Id === POOL)!;
  for (const name of ['mfauser', 'deviceuser', 'sessionuser', 'signoutuser', 'revokeuser']) {
    demo.Users!.push({ Username: name, Password: PASSWORD, Attributes: { email: `${name}@example.com`, email_verified: 'true' } });
  }
  seed.pools.push({
    Id: SETUP_POOL,
    PoolName: 'mfa-required',
    MfaConfiguration: 'ON',
    SoftwareTokenMfaConfiguration: { Enabled: true },
    Clients: [{ ClientId: SETUP_CLIENT, ClientName: 'mfa-on', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
    Users: [{ Username: 'setup', Password: PASSWORD, Attributes: { email: 'setup@example.com', email_verified: 'true' } }],
  });
  return seed;
}

const emulator = withEmulator({ config: testSeed() });

/** Calls an action that must succeed and returns its output. */
const ok = (action: string, input: Record<string, unknown>): Promise<Record<string, any>> => callOk(emulator().url, action, input);

/** Calls an action that must fail with this error type (and message, when given). */
const fails = (action: string, input: Record<string, unknown>, type: string, message?: string | RegExp): Promise<string> =>
  callFails(emulator().url, action, input, type, { message });

async function signIn(username: string, clientId = PUBLIC, extra: Record<string, string> = {}): Promise<Record<string, any>> {
  const body = await ok('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: username, PASSWORD, ...extra },
  });
  assert.ok(body.AuthenticationResult, `expected tokens for ${username}, got ${JSON.stringify(body)}`);
  return body.AuthenticationResult;
}

/** The emulator's clock (tests move it), for computing TOTP codes it will accept. */
const emulatorNow = async (): Promise<number> => Date.parse((await getClock(emulator().url)).now);

const advanceClock = async (ms: number): Promise<void> => void (await advance(emulator().url, ms));

// ---------------------------------------------------------------------------------------------

describe('MFA settings', () => {
  test('TOTP: associate, a wrong code refused, the right one verified, then enabled as preferred', async () => {
    const { AccessToken } = await signIn('mfauser');
    await fails(
      'SetUserMFAPreference',
      { AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } },
      'InvalidParameterException',
      /SOFTWARE_TOKEN_MFA/,
    );
    await fails('VerifySoftwareToken', { AccessToken, UserCode: '123456' }, 'SoftwareTokenMFANotFoundException');

    const { SecretCode } = await ok('AssociateSoftwareToken', { AccessToken });
    assert.match(SecretCode, /^[A-Z2-7]{32}$/);
    const right = totpCode(SecretCode, await emulatorNow());
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    await fails('VerifySoftwareToken', { AccessToken, UserCode: wrong }, 'EnableSoftwareTokenMFAException');
    // The pending secret survives a wrong code: the next attempt with the right one succeeds.
    assert.deepEqual(await ok('VerifySoftwareToken', { AccessToken, UserCode: right, FriendlyDeviceName: 'phone' }), { Status: 'SUCCESS' });

    // Verifying does not turn TOTP on by itself.
    assert.equal((await ok('GetUserAuthFactors', { AccessToken })).UserMFASettingList, undefined);
    await ok('SetUserMFAPreference', { AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    const user = await ok('GetUser', { AccessToken });
    assert.deepEqual(user.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    assert.equal(user.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');

    // The next sign-in asks for the authenticator code.
    const next = await ok('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: PUBLIC, AuthParameters: { USERNAME: 'mfauser', PASSWORD } });
    assert.equal(next.ChallengeName, 'SOFTWARE_TOKEN_MFA');
  });

  test('a malformed UserCode fails validation', async () => {
    const { AccessToken } = await signIn('demo');
    await fails('VerifySoftwareToken', { AccessToken, UserCode: '12ab56' }, 'InvalidParameterException', /userCode/);
  });

  test('SMS MFA needs a phone number; a disabled factor cannot be preferred', async () => {
    const { AccessToken } = await signIn('demo');
    await fails(
      'SetUserMFAPreference',
      { AccessToken, SMSMfaSettings: { Enabled: true } },
      'InvalidParameterException',
      'User does not have delivery config set to turn on SMS_MFA',
    );
    await fails('SetUserMFAPreference', { AccessToken, EmailMfaSettings: { Enabled: false, PreferredMfa: true } }, 'InvalidParameterException');
    // Email MFA works for a user with an email, and disabling it clears the preference.
    await ok('SetUserMFAPreference', { AccessToken, EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
    let factors = await ok('GetUserAuthFactors', { AccessToken });
    assert.deepEqual(factors.UserMFASettingList, ['EMAIL_OTP']);
    assert.equal(factors.PreferredMfaSetting, 'EMAIL_OTP');
    await ok('SetUserMFAPreference', { AccessToken, EmailMfaSettings: { Enabled: false } });
    factors = await ok('GetUserAuthFactors', { AccessToken });
    assert.equal(factors.UserMFASettingList, undefined);
    assert.equal(factors.PreferredMfaSetting, undefined);
  });

  test('a pool without a factor refuses to enable it', async () => {
    const { AccessToken } = await signIn('alice@example.com', 'emailpoolclient00000000001');
    await fails('SetUserMFAPreference', { AccessToken, EmailMfaSettings: { Enabled: true } }, 'InvalidParameterException', /EMAIL_OTP/);
    await fails('AssociateSoftwareToken', { AccessToken }, 'SoftwareTokenMFANotFoundException');
  });

  test('AdminSetUserMFAPreference and the legacy SetUserSettings turn SMS MFA off and on', async () => {
    await ok('AdminSetUserMFAPreference', { UserPoolId: POOL, Username: 'sms', SMSMfaSettings: { Enabled: false } });
    let factors = await ok('AdminGetUserAuthFactors', { UserPoolId: POOL, Username: 'sms' });
    assert.equal(factors.UserMFASettingList, undefined);

    const { AccessToken } = await signIn('sms'); // no MFA now, so tokens straight away
    await ok('SetUserSettings', { AccessToken, MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] });
    factors = await ok('GetUserAuthFactors', { AccessToken });
    assert.deepEqual(factors.UserMFASettingList, ['SMS_MFA']);
    await ok('SetUserSettings', { AccessToken, MFAOptions: [] });
    assert.equal((await ok('GetUserAuthFactors', { AccessToken })).UserMFASettingList, undefined);
  });

  test('GetUserAuthFactors lists the first factors the pool allows for this user', async () => {
    const { AccessToken } = await signIn('demo');
    const factors = await ok('GetUserAuthFactors', { AccessToken });
    assert.equal(factors.Username, 'demo');
    assert.deepEqual(factors.ConfiguredUserAuthFactors, ['PASSWORD', 'EMAIL_OTP']);
    const sms = await ok('AdminGetUserAuthFactors', { UserPoolId: POOL, Username: 'sms' });
    assert.deepEqual(sms.ConfiguredUserAuthFactors, ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP']);
  });

  test('AssociateSoftwareToken needs exactly one of AccessToken and Session, and a live session', async () => {
    await fails('AssociateSoftwareToken', {}, 'InvalidParameterException');
    await fails('AssociateSoftwareToken', { Session: 'bogus' }, 'NotAuthorizedException', 'Invalid session for the user, session is expired.');
  });

  test('MFA_SETUP during sign-in: associate and verify with the Session, then answer the challenge', async () => {
    const start = await ok('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: SETUP_CLIENT, AuthParameters: { USERNAME: 'setup', PASSWORD } });
    assert.equal(start.ChallengeName, 'MFA_SETUP');
    const associated = await ok('AssociateSoftwareToken', { Session: start.Session });
    assert.ok(associated.Session.length >= 200);
    assert.notEqual(associated.Session, start.Session);
    // Each step answers with a new Session; the old one is spent.
    await fails('AssociateSoftwareToken', { Session: start.Session }, 'NotAuthorizedException');

    const right = totpCode(associated.SecretCode, await emulatorNow());
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    await fails('VerifySoftwareToken', { Session: associated.Session, UserCode: wrong }, 'EnableSoftwareTokenMFAException');
    const verified = await ok('VerifySoftwareToken', { Session: associated.Session, UserCode: right });
    assert.equal(verified.Status, 'SUCCESS');
    assert.ok(verified.Session && verified.Session !== associated.Session);

    const done = await ok('RespondToAuthChallenge', {
      ChallengeName: 'MFA_SETUP',
      ClientId: SETUP_CLIENT,
      Session: verified.Session,
      ChallengeResponses: { USERNAME: 'setup' },
    });
    assert.ok(done.AuthenticationResult.AccessToken);
    const factors = await ok('GetUserAuthFactors', { AccessToken: done.AuthenticationResult.AccessToken });
    assert.deepEqual(factors.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('devices', () => {
  const verifierConfig = () => ({ Salt: randomBytes(16).toString('base64'), PasswordVerifier: randomBytes(384).toString('base64') });

  test('ConfirmDevice stores the verifier as hex and asks for the user prompt the pool requires', async () => {
    const tokens = await signIn('deviceuser');
    const { DeviceKey } = tokens.NewDeviceMetadata;
    assert.match(DeviceKey, /^us-east-1_[0-9a-f-]{36}$/);
    // An unconfirmed device is not listed.
    assert.deepEqual((await ok('ListDevices', { AccessToken: tokens.AccessToken })).Devices, []);
    await fails('GetDevice', { AccessToken: tokens.AccessToken, DeviceKey }, 'ResourceNotFoundException', 'Device does not exist.');

    const config = verifierConfig();
    const confirmed = await ok('ConfirmDevice', { AccessToken: tokens.AccessToken, DeviceKey, DeviceSecretVerifierConfig: config, DeviceName: 'Firefox on Linux' });
    assert.deepEqual(confirmed, { UserConfirmationNecessary: true });
    const stored = emulator().state.pools[POOL].users.deviceuser.devices[DeviceKey];
    assert.equal(stored.salt, Buffer.from(config.Salt, 'base64').toString('hex'));
    assert.equal(stored.verifier, Buffer.from(config.PasswordVerifier, 'base64').toString('hex'));

    const { Device } = await ok('GetDevice', { AccessToken: tokens.AccessToken, DeviceKey });
    const attributes = Object.fromEntries(Device.DeviceAttributes.map((a: { Name: string; Value: string }) => [a.Name, a.Value]));
    assert.equal(attributes.device_status, 'valid');
    assert.equal(attributes.device_name, 'Firefox on Linux');
    assert.equal(attributes['dev:device_remembered_status'], 'not_remembered');
    assert.ok(attributes.last_ip_used);
    assert.ok(Number.isInteger(Device.DeviceCreateDate) && Device.DeviceCreateDate < 1e11, 'dates are epoch seconds');

    await ok('UpdateDeviceStatus', { AccessToken: tokens.AccessToken, DeviceKey, DeviceRememberedStatus: 'remembered' });
    const remembered = await ok('AdminGetDevice', { UserPoolId: POOL, Username: 'deviceuser', DeviceKey });
    assert.ok(
      remembered.Device.DeviceAttributes.some((a: { Name: string; Value: string }) => a.Name === 'dev:device_remembered_status' && a.Value === 'remembered'),
    );
    await fails('UpdateDeviceStatus', { AccessToken: tokens.AccessToken, DeviceKey, DeviceRememberedStatus: 'sometimes' }, 'InvalidParameterException');

    // Refreshed tokens keep the device key of the sign-in.
    const refreshed = await ok('GetTokensFromRefreshToken', { RefreshToken: tokens.RefreshToken, ClientId: PUBLIC, DeviceKey });
    assert.equal(claims(refreshed.AuthenticationResult.AccessToken).device_key, DeviceKey);
  });

  test('ListDevices pages with Limit; the admin variants see the same devices', async () => {
    for (let i = 0; i < 2; i += 1) {
      const tokens = await signIn('deviceuser');
      await ok('ConfirmDevice', { AccessToken: tokens.AccessToken, DeviceKey: tokens.NewDeviceMetadata.DeviceKey, DeviceSecretVerifierConfig: verifierConfig() });
    }
    const { AccessToken } = await signIn('deviceuser');
    const all = await ok('ListDevices', { AccessToken });
    assert.equal(all.Devices.length, 3);
    const first = await ok('ListDevices', { AccessToken, Limit: 2 });
    assert.equal(first.Devices.length, 2);
    assert.ok(first.PaginationToken);
    const second = await ok('ListDevices', { AccessToken, Limit: 2, PaginationToken: first.PaginationToken });
    assert.equal(second.Devices.length, 1);
    assert.equal(second.PaginationToken, undefined);
    const keys = [...first.Devices, ...second.Devices].map((d: { DeviceKey: string }) => d.DeviceKey).sort();
    assert.deepEqual(keys, all.Devices.map((d: { DeviceKey: string }) => d.DeviceKey).sort());
    assert.equal((await ok('AdminListDevices', { UserPoolId: POOL, Username: 'deviceuser' })).Devices.length, 3);
    await fails('ListDevices', { AccessToken, Limit: 61 }, 'InvalidParameterException');
  });

  test('a forgotten device is gone, and signing in with its key fails', async () => {
    const { AccessToken } = await signIn('deviceuser');
    const [one, two] = (await ok('ListDevices', { AccessToken })).Devices.map((d: { DeviceKey: string }) => d.DeviceKey);
    await ok('ForgetDevice', { AccessToken, DeviceKey: one });
    await fails('GetDevice', { AccessToken, DeviceKey: one }, 'ResourceNotFoundException', 'Device does not exist.');
    await fails(
      'InitiateAuth',
      { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: PUBLIC, AuthParameters: { USERNAME: 'deviceuser', PASSWORD, DEVICE_KEY: one } },
      'ResourceNotFoundException',
      'Device does not exist.',
    );
    await fails('ForgetDevice', { AccessToken, DeviceKey: one }, 'ResourceNotFoundException');
    await ok('AdminUpdateDeviceStatus', { UserPoolId: POOL, Username: 'deviceuser', DeviceKey: two, DeviceRememberedStatus: 'not_remembered' });
    await ok('AdminForgetDevice', { UserPoolId: POOL, Username: 'deviceuser', DeviceKey: two });
    await fails('AdminGetDevice', { UserPoolId: POOL, Username: 'deviceuser', DeviceKey: two }, 'ResourceNotFoundException');
  });

  test('a device of another user is not found', async () => {
    const mine = await signIn('deviceuser');
    const theirs = await signIn('demo');
    await fails(
      'ConfirmDevice',
      { AccessToken: theirs.AccessToken, DeviceKey: mine.NewDeviceMetadata.DeviceKey, DeviceSecretVerifierConfig: verifierConfig() },
      'ResourceNotFoundException',
      'Device does not exist.',
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('refresh, revocation and sessions', () => {
  test('GetTokensFromRefreshToken without rotation: new access and ID tokens of the same sign-in', async () => {
    const tokens = await signIn('sessionuser');
    const body = await ok('GetTokensFromRefreshToken', { RefreshToken: tokens.RefreshToken, ClientId: PUBLIC });
    const result = body.AuthenticationResult;
    assert.equal(result.RefreshToken, undefined);
    assert.equal(result.TokenType, 'Bearer');
    const before = claims(tokens.AccessToken);
    const now = claims(result.AccessToken);
    assert.equal(now.origin_jti, before.origin_jti);
    assert.equal(now.auth_time, before.auth_time);
    assert.notEqual(now.jti, before.jti);
    assert.equal(claims(result.IdToken).origin_jti, before.origin_jti);
    await fails('GetTokensFromRefreshToken', { RefreshToken: 'nonsense', ClientId: PUBLIC }, 'NotAuthorizedException', 'Invalid Refresh Token');
    await fails('GetTokensFromRefreshToken', { RefreshToken: tokens.RefreshToken, ClientId: 'nosuchclient00000000000001' }, 'ResourceNotFoundException');
  });

  test('a client with a secret needs its ClientSecret', async () => {
    const secretHash = createHmac('sha256', SECRET)
      .update('sessionuser' + SECRET_CLIENT)
      .digest('base64');
    const tokens = await signIn('sessionuser', SECRET_CLIENT, { SECRET_HASH: secretHash });
    await fails(
      'GetTokensFromRefreshToken',
      { RefreshToken: tokens.RefreshToken, ClientId: SECRET_CLIENT },
      'NotAuthorizedException',
      `Client ${SECRET_CLIENT} is configured with secret but ClientSecret was not received`,
    );
    await fails(
      'GetTokensFromRefreshToken',
      { RefreshToken: tokens.RefreshToken, ClientId: SECRET_CLIENT, ClientSecret: 'wrong' },
      'NotAuthorizedException',
      `Unable to verify client secret for client ${SECRET_CLIENT}`,
    );
    await ok('GetTokensFromRefreshToken', { RefreshToken: tokens.RefreshToken, ClientId: SECRET_CLIENT, ClientSecret: SECRET });
  });

  test('rotation: a retry within the grace period gets the same replacement; later reuse revokes the family', async () => {
    const tokens = await signIn('sessionuser', ROTATION);
    const first = (await ok('GetTokensFromRefreshToken', { RefreshToken: tokens.RefreshToken, ClientId: ROTATION })).AuthenticationResult;
    assert.ok(first.RefreshToken);
    assert.notEqual(first.RefreshToken, tokens.RefreshToken);
    assert.equal(claims(first.AccessToken).origin_jti, claims(tokens.AccessToken).origin_jti);

    const retry = (await ok('GetTokensFromRefreshToken', { RefreshToken: tokens.RefreshToken, ClientId: ROTATION })).AuthenticationResult;
    assert.equal(retry.RefreshToken, first.RefreshToken);
    assert.notEqual(retry.AccessToken, first.AccessToken);

    await advanceClock(11_000); // past the seeded client's 10 s grace period
    await fails(
      'GetTokensFromRefreshToken',
      { RefreshToken: tokens.RefreshToken, ClientId: ROTATION },
      'RefreshTokenReuseException',
      'Refresh token has been reused.',
    );
    // Reuse looks like theft: the replacement is refused too, and so are its access tokens.
    await fails('GetTokensFromRefreshToken', { RefreshToken: first.RefreshToken, ClientId: ROTATION }, 'NotAuthorizedException', 'Refresh Token has been revoked');
    await fails('GetUser', { AccessToken: first.AccessToken }, 'NotAuthorizedException', 'Access Token has been revoked');
  });

  test('rotation: concurrent refreshes with one token get one replacement', async () => {
    const tokens = await signIn('sessionuser', ROTATION);
    const input = { RefreshToken: tokens.RefreshToken, ClientId: ROTATION };
    const results = await Promise.all([1, 2, 3].map(() => ok('GetTokensFromRefreshToken', input)));
    const replacements = new Set(results.map((r) => r.AuthenticationResult.RefreshToken));
    assert.equal(replacements.size, 1);
    const [replacement] = replacements;
    assert.ok(replacement && replacement !== tokens.RefreshToken);
  });

  test('RevokeToken revokes the refresh token and the access tokens minted with it', async () => {
    const tokens = await signIn('revokeuser');
    await fails('RevokeToken', { Token: tokens.AccessToken, ClientId: PUBLIC }, 'UnsupportedTokenTypeException', 'Unsupported token type');
    await fails('RevokeToken', { Token: tokens.RefreshToken, ClientId: ROTATION }, 'UnauthorizedException');
    assert.deepEqual(await ok('RevokeToken', { Token: tokens.RefreshToken, ClientId: PUBLIC }), {});
    await fails('GetUser', { AccessToken: tokens.AccessToken }, 'NotAuthorizedException', 'Access Token has been revoked');
    await fails(
      'InitiateAuth',
      { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: PUBLIC, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken } },
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    // Unknown tokens get the same empty answer: Cognito does not say whether a token was valid.
    assert.deepEqual(await ok('RevokeToken', { Token: 'not-a-token', ClientId: PUBLIC }), {});
  });

  test('RevokeToken is refused for a client with token revocation off', async () => {
    const created = await ok('CreateUserPoolClient', {
      UserPoolId: POOL,
      ClientName: 'no-revocation',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      EnableTokenRevocation: false,
    });
    const clientId = created.UserPoolClient.ClientId;
    const tokens = await signIn('revokeuser', clientId);
    await fails(
      'RevokeToken',
      { Token: tokens.RefreshToken, ClientId: clientId },
      'UnsupportedOperationException',
      'Token revocation is not enabled for this client',
    );
  });

  test('GlobalSignOut ends every session of the user', async () => {
    const one = await signIn('signoutuser');
    const two = await signIn('signoutuser');
    assert.deepEqual(await ok('GlobalSignOut', { AccessToken: one.AccessToken }), {});
    for (const tokens of [one, two]) {
      await fails('GetUser', { AccessToken: tokens.AccessToken }, 'NotAuthorizedException', 'Access Token has been revoked');
      await fails(
        'InitiateAuth',
        { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: PUBLIC, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken } },
        'NotAuthorizedException',
        'Refresh Token has been revoked',
      );
    }
    // A new sign-in works, and the admin variant ends it too.
    const three = await signIn('signoutuser');
    await ok('GetUser', { AccessToken: three.AccessToken });
    await ok('AdminUserGlobalSignOut', { UserPoolId: POOL, Username: 'signoutuser' });
    await fails('GetUser', { AccessToken: three.AccessToken }, 'NotAuthorizedException', 'Access Token has been revoked');
  });

  test('ListUserSessions and RevokeUserSession', async () => {
    await ok('AdminUserGlobalSignOut', { UserPoolId: POOL, Username: 'sessionuser' });
    const current = await signIn('sessionuser');
    const other = await signIn('sessionuser');
    const { Sessions } = await ok('ListUserSessions', { AccessToken: current.AccessToken });
    assert.equal(Sessions.length, 2);
    for (const session of Sessions) {
      assert.match(session.SessionId, /^tkn[a-z0-9]{25}$/);
      assert.equal(session.SessionType, 'TOKEN');
      assert.equal(session.ClientId, PUBLIC);
      assert.ok(Number.isInteger(session.CreateDate) && session.CreateDate < 1e11);
    }
    const mine = Sessions.find((s: { IsCurrentSession: boolean }) => s.IsCurrentSession);
    const theirs = Sessions.find((s: { IsCurrentSession: boolean }) => !s.IsCurrentSession);
    assert.ok(mine && theirs);

    await fails('RevokeUserSession', { AccessToken: current.AccessToken, SessionId: mine.SessionId }, 'InvalidParameterException');
    await fails('RevokeUserSession', { AccessToken: current.AccessToken, SessionId: 'tkn0000000000000000000000000' }, 'ResourceNotFoundException');
    assert.deepEqual(await ok('RevokeUserSession', { AccessToken: current.AccessToken, SessionId: theirs.SessionId }), {});
    await fails('GetUser', { AccessToken: other.AccessToken }, 'NotAuthorizedException', 'Access Token has been revoked');
    await ok('GetUser', { AccessToken: current.AccessToken });

    const left = await ok('AdminListUserSessions', { UserPoolId: POOL, Username: 'sessionuser' });
    assert.deepEqual(
      left.Sessions.map((s: { SessionId: string }) => s.SessionId),
      [mine.SessionId],
    );
    assert.equal(left.Sessions[0].IsCurrentSession, false);
    await ok('AdminRevokeUserSession', { UserPoolId: POOL, Username: 'sessionuser', SessionId: mine.SessionId });
    await fails('ListUserSessions', { AccessToken: current.AccessToken }, 'NotAuthorizedException', 'Access Token has been revoked');
  });
});
