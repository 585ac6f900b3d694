/**
 * What <cognito-attributes> shows for each step of its own: the profile (rows, verification badges,
 * the confirmation of a removal), the edit form, and the verification code form. Pure templates
 * over what the element passes in; the element owns the state and the actions.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CodeDelivery, UserAttributes } from '../../core/index.ts';
import { codeField, errorRegion, field, heading, statusRegion } from '../shared/form.ts';
import type { Translate } from '../shared/localize.ts';
import type { FormConfig } from '../shared/form-fields.ts';
import { displayValue, INPUTS, isVerifiable, type Verifiable } from './attribute-names.ts';

/** Which of its own steps the element is on (while a user is shown), with what the step needs. */
export type Step =
  /** The profile; `removing` names the attribute whose removal is being confirmed. */
  | { is: 'view'; removing?: string }
  | { is: 'edit' }
  /** Which attribute, where the code went, and any attributes waiting after it. */
  | { is: 'verify'; attribute: Verifiable; delivery?: CodeDelivery; next: CodeDelivery[] };

export interface AttributesViewContext {
  t: Translate;
  idFor: (name: string) => string;
  busy: boolean;
  errorText: string;
  statusText: string;
  attributes: UserAttributes;
  label: (name: string) => string;
  /** The element's language, for dates. */
  locale?: string;
  submit: (label: string, busy: boolean, busyLabel: string) => unknown;
  /** The page's configuration of the edit form (`formFields.attributes`). */
  config?: FormConfig;
}

export interface StepActions {
  edit(): void;
  save(event: SubmitEvent): void;
  /** Back to the profile (Cancel, Later). */
  view(): void;
  verify(event: SubmitEvent, step: Step & { is: 'verify' }): void;
  resend(attribute: Verifiable): void;
  sendCode(name: Verifiable): void;
  askRemove(name: string): void;
  cancelRemove(name: string): void;
  remove(name: string): void;
}

/** The step's template: `names` are the shown attributes, `editable` the ones the edit form offers. */
export function renderStep(
  c: AttributesViewContext,
  step: Step,
  o: { names: string[]; editable: string[]; removable: (name: string) => boolean; on: StepActions },
): TemplateResult {
  const { on } = o;
  switch (step.is) {
    case 'edit':
      return renderEdit(c, { names: o.editable, save: (event) => on.save(event), cancel: () => on.view() });
    case 'verify':
      return renderVerify(c, { ...step, verify: (event) => on.verify(event, step), resend: () => on.resend(step.attribute), later: () => on.view() });
    case 'view':
      return renderProfile(c, { names: o.names, editable: o.editable.length > 0, removable: o.removable, removing: step.removing, on });
  }
}

/** The profile: each shown attribute, with Verify and Remove where they apply; `removing` is being confirmed. */
function renderProfile(
  c: AttributesViewContext,
  o: { names: string[]; editable: boolean; removable: (name: string) => boolean; removing?: string; on: StepActions },
): TemplateResult {
  const { t, idFor } = c;
  return html`
    ${heading(t('attributes.title'))}
    ${
      o.names.length
        ? html`<dl class="cognito-list cognito-attributes">${o.names.map((name) => renderRow(c, name, o))}</dl>`
        : html`<p class="cognito-text">${t('attributes.empty')}</p>`
    }
    ${errorRegion(idFor('error'), c.errorText)} ${statusRegion(idFor('status'), c.statusText)}
    ${
      o.editable
        ? html`<div class="cognito-actions">
          <button class="cognito-button" type="button" ?disabled=${c.busy} @click=${() => o.on.edit()}>${t('attributes.edit')}</button>
        </div>`
        : nothing
    }
  `;
}

function renderRow(c: AttributesViewContext, name: string, o: { removable: (name: string) => boolean; removing?: string; on: StepActions }): TemplateResult {
  const { t } = c;
  const label = c.label(name);
  const value = c.attributes[name] ?? '';
  return html`<div class="cognito-list-item" data-attribute=${name}>
    <dt class="cognito-label">${label}</dt>
    <dd class="cognito-attribute-value">
      <span dir="auto">${displayValue(name, value, c.locale)}</span>
      ${isVerifiable(name) ? renderVerification(c, name, label, o.on) : nothing}
      ${
        o.removing === name
          ? html`<span class="cognito-confirm">
            <span>${t('attributes.removeConfirm', { attribute: label })}</span>
            <button class="cognito-button cognito-button--danger" type="button" data-remove-confirm ?disabled=${c.busy} @click=${() => o.on.remove(name)}>
              ${c.busy ? html`<span class="cognito-spinner" aria-hidden="true"></span>` : nothing}${t('attributes.removeYes')}
            </button>
            <button class="cognito-button cognito-button--secondary" type="button" @click=${() => o.on.cancelRemove(name)}>${t('common.cancel')}</button>
          </span>`
          : o.removable(name)
            ? html`<button class="cognito-link" type="button" data-remove=${name} @click=${() => o.on.askRemove(name)}>
              <span aria-hidden="true">${t('attributes.remove')}</span><span class="cognito-visually-hidden">${t('attributes.removeNamed', { label })}</span>
            </button>`
            : nothing
      }
    </dd>
  </div>`;
}

function renderVerification(c: AttributesViewContext, name: Verifiable, label: string, on: StepActions): TemplateResult {
  const { t } = c;
  if (c.attributes[`${name}_verified`] === 'true') {
    return html`<span class="cognito-badge" data-verified="true">${t('attributes.verified')}</span>`;
  }
  return html`<span class="cognito-badge" data-verified="false">${t('attributes.notVerified')}</span>
    <button class="cognito-link" type="button" data-verify=${name} ?disabled=${c.busy} @click=${() => on.sendCode(name)}>
      <span aria-hidden="true">${t('common.verify')}</span><span class="cognito-visually-hidden">${t('attributes.verifyNamed', { label })}</span>
    </button>`;
}

/** The edit form: one field per editable attribute, the first focused. */
function renderEdit(c: AttributesViewContext, o: { names: string[]; save: (event: SubmitEvent) => void; cancel: () => void }): TemplateResult {
  const { t, idFor } = c;
  return html`
    ${heading(t('attributes.editTitle'))}
    <form class="cognito-form" aria-busy=${c.busy} @submit=${o.save} novalidate>
      ${ordered(c, o.names).map((name, i) => renderField(c, name, i === 0))}
      ${errorRegion(idFor('error'), c.errorText)}
      <div class="cognito-actions">
        ${c.submit(t('attributes.save'), c.busy, t('attributes.saving'))}
        <button class="cognito-button cognito-button--secondary" type="button" @click=${() => o.cancel()}>${t('common.cancel')}</button>
      </div>
    </form>
  `;
}

/** The attributes in the order the page asked for: those with an `order` first, lowest first, then the others as listed. */
function ordered(c: AttributesViewContext, names: string[]): string[] {
  const order = (name: string) => c.config?.fields?.[name]?.order ?? Infinity;
  return names
    .map((name, index) => ({ name, index }))
    .sort((a, b) => order(a.name) - order(b.name) || a.index - b.index)
    .map((n) => n.name);
}

function renderField(c: AttributesViewContext, name: string, first: boolean): TemplateResult {
  const { t } = c;
  const value = c.attributes[name] ?? '';
  const config = c.config?.fields?.[name];
  const input = { ...INPUTS[name] };
  // A date input cannot hold Cognito's "0000-MM-DD" (birthday without a year): use text then.
  if (input.type === 'date' && value && !/^(?!0000)\d{4}-\d{2}-\d{2}$/.test(value)) input.type = 'text';
  const hint = name === 'phone_number' ? t('attributes.phoneHint') : name === 'birthdate' && input.type === 'text' ? t('attributes.birthdateHint') : undefined;
  return field({
    ...input,
    id: c.idFor(`field-${name.replace(/[^\w-]/g, '-')}`),
    name,
    label: c.label(name),
    value,
    required: false,
    autofocus: first,
    hint,
    // A configured value is for an attribute the user has not set: what they have is never replaced.
    config: config && { ...config, value: value || config.value },
  });
}

/** The code form for verifying `attribute`, with Resend and Later. */
function renderVerify(
  c: AttributesViewContext,
  o: { attribute: Verifiable; delivery?: CodeDelivery; verify: (event: SubmitEvent) => void; resend: () => void; later: () => void },
): TemplateResult {
  const { t, idFor } = c;
  const destination = o.delivery?.destination;
  return html`
    ${heading(t('attributes.verifyTitle', { attribute: c.label(o.attribute) }))}
    <p class="cognito-text">${destination ? t('common.codeSentTo', { destination }) : t('common.codeSent')}</p>
    <form class="cognito-form" aria-busy=${c.busy} @submit=${o.verify} novalidate>
      ${codeField({ id: idFor('code'), label: t('common.code') })}
      ${errorRegion(idFor('error'), c.errorText)} ${statusRegion(idFor('status'), c.statusText)}
      ${c.submit(t('common.verify'), c.busy, t('attributes.verifyBusy'))}
      <div class="cognito-links">
        <button class="cognito-link" type="button" ?disabled=${c.busy} @click=${() => o.resend()}>${t('common.resend')}</button>
        <button class="cognito-link" type="button" @click=${() => o.later()}>${t('attributes.verifyLater')}</button>
      </div>
    </form>
  `;
}
