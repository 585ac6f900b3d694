/**
 * The strings of <cognito-sign-up>, in English. Pure data: the module that shows them registers them
 * (registerMessages), and ../message-keys.ts makes their keys the ones every translation has.
 */
export const signUpMessages = {
  'signUp.title': 'Create an account',
  'signUp.submit': 'Create account',
  'signUp.busy': 'Creating your account…',
  'signUp.haveAccount': 'Already have an account?',
  'signUp.confirmTitle': 'Confirm your account',
  'signUp.confirmIntro': 'Enter the confirmation code we sent you.',
  'signUp.confirmSubmit': 'Confirm',
  'signUp.confirmBusy': 'Confirming…',
  'signUp.doneTitle': 'Account confirmed',
  'signUp.done': 'Your account is ready. You can sign in now.',
  'signUp.signedIn': 'Your account is ready and you are signed in.',
} as const;
