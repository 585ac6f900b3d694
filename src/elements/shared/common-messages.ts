/**
 * The strings every element shares, in English: buttons, fields, and the
 * errors a form can show before any request (or on its first render); the other errors' texts
 * load when a request is first sent (error-messages.ts). Pure data: the module that shows them registers them
 * (registerMessages), and ../message-keys.ts makes their keys the ones every translation has.
 */
export const commonMessages = {
  'common.username': 'Username',
  'common.email': 'Email',
  'common.phone': 'Phone number',
  'common.password': 'Password',
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
  'error.generic': 'Something went wrong. Please try again.',
  'error.signedOut': 'You are signed out. Please sign in again.',
  'error.notAuthorized.revoked': 'Your session has ended. Please sign in again.',
  'error.InvalidPasswordException': 'This password does not meet the requirements.',
  'error.ConfigurationError': 'This form is not set up correctly. The browser console names the attribute to fix.',
} as const;
