/**
 * The DOM events the elements fire: prefixed `cognito-`, bubbling and composed, typed once here in
 * HTMLElementEventMap so `el.addEventListener('cognito-signed-in', e => e.detail.session)` is typed.
 * No detail carries a password, a code or a refresh token.
 */
import type { CodeDelivery, MfaType, Session, SignInStep, SignOutReason } from '../../core/index.ts';

export type NavigationTarget = 'sign-in' | 'sign-up' | 'forgot-password';

/**
 * A step as events carry it: SETUP_TOTP without its secret and URI, which stay on the step the app
 * asked for (client.currentStep, confirmSignIn's answer). A secret in an event detail reaches every
 * listener on the page, analytics and logging scripts included.
 */
export type ChallengeStep = Exclude<SignInStep, { step: 'SETUP_TOTP' }> | { step: 'SETUP_TOTP' };

export interface CognitoEventDetails {
  /**
   * Sign-in finished; the session (ID and access token, claims) the app asked for. `restored` is
   * true when it is the session stored from an earlier visit (or another tab), found on load.
   */
  'cognito-signed-in': { session: Session; restored?: boolean };
  /**
   * The session ended: `reason` is 'user' (signed out here), 'global' (signed out everywhere),
   * 'deleted' (the account was deleted), 'expired' (it could not be renewed) or 'other-tab'.
   */
  'cognito-signed-out': { reason: SignOutReason };
  /** The sign-in needs another step (MFA code, new password, ...): `step.step` names it (see ChallengeStep). */
  'cognito-challenge': { step: ChallengeStep };
  /**
   * Something failed; `code` is Cognito's (or the kit's) error code, `message` the text shown.
   * `field` names the input that is wrong (e.g. 'email', 'password'), when one is: its message is shown under it.
   */
  'cognito-error': { error: unknown; code: string; message: string; field?: string };
  /** A link asked to go to another part of the journey; cancel it to handle navigation yourself. */
  'cognito-navigate': { to: NavigationTarget; username?: string };
  /** A provider button was pressed; start the federated (hosted UI) sign-in for it. Cancelable. */
  'cognito-federated-sign-in': { provider: string };
  /**
   * The account was created. `userConfirmed` is false while it waits for its code, which was sent
   * where `delivery` says (masked, e.g. `j***@e***`).
   */
  'cognito-signed-up': { username: string; userConfirmed: boolean; delivery?: CodeDelivery };
  /** The sign-up code was right: the account is confirmed. */
  'cognito-sign-up-confirmed': { username: string };
  /** A code was sent (again): where (`delivery`, masked), and for which journey (`purpose`). */
  'cognito-code-sent': { delivery?: CodeDelivery; purpose: 'sign-up' | 'forgot-password' | 'verify-attribute' };
  /** A forgotten password was reset with its code; the user signs in with the new one. */
  'cognito-password-reset': { username: string };
  /** The signed-in user changed their password. No detail. */
  'cognito-password-changed': Record<string, never>;
  /** Attributes were saved: each changed name and its new value. */
  'cognito-attributes-updated': { attributes: Record<string, string> };
  /** An attribute (`email` or `phone_number`) was verified with its code. */
  'cognito-attribute-verified': { attribute: string };
  /** An optional attribute was removed from the user. */
  'cognito-attribute-deleted': { attribute: string };
  /** The user's MFA settings now: the types turned on, and the preferred one. */
  'cognito-mfa-changed': { enabled: MfaType[]; preferred?: MfaType };
  /** An authenticator app (TOTP) was set up and verified. No detail: the secret stays in the element. */
  'cognito-totp-set-up': Record<string, never>;
  /** A remembered device was forgotten: its Cognito device key. */
  'cognito-device-forgotten': { deviceKey: string };
  /** A passkey was registered for the user: its credential id (base64url). */
  'cognito-passkey-added': { credentialId: string };
  /** A passkey was deleted: its credential id (base64url). */
  'cognito-passkey-removed': { credentialId: string };
  /** The user deleted their account (a `cognito-signed-out` with reason 'deleted' follows). No detail. */
  'cognito-account-deleted': Record<string, never>;
  /** Escape in `<cognito-authenticator variation="modal">`: cancelable; `preventDefault()` keeps the dialog open. No detail. */
  'cognito-dismiss': Record<string, never>;
}

export type CognitoEventName = keyof CognitoEventDetails;

declare global {
  interface HTMLElementEventMap {
    'cognito-signed-in': CustomEvent<CognitoEventDetails['cognito-signed-in']>;
    'cognito-signed-out': CustomEvent<CognitoEventDetails['cognito-signed-out']>;
    'cognito-challenge': CustomEvent<CognitoEventDetails['cognito-challenge']>;
    'cognito-error': CustomEvent<CognitoEventDetails['cognito-error']>;
    'cognito-navigate': CustomEvent<CognitoEventDetails['cognito-navigate']>;
    'cognito-federated-sign-in': CustomEvent<CognitoEventDetails['cognito-federated-sign-in']>;
    'cognito-signed-up': CustomEvent<CognitoEventDetails['cognito-signed-up']>;
    'cognito-sign-up-confirmed': CustomEvent<CognitoEventDetails['cognito-sign-up-confirmed']>;
    'cognito-code-sent': CustomEvent<CognitoEventDetails['cognito-code-sent']>;
    'cognito-passkey-added': CustomEvent<CognitoEventDetails['cognito-passkey-added']>;
    'cognito-passkey-removed': CustomEvent<CognitoEventDetails['cognito-passkey-removed']>;
    'cognito-password-reset': CustomEvent<CognitoEventDetails['cognito-password-reset']>;
    'cognito-password-changed': CustomEvent<CognitoEventDetails['cognito-password-changed']>;
    'cognito-attributes-updated': CustomEvent<CognitoEventDetails['cognito-attributes-updated']>;
    'cognito-attribute-verified': CustomEvent<CognitoEventDetails['cognito-attribute-verified']>;
    'cognito-attribute-deleted': CustomEvent<CognitoEventDetails['cognito-attribute-deleted']>;
    'cognito-mfa-changed': CustomEvent<CognitoEventDetails['cognito-mfa-changed']>;
    'cognito-totp-set-up': CustomEvent<CognitoEventDetails['cognito-totp-set-up']>;
    'cognito-device-forgotten': CustomEvent<CognitoEventDetails['cognito-device-forgotten']>;
    'cognito-account-deleted': CustomEvent<CognitoEventDetails['cognito-account-deleted']>;
    'cognito-dismiss': CustomEvent<CognitoEventDetails['cognito-dismiss']>;
  }
}

/** Fires a kit event from `target`; returns false if a listener cancelled it. */
export function emit<K extends CognitoEventName>(target: EventTarget, name: K, detail: CognitoEventDetails[K], cancelable = false): boolean {
  if (name === 'cognito-challenge' && (detail as { step: ChallengeStep }).step.step === 'SETUP_TOTP') detail = { step: { step: 'SETUP_TOTP' } } as typeof detail;
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
}
