// Every locale carries every English string, with the same {placeholders}: adding an English
// string without translating it fails here (and in `npm run i18n:check`, which says which).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  checkLocale,
  collectEnglish,
  elementSources,
  loadLocale,
  localeTags,
  placeholders,
  scanSource,
  unknownKeys,
} from '../../scripts/i18n-keys.ts';

const { strings: english, problems } = collectEnglish();
const englishKeys = english.map((s) => s.key).sort();
const LOCALES = ['ar', 'de', 'es', 'fr', 'ja', 'pt-BR', 'zh-CN'];

test('the English strings are all readable from the source, one text per key', () => {
  assert.deepEqual(problems, []);
  // One key from each kind of module, so a scanner that stops early cannot pass.
  const keys = new Set(englishKeys);
  for (const key of ['common.username', 'error.NotAuthorizedException', 'signIn.title', 'signUp.attribute.birthdate', 'newPassword.title', 'mfa.setupTotp.scan', 'account.delete.yes', 'attributes.name.identities', 'authenticator.loading', 'forgotPassword.introPhone']) {
    assert.ok(keys.has(key), `${key} was not found in any defineMessages call`);
  }
});

test('every literal t() key in the elements has an English string', () => {
  assert.deepEqual(unknownKeys(english), []);
});

test('the shipped locales are the seven the elements load', () => {
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

  test(`${tag} is sorted by key and loaded by localize.ts`, async () => {
    const report = checkLocale(tag, await loadLocale(tag), english);
    assert.equal(report.unsortedAt, undefined, `${tag} is out of order at ${report.unsortedAt}`);
    assert.equal(report.registered, true);
  });
}

test('a locale that lacks a key, has a stale one or drops a placeholder is reported', () => {
  const sample = [
    { key: 'a.one', text: 'One', where: 'x.ts:1' },
    { key: 'a.two', text: 'Sent to {destination} by {method}', where: 'x.ts:2' },
    { key: 'a.three', text: 'Three', where: 'x.ts:3' },
  ];
  const report = checkLocale('xx', { 'a.two': 'An {destination}', 'a.one': 'Eins', 'a.old': 'Alt' }, sample, "['xx', () => import('./locales/xx.ts')]");
  assert.deepEqual(report.missing, ['a.three']);
  assert.deepEqual(report.stale, ['a.old']);
  assert.deepEqual(report.placeholders, [{ key: 'a.two', english: ['destination', 'method'], locale: ['destination'] }]);
  assert.equal(report.unsortedAt, 'a.one');
  assert.equal(report.registered, true);
  assert.equal(checkLocale('yy', {}, sample, '').registered, false);
});

test('the scanner reads keys and texts exactly, wherever they are written', () => {
  const source = `
    const SYMBOL = /[\\^$*.[\\]{}()?"!@#%&/\\\\,><':;|_~\`=+\\- ]/; // quotes inside a regex
    /* defineMessages({ 'in.comment': 'no' }) */
    const ignored = 'defineMessages({ "in.string": "no" })';
    const view = html\`<p>\${this.t('used.inTemplate', { n: \`\${count}\` })}</p>\`;
    defineMessages({
      'a.escaped': 'It\\u2019s {name}\\'s', // comment after
      plain: "double " + 'joined',
      'a.template': \`plain template\`,
    });
  `;
  const scan = scanSource(source);
  assert.deepEqual(
    scan.defined.map(({ key, text }) => [key, text]),
    [
      ['a.escaped', 'It’s {name}\'s'],
      ['plain', 'double joined'],
      ['a.template', 'plain template'],
    ],
  );
  assert.deepEqual(scan.used.map((u) => u.key), ['used.inTemplate']);
});

test('a defineMessages call the scanner cannot read is an error, not a silently missed key', () => {
  for (const source of ['defineMessages({ ...shared })', "defineMessages({ [key]: 'x' })", 'defineMessages({ a: `${x}` })', 'defineMessages(shared)', "defineMessages({ 'a': label })"]) {
    assert.throws(() => scanSource(source), /./, source);
  }
});

test('the elements’ own sources scan without errors', () => {
  for (const file of elementSources()) assert.doesNotThrow(() => scanSource(readFileSync(file, 'utf8'), file), file);
});
