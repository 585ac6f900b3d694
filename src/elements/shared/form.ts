/**
 * The pieces every form is built from, so labels, hints, errors, autocomplete tokens and the busy
 * state are the same everywhere. All text goes in as text (never as HTML).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Session } from '../../core/index.ts';
import type { MessageKey } from './localize.ts';
import type { FieldConfig } from './form-fields.ts';

export interface FieldOptions {
  id: string;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'tel' | 'password' | 'number' | 'url' | 'date';
  /** An autocomplete token: username, current-password, new-password, one-time-code, email, tel, ... */
  autocomplete?: string;
  required?: boolean;
  /** Initial value only; what the user types is never overwritten by a re-render. */
  value?: string;
  hint?: string;
  inputmode?: 'numeric' | 'text' | 'email' | 'tel';
  autofocus?: boolean;
  /** Ids of other elements that describe the input (e.g. a password policy list). */
  describedBy?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
  /** What the page configured for this field (`formFields`): it wins over the element's own label, hint, and so on. */
  config?: FieldConfig;
}

export function field(options: FieldOptions): TemplateResult {
  const c = options.config;
  const o: FieldOptions = { ...options, ...c };
  // A field the page hides shows nothing and still sends its value (a preset).
  if (c?.hidden) return html`<input type="hidden" name=${o.name} .value=${o.value ?? ''} />`;
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  const describedBy = [hintId, o.describedBy].filter(Boolean).join(' ') || undefined;
  return html`<div class="cognito-field">
    <label class="cognito-label" for=${o.id}>${o.label}</label>
    <input
      class="cognito-input ${o.autocomplete === 'one-time-code' ? 'cognito-input--code' : ''}"
      id=${o.id}
      name=${o.name}
      type=${o.type ?? 'text'}
      autocomplete=${ifDefined(o.autocomplete)}
      inputmode=${ifDefined(o.inputmode)}
      dir=${ifDefined(o.dir)}
      placeholder=${ifDefined(c?.placeholder)}
      .defaultValue=${o.value ?? ''}
      ?data-password=${o.type === 'password'}
      ?required=${o.required ?? true}
      ?data-autofocus=${o.autofocus ?? false}
      aria-describedby=${ifDefined(describedBy)}
      autocapitalize="off"
      spellcheck="false"
    />
    ${o.hint ? html`<p class="cognito-hint" id=${hintId}>${o.hint}</p>` : nothing}
  </div>`;
}

/**
 * A "Show password" checkbox for the form it is in: while checked, the form's passwords show as text
 * (a native checkbox, so its state is announced and visible without ARIA). CognitoElement turns them
 * back into password inputs whenever a form is submitted.
 */
export function showPasswordToggle(label: string): TemplateResult {
  return html`<label class="cognito-choice"><input type="checkbox" data-show-password @change=${showPasswords} /><span>${label}</span></label>`;
}

function showPasswords(event: Event): void {
  const box = event.currentTarget as HTMLInputElement;
  for (const input of box.form?.querySelectorAll<HTMLInputElement>('input[data-password]') ?? []) input.type = box.checked ? 'text' : 'password';
}

/** Hides the passwords of a form being submitted again, so no browser keeps one as typed text. */
export function hidePasswords(event: Event): void {
  const form = event.target as HTMLFormElement;
  for (const input of form.querySelectorAll<HTMLInputElement>('input[data-password]')) input.type = 'password';
  for (const box of form.querySelectorAll<HTMLInputElement>('input[data-show-password]')) box.checked = false;
}

/** A hidden username field for new-password forms, so password managers save the right account. */
export function hiddenUsername(username: string): TemplateResult {
  return html`<input type="text" name="username" autocomplete="username" .defaultValue=${username} hidden readonly />`;
}

/**
 * The submit button, with a spinner and `busyLabel` while busy. Lit writes a boolean bound to an
 * attribute as "true" or "false", the values aria-disabled (and every form's aria-busy) takes.
 */
export function submitButton(label: string, busy: boolean, busyLabel: string): TemplateResult {
  return html`<button class="cognito-button" type="submit" ?disabled=${busy} aria-disabled=${busy}>
    ${busy ? html`<span class="cognito-spinner" aria-hidden="true"></span><span>${busyLabel}</span>` : label}
  </button>`;
}

/** The live region errors are announced in; always rendered, so screen readers hear new text. */
export function errorRegion(id: string, text: string): TemplateResult {
  return html`<p class="cognito-error" id=${id} aria-live="assertive">${text}</p>`;
}

export function statusRegion(id: string, text: string): TemplateResult {
  return html`<p class="cognito-status" id=${id} role="status" aria-live="polite">${text}</p>`;
}

/** The step's title; focusable (tabindex -1) so focus can move to it when a step has no field. */
export function heading(text: string): TemplateResult {
  return html`<h2 class="cognito-heading" tabindex="-1">${text}</h2>`;
}

/** What users sign in with: a username, or an email address or phone number used as the username. */
export type UsernameKind = 'username' | 'email' | 'phone_number';

/** The name a user signs in with, as far as their session tells: the email or phone number when the pool signs in with one. */
export function signInName(session: Session, kind: UsernameKind): string {
  const alias = kind === 'username' ? undefined : session.claims[kind];
  return typeof alias === 'string' && alias ? alias : session.username;
}

/**
 * The username input, labelled and typed for what the pool signs in with. Always
 * `autocomplete="username"`: it is the account name password managers save the password under.
 */
export function usernameField(o: UsernameOptions): TemplateResult {
  return field(usernameOptions(o));
}

type UsernameOptions = Pick<FieldOptions, 'id' | 'value' | 'hint' | 'config'> & { kind: UsernameKind; label: (key: MessageKey) => string };

/** The username input's options (for a form that renders it with the page's configuration, form-customization.ts). */
export function usernameOptions(o: UsernameOptions): FieldOptions {
  const { kind } = o;
  return {
    id: o.id,
    name: 'username',
    label: o.label(kind === 'email' ? 'common.email' : kind === 'phone_number' ? 'common.phone' : 'common.username'),
    type: kind === 'email' ? 'email' : kind === 'phone_number' ? 'tel' : 'text',
    inputmode: kind === 'email' ? 'email' : kind === 'phone_number' ? 'tel' : undefined,
    hint: o.hint,
    autocomplete: 'username',
    value: o.value,
    autofocus: true,
    dir: 'ltr',
    config: o.config,
  };
}

/** A one-time code input (numeric keyboard, OTP autofill), named `code`. */
export function codeField(o: Pick<FieldOptions, 'id' | 'label' | 'describedBy' | 'config' | 'value'> & { autofocus?: boolean }): TemplateResult {
  return field({
    id: o.id,
    name: 'code',
    label: o.label,
    value: o.value,
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    autofocus: o.autofocus ?? true,
    dir: 'ltr',
    describedBy: o.describedBy,
    config: o.config,
  });
}

/** The current value of a named control in a form, read at submit time (autofill may not fire events). */
export function formValue(form: HTMLFormElement, name: string): string {
  const control = form.elements.namedItem(name);
  return control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement ? control.value : '';
}
