/**
 * cognito-elements: registers every element. Import single elements from their own modules
 * (e.g. `cognito-elements/elements/sign-in`) to ship only what a page uses.
 */
export { CognitoAccount } from './account/account.ts';
export { CognitoAttributes } from './attributes/attributes.ts';
export { CognitoAuthenticator } from './authenticator/authenticator.ts';
export { CognitoForgotPassword } from './forgot-password/forgot-password.ts';
export { CognitoMfa } from './mfa/mfa.ts';
export { CognitoNewPassword } from './new-password/new-password.ts';
export { CognitoSignIn } from './sign-in/sign-in.ts';
export { CognitoSignUp } from './sign-up/sign-up.ts';
export { configureClients, sharedClient } from './shared/client-registry.ts';
export { setMessages, registerLocale, localeReady } from './shared/localize.ts';
export type { MessageKey, MessageOverrides } from './shared/localize.ts';
export type { ChallengeStep, CognitoEventDetails, CognitoEventName } from './shared/events.ts';
export { InvalidFieldError } from './shared/field-errors.ts';
export type {
  CustomField,
  CustomFieldTarget,
  FieldConfig,
  FieldErrors,
  FormConfig,
  FormFields,
  FormHooks,
  FormName,
  FormValues,
  Hooks,
} from './shared/form-fields.ts';
