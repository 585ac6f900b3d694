// emulator/ imports nothing from src/: its SRP and token code are an independent implementation,
// so a bug on one side cannot hide in both (architecture.md). This scans every import specifier.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EMULATOR = join(ROOT, 'emulator');
const SRC = join(ROOT, 'src');

/** Every module specifier in a TS file: import/export ... from, bare import, import(), require(). */
export function importSpecifiers(code: string): string[] {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
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
