/**
 * Whether a failed refresh means the session is over, and the SignedOutError that says so; loaded
 * only when a refresh fails. The refusals that end it are those Amplify v6's TokenOrchestrator
 * (isAuthenticationError) clears the tokens on; anything else (offline, throttled, 5xx) keeps the
 * session for a later try. The error class comes in as a parameter: a value import from the core
 * would split errors.ts out of the core bundle into a shared chunk.
 */
import type { SignedOutError } from './errors.ts';

const SESSION_ENDED = /^(NotAuthorized|RefreshTokenReuse|UserNotFound|TokenRevoked|PasswordResetRequired|UserNotConfirmed)Exception$/;

export function sessionEnded(error: unknown, Ended: typeof SignedOutError): SignedOutError | undefined {
  const code = (error as { code?: unknown })?.code;
  // A CognitoError has a status; our own errors (NetworkError...) have codes that match nothing here.
  if (typeof code !== 'string' || !SESSION_ENDED.test(code) || typeof (error as { status?: unknown }).status !== 'number') return undefined;
  return new Ended(
    // Reuse of a rotated-out token: an earlier refresh reached Cognito but its answer never came
    // back, and the app client's RetryGracePeriodSeconds (0 to 60) had passed.
    code === 'RefreshTokenReuseException'
      ? 'A refresh answer was lost and the rotated refresh token can no longer be used: sign in again.'
      : 'The session has expired or was revoked: sign in again.',
    { cause: error },
  );
}
