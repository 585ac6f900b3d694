/** The pieces the step views share: the step form, the way back, radio choices, reading a code. */
import { html, nothing, type TemplateResult } from 'lit';
import { codeField, errorRegion, formValue, heading } from '../../shared/form.ts';
import type { MessageKey } from '../../shared/localize.ts';
import type { Invalid, StepContext } from './view.ts';

/** Cognito's authenticator-app codes are 6 digits; its text and email codes 6 (MFA) to 8 (passwordless). */
export const TOTP_DIGITS = { min: 6, max: 6 };
export const SENT_CODE_DIGITS = { min: 6, max: 8 };

/** A step's title, text and form (its fields, the error region, the submit button), then what goes after it. */
export function stepForm(
  ctx: StepContext,
  title: string,
  text: string | undefined,
  fields: TemplateResult,
  submitLabel: string,
  after = backLink(ctx),
): TemplateResult {
  return html`
    ${heading(title)}
    ${text ? html`<p class="cognito-text">${text}</p>` : nothing}
    <form class="cognito-form" aria-busy=${ctx.busy} @submit=${ctx.onSubmit} novalidate>
      ${fields}
      ${errorRegion(ctx.idFor('error'), ctx.errorText)}
      ${ctx.submit(submitLabel)}
    </form>
    ${after}
  `;
}

export function backLink(ctx: StepContext): TemplateResult {
  return html`<div class="cognito-links">
    <button class="cognito-link" type="button" ?disabled=${ctx.busy} @click=${ctx.backToSignIn}>${ctx.t('common.backToSignIn')}</button>
  </div>`;
}

/** A step this page cannot answer (or one with no usable option): say so, and offer the sign-in again. */
export function unsupported(ctx: StepContext): TemplateResult {
  return html`${heading(ctx.t('mfa.unknown.title'))}
    <p class="cognito-text">${ctx.t('mfa.unknown.text')}</p>
    <div class="cognito-actions">
      <button class="cognito-button" type="button" data-autofocus @click=${ctx.backToSignIn}>${ctx.t('common.backToSignIn')}</button>
    </div>`;
}

/** Signed in here. */
export function signedIn(ctx: StepContext): TemplateResult {
  return html`${heading(ctx.t('mfa.done.title'))}<p class="cognito-status" role="status">${ctx.t('mfa.done.text')}</p>`;
}

/** The sign-in ended on an error (expired, too many tries): say why, and offer the sign-in again. */
export function ended(ctx: StepContext): TemplateResult {
  return html`${heading(ctx.t('mfa.ended.title'))}
    <p class="cognito-error" role="alert">${ctx.errorText}</p>
    <div class="cognito-actions">
      <button class="cognito-button" type="button" @click=${ctx.backToSignIn}>${ctx.t('common.backToSignIn')}</button>
    </div>`;
}

export function codeInput(ctx: Pick<StepContext, 'idFor' | 'field'>, label: string, form: 'mfaCode' | 'totpSetup' = 'mfaCode'): TemplateResult {
  return codeField({ id: ctx.idFor('code'), label, describedBy: ctx.idFor('error'), config: ctx.field(form, 'code') });
}

/** A radio group in a fieldset; the selected (first) choice takes the focus. */
export function choices<V extends string>(
  name: string,
  legend: string,
  options: { value: V; label: string }[],
  selected: V | undefined,
  onChange?: (event: Event) => void,
): TemplateResult {
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

/** The value of the checked radio button of a group ('' if none). */
export function checked(form: HTMLFormElement, name: string): string {
  return form.querySelector<HTMLInputElement>(`input[type="radio"][name="${name}"]:checked`)?.value ?? '';
}

/**
 * A code read from the form, without the spaces people type or paste ("123 456"). Only its
 * length is checked here (no `pattern` on the input, which would block the submit silently).
 */
export function readCode(form: HTMLFormElement, digits: { min: number; max: number }): { code: string } | Invalid {
  const code = formValue(form, 'code').replace(/[\s-]/g, '');
  const invalid = (key: MessageKey, params?: Record<string, number>): Invalid => ({ invalid: { key, params, field: 'code' } });
  if (!code) return invalid('mfa.code.empty');
  if (!/^\d+$/.test(code)) return invalid('mfa.code.digits');
  if (code.length < digits.min || code.length > digits.max) {
    return digits.min === digits.max ? invalid('mfa.code.length', { count: digits.min }) : invalid('mfa.code.lengthRange', digits);
  }
  return { code };
}

/**
 * "Remember this device", off until ticked, with what it means as its hint. A native checkbox in a
 * label, so the hint is announced with it (aria-describedby) and clicking the text ticks it.
 */
export function rememberDeviceBox(ctx: Pick<StepContext, 'idFor' | 't'>): TemplateResult {
  return html`<div class="cognito-field">
    <label class="cognito-choice">
      <input type="checkbox" name="remember-device" aria-describedby=${ctx.idFor('remember-hint')} />
      <span>${ctx.t('mfa.rememberDevice.label')}</span>
    </label>
    <p class="cognito-hint" id=${ctx.idFor('remember-hint')}>${ctx.t('mfa.rememberDevice.hint')}</p>
  </div>`;
}

/** The `remember-device` attribute as the code steps apply it: a client that remembers every device takes the place of the box; an unknown value asks. */
export function rememberMode(value: string | undefined, clientRemembers: boolean): StepContext['rememberDevice'] {
  if (value === 'always' || value === 'never') return value;
  return clientRemembers ? 'client' : 'ask';
}

/** The answer to "Remember this device": the box's, the one the element gives for the user, or none (the client decides). */
export function rememberChoice(form: HTMLFormElement, ctx: Pick<StepContext, 'rememberDevice'>): { rememberDevice?: boolean } {
  switch (ctx.rememberDevice) {
    case 'ask':
      return { rememberDevice: form.querySelector<HTMLInputElement>('input[name="remember-device"]')?.checked === true };
    case 'always':
      return { rememberDevice: true };
    case 'never':
      return { rememberDevice: false };
    case 'client':
      return {};
  }
}

/** Marks the field a form was refused for and puts the user back in it, its text selected. */
export function markInvalid(form: HTMLFormElement, field: string): void {
  const input = form.elements.namedItem(field);
  if (input instanceof HTMLInputElement) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    input.select();
  }
}

export function clearInvalid(form: HTMLFormElement): void {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

/** After a refused answer (the form rendered again): what was typed in `field` selected for retyping, or else the submit button focused. */
export function focusRetry(form: HTMLFormElement, field: string | undefined): void {
  const input = field ? form.elements.namedItem(field) : null;
  if (input instanceof HTMLInputElement && form.isConnected) {
    input.focus();
    input.select();
  } else {
    form.querySelector<HTMLElement>('button[type="submit"]')?.focus();
  }
}
