/** Registers <cognito-mfa>. Importing this module is the only side effect. */
import { define } from '../shared/define.ts';
import { CognitoMfa } from './mfa.component.ts';

export { CognitoMfa };
export type { MfaMode } from './mfa.component.ts';
define('cognito-mfa', CognitoMfa);

// Keeps the cognito-* event types (HTMLElementEventMap) with this entry point's declarations.
export type { CognitoEventDetails } from '../shared/events.ts';

declare global {
  interface HTMLElementTagNameMap {
    'cognito-mfa': CognitoMfa;
  }
}
