/** Registers <cognito-attributes>. Importing this module is the only side effect. */
import { define } from '../shared/define.ts';
import { CognitoAttributes } from './attributes.component.ts';

export { CognitoAttributes };
define('cognito-attributes', CognitoAttributes);

declare global {
  interface HTMLElementTagNameMap {
    'cognito-attributes': CognitoAttributes;
  }
}
