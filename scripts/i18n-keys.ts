/**
 * The translation check, for what the types cannot say. `tsc` already refuses a `t()` key no
 * module defines and a shipped locale that lacks a key or has a stray one (src/elements/message-keys.ts);
 * this checks the rest:
 *
 * - each English string is defined once (two modules with one key would fight over its text), and
 *   every messages module is listed in message-keys.ts and registered by the module that shows it;
 * - each locale string is not empty and has the English string's `{placeholders}`, no more, no less;
 * - in a right-to-left locale (Arabic, Hebrew, ...), values that may read left to right (an email or
 *   phone number, an attribute, provider or device name, a label) are wrapped in Unicode isolates,
 *   and every isolate is closed;
 * - each locale file is sorted by key and loaded by localize.ts.
 *
 *   npm run i18n:check                  report per locale; exit 1 on any problem
 *   npm run i18n:check -- --english     print the English strings as JSON (to hand to translators)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { englishModules } from '../src/elements/message-keys.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ELEMENTS = join(ROOT, 'src', 'elements');
export const LOCALES_DIR = join(ELEMENTS, 'shared', 'locales');
const LOCALIZE = join(ELEMENTS, 'shared', 'localize.ts');

/** Modules of English strings by their file under src/elements, e.g. 'sign-in/messages.ts'. */
export type EnglishModules = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface EnglishString {
  key: string;
  text: string;
  /** The module that defines it, relative to src/elements: "mfa/messages.ts". */
  where: string;
}

/** The English strings of every module, in module order, and the keys two modules both define. */
export function collectEnglish(modules: EnglishModules = englishModules): { strings: EnglishString[]; problems: string[] } {
  const strings: EnglishString[] = [];
  const problems: string[] = [];
  const seen = new Map<string, EnglishString>();
  for (const [where, messages] of Object.entries(modules)) {
    for (const [key, text] of Object.entries(messages)) {
      const before = seen.get(key);
      if (before) {
        problems.push(`${where}: '${key}' is already defined in ${before.where}`);
        continue;
      }
      const string = { key, text, where };
      seen.set(key, string);
      strings.push(string);
    }
  }
  return { strings, problems };
}

/** A module of strings: a `messages.ts` or `*-messages.ts` that exports `…Messages = {`. */
const MODULE_FILE = /(^|[/-])messages\.ts$/;
const MODULE_EXPORT = /^export const (\w+Messages) = \{/m;

/** The source files under src/elements (not tests, not locales), relative to src/elements. */
export function elementSources(): string[] {
  return readdirSync(ELEMENTS, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') && !d.name.endsWith('.d.ts'))
    .map((d) => join(d.parentPath, d.name))
    .filter((file) => !file.startsWith(LOCALES_DIR))
    .map((file) => relative(ELEMENTS, file).split('\\').join('/'))
    .sort();
}

/**
 * Modules of strings that message-keys.ts does not list (their keys would be untyped and
 * untranslated), and listed ones nothing registers (their strings would never show).
 */
export function unlistedModules(sources: Readonly<Record<string, string>>, listed: readonly string[] = Object.keys(englishModules)): string[] {
  const problems: string[] = [];
  for (const [file, text] of Object.entries(sources)) {
    const name = MODULE_FILE.test(file) ? MODULE_EXPORT.exec(text)?.[1] : undefined;
    if (!name) continue;
    if (!listed.includes(file)) problems.push(`${file}: ${name} is not listed in message-keys.ts`);
    const registered = Object.entries(sources).some(([other, code]) => other !== file && code.includes(`registerMessages(${name})`));
    if (!registered) problems.push(`${file}: nothing calls registerMessages(${name})`);
  }
  return problems;
}

function readSources(): Record<string, string> {
  return Object.fromEntries(elementSources().map((file) => [file, readFileSync(join(ELEMENTS, file), 'utf8')]));
}

// ---------------------------------------------------------------------------------------------
// Locales

/** `{name}` placeholders in a message, sorted and without repeats. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

/** Languages written right to left, as localize.ts has them. */
const RTL = new Set(['ar', 'he', 'fa', 'ur']);
/**
 * Placeholders whose values may read left to right: an email or phone number, an attribute or
 * provider name, a user's or device's name and its detail ("Chrome, macOS"), a field's label (an
 * app's own label for a custom attribute is often English).
 */
const LEFT_TO_RIGHT = ['destination', 'attribute', 'provider', 'name', 'detail', 'label'];
const FSI = '\u2068';
const PDI = '\u2069';

/** Why a right-to-left string would show in the wrong order: an unwrapped left-to-right value, an isolate left open. */
export function isolationProblems(text: string): string[] {
  const problems: string[] = [];
  for (const name of LEFT_TO_RIGHT) {
    const bare = text.split(`{${name}}`).length - 1;
    const wrapped = text.split(`${FSI}{${name}}${PDI}`).length - 1;
    if (bare > wrapped) problems.push(`{${name}} is not wrapped in isolates (\\u2068{${name}}\\u2069)`);
  }
  let depth = 0;
  for (const c of text) {
    if (c === FSI) depth++;
    else if (c === PDI && --depth < 0) break;
  }
  if (depth !== 0) problems.push('its isolates (\\u2068 … \\u2069) do not pair up');
  return problems;
}

/** Locale tags that have a file in src/elements/shared/locales, e.g. ['ar', 'de', ..., 'zh-CN']. */
export function localeTags(): string[] {
  if (!existsSync(LOCALES_DIR)) return [];
  return readdirSync(LOCALES_DIR)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'))
    .map((name) => basename(name, '.ts'))
    .sort();
}

export async function loadLocale(tag: string): Promise<Record<string, string>> {
  const module = (await import(pathToFileURL(join(LOCALES_DIR, `${tag}.ts`)).href)) as { default?: unknown };
  const messages = module.default;
  if (!messages || typeof messages !== 'object') throw new Error(`locales/${tag}.ts has no default export of messages`);
  return messages as Record<string, string>;
}

export interface LocaleReport {
  tag: string;
  keys: number;
  /** English keys the locale lacks (tsc says so too, for the shipped locales). */
  missing: string[];
  /** Keys the locale has that English does not (likewise). */
  stale: string[];
  /** Keys whose {placeholders} differ from English. */
  placeholders: { key: string; english: string[]; locale: string[] }[];
  /** Keys whose text is empty or not a string. */
  empty: string[];
  /** Right-to-left keys whose left-to-right values are not isolated. */
  isolation: { key: string; problems: string[] }[];
  /** The first key out of order, if the file is not sorted by key. */
  unsortedAt?: string;
  /** False if localize.ts does not load this locale. */
  registered: boolean;
}

export function checkLocale(
  tag: string,
  messages: Record<string, string>,
  english: readonly EnglishString[],
  localizeSource = readFileSync(LOCALIZE, 'utf8'),
): LocaleReport {
  const englishText = new Map(english.map((s) => [s.key, s.text]));
  const keys = Object.keys(messages);
  const report: LocaleReport = {
    tag,
    keys: keys.length,
    missing: english.map((s) => s.key).filter((key) => !(key in messages)),
    stale: keys.filter((key) => !englishText.has(key)),
    placeholders: [],
    empty: keys.filter((key) => typeof messages[key] !== 'string' || messages[key].trim() === ''),
    isolation: [],
    registered: localizeSource.includes(`'./locales/${tag}.ts'`),
  };
  const rtl = RTL.has(tag.split('-')[0].toLowerCase());
  for (const key of keys) {
    const source = englishText.get(key);
    const text = messages[key];
    if (source === undefined || typeof text !== 'string') continue;
    const want = placeholders(source);
    const got = placeholders(text);
    if (want.join() !== got.join()) report.placeholders.push({ key, english: want, locale: got });
    const isolation = rtl ? isolationProblems(text) : [];
    if (isolation.length) report.isolation.push({ key, problems: isolation });
  }
  const i = keys.findIndex((key, n) => n > 0 && keys[n - 1] > key);
  if (i > 0) report.unsortedAt = keys[i];
  return report;
}

export function isComplete(report: LocaleReport): boolean {
  return (
    report.missing.length === 0 &&
    report.stale.length === 0 &&
    report.placeholders.length === 0 &&
    report.empty.length === 0 &&
    report.isolation.length === 0 &&
    report.unsortedAt === undefined &&
    report.registered
  );
}

// ---------------------------------------------------------------------------------------------
// The command

async function main(args: string[]): Promise<number> {
  const { strings, problems } = collectEnglish();
  if (args.includes('--english')) {
    console.log(JSON.stringify(Object.fromEntries(strings.map((s) => [s.key, s.text])), null, 2));
    return problems.length ? 1 : 0;
  }
  let failed = false;
  console.log(`English: ${strings.length} strings in ${Object.keys(englishModules).length} modules`);
  for (const problem of [...problems, ...unlistedModules(readSources())]) {
    console.log(`  error: ${problem}`);
    failed = true;
  }
  const englishByKey = new Map(strings.map((s) => [s.key, s]));
  for (const tag of localeTags()) {
    let report: LocaleReport;
    try {
      report = checkLocale(tag, await loadLocale(tag), strings);
    } catch (error) {
      console.log(`${tag}: could not load: ${(error as Error).message}`);
      failed = true;
      continue;
    }
    const ok = isComplete(report);
    failed ||= !ok;
    console.log(`${tag}: ${report.keys} keys, ${ok ? 'complete' : 'has problems'}`);
    for (const key of report.missing) console.log(`  missing: ${key}  (${englishByKey.get(key)?.where}: ${JSON.stringify(englishByKey.get(key)?.text)})`);
    for (const key of report.stale) console.log(`  stale:   ${key}  (no English string any more)`);
    for (const p of report.placeholders) console.log(`  placeholders: ${p.key}  English {${p.english.join('} {')}} but ${tag} {${p.locale.join('} {')}}`);
    for (const key of report.empty) console.log(`  empty:   ${key}`);
    for (const { key, problems } of report.isolation) console.log(`  right to left: ${key}: ${problems.join('; ')}`);
    if (report.unsortedAt) console.log(`  unsorted: keys are not in order at '${report.unsortedAt}'`);
    if (!report.registered) console.log(`  not loaded: add ['${tag.toLowerCase()}', () => import('./locales/${tag}.ts')] to the loaders in localize.ts`);
  }
  return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
