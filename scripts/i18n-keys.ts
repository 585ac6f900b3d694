/**
 * The translation check: which English strings the elements register, and what each locale file
 * under src/elements/shared/locales/ lacks, has left over, or gets wrong.
 *
 *   npm run i18n:check                  report per locale; exit 1 if any locale is not complete
 *   npm run i18n:check -- --english     print the English strings as JSON (to hand to translators)
 *
 * English is read from the source rather than by importing the elements (they extend Lit's
 * HTMLElement and do not load in Node): every `defineMessages({...})` under src/elements is parsed
 * as an object literal of string literals. Anything else there (a spread, a computed key, a
 * template with `${}`) is an error, so a key is never missed silently. The browser test
 * src/elements/shared/localize.test.ts checks the same set against what the elements register
 * when they run.
 *
 * A locale is complete when it has exactly the English keys, each with the same `{placeholders}`,
 * sorted by key, and is listed in localize.ts's loaders. Literal `t('key')` calls whose key no
 * module defines are reported too (the user would see the key itself).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ELEMENTS = join(ROOT, 'src', 'elements');
export const LOCALES_DIR = join(ELEMENTS, 'shared', 'locales');
const LOCALIZE = join(ELEMENTS, 'shared', 'localize.ts');

export interface EnglishString {
  key: string;
  text: string;
  /** Relative to the repository, with the line of the key: "src/elements/mfa/mfa.component.ts:31". */
  where: string;
}

// ---------------------------------------------------------------------------------------------
// A small scanner over TypeScript source: enough to skip comments, strings, templates and regular
// expressions correctly, find `defineMessages(` and `t(` calls, and read string-literal objects.

class SourceError extends Error {}

class Scanner {
  pos = 0;
  /** The last significant character outside comments, to tell a regex `/` from a division. */
  private last = '';
  private lastWord = '';
  /** Called with each identifier, wherever it is (inside `${}` of templates too), with pos just after it. */
  onWord?: (word: string) => void;

  constructor(readonly text: string, readonly file: string) {}

  line(at = this.pos): number {
    let n = 1;
    for (let i = 0; i < at && i < this.text.length; i++) if (this.text[i] === '\n') n++;
    return n;
  }

  fail(message: string, at = this.pos): never {
    throw new SourceError(`${relative(ROOT, this.file)}:${this.line(at)}: ${message}`);
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** Skips whitespace and comments. */
  skipTrivia(): void {
    const s = this.text;
    for (;;) {
      while (this.pos < s.length && /\s/.test(s[this.pos])) this.pos++;
      if (s.startsWith('//', this.pos)) {
        const end = s.indexOf('\n', this.pos);
        this.pos = end < 0 ? s.length : end + 1;
      } else if (s.startsWith('/*', this.pos)) {
        const end = s.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated comment');
        this.pos = end + 2;
      } else return;
    }
  }

  /** Reads a '…' or "…" literal at pos and returns its value. */
  readQuoted(): string {
    const s = this.text;
    const quote = s[this.pos];
    const start = this.pos;
    this.pos++;
    let out = '';
    while (this.pos < s.length && s[this.pos] !== quote) {
      const c = s[this.pos];
      if (c === '\n') this.fail('unterminated string', start);
      if (c === '\\') out += this.readEscape();
      else {
        out += c;
        this.pos++;
      }
    }
    if (this.pos >= s.length) this.fail('unterminated string', start);
    this.pos++;
    return out;
  }

  /** Reads a template literal at pos; its value, or undefined if it has `${}` substitutions. */
  readTemplate(): string | undefined {
    const s = this.text;
    const start = this.pos;
    this.pos++;
    let out = '';
    let plain = true;
    while (this.pos < s.length && s[this.pos] !== '`') {
      if (s[this.pos] === '\\') out += this.readEscape();
      else if (s.startsWith('${', this.pos)) {
        plain = false;
        this.pos += 2;
        this.last = '{';
        this.skipBalanced('}');
      } else out += s[this.pos++];
    }
    if (this.pos >= s.length) this.fail('unterminated template literal', start);
    this.pos++;
    return plain ? out : undefined;
  }

  /** Skips code up to and past the `close` that balances an opening just before pos. */
  private skipBalanced(close: '}' | ')'): void {
    const pairs: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
    const stack: string[] = [close];
    while (stack.length) {
      this.skipTrivia();
      if (this.done) this.fail(`missing ${close}`);
      const c = this.text[this.pos];
      if (c === stack[stack.length - 1]) {
        stack.pop();
        this.pos++;
        this.last = c;
      } else if (c in pairs) {
        stack.push(pairs[c]);
        this.pos++;
        this.last = c;
      } else this.token();
    }
  }

  private readEscape(): string {
    const s = this.text;
    const c = s[this.pos + 1];
    this.pos += 2;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };
    if (c in simple) return simple[c];
    if (c === '\n') return '';
    if (c === 'x') {
      const hex = s.slice(this.pos, this.pos + 2);
      this.pos += 2;
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (c === 'u') {
      if (s[this.pos] === '{') {
        const end = s.indexOf('}', this.pos);
        const code = parseInt(s.slice(this.pos + 1, end), 16);
        this.pos = end + 1;
        return String.fromCodePoint(code);
      }
      const hex = s.slice(this.pos, this.pos + 4);
      this.pos += 4;
      return String.fromCharCode(parseInt(hex, 16));
    }
    return c;
  }

  private skipRegex(): void {
    const s = this.text;
    const start = this.pos;
    this.pos++;
    let inClass = false;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '\n') this.fail('unterminated regular expression', start);
      if (c === '\\') this.pos += 2;
      else {
        this.pos++;
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) break;
      }
    }
    while (this.pos < s.length && /\w/.test(s[this.pos])) this.pos++;
  }

  /** A `/` here starts a regular expression (not a division) if what came before cannot end an operand. */
  private regexAllowed(): boolean {
    if (/^(return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/.test(this.lastWord) && /\w/.test(this.last)) return true;
    return this.last === '' || '(,=:[!&|?{};+-*%<>~^'.includes(this.last);
  }

  /**
   * Advances over one token and returns it when it is an identifier (else ''). Strings, templates,
   * regexes and punctuation are skipped.
   */
  token(): string {
    this.skipTrivia();
    if (this.done) return '';
    const s = this.text;
    const c = s[this.pos];
    if (c === '"' || c === "'") {
      this.readQuoted();
      this.last = c;
      this.lastWord = '';
      return '';
    }
    if (c === '`') {
      this.readTemplate();
      this.last = c;
      this.lastWord = '';
      return '';
    }
    if (c === '/' && this.regexAllowed()) {
      this.skipRegex();
      this.last = '/';
      this.lastWord = '';
      return '';
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(s.slice(this.pos, this.pos + 200));
    if (word) {
      this.pos += word[0].length;
      this.last = 'a';
      this.lastWord = word[0];
      this.onWord?.(word[0]);
      return word[0];
    }
    const number = /^\d[\w.]*/.exec(s.slice(this.pos, this.pos + 100));
    this.pos += number ? number[0].length : 1;
    this.last = number ? '0' : c;
    this.lastWord = '';
    return '';
  }

  peek(): string {
    this.skipTrivia();
    return this.text[this.pos] ?? '';
  }

  expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected "${char}" but found "${this.text.slice(this.pos, this.pos + 20)}"`);
    this.pos++;
    this.last = char;
  }

  /** One string value: literals, plain templates, and `+` between them. */
  readStringValue(): string {
    let value = '';
    for (;;) {
      const c = this.peek();
      if (c === '"' || c === "'") value += this.readQuoted();
      else if (c === '`') {
        const start = this.pos;
        const text = this.readTemplate();
        if (text === undefined) this.fail('a template with ${} cannot be a message (use a {placeholder})', start);
        value += text;
      } else this.fail(`a message must be a string literal, found "${this.text.slice(this.pos, this.pos + 30)}"`);
      if (this.peek() !== '+') return value;
      this.pos++;
    }
  }

  /** `{ 'key': 'text', ... }` at pos: the entries with the line of each key. */
  readMessagesObject(): { key: string; text: string; line: number }[] {
    const entries: { key: string; text: string; line: number }[] = [];
    this.expect('{');
    for (;;) {
      const c = this.peek();
      if (c === '}') {
        this.pos++;
        this.last = '}';
        return entries;
      }
      const at = this.pos;
      let key: string;
      if (c === '"' || c === "'") key = this.readQuoted();
      else if (/[A-Za-z_$]/.test(c)) key = this.token();
      else this.fail(`a message key must be a string or a name (no spreads or computed keys), found "${this.text.slice(at, at + 30)}"`, at);
      this.expect(':');
      const text = this.readStringValue();
      entries.push({ key, text, line: this.line(at) });
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== '}') this.fail('expected "," or "}" after a message');
    }
  }
}

/** The source files under src/elements that may register or use strings (not tests, not locales). */
export function elementSources(): string[] {
  return readdirSync(ELEMENTS, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') && !d.name.endsWith('.d.ts'))
    .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name))
    .filter((file) => !file.startsWith(LOCALES_DIR))
    .sort();
}

interface Scan {
  defined: { key: string; text: string; line: number }[];
  /** Literal keys of `t('…')` / `this.t('…')` calls. */
  used: { key: string; line: number }[];
}

/** Every defineMessages({...}) and literal t('…') in one source text. */
export function scanSource(text: string, file = '<source>'): Scan {
  const scan: Scan = { defined: [], used: [] };
  const s = new Scanner(text, file);
  s.onWord = (word) => {
    if (word === 'defineMessages' && s.peek() === '(') {
      s.pos++;
      scan.defined.push(...s.readMessagesObject());
      if (s.peek() === ',') s.pos++;
      s.expect(')');
    } else if (word === 't' && s.peek() === '(') {
      const at = s.pos;
      s.pos++;
      const c = s.peek();
      if (c === "'" || c === '"') scan.used.push({ key: s.readQuoted(), line: s.line(at) });
    }
  };
  while (!s.done) s.token();
  return scan;
}

/** The English strings of every element, in source order, and the problems in how they are defined. */
export function collectEnglish(files = elementSources()): { strings: EnglishString[]; problems: string[] } {
  const strings: EnglishString[] = [];
  const problems: string[] = [];
  const seen = new Map<string, EnglishString>();
  for (const file of files) {
    if (file === LOCALIZE) continue; // defines defineMessages; registers nothing
    let scan: Scan;
    try {
      scan = scanSource(readFileSync(file, 'utf8'), file);
    } catch (error) {
      if (error instanceof SourceError) {
        problems.push(error.message);
        continue;
      }
      throw error;
    }
    for (const entry of scan.defined) {
      const string: EnglishString = { key: entry.key, text: entry.text, where: `${relative(ROOT, file)}:${entry.line}` };
      const before = seen.get(entry.key);
      if (before) {
        // Object.assign keeps the last one: two modules defining a key fight over its text.
        if (before.text !== entry.text) problems.push(`${string.where}: '${entry.key}' is already defined with other text at ${before.where}`);
        continue;
      }
      seen.set(entry.key, string);
      strings.push(string);
    }
  }
  return { strings, problems };
}

/** Literal `t('key')` calls whose key no module defines. */
export function unknownKeys(english: readonly EnglishString[], files = elementSources()): string[] {
  const keys = new Set(english.map((s) => s.key));
  const out: string[] = [];
  for (const file of files) {
    let scan: Scan;
    try {
      scan = scanSource(readFileSync(file, 'utf8'), file);
    } catch {
      continue; // reported by collectEnglish
    }
    for (const use of scan.used) if (!keys.has(use.key)) out.push(`${relative(ROOT, file)}:${use.line}: t('${use.key}') has no English string`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Locales

/** `{name}` placeholders in a message, sorted and without repeats. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
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
  /** English keys the locale lacks. */
  missing: string[];
  /** Keys the locale has that English no longer does. */
  stale: string[];
  /** Keys whose {placeholders} differ from English. */
  placeholders: { key: string; english: string[]; locale: string[] }[];
  /** Keys whose text is empty or not a string. */
  empty: string[];
  /** The first key out of order, if the file is not sorted by key. */
  unsortedAt?: string;
  /** False if localize.ts does not load this locale. */
  registered: boolean;
}

export function checkLocale(tag: string, messages: Record<string, string>, english: readonly EnglishString[], localizeSource = readFileSync(LOCALIZE, 'utf8')): LocaleReport {
  const englishText = new Map(english.map((s) => [s.key, s.text]));
  const keys = Object.keys(messages);
  const report: LocaleReport = {
    tag,
    keys: keys.length,
    missing: english.map((s) => s.key).filter((key) => !(key in messages)),
    stale: keys.filter((key) => !englishText.has(key)),
    placeholders: [],
    empty: keys.filter((key) => typeof messages[key] !== 'string' || messages[key].trim() === ''),
    registered: localizeSource.includes(`'./locales/${tag}.ts'`),
  };
  for (const key of keys) {
    const source = englishText.get(key);
    if (source === undefined || typeof messages[key] !== 'string') continue;
    const want = placeholders(source);
    const got = placeholders(messages[key]);
    if (want.join() !== got.join()) report.placeholders.push({ key, english: want, locale: got });
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
  console.log(`English: ${strings.length} strings in ${new Set(strings.map((s) => s.where.split(':')[0])).size} modules`);
  for (const problem of problems) {
    console.log(`  error: ${problem}`);
    failed = true;
  }
  for (const problem of unknownKeys(strings)) {
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
    console.log(`${tag}: ${report.keys} keys, ${ok ? 'complete' : `${report.missing.length} missing, ${report.stale.length} stale`}`);
    for (const key of report.missing) console.log(`  missing: ${key}  (${englishByKey.get(key)?.where}: ${JSON.stringify(englishByKey.get(key)?.text)})`);
    for (const key of report.stale) console.log(`  stale:   ${key}  (no English string any more)`);
    for (const p of report.placeholders) console.log(`  placeholders: ${p.key}  English {${p.english.join('} {')}} but ${tag} {${p.locale.join('} {')}}`);
    for (const key of report.empty) console.log(`  empty:   ${key}`);
    if (report.unsortedAt) console.log(`  unsorted: keys are not in order at '${report.unsortedAt}'`);
    if (!report.registered) console.log(`  not loaded: add ['${tag.toLowerCase()}', () => import('./locales/${tag}.ts')] to the loaders in localize.ts`);
  }
  return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
