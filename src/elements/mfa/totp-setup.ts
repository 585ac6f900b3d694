/**
 * Setting up an authenticator app for the signed-in user (<cognito-mfa mode="setup">, as the
 * account page uses it): associate a secret, show it as a QR code and key, verify the first code.
 * Its own unit with its own state, apart from the sign-in steps.
 */
import { html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { CognitoClient, MfaPreference } from '../../core/index.ts';
import { emit } from '../shared/events.ts';
import { errorRegion, formValue, heading } from '../shared/form.ts';
import { totpForm, type TotpFormContext } from './totp-form.ts';
import { clearInvalid, focusRetry, readCode, TOTP_DIGITS } from './views/parts.ts';
import type { Invalid } from './views/view.ts';

/** What the set-up shows: the start button, the secret to add and its code, or the app that is on. */
export type TotpSetupState = { kind: 'start' } | { kind: 'verify'; secret: string; uri: string; key: number } | { kind: 'done' };

/** What the set-up needs from its element: its actions (what the form shows comes with each render). */
export interface TotpSetupHost {
  readonly element: HTMLElement;
  busy(): boolean;
  run<T>(task: (auth: CognitoClient, signal: AbortSignal) => Promise<T>): Promise<T | undefined>;
  requestUpdate(): void;
  moveFocus(): void;
  clearMessages(): void;
  /** Says what is wrong with the form, on the field that is wrong. */
  reject(form: HTMLFormElement, invalid: Invalid['invalid']): void;
  /** Resolves once the element has rendered what changed. */
  rendered(): Promise<unknown>;
}

export class TotpSetup {
  #state: TotpSetupState = { kind: 'start' };
  /** Bumped for every new secret, so each gets fresh inputs (nothing typed carries over). */
  #key = 0;

  constructor(private readonly host: TotpSetupHost) {}

  #set(state: TotpSetupState): void {
    this.#state = state;
    this.host.requestUpdate();
  }

  /** Back to the start button, with nothing said. */
  reset(): void {
    this.host.clearMessages();
    this.#set({ kind: 'start' });
  }

  #start = async (): Promise<void> => {
    const setup = await this.host.run((auth, signal) => auth.setUpTotp({ signal }));
    if (!setup) return;
    this.#set({ kind: 'verify', secret: setup.secret, uri: setup.uri, key: ++this.#key });
    this.host.moveFocus();
  };

  #verify = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.host.busy()) return;
    const form = event.currentTarget as HTMLFormElement;
    const code = readCode(form, TOTP_DIGITS);
    if ('invalid' in code) {
      this.host.reject(form, code.invalid);
      return;
    }
    clearInvalid(form);
    const deviceName = formValue(form, 'deviceName').trim() || undefined;
    const preference = await this.host.run(async (auth) => {
      await auth.verifyTotp({ code: code.code, deviceName });
      // The app is on now; if reading the settings back fails, they are what verifyTotp set.
      return auth.getMfaPreference().catch((): MfaPreference => ({ enabled: ['TOTP'], preferred: 'TOTP' }));
    });
    if (!preference) {
      await this.host.rendered();
      focusRetry(form, 'code');
      return;
    }
    this.#set({ kind: 'done' });
    this.host.moveFocus();
    emit(this.host.element, 'cognito-totp-set-up', {});
    emit(this.host.element, 'cognito-mfa-changed', { enabled: preference.enabled, preferred: preference.preferred });
  };

  #cancel = (): void => {
    this.reset();
    this.host.moveFocus();
  };

  render(ctx: TotpFormContext): unknown {
    const state = this.#state;
    switch (state.kind) {
      case 'start':
        return html`${heading(ctx.t('mfa.setup.title'))}
          <p class="cognito-text">${ctx.t('mfa.setup.text')}</p>
          ${errorRegion(ctx.idFor('error'), ctx.errorText)}
          <div class="cognito-actions">
            <button class="cognito-button" type="button" ?disabled=${ctx.busy} aria-disabled=${ctx.busy} @click=${this.#start}>
              ${ctx.busy ? html`<span class="cognito-spinner" aria-hidden="true"></span><span>${ctx.t('mfa.setup.busy')}</span>` : ctx.t('mfa.setup.start')}
            </button>
          </div>`;
      case 'verify': {
        const cancel = html`<div class="cognito-links">
          <button class="cognito-link" type="button" ?disabled=${ctx.busy} @click=${this.#cancel}>${ctx.t('common.cancel')}</button>
        </div>`;
        return keyed(state.key, totpForm(ctx, state.secret, state.uri, this.#verify, cancel));
      }
      case 'done':
        return html`${heading(ctx.t('mfa.setup.title'))}
          <p class="cognito-status" role="status">${ctx.t('mfa.setup.done')}</p>
          ${errorRegion(ctx.idFor('error'), ctx.errorText)}
          <div class="cognito-actions">
            <button class="cognito-button cognito-button--secondary" type="button" ?disabled=${ctx.busy} @click=${this.#start}>
              ${ctx.t('mfa.setup.again')}
            </button>
          </div>`;
    }
  }
}
