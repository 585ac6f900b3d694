/**
 * What <cognito-attributes> knows about Cognito's attributes: how each standard one is edited, the
 * order they are listed in, which are read-only or only flags, and how a value reads to a person.
 */
import type { UserAttributes } from '../../core/index.ts';
import type { FieldOptions } from '../shared/form.ts';
import { isKeyOf, type Translate } from '../shared/localize.ts';
import { attributesMessages } from './messages.ts';

/** How each standard attribute is edited: input type, autocomplete token, keyboard. */
export const INPUTS: Record<string, Partial<FieldOptions>> = {
  email: { type: 'email', autocomplete: 'email', inputmode: 'email', dir: 'ltr' },
  phone_number: { type: 'tel', autocomplete: 'tel', inputmode: 'tel', dir: 'ltr' },
  name: { autocomplete: 'name' },
  given_name: { autocomplete: 'given-name' },
  family_name: { autocomplete: 'family-name' },
  middle_name: { autocomplete: 'additional-name' },
  nickname: { autocomplete: 'nickname' },
  preferred_username: { autocomplete: 'off' },
  profile: { type: 'url', autocomplete: 'url', dir: 'ltr' },
  picture: { type: 'url', autocomplete: 'photo', dir: 'ltr' },
  website: { type: 'url', autocomplete: 'url', dir: 'ltr' },
  gender: { autocomplete: 'sex' },
  birthdate: { type: 'date', autocomplete: 'bday' },
  zoneinfo: { autocomplete: 'off', dir: 'ltr' },
  locale: { autocomplete: 'language', dir: 'ltr' },
  address: { autocomplete: 'street-address' },
};

/** The order attributes are listed in; custom ones follow, then the read-only ones. */
const ORDER = [
  'name',
  'given_name',
  'middle_name',
  'family_name',
  'nickname',
  'preferred_username',
  'email',
  'phone_number',
  'birthdate',
  'gender',
  'address',
  'locale',
  'zoneinfo',
  'website',
  'profile',
  'picture',
];
/** Shown, but never offered for editing or removal. */
const READ_ONLY = new Set(['sub', 'identities', 'updated_at']);
/** Not rows of their own: the verification state is shown next to email and phone number. */
const FLAGS = new Set(['email_verified', 'phone_number_verified']);

export type Verifiable = 'email' | 'phone_number';
export const isVerifiable = (name: string): name is Verifiable => name === 'email' || name === 'phone_number';

/** The names in a space-separated attribute value, e.g. `hidden-attributes="sub locale"`. */
export const words = (text: string | undefined | null) => new Set((text ?? '').split(/\s+/).filter(Boolean));

function rank(name: string): number {
  const i = ORDER.indexOf(name);
  if (i >= 0) return i;
  if (name.startsWith('custom:')) return ORDER.length;
  if (READ_ONLY.has(name)) return ORDER.length + 2;
  return ORDER.length + 1;
}

const inOrder = (names: string[]) => names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

/** The attributes shown, in display order. */
export function shownNames(attributes: UserAttributes, hidden: Set<string>): string[] {
  return inOrder(Object.keys(attributes).filter((name) => !FLAGS.has(name) && !hidden.has(name)));
}

/** The attributes the edit form offers, in display order: `listed` (what the page allows, or every one seen) less the read-only ones. */
export function editableNames(listed: Iterable<string>, hidden: Set<string>): string[] {
  const allowed = (name: string) => !READ_ONLY.has(name) && !FLAGS.has(name) && !hidden.has(name) && !name.startsWith('dev:');
  return inOrder([...listed].filter(allowed));
}

/** Whether Remove is offered: editable, and neither required by the pool nor signed in with. */
export function removable(name: string, editable: string[], kept: Set<string>): boolean {
  return !READ_ONLY.has(name) && !kept.has(name) && editable.includes(name);
}

/** An attribute's label: its friendly name (a message key), or a custom attribute's own name. */
export function labelOf(name: string, t: Translate): string {
  if (name.startsWith('custom:')) return name.slice('custom:'.length);
  const key = `attributes.name.${name}`;
  return isKeyOf(attributesMessages, key) ? t(key) : name;
}

/** A date and time in the element's language (or the browser's, for a language it does not know). */
export function formatDate(date: Date, locale: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date);
  }
}

/** A value as a person reads it: linked providers by name, the last update as a date. */
export function displayValue(name: string, value: string, locale: string | undefined): string {
  if (name === 'identities') {
    // Federated users: a JSON list of linked providers; show their names.
    try {
      const list = JSON.parse(value) as { providerName?: string }[];
      if (Array.isArray(list))
        return list
          .map((i) => String(i?.providerName ?? ''))
          .filter(Boolean)
          .join(', ');
    } catch {
      /* not JSON: show as it is */
    }
  }
  if (name === 'updated_at' && /^\d+$/.test(value)) return formatDate(new Date(Number(value) * 1000), locale);
  return value;
}
