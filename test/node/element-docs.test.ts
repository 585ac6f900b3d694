// The element reference (docs/elements/, scripts/element-docs.ts) cannot drift: it is regenerated here
// from the JSDoc and must equal what is checked in. And it is complete, checked against sources the
// manifest does not read: every attribute an element observes (its static `properties`, read from the
// source) is in its page with a description, every event its folder emits is in its events, and every
// attribute the README's element table ("The elements at a glance") names is in the page its row links to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ELEMENTS, ROOT } from '../../scripts/build.ts';
import { DOCS_DIR, elementDocs } from '../../scripts/element-docs.ts';
import { generateManifest, type Manifest } from '../../scripts/manifest.ts';

const FIX = 'run `npm run docs` and commit docs/elements/';
const manifest = generateManifest(ROOT, ELEMENTS, `.tmp/element-docs-test-${process.pid}`);
const generated = elementDocs(ROOT, manifest);
const page = (name: string) => generated.get(`${DOCS_DIR}/cognito-${name}.md`) ?? assert.fail(`no page for cognito-${name}`);
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The rows of the table under `## <section>` in a page, by their first cell's code text. */
function rows(markdown: string, section: string): Map<string, string[]> {
  const body = markdown.split(`\n## ${section}\n`)[1]?.split('\n## ')[0] ?? '';
  const found = new Map<string, string[]>();
  for (const line of body.split('\n')) {
    const cells = line
      .replace(/^\| | \|$/g, '')
      .split(/ (?<!\\)\| /)
      .map((c) => c.trim());
    const key = /^\[?`([^`]+)`/.exec(cells[0] ?? '')?.[1];
    if (line.startsWith('| ') && key) found.set(key, cells);
  }
  return found;
}

/** The attributes a Lit element observes: its static `properties` without `state: true` or `attribute: false`. */
function observedAttributes(file: string): string[] {
  const block = /static override properties = \{([\s\S]*?)\n {2}\};/.exec(read(file))?.[1] ?? assert.fail(`${file} declares no static properties`);
  const attributes = block.includes('...CognitoElement.properties') ? observedAttributes('src/elements/shared/base.ts') : [];
  for (const [, name, options] of block.matchAll(/^\s*(\w+): \{([^}]*)\},?$/gm)) {
    if (/\bstate: true\b|\battribute: false\b/.test(options)) continue;
    attributes.push(/\battribute: '([^']+)'/.exec(options)?.[1] ?? name.toLowerCase());
  }
  return attributes;
}

/** Every .ts file under `dir`, tests left out. */
const sources = (dir: string) =>
  readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && f.name.endsWith('.ts') && !f.name.includes('.test.'))
    .map((f) => relative(ROOT, join(f.parentPath, f.name)));

test('docs/elements/ is what `npm run docs` generates from the JSDoc', () => {
  const checkedIn = readdirSync(join(ROOT, DOCS_DIR))
    .map((name) => `${DOCS_DIR}/${name}`)
    .sort();
  assert.deepEqual(checkedIn, [...generated.keys()].sort(), `docs/elements/ has other files than the generator writes: ${FIX}`);
  for (const [path, text] of generated) assert.equal(read(path), text, `${path} differs from what the JSDoc generates: ${FIX}`);
});

test('each element has a page and a row in the index; every page has an example, the client property and the shared attributes', () => {
  const index = generated.get(`${DOCS_DIR}/README.md`) ?? assert.fail('no index');
  for (const name of ELEMENTS) {
    const text = page(name);
    assert.ok(rows(index, 'Elements').has(`<cognito-${name}>`), `cognito-${name} is in the index`);
    assert.match(text, new RegExp(`\n## Example\n\n\`\`\`html\n[^]*?<cognito-${name}[\\s>][^]*?\n\`\`\`\n`), `cognito-${name} has an HTML example that uses it`);
    assert.ok(rows(text, 'Properties').has('client'), `cognito-${name} documents its client property`);
    for (const shared of ['user-pool-id', 'client-id', 'region', 'endpoint']) assert.ok(rows(text, 'Attributes').has(shared), `cognito-${name} lists ${shared}`);
  }
});

test('every attribute an element observes is in its page, with a description', () => {
  for (const name of ELEMENTS) {
    const observed = observedAttributes(`src/elements/${name}/${name}.component.ts`);
    assert.ok(observed.length > 4, `cognito-${name}'s static properties were read (${observed.join(', ')})`);
    const documented = rows(page(name), 'Attributes');
    for (const attribute of observed) {
      const row = documented.get(attribute);
      assert.ok(row, `cognito-${name}'s \`${attribute}\` attribute is not in its reference: document it in the JSDoc, then ${FIX}`);
      assert.ok(row.length === 5 && row[4].length > 0, `cognito-${name}'s \`${attribute}\` has a description`);
    }
    assert.deepEqual([...documented.keys()].sort(), [...observed].sort(), `cognito-${name}'s page lists exactly the attributes it observes`);
  }
});

test('every event an element emits is in its events table, with its detail type', () => {
  for (const name of ELEMENTS) {
    const documented = rows(page(name), 'Events');
    const emitted = new Set(['cognito-error']); // CognitoElement#showError, for every element
    for (const file of sources(`src/elements/${name}`)) for (const [, event] of read(file).matchAll(/\bemit\(\s*[^,]+,\s*'(cognito-[\w-]+)'/g)) emitted.add(event);
    for (const event of emitted) {
      const row = documented.get(event);
      assert.ok(row, `cognito-${name} emits ${event} but does not document it (@event in its JSDoc)`);
      assert.match(row[1], /^`.+`$/, `${event}'s detail type is shown for cognito-${name}`);
    }
  }
});

test("every attribute the README's element table names is in that element's page, and each row links to it", () => {
  const readme = read('README.md');
  const table = [...readme.matchAll(/^\| \[`<cognito-([\w-]+)>`\]\(([^)]+)\) \|.*\| ([^|]*) \|$/gm)];
  assert.equal(table.length, ELEMENTS.length, "the README's element table was found, a row per element");
  for (const [, name, link, attributes] of table) {
    assert.equal(link, `${DOCS_DIR}/cognito-${name}.md`, `the README's row for cognito-${name} links to its page`);
    const documented = rows(page(name), 'Attributes');
    for (const [, attribute] of attributes.matchAll(/`([\w-]+)`/g))
      assert.ok(documented.has(attribute), `README names cognito-${name}'s \`${attribute}\`, its page does not`);
  }
});

test('the generator refuses an attribute without JSDoc and an event CognitoEventDetails does not type', () => {
  const copy = () => JSON.parse(JSON.stringify(manifest)) as Manifest;
  const signIn = (m: Manifest) => m.modules.flatMap((mod) => mod.declarations ?? []).find((d) => d.tagName === 'cognito-sign-in')!;

  const undocumented = copy();
  delete signIn(undocumented).attributes!.find((a) => a.name === 'providers')!.description;
  assert.throws(() => elementDocs(ROOT, undocumented), /cognito-sign-in's `providers` attribute has no JSDoc/);

  const unknownEvent = copy();
  signIn(unknownEvent).events!.push({ name: 'cognito-made-up' });
  assert.throws(() => elementDocs(ROOT, unknownEvent), /@event cognito-made-up, which CognitoEventDetails/);
});
