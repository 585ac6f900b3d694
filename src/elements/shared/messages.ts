/**
 * Strings shared by every element (buttons, fields), what to say when a session ended elsewhere,
 * and the on-demand load of the errors' texts (error-texts.ts), started when a request is first
 * sent or the page is idle (warm.ts), so the text is there when a refusal arrives.
 */
import { CognitoError, NetworkError, type SignOutReason } from '../../core/index.ts';
import { isKeyOf, type MessageKey, registerMessages } from './localize.ts';
import { commonMessages } from './common-messages.ts';

registerMessages(commonMessages);

type ErrorTexts = typeof import('./error-texts.ts');
let errorTexts: Promise<ErrorTexts> | undefined;
/** The module, once loaded: showing an error then needs no wait. */
export let loadedErrorTexts: ErrorTexts | undefined;

/** Loads the errors' texts (once; a failed load is tried again next time). */
export function loadErrorTexts(): Promise<ErrorTexts> {
  return (errorTexts ??= import('./error-texts.ts').then(
    (module) => {
      module.install({ CognitoError, NetworkError, commonMessages, isKeyOf, registerMessages });
      return (loadedErrorTexts = module);
    },
    (error: unknown) => {
      errorTexts = undefined;
      throw error;
    },
  ));
}

/**
 * Runs `show` with the errors' texts: at once when they are loaded (almost always: warm.ts), after
 * they load otherwise; `fallBack` (the generic message, always here) when they cannot be loaded.
 */
export function withErrorTexts(show: (texts: ErrorTexts) => void, fallBack: () => void): void {
  if (loadedErrorTexts) return show(loadedErrorTexts);
  void loadErrorTexts().then(show, fallBack);
}

/**
 * What to tell users whose session ended without their asking here (it expired or was revoked, or
 * another tab signed out): the message key, or undefined when they signed out here themselves.
 */
export function signedOutNotice(reason: SignOutReason): MessageKey | undefined {
  return reason === 'expired' ? 'error.notAuthorized.revoked' : reason === 'other-tab' ? 'common.signedOutElsewhere' : undefined;
}
