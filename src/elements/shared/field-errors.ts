/**
 * What is wrong with which field: checks the browser can make before anything is sent (required,
 * email and phone formats, lengths) and the marking of each invalid input: `aria-invalid`, and its
 * own message tied by `aria-describedby`. The field a Cognito refusal names is found by
 * error-texts.ts, loaded once a request is sent.
 */
import { CognitoElementsError } from '../../core/index.ts';
import { type MessageKey, registerMessages } from './localize.ts';
import { fieldMessages } from './field-messages.ts';

registerMessages(fieldMessages);

/** One field that is wrong: the input's (or Cognito's attribute) name, and the message key. */
export interface FieldProblem {
  field: string;
  key: MessageKey;
  params?: Record<string, number>;
  /** The page's own message (a validate hook's), shown instead of the key's. */
  text?: string;
}

/** A form the user must correct before it is sent; `field` names the first wrong input. */
export class InvalidFieldError extends CognitoElementsError {
  constructor(
    readonly field: string,
    readonly problems: FieldProblem[],
  ) {
    super('InvalidFieldError', `Invalid value for ${problems.map((p) => p.field).join(', ')}`);
  }
}

/** Cognito's limits: UsernameType is 1 to 128 characters, a standard string attribute at most 2048. */
const MAX_USERNAME = 128;
const MAX_ATTRIBUTE = 2048;
// Lenient on purpose: never refuse here what Cognito would accept (its own answer is mapped below).
const EMAIL = /^[^@\s]+@[^@\s]+$/;
// E.164, as Cognito stores phone numbers: a plus sign, then digits only.
const PHONE = /^\+\d{4,15}$/;

/** Local checks on the form's visible text inputs, in document order (passwords only for being filled in). */
export function checkForm(form: HTMLFormElement): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const input of form.querySelectorAll<HTMLInputElement>('input.cognito-input')) {
    if (input.hidden || input.disabled || input.readOnly) continue;
    const value = input.value.trim();
    const field = input.name;
    if (!value) {
      if (input.required) problems.push({ field, key: 'field.required' });
      continue;
    }
    if (input.type === 'password' || input.dataset.password !== undefined) continue;
    const max = field === 'username' ? MAX_USERNAME : MAX_ATTRIBUTE;
    if (input.type === 'email' && !EMAIL.test(value)) problems.push({ field, key: 'field.email' });
    else if (input.type === 'tel' && !PHONE.test(value)) problems.push({ field, key: 'field.phone' });
    else if (value.length > max) problems.push({ field, key: 'field.tooLong', params: { max } });
  }
  return problems;
}

/**
 * Marks the inputs named in `errors` (input name -> message) invalid, each with its own message
 * after it, tied by aria-describedby; clears the marks of the others. Runs after each render:
 * the inputs come from several templates (field(), the password fields, the code fields).
 */
export function markFields(root: HTMLElement, errors: Record<string, string>): void {
  // Also the selects and choices of custom fields (custom-fields.ts), which carry data-custom.
  for (const input of root.querySelectorAll<HTMLInputElement>('.cognito-input, [data-custom]')) {
    if (ownerOf(input) !== root) continue; // an inner element's input (the reset form inside <cognito-forgot-password>)
    const text = errors[input.name];
    // Only the marks made here: the confirmation's mismatch and the MFA codes keep their own.
    if (!text && input.dataset.fieldError === undefined) continue;
    const id = `${input.id}-invalid`;
    let message = input.parentElement?.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    const describedBy = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((t) => t && t !== id);
    if (text) {
      if (!message) {
        message = Object.assign(document.createElement('p'), { id, className: 'cognito-error cognito-field-error' });
        input.parentElement?.append(message);
      }
      message.textContent = text;
      input.dataset.fieldError = '';
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', [id, ...describedBy].join(' '));
    } else {
      message?.remove();
      delete input.dataset.fieldError;
      input.removeAttribute('aria-invalid');
      if (describedBy.length) input.setAttribute('aria-describedby', describedBy.join(' '));
      else input.removeAttribute('aria-describedby');
    }
  }
}

/** The custom element an input belongs to: the nearest one around it. */
export function ownerOf(input: Element): Element | null {
  let node = input.parentElement;
  while (node && !node.localName.includes('-')) node = node.parentElement;
  return node;
}
