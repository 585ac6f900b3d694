// The reasons behind Cognito's refusals (src/core/error-reasons.ts), one test per message Cognito
// sends, as aws-jwt-verify tests one per failure mode: each made into a CognitoError the way the
// wire makes it, then its `reason` checked. Each message is Cognito's own wording, with where it is
// quoted; the local emulator (emulator/) sends the same words, which its own tests exercise.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CognitoError, type CognitoErrorReason } from '../../src/core/index.ts';

const refusal = (code: string, message: string) => new CognitoError(code, message, 400, undefined, false);

const CASES: { code: string; message: string; reason: CognitoErrorReason; source: string }[] = [
  {
    code: 'NotAuthorizedException',
    message: 'Incorrect username or password.',
    reason: 'wrong-username-or-password',
    source: 'InitiateAuth and RespondToAuthChallenge with a wrong password (amazon-cognito-identity-js#506, amplify-js#1234)',
  },
  { code: 'NotAuthorizedException', message: 'User is disabled.', reason: 'user-disabled', source: 'a disabled user (amazon-cognito-identity-js#373)' },
  {
    code: 'NotAuthorizedException',
    message: 'Password attempts exceeded',
    reason: 'too-many-attempts',
    source: 'the lockout after five failed sign-ins (developer guide, authentication flow; amazon-cognito-identity-js#479, amplify-js#9614)',
  },
  {
    code: 'NotAuthorizedException',
    message: 'Temporary password has expired and must be reset by an administrator.',
    reason: 'temporary-password-expired',
    source: "AdminCreateUser's temporary password past TemporaryPasswordValidityDays (amplify-js#1182, #9844)",
  },
  {
    code: 'NotAuthorizedException',
    message: 'Access Token has expired',
    reason: 'access-token-expired',
    source: 'any call with an access token past its exp (GetUser and the other token-authorized actions)',
  },
  {
    code: 'NotAuthorizedException',
    message: 'Access Token has been revoked',
    reason: 'access-token-revoked',
    source: 'a token-authorized action after GlobalSignOut or RevokeToken (developer guide, token revocation)',
  },
  {
    code: 'NotAuthorizedException',
    message: 'Refresh Token has expired',
    reason: 'refresh-token-expired',
    source: 'REFRESH_TOKEN_AUTH / GetTokensFromRefreshToken past the refresh token validity',
  },
  {
    code: 'NotAuthorizedException',
    message: 'Refresh Token has been revoked',
    reason: 'refresh-token-revoked',
    source: 'REFRESH_TOKEN_AUTH / GetTokensFromRefreshToken after RevokeToken or GlobalSignOut',
  },
  {
    code: 'NotAuthorizedException',
    message: 'Invalid session for the user, session is expired.',
    reason: 'sign-in-expired',
    source: "RespondToAuthChallenge after the app client's authentication flow session duration (3 minutes by default; amplify-js#13802)",
  },
  {
    code: 'NotAuthorizedException',
    message: 'Invalid session for the user, session can only be used once.',
    reason: 'sign-in-expired',
    source: 'RespondToAuthChallenge with a Session already answered',
  },
  {
    code: 'NotAuthorizedException',
    message: 'Client 1example23456789 is configured with secret but SECRET_HASH was not received',
    reason: 'client-secret-missing',
    source: 'a client with a secret and no SECRET_HASH (aws-amplify/amplify-android#2504)',
  },
  {
    code: 'ResourceNotFoundException',
    message: 'Device does not exist.',
    reason: 'device-not-found',
    source: 'a DEVICE_KEY Cognito forgot (ForgetDevice elsewhere, AdminForgetDevice), at sign-in or refresh',
  },
  {
    code: 'ResourceNotFoundException',
    message: 'User pool client 1example23456789 does not exist.',
    reason: 'client-not-found',
    source: 'a wrong client id or region (aws/aws-sdk-php#2183, aws-amplify/amplify-flutter#740)',
  },
  {
    code: 'ResourceNotFoundException',
    message: 'User pool eu-west-1_AbC123 does not exist.',
    reason: 'user-pool-not-found',
    source: 'an action naming a pool that does not exist',
  },
  {
    code: 'InvalidParameterException',
    message: 'USER_SRP_AUTH is not enabled for the client.',
    reason: 'flow-not-enabled',
    source: 'InitiateAuth with a flow the app client does not allow (aws-samples/aws-serverless-workshops#277)',
  },
  {
    code: 'InvalidParameterException',
    message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    reason: 'flow-not-enabled',
    source: 'the same, for USER_PASSWORD_AUTH (aws-samples/aws-serverless-workshops#277)',
  },
  {
    code: 'InvalidParameterException',
    message: 'Invalid email address format.',
    reason: 'invalid-email',
    source: 'SignUp or UpdateUserAttributes with an email Cognito refuses',
  },
  {
    code: 'InvalidParameterException',
    message: 'Invalid phone number format.',
    reason: 'invalid-phone',
    source: 'SignUp or UpdateUserAttributes with a phone number not in E.164',
  },
  {
    code: 'InvalidParameterException',
    message: 'Username should be either an email or a phone number.',
    reason: 'username-not-email-or-phone',
    source: 'SignUp on a pool whose usernames are email addresses or phone numbers',
  },
];

describe('the reason behind each Cognito message', () => {
  for (const { code, message, reason, source } of CASES) {
    test(`${code}: "${message}" is ${reason} (${source})`, () => {
      const error = refusal(code, message);
      assert.equal(error.reason, reason);
      // What it was already stays as it was.
      assert.equal(error.code, code);
      assert.equal(error.name, code);
      assert.equal(error.message, message);
    });
  }
});

test('every reason the type names has a message that gives it', () => {
  const covered = new Set(CASES.map((c) => c.reason));
  // The union, written out: tsc fails here when a reason is added to the type but not to this list.
  const all: Record<CognitoErrorReason, true> = {
    'wrong-username-or-password': true,
    'user-disabled': true,
    'too-many-attempts': true,
    'temporary-password-expired': true,
    'access-token-expired': true,
    'access-token-revoked': true,
    'refresh-token-expired': true,
    'refresh-token-revoked': true,
    'sign-in-expired': true,
    'client-secret-missing': true,
    'device-not-found': true,
    'client-not-found': true,
    'user-pool-not-found': true,
    'flow-not-enabled': true,
    'invalid-email': true,
    'invalid-phone': true,
    'username-not-email-or-phone': true,
  };
  assert.deepEqual([...covered].sort(), Object.keys(all).sort());
});

describe('no reason where the table knows none', () => {
  test('an unknown message under a known code', () => {
    assert.equal(refusal('NotAuthorizedException', 'Invalid Refresh Token').reason, undefined);
    assert.equal(refusal('ResourceNotFoundException', 'Session does not exist.').reason, undefined);
    assert.equal(
      refusal('InvalidParameterException', "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null").reason,
      undefined,
    );
  });

  test('a known message under another code is not read', () => {
    assert.equal(refusal('UserNotFoundException', 'User does not exist.').reason, undefined);
    assert.equal(refusal('LimitExceededException', 'Attempt limit exceeded, please try after some time.').reason, undefined);
    assert.equal(refusal('CodeMismatchException', 'Invalid session for the user.').reason, undefined);
  });

  test('a code that names a property of Object.prototype', () => {
    assert.equal(refusal('constructor', 'Device does not exist.').reason, undefined);
    assert.equal(refusal('__proto__', 'Incorrect username or password.').reason, undefined);
  });
});
