/**
 * The SignUp request a sign-up form's values make (after the page's hooks): the attributes the
 * page asks for, the username as its attribute when the pool signs in with one, and where the
 * extra fields go (form-customization.ts).
 */
import type { SignUpInput } from '../../core/index.ts';
import type { FormValues } from '../shared/form-fields.ts';
import type { UsernameKind } from '../shared/form.ts';

type Strings = Record<string, string>;

export interface SignUpForm {
  /** The attributes the form asks for (without the username's own). */
  asked: readonly string[];
  usernameAttribute: UsernameKind;
  autoSignIn: boolean;
  /** What the extra fields send. */
  sent: { attributes: Strings; clientMetadata: Strings; validationData: Strings };
}

export function signUpInput(values: FormValues, form: SignUpForm): SignUpInput {
  const username = String(values.username);
  const attributes: Strings = {};
  for (const name of form.asked) if (values[name]) attributes[name] = String(values[name]);
  if (form.usernameAttribute !== 'username') attributes[form.usernameAttribute] = username;
  const some = (record: Strings) => (Object.keys(record).length ? record : undefined);
  return {
    username,
    password: String(values.password),
    attributes: { ...attributes, ...form.sent.attributes },
    clientMetadata: some(form.sent.clientMetadata),
    validationData: some(form.sent.validationData),
    autoSignIn: form.autoSignIn,
  };
}
