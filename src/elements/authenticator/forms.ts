/**
 * Which inner element each of the authenticator's views shows, and what it hands that element: the
 * client, the page's settings (attributes, formFields, hooks) and what the journey carried over (the
 * username typed or linked, a notice, a code from a deep link).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CognitoClient } from '../../core/index.ts';
import type { UsernameKind } from '../shared/form.ts';
import type { FormFields, Hooks } from '../shared/form-fields.ts';
import type { View } from './views.ts';

/** The page's settings of the authenticator that its forms take. */
export interface FormSettings {
  usernameAttribute: UsernameKind;
  signUpAttributes?: string;
  passwordPolicy?: string;
  hideSignUp: boolean;
  autoSignIn: boolean;
  providers?: string;
  passkeys: boolean;
  rememberDevice: 'ask' | 'always' | 'never';
  formFields?: FormFields;
  hooks?: Hooks;
}

/** What the journey carried to this view. */
export interface Carried {
  client?: CognitoClient;
  /** The name typed at sign-in, or linked, or of the account a step is about. */
  username?: string;
  /** Why the user is back at the sign-in form (shown on it). */
  notice: string;
  /** A code from a deep link, for the confirm or reset form. */
  code?: string;
}

/** The element of the view (its code loaded). */
export function viewForm(view: View, s: FormSettings, c: Carried): TemplateResult | typeof nothing {
  switch (view) {
    case 'loading':
    case 'signed-in':
      return nothing;
    case 'sign-in':
      return html`<cognito-sign-in
        .client=${c.client}
        .username=${c.username}
        .notice=${c.notice}
        username-attribute=${s.usernameAttribute}
        providers=${s.providers ?? ''}
        ?hide-sign-up=${s.hideSignUp}
        ?passkeys=${s.passkeys}
        .formFields=${s.formFields}
        .hooks=${s.hooks}
      ></cognito-sign-in>`;
    case 'mfa':
      return html`<cognito-mfa .client=${c.client} remember-device=${s.rememberDevice} .formFields=${s.formFields}></cognito-mfa>`;
    case 'new-password':
      return html`<cognito-new-password
        .client=${c.client}
        password-policy=${s.passwordPolicy ?? ''}
        .formFields=${s.formFields}
        .hooks=${s.hooks}
      ></cognito-new-password>`;
    case 'sign-up':
    case 'confirm-sign-up':
      return html`<cognito-sign-up
        .client=${c.client}
        username-attribute=${s.usernameAttribute}
        attributes=${s.signUpAttributes ?? 'email'}
        password-policy=${s.passwordPolicy ?? ''}
        ?auto-sign-in=${s.autoSignIn}
        .confirmUsername=${view === 'confirm-sign-up' ? c.username : undefined}
        .confirmCode=${c.code}
        ?send-code=${view === 'confirm-sign-up' && !c.code}
        .formFields=${s.formFields}
        .hooks=${s.hooks}
      ></cognito-sign-up>`;
    case 'forgot-password':
      return html`<cognito-forgot-password
        .client=${c.client}
        .username=${c.username}
        .code=${c.code}
        start-at=${c.code && c.username ? 'code' : 'username'}
        username-attribute=${s.usernameAttribute}
        password-policy=${s.passwordPolicy ?? ''}
        .formFields=${s.formFields}
        .hooks=${s.hooks}
      ></cognito-forgot-password>`;
  }
}
