/**
 * The strings of <cognito-authenticator>, in English. Pure data: the module that shows them registers them
 * (registerMessages), and ../message-keys.ts makes their keys the ones every translation has.
 */
export const authenticatorMessages = {
  'authenticator.loading': 'Checking whether you are signed in…',
  'authenticator.loadingView': 'Loading…',
  'authenticator.retry': 'Try again',
  'authenticator.viewFailed': 'This step could not be loaded. Check your connection, then try again or reload the page.',
} as const;
