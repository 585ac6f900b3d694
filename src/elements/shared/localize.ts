/**
 * Every string the elements show goes through here. English is built in: each element's module
 * registers its own strings (registerMessages) when it loads, so a page carries only the strings
 * of the elements it uses; ../message-keys.ts types the keys. Nineteen languages (the loaders
 * below) load on demand when an element's language needs them. The language is the element's `lang` (or
 * its nearest ancestor's, up to the document's); apps override any string with `setMessages` or
 * add a language with `registerLocale`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MessageKey, MessageOverrides, TextKey } from '../message-keys.ts';

export type { MessageKey, MessageOverrides, TextKey };
/** Strings by key, as the lookups below hold them: a language's, an app's overrides, or English. */
type Messages = MessageOverrides;
/** Loads a language's strings: a shipped Translation, or an app's (partial) strings for registerLocale. */
type Loader = () => Promise<{ default: MessageOverrides }>;

/** A `t()` function handed to a helper that renders text (a field, the password checklist). */
export type Translate = (key: TextKey, params?: Record<string, string | number>) => string;

const english: Messages = {};
const loaders = new Map<string, Loader>([
  ['de', () => import('./locales/de.ts')],
  ['es', () => import('./locales/es.ts')],
  ['fr', () => import('./locales/fr.ts')],
  ['ja', () => import('./locales/ja.ts')],
  ['pt-br', () => import('./locales/pt-BR.ts')],
  ['zh-cn', () => import('./locales/zh-CN.ts')],
  ['ar', () => import('./locales/ar.ts')],
  ['he', () => import('./locales/he.ts')],
  ['id', () => import('./locales/id.ts')],
  ['it', () => import('./locales/it.ts')],
  ['ko', () => import('./locales/ko.ts')],
  ['nb', () => import('./locales/nb.ts')],
  ['nl', () => import('./locales/nl.ts')],
  ['pl', () => import('./locales/pl.ts')],
  ['ru', () => import('./locales/ru.ts')],
  ['sv', () => import('./locales/sv.ts')],
  ['th', () => import('./locales/th.ts')],
  ['tr', () => import('./locales/tr.ts')],
  ['uk', () => import('./locales/uk.ts')],
]);
const loaded = new Map<string, Messages>();
const loading = new Map<string, Promise<void>>();
const overrides = new Map<string, Messages>();
const controllers = new Set<Localize>();
const RTL = new Set(['ar', 'he', 'fa', 'ur']);

/**
 * Makes a module's English strings (e.g. signInMessages) available to `t()`. Called by the module
 * that shows them, when it loads: a view loaded on demand brings its own strings.
 */
export function registerMessages(messages: { readonly [K in MessageKey]?: string }): void {
  Object.assign(english, messages);
}

/** Whether `key` is one of `messages`' keys: narrows a key built at run time (from an error code, say). */
export function isKeyOf<M extends object>(messages: M, key: string): key is Extract<keyof M, string> {
  return key in messages;
}

/** Overrides strings for a language ('en' included); elements re-render at once. */
export function setMessages(lang: string, messages: MessageOverrides): void {
  const key = lang.toLowerCase();
  overrides.set(key, { ...overrides.get(key), ...messages });
  refreshAll();
}

/** Adds (or replaces) a language that loads on demand. */
export function registerLocale(lang: string, loader: Loader): void {
  const key = lang.toLowerCase();
  loaders.set(key, loader);
  loaded.delete(key);
  loading.delete(key);
  refreshAll();
}

/** Traditional Chinese must not fall back to the Simplified strings: English is the better default. */
const TRADITIONAL_CHINESE = /^zh-(hant|tw|hk|mo)\b/;

/**
 * Base languages whose readers read one we ship: 'no' (Norwegian, the tag for either written form)
 * and 'nn' (Nynorsk) read Bokmål, which every Norwegian school teaches and which is far closer than English.
 */
const READS_AS: Readonly<Record<string, string>> = { no: 'nb', nn: 'nb' };

/**
 * The language we have strings (a loader) for that best matches `lang`: exact, then same base
 * language, then a language its readers read (an app's own 'no' or 'nn' locale wins over that).
 */
function resolve(lang: string): string {
  const wanted = lang.toLowerCase();
  if (wanted === 'en' || wanted.startsWith('en-')) return 'en';
  if (loaders.has(wanted)) return wanted;
  if (TRADITIONAL_CHINESE.test(wanted)) return 'en';
  const base = wanted.split('-')[0];
  for (const language of [base, READS_AS[base]]) {
    for (const candidate of loaders.keys()) {
      if (candidate === language || candidate.split('-')[0] === language) return candidate;
    }
  }
  return 'en';
}

/** Loads a language's strings once (retrying after a failure) and re-renders every element when they arrive. */
function ensureLoaded(lang: string): Promise<void> {
  const loader = loaders.get(lang);
  if (lang === 'en' || loaded.has(lang) || !loader) return Promise.resolve();
  let pending = loading.get(lang);
  if (!pending) {
    pending = loader()
      .then((module) => {
        loaded.set(lang, module.default);
        refreshAll();
      })
      .catch((error) => {
        loading.delete(lang);
        console.warn(`[cognito-elements] could not load the ${lang} strings`, error);
      });
    loading.set(lang, pending);
  }
  return pending;
}

function refreshAll(): void {
  for (const controller of controllers) controller.host.requestUpdate();
}

let observer: MutationObserver | undefined;
function watchLanguageChanges(): void {
  if (observer || typeof MutationObserver === 'undefined') return;
  // One observer for the page: any `lang` change may change some element's language.
  observer = new MutationObserver(refreshAll);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

export class Localize implements ReactiveController {
  constructor(readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    controllers.add(this);
    watchLanguageChanges();
  }

  hostDisconnected(): void {
    controllers.delete(this);
  }

  /** The language tag that applies to the element (its own or inherited `lang`), e.g. "de-AT". */
  get requested(): string {
    const owner = this.host.closest('[lang]');
    return owner?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  /** The language strings actually come from. */
  get lang(): string {
    return resolve(this.requested);
  }

  get dir(): 'ltr' | 'rtl' {
    return RTL.has(this.lang.split('-')[0]) ? 'rtl' : 'ltr';
  }

  /**
   * The string for `key` in the element's language, with `{name}` placeholders filled. Looked up in
   * the app's overrides for the exact tag (e.g. fr-CA), then the language's strings (with their
   * overrides), then English.
   */
  t(key: TextKey, params: Record<string, string | number> = {}): string {
    const requested = this.requested.toLowerCase();
    const lang = this.lang;
    void ensureLoaded(lang);
    const text = overrides.get(requested)?.[key] ?? overrides.get(lang)?.[key] ?? loaded.get(lang)?.[key] ?? overrides.get('en')?.[key] ?? english[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  }
}

/** Resolves once the strings for `lang` are loaded (for tests, and for apps that want no flash of English). */
export function localeReady(lang: string): Promise<void> {
  return ensureLoaded(resolve(lang));
}

/** The English strings registered so far (by the elements loaded so far). */
export function englishMessages(): Readonly<Messages> {
  return english;
}
