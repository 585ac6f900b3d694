// Translations: what the compiler refuses (a t() key no module defines, a locale that lacks a key
// or has a stray one), checked by compiling real cases with tsc; and what only the check script
// can see (placeholders, right-to-left isolates, one text per key, every module listed and
// registered), on the shipped locales and on fixtures that must fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import {
  checkLocale,
  collectEnglish,
  elementSources,
  isComplete,
  isolationProblems,
  loadLocale,
  localeTags,
  placeholders,
  ROOT,
  unlistedModules,
} from '../../scripts/i18n-keys.ts';
import { englishModules } from '../../src/elements/message-keys.ts';

const { strings: english, problems } = collectEnglish();
const englishKeys = english.map((s) => s.key).sort();
const LOCALES = ['ar', 'de', 'es', 'fr', 'he', 'id', 'it', 'ja', 'ko', 'nb', 'nl', 'pl', 'pt-BR', 'ru', 'sv', 'th', 'tr', 'uk', 'zh-CN'];

test('the English strings come from the messages modules, one text per key', () => {
  assert.deepEqual(problems, []);
  // One key from each kind of module, so a list that lost a module cannot pass.
  const keys = new Set(englishKeys);
  for (const key of [
    'common.username',
    'error.NotAuthorizedException',
    'field.required',
    'signIn.title',
    'signUp.attribute.birthdate',
    'signUp.title',
    'newPassword.title',
    'mfa.setupTotp.scan',
    'account.delete.yes',
    'attributes.name.identities',
    'authenticator.loading',
    'forgotPassword.introPhone',
    'mfa.rememberDevice.label',
  ]) {
    assert.ok(keys.has(key), `${key} is in no messages module`);
  }
  assert.equal(englishKeys.length, 295);
});

test('a key two modules define is reported', () => {
  const found = collectEnglish({ 'a/messages.ts': { 'x.one': 'One' }, 'b/messages.ts': { 'x.two': 'Two', 'x.one': 'Uno' } });
  assert.deepEqual(
    found.strings.map((s) => [s.key, s.where]),
    [
      ['x.one', 'a/messages.ts'],
      ['x.two', 'b/messages.ts'],
    ],
  );
  assert.deepEqual(found.problems, ["b/messages.ts: 'x.one' is already defined in a/messages.ts"]);
});

test('every messages module is listed in message-keys.ts and registered by the module that shows it', async () => {
  const { readFileSync } = await import('node:fs');
  const sources = Object.fromEntries(elementSources().map((file) => [file, readFileSync(join(ROOT, 'src/elements', file), 'utf8')]));
  assert.deepEqual(unlistedModules(sources), []);
  // Each listed module is a file of that name.
  for (const file of Object.keys(englishModules)) assert.ok(file in sources, `${file} is listed but does not exist`);
  // And the check finds one that is not listed or not registered.
  const fixture = {
    'x/messages.ts': "export const xMessages = {\n  'x.title': 'X',\n} as const;\n",
    'x/x.component.ts': 'registerMessages(xMessages);\n',
    'y/messages.ts': "export const yMessages = {\n  'y.title': 'Y',\n} as const;\n",
    'shared/messages.ts': 'export function describeError() {}\n',
  };
  assert.deepEqual(unlistedModules(fixture, ['y/messages.ts']), [
    'x/messages.ts: xMessages is not listed in message-keys.ts',
    'y/messages.ts: nothing calls registerMessages(yMessages)',
  ]);
});

test('the shipped locales are the nineteen the elements load', () => {
  assert.deepEqual(localeTags(), LOCALES);
});

for (const tag of LOCALES) {
  test(`${tag} has exactly the English keys, each with the same {placeholders}`, async () => {
    const messages = await loadLocale(tag);
    assert.deepEqual(Object.keys(messages).sort(), englishKeys, `${tag} keys differ from English (run npm run i18n:check)`);
    const englishText = new Map(english.map((s) => [s.key, s.text]));
    for (const key of englishKeys) {
      const text = messages[key];
      assert.equal(typeof text, 'string', `${tag} ${key}`);
      assert.notEqual(text.trim(), '', `${tag} ${key} is empty`);
      assert.deepEqual(placeholders(text), placeholders(englishText.get(key)!), `${tag} ${key}: placeholders`);
    }
  });

  test(`${tag} is sorted by key, loaded by localize.ts, and passes the whole check`, async () => {
    const report = checkLocale(tag, await loadLocale(tag), english);
    assert.equal(report.unsortedAt, undefined, `${tag} is out of order at ${report.unsortedAt}`);
    assert.equal(report.registered, true);
    assert.deepEqual(report.isolation, []);
    assert.ok(isComplete(report), JSON.stringify(report));
  });
}

test('a locale that lacks a key, has a stale one or drops a placeholder is reported', () => {
  const sample = [
    { key: 'a.one', text: 'One', where: 'x.ts' },
    { key: 'a.two', text: 'Sent to {destination} by {method}', where: 'x.ts' },
    { key: 'a.three', text: 'Three', where: 'x.ts' },
  ];
  const report = checkLocale('xx', { 'a.two': 'An {destination}', 'a.one': 'Eins', 'a.old': 'Alt' }, sample, "['xx', () => import('./locales/xx.ts')]");
  assert.deepEqual(report.missing, ['a.three']);
  assert.deepEqual(report.stale, ['a.old']);
  assert.deepEqual(report.placeholders, [{ key: 'a.two', english: ['destination', 'method'], locale: ['destination'] }]);
  assert.equal(report.unsortedAt, 'a.one');
  assert.equal(report.registered, true);
  assert.equal(isComplete(report), false);
  assert.equal(checkLocale('yy', {}, sample, '').registered, false);
  // A placeholder the translation adds, or renames, is as wrong as one it drops.
  const renamed = checkLocale('xx', { 'a.one': 'Eins {n}', 'a.three': 'Drei', 'a.two': 'An {ziel} per {method}' }, sample, "'./locales/xx.ts'");
  assert.deepEqual(
    renamed.placeholders.map((p) => p.key),
    ['a.one', 'a.two'],
  );
  assert.equal(isComplete(renamed), false);
});

test('a right-to-left locale must isolate left-to-right values and close every isolate', () => {
  assert.deepEqual(isolationProblems('أرسلنا رمزًا إلى \u2068{destination}\u2069.'), []);
  assert.deepEqual(isolationProblems('أرسلنا رمزًا إلى {destination}.'), ['{destination} is not wrapped in isolates (\\u2068{destination}\\u2069)']);
  assert.deepEqual(isolationProblems('\u2068{provider}\u2069 و {provider}'), ['{provider} is not wrapped in isolates (\\u2068{provider}\\u2069)']);
  assert.deepEqual(isolationProblems('مثل \u2068+966501234567.'), ['its isolates (\\u2068 … \\u2069) do not pair up']);
  assert.deepEqual(isolationProblems('\u2069x\u2068'), ['its isolates (\\u2068 … \\u2069) do not pair up']);
  const sample = [{ key: 'a.sent', text: 'Sent to {destination}', where: 'x.ts' }];
  assert.deepEqual(checkLocale('ar', { 'a.sent': 'إلى {destination}' }, sample, "'./locales/ar.ts'").isolation, [
    { key: 'a.sent', problems: ['{destination} is not wrapped in isolates (\\u2068{destination}\\u2069)'] },
  ]);
  // Hebrew is right to left too: the same rule, and a name or label (often Latin letters) is isolated as well.
  const named = [...sample, { key: 'a.as', text: 'Signed in as {name}', where: 'x.ts' }];
  assert.deepEqual(checkLocale('he', { 'a.as': 'התחברת בתור {name}.', 'a.sent': 'שלחנו קוד אל {destination}.' }, named, "'./locales/he.ts'").isolation, [
    { key: 'a.as', problems: ['{name} is not wrapped in isolates (\\u2068{name}\\u2069)'] },
    { key: 'a.sent', problems: ['{destination} is not wrapped in isolates (\\u2068{destination}\\u2069)'] },
  ]);
  assert.deepEqual(checkLocale('he-IL', { 'a.as': 'בתור \u2068{name}\u2069.', 'a.sent': 'אל \u2068{destination}\u2069 \u2068' }, named, '').isolation, [
    { key: 'a.sent', problems: ['its isolates (\\u2068 … \\u2069) do not pair up'] },
  ]);
  // Left-to-right languages need no isolates.
  assert.deepEqual(checkLocale('de', { 'a.sent': 'An {destination}' }, sample, "'./locales/de.ts'").isolation, []);
});

test('tsc refuses an unknown t() key, a locale that lacks a key, and a stray key; and accepts the right ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-types-'));
  try {
    const keys = JSON.stringify(join(ROOT, 'src/elements/message-keys.ts'));
    const de = JSON.stringify(join(ROOT, 'src/elements/shared/locales/de.ts'));
    // One case per line; the ones that must not compile are marked, and tsc must fail on exactly those.
    const cases: [string, 'ok' | 'error'][] = [
      [`import type { TextKey, Translation } from ${keys};`, 'ok'],
      [`import de from ${de};`, 'ok'],
      ['declare const t: (key: TextKey) => string;', 'ok'],
      ["t('signIn.title');", 'ok'],
      ["t('signUp.attribute.custom:plan');", 'ok'],
      ["t('no.such.key');", 'error'],
      ["t('signIn.titel');", 'error'],
      ['export const complete = { ...de } satisfies Translation;', 'ok'],
      ["const { 'signIn.title': _dropped, ...lacking } = de;", 'ok'],
      ['export const incomplete = lacking satisfies Translation;', 'error'],
      ["export const stray = { ...de, 'no.such.key': 'x' } satisfies Translation;", 'error'],
      ["export const mfa = (type: 'SMS' | 'TOTP') => t(`account.mfa.${type}`);", 'ok'],
      ["export const typo = (type: 'SMS' | 'FAX') => t(`account.mfa.${type}`);", 'error'],
      ['export const built = (code: string) => t(`error.${code}`);', 'error'],
      // An app's overrides: typed keys (a typo is an error), its custom-attribute labels, or a loosely typed map.
      [`import { setMessages } from ${JSON.stringify(join(ROOT, 'src/elements/index.ts'))};`, 'ok'],
      ["setMessages('en', { 'signIn.title': 'Welcome back', 'signUp.attribute.custom:plan': 'Plan' });", 'ok'],
      ["setMessages('en', { 'signIn.titel': 'Welcome back' });", 'error'],
      ["declare const loose: Record<string, string>; setMessages('nl', loose);", 'ok'],
    ];
    writeFileSync(join(dir, 'cases.ts'), cases.map(([line]) => line).join('\n') + '\n');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), compilerOptions: { types: [], noUnusedLocals: false }, include: ['cases.ts'] }),
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', join(dir, 'tsconfig.json')]).then(
      ({ stdout }) => ({ failed: false, stdout }),
      (error: { stdout: string }) => ({ failed: true, stdout: error.stdout }),
    );
    const lines = [...result.stdout.matchAll(/cases\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1]));
    const expected = cases.flatMap(([, outcome], i) => (outcome === 'error' ? [i + 1] : []));
    assert.equal(result.failed, true, result.stdout);
    assert.deepEqual([...new Set(lines)], expected, result.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a page carries only the strings of the elements it loads, and no list of all of them', async () => {
  // What the page loads at once: the entry and the chunks it imports statically (not the languages loaded on demand).
  const bundle = async (entry: string) => {
    const result = await esbuild.build({
      entryPoints: [join(ROOT, entry)],
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: join(ROOT, 'dist/.i18n'),
      write: false,
      metafile: true,
      external: ['lit', 'lit/*', '@noble/*', 'idb-keyval', 'aws4fetch', 'lean-qr'],
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    const texts = new Map(result.outputFiles.map((f) => [f.path, f.text]));
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const imported of outputs[file].imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    };
    visit(Object.keys(outputs).find((file) => outputs[file].entryPoint === entry)!);
    return [...seen].map((file) => texts.get(join(ROOT, file))!).join('\n');
  };
  const signIn = await bundle('src/elements/sign-in/sign-in.ts');
  for (const key of ['signIn.title', 'common.username', 'field.required']) assert.ok(signIn.includes(`"${key}"`), `${key} is missing from the sign-in bundle`);
  for (const key of ['account.title', 'attributes.title', 'signUp.attribute.birthdate']) assert.ok(!signIn.includes(`"${key}"`), `${key} is in the sign-in bundle`);
  // message-keys.ts is for types (and this check): importing its values would pull every string in.
  assert.ok(!signIn.includes('englishModules'), 'the sign-in bundle includes message-keys.ts');
  const account = await bundle('src/elements/account/account.ts');
  assert.ok(account.includes('"account.title"'));
});
