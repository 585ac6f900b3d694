// The size budget (size-budget.json): the headless core, the full kit (every element, the core and
// Lit), a sign-in page (<cognito-authenticator> and the elements it registers), the SRP worker and
// the script-tag file, bundled the way scripts/build.ts bundles them
// (minified ESM, code-split, dependencies bundled in as an app's bundler would), gzipped at level 9.
// An entry counts with every chunk it imports statically; chunks it loads on demand (other languages,
// the QR encoder, the in-thread SRP fallback, legacy-session import) do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { buildScriptTag, packageOptions, ROOT, workerOptions } from '../../scripts/build.ts';

type Entry = 'core' | 'fullKit' | 'authenticator' | 'worker' | 'scriptTag';
const file = JSON.parse(readFileSync(join(ROOT, 'size-budget.json'), 'utf8')) as { budget: Record<Entry, number>; goal: Partial<Record<Entry, number>> };
const OUT = join(ROOT, 'dist/.size');

const gzip = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;

/** The gzip size of an output file plus every chunk it imports statically, each file gzipped on its own (as served). */
function staticSize(result: esbuild.BuildResult, entry: string): { bytes: number; files: string[] } {
  const outputs = result.metafile!.outputs;
  const contents = new Map(result.outputFiles!.map((f) => [f.path, f.contents]));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of outputs[file].imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  const key = Object.keys(outputs).find((f) => f.endsWith(`/${entry}`));
  assert.ok(key, `the build has no ${entry}`);
  visit(key);
  const files = [...seen];
  return { bytes: files.reduce((sum, f) => sum + gzip(contents.get(join(ROOT, f))!), 0), files };
}

const write = false;
/** One entry bundled alone, as an app that imports just it gets it (other entries would split it up further). */
const bundle = (source: string, out: string) =>
  esbuild.build({ ...packageOptions(OUT, { minify: true, bundleDependencies: true }), entryPoints: [{ in: join(ROOT, source), out }], write });
const [kit, core, authenticator] = await Promise.all([
  bundle('src/index.ts', 'index'),
  bundle('src/core/index.ts', 'core'),
  bundle('src/elements/authenticator/authenticator.ts', 'authenticator'),
]);
const worker = await esbuild.build({ ...workerOptions(join(OUT, 'srp.worker.js')), write });
const workerCode = worker.outputFiles![0].text;
const { main: tag } = await buildScriptTag(OUT, workerCode, write);

const sizes = {
  core: staticSize(core, 'core.js'),
  fullKit: staticSize(kit, 'index.js'),
  authenticator: staticSize(authenticator, 'authenticator.js'),
  worker: { bytes: gzip(worker.outputFiles![0].contents), files: ['srp.worker.js'] },
  scriptTag: staticSize(tag, 'cognito-elements.js'),
};
console.log(
  (Object.entries(sizes) as [Entry, { bytes: number; files: string[] }][])
    .map(([name, s]) => {
      const goal = file.goal[name];
      const vsGoal = goal === undefined ? '' : `; goal ${goal}, ${s.bytes <= goal ? 'met' : `missed by ${s.bytes - goal} B`}`;
      return `size: ${name.padEnd(13)} ${String(s.bytes).padStart(6)} B gzip (budget ${file.budget[name]}${vsGoal}) in ${s.files.length} file(s)`;
    })
    .join('\n'),
);

test('the measurement sees what it should: the full kit holds Lit and every element, the core neither', () => {
  const names = (result: esbuild.BuildResult, files: string[]) =>
    files.flatMap((f) => Object.keys(result.metafile!.outputs[f].inputs));
  const coreInputs = names(core, sizes.core.files);
  const kitInputs = names(kit, sizes.fullKit.files);
  assert.ok(coreInputs.some((i) => i.endsWith('src/core/client.ts')));
  assert.ok(!coreInputs.some((i) => i.includes('node_modules/lit') || i.includes('src/elements/')), 'the core pulls in no Lit and no element');
  assert.ok(kitInputs.some((i) => i.includes('node_modules/lit-html/')), 'the full kit includes Lit');
  for (const name of ['sign-in', 'mfa', 'account', 'attributes', 'authenticator', 'sign-up', 'forgot-password', 'new-password']) {
    assert.ok(kitInputs.some((i) => i.endsWith(`src/elements/${name}/${name}.component.ts`)), `the full kit includes ${name}`);
  }
  // On demand, so not counted: the in-thread SRP fallback and the languages.
  assert.ok(!kitInputs.some((i) => i.endsWith('src/worker/srp.ts') || i.includes('/locales/')), 'the SRP math and the locales load on demand');
  // A sign-in page: every element of the sign-in journey, none of the signed-in user's pages.
  const pageInputs = names(authenticator, sizes.authenticator.files);
  for (const name of ['authenticator', 'sign-in', 'mfa', 'new-password', 'forgot-password', 'sign-up']) {
    assert.ok(pageInputs.some((i) => i.endsWith(`src/elements/${name}/${name}.component.ts`)), `the sign-in page includes ${name}`);
  }
  for (const name of ['account', 'attributes']) {
    assert.ok(!pageInputs.some((i) => i.includes(`src/elements/${name}/`)), `the sign-in page leaves out ${name}`);
  }
  assert.equal(sizes.scriptTag.files.length, 1, 'the script-tag build is one file up front');
  const tagFile = tag.outputFiles!.find((f) => f.path.endsWith('cognito-elements.js'))!.text;
  assert.ok(tagFile.includes('createObjectURL(new Blob([') && tagFile.includes('Caldera Derived Key'), 'the script-tag file carries the worker');
});

test('every entry measured has a budget', () => {
  assert.deepEqual(Object.keys(file.budget).sort(), Object.keys(sizes).sort());
});

for (const [name, limit] of Object.entries(file.budget) as [Entry, number][]) {
  test(`${name} is within its budget of ${limit} bytes gzipped`, () => {
    assert.ok(sizes[name].bytes <= limit, `${name} is ${sizes[name].bytes} B gzipped, over its budget of ${limit} B by ${sizes[name].bytes - limit} B`);
  });
}
