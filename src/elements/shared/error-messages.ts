/**
 * Cognito's errors (and the kit's own) in the user's words, in English: only needed once a request
 * fails, so they load on demand with error-texts.ts, which registers them (registerMessages);
 * ../message-keys.ts makes their keys the ones every translation has. Pure data.
 */
export const errorMessages = {
  'error.network': 'We could not reach the sign-in service. Check your connection and try again.',
  'error.malformed': 'The sign-in service sent an answer we could not read. Please try again.',
  'error.sessionExpired': 'This took too long and the sign-in expired. Please sign in again.',
  'error.PasskeyError': 'The passkey was not used: it was cancelled or took too long. Try again, or sign in another way.',
  'error.passkeyUnsupported': 'This browser cannot use passkeys. Sign in another way.',
  'error.NotAuthorizedException': 'Incorrect username or password.',
  'error.notAuthorized.disabled': 'This account is disabled.',
  'error.notAuthorized.attempts': 'Too many failed attempts. Please wait a moment and try again.',
  'error.notAuthorized.tempExpired': 'Your temporary password has expired. Ask an administrator to reset it.',
  'error.UserNotFoundException': 'We could not find an account with that username.',
  'error.UserNotConfirmedException': 'This account is not confirmed yet.',
  'error.PasswordResetRequiredException': 'You need to reset your password.',
  'error.UsernameExistsException': 'An account with this username already exists.',
  'error.AliasExistsException': 'An account with this email or phone number already exists.',
  'error.InvalidParameterException': 'Some of the information is not valid. Please check it and try again.',
  'error.CodeMismatchException': 'That code is not right. Please check it and try again.',
  'error.unavailable': 'Sign-in is not available right now.',
  'error.ExpiredCodeException': 'That code has expired. Please ask for a new one.',
  'error.TooManyFailedAttemptsException': 'Too many wrong codes. Please ask for a new one.',
  'error.LimitExceededException': 'Too many attempts. Please wait a while and try again.',
  'error.TooManyRequestsException': 'Too many requests. Please wait a moment and try again.',
  'error.CodeDeliveryFailureException': 'We could not send the code. Please try again later.',
  'error.EnableSoftwareTokenMFAException': 'That code is not right. Check the time on your device and try again.',
  'error.InternalErrorException': 'The sign-in service had a problem. Please try again.',
} as const;
