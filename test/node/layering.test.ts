// The layers of architecture.md, checked by scanning every import specifier:
// - emulator/ imports nothing from src/: its SRP and token code are an independent implementation,
//   so a bug on one side cannot hide in both;
// - elements -> core -> worker: core imports nothing from the elements, the worker nothing from core;
// - each element folder uses src/elements/shared/ and its own files, never a sibling's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EMULATOR = join(ROOT, 'emulator');
const SRC = join(ROOT, 'src');
const CORE = join(SRC, 'core');
const WORKER = join(SRC, 'worker');
const ELEMENTS = join(SRC, 'elements');

const stripComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
/** `import './x.ts'`: imported for its side effect alone. */
const BARE_IMPORT = /\bimport\s*['"]([^'"]+)['"]/g;

/** The specifiers a file imports for their side effect alone (`import './define.ts'`). */
export function bareImports(code: string): string[] {
  return [...stripComments(code).matchAll(BARE_IMPORT)].map((m) => m[1]);
}

/** Every module specifier in a TS file: import/export ... from, bare import, import(), require(). */
export function importSpecifiers(code: string): string[] {
  const withoutComments = stripComments(code);
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    BARE_IMPORT,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...withoutComments.matchAll(pattern)].map((m) => m[1]));
}

/** Does this specifier, written in `file`, reach into src/? */
export function reachesSrc(file: string, specifier: string): boolean {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = resolve(dirname(file), specifier);
    return target === SRC || target.startsWith(SRC + sep);
  }
  // Path aliases a bundler or tsconfig could map onto src/.
  return /^(src|@src|~|@)\//.test(specifier) || specifier.startsWith('cognito-elements');
}

/** Where a relative specifier written in `file` points (undefined for a package name). */
function target(file: string, specifier: string): string | undefined {
  return specifier.startsWith('.') || specifier.startsWith('/') ? resolve(dirname(file), specifier) : undefined;
}

const within = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);

/** Does this specifier, written in `file`, reach into `dir`? The package's own name reaches into all of src/. */
export function reaches(file: string, specifier: string, dir: string): boolean {
  const to = target(file, specifier);
  return to ? within(to, dir) : within(dir, SRC) && specifier.startsWith('cognito-elements');
}

/** The element folder (src/elements/<name>/) a path is in, or undefined: shared/ and index.ts belong to no element. */
export function elementFolder(path: string): string | undefined {
  if (!within(path, ELEMENTS)) return undefined;
  const [name, ...rest] = relative(ELEMENTS, path).split(sep);
  return rest.length && name !== 'shared' ? name : undefined;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(ts|mts|cts|js|mjs)$/.test(d.name))
    .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name));
}

test('the scanner finds every form of import, and recognises one into src/', () => {
  const sample = `
    import { a } from './a.ts';
    import type { B } from "../src/core/b.ts";
    export { c } from './c.ts';
    export * from '../src/d.ts';
    import './side-effect.ts';
    const e = await import('../src/e.ts');
    const f = require('node:fs');
    // import { nope } from '../src/commented.ts';
  `;
  assert.deepEqual(importSpecifiers(sample).sort(), ['../src/core/b.ts', '../src/d.ts', '../src/e.ts', './a.ts', './c.ts', './side-effect.ts', 'node:fs'].sort());
  const file = join(EMULATOR, 'server.ts');
  assert.equal(reachesSrc(file, '../src/core/b.ts'), true);
  assert.equal(reachesSrc(join(EMULATOR, 'actions', 'auth.ts'), '../../src/worker/srp.ts'), true);
  assert.equal(reachesSrc(file, './srp.ts'), false);
  assert.equal(reachesSrc(file, '../srcx/thing.ts'), false);
  assert.equal(reachesSrc(file, 'jose'), false);
});

test('no file under emulator/ imports from src/', () => {
  const files = tsFiles(EMULATOR);
  assert.ok(files.length >= 10, `found ${files.length} emulator files`);
  let specifiers = 0;
  const offending: string[] = [];
  for (const file of files) {
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      specifiers++;
      if (reachesSrc(file, specifier)) offending.push(`${relative(ROOT, file)}: ${specifier}`);
    }
  }
  assert.ok(specifiers >= 20, `the scan saw ${specifiers} import specifiers`);
  assert.deepEqual(offending, []);
});

/** `file: specifier` for every import in the files under `dir` that `bad` rejects; also how many it saw. */
function scan(dir: string, bad: (file: string, specifier: string) => boolean, keep: (file: string) => boolean = () => true) {
  const files = tsFiles(dir).filter(keep);
  let specifiers = 0;
  const offending: string[] = [];
  for (const file of files) {
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      specifiers++;
      if (bad(file, specifier)) offending.push(`${relative(ROOT, file)}: ${specifier}`);
    }
  }
  return { files: files.length, specifiers, offending };
}

test('the layer checks recognise what they look for', () => {
  const client = join(CORE, 'client.ts');
  assert.equal(reaches(client, '../elements/shared/base.ts', ELEMENTS), true);
  assert.equal(reaches(client, './wire.ts', ELEMENTS), false);
  assert.equal(reaches(join(WORKER, 'srp.ts'), '../core/errors.ts', CORE), true);
  assert.equal(reaches(join(WORKER, 'srp.ts'), 'cognito-elements/core', CORE), true);
  assert.equal(reaches(join(WORKER, 'srp.ts'), '@noble/hashes/sha2.js', CORE), false);
  assert.equal(elementFolder(join(ELEMENTS, 'sign-up', 'sign-up.ts')), 'sign-up');
  assert.equal(elementFolder(join(ELEMENTS, 'shared', 'base.ts')), undefined);
  assert.equal(elementFolder(join(ELEMENTS, 'index.ts')), undefined);
  assert.equal(elementFolder(CORE), undefined);
  assert.deepEqual(bareImports(`import '../sign-in/sign-in.ts';\nimport { a } from './a.ts';\n// import '../x/x.ts';`), ['../sign-in/sign-in.ts']);
});

test('core imports nothing from elements', () => {
  const { files, specifiers, offending } = scan(CORE, (file, specifier) => reaches(file, specifier, ELEMENTS) || reaches(file, specifier, join(SRC, 'index.ts')));
  assert.ok(files >= 10 && specifiers >= 20, `the scan saw ${specifiers} import specifiers in ${files} core files`);
  assert.deepEqual(offending, []);
});

test("the worker's math (src/worker) imports nothing from core", () => {
  const { files, specifiers, offending } = scan(WORKER, (file, specifier) => reaches(file, specifier, CORE) || reaches(file, specifier, ELEMENTS));
  assert.ok(files >= 3 && specifiers >= 3, `the scan saw ${specifiers} import specifiers in ${files} worker files`);
  assert.deepEqual(offending, []);
});

// src/elements/<a>/ may import src/elements/shared/ and its own folder, plus a sibling's registration module
// (`import '../sign-in/sign-in.ts'`, a bare import for its side effect, or `import('../mfa/mfa.ts')` on demand):
// that is how the authenticator has the elements it renders by tag defined. Tests are left out: they drive whole
// journeys across elements.
test('no element folder imports a sibling element folder', () => {
  const registration = (to: string) => {
    const name = elementFolder(to);
    return name !== undefined && to === join(ELEMENTS, name, `${name}.ts`);
  };
  const { files, specifiers, offending } = scan(
    ELEMENTS,
    (file, specifier) => {
      const from = elementFolder(file);
      const to = target(file, specifier);
      if (!from || !to) return false;
      const into = elementFolder(to);
      if (into === undefined || into === from) return false;
      const code = readFileSync(file, 'utf8');
      const onDemand = [...stripComments(code).matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
      return !(registration(to) && [...bareImports(code), ...onDemand].includes(specifier));
    },
    (file) => !/\.test\.ts$/.test(file),
  );
  assert.ok(files >= 20 && specifiers >= 100, `the scan saw ${specifiers} import specifiers in ${files} element files`);
  assert.deepEqual(offending, []);
});
