/**
 * The strings of the custom fields and the phone country selector (custom-fields.ts), in English.
 * Pure data: custom-fields.ts registers them, and ../message-keys.ts makes their keys the ones
 * every translation has.
 */
export const customFieldMessages = {
  'customField.choose': 'Please choose one.',
  'customField.country': 'Country code',
  'customField.phone': 'Enter a phone number with 8 to 15 digits, including the country code.',
  'customField.tick': 'Please tick this box to continue.',
} as const;
