/**
 * Passkeys in the emulator, over HTTP as a browser would send them (with an `Origin` header) and
 * through the AWS SDK v3: registration, listing, deletion, the WEB_AUTHN sign-in challenge of
 * USER_AUTH, and the refusals Cognito gives. The authenticator is test/node/support/authenticator.ts.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import {
  CognitoIdentityProviderClient,
  CompleteWebAuthnRegistrationCommand,
  DeleteWebAuthnCredentialCommand,
  ListWebAuthnCredentialsCommand,
  StartWebAuthnRegistrationCommand,
  type WebAuthnCredentialDescription,
} from '@aws-sdk/client-cognito-identity-provider';
import { DEFAULT_SEED } from '../../emulator/index.ts';
import type { Seed } from '../../emulator/seed.ts';
import { SoftwareAuthenticator } from './support/authenticator.ts';
import {
  advanceClock,
  callFails,
  callOk,
  CLIENT_ID as PUBLIC,
  CLIENT_SECRET as SECRET,
  EMAIL_POOL_CLIENT_ID as EMAIL_POOL_CLIENT,
  PASSWORD,
  POOL_ID as POOL,
  SECRET_CLIENT_ID as SECRET_CLIENT,
  setClockOffset,
  TOTP_SECRET,
  withEmulator,
} from './support/emulator.ts';

const UV_POOL = 'us-east-1_PasskeyUv1';
const UV_CLIENT = 'passkeyuvclient00000000001';
/** Where the tests' pages run; the relying party is `localhost`. */
const ORIGIN = 'http://localhost:8123';

/** Pools with passkeys on but no RelyingPartyId, by their domains (UserPoolType.Domain / CustomDomain). */
const DOMAIN_POOLS: Record<string, { Domain?: string; CustomDomain?: string }> = {
  'eu-west-1_RpPrefix1': { Domain: 'my-app' },
  'us-east-1_RpCustom1': { Domain: 'my-app2', CustomDomain: 'Auth.Example.com' },
  'us-east-1_RpNoDomain': {},
};
const domainPoolClient = (id: string) => `${id.split('_')[1].toLowerCase()}client000000001`;

function testSeed(): Seed {
  const seed = JSON.parse(readFileSync(DEFAULT_SEED, 'utf8')) as Seed;
  const demo = seed.pools.find((p) => p.Id === POOL)!;
  for (const name of ['pk-main', 'pk-select', 'pk-refusals', 'pk-none', 'pk-delete', 'pk-sdk']) {
    demo.Users!.push({ Username: name, Password: PASSWORD, Attributes: { email: `${name}@example.com`, email_verified: 'true' } });
  }
  demo.Users!.push({
    Username: 'pk-totp',
    Password: PASSWORD,
    Attributes: { email: 'pk-totp@example.com', email_verified: 'true' },
    Mfa: { TotpSecret: TOTP_SECRET, Preferred: 'SOFTWARE_TOKEN_MFA' },
  });
  seed.pools.push({
    Id: UV_POOL,
    PoolName: 'passkeys-uv-required',
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } },
    WebAuthnConfiguration: { RelyingPartyId: 'localhost', UserVerification: 'required' },
    Clients: [{ ClientId: UV_CLIENT, ClientName: 'uv', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
    Users: [{ Username: 'uv', Password: PASSWORD, Attributes: { email: 'uv@example.com', email_verified: 'true' } }],
  });
  // Passkeys allowed, no RelyingPartyId configured: the relying party falls back to the pool's domain.
  for (const [id, domains] of Object.entries(DOMAIN_POOLS)) {
    seed.pools.push({
      Id: id,
      PoolName: `passkeys-${id}`,
      ...domains,
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } },
      Clients: [{ ClientId: domainPoolClient(id), ClientName: 'rp', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
      Users: [{ Username: 'rp', Password: PASSWORD, Attributes: { email: 'rp@example.com', email_verified: 'true' } }],
    });
  }
  return seed;
}

// The emulator refuses pages on origins it does not allow before any WebAuthn check runs: allow the
// tests' "other site" so that its ceremonies reach the relying-party origin checks tested here.
const emulator = withEmulator({ config: testSeed(), allowOrigins: ['https://evil.example'] });

/** The `Origin` header a page at `origin` sends (none: a server-side caller such as the SDK). */
const from = (origin: string | null): Record<string, string> => (origin ? { Origin: origin } : {});

/** A call from the tests' page (or another `origin`) that must succeed; its output. */
const ok = (action: string, input: Record<string, unknown>, origin: string | null = ORIGIN): Promise<Record<string, any>> =>
  callOk(emulator().url, action, input, from(origin));

/** A call from the tests' page (or another `origin`) that Cognito must refuse with `type`; its message. */
const fails = (action: string, input: Record<string, unknown>, type: string, origin: string | null = ORIGIN): Promise<string> =>
  callFails(emulator().url, action, input, type, { headers: from(origin) });

async function accessToken(username: string, clientId = PUBLIC): Promise<string> {
  const secretHash =
    clientId === SECRET_CLIENT
      ? {
          SECRET_HASH: createHmac('sha256', SECRET)
            .update(username + clientId)
            .digest('base64'),
        }
      : {};
  const body = await ok('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD, ...secretHash } });
  assert.ok(body.AuthenticationResult, `password sign-in of ${username} asked ${body.ChallengeName}`);
  return body.AuthenticationResult.AccessToken;
}

/** Start + create + Complete: registers a passkey on the authenticator for this user. */
async function register(authenticator: SoftwareAuthenticator, token: string): Promise<string> {
  const { CredentialCreationOptions } = await ok('StartWebAuthnRegistration', { AccessToken: token });
  const credential = authenticator.create(CredentialCreationOptions);
  assert.deepEqual(await ok('CompleteWebAuthnRegistration', { AccessToken: token, Credential: credential }), {});
  return credential.id;
}

/** USER_AUTH with PREFERRED_CHALLENGE WEB_AUTHN: the challenge and its parsed request options. */
async function passkeyChallenge(username: string, clientId = PUBLIC): Promise<{ session: string; options: Record<string, any> }> {
  const body = await ok('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'WEB_AUTHN' } });
  assert.equal(body.ChallengeName, 'WEB_AUTHN', JSON.stringify(body));
  assert.equal(typeof body.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS, 'string');
  return { session: body.Session, options: JSON.parse(body.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS) };
}

function answer(username: string, session: string, credential: unknown, clientId = PUBLIC) {
  return { ClientId: clientId, ChallengeName: 'WEB_AUTHN', Session: session, ChallengeResponses: { USERNAME: username, CREDENTIAL: JSON.stringify(credential) } };
}

describe('pool configuration', () => {
  test('GetUserPoolMfaConfig returns the seeded WebAuthnConfiguration; DescribeUserPool does not carry it', async () => {
    const config = await ok('GetUserPoolMfaConfig', { UserPoolId: POOL });
    assert.deepEqual(config.WebAuthnConfiguration, { RelyingPartyId: 'localhost', UserVerification: 'preferred' });
    const { UserPool } = await ok('DescribeUserPool', { UserPoolId: POOL });
    assert.equal(UserPool.WebAuthnConfiguration, undefined);
    assert.ok(UserPool.Policies.SignInPolicy.AllowedFirstAuthFactors.includes('WEB_AUTHN'));
  });

  test('SetUserPoolMfaConfig sets and validates it', async () => {
    const set = await ok('SetUserPoolMfaConfig', { UserPoolId: 'us-east-1_EmailPool1', WebAuthnConfiguration: { RelyingPartyId: 'example.com' } });
    assert.deepEqual(set.WebAuthnConfiguration, { RelyingPartyId: 'example.com', UserVerification: 'preferred' });
    assert.deepEqual((await ok('GetUserPoolMfaConfig', { UserPoolId: 'us-east-1_EmailPool1' })).WebAuthnConfiguration, set.WebAuthnConfiguration);
    await fails(
      'SetUserPoolMfaConfig',
      { UserPoolId: 'us-east-1_EmailPool1', WebAuthnConfiguration: { UserVerification: 'sometimes' } },
      'InvalidParameterException',
    );
  });

  // API reference, WebAuthnConfigurationType.RelyingPartyId: "the authentication domain, typically
  // your user pool domain"; with a custom domain it must be the custom domain's full name, prefix
  // domain or not. A prefix domain is <prefix>.auth.<region>.amazoncognito.com.
  test('without a RelyingPartyId the relying party is the custom domain, else the prefix domain, else missing', async () => {
    const rpOf = async (pool: string) => {
      const token = await accessToken('rp', domainPoolClient(pool));
      return (await ok('StartWebAuthnRegistration', { AccessToken: token }, null)).CredentialCreationOptions.rp;
    };
    assert.deepEqual(await rpOf('eu-west-1_RpPrefix1'), { id: 'my-app.auth.eu-west-1.amazoncognito.com', name: 'my-app.auth.eu-west-1.amazoncognito.com' });
    assert.deepEqual(await rpOf('us-east-1_RpCustom1'), { id: 'auth.example.com', name: 'auth.example.com' });
    const token = await accessToken('rp', domainPoolClient('us-east-1_RpNoDomain'));
    await fails('StartWebAuthnRegistration', { AccessToken: token }, 'WebAuthnConfigurationMissingException', null);
  });

  test('CreateUserPoolDomain / DeleteUserPoolDomain give and take the relying party a pool without RelyingPartyId defaults to', async () => {
    const pool = 'us-east-1_RpNoDomain';
    const token = await accessToken('rp', domainPoolClient(pool));
    const rpId = async () => (await ok('StartWebAuthnRegistration', { AccessToken: token }, null)).CredentialCreationOptions.rp.id;
    assert.deepEqual(await ok('CreateUserPoolDomain', { UserPoolId: pool, Domain: 'later-app' }, null), {});
    assert.equal(await rpId(), 'later-app.auth.us-east-1.amazoncognito.com');
    await ok(
      'CreateUserPoolDomain',
      { UserPoolId: pool, Domain: 'login.example.org', CustomDomainConfig: { CertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/x' } },
      null,
    );
    assert.equal(await rpId(), 'login.example.org');
    const { UserPool } = await ok('DescribeUserPool', { UserPoolId: pool }, null);
    assert.equal(UserPool.Domain, 'later-app');
    assert.equal(UserPool.CustomDomain, 'login.example.org');
    await fails('CreateUserPoolDomain', { UserPoolId: 'us-east-1_RpCustom1', Domain: 'later-app' }, 'InvalidParameterException', null);
    await fails('CreateUserPoolDomain', { UserPoolId: pool, Domain: 'Not a prefix!' }, 'InvalidParameterException', null);
    await ok('DeleteUserPoolDomain', { UserPoolId: pool, Domain: 'login.example.org' }, null);
    assert.equal(await rpId(), 'later-app.auth.us-east-1.amazoncognito.com');
    await ok('DeleteUserPoolDomain', { UserPoolId: pool, Domain: 'later-app' }, null);
    await fails('StartWebAuthnRegistration', { AccessToken: token }, 'WebAuthnConfigurationMissingException', null);
  });

  test('a pool that does not allow WEB_AUTHN answers WebAuthnNotEnabledException', async () => {
    // The email pool has a relying party now (test above) but its sign-in policy allows only passwords.
    const token = await accessToken('alice@example.com', EMAIL_POOL_CLIENT);
    await fails('StartWebAuthnRegistration', { AccessToken: token }, 'WebAuthnNotEnabledException');
    await fails('CompleteWebAuthnRegistration', { AccessToken: token, Credential: { id: 'x' } }, 'WebAuthnNotEnabledException');
    assert.deepEqual(await ok('ListWebAuthnCredentials', { AccessToken: token }), { Credentials: [] });
    await fails('DeleteWebAuthnCredential', { AccessToken: token, CredentialId: 'nope' }, 'ResourceNotFoundException');
    await fails('StartWebAuthnRegistration', { AccessToken: 'not-a-token' }, 'NotAuthorizedException');
  });
});

describe('registration', () => {
  // The shape of Cognito's answer as Amplify v6 captured it: packages/auth/__tests__/mockData.ts,
  // passkeyCredentialCreateOptions (timeout 60000, user.displayName "", user.id the sub).
  test('StartWebAuthnRegistration answers Cognito-shaped creation options', async () => {
    const token = await accessToken('pk-main');
    const { CredentialCreationOptions: options } = await ok('StartWebAuthnRegistration', { AccessToken: token });
    assert.deepEqual(Object.keys(options).sort(), ['authenticatorSelection', 'challenge', 'excludeCredentials', 'pubKeyCredParams', 'rp', 'timeout', 'user']);
    assert.match(options.challenge, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(options.rp, { id: 'localhost', name: 'localhost' });
    assert.deepEqual(options.pubKeyCredParams, [
      { alg: -7, type: 'public-key' },
      { alg: -257, type: 'public-key' },
    ]);
    assert.deepEqual(options.authenticatorSelection, { requireResidentKey: true, residentKey: 'required', userVerification: 'preferred' });
    assert.equal(options.timeout, 60000);
    assert.equal(options.user.name, 'pk-main');
    assert.equal(options.user.displayName, '', 'Cognito sends an empty displayName');
    const { UserAttributes } = await ok('GetUser', { AccessToken: token });
    const sub = UserAttributes.find((a: { Name: string }) => a.Name === 'sub').Value;
    assert.equal(Buffer.from(options.user.id, 'base64url').toString('utf8'), sub, 'user.id is the sub');
    assert.deepEqual(options.excludeCredentials, []);
  });

  test('register, list, then the passkey is excluded from a new registration', async () => {
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const token = await accessToken('pk-main');
    const before = Math.floor(Date.now() / 1000);
    const id = await register(authenticator, token);
    const list = await ok('ListWebAuthnCredentials', { AccessToken: token });
    assert.deepEqual(list, {
      Credentials: [
        {
          CredentialId: id,
          RelyingPartyId: 'localhost',
          AuthenticatorAttachment: 'platform',
          AuthenticatorTransports: ['internal', 'hybrid'],
          CreatedAt: list.Credentials[0].CreatedAt,
        },
      ],
    });
    assert.ok(list.Credentials[0].CreatedAt >= before && list.Credentials[0].CreatedAt <= before + 5, 'CreatedAt is epoch seconds');
    const again = await ok('StartWebAuthnRegistration', { AccessToken: token });
    assert.deepEqual(again.CredentialCreationOptions.excludeCredentials, [{ id, type: 'public-key' }]);
    const factors = await ok('GetUserAuthFactors', { AccessToken: token });
    assert.ok(factors.ConfiguredUserAuthFactors.includes('WEB_AUTHN'));
  });

  test('refusals: no Start, used challenge, origin, relying party, app client, user verification', async () => {
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const token = await accessToken('pk-refusals');
    // Nothing started yet.
    const stray = authenticator.create({ challenge: 'AAAA', rp: { id: 'localhost' }, user: { id: 'AAAA' }, pubKeyCredParams: [{ alg: -7 }] });
    await fails('CompleteWebAuthnRegistration', { AccessToken: token, Credential: stray }, 'WebAuthnChallengeNotFoundException');

    const start = async () => (await ok('StartWebAuthnRegistration', { AccessToken: token })).CredentialCreationOptions;
    // Created at another site.
    let options = await start();
    await fails(
      'CompleteWebAuthnRegistration',
      { AccessToken: token, Credential: authenticator.create(options, { origin: 'https://evil.example' }) },
      'WebAuthnOriginNotAllowedException',
      'https://evil.example',
    );
    // http is only for loopback hosts.
    await fails(
      'CompleteWebAuthnRegistration',
      { AccessToken: token, Credential: authenticator.create(options, { origin: 'http://app.localhost' }) },
      'WebAuthnOriginNotAllowedException',
      'http://app.localhost',
    );
    // The browser's Origin header must be the origin the ceremony ran at.
    await fails(
      'CompleteWebAuthnRegistration',
      { AccessToken: token, Credential: authenticator.create(options) },
      'WebAuthnOriginNotAllowedException',
      'http://localhost:9999',
    );
    // Signed for another relying party.
    await fails(
      'CompleteWebAuthnRegistration',
      { AccessToken: token, Credential: authenticator.create(options, { rpId: 'example.com' }) },
      'WebAuthnRelyingPartyMismatchException',
    );
    // An answer to an older challenge.
    const stale = authenticator.create(options);
    options = await start();
    await fails('CompleteWebAuthnRegistration', { AccessToken: token, Credential: stale }, 'WebAuthnChallengeNotFoundException');
    // Started with one app client's token, completed with another's.
    const otherClientToken = await accessToken('pk-refusals', SECRET_CLIENT);
    await fails('CompleteWebAuthnRegistration', { AccessToken: otherClientToken, Credential: authenticator.create(options) }, 'WebAuthnClientMismatchException');
    // Not a credential at all.
    await fails('CompleteWebAuthnRegistration', { AccessToken: token, Credential: { hello: 'world' } }, 'InvalidParameterException');
    // Nothing was stored by any of that; a proper one still completes, once.
    assert.deepEqual((await ok('ListWebAuthnCredentials', { AccessToken: token })).Credentials, []);
    const good = authenticator.create(options);
    await ok('CompleteWebAuthnRegistration', { AccessToken: token, Credential: good });
    await fails('CompleteWebAuthnRegistration', { AccessToken: token, Credential: good }, 'WebAuthnChallengeNotFoundException');
    // A challenge expires.
    options = await start();
    await advanceClock(emulator().url, 6 * 60_000);
    try {
      await fails('CompleteWebAuthnRegistration', { AccessToken: token, Credential: authenticator.create(options) }, 'WebAuthnChallengeNotFoundException');
    } finally {
      await setClockOffset(emulator().url, 0);
    }
  });

  test('a pool requiring user verification refuses a passkey without it', async () => {
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const token = await accessToken('uv', UV_CLIENT);
    let { CredentialCreationOptions: options } = await ok('StartWebAuthnRegistration', { AccessToken: token });
    assert.equal(options.authenticatorSelection.userVerification, 'required');
    await fails(
      'CompleteWebAuthnRegistration',
      { AccessToken: token, Credential: authenticator.create(options, { noUserVerification: true }) },
      'WebAuthnCredentialNotSupportedException',
    );
    authenticator.credentials.length = 0;
    ({ CredentialCreationOptions: options } = await ok('StartWebAuthnRegistration', { AccessToken: token }));
    await ok('CompleteWebAuthnRegistration', { AccessToken: token, Credential: authenticator.create(options) });
    // Signing in needs UV too.
    const { session, options: request } = await passkeyChallenge('uv', UV_CLIENT);
    assert.equal(request.userVerification, 'required');
    await fails('RespondToAuthChallenge', answer('uv', session, authenticator.get(request, { noUserVerification: true }), UV_CLIENT), 'NotAuthorizedException');
    const retry = await passkeyChallenge('uv', UV_CLIENT);
    const signedIn = await ok('RespondToAuthChallenge', answer('uv', retry.session, authenticator.get(retry.options), UV_CLIENT));
    assert.ok(signedIn.AuthenticationResult.AccessToken);
  });
});

describe('sign-in with a passkey (USER_AUTH)', () => {
  const authenticator = new SoftwareAuthenticator(ORIGIN);
  let credentialId: string;

  before(async () => {
    await emulator.ready;
    credentialId = await register(authenticator, await accessToken('pk-select'));
  });

  // CREDENTIAL_REQUEST_OPTIONS as Amplify v6 captured Cognito's: packages/auth/__tests__/mockData.ts,
  // passkeyCredentialRequestOptions: '{"hints":[],"attestation":"none","attestationFormats":[],
  // "challenge":...,"timeout":180000,"rpId":...,"allowCredentials":[{"id":...,"type":"public-key"}],...}'.
  test('PREFERRED_CHALLENGE WEB_AUTHN: Cognito-shaped request options, then tokens', async () => {
    const { session, options } = await passkeyChallenge('pk-select');
    assert.deepEqual(Object.keys(options), ['hints', 'attestation', 'attestationFormats', 'challenge', 'timeout', 'rpId', 'allowCredentials', 'userVerification']);
    assert.deepEqual(options.hints, []);
    assert.equal(options.attestation, 'none');
    assert.deepEqual(options.attestationFormats, []);
    assert.match(options.challenge, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(options.timeout, 180000);
    assert.equal(options.rpId, 'localhost');
    assert.equal(options.userVerification, 'preferred');
    assert.deepEqual(options.allowCredentials, [{ id: credentialId, type: 'public-key' }]);
    const body = await ok('RespondToAuthChallenge', answer('pk-select', session, authenticator.get(options)));
    assert.deepEqual(body.ChallengeParameters, {});
    assert.ok(body.AuthenticationResult.AccessToken && body.AuthenticationResult.IdToken && body.AuthenticationResult.RefreshToken);
    await ok('GetUser', { AccessToken: body.AuthenticationResult.AccessToken });
  });

  test('SELECT_CHALLENGE offers WEB_AUTHN, and ANSWER WEB_AUTHN leads to tokens', async () => {
    const first = await ok('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: PUBLIC, AuthParameters: { USERNAME: 'pk-select' } });
    assert.equal(first.ChallengeName, 'SELECT_CHALLENGE');
    assert.ok(first.AvailableChallenges.includes('WEB_AUTHN'), JSON.stringify(first.AvailableChallenges));
    const chosen = await ok('RespondToAuthChallenge', {
      ClientId: PUBLIC,
      ChallengeName: 'SELECT_CHALLENGE',
      Session: first.Session,
      ChallengeResponses: { USERNAME: 'pk-select', ANSWER: 'WEB_AUTHN' },
    });
    assert.equal(chosen.ChallengeName, 'WEB_AUTHN');
    const options = JSON.parse(chosen.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
    const body = await ok('RespondToAuthChallenge', answer('pk-select', chosen.Session, authenticator.get(options)));
    assert.ok(body.AuthenticationResult.AccessToken);
  });

  test('a user with TOTP MFA is not asked for it after a passkey', async () => {
    const mfaAuthenticator = new SoftwareAuthenticator(ORIGIN);
    const password = await ok('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: PUBLIC, AuthParameters: { USERNAME: 'pk-totp', PASSWORD } });
    assert.equal(password.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    const { totpCode } = await import('../../emulator/totp.ts');
    const tokens = await ok('RespondToAuthChallenge', {
      ClientId: PUBLIC,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: password.Session,
      ChallengeResponses: { USERNAME: 'pk-totp', SOFTWARE_TOKEN_MFA_CODE: totpCode(TOTP_SECRET, Date.now()) },
    });
    await register(mfaAuthenticator, tokens.AuthenticationResult.AccessToken);
    const { session, options } = await passkeyChallenge('pk-totp');
    const body = await ok('RespondToAuthChallenge', answer('pk-totp', session, mfaAuthenticator.get(options)));
    assert.ok(body.AuthenticationResult.AccessToken, JSON.stringify(body));
  });

  test('a tampered signature, a wrong origin or a replayed assertion is NotAuthorizedException', async () => {
    let { session, options } = await passkeyChallenge('pk-select');
    const message = await fails('RespondToAuthChallenge', answer('pk-select', session, authenticator.get(options, { tamper: true })), 'NotAuthorizedException');
    assert.equal(message, 'Incorrect username or password.');
    // The session is spent by a failure.
    await fails('RespondToAuthChallenge', answer('pk-select', session, authenticator.get(options)), 'NotAuthorizedException');

    ({ session, options } = await passkeyChallenge('pk-select'));
    await fails(
      'RespondToAuthChallenge',
      answer('pk-select', session, authenticator.get(options, { origin: 'https://evil.example' })),
      'NotAuthorizedException',
      'https://evil.example',
    );

    ({ session, options } = await passkeyChallenge('pk-select'));
    const used = authenticator.get(options);
    await ok('RespondToAuthChallenge', answer('pk-select', session, used));
    // The same signed answer against a new challenge.
    ({ session } = await passkeyChallenge('pk-select'));
    await fails('RespondToAuthChallenge', answer('pk-select', session, used), 'NotAuthorizedException');
  });

  test('a user without passkeys is not offered WEB_AUTHN', async () => {
    const first = await ok('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: PUBLIC, AuthParameters: { USERNAME: 'pk-none' } });
    assert.equal(first.ChallengeName, 'SELECT_CHALLENGE');
    assert.ok(!first.AvailableChallenges.includes('WEB_AUTHN'));
    const preferred = await ok('InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: PUBLIC,
      AuthParameters: { USERNAME: 'pk-none', PREFERRED_CHALLENGE: 'WEB_AUTHN' },
    });
    assert.equal(preferred.ChallengeName, 'SELECT_CHALLENGE');
    await fails(
      'RespondToAuthChallenge',
      { ClientId: PUBLIC, ChallengeName: 'SELECT_CHALLENGE', Session: first.Session, ChallengeResponses: { USERNAME: 'pk-none', ANSWER: 'WEB_AUTHN' } },
      'InvalidParameterException',
    );
  });
});

describe('deletion', () => {
  test('a deleted passkey is no longer listed, offered or accepted', async () => {
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const token = await accessToken('pk-delete');
    const id = await register(authenticator, token);
    const { session, options } = await passkeyChallenge('pk-delete');
    assert.deepEqual(await ok('DeleteWebAuthnCredential', { AccessToken: token, CredentialId: id }), {});
    assert.deepEqual(await ok('ListWebAuthnCredentials', { AccessToken: token }), { Credentials: [] });
    await fails('DeleteWebAuthnCredential', { AccessToken: token, CredentialId: id }, 'ResourceNotFoundException');
    const first = await ok('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: PUBLIC, AuthParameters: { USERNAME: 'pk-delete' } });
    assert.ok(!first.AvailableChallenges.includes('WEB_AUTHN'));
    // A challenge issued before the deletion cannot be answered with the deleted key.
    await fails('RespondToAuthChallenge', answer('pk-delete', session, authenticator.get(options)), 'NotAuthorizedException');
  });
});

describe('AWS SDK v3', () => {
  test('the four actions parse with the service model', async () => {
    const sdk = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: emulator().url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const token = await accessToken('pk-sdk');
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const started = await sdk.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }));
    const options = started.CredentialCreationOptions as Record<string, any>;
    assert.equal(options.rp.id, 'localhost');
    // The SDK sends no Origin header (server-side use): the signed client data's origin is checked.
    const credential = authenticator.create(options);
    const completed = await sdk.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: credential }));
    assert.equal(completed.$metadata.httpStatusCode, 200);
    const listed = await sdk.send(new ListWebAuthnCredentialsCommand({ AccessToken: token, MaxResults: 1 }));
    assert.equal(listed.Credentials!.length, 1);
    const item: WebAuthnCredentialDescription = listed.Credentials![0];
    assert.equal(item.CredentialId, credential.id);
    assert.equal(item.RelyingPartyId, 'localhost');
    assert.ok(item.CreatedAt instanceof Date && Math.abs(item.CreatedAt.getTime() - Date.now()) < 60_000, `CreatedAt ${item.CreatedAt}`);
    assert.deepEqual(item.AuthenticatorTransports, ['internal', 'hybrid']);
    assert.equal(listed.NextToken, undefined);
    await sdk.send(new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: credential.id }));
    const after = await sdk.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }));
    assert.deepEqual(after.Credentials, []);
    await assert.rejects(sdk.send(new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: credential.id })), { name: 'ResourceNotFoundException' });
  });
});
