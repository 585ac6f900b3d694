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
 * @example
 * ```html
 * <!-- Continues the sign-in of the <cognito-sign-in> with the same pool and client. -->
 * <cognito-sign-in user-pool-id="eu-west-1_AbC123" client-id="1example23456789"></cognito-sign-in>
 * <cognito-mfa user-pool-id="eu-west-1_AbC123" client-id="1example23456789"></cognito-mfa>
 * <!-- On an account page: set up an authenticator app for the signed-in user. -->
 * <cognito-mfa mode="setup" user-pool-id="eu-west-1_AbC123" client-id="1example23456789"></cognito-mfa>
 * ```
 *
 * @slot header - Shown above the form (a logo, a title): a child with `slot="header"`. It stays the
 *   element's own child (light DOM), kept across every re-render and step.
 * @slot footer - Shown below the form (a legal line, a help link): a child with `slot="footer"`.
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
import { nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { CognitoClient, Session, SignInStep } from '../../core/index.ts';
import { CognitoElement } from '../shared/base.ts';
import { emit } from '../shared/events.ts';
import { registerMessages, type TextKey } from '../shared/localize.ts';
import { mfaMessages } from './messages.ts';
import { isStepOf } from '../shared/step-owner.ts';
import { addStyles } from '../shared/styles.ts';
import { mfaStyles } from './styles.ts';
import { copySecret, QrCodes } from './totp-form.ts';
import { TotpSetup } from './totp-setup.ts';
import { viewFor } from './views/index.ts';
import { clearInvalid, ended, focusRetry, markInvalid, rememberMode, signedIn } from './views/parts.ts';
import type { Invalid, MfaStep, RememberDevice, StepContext } from './views/view.ts';
import type { FormFields } from '../shared/form-fields.ts';

registerMessages(mfaMessages);
addStyles(mfaStyles);

/** `mode`: finish sign-ins (default), or set up an authenticator app for the signed-in user. */
export type MfaMode = 'sign-in' | 'setup';

/**
 * What the element shows. In sign-in mode: nothing (no step of its own: hidden), a step (`key`
 * bumped for each, so nothing typed carries over; `choice`, the option picked in its radio group),
 * a sign-in that ended on an error (expired, too many tries), or signed in here. In setup mode the
 * TotpSetup unit has a state of its own.
 */
type State = { kind: 'idle' } | { kind: 'step'; step: MfaStep; key: number; choice: string } | { kind: 'ended' } | { kind: 'done' } | { kind: 'setup' };

const isMine = (step: SignInStep): step is MfaStep => isStepOf('mfa', step);

export class CognitoMfa extends CognitoElement {
  static override properties = {
    ...CognitoElement.properties,
    mode: {},
    rememberDevice: { attribute: 'remember-device' },
    formFields: { attribute: 'form-fields', type: Object },
    state: { state: true },
  };

  /**
   * 'sign-in' (default): answer the client's sign-in steps. 'setup': set up an authenticator app
   * (TOTP) for the signed-in user, with a QR code, and turn it on once a code from it is verified.
   */
  declare mode: MfaMode;
  /**
   * "Remember this device" with an MFA code (authenticator app, text message, email), for user
   * pools that remember devices only when the user says so (DeviceOnlyRememberedOnUserPrompt).
   * 'ask' (default): a checkbox, off until ticked; ticked, this device is remembered once the
   * sign-in finishes, and later sign-ins on it (same browser storage) skip the code. 'always':
   * no checkbox, remembered. 'never': no checkbox, not remembered. With a client whose
   * `rememberDevices` option is on, 'ask' shows no checkbox (every device is remembered). A pool
   * that remembers every device, or none, is not changed by it: use 'always' or 'never' there to
   * show no checkbox.
   */
  declare rememberDevice: RememberDevice;
  /**
   * The code field of the MFA steps (`mfaCode`) and the authenticator-app set-up's fields (`totpSetup`:
   * `code`, `deviceName`): label, placeholder, hint, autocomplete... (see FormFields). As the
   * attribute `form-fields`: the same object as JSON.
   */
  declare formFields?: FormFields;
  declare private state: State;
  #stepKey = 0;
  #followed?: CognitoClient;
  readonly #qr = new QrCodes(this);
  /** What the TOTP set-up uses of this element. */
  readonly #setup = new TotpSetup({
    element: this,
    busy: () => this.busy,
    run: (task) => this.run(task),
    requestUpdate: () => this.requestUpdate(),
    moveFocus: () => this.moveFocus(),
    clearMessages: () => this.#clearMessages(),
    reject: (form, invalid) => this.#reject(form, invalid),
    rendered: () => this.updateComplete,
  });

  constructor() {
    super();
    this.mode = 'sign-in';
    this.rememberDevice = 'ask';
    this.state = { kind: 'idle' };
  }

  /** What the step views (and the TOTP set-up's form) see of this element as it renders now. */
  #context(): StepContext {
    const { state } = this;
    return {
      t: this.#t,
      idFor: this.#idFor,
      busy: this.busy,
      errorText: this.errorText,
      statusText: this.statusText,
      submit: this.#submit,
      onSubmit: this.#submitStep,
      backToSignIn: this.#backToSignIn,
      rememberDevice: rememberMode(this.rememberDevice, this.auth?.rememberDevices === true),
      choice: state.kind === 'step' ? state.choice : '',
      choose: this.#choose,
      qr: this.#qrFor,
      copySecret: this.#copySecret,
      field: (form, name) => this.formFields?.[form]?.fields?.[name],
    };
  }

  // Bound once, so each render hands the views the same listeners.
  #t = (key: TextKey, params?: Record<string, string | number>) => this.t(key, params);
  #idFor = (name: string) => this.idFor(name);
  #submit = (label: string) => this.submit(label, this.busy, this.t('mfa.busy'));
  #qrFor = (uri: string) => this.#qr.for(uri);
  #copySecret = (secret: string) => void copySecret(secret).then((key) => (this.statusText = this.t(key)));
  #choose = (choice: string) => {
    if (this.state.kind === 'step') this.state = { ...this.state, choice };
  };

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('mode') && (this.mode === 'setup') !== (this.state.kind === 'setup')) this.#restart();
    // Idle takes no space on the page (the shared sheet gives [hidden] display: none).
    this.toggleAttribute('hidden', this.state.kind === 'idle');
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
      else if (this.state.kind === 'step') this.#toIdle();
    }
  }

  /** Starts from what the client says now (a new client, or a new mode). */
  #restart(): void {
    this.#clearMessages();
    if (this.mode === 'setup') {
      this.#setup.reset();
      this.state = { kind: 'setup' };
      return;
    }
    this.state = { kind: 'idle' };
    const step = this.#followed?.currentStep;
    if (step && isMine(step)) this.#show(step);
  }

  protected override onClientStep(event: CustomEvent<{ step: SignInStep }>): void {
    if (this.mode === 'setup') return;
    const { step } = event.detail;
    // DONE from our own answer is handled where we sent it; from elsewhere, our step is over.
    if (step.step === 'DONE') {
      if (!this.busy && this.state.kind === 'step') this.#toIdle();
      return;
    }
    if (isMine(step)) this.#show(step);
    else this.#toIdle();
  }

  protected override onClientSignedIn(): void {
    if (this.mode !== 'setup' && !this.busy && this.state.kind === 'step') this.#toIdle();
  }

  protected override onClientSignedOut(): void {
    if (this.mode === 'setup') this.#restart();
    else this.#toIdle();
  }

  #show(step: MfaStep): void {
    if (this.state.kind === 'step' && this.state.step === step) return;
    this.state = { kind: 'step', step, key: ++this.#stepKey, choice: '' };
    this.#clearMessages();
    this.moveFocus();
    viewFor(step).shown?.(
      step,
      this.#context(),
      this.updateComplete.then(() => this.querySelector('form')),
    );
  }

  #toIdle(): void {
    this.state = { kind: 'idle' };
    this.#clearMessages();
  }

  #clearMessages(): void {
    this.errorText = '';
    this.statusText = '';
  }

  // -------------------------------------------------------------------------------------------
  // Answering steps

  #submitStep = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.busy || this.state.kind !== 'step') return;
    const { step } = this.state;
    const view = viewFor(step);
    const form = event.currentTarget as HTMLFormElement;
    const answer = view.read(step, form, this.#context());
    if ('invalid' in answer) {
      this.#reject(form, answer.invalid);
      return;
    }
    clearInvalid(form);
    const next = await this.run((auth, signal) => auth.confirmSignIn(answer, { signal }));
    if (!next) {
      await this.#afterFailure(form, step, view.retry);
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
  };

  /** Says what is wrong with the form, on the field that is wrong. */
  #reject(form: HTMLFormElement, invalid: Invalid['invalid']): void {
    this.errorText = this.t(invalid.key, invalid.params);
    markInvalid(form, invalid.field);
  }

  /**
   * After a refused answer: if the step still waits (a wrong code), select what was typed for
   * retyping; if the sign-in is over (expired, too many tries), offer to start again.
   */
  async #afterFailure(form: HTMLFormElement, step: SignInStep, field: string | undefined): Promise<void> {
    if (this.auth?.currentStep !== step) {
      this.state = { kind: 'ended' };
      this.moveFocus();
      return;
    }
    await this.updateComplete;
    focusRetry(form, field);
  }

  #signedIn(session: Session): void {
    this.state = { kind: 'done' };
    this.moveFocus();
    emit(this, 'cognito-signed-in', { session });
  }

  #backToSignIn = (): void => {
    this.auth?.cancelSignIn();
    this.#toIdle();
    emit(this, 'cognito-navigate', { to: 'sign-in' }, true);
  };

  // -------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    const state = this.state;
    switch (state.kind) {
      case 'idle':
        return nothing;
      case 'done':
        return signedIn(this.#context());
      case 'ended':
        return ended(this.#context());
      case 'setup':
        return this.#setup.render(this.#context());
      case 'step':
        return keyed(state.key, viewFor(state.step).render(state.step, this.#context()));
    }
  }
}
