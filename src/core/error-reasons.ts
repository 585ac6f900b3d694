/**
 * Why Cognito refused, where its exception name alone does not say: NotAuthorizedException covers a
 * wrong password, a disabled user, a locked account, dead tokens and an expired sign-in;
 * ResourceNotFoundException a forgotten device as well as a wrong app client. Cognito's message is
 * the only place that tells them apart, so it is read once, here, when the error is made
 * (CognitoError#reason), and everything else switches on the reason.
 *
 * The messages are Cognito's own, as AWS's clients and their users quote them (sources in
 * test/node/error-reasons.test.ts, one test per message). The patterns are loose on purpose (case,
 * trailing full stop, the ids Cognito puts in), and tried in order: the first match wins.
 */
export type CognitoErrorReason =
  /** "Incorrect username or password." (also for a user who does not exist, when the client hides that). */
  | 'wrong-username-or-password'
  /** "User is disabled." */
  | 'user-disabled'
  /** "Password attempts exceeded": locked for a while after failed sign-ins. */
  | 'too-many-attempts'
  /** "Temporary password has expired and must be reset by an administrator." */
  | 'temporary-password-expired'
  /** "Access Token has expired" */
  | 'access-token-expired'
  /** "Access Token has been revoked" (signed out elsewhere, or by an admin). */
  | 'access-token-revoked'
  /** "Refresh Token has expired" */
  | 'refresh-token-expired'
  /** "Refresh Token has been revoked" */
  | 'refresh-token-revoked'
  /** "Invalid session for the user, session is expired." (the sign-in's 3 to 15 minutes ran out, or the session was used). */
  | 'sign-in-expired'
  /** "Client … is configured with secret but SECRET_HASH was not received" */
  | 'client-secret-missing'
  /** "USER_SRP_AUTH is not enabled for the client." / "USER_PASSWORD_AUTH flow not enabled for this client" */
  | 'flow-not-enabled'
  /** ResourceNotFoundException "Device does not exist." */
  | 'device-not-found'
  /** ResourceNotFoundException "User pool client … does not exist." */
  | 'client-not-found'
  /** ResourceNotFoundException "User pool … does not exist." */
  | 'user-pool-not-found'
  /** InvalidParameterException "Invalid email address format." */
  | 'invalid-email'
  /** InvalidParameterException "Invalid phone number format." */
  | 'invalid-phone'
  /** InvalidParameterException "Username should be either an email or a phone number." */
  | 'username-not-email-or-phone';

/** Cognito's exception name, a pattern of its message, and what that means; tried in order. */
const REASONS: [code: string, message: RegExp, reason: CognitoErrorReason][] = [
  ['NotAuthorizedException', /^incorrect username or password/i, 'wrong-username-or-password'],
  ['NotAuthorizedException', /disabled/i, 'user-disabled'],
  ['NotAuthorizedException', /attempts exceeded/i, 'too-many-attempts'],
  ['NotAuthorizedException', /temporary password/i, 'temporary-password-expired'],
  ['NotAuthorizedException', /access token has expired/i, 'access-token-expired'],
  ['NotAuthorizedException', /access token has been revoked/i, 'access-token-revoked'],
  ['NotAuthorizedException', /refresh token has expired/i, 'refresh-token-expired'],
  ['NotAuthorizedException', /refresh token has been revoked/i, 'refresh-token-revoked'],
  ['NotAuthorizedException', /configured with secret/i, 'client-secret-missing'],
  // Last: only the sign-in's own session is left to mention one.
  ['NotAuthorizedException', /session/i, 'sign-in-expired'],
  ['ResourceNotFoundException', /device/i, 'device-not-found'],
  // "User pool client X does not exist." before "User pool X does not exist."
  ['ResourceNotFoundException', /client/i, 'client-not-found'],
  ['ResourceNotFoundException', /user pool/i, 'user-pool-not-found'],
  ['InvalidParameterException', /not enabled for (the|this) client/i, 'flow-not-enabled'],
  ['InvalidParameterException', /invalid email address/i, 'invalid-email'],
  ['InvalidParameterException', /invalid phone number/i, 'invalid-phone'],
  ['InvalidParameterException', /either an email or a phone number/i, 'username-not-email-or-phone'],
];

/** The reason behind Cognito's exception `code` with `message`, or undefined when the table knows none. */
export function reasonOf(code: string, message: string): CognitoErrorReason | undefined {
  return REASONS.find(([c, pattern]) => c === code && pattern.test(message))?.[2];
}
