/**
 * The strings of <cognito-sign-in>, in English. Pure data: the module that shows them registers them
 * (registerMessages), and ../message-keys.ts makes their keys the ones every translation has.
 */
export const signInMessages = {
  'signIn.title': 'Sign in',
  'signIn.submit': 'Sign in',
  'signIn.busy': 'Signing in…',
  'signIn.forgotPassword': 'Forgot your password?',
  'signIn.createAccount': 'Create an account',
  'signIn.withProvider': 'Sign in with {provider}',
  'signIn.or': 'or',
  'signIn.passkey': 'Sign in with a passkey',
  'signIn.passkeyUsername': 'Enter the name you sign in with, then choose “Sign in with a passkey”.',
  'signIn.signedInAs': 'Signed in as {name}.',
} as const;
