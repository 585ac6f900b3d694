/** Registers <cognito-attributes>. Importing this module is the only side effect. */
import { define } from '../shared/define.ts';
import { CognitoAttributes } from './attributes.component.ts';

export { CognitoAttributes };
define('cognito-attributes', CognitoAttributes);

// Keeps the cognito-* event types (HTMLElementEventMap) with this entry point's declarations.
export type { CognitoEventDetails } from '../shared/events.ts';

declare global {
  interface HTMLElementTagNameMap {
    'cognito-attributes': CognitoAttributes;
  }
}
