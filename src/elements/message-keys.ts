/**
 * Every English string the elements show, by module, and the key types derived from them: a `t()`
 * call with a key no module defines, or a translation that lacks a key or has a stray one, is a
 * compile error. A new module of strings is added here once.
 *
 * Nothing in the elements imports this module's values (they import only its types), so the
 * bundles carry each element's strings with that element alone. scripts/i18n-keys.ts reads the
 * values in Node, for what types cannot check (each translation's {placeholders}).
 */
import { accountMessages } from './account/messages.ts';
import { attributesMessages } from './attributes/messages.ts';
import { authenticatorMessages } from './authenticator/messages.ts';
import { forgotPasswordMessages } from './forgot-password/messages.ts';
import { mfaMessages } from './mfa/messages.ts';
import { newPasswordMessages } from './new-password/messages.ts';
import { commonMessages } from './shared/common-messages.ts';
import { customFieldMessages } from './shared/custom-field-messages.ts';
import { errorMessages } from './shared/error-messages.ts';
import { fieldMessages } from './shared/field-messages.ts';
import { passwordMessages } from './shared/password-messages.ts';
import { signInMessages } from './sign-in/messages.ts';
import { attributeMessages } from './shared/attribute-messages.ts';
import { signUpMessages } from './sign-up/messages.ts';

/** Each module of English strings, by the file it lives in (for reports). */
export const englishModules = {
  'account/messages.ts': accountMessages,
  'attributes/messages.ts': attributesMessages,
  'authenticator/messages.ts': authenticatorMessages,
  'forgot-password/messages.ts': forgotPasswordMessages,
  'mfa/messages.ts': mfaMessages,
  'new-password/messages.ts': newPasswordMessages,
  'shared/common-messages.ts': commonMessages,
  'shared/custom-field-messages.ts': customFieldMessages,
  'shared/error-messages.ts': errorMessages,
  'shared/field-messages.ts': fieldMessages,
  'shared/password-messages.ts': passwordMessages,
  'sign-in/messages.ts': signInMessages,
  'shared/attribute-messages.ts': attributeMessages,
  'sign-up/messages.ts': signUpMessages,
} as const;

type Modules = typeof englishModules;
/** The key of every string an element shows, e.g. 'signIn.title'. */
export type MessageKey = { [M in keyof Modules]: keyof Modules[M] }[keyof Modules];

/**
 * Keys an app may add for labels the elements cannot know: a custom attribute's, e.g.
 * 'signUp.attribute.custom:plan'. Without the app's string the element shows the attribute's name.
 */
export type CustomAttributeKey = `signUp.attribute.custom:${string}`;

/** What `t()` takes: a key some module defines, or an app's custom-attribute label. */
export type TextKey = MessageKey | CustomAttributeKey;

/** A shipped translation: every key, and no other (English fills nothing in). */
export type Translation = Record<MessageKey, string>;

/**
 * Strings an app supplies (setMessages, registerLocale): any of the keys, in any number; what a
 * language lacks falls back to English.
 */
export type MessageOverrides = { readonly [K in TextKey]?: string };
