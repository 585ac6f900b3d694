/**
 * What is wrong with a field, said under it, in English. Pure data: the module that shows them
 * registers them (registerMessages), and ../message-keys.ts makes their keys the ones every
 * translation has.
 */
export const fieldMessages = {
  'field.email': 'Enter an email address, for example name@example.com.',
  'field.invalid': 'This value is not accepted. Please check it.',
  'field.passwordSpaces': 'A password cannot begin or end with a space.',
  'field.phone': 'Enter the phone number with a plus sign and the country code, for example +14155550100.',
  'field.required': 'Please fill in this field.',
  'field.tooLong': 'This is too long: use at most {max} characters.',
  'field.tooShort': 'This is too short: use at least {min} characters.',
} as const;
