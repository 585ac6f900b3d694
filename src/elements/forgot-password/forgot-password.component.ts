/**
 * @summary "Forgot your password?": asks for the username (or email / phone number), has Cognito
 * send a code, then shows a <cognito-new-password mode="reset"> for the code and the new password
 * (with "Send a new code" and "Back to sign in").
 *
 * @example
 * ```html
 * <cognito-forgot-password
 *   user-pool-id="eu-west-1_AbC123"
 *   client-id="1example23456789"
 *   username-attribute="email"
 *   password-policy="min-length:12 lowercase uppercase numbers"
 * ></cognito-forgot-password>
 * ```
 *
 * @slot header - Shown above the form (a logo, a title): a child with `slot="header"`. It stays the
 *   element's own child (light DOM), kept across every re-render and step.
 * @slot footer - Shown below the form (a legal line, a help link): a child with `slot="footer"`.
 * @event cognito-code-sent - The code was sent: `detail.delivery` says where (purpose 'forgot-password').
 * @event cognito-password-reset - The password was reset (`detail.username`); fired by the inner
 *   <cognito-new-password>, and bubbles out of this element.
 * @event cognito-navigate - "Back to sign in" / "Sign in" was used: `detail.to` is 'sign-in'. Cancelable.
 * @event cognito-error - A failure, shown next to the form as well.
 *
 * @cssproperty --cognito-accent - Buttons and links. See the README for every --cognito-* property.
 */
import { html, type PropertyValues } from 'lit';
import type { CodeDelivery } from '../../core/index.ts';
import { CognitoElement } from '../shared/base.ts';
import { emit } from '../shared/events.ts';
import { errorRegion, heading, type UsernameKind, usernameField } from '../shared/form.ts';
import { registerMessages } from '../shared/localize.ts';
import type { FormFields, Hooks } from '../shared/form-fields.ts';
import { forgotPasswordMessages } from './messages.ts';
import { phoneHintKey } from '../shared/attribute-fields.ts';

registerMessages(forgotPasswordMessages);

export class CognitoForgotPassword extends CognitoElement {
  static override properties = {
    ...CognitoElement.properties,
    usernameAttribute: { attribute: 'username-attribute' },
    username: {},
    code: {},
    startAt: { attribute: 'start-at' },
    passwordPolicy: { attribute: 'password-policy' },
    formFields: { attribute: 'form-fields', type: Object },
    hooks: { attribute: false },
    phase: { state: true },
    delivery: { state: true },
  };

  /**
   * What users sign in with: 'username' (default), 'email' or 'phone_number' (E.164, e.g.
   * "+14155550123"). Sets the field's label, type, keyboard and autocomplete.
   */
  declare usernameAttribute: UsernameKind;
  /** A username to start with (e.g. what was typed into the sign-in form). */
  declare username?: string;
  /** With `start-at="code"`: the code to put in the reset form (e.g. from a link in the email), for the user to submit. */
  declare code?: string;
  /**
   * Where to start: 'username' (default) asks whom to send a code to; 'code' goes straight to the code
   * and new password for `username`, when a code was already sent (e.g. an administrator reset the
   * password: the sign-in's RESET_PASSWORD step).
   */
  declare startAt: 'username' | 'code';
  /**
   * The pool's password policy, shown as a checklist while the user types (a browser cannot read it
   * from Cognito): space-separated `min-length:<n>`, `lowercase`, `uppercase`, `numbers`, `symbols`,
   * or "none", e.g. "min-length:8 lowercase uppercase numbers". Without `min-length` the minimum is 8.
   * Without the attribute, Cognito's default (8 characters, all four kinds) is assumed.
   */
  declare passwordPolicy?: string;
  /**
   * The forms' fields as the page wants them (see FormFields): form `forgotPassword` (field
   * `username`), and `resetPassword` (the code and the new password), passed to the inner
   * <cognito-new-password>.
   * As the attribute `form-fields`: the same object as JSON, e.g.
   * `form-fields='{"forgotPassword":{"fields":{"username":{"label":"Login"}}}}'` (JSON that does not parse is refused: the console names the attribute).
   */
  declare formFields?: FormFields;
  /** The page's `validate` and `transform` hooks for the forms `forgotPassword` and `resetPassword` (see Hooks). */
  declare hooks?: Hooks;
  declare private phase: 'request' | 'code';
  declare private delivery?: CodeDelivery;

  constructor() {
    super();
    this.usernameAttribute = 'username';
    this.startAt = 'username';
    this.phase = 'request';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!this.hasUpdated && this.startAt === 'code' && this.username) this.phase = 'code';
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (this.invalid(form)) return;
    const values = await this.vetted(form, this.hooks?.forgotPassword, { username: this.value(form, 'username').trim() });
    if (!values) return;
    const username = String(values.username);
    const sent = await this.run((auth, signal) => auth.forgotPassword({ username, signal }));
    if (!sent) return;
    this.username = username;
    this.delivery = sent.delivery;
    this.phase = 'code';
    emit(this, 'cognito-code-sent', { purpose: 'forgot-password', delivery: sent.delivery });
    await this.#focusCode();
  }

  /** The code field is inside the inner element, which renders after this one: focus it then. */
  async #focusCode(): Promise<void> {
    await this.updateComplete;
    const reset = this.querySelector<CognitoElement>('cognito-new-password');
    await reset?.updateComplete;
    reset?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }

  #toSignIn(): void {
    // Going back ends what this form was waiting on.
    this.cancel();
    const username = (this.querySelector<HTMLInputElement>('input[name="username"]')?.value ?? '').trim() || undefined;
    emit(this, 'cognito-navigate', { to: 'sign-in', username }, true);
  }

  protected override render() {
    if (this.phase === 'code') {
      return html`<cognito-new-password
        mode="reset"
        .username=${this.username}
        .code=${this.code}
        .delivery=${this.delivery}
        .passwordPolicy=${this.passwordPolicy}
        .client=${this.auth}
        .formFields=${this.formFields}
        .hooks=${this.hooks}
      ></cognito-new-password>`;
    }
    const kind = this.usernameAttribute;
    return html`
      ${heading(this.t('forgotPassword.title'))}
      <p class="cognito-text">
        ${this.t(kind === 'email' ? 'forgotPassword.introEmail' : kind === 'phone_number' ? 'forgotPassword.introPhone' : 'forgotPassword.intro')}
      </p>
      <form class="cognito-form" aria-busy=${this.busy} @submit=${this.#submit} novalidate>
        ${usernameField({
          id: this.idFor('username'),
          kind,
          label: (key) => this.t(key),
          value: this.username,
          hint: kind === 'phone_number' ? this.t(phoneHintKey) : undefined,
          config: this.formFields?.forgotPassword?.fields?.username,
        })}
        ${errorRegion(this.idFor('error'), this.errorText)}
        ${this.submit(this.t('forgotPassword.submit'), this.busy, this.t('forgotPassword.busy'))}
      </form>
      <div class="cognito-links">
        <button class="cognito-link" type="button" @click=${this.#toSignIn}>${this.t('common.backToSignIn')}</button>
      </div>
    `;
  }
}
