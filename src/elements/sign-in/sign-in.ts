/** Registers <cognito-sign-in>. Importing this module is the only side effect. */
import { define } from '../shared/define.ts';
import { CognitoSignIn } from './sign-in.component.ts';

export { CognitoSignIn };
define('cognito-sign-in', CognitoSignIn);

// Keeps the cognito-* event types (HTMLElementEventMap) with this entry point's declarations.
export type { CognitoEventDetails } from '../shared/events.ts';
// The types of its formFields and hooks properties.
export type { CustomField, FieldConfig, FormFields, FormValues, Hooks } from '../shared/form-fields.ts';

declare global {
  interface HTMLElementTagNameMap {
    'cognito-sign-in': CognitoSignIn;
  }
}
