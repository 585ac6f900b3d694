/**
 * The strings of <cognito-forgot-password>, in English. Pure data: the module that shows them registers them
 * (registerMessages), and ../message-keys.ts makes their keys the ones every translation has.
 */
export const forgotPasswordMessages = {
  'forgotPassword.title': 'Reset your password',
  'forgotPassword.intro': 'Enter your username and we will send you a code to reset your password.',
  'forgotPassword.introEmail': 'Enter your email address and we will send you a code to reset your password.',
  'forgotPassword.introPhone': 'Enter your phone number and we will send you a code to reset your password.',
  'forgotPassword.submit': 'Send code',
  'forgotPassword.busy': 'Sending…',
} as const;
