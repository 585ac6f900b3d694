/**
 * The labels of the user-attribute fields (sign-up, and new password at the first sign-in), in
 * English. Pure data: the module that shows them registers them (registerMessages), and
 * ../message-keys.ts makes their keys the ones every translation has.
 */
export const attributeMessages = {
  'signUp.attribute.name': 'Full name',
  'signUp.attribute.given_name': 'First name',
  'signUp.attribute.family_name': 'Last name',
  'signUp.attribute.middle_name': 'Middle name',
  'signUp.attribute.nickname': 'Nickname',
  'signUp.attribute.preferred_username': 'Preferred username',
  'signUp.attribute.email': 'Email',
  'signUp.attribute.phone_number': 'Phone number',
  'signUp.attribute.birthdate': 'Date of birth',
  'signUp.attribute.address': 'Address',
  'signUp.attribute.gender': 'Gender',
  'signUp.attribute.locale': 'Language',
  'signUp.attribute.zoneinfo': 'Time zone',
  'signUp.attribute.website': 'Website',
  'signUp.attribute.profile': 'Profile page',
  'signUp.attribute.picture': 'Picture (web address)',
  'signUp.optional': '{label} (optional)',
  'signUp.phoneHint': 'Include the country code, for example +14155550100.',
} as const;
