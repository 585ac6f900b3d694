/** Registers <cognito-new-password>. Importing this module is the only side effect. */
import { define } from '../shared/define.ts';
import { CognitoNewPassword } from './new-password.component.ts';

export { CognitoNewPassword };
define('cognito-new-password', CognitoNewPassword);

// Keeps the cognito-* event types (HTMLElementEventMap) with this entry point's declarations.
export type { CognitoEventDetails } from '../shared/events.ts';
// The types of its formFields and hooks properties.
export type { CustomField, FieldConfig, FormFields, FormValues, Hooks } from '../shared/form-fields.ts';

declare global {
  interface HTMLElementTagNameMap {
    'cognito-new-password': CognitoNewPassword;
  }
}
