/**
 * What `formFields` asks for beyond labels and hints, loaded only when a form's configuration has
 * it (needsCustomFields): the extra fields of sign-up and new-password (text, number, date, select,
 * radio, checkbox), the phone country selector that makes E.164 numbers, their checks, and where
 * their values are sent (attributes, clientMetadata, validationData).
 */
import type { html as Html, nothing as Nothing, TemplateResult } from 'lit';
import type { ifDefined as IfDefined } from 'lit/directives/if-defined.js';
import type { FieldProblem } from './field-errors.ts';
import type { field as Field, FieldOptions } from './form.ts';
import type { CustomField, FormConfig, FormValues } from './form-fields.ts';
import type { registerMessages as RegisterMessages, Translate } from './localize.ts';
import { customFieldMessages } from './custom-field-messages.ts';
import type { addStyles as AddStyles } from './styles.ts';

/**
 * What this module uses of Lit and of the code every element shares, handed in by
 * form-customization.ts (setUp) rather than imported: a module loaded on demand that imported them
 * would make the bundler split that shared code into one more chunk, which every page then fetches.
 */
export interface Kit {
  html: typeof Html;
  nothing: typeof Nothing;
  ifDefined: typeof IfDefined;
  field: typeof Field;
  registerMessages: typeof RegisterMessages;
  addStyles: typeof AddStyles;
}

let kit: Kit;

/** Called once, when the module has loaded: its strings and its style rules join the shared ones. */
export function setUp(given: Kit): void {
  kit = given;
  kit.registerMessages(customFieldMessages);
  kit.addStyles(STYLES);
}

// A message under a checkbox or radio goes on its own line, below the choice.
const STYLES = /* css */ `
:where(cognito-sign-up, cognito-new-password) .cognito-custom-choice { flex-wrap: wrap; }
:where(cognito-sign-up, cognito-new-password) .cognito-custom-choice > .cognito-field-error { flex-basis: 100%; }
:where(cognito-sign-up, cognito-new-password) .cognito-phone { display: flex; gap: 0.5rem; }
:where(cognito-sign-up, cognito-new-password) .cognito-phone > select { flex: 0 1 12rem; min-inline-size: 0; }
:where(cognito-sign-up, cognito-new-password) .cognito-phone > input { flex: 1 1 auto; min-inline-size: 0; }
`;

/** Calling codes of the countries offered, by ISO 3166 code; the names come from the browser (Intl.DisplayNames), in the element's language. */
const DIAL_CODES: Record<string, string> = {
  AE: '971',
  AR: '54',
  AT: '43',
  AU: '61',
  BE: '32',
  BR: '55',
  CA: '1',
  CH: '41',
  CL: '56',
  CN: '86',
  CO: '57',
  CZ: '420',
  DE: '49',
  DK: '45',
  EG: '20',
  ES: '34',
  FI: '358',
  FR: '33',
  GB: '44',
  GR: '30',
  HK: '852',
  ID: '62',
  IE: '353',
  IL: '972',
  IN: '91',
  IT: '39',
  JP: '81',
  KE: '254',
  KR: '82',
  MX: '52',
  MY: '60',
  NG: '234',
  NL: '31',
  NO: '47',
  NZ: '64',
  PH: '63',
  PK: '92',
  PL: '48',
  PT: '351',
  RO: '40',
  RU: '7',
  SA: '966',
  SE: '46',
  SG: '65',
  TH: '66',
  TR: '90',
  TW: '886',
  UA: '380',
  US: '1',
  VN: '84',
  ZA: '27',
};

/** The name of the country selector of a phone field named `name`. */
const countryName = (name: string) => `${name}-country`;

export interface CustomFieldsContext {
  t: Translate;
  idFor: (name: string) => string;
  /** The element's language, for the countries' names. */
  lang: string;
}

const idOf = (c: CustomFieldsContext, name: string) => c.idFor(`custom-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`);

/** The browser's names of countries in `lang` (English for a tag it does not take, e.g. an app's registerLocale name). */
function regionNames(lang: string): Intl.DisplayNames {
  try {
    return new Intl.DisplayNames([lang, 'en'], { type: 'region' });
  } catch {
    return new Intl.DisplayNames(['en'], { type: 'region' });
  }
}

/** A phone number field as a country selector and the national number: `options` are the element's own for the field (label, hint, config). */
export function phoneField(options: FieldOptions, country: string, c: CustomFieldsContext): TemplateResult {
  const { html, nothing, ifDefined } = kit;
  // The element's hint asks for E.164 ("+4930…"); with a selector only the page's own hint applies.
  const o = { ...options, ...options.config, hint: options.config?.hint };
  const names = regionNames(c.lang);
  const countries = Object.keys(DIAL_CODES)
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, c.lang));
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  return html`<div class="cognito-field">
    <label class="cognito-label" for=${o.id}>${o.label}</label>
    <div class="cognito-phone">
      <select class="cognito-input" name=${countryName(o.name)} aria-label=${c.t('customField.country')} autocomplete="tel-country-code">
        ${countries.map((k) => html`<option value=${k.code} ?selected=${k.code === country.toUpperCase()}>${k.name} +${DIAL_CODES[k.code]}</option>`)}
      </select>
      <input
        class="cognito-input"
        id=${o.id}
        name=${o.name}
        type="text"
        inputmode="tel"
        dir="ltr"
        autocomplete=${o.config?.autocomplete ?? 'tel-national'}
        placeholder=${ifDefined(o.placeholder)}
        .defaultValue=${o.value ?? ''}
        ?required=${o.required ?? true}
        ?data-autofocus=${o.autofocus ?? false}
        aria-describedby=${ifDefined(hintId)}
        data-phone
      />
    </div>
    ${o.hint ? html`<p class="cognito-hint" id=${hintId}>${o.hint}</p>` : nothing}
  </div>`;
}

/** The extra fields of a form, in its order; text, number and date are ordinary fields (their checks are checkForm's). */
export function customFields(fields: readonly CustomField[], c: CustomFieldsContext): TemplateResult[] {
  const { html, nothing, ifDefined, field } = kit;
  return fields.map((f) => {
    const id = idOf(c, f.name);
    const hintId = f.hint ? `${id}-hint` : undefined;
    const hint = f.hint ? html`<p class="cognito-hint" id=${hintId}>${f.hint}</p>` : nothing;
    const required = f.required ?? false;
    switch (f.type) {
      case 'checkbox':
        return html`<div class="cognito-field">
          <div class="cognito-choice cognito-custom-choice">
            <input type="checkbox" id=${id} name=${f.name} .defaultChecked=${f.value === 'true'} ?required=${required} aria-describedby=${ifDefined(hintId)} data-custom />
            <label for=${id}>${f.label}</label>
          </div>
          ${hint}
        </div>`;
      case 'radio':
        return html`<fieldset class="cognito-field cognito-choices" aria-describedby=${ifDefined(hintId)}>
          <legend class="cognito-label">${f.label}</legend>
          ${(f.options ?? []).map(
            (option, i) => html`<div class="cognito-choice cognito-custom-choice">
              <input
                type="radio"
                id=${i ? `${id}-${i}` : id}
                name=${f.name}
                value=${option.value}
                .defaultChecked=${option.value === f.value}
                ?required=${required}
                ?data-custom=${i === 0}
              />
              <label for=${i ? `${id}-${i}` : id}>${option.label}</label>
            </div>`,
          )}
          ${hint}
        </fieldset>`;
      case 'select':
        return html`<div class="cognito-field">
          <label class="cognito-label" for=${id}>${f.label}</label>
          <select class="cognito-input" id=${id} name=${f.name} ?required=${required} autocomplete=${ifDefined(f.autocomplete)} aria-describedby=${ifDefined(hintId)} data-custom>
            <option value="" ?selected=${!f.value}>${f.placeholder ?? ''}</option>
            ${(f.options ?? []).map((option) => html`<option value=${option.value} ?selected=${option.value === f.value}>${option.label}</option>`)}
          </select>
          ${hint}
        </div>`;
      default:
        return field({
          id,
          name: f.name,
          label: f.label,
          type: f.type,
          required,
          hint: f.hint,
          config: { placeholder: f.placeholder, value: f.value, autocomplete: f.autocomplete },
        });
    }
  });
}

function control(form: HTMLFormElement, name: string): Element | RadioNodeList | null {
  return form.elements.namedItem(name);
}

/** A phone field's number in E.164: the selected country's code and the national number's digits (without a leading trunk 0). */
function e164(form: HTMLFormElement, name: string): string {
  const national = (control(form, name) as HTMLInputElement | null)?.value.replace(/\D/g, '').replace(/^0/, '') ?? '';
  const country = (control(form, countryName(name)) as HTMLSelectElement | null)?.value ?? '';
  return national ? `+${DIAL_CODES[country] ?? ''}${national}` : '';
}

/** The fields that have a country selector in this form's configuration. */
const phoneFields = (config: FormConfig) => Object.keys(config.fields ?? {}).filter((name) => config.fields![name].phoneCountry);

/** The values of the extra fields (checkboxes as booleans), and every phone number with a selector in E.164. */
export function readCustom(form: HTMLFormElement, config: FormConfig): FormValues {
  const values: FormValues = {};
  for (const f of config.custom ?? []) {
    const c = control(form, f.name);
    if (f.type === 'checkbox') values[f.name] = c instanceof HTMLInputElement && c.checked;
    else values[f.name] = c instanceof RadioNodeList || c instanceof HTMLInputElement || c instanceof HTMLSelectElement ? c.value.trim() : '';
  }
  for (const name of phoneFields(config)) if (control(form, name)) values[name] = e164(form, name);
  return values;
}

/** What is wrong with the extra fields (a required box not ticked, no choice made) and the phone numbers (8 to 15 digits in all). */
export function customProblems(form: HTMLFormElement, config: FormConfig): FieldProblem[] {
  const values = readCustom(form, config);
  const problems: FieldProblem[] = [];
  for (const f of config.custom ?? []) {
    if (!f.required || values[f.name]) continue;
    if (f.type === 'checkbox') problems.push({ field: f.name, key: 'customField.tick' });
    else if (f.type === 'select' || f.type === 'radio') problems.push({ field: f.name, key: 'customField.choose' });
  }
  for (const name of phoneFields(config)) {
    const digits = String(values[name] ?? '').length - 1;
    if (digits > 0 && (digits < 8 || digits > 15)) problems.push({ field: name, key: 'customField.phone' });
  }
  return problems;
}

/** Where the extra fields' values go (see CustomField.mapTo); unmapped fields are not sent, nor empty ones. */
export function mapCustom(values: FormValues, fields: readonly CustomField[]) {
  const sent = { attributes: {} as Record<string, string>, clientMetadata: {} as Record<string, string>, validationData: {} as Record<string, string> };
  for (const f of fields) {
    const value = values[f.name];
    const to = f.mapTo;
    if (!to || value === '' || value === undefined) continue;
    const text = String(value);
    if ('attribute' in to) sent.attributes[to.attribute] = text;
    else if ('clientMetadata' in to) sent.clientMetadata[to.clientMetadata] = text;
    else sent.validationData[to.validationData] = text;
  }
  return sent;
}
