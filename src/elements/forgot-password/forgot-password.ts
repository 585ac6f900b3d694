/** Registers <cognito-forgot-password> (and <cognito-new-password>, which shows its code step). */
import '../new-password/new-password.ts';
import { define } from '../shared/define.ts';
import { CognitoForgotPassword } from './forgot-password.component.ts';

export { CognitoForgotPassword };
define('cognito-forgot-password', CognitoForgotPassword);

// Keeps the cognito-* event types (HTMLElementEventMap) with this entry point's declarations.
export type { CognitoEventDetails } from '../shared/events.ts';
// The types of its formFields and hooks properties.
export type { CustomField, FieldConfig, FormFields, FormValues, Hooks } from '../shared/form-fields.ts';

declare global {
  interface HTMLElementTagNameMap {
    'cognito-forgot-password': CognitoForgotPassword;
  }
}
