/**
 * @summary Creating an account: the username (or email / phone number), the attributes the page
 * asks for, and a password with the pool's policy as a checklist; then the confirmation code
 * Cognito sent. With `auto-sign-in`, confirming signs the user in.
 *
 * @example
 * ```html
 * <cognito-sign-up
 *   user-pool-id="eu-west-1_AbC123"
 *   client-id="1example23456789"
 *   username-attribute="email"
 *   attributes="email name custom:plan"
 *   required-attributes="email"
 *   password-policy="min-length:12 lowercase uppercase numbers"
 *   auto-sign-in
 * ></cognito-sign-up>
 * ```
 *
 * @slot header - Shown above the form (a logo, a title): a child with `slot="header"`. It stays the
 *   element's own child (light DOM), kept across every re-render and step.
 * @slot footer - Shown below the form (a legal line, a help link): a child with `slot="footer"`.
 * @event cognito-signed-up - The account was created: `detail.username`, `detail.userConfirmed`, `detail.delivery`.
 * @event cognito-code-sent - A new confirmation code was sent (`detail.delivery`, purpose 'sign-up').
 * @event cognito-sign-up-confirmed - The code was right: the account is confirmed (`detail.username`).
 * @event cognito-signed-in - With auto sign-in: the user is signed in (`detail.session`).
 * @event cognito-challenge - With auto sign-in: the sign-in needs another step (`detail.step`), e.g. MFA set-up.
 * @event cognito-navigate - "Sign in" was used: `detail.to` is 'sign-in' (with `detail.username`). Cancelable.
 * @event cognito-error - A failure, shown next to the form as well.
 *
 * @cssproperty --cognito-accent - Buttons and links. See the README for every --cognito-* property.
 */
import { html, nothing, type PropertyValues } from 'lit';
import type { CodeDelivery, SignInStep } from '../../core/index.ts';
import { PasswordFields } from '../shared/password-fields.ts';
import { CognitoElement } from '../shared/base.ts';
import { emit } from '../shared/events.ts';
import { codeField, errorRegion, heading, statusRegion, type UsernameKind, usernameOptions } from '../shared/form.ts';
import type { FormFields, Hooks } from '../shared/form-fields.ts';
import { FormCustomization } from '../shared/form-customization.ts';
import { registerMessages, type TextKey } from '../shared/localize.ts';
import { signUpMessages } from './messages.ts';
import { signUpInput } from './sign-up-input.ts';
import { phoneHintKey, readAttributes } from '../shared/attribute-fields.ts';

registerMessages(signUpMessages);

export class CognitoSignUp extends CognitoElement {
  static override properties = {
    ...CognitoElement.properties,
    usernameAttribute: { attribute: 'username-attribute' },
    userAttributes: { attribute: 'attributes' },
    requiredAttributes: { attribute: 'required-attributes' },
    passwordPolicy: { attribute: 'password-policy' },
    autoSignIn: { attribute: 'auto-sign-in', type: Boolean },
    confirmUsername: { attribute: 'confirm-username' },
    sendCode: { attribute: 'send-code', type: Boolean },
    confirmCode: { attribute: 'confirm-code' },
    hideSignIn: { attribute: 'hide-sign-in', type: Boolean },
    formFields: { attribute: 'form-fields', type: Object },
    hooks: { attribute: false },
    phase: { state: true },
    delivery: { state: true },
  };

  /**
   * What users sign in with: 'username' (default), 'email' or 'phone_number'. For the last two the
   * username field is that attribute (set as both the username and the attribute), and it is not
   * asked for again in `attributes`.
   */
  declare usernameAttribute: UsernameKind;
  /**
   * The attributes to ask for, space-separated (attribute `attributes`), e.g.
   * "email name phone_number custom:plan". Default "email". Standard names (`email`, `phone_number`,
   * `name`, `given_name`, `family_name`, `middle_name`, `nickname`, `preferred_username`, `birthdate`,
   * `address`, `gender`, `locale`, `zoneinfo`, `website`, `profile`, `picture`) get their own label,
   * input type and autocomplete; `custom:<name>` is a text field. Phone numbers are E.164
   * ("+14155550123"), birthdates YYYY-MM-DD.
   */
  declare userAttributes: string;
  /** Which of `attributes` must be filled in, space-separated, e.g. "email" (default: all of them; "" for none). */
  declare requiredAttributes?: string;
  /**
   * The pool's password policy, shown as a checklist while the user types (a browser cannot read it
   * from Cognito): space-separated `min-length:<n>`, `lowercase`, `uppercase`, `numbers`, `symbols`,
   * or "none", e.g. "min-length:8 lowercase uppercase numbers". Without `min-length` the minimum is 8.
   * Without the attribute, Cognito's default (8 characters, all four kinds) is assumed.
   */
  declare passwordPolicy?: string;
  /** Sign the user in once the account is confirmed, without asking for the password again (off by default). */
  declare autoSignIn: boolean;
  /**
   * The username of an account that exists but is not confirmed yet (e.g. from the sign-in's
   * CONFIRM_SIGN_UP step): go straight to the code for it.
   */
  declare confirmUsername?: string;
  /**
   * With `confirm-username`: send a fresh code at once. Cognito sends none when an unconfirmed user
   * tries to sign in, and the one from sign-up may have expired.
   */
  declare sendCode: boolean;
  /** With `confirm-username`: the code to put in the confirm form (e.g. from a link in the email), for the user to submit. */
  declare confirmCode?: string;
  /** Hides "Already have an account? Sign in". */
  declare hideSignIn: boolean;
  /**
   * The forms' fields as the page wants them (forms `signUp` and `confirmSignUp`): per field label,
   * placeholder, hint, order, required, hidden, default value, autocomplete, a country selector for
   * phone numbers; and extra fields (`signUp.custom`: text, number, date, select, radio, checkbox),
   * each sent as an attribute, clientMetadata or validationData, or not at all. See FormFields.
   * As the attribute `form-fields`: the same object as JSON, e.g.
   * `form-fields='{"signUp":{"fields":{"username":{"label":"Login"}}}}'` (JSON that does not parse is refused: the console names the attribute).
   */
  declare formFields?: FormFields;
  /**
   * The page's hooks (forms `signUp` and `confirmSignUp`): `validate` (field messages), `transform`,
   * and for `signUp` a `call` that replaces Cognito's SignUp (e.g. the app's own backend). See Hooks.
   */
  declare hooks?: Hooks;
  declare private phase: 'form' | 'confirm' | 'done' | 'signed-in' | 'challenge';
  declare private delivery?: CodeDelivery;
  /** The account being created or confirmed. */
  #username = '';
  /** What the form's controllers use of the element: its strings and its ids. */
  readonly #forms = { t: (key: TextKey, params?: Record<string, string | number>) => this.t(key, params), idFor: (name: string) => this.idFor(name) };
  readonly #passwords = new PasswordFields(this, { ...this.#forms, policy: () => this.passwordPolicy });
  readonly #custom = new FormCustomization(this, { ...this.#forms, config: () => this.formFields?.signUp, lang: () => this.localize.lang });

  constructor() {
    super();
    this.usernameAttribute = 'username';
    this.userAttributes = 'email';
    this.autoSignIn = false;
    this.sendCode = false;
    this.hideSignIn = false;
    this.phase = 'form';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('confirmUsername') && this.confirmUsername) {
      this.#username = this.confirmUsername;
      this.delivery = undefined;
      this.phase = 'confirm';
      this.errorText = '';
      if (this.hasUpdated) this.moveFocus();
      // The step's own text says where this first code went: no second "We sent a code…" below it.
      if (this.sendCode) void this.#resend(false);
    }
    // Another element (or the authenticator) carries on with the sign-in.
    this.hidden = this.phase === 'challenge';
  }

  /** The attributes asked for, without the one that is the username. */
  get #asked(): string[] {
    const names = new Set(this.userAttributes.split(/\s+/).filter(Boolean));
    names.delete(this.usernameAttribute);
    return [...names];
  }

  #isRequired(name: string): boolean {
    if (this.requiredAttributes == null) return true;
    return this.requiredAttributes.split(/\s+/).includes(name);
  }

  async #submitSignUp(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (this.invalid(form, [...this.#passwords.problems(form), ...this.#custom.problems(form)])) return;
    const password = await this.#passwords.accept(form);
    if (password === undefined) {
      this.errorText = '';
      return;
    }
    const typed = { username: this.value(form, 'username').trim(), password, ...readAttributes(form, this.#asked), ...(await this.#custom.values(form)) };
    const values = await this.vetted(form, this.hooks?.signUp, typed);
    if (!values) return;
    const input = signUpInput(values, {
      asked: this.#asked,
      usernameAttribute: this.usernameAttribute,
      autoSignIn: this.autoSignIn,
      sent: await this.#custom.sent(values),
    });
    const { username } = input;
    const call = this.hooks?.signUp?.call;
    const result = await this.run((auth, signal) => (call ? call({ ...input, signal }, auth) : auth.signUp({ ...input, signal })));
    if (!result) return;
    this.#username = username;
    this.delivery = result.delivery;
    this.#passwords.reset();
    emit(this, 'cognito-signed-up', { username, userConfirmed: result.userConfirmed, delivery: result.delivery });
    if (!result.userConfirmed) {
      this.phase = 'confirm';
      this.moveFocus();
      return;
    }
    // Confirmed at once (a pre sign-up trigger did it): sign in now if asked to, with the password just chosen.
    if (this.autoSignIn) {
      const step = await this.run((auth, signal) => auth.signIn({ username, password: input.password!, signal }));
      if (step) return this.#signedIn(step);
    }
    this.phase = 'done';
    this.moveFocus();
  }

  async #submitCode(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (this.invalid(form)) return;
    const values = await this.vetted(form, this.hooks?.confirmSignUp, { code: this.value(form, 'code').trim() });
    if (!values) return;
    const code = String(values.code);
    const username = this.#username;
    const result = await this.run((auth, signal) => auth.confirmSignUp({ username, code, signal }));
    if (!result) return;
    emit(this, 'cognito-sign-up-confirmed', { username });
    if (result.signIn) return this.#signedIn(result.signIn);
    this.phase = 'done';
    this.moveFocus();
  }

  #signedIn(step: SignInStep): void {
    if (step.step === 'DONE') {
      this.phase = 'signed-in';
      this.moveFocus();
      emit(this, 'cognito-signed-in', { session: step.session });
    } else {
      this.phase = 'challenge';
      emit(this, 'cognito-challenge', { step });
    }
  }

  async #resend(say = true): Promise<void> {
    const username = this.#username;
    const sent = await this.run((auth, signal) => auth.resendSignUpCode({ username, signal }));
    if (!sent) return;
    this.delivery = sent.delivery ?? this.delivery;
    const destination = sent.delivery?.destination;
    if (say) this.statusText = destination ? this.t('common.codeSentTo', { destination }) : this.t('common.codeSent');
    emit(this, 'cognito-code-sent', { purpose: 'sign-up', delivery: sent.delivery });
  }

  #toSignIn(): void {
    // Going back ends what this form was waiting on.
    this.cancel();
    const typed = this.querySelector<HTMLInputElement>('input[name="username"]')?.value.trim();
    emit(this, 'cognito-navigate', { to: 'sign-in', username: (typed ?? this.#username) || undefined }, true);
  }

  protected override render() {
    switch (this.phase) {
      case 'challenge':
        return nothing;
      case 'signed-in':
        return html`${heading(this.t('signUp.title'))}<p class="cognito-status" role="status">${this.t('signUp.signedIn')}</p>`;
      case 'done':
        return html`
          ${heading(this.t('signUp.doneTitle'))}
          <p class="cognito-status" role="status">${this.t('signUp.done')}</p>
          ${errorRegion(this.idFor('error'), this.errorText)}
          <div class="cognito-actions">
            <button class="cognito-button" type="button" @click=${this.#toSignIn}>${this.t('common.signIn')}</button>
          </div>
        `;
      case 'confirm':
        return this.#renderConfirm();
      default:
        return this.#renderForm();
    }
  }

  #renderForm() {
    const kind = this.usernameAttribute;
    return html`
      ${heading(this.t('signUp.title'))}
      <form class="cognito-form" aria-busy=${this.busy} @submit=${this.#submitSignUp} @input=${this.#passwords.onInput} novalidate>
        ${this.#custom.ordered([
          [
            'username',
            this.#custom.field(
              usernameOptions({ id: this.idFor('username'), kind, label: (key) => this.t(key), hint: kind === 'phone_number' ? this.t(phoneHintKey) : undefined }),
            ),
          ],
          ...this.#custom.attributeFields(this.#asked, (name) => this.#isRequired(name)),
          ['password', this.#passwords.render({ label: this.t('common.password'), fields: this.formFields?.signUp?.fields })],
        ])}
        ${errorRegion(this.idFor('error'), this.errorText)}
        ${this.submit(this.t('signUp.submit'), this.busy, this.t('signUp.busy'))}
      </form>
      ${
        this.hideSignIn
          ? nothing
          : html`<p class="cognito-text">
            ${this.t('signUp.haveAccount')}
            <button class="cognito-link" type="button" @click=${this.#toSignIn}>${this.t('common.signIn')}</button>
          </p>`
      }
    `;
  }

  #renderConfirm() {
    const destination = this.delivery?.destination;
    return html`
      ${heading(this.t('signUp.confirmTitle'))}
      <p class="cognito-text">${destination ? this.t('common.codeSentTo', { destination }) : this.t('signUp.confirmIntro')}</p>
      <form class="cognito-form" aria-busy=${this.busy} @submit=${this.#submitCode} novalidate>
        ${codeField({ id: this.idFor('code'), label: this.t('common.code'), value: this.confirmCode, config: this.formFields?.confirmSignUp?.fields?.code })}
        ${errorRegion(this.idFor('error'), this.errorText)}
        ${this.submit(this.t('signUp.confirmSubmit'), this.busy, this.t('signUp.confirmBusy'))}
      </form>
      ${statusRegion(this.idFor('status'), this.statusText)}
      <div class="cognito-links">
        <button class="cognito-link" type="button" ?disabled=${this.busy} @click=${() => this.#resend()}>${this.t('common.resend')}</button>
        <button class="cognito-link" type="button" @click=${this.#toSignIn}>${this.t('common.backToSignIn')}</button>
      </div>
    `;
  }
}
