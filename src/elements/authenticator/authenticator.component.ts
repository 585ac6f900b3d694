/**
 * @summary One drop-in element for the whole journey: sign in, every challenge (MFA, new password,
 * custom), sign up with confirmation, forgotten password; once signed in it shows the app content
 * placed inside it, and goes back to the sign-in form when the user signs out (here or in another tab).
 *
 * @example
 * ```html
 * <cognito-authenticator id="auth" user-pool-id="eu-west-1_AbC123" client-id="1example23456789" sign-up-attributes="email name">
 *   <main>Only signed-in users see this. <button id="sign-out">Sign out</button></main>
 * </cognito-authenticator>
 * <script type="module">
 *   import 'cognito-elements/elements/authenticator';
 *   const auth = document.querySelector('#auth');
 *   auth.addEventListener('cognito-signed-in', (e) => console.log('signed in', e.detail.session.username, e.detail.restored));
 *   document.querySelector('#sign-out').addEventListener('click', () => auth.client.signOut());
 * </script>
 * ```
 *
 * @slot header - Shown above the form of every view while signed out (a logo, a title): a child with
 *   `slot="header"`. It stays the element's own child (with `variation="modal"`, a child of its dialog), kept
 *   across every re-render and view change.
 * @slot footer - Shown below the form of every view while signed out (a legal line, a help link).
 * @slot sign-in-header - Above one view's form only: `<view>-header` and `<view>-footer` for the views
 *   sign-in, sign-up, confirm-sign-up, forgot-password, mfa and new-password (e.g. `slot="sign-up-footer"`).
 *   The view shown is reflected as the `current-view` attribute (also "loading" and "signed-in"), for CSS.
 * @slot - The app's content: hidden until the user is signed in. While signed in the element carries
 *   the `signed-in` attribute (style with `cognito-authenticator[signed-in]`); its forms render into a
 *   `div.cognito-authenticator-ui` of their own, so the content stays as the app rendered it.
 *
 * @event cognito-signed-in - Bubbles up from the inner forms: `detail.session`. Also on load, when a
 *   stored session (from before a reload, or another tab) is used: then `detail.restored` is true.
 * @event cognito-signed-out - The user signed out (`detail.reason`).
 * @event cognito-challenge - Each intermediate step.
 * @event cognito-error - Every failure shown by the inner forms.
 * @event cognito-dismiss - With `variation="modal"`: Escape was pressed. Cancelable: `preventDefault()`
 *   keeps the dialog open (a page that cannot be used signed out); otherwise it closes and `open` is false.
 *
 * @cssproperty --cognito-max-width - Width of the forms (default 24rem).
 * @cssproperty --cognito-backdrop - With `variation="modal"`: what covers the page behind the dialog (default rgb(0 0 0 / 0.5)).
 */
import { html, nothing, type PropertyValues } from 'lit';
import type { CognitoClient, Session, SignOutReason } from '../../core/index.ts';
import { CognitoElement } from '../shared/base.ts';
import { type ChallengeStep, emit, type NavigationTarget } from '../shared/events.ts';
import { registerMessages } from '../shared/localize.ts';
import { authenticatorMessages } from './messages.ts';
import { signedOutNotice } from '../shared/messages.ts';
import { signInName, type UsernameKind } from '../shared/form.ts';
import type { FormFields, Hooks } from '../shared/form-fields.ts';
import { stepOwner, type StepOwner } from '../shared/step-owner.ts';
import { addStyles } from '../shared/styles.ts';
import { frameStyles, slottedRules } from './frame.ts';
import { viewForm } from './forms.ts';
import { loadView, ownerOf, prefetchViews, type View, viewCode, whenIdle } from './views.ts';
import type { Routing, ShowRoute, UrlRoutes } from './routing.ts';

registerMessages(authenticatorMessages);
addStyles(frameStyles);

/**
 * An attribute for a setting that is on by default: `auto-sign-in="false"` turns it off; present with
 * any other value, or removed, it is on. (A Boolean attribute could only turn on what is already on.)
 */
const onUnlessFalse = { fromAttribute: (value: string | null) => value?.trim().toLowerCase() !== 'false' };

export class CognitoAuthenticator extends CognitoElement {
  static override properties = {
    ...CognitoElement.properties,
    initialView: { attribute: 'initial-view' },
    usernameAttribute: { attribute: 'username-attribute' },
    signUpAttributes: { attribute: 'sign-up-attributes' },
    passwordPolicy: { attribute: 'password-policy' },
    hideSignUp: { attribute: 'hide-sign-up', type: Boolean },
    autoSignIn: { attribute: 'auto-sign-in', converter: onUnlessFalse },
    providers: {},
    passkeys: { type: Boolean },
    rememberDevice: { attribute: 'remember-device' },
    formFields: { attribute: 'form-fields', type: Object },
    hooks: { attribute: false },
    routing: {},
    variation: { reflect: true },
    open: { converter: onUnlessFalse },
    view: { state: true },
  };

  /** What a signed-out visitor sees first: 'sign-in' (default) or 'sign-up'. */
  declare initialView: 'sign-in' | 'sign-up';
  /**
   * What users sign in with: 'username' (default), 'email' or 'phone_number'. Passed to the sign-in,
   * sign-up and forgot-password forms (see <cognito-sign-in>).
   */
  declare usernameAttribute: UsernameKind;
  /**
   * The attributes the sign-up form asks for: space-separated Cognito attribute names, standard
   * (`email`, `phone_number`, `name`, `given_name`, `family_name`, `birthdate`, ...) or `custom:<name>`,
   * e.g. "email name custom:plan". Default "email". Every one is required (see <cognito-sign-up>).
   */
  declare signUpAttributes?: string;
  /**
   * The pool's password policy, shown as a checklist: space-separated `min-length:<n>`, `lowercase`,
   * `uppercase`, `numbers`, `symbols` (or "none"), e.g. "min-length:12 lowercase numbers". Without it,
   * Cognito's default (8 characters, all four kinds) is assumed.
   */
  declare passwordPolicy?: string;
  /** Hides "Create account" on the sign-in form (for pools where only administrators create users). */
  declare hideSignUp: boolean;
  /**
   * Sign in right after a sign-up is confirmed: on by default; `auto-sign-in="false"` (or
   * `el.autoSignIn = false`) turns it off, and the user signs in with the new password themselves.
   */
  declare autoSignIn: boolean;
  /**
   * Space-separated identity providers for the sign-in form's buttons, e.g. "Google Facebook" (see
   * <cognito-sign-in>). The authenticator has no `oauth-domain`: handle `cognito-federated-sign-in`.
   */
  declare providers?: string;
  /** Offers "Sign in with a passkey" on the sign-in form (the user pool must allow passkeys). */
  declare passkeys: boolean;
  /** "Remember this device" in the MFA code steps: 'ask' (default), 'always' or 'never' (see <cognito-mfa>). */
  declare rememberDevice: 'ask' | 'always' | 'never';
  /**
   * The fields of every form it shows, keyed by form (`signIn`, `signUp`, `confirmSignUp`, `newPassword`,
   * `forgotPassword`, `resetPassword`, `mfaCode`, `totpSetup`): labels, placeholders, hints, order, required, hidden, default
   * values, autocomplete, and sign-up's extra fields. Handed to each inner form; see FormFields and
   * <cognito-sign-up>. As the attribute `form-fields`: the same object as JSON.
   */
  declare formFields?: FormFields;
  /** The page's hooks, keyed by form as `formFields` (`validate`, `transform`, sign-up's `call`); handed to each inner form. See Hooks. */
  declare hooks?: Hooks;
  /**
   * Reflects the view in the URL, so Back returns to the previous view and a view can be linked:
   * 'none' (default), 'hash' (`#/sign-up`) or 'query' (`?cognito-view=sign-up`). Views: sign-in, sign-up,
   * confirm-sign-up, forgot-password; confirm-sign-up and forgot-password also take a username and code
   * (`#/confirm-sign-up?username=jane&code=123456`, or `cognito-username` / `cognito-code`), opening the
   * confirm or reset form prefilled. The URL's view wins over `initial-view`; once signed in it is removed.
   */
  declare routing: Routing;
  /**
   * 'default': the forms in the page, where the element is. 'modal': in a native <dialog> over the page
   * while signed out (the rest of the page inert, focus kept in it), with the header and footer; Escape
   * fires a cancelable `cognito-dismiss` and, unless prevented, closes it (`open` turns false).
   */
  declare variation?: 'default' | 'modal';
  /**
   * With `variation="modal"`: whether the dialog shows (while signed out); true by default, `open="false"`
   * to start closed. Escape sets it to false; set it to true to show the dialog again (a "Sign in" button).
   */
  declare open: boolean;
  declare private view: View;
  /** The modal's dialog, loaded on demand with variation="modal". */
  #modal?: Promise<import('./modal.ts').ModalFrame | void>;
  /** A code from a deep link, for the form it opened (until the view changes). */
  #code?: string;
  /** The URL logic, loaded on demand: only with `routing` set (so the default costs the first view nothing). */
  #routes?: UrlRoutes;
  #username?: string;
  #container?: HTMLDivElement;
  #childAnnounced = false;
  /** Why the user is back at the sign-in form, when they did not sign out here: shown until they act. */
  #notice = '';
  /** Whether the other views' code was asked for already (prefetched once, on the first trigger). */
  #prefetched = false;

  constructor() {
    super();
    this.initialView = 'sign-in';
    this.usernameAttribute = 'username';
    this.hideSignUp = false;
    this.autoSignIn = true;
    this.passkeys = false;
    this.rememberDevice = 'ask';
    this.view = 'loading';
    this.routing = 'none';
    this.open = true;
    this.addEventListener('cognito-navigate', (e) => this.#onNavigate(e));
    this.addEventListener('cognito-challenge', (e) => this.#onChallenge(e.detail.step));
    this.addEventListener('cognito-signed-in', (e) => {
      if (e.target !== this) this.#childAnnounced = true;
      // Kept for the sign-in form, should this session end without the user signing out here.
      const typed = (e.target as { username?: unknown }).username;
      this.#username = typeof typed === 'string' && typed ? typed : signInName(e.detail.session, this.usernameAttribute);
      this.#show('signed-in');
    });
    this.addEventListener('cognito-password-reset', (e) => {
      this.#username = e.detail.username;
    });
    // The user is at the form: fetch the other steps' code now, while they type (or look for a link).
    this.addEventListener('input', () => this.#prefetch());
    this.addEventListener('focusin', (e) => {
      if ((e.target as Element).closest?.('.cognito-link')) this.#prefetch();
    });
    // Signing in again answers the notice.
    this.addEventListener('submit', () => {
      if (this.#notice) {
        this.#notice = '';
        this.requestUpdate();
      }
    });
  }

  /**
   * The forms render into a container of their own, so the app's children (the signed-in content)
   * stay exactly as the app (or its framework) rendered them; CSS hides one or the other.
   */
  protected override createRenderRoot(): HTMLElement {
    this.#container ??= Object.assign(document.createElement('div'), { className: 'cognito-authenticator-ui' });
    if (this.#container.parentNode !== this) this.prepend(this.#container);
    // The page's header and footer children stay around the container (shared/slots.ts).
    this.slotFrame = { start: this.#container, end: this.#container };
    return this.#container;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Removed by the page (a framework clearing the element): put back. In the modal's dialog it is in place.
    if (this.#container && !this.contains(this.#container)) this.prepend(this.#container);
    this.#routes?.listen(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#routes?.listen(false);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.toggleAttribute('signed-in', this.view === 'signed-in');
    this.setAttribute('current-view', this.view);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // #frame cannot fail: a modal that does not load leaves the forms in the page.
    if (this.variation === 'modal' || this.#modal) void this.#frame();
  }

  /** Puts the forms in the modal's dialog (or back in the page), and opens or closes it as the state says. */
  async #frame(): Promise<void> {
    this.#modal ??= import('./modal.ts').then(
      (m) =>
        new m.ModalFrame(
          this,
          this.#container!,
          addStyles,
          slottedRules('.cognito-authenticator-dialog > '),
          () => !!ownerOf(this.view),
          () => {
            this.requestUpdate();
            this.moveFocus();
          },
        ),
      (error: unknown) => {
        // Offline: the forms stay usable in the page (and the next change of variation tries again).
        console.error('<cognito-authenticator> variation="modal" could not load:', error);
        this.variation = 'default';
        this.#modal = undefined;
      },
    );
    (await this.#modal)?.sync();
  }

  protected override clientChanged(auth: CognitoClient): void {
    // A stored session (from before a reload, or another tab) goes straight to the app.
    this.view = 'loading';
    // The sign-up form as the first view loads while the session is checked.
    if (this.initialView === 'sign-up') loadView('sign-up').catch(() => {});
    auth.getSession().then(
      (session) => {
        // The app learns of it as of any sign-in (after the listeners a page adds as it loads).
        if (this.view !== 'signed-in') emit(this, 'cognito-signed-in', { session, restored: true });
        this.#show('signed-in');
      },
      async () => {
        const first = this.initialView === 'sign-up' ? 'sign-up' : 'sign-in';
        // With routing, the URL's view is the first one (and a failed load of its code falls back to initial-view).
        const routes = await this.#loadRoutes();
        if (routes) routes.start(first);
        else this.#show(first, 'keep');
      },
    );
  }

  /**
   * The client signed in (through one of the inner forms, or in another tab). The switch waits a
   * task, so the inner form that finished can still fire its own events from inside the page;
   * when no inner form announced it, the authenticator does.
   */
  protected override onClientSignedIn(event: CustomEvent<{ session: Session }>): void {
    this.#childAnnounced = false;
    setTimeout(() => {
      if (!this.#childAnnounced && this.view !== 'signed-in') emit(this, 'cognito-signed-in', { session: event.detail.session });
      this.#show('signed-in');
    });
  }

  protected override onClientSignedOut(event: CustomEvent<{ reason: SignOutReason }>): void {
    const { reason } = event.detail;
    const shown = this.view;
    this.#show('sign-in', 'replace');
    if (shown === 'signed-in') emit(this, 'cognito-signed-out', { reason });
    // Signed in when the page loaded, so the URL logic was not needed until now.
    void this.#loadRoutes();
    // Also while loading: a stored session (from the last visit) that could not be renewed.
    const notice = shown === 'signed-in' || shown === 'loading' ? signedOutNotice(reason) : undefined;
    if (notice) this.#notice = this.t(notice);
    // After their own sign-out the form starts empty (a shared computer); otherwise it keeps their name.
    else if (shown === 'signed-in') this.#username = undefined;
  }

  /** The URL logic, with routing set (loaded once; undefined without routing, or when it could not load). */
  async #loadRoutes(): Promise<UrlRoutes | undefined> {
    if (this.routing !== 'none')
      this.#routes ??= await import('./routing.ts').then(
        (m) => new m.UrlRoutes(this, () => this.view, this.#showRoute),
        () => undefined,
      );
    return this.#routes;
  }

  /** A view the URL asked for, with the username and code a link prefilled. */
  readonly #showRoute: ShowRoute = (view, url, username, code) => {
    if (username) this.#username = username;
    this.#show(view, url, code);
  };

  /** Switches to `view`; with routing, a user's step is pushed to the URL (`url`), signing in removes the route. */
  #show(view: View, url: 'push' | 'replace' | 'keep' = 'push', code?: string): void {
    if (view !== 'sign-in') this.#notice = '';
    if (view === 'signed-in') this.#routes?.write(undefined, 'replace');
    else if (url !== 'keep') this.#routes?.write(view, url);
    if (this.view === view && !code) return;
    if (view === 'signed-in') this.#keepFocus();
    this.#code = code;
    this.view = view;
    this.requestUpdate();
    this.moveFocus();
    const owner = ownerOf(view);
    if (!owner) return;
    if (viewCode(owner) !== 'ready') this.#load(owner);
    // Once a form is shown, the others follow when the browser has nothing else to do.
    if (!this.#prefetched) whenIdle(() => this.#prefetch());
  }

  /**
   * The user signed in here: their form goes, and the focus with it. Unless the page (or the modal's
   * dialog, returning it to where it was) put it somewhere, it goes to the element, at the start of the
   * app's content, not the body. A session restored as the page loads moves no focus.
   */
  #keepFocus(): void {
    const lost = (focused = document.activeElement) => !focused || focused === document.body;
    // In its form, or already lost (a busy form's disabled button drops it); the page's own focus stays.
    if (this.view === 'loading' || !(lost() || this.#container?.contains(document.activeElement))) return;
    setTimeout(() => {
      if (this.view !== 'signed-in' || !lost()) return;
      this.tabIndex = -1;
      this.focus();
    });
  }

  #prefetch(): void {
    if (this.#prefetched) return;
    this.#prefetched = true;
    prefetchViews();
  }

  /** The view's code was not there yet (or failed to load): render again, focus on the form, once it arrives or fails. */
  #load(owner: StepOwner): void {
    const settled = () => {
      if (ownerOf(this.view) !== owner) return;
      this.requestUpdate();
      this.moveFocus();
    };
    loadView(owner).then(settled, settled);
    this.requestUpdate();
  }

  #onNavigate(event: CustomEvent<{ to: NavigationTarget; username?: string }>): void {
    // Inside the authenticator, links switch views instead of leaving the page.
    event.preventDefault();
    if (event.detail.username) this.#username = event.detail.username;
    this.#show(event.detail.to);
  }

  #onChallenge(step: ChallengeStep): void {
    const owner = stepOwner(step);
    if (owner === 'sign-in') return; // DONE: the signed-in event switches to the app
    // Another journey's form (confirm the sign-up, reset the password) starts from the account's name.
    if ((owner === 'sign-up' || owner === 'forgot-password') && 'username' in step) this.#username = step.username;
    this.#show(owner === 'sign-up' ? 'confirm-sign-up' : owner);
  }

  protected override render() {
    if (this.view === 'loading') return html`<p class="cognito-text" role="status">${this.t('authenticator.loading')}</p>`;
    const owner = ownerOf(this.view);
    if (!owner) return nothing;
    switch (viewCode(owner)) {
      case 'ready':
        return viewForm(this.view, this, { client: this.auth, username: this.#username, notice: this.#notice, code: this.#code });
      case 'loading':
        return html`<p class="cognito-text" role="status" data-view-loading>${this.t('authenticator.loadingView')}</p>`;
      case 'failed':
        return html`<div class="cognito-form">
          <p class="cognito-error" role="alert">${this.t('authenticator.viewFailed')}</p>
          <button class="cognito-button" type="button" data-autofocus @click=${() => this.#load(owner)}>${this.t('authenticator.retry')}</button>
        </div>`;
    }
  }
}
