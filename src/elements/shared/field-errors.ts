/**
 * What is wrong with which field: checks the browser can make before anything is sent (required,
 * email and phone formats, lengths), the field a Cognito refusal names (its InvalidParameterException
 * messages say which attribute and why), and the marking of each invalid input: `aria-invalid`,
 * and its own message tied by `aria-describedby`.
 */
import { CognitoElementsError, CognitoError } from '../../core/index.ts';
import { type MessageKey, registerMessages } from './localize.ts';
import { fieldMessages } from './field-messages.ts';

registerMessages(fieldMessages);

/** One field that is wrong: the input's (or Cognito's attribute) name, and the message key. */
export interface FieldProblem {
  field: string;
  key: MessageKey;
  params?: Record<string, number>;
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
 * The field a Cognito refusal is about, from its message, e.g. "Invalid email address format.",
 * "Attributes did not conform to the schema: name: String must be no longer than 2048 characters",
 * "1 validation error detected: Value at 'password' failed to satisfy constraint: ...".
 */
export function fieldOfError(error: unknown): FieldProblem | undefined {
  if (!(error instanceof CognitoError)) return undefined;
  const m = error.message;
  switch (error.code) {
    case 'InvalidPasswordException':
      return { field: 'password', key: 'error.InvalidPasswordException' };
    case 'UsernameExistsException':
      return { field: 'username', key: 'error.UsernameExistsException' };
    case 'InvalidParameterException':
      break;
    default:
      return undefined;
  }
  if (error.reason === 'invalid-email') return { field: 'email', key: 'field.email' };
  if (error.reason === 'invalid-phone') return { field: 'phone_number', key: 'field.phone' };
  if (error.reason === 'username-not-email-or-phone') return { field: 'username', key: 'field.invalid' };
  // Below, the message names the field (not a reason: what it names is read out of it).
  // NEW_PASSWORD_REQUIRED without a required attribute: "Invalid attributes given, name is missing".
  const missing = /attributes given, ([\w:]+)/i.exec(m);
  if (missing) return { field: missing[1], key: 'field.required' };
  // "Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\S]+.*[\S]+$"
  const member = /Value (?:null )?at '(\w+)' failed to satisfy constraint: (.*)/i.exec(m);
  if (member) {
    const [, name, why] = member;
    const field = name === 'confirmationCode' ? 'code' : name === 'proposedPassword' ? 'password' : name;
    if (/must not be null/i.test(why)) return { field, key: 'field.required' };
    if (field === 'password' && /regular expression/i.test(why)) return { field, key: 'field.passwordSpaces' };
    return { field, key: 'field.invalid' };
  }
  // "Attributes did not conform to the schema: email: The attribute is required" (one line per attribute).
  const schema = /schema:\s*([\w:]+): (.*)/i.exec(m);
  if (schema) {
    const [, field, why] = schema;
    const length = /no (longer|shorter) than (\d+)/i.exec(why);
    if (/is required/i.test(why)) return { field, key: 'field.required' };
    if (length)
      return length[1].toLowerCase() === 'longer'
        ? { field, key: 'field.tooLong', params: { max: +length[2] } }
        : { field, key: 'field.tooShort', params: { min: +length[2] } };
    return { field, key: 'field.invalid' };
  }
  return undefined;
}

/**
 * Marks the inputs named in `errors` (input name -> message) invalid, each with its own message
 * after it, tied by aria-describedby; clears the marks of the others. Runs after each render:
 * the inputs come from several templates (field(), the password fields, the code fields).
 */
export function markFields(root: HTMLElement, errors: Record<string, string>): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input.cognito-input')) {
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
