/**
 * @summary Choosing a new password, in one of two modes. By default it follows the sign-in: when
 * Cognito says the password was temporary (the NEW_PASSWORD step), it asks for a new one (with
 * the pool's required attributes the account lacks) and finishes the sign-in; otherwise it stays
 * hidden. With `mode="reset"` it completes a forgotten-password reset: the code that was sent,
 * and the new password.
 *
 * @example
 * ```html
 * <!-- Beside a <cognito-sign-in> with the same pool and client: the temporary-password step. -->
 * <cognito-new-password user-pool-id="eu-west-1_AbC123" client-id="1example23456789" password-policy="min-length:12 lowercase numbers"></cognito-new-password>
 * <!-- A reset, for a code Cognito already sent to this user. -->
 * <cognito-new-password mode="reset" username="jane@example.com" user-pool-id="eu-west-1_AbC123" client-id="1example23456789"></cognito-new-password>
 * ```
 *
 * @slot header - Shown above the form (a logo, a title): a child with `slot="header"`. It stays the
 *   element's own child (light DOM), kept across every re-render and step.
 * @slot footer - Shown below the form (a legal line, a help link): a child with `slot="footer"`.
 * @event cognito-signed-in - The sign-in finished after the new password (`detail.session`).
 * @event cognito-challenge - The sign-in needs yet another step (`detail.step`), e.g. MFA set-up.
 * @event cognito-password-reset - Reset mode: the password was reset (`detail.username`).
 * @event cognito-code-sent - Reset mode: a new code was sent (`detail.delivery`, purpose 'forgot-password').
 * @event cognito-navigate - "Sign in" / "Back to sign in" was used: `detail.to` is 'sign-in'. Cancelable.
 * @event cognito-error - A failure, shown next to the form as well.
 *
 * @cssproperty --cognito-accent - Buttons and links. See the README for every --cognito-* property.
 */
import { html, nothing, type PropertyValues } from 'lit';
import type { CodeDelivery, CognitoClient, SignInStep } from '../../core/index.ts';
import { CognitoElement } from '../shared/base.ts';
import { emit } from '../shared/events.ts';
import { codeField, errorRegion, heading, hiddenUsername, statusRegion } from '../shared/form.ts';
import type { FormFields, Hooks } from '../shared/form-fields.ts';
import { FormCustomization } from '../shared/form-customization.ts';
import { registerMessages, type TextKey } from '../shared/localize.ts';
import { newPasswordMessages } from './messages.ts';
import { readAttributes } from '../shared/attribute-fields.ts';
import { isStepOf, type StepOf } from '../shared/step-owner.ts';
import { PasswordFields } from '../shared/password-fields.ts';

registerMessages(newPasswordMessages);

export type NewPasswordMode = 'sign-in' | 'reset';
type NewPasswordStep = StepOf<'new-password'>;

/**
 * Sign-in mode: the NEW_PASSWORD step itself is the public `step`; `typedName` is what the user
 * typed into the <cognito-sign-in> that started it. Reset mode: the form, then the password reset.
 */
type State = { kind: 'sign-in'; typedName?: string } | { kind: 'reset' } | { kind: 'reset-done' };

export class CognitoNewPassword extends CognitoElement {
  static override properties = {
    ...CognitoElement.properties,
    mode: { reflect: true },
    username: {},
    code: {},
    passwordPolicy: { attribute: 'password-policy' },
    step: { attribute: false },
    delivery: { attribute: false },
    formFields: { attribute: 'form-fields', type: Object },
    hooks: { attribute: false },
    state: { state: true },
  };

  /**
   * 'sign-in' (default): the temporary-password step of a sign-in (NEW_PASSWORD). 'reset': a
   * forgotten-password reset (the code that was sent, and the new password). Reflected to the attribute.
   */
  declare mode: NewPasswordMode;
  /**
   * Reset mode: whose password is reset (without it, a username field is shown). Sign-in mode: the
   * account name password managers save the new password under, when the page knows it better.
   */
  declare username?: string;
  /** Reset mode: the code to put in the form (e.g. from a link in the email), for the user to submit. */
  declare code?: string;
  /**
   * The pool's password policy, shown as a checklist while the user types (a browser cannot read it
   * from Cognito): space-separated `min-length:<n>`, `lowercase`, `uppercase`, `numbers`, `symbols`,
   * or "none", e.g. "min-length:8 lowercase uppercase numbers". Without `min-length` the minimum is 8.
   * Without the attribute, Cognito's default (8 characters, all four kinds) is assumed.
   */
  declare passwordPolicy?: string;
  /**
   * Sign-in mode: the NEW_PASSWORD step being answered. Set from the client's current step (and
   * each step it announces); set it yourself only when you drive the client without the elements.
   */
  declare step?: NewPasswordStep;
  /** Reset mode: where the code was sent (from forgotPassword), shown above the code field. */
  declare delivery?: CodeDelivery;
  /**
   * The forms' fields as the page wants them (see FormFields): form `newPassword` (sign-in mode; its
   * `custom` fields are sent as attributes only, as RespondToAuthChallenge takes them) and
   * `resetPassword` (reset mode).
   * As the attribute `form-fields`: the same object as JSON, e.g.
   * `form-fields='{"resetPassword":{"fields":{"username":{"label":"Login"}}}}'` (JSON that does not parse is refused: the console names the attribute).
   */
  declare formFields?: FormFields;
  /** The page's `validate` and `transform` hooks for the forms `newPassword` and `resetPassword` (see Hooks). */
  declare hooks?: Hooks;
  declare private state: State;
  /** What the form's controllers use of the element: its strings and its ids. */
  readonly #forms = { t: (key: TextKey, params?: Record<string, string | number>) => this.t(key, params), idFor: (name: string) => this.idFor(name) };
  readonly #passwords = new PasswordFields(this, { ...this.#forms, policy: () => this.passwordPolicy });
  readonly #custom = new FormCustomization(this, {
    ...this.#forms,
    config: () => this.formFields?.[this.mode === 'reset' ? 'resetPassword' : 'newPassword'],
    lang: () => this.localize.lang,
  });

  constructor() {
    super();
    this.mode = 'sign-in';
    this.state = { kind: 'sign-in' };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('cognito-challenge', this.#onChallenge);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('cognito-challenge', this.#onChallenge);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('mode')) this.follow();
    if (changed.has('mode')) {
      if (changed.get('mode') !== undefined) this.#passwords.reset();
      if (this.mode === 'reset') this.state = { kind: 'reset' };
      else if (this.state.kind !== 'sign-in') this.state = { kind: 'sign-in' };
    }
    // Nothing to ask (sign-in mode with no temporary password pending): take no room on the page.
    this.hidden = this.mode !== 'reset' && !this.step;
  }

  /** Sign-in mode follows the client: the step it waits on now, and every step it announces. */
  protected override clientToFollow(): CognitoClient | undefined {
    return this.mode === 'reset' ? undefined : this.auth;
  }

  protected override clientChanged(auth: CognitoClient): void {
    this.#show(auth.currentStep);
  }

  protected override onClientStep(event: CustomEvent<{ step: SignInStep }>): void {
    this.#show(event.detail.step);
  }

  protected override onClientSignedOut(): void {
    this.#show(undefined);
  }

  #show(step: SignInStep | undefined): void {
    const next = step && isStepOf('new-password', step) ? step : undefined;
    if (next === this.step) return;
    if (next && !this.step) {
      this.errorText = '';
      this.#passwords.reset();
      this.moveFocus();
    }
    if (!next && this.state.kind === 'sign-in') this.state = { kind: 'sign-in' };
    this.step = next;
  }

  /**
   * Cognito's NEW_PASSWORD step does not name the account, but the <cognito-sign-in> that started
   * it knows what the user typed: take it from the challenge event that element fires.
   */
  #onChallenge = (event: Event) => {
    const { step } = (event as HTMLElementEventMap['cognito-challenge']).detail;
    if (this.mode === 'reset' || step !== this.auth?.currentStep) return;
    const source = event.composedPath()[0] as { username?: unknown };
    if (typeof source?.username === 'string' && source.username) this.state = { kind: 'sign-in', typedName: source.username };
  };

  /** The account the new password belongs to, as best known (for password managers). */
  get #accountName(): string {
    // What the user signs in with (as typed, e.g. an email alias) is what a password manager should
    // save; Cognito's own name for the user (often a UUID) only when nothing better is known.
    const step = this.step;
    const typed = this.state.kind === 'sign-in' ? this.state.typedName : undefined;
    return this.username ?? typed ?? step?.userAttributes.email ?? step?.userAttributes.phone_number ?? step?.username ?? '';
  }

  async #submitNewPassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const required = this.step?.requiredAttributes ?? [];
    if (this.invalid(form, [...this.#passwords.problems(form), ...this.#custom.problems(form)])) return;
    const password = await this.#passwords.accept(form);
    if (password === undefined) {
      this.errorText = '';
      return;
    }
    const typed = { password, ...readAttributes(form, required), ...(await this.#custom.values(form)) };
    const values = await this.vetted(form, this.hooks?.newPassword, typed);
    if (!values) return;
    const newPassword = String(values.password);
    const attributes: Record<string, string> = { ...(await this.#custom.sent(values)).attributes };
    for (const name of required) if (values[name]) attributes[name] = String(values[name]);
    const next = await this.run((auth, signal) => auth.confirmSignIn({ newPassword, attributes }, { signal }));
    if (!next) return;
    // The client announced the next step, so this form is already gone.
    if (next.step === 'DONE') emit(this, 'cognito-signed-in', { session: next.session });
    else emit(this, 'cognito-challenge', { step: next });
  }

  async #submitReset(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (this.invalid(form, this.#passwords.problems(form))) return;
    const password = await this.#passwords.accept(form);
    if (password === undefined) {
      this.errorText = '';
      return;
    }
    const typed = { username: (this.username || this.value(form, 'username')).trim(), code: this.value(form, 'code').trim(), password };
    const values = await this.vetted(form, this.hooks?.resetPassword, typed);
    if (!values) return;
    const [username, code, newPassword] = [values.username, values.code, values.password].map(String);
    const reset = await this.run(async (auth) => {
      await auth.confirmForgotPassword({ username, code, newPassword });
      return true;
    });
    if (!reset) return;
    this.username = username;
    this.state = { kind: 'reset-done' };
    this.#passwords.reset();
    this.moveFocus();
    emit(this, 'cognito-password-reset', { username });
  }

  async #resend(): Promise<void> {
    const username = (this.username || this.querySelector<HTMLInputElement>('input[name="username"]')?.value || '').trim();
    const sent = await this.run((auth, signal) => auth.forgotPassword({ username, signal }));
    if (!sent) return;
    this.delivery = sent.delivery ?? this.delivery;
    const destination = sent.delivery?.destination;
    this.statusText = destination ? this.t('common.codeSentTo', { destination }) : this.t('common.codeSent');
    emit(this, 'cognito-code-sent', { purpose: 'forgot-password', delivery: sent.delivery });
  }

  /** Sign-in mode: give up this sign-in (e.g. it expired) and go back to the sign-in form. */
  #abandon(): void {
    const username = this.#accountName || undefined;
    this.auth?.cancelSignIn();
    this.#show(undefined);
    emit(this, 'cognito-navigate', { to: 'sign-in', username }, true);
  }

  #toSignIn(): void {
    const username = (this.username || this.querySelector<HTMLInputElement>('input[name="username"]')?.value || '').trim() || undefined;
    emit(this, 'cognito-navigate', { to: 'sign-in', username }, true);
  }

  protected override render() {
    if (this.mode === 'reset') return this.state.kind === 'reset-done' ? this.#renderDone() : this.#renderReset();
    const step = this.step;
    if (!step) return nothing;
    return html`
      ${heading(this.t('newPassword.title'))}
      <p class="cognito-text">${this.t('newPassword.intro')}</p>
      <form class="cognito-form" aria-busy=${this.busy} @submit=${this.#submitNewPassword} @input=${this.#passwords.onInput} novalidate>
        ${hiddenUsername(this.#accountName)}
        ${this.#passwords.render({ autofocus: true, fields: this.formFields?.newPassword?.fields })}
        ${step.requiredAttributes.length ? html`<p class="cognito-hint">${this.t('newPassword.attributesIntro')}</p>` : nothing}
        ${this.#custom.ordered(this.#custom.attributeFields(step.requiredAttributes, () => true))}
        ${errorRegion(this.idFor('error'), this.errorText)}
        ${this.submit(this.t('newPassword.submit'), this.busy, this.t('newPassword.busy'))}
      </form>
      <div class="cognito-links">
        <button class="cognito-link" type="button" @click=${this.#abandon}>${this.t('common.backToSignIn')}</button>
      </div>
    `;
  }

  #renderReset() {
    const destination = this.delivery?.destination;
    return html`
      ${heading(this.t('newPassword.resetTitle'))}
      <p class="cognito-text">${destination ? this.t('common.codeSentTo', { destination }) : this.t('newPassword.resetIntro')}</p>
      <form class="cognito-form" aria-busy=${this.busy} @submit=${this.#submitReset} @input=${this.#passwords.onInput} novalidate>
        ${
          this.username
            ? hiddenUsername(this.username)
            : this.#custom.field({
                id: this.idFor('username'),
                name: 'username',
                label: this.t('common.username'),
                autocomplete: 'username',
                autofocus: true,
                dir: 'ltr',
              })
        }
        ${codeField({ id: this.idFor('code'), label: this.t('common.code'), value: this.code, autofocus: !!this.username, config: this.#custom.config('code') })}
        ${this.#passwords.render({ fields: this.formFields?.resetPassword?.fields })}
        ${errorRegion(this.idFor('error'), this.errorText)}
        ${this.submit(this.t('newPassword.resetSubmit'), this.busy, this.t('newPassword.busy'))}
      </form>
      ${statusRegion(this.idFor('status'), this.statusText)}
      <div class="cognito-links">
        <button class="cognito-link" type="button" ?disabled=${this.busy} @click=${this.#resend}>${this.t('common.resend')}</button>
        <button class="cognito-link" type="button" @click=${this.#toSignIn}>${this.t('common.backToSignIn')}</button>
      </div>
    `;
  }

  #renderDone() {
    return html`
      ${heading(this.t('newPassword.doneTitle'))}
      <p class="cognito-status" role="status">${this.t('newPassword.done')}</p>
      <div class="cognito-actions">
        <button class="cognito-button" type="button" @click=${this.#toSignIn}>${this.t('common.signIn')}</button>
      </div>
    `;
  }
}
