/**
 * Registers <cognito-account>, and <cognito-mfa> which it uses to set up an authenticator app.
 * Importing this module is the only side effect.
 */
import { define } from '../shared/define.ts';
import '../mfa/mfa.ts';
import { CognitoAccount } from './account.component.ts';

export { CognitoAccount };
define('cognito-account', CognitoAccount);

// Keeps the cognito-* event types (HTMLElementEventMap) with this entry point's declarations.
export type { CognitoEventDetails } from '../shared/events.ts';

declare global {
  interface HTMLElementTagNameMap {
    'cognito-account': CognitoAccount;
  }
}
