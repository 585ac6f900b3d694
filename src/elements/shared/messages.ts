/** Strings shared by every element: buttons, fields, and Cognito's errors in the user's words. */
import { CognitoError, type CognitoElementsError, type CognitoErrorReason, NetworkError, type SignOutReason } from '../../core/index.ts';
import { isKeyOf, type MessageKey, registerMessages } from './localize.ts';
import { commonMessages } from './common-messages.ts';

registerMessages(commonMessages);

export interface ShownError {
  code: string;
  /** The message key; translate with Localize#t. */
  key: MessageKey;
}

/** The message for a NotAuthorizedException's reason, where it is not the wrong password's. */
const NOT_AUTHORIZED: Partial<Record<CognitoErrorReason, MessageKey>> = {
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
  const key = `error.${code}`;
  if (isKeyOf(commonMessages, key)) return { code, key };
  return { code, key: 'error.generic' };
}

/**
 * What to tell users whose session ended without their asking here (it expired or was revoked, or
 * another tab signed out): the message key, or undefined when they signed out here themselves.
 */
export function signedOutNotice(reason: SignOutReason): MessageKey | undefined {
  return reason === 'expired' ? 'error.notAuthorized.revoked' : reason === 'other-tab' ? 'common.signedOutElsewhere' : undefined;
}
