// The customization cookbook's snippets cannot drift from the API: every ```ts block of
// docs/customization.md, and every form-fields='...' JSON of its HTML blocks (as a FormFields), is
// type-checked by tsc against src/ (imported as 'cognito-elements', as an app would). A snippet with a
// field type, form name or hook that does not exist fails here, as the deliberately wrong one shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COOKBOOK = 'docs/customization.md';
const run = promisify(execFile);

/** The bodies of the fenced blocks of one language, in order. */
const blocks = (markdown: string, lang: string) => [...markdown.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]);

test("the cookbook's TypeScript snippets and form-fields JSON type-check against the kit", async () => {
  const markdown = readFileSync(join(ROOT, COOKBOOK), 'utf8');
  const typescript = blocks(markdown, 'ts');
  const json = blocks(markdown, 'html').flatMap((html) => [...html.matchAll(/\bform-fields='([^']*)'/g)].map((m) => m[1]));
  assert.ok(typescript.length >= 4, `the cookbook's ts blocks were found (${typescript.length})`);
  assert.ok(json.length >= 1, 'a form-fields attribute was found in its HTML');

  const dir = join(ROOT, '.tmp', `cookbook-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), `${text}\nexport {};\n`);
    files.push(name);
  };
  typescript.forEach((code, i) => write(`snippet-${i + 1}.ts`, code));
  json.forEach((text, i) => {
    JSON.parse(text); // an attribute that does not parse is refused by the element
    write(`form-fields-${i + 1}.ts`, `import type { FormFields } from 'cognito-elements';\nexport const formFields: FormFields = ${text};`);
  });
  // Proof that a wrong snippet fails: a field type, and a hook, that the kit does not have.
  write(
    'wrong.ts',
    `import type { FormFields, Hooks } from 'cognito-elements';
export const fields: FormFields = { signUp: { custom: [{ name: 'bio', type: 'textarea', label: 'About you' }] } };
export const hooks: Hooks = { signIn: { call: async () => ({}) } };`,
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { paths: { 'cognito-elements': ['../../src/index.ts'] } }, include: files }),
  );
  const tsc = join(ROOT, 'node_modules/.bin/tsc');
  const output = await run(tsc, ['-p', join(dir, 'tsconfig.json'), '--pretty', 'false']).then(
    (r) => r.stdout,
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  const wrong = errors.filter((line) => line.includes('wrong.ts'));
  assert.equal(wrong.length, 2, `tsc refuses both wrong lines of wrong.ts:\n${output}`);
  assert.deepEqual(
    errors.filter((line) => !line.includes('wrong.ts')),
    [],
    `${COOKBOOK}'s snippets (snippet-N is its Nth \`\`\`ts block) do not type-check; the files are in ${dir}`,
  );
  rmSync(dir, { recursive: true, force: true }); // kept when a check fails, to look at
});
