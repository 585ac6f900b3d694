import { expect } from '@open-wc/testing';
import { CognitoError, NetworkError } from '../../core/index.ts';
import { fieldOfError } from './error-texts.ts';
import { loadErrorTexts } from './messages.ts';

// The module takes what it needs of the page's code from its loader.
before(() => loadErrorTexts());

const refusal = (code: string, message: string) => new CognitoError(code, message, 400, undefined, false);

// Cognito's InvalidParameterException messages name the field and the reason; each maps onto that
// field. The messages as real pools send them, with where they were seen.
describe('fieldOfError', () => {
  const cases: [string, string, string, { field: string; key: string; params?: Record<string, number> } | undefined][] = [
    // emulator/model.ts validateAttributes, as SignUp / UpdateUserAttributes answer.
    ['InvalidParameterException', 'Invalid email address format.', 'email', { field: 'email', key: 'field.email' }],
    ['InvalidParameterException', 'Invalid phone number format.', 'phone', { field: 'phone_number', key: 'field.phone' }],
    // aws-amplify/amplify-flutter#509 (one line per attribute); furaiev/amazon-cognito-identity-dart-2#89 ("the attribute is required").
    [
      'InvalidParameterException',
      'Attributes did not conform to the schema: email: The attribute is required\n',
      'required',
      { field: 'email', key: 'field.required' },
    ],
    [
      'InvalidParameterException',
      'Attributes did not conform to the schema: email: the attribute is required',
      'required, lower case',
      { field: 'email', key: 'field.required' },
    ],
    [
      'InvalidParameterException',
      'Attributes did not conform to the schema: name: String must be no longer than 2048 characters\n',
      'too long',
      { field: 'name', key: 'field.tooLong', params: { max: 2048 } },
    ],
    [
      'InvalidParameterException',
      'Attributes did not conform to the schema: custom:plan: String must be no shorter than 3 characters',
      'too short',
      { field: 'custom:plan', key: 'field.tooShort', params: { min: 3 } },
    ],
    // massif-press/compcon#1951: a sensitive member's value is not echoed ("Value at 'username'").
    [
      'InvalidParameterException',
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
      'username pattern',
      { field: 'username', key: 'field.invalid' },
    ],
    [
      'InvalidParameterException',
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$",
      'password pattern',
      { field: 'password', key: 'field.passwordSpaces' },
    ],
    [
      'InvalidParameterException',
      "1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null",
      'null',
      { field: 'username', key: 'field.required' },
    ],
    // aws-amplify/aws-sdk-android#1402: NEW_PASSWORD_REQUIRED without a required attribute.
    ['InvalidParameterException', 'Invalid attributes given, name is missing', 'challenge attribute', { field: 'name', key: 'field.required' }],
    [
      'InvalidPasswordException',
      'Password did not conform with policy: Password not long enough',
      'policy',
      { field: 'password', key: 'error.InvalidPasswordException' },
    ],
    ['UsernameExistsException', 'User already exists', 'taken', { field: 'username', key: 'error.UsernameExistsException' }],
    ['InvalidParameterException', 'Cannot modify the non-mutable attribute sub', 'no field it could show', undefined],
    ['NotAuthorizedException', 'Incorrect username or password.', 'not a field', undefined],
  ];
  for (const [code, message, what, expected] of cases) {
    it(`${code}: ${what}`, () => {
      expect(fieldOfError(refusal(code, message))).to.deep.equal(expected);
    });
  }

  it('only for Cognito refusals', () => {
    expect(fieldOfError(new NetworkError('Invalid email address format.'))).to.equal(undefined);
  });
});
