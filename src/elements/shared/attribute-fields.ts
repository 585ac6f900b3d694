/**
 * One form field per Cognito user attribute, with a label in the user's words and the input type
 * and autocomplete token browsers fill it from. Used by <cognito-sign-up> (the attributes the page
 * asks for) and <cognito-new-password> (the attributes the pool requires at the first sign-in).
 */
import type { TemplateResult } from 'lit';
import { field, type FieldOptions } from './form.ts';
import { isKeyOf, type MessageKey, registerMessages, type TextKey, type Translate } from './localize.ts';
import { attributeMessages } from './attribute-messages.ts';

registerMessages(attributeMessages);

type Input = Pick<FieldOptions, 'type' | 'autocomplete' | 'inputmode' | 'dir'> & { hint?: MessageKey };

const PHONE: Input = { type: 'tel', autocomplete: 'tel', inputmode: 'tel', dir: 'ltr', hint: 'signUp.phoneHint' };

/** How each standard attribute is typed; anything else (custom:*) is plain text. */
const INPUTS: Record<string, Input> = {
  name: { autocomplete: 'name' },
  given_name: { autocomplete: 'given-name' },
  family_name: { autocomplete: 'family-name' },
  middle_name: { autocomplete: 'additional-name' },
  nickname: { autocomplete: 'nickname' },
  preferred_username: { autocomplete: 'username', dir: 'ltr' },
  email: { type: 'email', autocomplete: 'email', inputmode: 'email', dir: 'ltr' },
  phone_number: PHONE,
  birthdate: { type: 'date', autocomplete: 'bday' },
  address: { autocomplete: 'street-address' },
  gender: { autocomplete: 'sex' },
  locale: { autocomplete: 'language' },
  zoneinfo: {},
  website: { type: 'url', autocomplete: 'url', dir: 'ltr' },
  profile: { type: 'url', autocomplete: 'url', dir: 'ltr' },
  picture: { type: 'url', autocomplete: 'photo', dir: 'ltr' },
};

/** The key of an attribute's label: a standard attribute's (English built in), or the one an app may set for a custom one. */
function labelKey(name: string): TextKey | undefined {
  const key = `signUp.attribute.${name}`;
  if (isKeyOf(attributeMessages, key)) return key;
  return name.startsWith('custom:') ? `signUp.attribute.custom:${name.slice('custom:'.length)}` : undefined;
}

/** "Date of birth" for birthdate; for custom:plan, "plan" (or the app's string for 'signUp.attribute.custom:plan'). */
export function attributeLabel(name: string, t: Translate): string {
  const key = labelKey(name);
  const text = key && t(key);
  if (text && text !== key) return text;
  return name.startsWith('custom:') ? name.slice('custom:'.length) : name;
}

/** The phone number hint, for fields that are not attribute fields (the username, when it is a phone number). */
export const phoneHintKey = PHONE.hint!;

export interface AttributeFieldOptions {
  t: Translate;
  /** The element's id prefix function. */
  idFor: (name: string) => string;
  required: boolean;
  /** What the page configured for this field (`formFields`). */
  config?: FieldOptions['config'];
}

/** The form field for one attribute; its input is named after the attribute (e.g. "custom:plan"). */
export function attributeField(name: string, o: AttributeFieldOptions): TemplateResult {
  return field(attributeFieldOptions(name, o));
}

/** The options of that field (for a form that renders it with the page's configuration, form-customization.ts). */
export function attributeFieldOptions(name: string, o: AttributeFieldOptions): FieldOptions {
  const input = INPUTS[name] ?? {};
  const label = attributeLabel(name, o.t);
  return {
    id: o.idFor(`attribute-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`),
    name,
    label: (o.config?.required ?? o.required) ? label : o.t('signUp.optional', { label }),
    type: input.type,
    autocomplete: input.autocomplete,
    inputmode: input.inputmode,
    dir: input.dir,
    hint: input.hint ? o.t(input.hint) : undefined,
    required: o.required,
    config: o.config,
  };
}

/** The attributes the user filled in, trimmed; empty ones are left out. */
export function readAttributes(form: HTMLFormElement, names: readonly string[]): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of names) {
    const control = form.elements.namedItem(name);
    const value = control instanceof HTMLInputElement ? control.value.trim() : '';
    if (value) attributes[name] = value;
  }
  return attributes;
}
