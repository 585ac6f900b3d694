/**
 * The page's say over the forms: what each built-in field looks like (`formFields`), the extra
 * fields sign-up and new-password render, and the hooks that validate, transform and send a form
 * (`hooks`). Types only: form-customization.ts applies them, and the custom fields and the phone
 * country selector render from custom-fields.ts, loaded only when a form's configuration asks for them.
 */
import type { CognitoClient, SignUpInput, SignUpResult } from '../../core/index.ts';

/**
 * The forms a page can configure, by name (mfaCode: the code of a sign-in's MFA step, field `code`;
 * totpSetup: the authenticator-app set-up, fields `code` and `deviceName`). One `formFields` object can be
 * given to every element (and the authenticator).
 */
export type FormName = 'signIn' | 'signUp' | 'confirmSignUp' | 'newPassword' | 'resetPassword' | 'forgotPassword' | 'attributes' | 'mfaCode' | 'totpSetup';

/** How one built-in field shows: every member is optional, and an unset one keeps the element's own. */
export interface FieldConfig {
  label?: string;
  placeholder?: string;
  /** A line under the input (replaces the element's own hint). */
  hint?: string;
  /** Fields with an order come first, lowest first; the others follow in the element's own order. */
  order?: number;
  required?: boolean;
  /** Not shown; its `value` is still sent (e.g. a preset attribute). */
  hidden?: boolean;
  /** The value the field starts with; what the user types is never overwritten. */
  value?: string;
  /** The autocomplete token (the element's own one is what password managers expect: change it only with a reason). */
  autocomplete?: string;
  /**
   * Phone numbers only: show a country selector (calling codes) beside a national number input, and
   * send E.164 (+<code><number>). The ISO 3166 code of the country selected at first, e.g. 'GB'.
   */
  phoneCountry?: string;
}

/** Where a custom field's value goes: a user attribute (standard or `custom:`), or a key of the call's clientMetadata or validationData. */
export type CustomFieldTarget = { attribute: string } | { clientMetadata: string } | { validationData: string };

/** An extra field on sign-up or new-password, rendered by its type. */
export interface CustomField {
  /** The input's name, and the key of its value in the hooks' `values`. */
  name: string;
  type: 'text' | 'number' | 'date' | 'select' | 'radio' | 'checkbox';
  label: string;
  /** select and radio: the choices, in order. */
  options?: { value: string; label: string }[];
  /** A checkbox that is required must be ticked to submit (e.g. "I accept the terms"). */
  required?: boolean;
  hint?: string;
  placeholder?: string;
  /** The value it starts with ('true' ticks a checkbox). */
  value?: string;
  autocomplete?: string;
  /** As FieldConfig's order: extra fields with one take their place among the built-in ones. */
  order?: number;
  /** Where the value is sent; without it, it is not sent (it still reaches the hooks). A checkbox sends 'true' or 'false'. */
  mapTo?: CustomFieldTarget;
}

/** One form's configuration: its built-in fields by input name, and (sign-up, new-password) the extra fields, after the built-in ones. */
export interface FormConfig {
  fields?: Record<string, FieldConfig>;
  custom?: CustomField[];
}

/** The `formFields` property: per form, e.g. `{ signUp: { fields: { username: { label: 'Login' } } } }`. */
export type FormFields = Partial<Record<FormName, FormConfig>>;

/** What a form holds at submit, by input name: text as typed (trimmed), checkboxes as booleans, phone numbers with a selector in E.164. */
export type FormValues = Record<string, string | boolean>;

/** A hook's verdict: a message per field name (shown on that field; the first one is focused), or nothing when the form may be sent. */
export type FieldErrors = Record<string, string> | void | undefined;

/** The hooks of one form. `call` replaces the Cognito call: it gets what would have been sent, and the client. */
export interface FormHooks<Input = never, Result = never> {
  /** Runs once the form's own checks pass, on the values as typed; the form is busy meanwhile. */
  validate?(values: FormValues): FieldErrors | Promise<FieldErrors>;
  /** Runs after validate, just before sending, e.g. to lower-case and trim the username. */
  transform?(values: FormValues): FormValues | Promise<FormValues>;
  call?(input: Input, client: CognitoClient): Promise<Result>;
}

/** The `hooks` property: per form. Forms without a replaceable call take validate and transform only. */
export interface Hooks {
  signIn?: FormHooks;
  signUp?: FormHooks<SignUpInput, SignUpResult>;
  confirmSignUp?: FormHooks;
  newPassword?: FormHooks;
  resetPassword?: FormHooks;
  forgotPassword?: FormHooks;
  attributes?: FormHooks;
}
