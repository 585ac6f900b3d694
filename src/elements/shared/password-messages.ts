/**
 * The strings of the forms that set a password, in English: the new password fields and the
 * policy checklist. Pure data: password-policy.ts, which every such form uses, registers them.
 */
export const passwordMessages = {
  'common.newPassword': 'New password',
  'common.confirmPassword': 'Confirm password',
  'policy.title': 'Your password must have:',
  'policy.minLength': 'at least {count} characters',
  'policy.lowercase': 'a lowercase letter',
  'policy.uppercase': 'an uppercase letter',
  'policy.number': 'a number',
  'policy.symbol': 'a symbol',
  'policy.met': 'met',
  'policy.notMet': 'not met',
  'policy.mismatch': 'The passwords do not match.',
} as const;
