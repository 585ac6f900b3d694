/**
 * Registers <cognito-authenticator> and its first view, <cognito-sign-in>; the elements of the
 * other steps it registers as they load (on demand, prefetched: see views.ts).
 */
import '../sign-in/sign-in.ts';
import { define } from '../shared/define.ts';
import { CognitoAuthenticator } from './authenticator.component.ts';

export { CognitoAuthenticator };
define('cognito-authenticator', CognitoAuthenticator);

// Keeps the cognito-* event types (HTMLElementEventMap) with this entry point's declarations.
export type { CognitoEventDetails } from '../shared/events.ts';

declare global {
  interface HTMLElementTagNameMap {
    'cognito-authenticator': CognitoAuthenticator;
  }
}
