/** Registers <cognito-new-password>. Importing this module is the only side effect. */
import { define } from '../shared/define.ts';
import { CognitoNewPassword } from './new-password.component.ts';

export { CognitoNewPassword };
define('cognito-new-password', CognitoNewPassword);

declare global {
  interface HTMLElementTagNameMap {
    'cognito-new-password': CognitoNewPassword;
  }
}
