/** Registers <cognito-authenticator> (and the elements it uses). */
import '../forgot-password/forgot-password.ts';
import '../mfa/mfa.ts';
import '../new-password/new-password.ts';
import '../sign-in/sign-in.ts';
import '../sign-up/sign-up.ts';
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
