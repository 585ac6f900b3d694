/**
 * @summary Every sign-in step after the password that is not a new password, a sign-up
 * confirmation or a reset: MFA codes (authenticator app, text message, email), choosing an MFA
 * type, setting up an authenticator app or email MFA, custom challenges and choosing how to sign
 * in. With `mode="setup"`, sets up an authenticator app for a signed-in user (account pages).
 *
 * It follows its client: a sign-in started by a <cognito-sign-in> sharing the client (same
 * `user-pool-id` and `client-id`, or the same `client` property) continues here. While there is no
 * step for it, it renders nothing and carries the `hidden` attribute.
 *
 * @event cognito-challenge - The step answered here led to another step: `detail.step`.
 * @event cognito-signed-in - Sign-in finished here: `detail.session`.
 * @event cognito-navigate - "Back to sign in" or "Start over" was used (`detail.to` is 'sign-in');
 *   the sign-in was abandoned. Cancelable: cancel it to handle navigation yourself.
 * @event cognito-totp-set-up - Setup mode: the authenticator app is verified and on.
 * @event cognito-mfa-changed - Setup mode: the user's MFA settings now (`detail.enabled`, `detail.preferred`).
 * @event cognito-error - A failure, shown in the element as well.
 *
 * @cssproperty --cognito-accent - Buttons and links. See the README for every --cognito-* property.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { CognitoClient, ConfirmSignInInput, FirstFactor, MfaPreference, MfaType, Session, SignInStep } from '../../core/index.ts';
import { CognitoElement } from '../shared/base.ts';
import { emit } from '../shared/events.ts';
import { codeField, errorRegion, field, heading, showPasswordToggle, statusRegion } from '../shared/form.ts';
import { type MessageKey, registerMessages } from '../shared/localize.ts';
import { mfaMessages } from './messages.ts';
import { qrMatrix, type QrMatrix, qrSvg } from './qr.ts';

registerMessages(mfaMessages);

/** `mode`: finish sign-ins (default), or set up an authenticator app for the signed-in user. */
export type MfaMode = 'sign-in' | 'setup';

/** The steps this element answers; the others belong to <cognito-new-password> and friends. */
const NOT_MINE = new Set<SignInStep['step']>(['DONE', 'NEW_PASSWORD', 'CONFIRM_SIGN_UP', 'RESET_PASSWORD']);
const isMine = (step: SignInStep) => !NOT_MINE.has(step.step);

/** Cognito's authenticator-app codes are 6 digits; its text and email codes 6 (MFA) to 8 (passwordless). */
const TOTP_DIGITS = { min: 6, max: 6 };
const SENT_CODE_DIGITS = { min: 6, max: 8 };

type View =
  | 'idle' // sign-in mode, no step for this element: hidden
  | 'step' // sign-in mode, showing `step`
  | 'ended' // sign-in mode, the sign-in ended on an error (expired, too many tries): back to sign in
  | 'done' // sign-in mode, signed in here
  | 'setup' // setup mode, the start button
  | 'setup-totp' // setup mode, QR, key and code
  | 'setup-done'; // setup mode, finished

/** What the user chose in CHOOSE_FIRST_FACTOR: 'password' stands for PASSWORD_SRP or PASSWORD. */
type FactorChoice = 'password' | 'WEB_AUTHN' | 'EMAIL_OTP' | 'SMS_OTP';

interface Invalid {
  invalid: { key: MessageKey; params?: Record<string, string | number>; field: string };
}

/** The secret in blocks of four, for reading it off the screen into an app. */
const groupSecret = (secret: string) => (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');

export class CognitoMfa extends CognitoElement {
  static override properties = {
    ...CognitoElement.properties,
    mode: {},
    view: { state: true },
    step: { state: true },
    factor: { state: true },
    totpSetup: { state: true },
    qr: { state: true },
  };

  /** 'sign-in' (default): answer the client's sign-in steps. 'setup': set up an authenticator app for the signed-in user. */
  declare mode: MfaMode;
  private declare view: View;
  /** The sign-in step shown (sign-in mode). */
  private declare step?: SignInStep;
  private declare factor: FactorChoice;
  /** Setup mode: the secret from setUpTotp. */
  private declare totpSetup?: { secret: string; uri: string };
  private declare qr?: { uri: string; matrix?: QrMatrix };
  /** Bumped for every new step, so each step gets fresh inputs (nothing typed carries over). */
  #stepKey = 0;
  #followed?: CognitoClient;

  constructor() {
    super();
    this.mode = 'sign-in';
    this.view = 'idle';
    this.factor = 'password';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('mode') && (this.mode === 'setup') !== this.view.startsWith('setup')) this.#restart();
    // Idle takes no space on the page (the shared sheet gives [hidden] display: none).
    this.toggleAttribute('hidden', this.view === 'idle');
    const uri = this.view === 'setup-totp' ? this.totpSetup?.uri : this.step?.step === 'SETUP_TOTP' && this.view === 'step' ? this.step.uri : undefined;
    if (uri && this.qr?.uri !== uri) this.#loadQr(uri);
  }

  // -------------------------------------------------------------------------------------------
  // Following the client

  /** Follow the client, so a sign-in started elsewhere (a <cognito-sign-in>, app code) continues here. */
  protected override clientChanged(auth: CognitoClient): void {
    if (auth !== this.#followed) {
      this.#followed = auth;
      this.#restart();
    } else if (this.mode !== 'setup') {
      // Reconnected to the same client: catch up with what happened while away.
      const step = auth.currentStep;
      if (step && isMine(step)) this.#show(step);
      else if (this.view === 'step') this.#toIdle();
    }
  }

  /** Starts from what the client says now (a new client, or a new mode). */
  #restart(): void {
    this.step = undefined;
    this.totpSetup = undefined;
    this.errorText = '';
    this.statusText = '';
    if (this.mode === 'setup') {
      this.view = 'setup';
      return;
    }
    this.view = 'idle';
    const step = this.#followed?.currentStep;
    if (step && isMine(step)) this.#show(step);
  }

  protected override onClientStep(event: CustomEvent<{ step: SignInStep }>): void {
    if (this.mode === 'setup') return;
    const { step } = event.detail;
    // DONE from our own answer is handled where we sent it; from elsewhere, our step is over.
    if (step.step === 'DONE') {
      if (!this.busy && this.view === 'step') this.#toIdle();
      return;
    }
    if (isMine(step)) this.#show(step);
    else this.#toIdle();
  }

  protected override onClientSignedIn(): void {
    if (this.mode !== 'setup' && !this.busy && this.view === 'step') this.#toIdle();
  }

  protected override onClientSignedOut(): void {
    if (this.mode === 'setup') this.#restart();
    else this.#toIdle();
  }

  #show(step: SignInStep): void {
    if (this.view === 'step' && this.step === step) return;
    this.step = step;
    this.view = 'step';
    this.#stepKey++;
    this.errorText = '';
    this.statusText = '';
    if (step.step === 'CHOOSE_FIRST_FACTOR') this.factor = this.#factorChoices(step.options)[0]?.value ?? 'password';
    this.moveFocus();
    // A passkey step asks the browser at once; if it cannot (Safari wants a click), the button is there.
    if (step.step === 'PASSKEY') void this.updateComplete.then(() => this.querySelector('form')?.requestSubmit());
  }

  #toIdle(): void {
    this.step = undefined;
    this.view = 'idle';
    this.errorText = '';
    this.statusText = '';
  }

  #loadQr(uri: string): void {
    this.qr = { uri };
    qrMatrix(uri).then(
      (matrix) => {
        if (this.qr?.uri === uri) this.qr = { uri, matrix };
      },
      // Without the QR code the setup key still works; say why in the console only.
      (error) => console.warn('[cognito-elements] the QR code could not be drawn', error),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Answering steps

  async #submitStep(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const step = this.step;
    if (this.busy || !step) return;
    const form = event.currentTarget as HTMLFormElement;
    const answer = this.#answerFor(step, form);
    if ('invalid' in answer) {
      this.#reject(form, answer.invalid);
      return;
    }
    this.#clearInvalid(form);
    const next = await this.run((auth, signal) => auth.confirmSignIn(answer, { signal }));
    if (!next) {
      await this.#afterFailure(form, step, 'code' in answer ? 'code' : 'answer' in answer ? 'answer' : 'email' in answer ? 'email' : 'passkey' in answer ? '' : 'password');
      return;
    }
    if (next.step === 'DONE') {
      this.#signedIn(next.session);
      return;
    }
    // The client's `step` event usually showed it already; showing it again changes nothing.
    if (isMine(next)) this.#show(next);
    else this.#toIdle();
    emit(this, 'cognito-challenge', { step: next });
  }

  /** What to send for this step, read from the form now; or what is wrong with it. */
  #answerFor(step: SignInStep, form: HTMLFormElement): ConfirmSignInInput | Invalid {
    switch (step.step) {
      case 'TOTP_CODE':
        return this.#code(form, TOTP_DIGITS);
      case 'SMS_CODE':
      case 'EMAIL_CODE':
        return this.#code(form, SENT_CODE_DIGITS);
      case 'SETUP_TOTP': {
        const code = this.#code(form, TOTP_DIGITS);
        if ('invalid' in code) return code;
        return { ...code, deviceName: this.value(form, 'deviceName').trim() || undefined };
      }
      case 'CHOOSE_MFA':
      case 'CHOOSE_MFA_SETUP':
        return { mfaType: this.#checked(form, 'mfaType') as MfaType };
      case 'SETUP_EMAIL': {
        const email = this.value(form, 'email').trim();
        return email ? { email } : { invalid: { key: 'mfa.setupEmail.empty', field: 'email' } };
      }
      case 'CUSTOM_CHALLENGE': {
        const answer = this.value(form, 'answer').trim();
        return answer ? { answer } : { invalid: { key: 'mfa.custom.empty', field: 'answer' } };
      }
      case 'PASSKEY':
        return { passkey: true };
      case 'CHOOSE_FIRST_FACTOR': {
        const choice = this.#checked(form, 'factor') as FactorChoice;
        if (choice !== 'password') return { factor: choice };
        const password = this.value(form, 'password');
        if (!password) return { invalid: { key: 'mfa.password.empty', field: 'password' } };
        return { factor: step.options.includes('PASSWORD_SRP') ? 'PASSWORD_SRP' : 'PASSWORD', password };
      }
      default:
        return { challengeResponses: {} };
    }
  }

  /**
   * A code read from the form, without the spaces people type or paste ("123 456"). Only its
   * length is checked here (no `pattern` on the input, which would block the submit silently).
   */
  #code(form: HTMLFormElement, digits: { min: number; max: number }): { code: string } | Invalid {
    const code = this.value(form, 'code').replace(/[\s-]/g, '');
    const invalid = (key: MessageKey, params?: Record<string, number>): Invalid => ({ invalid: { key, params, field: 'code' } });
    if (!code) return invalid('mfa.code.empty');
    if (!/^\d+$/.test(code)) return invalid('mfa.code.digits');
    if (code.length < digits.min || code.length > digits.max) {
      return digits.min === digits.max ? invalid('mfa.code.length', { count: digits.min }) : invalid('mfa.code.lengthRange', digits);
    }
    return { code };
  }

  /** The value of the checked radio button of a group ('' if none). */
  #checked(form: HTMLFormElement, name: string): string {
    return form.querySelector<HTMLInputElement>(`input[type="radio"][name="${name}"]:checked`)?.value ?? '';
  }

  /** Shows what is wrong with the form and puts the user back in the field, its text selected. */
  #reject(form: HTMLFormElement, invalid: Invalid['invalid']): void {
    this.errorText = this.t(invalid.key, invalid.params);
    const input = form.elements.namedItem(invalid.field);
    if (input instanceof HTMLInputElement) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      input.select();
    }
  }

  #clearInvalid(form: HTMLFormElement): void {
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  }

  /**
   * After a refused answer: if the step still waits (a wrong code), select what was typed for
   * retyping; if the sign-in is over (expired, too many tries), offer to start again.
   */
  async #afterFailure(form: HTMLFormElement, step: SignInStep, fieldName: string): Promise<void> {
    if (this.auth?.currentStep !== step) {
      this.view = 'ended';
      this.step = undefined;
      this.moveFocus();
      return;
    }
    await this.updateComplete;
    const input = fieldName ? form.elements.namedItem(fieldName) : null;
    if (input instanceof HTMLInputElement && form.isConnected) {
      input.focus();
      input.select();
    } else {
      form.querySelector<HTMLElement>('button[type="submit"]')?.focus();
    }
  }

  #signedIn(session: Session): void {
    this.step = undefined;
    this.view = 'done';
    this.moveFocus();
    emit(this, 'cognito-signed-in', { session });
  }

  #backToSignIn = () => {
    this.auth?.cancelSignIn();
    this.#toIdle();
    emit(this, 'cognito-navigate', { to: 'sign-in' }, true);
  };

  #onFactorChange = (event: Event) => {
    this.factor = (event.target as HTMLInputElement).value as FactorChoice;
  };

  // -------------------------------------------------------------------------------------------
  // Setup mode

  async #startSetup(): Promise<void> {
    const setup = await this.run((auth, signal) => auth.setUpTotp({ signal }));
    if (!setup) return;
    this.totpSetup = setup;
    this.view = 'setup-totp';
    this.#stepKey++;
    this.moveFocus();
  }

  async #submitSetup(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const code = this.#code(form, TOTP_DIGITS);
    if ('invalid' in code) {
      this.#reject(form, code.invalid);
      return;
    }
    this.#clearInvalid(form);
    const deviceName = this.value(form, 'deviceName').trim() || undefined;
    const preference = await this.run(async (auth) => {
      await auth.verifyTotp({ code: code.code, deviceName });
      // The app is on now; if reading the settings back fails, they are what verifyTotp set.
      return auth.getMfaPreference().catch((): MfaPreference => ({ enabled: ['TOTP'], preferred: 'TOTP' }));
    });
    if (!preference) {
      await this.updateComplete;
      const input = form.elements.namedItem('code');
      if (input instanceof HTMLInputElement) {
        input.focus();
        input.select();
      }
      return;
    }
    this.totpSetup = undefined;
    this.view = 'setup-done';
    this.moveFocus();
    emit(this, 'cognito-totp-set-up', {});
    emit(this, 'cognito-mfa-changed', { enabled: preference.enabled, preferred: preference.preferred });
  }

  #cancelSetup = () => {
    this.totpSetup = undefined;
    this.errorText = '';
    this.statusText = '';
    this.view = 'setup';
    this.moveFocus();
  };

  async #copySecret(secret: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret);
      this.statusText = this.t('mfa.setupTotp.copied');
    } catch {
      // No clipboard (an insecure context, a denied permission): the key stays selectable text.
      this.statusText = this.t('mfa.setupTotp.copyFailed');
    }
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    switch (this.view) {
      case 'idle':
        return nothing;
      case 'done':
        return html`${heading(this.t('mfa.done.title'))}<p class="cognito-status" role="status">${this.t('mfa.done.text')}</p>`;
      case 'ended':
        return html`${heading(this.t('mfa.ended.title'))}
          <p class="cognito-error" role="alert">${this.errorText}</p>
          <div class="cognito-actions">
            <button class="cognito-button" type="button" @click=${this.#backToSignIn}>${this.t('common.backToSignIn')}</button>
          </div>`;
      case 'setup':
        return this.#renderSetupStart();
      case 'setup-totp':
        return this.totpSetup
          ? keyed(this.#stepKey, this.#renderTotpSetup(this.totpSetup.secret, this.totpSetup.uri, this.#submitSetup, this.#cancelButton()))
          : nothing;
      case 'setup-done':
        return html`${heading(this.t('mfa.setup.title'))}
          <p class="cognito-status" role="status">${this.t('mfa.setup.done')}</p>
          ${errorRegion(this.idFor('error'), this.errorText)}
          <div class="cognito-actions">
            <button class="cognito-button cognito-button--secondary" type="button" ?disabled=${this.busy} @click=${this.#startSetup}>
              ${this.t('mfa.setup.again')}
            </button>
          </div>`;
      case 'step':
        return this.step ? keyed(this.#stepKey, this.#renderStep(this.step)) : nothing;
    }
  }

  #renderStep(step: SignInStep): TemplateResult {
    switch (step.step) {
      case 'TOTP_CODE':
        return this.#renderCode(this.t('mfa.totp.text'), false);
      case 'SMS_CODE': {
        const to = step.delivery.destination;
        return this.#renderCode(to ? this.t('mfa.sms.sentTo', { destination: to }) : this.t('mfa.sms.sent'), true);
      }
      case 'EMAIL_CODE': {
        const to = step.delivery.destination;
        return this.#renderCode(to ? this.t('mfa.email.sentTo', { destination: to }) : this.t('mfa.email.sent'), true);
      }
      case 'CHOOSE_MFA':
        return this.#renderChooseMfa(this.t('mfa.choose.title'), undefined, this.t('mfa.choose.legend'), step.options);
      case 'CHOOSE_MFA_SETUP': {
        // SMS MFA is set up by verifying a phone number, which cannot happen inside a sign-in.
        const options = step.options.filter((o) => o !== 'SMS');
        if (options.length === 0) return this.#renderUnsupported();
        return this.#renderChooseMfa(this.t('mfa.chooseSetup.title'), this.t('mfa.chooseSetup.text'), this.t('mfa.chooseSetup.legend'), options);
      }
      case 'SETUP_TOTP':
        return this.#renderTotpSetup(step.secret, step.uri, this.#submitStep, this.#backButton());
      case 'SETUP_EMAIL':
        return this.#renderForm(
          this.t('mfa.setupEmail.title'),
          this.t('mfa.setupEmail.text'),
          field({
            id: this.idFor('email'),
            name: 'email',
            label: this.t('common.email'),
            type: 'email',
            inputmode: 'email',
            autocomplete: 'email',
            autofocus: true,
            dir: 'ltr',
            describedBy: this.idFor('error'),
          }),
          this.t('common.continue'),
        );
      case 'CUSTOM_CHALLENGE': {
        const prompt = step.parameters.prompt;
        return this.#renderForm(
          this.t('mfa.title'),
          undefined,
          field({
            id: this.idFor('answer'),
            name: 'answer',
            // The prompt comes from the pool's Lambda; it is shown as text, never as HTML.
            label: prompt || this.t('mfa.custom.answer'),
            autocomplete: 'one-time-code',
            autofocus: true,
            describedBy: this.idFor('error'),
          }),
          this.t('mfa.submit'),
        );
      }
      case 'CHOOSE_FIRST_FACTOR':
        return this.#renderChooseFactor(step.options);
      case 'PASSKEY':
        return this.#renderForm(this.t('mfa.passkey.title'), this.t('mfa.passkey.text'), html``, this.t('mfa.passkey.submit'));
      default:
        return this.#renderUnsupported();
    }
  }

  #renderForm(title: string, text: string | undefined, fields: TemplateResult, submitLabel: string, after: TemplateResult = this.#backButton()): TemplateResult {
    return html`
      ${heading(title)}
      ${text ? html`<p class="cognito-text">${text}</p>` : nothing}
      <form class="cognito-form" aria-busy=${this.busy} @submit=${this.#submitStep} novalidate>
        ${fields}
        ${errorRegion(this.idFor('error'), this.errorText)}
        ${this.submit(submitLabel, this.busy, this.t('mfa.busy'))}
      </form>
      ${after}
    `;
  }

  #codeField(label: string): TemplateResult {
    return codeField({ id: this.idFor('code'), label, describedBy: this.idFor('error') });
  }

  #renderCode(text: string, sent: boolean): TemplateResult {
    // Cognito has no "send again" inside a challenge: a new code means a new sign-in.
    const after = sent
      ? html`<div class="cognito-links">
          <p class="cognito-hint" id=${this.idFor('no-code')}>${this.t('mfa.noCode')}</p>
          <button class="cognito-link" type="button" aria-describedby=${this.idFor('no-code')} ?disabled=${this.busy} @click=${this.#backToSignIn}>
            ${this.t('mfa.startOver')}
          </button>
        </div>`
      : this.#backButton();
    return this.#renderForm(this.t('mfa.title'), text, this.#codeField(this.t('common.code')), this.t('mfa.submit'), after);
  }

  #renderChooseMfa(title: string, text: string | undefined, legend: string, options: MfaType[]): TemplateResult {
    return this.#renderForm(
      title,
      text,
      this.#choices(
        'mfaType',
        legend,
        options.map((o) => ({ value: o, label: this.t(`mfa.type.${o}`) })),
        options[0],
      ),
      this.t('common.continue'),
    );
  }

  /** A radio group in a fieldset; the selected (first) choice takes the focus. */
  #choices<V extends string>(name: string, legend: string, options: { value: V; label: string }[], selected: V | undefined, onChange?: (e: Event) => void): TemplateResult {
    return html`<fieldset class="cognito-choices">
      <legend class="cognito-label">${legend}</legend>
      ${options.map(
        (o) => html`<label class="cognito-choice">
          <input type="radio" name=${name} value=${o.value} ?checked=${o.value === selected} ?data-autofocus=${o.value === selected} @change=${onChange} />
          <span>${o.label}</span>
        </label>`,
      )}
    </fieldset>`;
  }

  /** A passkey first when the account has one; one "Password" choice whatever Cognito calls it. */
  #factorChoices(options: FirstFactor[]): { value: FactorChoice; label: string }[] {
    const out: { value: FactorChoice; label: string }[] = [];
    if (options.includes('WEB_AUTHN')) out.push({ value: 'WEB_AUTHN', label: this.t('mfa.factor.WEB_AUTHN') });
    if (options.includes('PASSWORD_SRP') || options.includes('PASSWORD')) out.push({ value: 'password', label: this.t('mfa.factor.password') });
    if (options.includes('EMAIL_OTP')) out.push({ value: 'EMAIL_OTP', label: this.t('mfa.factor.EMAIL_OTP') });
    if (options.includes('SMS_OTP')) out.push({ value: 'SMS_OTP', label: this.t('mfa.factor.SMS_OTP') });
    return out;
  }

  #renderChooseFactor(options: FirstFactor[]): TemplateResult {
    const choices = this.#factorChoices(options);
    if (choices.length === 0) {
      return html`${heading(this.t('mfa.factor.title'))}<p class="cognito-text">${this.t('mfa.factor.none')}</p>${this.#backButton()}`;
    }
    const selected = choices.some((c) => c.value === this.factor) ? this.factor : choices[0].value;
    return this.#renderForm(
      this.t('mfa.factor.title'),
      undefined,
      html`${this.#choices('factor', this.t('mfa.factor.legend'), choices, selected, this.#onFactorChange)}
      ${selected === 'password'
        ? html`${field({ id: this.idFor('password'), name: 'password', label: this.t('common.password'), type: 'password', autocomplete: 'current-password', describedBy: this.idFor('error') })}
            ${showPasswordToggle(this.t('common.showPassword'))}`
        : nothing}`,
      this.t('common.continue'),
    );
  }

  #renderUnsupported(): TemplateResult {
    return html`${heading(this.t('mfa.unknown.title'))}
      <p class="cognito-text">${this.t('mfa.unknown.text')}</p>
      <div class="cognito-actions">
        <button class="cognito-button" type="button" data-autofocus @click=${this.#backToSignIn}>${this.t('common.backToSignIn')}</button>
      </div>`;
  }

  /** QR code, setup key with a copy button, then the code and an optional name for the app. */
  #renderTotpSetup(secret: string, uri: string, onSubmit: (event: SubmitEvent) => void, after: TemplateResult): TemplateResult {
    const qr = this.qr?.uri === uri ? this.qr.matrix : undefined;
    return html`
      ${heading(this.t('mfa.setupTotp.title'))}
      <p class="cognito-text">${this.t('mfa.setupTotp.scan')}</p>
      ${qr ? qrSvg(qr, this.t('mfa.setupTotp.qrLabel')) : html`<div class="cognito-qr" aria-hidden="true"></div>`}
      <div class="cognito-field cognito-totp-key">
        <p class="cognito-label">${this.t('mfa.setupTotp.secret')}</p>
        <div class="cognito-secret-row">
          <code class="cognito-secret" dir="ltr" translate="no">${groupSecret(secret)}</code>
          <button class="cognito-button cognito-button--secondary" type="button" @click=${() => this.#copySecret(secret.replace(/\s+/g, ''))}>
            ${this.t('mfa.setupTotp.copy')}
          </button>
        </div>
        ${statusRegion(this.idFor('status'), this.statusText)}
      </div>
      <form class="cognito-form" aria-busy=${this.busy} @submit=${onSubmit} novalidate>
        ${this.#codeField(this.t('mfa.setupTotp.code'))}
        ${field({
          id: this.idFor('deviceName'),
          name: 'deviceName',
          label: this.t('mfa.setupTotp.deviceName'),
          autocomplete: 'off',
          required: false,
          value: this.t('mfa.setupTotp.deviceNameDefault'),
        })}
        ${errorRegion(this.idFor('error'), this.errorText)}
        ${this.submit(this.t('mfa.setupTotp.submit'), this.busy, this.t('mfa.busy'))}
      </form>
      ${after}
    `;
  }

  #renderSetupStart(): TemplateResult {
    return html`${heading(this.t('mfa.setup.title'))}
      <p class="cognito-text">${this.t('mfa.setup.text')}</p>
      ${errorRegion(this.idFor('error'), this.errorText)}
      <div class="cognito-actions">
        <button class="cognito-button" type="button" ?disabled=${this.busy} aria-disabled=${this.busy} @click=${this.#startSetup}>
          ${this.busy ? html`<span class="cognito-spinner" aria-hidden="true"></span><span>${this.t('mfa.setup.busy')}</span>` : this.t('mfa.setup.start')}
        </button>
      </div>`;
  }

  #backButton(): TemplateResult {
    return html`<div class="cognito-links">
      <button class="cognito-link" type="button" ?disabled=${this.busy} @click=${this.#backToSignIn}>${this.t('common.backToSignIn')}</button>
    </div>`;
  }

  #cancelButton(): TemplateResult {
    return html`<div class="cognito-links">
      <button class="cognito-link" type="button" ?disabled=${this.busy} @click=${this.#cancelSetup}>${this.t('common.cancel')}</button>
    </div>`;
  }
}
