/** Strings shared by every element: buttons, fields, and Cognito's errors in the user's words. */
import { CognitoError, type CognitoElementsError, type CognitoErrorReason, NetworkError, type SignOutReason } from '../../core/index.ts';
import { defineMessages } from './localize.ts';

export const common = defineMessages({
  'common.username': 'Username',
  'common.email': 'Email',
  'common.phone': 'Phone number',
  'common.password': 'Password',
  'common.newPassword': 'New password',
  'common.confirmPassword': 'Confirm password',
  'common.showPassword': 'Show password',
  'common.code': 'Code',
  'common.continue': 'Continue',
  'common.cancel': 'Cancel',
  'common.verify': 'Verify',
  'common.resend': 'Send a new code',
  'common.codeSentTo': 'We sent a code to {destination}.',
  'common.codeSent': 'We sent you a code.',
  'common.signIn': 'Sign in',
  'common.backToSignIn': 'Back to sign in',
  'common.notConfigured': 'This form is not connected to a user pool: set user-pool-id and client-id, or the client property.',
  'common.signedOutElsewhere': 'You were signed out in another tab.',
  'policy.title': 'Your password must have:',
  'policy.minLength': 'at least {count} characters',
  'policy.lowercase': 'a lowercase letter',
  'policy.uppercase': 'an uppercase letter',
  'policy.number': 'a number',
  'policy.symbol': 'a symbol',
  'policy.met': 'met',
  'policy.notMet': 'not met',
  'policy.mismatch': 'The passwords do not match.',
  'error.generic': 'Something went wrong. Please try again.',
  'error.network': 'We could not reach the sign-in service. Check your connection and try again.',
  'error.malformed': 'The sign-in service sent an answer we could not read. Please try again.',
  'error.sessionExpired': 'This took too long and the sign-in expired. Please sign in again.',
  'error.signedOut': 'You are signed out. Please sign in again.',
  'error.PasskeyError': 'The passkey was not used: it was cancelled or took too long. Try again, or sign in another way.',
  'error.passkeyUnsupported': 'This browser cannot use passkeys. Sign in another way.',
  'error.NotAuthorizedException': 'Incorrect username or password.',
  'error.notAuthorized.disabled': 'This account is disabled.',
  'error.notAuthorized.attempts': 'Too many failed attempts. Please wait a moment and try again.',
  'error.notAuthorized.revoked': 'Your session has ended. Please sign in again.',
  'error.notAuthorized.tempExpired': 'Your temporary password has expired. Ask an administrator to reset it.',
  'error.UserNotFoundException': 'We could not find an account with that username.',
  'error.UserNotConfirmedException': 'This account is not confirmed yet.',
  'error.PasswordResetRequiredException': 'You need to reset your password.',
  'error.UsernameExistsException': 'An account with this username already exists.',
  'error.AliasExistsException': 'An account with this email or phone number already exists.',
  'error.InvalidPasswordException': 'This password does not meet the requirements.',
  'error.InvalidParameterException': 'Some of the information is not valid. Please check it and try again.',
  'error.CodeMismatchException': 'That code is not right. Please check it and try again.',
  'error.ConfigurationError': 'This form is not set up correctly. The browser console names the attribute to fix.',
  'error.unavailable': 'Sign-in is not available right now.',
  'error.ExpiredCodeException': 'That code has expired. Please ask for a new one.',
  'error.TooManyFailedAttemptsException': 'Too many wrong codes. Please ask for a new one.',
  'error.LimitExceededException': 'Too many attempts. Please wait a while and try again.',
  'error.TooManyRequestsException': 'Too many requests. Please wait a moment and try again.',
  'error.CodeDeliveryFailureException': 'We could not send the code. Please try again later.',
  'error.EnableSoftwareTokenMFAException': 'That code is not right. Check the time on your device and try again.',
  'error.InternalErrorException': 'The sign-in service had a problem. Please try again.',
});

export interface ShownError {
  code: string;
  /** The message key; translate with Localize#t. */
  key: string;
}

/** The message for a NotAuthorizedException's reason, where it is not the wrong password's. */
const NOT_AUTHORIZED: Partial<Record<CognitoErrorReason, string>> = {
  'user-disabled': 'error.notAuthorized.disabled',
  'too-many-attempts': 'error.notAuthorized.attempts',
  'access-token-expired': 'error.notAuthorized.revoked',
  'access-token-revoked': 'error.notAuthorized.revoked',
  'refresh-token-expired': 'error.notAuthorized.revoked',
  'refresh-token-revoked': 'error.notAuthorized.revoked',
  'temporary-password-expired': 'error.notAuthorized.tempExpired',
  'sign-in-expired': 'error.sessionExpired',
};

/** Which message to show for an error, from Cognito's code (and, for NotAuthorized, its reason). */
export function describeError(error: unknown): ShownError {
  const e = error as CognitoElementsError | undefined;
  const code = typeof e?.code === 'string' ? e.code : e instanceof Error ? e.name : 'Error';
  const notAuthorized = error instanceof CognitoError && code === 'NotAuthorizedException' && error.reason && NOT_AUTHORIZED[error.reason];
  if (notAuthorized) return { code, key: notAuthorized };
  if (code === 'SignInStateError' && (error as { sessionExpired?: boolean }).sessionExpired) return { code, key: 'error.sessionExpired' };
  // Cognito refused the app client or pool itself, or the endpoint this page: nothing the user can do (the console tells the page's author).
  const cause = (error as Error).cause;
  if (code === 'ConfigurationError' && (cause instanceof CognitoError || cause instanceof NetworkError)) return { code, key: 'error.unavailable' };
  if (code === 'NetworkError') return { code, key: 'error.network' };
  if (code === 'MalformedResponseError') return { code, key: 'error.malformed' };
  if (code === 'SignedOutError') return { code, key: 'error.signedOut' };
  if (code === 'PasskeyError' && (error as { reason?: string }).reason === 'unsupported') return { code, key: 'error.passkeyUnsupported' };
  if (`error.${code}` in common) return { code, key: `error.${code}` };
  return { code, key: 'error.generic' };
}

/**
 * What to tell users whose session ended without their asking here (it expired or was revoked, or
 * another tab signed out): the message key, or undefined when they signed out here themselves.
 */
export function signedOutNotice(reason: SignOutReason): string | undefined {
  return reason === 'expired' ? 'error.notAuthorized.revoked' : reason === 'other-tab' ? 'common.signedOutElsewhere' : undefined;
}
