/**
 * The strings of <cognito-new-password>, in English. Pure data: the module that shows them registers them
 * (registerMessages), and ../message-keys.ts makes their keys the ones every translation has.
 */
export const newPasswordMessages = {
  'newPassword.title': 'Choose a new password',
  'newPassword.intro': 'Your password was temporary. Choose a new one to finish signing in.',
  'newPassword.attributesIntro': 'We also need a few details about you.',
  'newPassword.submit': 'Set password',
  'newPassword.busy': 'Saving…',
  'newPassword.resetTitle': 'Reset your password',
  'newPassword.resetIntro': 'Enter the code we sent you and choose a new password.',
  'newPassword.resetSubmit': 'Reset password',
  'newPassword.doneTitle': 'Password changed',
  'newPassword.done': 'Your password has been changed. You can sign in with it now.',
} as const;
