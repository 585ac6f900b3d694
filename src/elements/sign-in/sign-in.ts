/** Registers <cognito-sign-in>. Importing this module is the only side effect. */
import { define } from '../shared/define.ts';
import { CognitoSignIn } from './sign-in.component.ts';

export { CognitoSignIn };
define('cognito-sign-in', CognitoSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'cognito-sign-in': CognitoSignIn;
  }
}
