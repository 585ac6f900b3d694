/**
 * @summary The sign-in form: username (or email / phone number) and password, with links to
 * "forgot password" and "create account", and buttons for federated providers when configured.
 *
 * @example
 * ```html
 * <cognito-sign-in user-pool-id="eu-west-1_AbC123" client-id="1example23456789" username-attribute="email"></cognito-sign-in>
 * <cognito-mfa user-pool-id="eu-west-1_AbC123" client-id="1example23456789"></cognito-mfa>
 * <cognito-new-password user-pool-id="eu-west-1_AbC123" client-id="1example23456789"></cognito-new-password>
 * <script type="module">
 *   import 'cognito-elements';
 *   document.querySelector('cognito-sign-in').addEventListener('cognito-signed-in', (e) => console.log(e.detail.session.username));
 * </script>
 * ```
 *
 * @slot header - Shown above the form (a logo, a title): a child with `slot="header"`. It stays the
 *   element's own child (light DOM), kept across every re-render and step.
 * @slot footer - Shown below the form (a legal line, a help link): a child with `slot="footer"`.
 * @event cognito-signed-in - Sign-in finished: `detail.session`. Also on load, when the session stored
 *   from an earlier visit (or another tab) is still good: then `detail.restored` is true.
 * @event cognito-challenge - Another step is needed (`detail.step`); a <cognito-mfa> or
 *   <cognito-new-password> on the page (or <cognito-authenticator>) continues it.
 * @event cognito-navigate - A link was used: `detail.to` is 'forgot-password' or 'sign-up'. Cancelable.
 * @event cognito-federated-sign-in - A provider button was pressed: `detail.provider`. Cancelable; when
 *   not cancelled and `oauth-domain` and `redirect-uri` are set, the page goes to the hosted UI for
 *   that provider (finish with handleRedirectCallback from the core when it comes back).
 * @event cognito-error - A failure, shown next to the form as well.
 *
 * @cssproperty --cognito-accent - Buttons and links. See the README for every --cognito-* property.
 */
import { html, nothing } from 'lit';
import { type AuthFlow, type CognitoClient, ConfigurationError, type Session, type SignInStep, type SignOutReason } from '../../core/index.ts';
import { kit } from '../../core/kit.ts';
import { CognitoElement } from '../shared/base.ts';
import { emit, type NavigationTarget } from '../shared/events.ts';
import { errorRegion, field, heading, showPasswordToggle, signInName, type UsernameKind, usernameField } from '../shared/form.ts';
import { registerMessages } from '../shared/localize.ts';
import type { FormFields, Hooks } from '../shared/form-fields.ts';
import { signInMessages } from './messages.ts';
import { signedOutNotice } from '../shared/messages.ts';
import { continuesSignIn } from '../shared/step-owner.ts';

registerMessages(signInMessages);

export type { UsernameKind };

/** The form; nothing while a challenge form (mfa, new-password) continues the sign-in; or who is signed in. */
type State = { kind: 'form' } | { kind: 'challenge' } | { kind: 'done'; session: Session };

export class CognitoSignIn extends CognitoElement {
  static override properties = {
    ...CognitoElement.properties,
    usernameAttribute: { attribute: 'username-attribute' },
    authFlow: { attribute: 'auth-flow' },
    hideForgotPassword: { attribute: 'hide-forgot-password', type: Boolean },
    hideSignUp: { attribute: 'hide-sign-up', type: Boolean },
    passkeys: { type: Boolean },
    providers: {},
    oauthDomain: { attribute: 'oauth-domain' },
    redirectUri: { attribute: 'redirect-uri' },
    username: {},
    notice: { attribute: false },
    formFields: { attribute: 'form-fields', type: Object },
    hooks: { attribute: false },
    state: { state: true },
  };

  /**
   * What users sign in with: 'username' (default), 'email' or 'phone_number' (E.164, e.g.
   * "+14155550123"). Sets the field's label, type, keyboard and autocomplete.
   */
  declare usernameAttribute: UsernameKind;
  /**
   * A sign-in flow for this form only: 'USER_SRP_AUTH' (the default: the password never leaves the
   * page), 'USER_PASSWORD_AUTH', 'CUSTOM_AUTH', 'CUSTOM_AUTH_WITH_SRP' or 'USER_AUTH' (choice-based).
   * The app client must allow it.
   */
  declare authFlow?: AuthFlow;
  /** Hides the "Forgot your password?" link. */
  declare hideForgotPassword: boolean;
  /** Hides the "Create account" link (for pools where only administrators create users). */
  declare hideSignUp: boolean;
  /** Offers "Sign in with a passkey" (the user pool must allow passkeys; choice-based sign-in, USER_AUTH). */
  declare passkeys: boolean;
  /**
   * Space-separated identity providers to offer a button for, by their name in the user pool:
   * `Google`, `Facebook`, `SignInWithApple`, `LoginWithAmazon`, or a SAML/OIDC provider's name, e.g.
   * "Google Facebook". A button fires `cognito-federated-sign-in`; with `oauth-domain` and
   * `redirect-uri` it also goes to the hosted UI for that provider.
   */
  declare providers?: string;
  /**
   * The hosted UI's base URL, for the provider buttons: `https://<domain>.auth.<region>.amazoncognito.com`
   * or a custom domain. An `https:` URL (`http:` for a loopback host only); any other value is refused
   * on the console and nothing is opened.
   */
  declare oauthDomain?: string;
  /** Where the hosted UI sends the user back: exactly one of the app client's allowed callback URLs. */
  declare redirectUri?: string;
  /** A username to start with (e.g. after sign-up). */
  declare username?: string;
  /**
   * Why the user is back at this form when they did not sign out here (their session expired, or
   * another tab signed out): shown under the title, until they sign in again.
   */
  declare notice?: string;
  /**
   * The form's fields as the page wants them, form `signIn` (fields `username`, `password`): label,
   * placeholder, hint, required, hidden, value, autocomplete. See FormFields. As the attribute
   * `form-fields`: the same object as JSON, e.g. `form-fields='{"signIn":{"fields":{"username":{"label":"Login"}}}}'`
   * (JSON that does not parse is refused: the console names the attribute).
   */
  declare formFields?: FormFields;
  /** The page's `validate` and `transform` hooks for the form `signIn` (e.g. lower-case the username). See Hooks. */
  declare hooks?: Hooks;
  declare private state: State;

  constructor() {
    super();
    this.usernameAttribute = 'username';
    this.hideForgotPassword = false;
    this.hideSignUp = false;
    this.passkeys = false;
    this.state = { kind: 'form' };
  }

  // Following the client, so a sign-in finished elsewhere (another element, another tab) shows here.

  protected override clientChanged(auth: CognitoClient): void {
    // Compute the SRP ephemeral now, while the user types.
    auth.prepareSignIn();
    // Signed in already (before a reload, or in another tab): say so, and tell the app.
    auth.getSession().then(
      (session) => {
        if (this.state.kind !== 'form' || this.busy || this.listening !== auth) return;
        this.state = { kind: 'done', session };
        emit(this, 'cognito-signed-in', { session, restored: true });
      },
      () => undefined, // signed out: the form is what to show
    );
  }

  protected override onClientSignedIn(event: CustomEvent<{ session: Session }>): void {
    this.state = { kind: 'done', session: event.detail.session };
  }

  protected override onClientSignedOut(event: CustomEvent<{ reason: SignOutReason }>): void {
    // A session that ended without the user asking here (expired, revoked, another tab) says so,
    // and keeps the name they sign in with; after their own sign-out the form starts empty.
    const notice = signedOutNotice(event.detail.reason);
    this.notice = notice ? this.t(notice) : '';
    if (!notice) this.username = undefined;
    else if (!this.username && this.state.kind === 'done') this.username = signInName(this.state.session, this.usernameAttribute);
    this.state = { kind: 'form' };
    this.moveFocus();
  }

  protected override onClientStep(event: CustomEvent<{ step: SignInStep }>): void {
    // While a challenge form continues the sign-in this form stands aside; a step of another
    // journey (confirm the sign-up, reset the password) ends that sign-in, and this form is back.
    const { step } = event.detail;
    if (this.state.kind === 'challenge' && step.step !== 'DONE' && !continuesSignIn(step)) this.state = { kind: 'form' };
  }

  /** The sign-in was abandoned or expired in another form: offer this one again. */
  protected override onClientSignInCancelled(): void {
    if (this.state.kind !== 'challenge') return;
    this.state = { kind: 'form' };
    this.moveFocus();
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    this.notice = '';
    // Empty fields are said on the fields, not sent to Cognito (which answers with a generic refusal).
    if (this.invalid(form)) return;
    const hooks = this.hooks?.signIn;
    const typed = { username: this.value(form, 'username').trim(), password: this.value(form, 'password') };
    const values = hooks ? await this.vetted(form, hooks, typed) : typed;
    if (!values) return;
    const [username, password] = [values.username, values.password].map(String);
    await this.#signIn(username, (auth, signal) => auth.signIn({ username, password, authFlow: this.authFlow, signal }));
  }

  /** Choice-based sign-in asking for the user's passkey (a <cognito-mfa> on the page takes the step). */
  async #passkey(): Promise<void> {
    const input = this.querySelector<HTMLInputElement>('input[name="username"]');
    const username = (input?.value ?? '').trim();
    if (!username) {
      this.errorText = this.t('signIn.passkeyUsername');
      input?.focus();
      return;
    }
    await this.#signIn(username, (auth, signal) => auth.signIn({ username, authFlow: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN', signal }));
  }

  async #signIn(username: string, start: (auth: CognitoClient, signal: AbortSignal) => Promise<SignInStep>): Promise<void> {
    const step = await this.run(start);
    if (!step) return;
    this.username = username;
    if (step.step === 'DONE') {
      this.state = { kind: 'done', session: step.session };
      emit(this, 'cognito-signed-in', { session: step.session });
      return;
    }
    if (continuesSignIn(step)) this.state = { kind: 'challenge' };
    emit(this, 'cognito-challenge', { step });
  }

  #navigate(to: NavigationTarget): void {
    const username = (this.querySelector<HTMLInputElement>('input[name="username"]')?.value ?? '').trim() || undefined;
    emit(this, 'cognito-navigate', { to, username }, true);
  }

  #federated(provider: string): void {
    if (!emit(this, 'cognito-federated-sign-in', { provider }, true)) return;
    const { oauthDomain: domain, redirectUri } = this;
    // Imported on the click, so the element's own bundle does not carry the OAuth code.
    if (!domain || !redirectUri) return;
    void this.run(async (auth) => {
      try {
        return await (await import('../../core/oauth-start.ts')).signInWithRedirect(kit, auth, { provider, domain, redirectUri });
      } catch (error) {
        // oauth-domain="javascript:..." (or any URL that is not https) is refused before anything is stored or opened.
        if (error instanceof ConfigurationError) this.attributeError('oauth-domain', error);
        throw error;
      }
    });
  }

  protected override render() {
    const state = this.state;
    if (state.kind === 'challenge') return nothing;
    if (state.kind === 'done') {
      const name = String(state.session.claims.email ?? state.session.username);
      return html`${heading(this.t('signIn.title'))}<p class="cognito-status" role="status">${this.t('signIn.signedInAs', { name })}</p>`;
    }
    const kind = this.usernameAttribute;
    const providers = (this.providers ?? '').split(/\s+/).filter(Boolean);
    return html`
      ${heading(this.t('signIn.title'))}
      ${this.notice ? html`<p class="cognito-text cognito-notice" role="status">${this.notice}</p>` : nothing}
      ${
        providers.length
          ? html`<div class="cognito-actions">
              ${providers.map(
                (p) => html`<button class="cognito-button cognito-button--secondary" type="button" @click=${() => this.#federated(p)}>
                  ${this.t('signIn.withProvider', { provider: p })}
                </button>`,
              )}
            </div>
            <p class="cognito-text">${this.t('signIn.or')}</p>`
          : nothing
      }
      <form class="cognito-form" aria-busy=${this.busy} @submit=${this.#submit} novalidate>
        ${usernameField({ id: this.idFor('username'), kind, label: (key) => this.t(key), value: this.username, config: this.formFields?.signIn?.fields?.username })}
        ${field({ id: this.idFor('password'), name: 'password', label: this.t('common.password'), type: 'password', autocomplete: 'current-password', config: this.formFields?.signIn?.fields?.password })}
        ${showPasswordToggle(this.t('common.showPassword'))}
        ${errorRegion(this.idFor('error'), this.errorText)}
        ${this.submit(this.t('signIn.submit'), this.busy, this.t('signIn.busy'))}
        ${
          this.passkeys
            ? html`<button class="cognito-button cognito-button--secondary" type="button" data-passkey ?disabled=${this.busy} @click=${this.#passkey}>
              ${this.t('signIn.passkey')}
            </button>`
            : nothing
        }
      </form>
      ${
        this.hideForgotPassword && this.hideSignUp
          ? nothing
          : html`<div class="cognito-links">
            ${
              this.hideForgotPassword
                ? nothing
                : html`<button class="cognito-link" type="button" @click=${() => this.#navigate('forgot-password')}>${this.t('signIn.forgotPassword')}</button>`
            }
            ${
              this.hideSignUp
                ? nothing
                : html`<button class="cognito-link" type="button" @click=${() => this.#navigate('sign-up')}>${this.t('signIn.createAccount')}</button>`
            }
          </div>`
      }
    `;
  }
}
