// The size budget (size-budget.json): the headless core, the full kit (every element, the core and
// Lit), the first view of a sign-in page (<cognito-authenticator> up front, its other steps on
// demand; <cognito-sign-in> alone), the SRP worker, and
// the script-tag builds (the autoloading pages up front, the loader alone, the single file), bundled
// the way scripts/build.ts bundles them (minified ESM, code-split, dependencies bundled in as an app's
// bundler would), gzipped at level 9. An entry counts with every chunk it imports statically; chunks
// it loads on demand (other languages, the QR encoder, the in-thread SRP fallback, ...) do not: those
// have a budget each instead ('chunks'), so a chunk that grows, or appears without a budget, fails too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { buildScriptTag, packageOptions, ROOT, workerOptions } from '../../scripts/build.ts';

type Entry =
  'core' | 'fullKit' | 'authenticator' | 'signIn' | 'worker' | 'scriptTagLoader' | 'scriptTagSignInPage' | 'scriptTagAuthenticatorPage' | 'scriptTagBundle';
type ChunkSet = 'package' | 'scriptTag';
interface Budgets {
  budget: Record<Entry, number>;
  goal: Partial<Record<Entry, number>>;
  chunks: Record<ChunkSet, Record<string, number>>;
}
const file = JSON.parse(readFileSync(join(ROOT, 'size-budget.json'), 'utf8')) as Budgets;
const OUT = join(ROOT, 'dist/.size');

const gzip = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;

interface Measured {
  bytes: number;
  files: string[];
}

/** Output file (metafile key) -> its gzip size, each file gzipped on its own (as served). */
function gzipSizes(result: esbuild.BuildResult): Map<string, number> {
  const contents = new Map(result.outputFiles!.map((f) => [f.path, f.contents]));
  return new Map(Object.keys(result.metafile!.outputs).map((f) => [f, gzip(contents.get(join(ROOT, f))!)]));
}

/** The output files whose entry point ends with `source`. */
function outputOf(result: esbuild.BuildResult, source: string): string {
  const key = Object.entries(result.metafile!.outputs).find(([, o]) => o.entryPoint?.endsWith(source))?.[0];
  assert.ok(key, `the build has no output for ${source}`);
  return key;
}

/** These outputs plus every chunk they import statically. */
function staticClosure(result: esbuild.BuildResult, starts: string[]): string[] {
  const outputs = result.metafile!.outputs;
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const imported of outputs[f].imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  for (const start of starts) visit(start);
  return [...seen];
}

function measure(result: esbuild.BuildResult, sources: string[]): Measured {
  const sizes = gzipSizes(result);
  const files = staticClosure(
    result,
    sources.map((s) => outputOf(result, s)),
  );
  return { bytes: files.reduce((sum, f) => sum + sizes.get(f)!, 0), files };
}

/**
 * A chunk's name in size-budget.json: its output path without the hash (cdn/cognito-mfa, cdn/fr,
 * passkeys) when no other chunk has that name; otherwise (the shared `chunk-<hash>` ones) "chunk of"
 * the source file that contributes most to it: each source is in exactly one output, so that names
 * one chunk, and stays the same while the hash changes.
 */
function chunkName(result: esbuild.BuildResult, path: string): string {
  const outputs = result.metafile!.outputs;
  const unhashed = (f: string) => f.slice(f.indexOf('/', f.indexOf('.size')) + 1).replace(/(-[A-Z0-9]{8})?\.js$/, '');
  const name = unhashed(path);
  const sameName = Object.keys(outputs).filter((f) => unhashed(f) === name);
  if (!name.endsWith('chunk') && sameName.length === 1) return name;
  const [largest] = Object.entries(outputs[path].inputs).sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)[0];
  return `${name.replace(/chunk$/, '')}chunk of ${largest.replace(/^(node_modules|src)\//, '').replace(/\.[mc]?[jt]s$/, '')}`;
}

/** Every output of `result` not in `upFront`, by its name in size-budget.json. */
function onDemandChunks(result: esbuild.BuildResult, upFront: string[]): Map<string, number> {
  const sizes = gzipSizes(result);
  const chunks = new Map<string, number>();
  for (const path of Object.keys(result.metafile!.outputs).filter((f) => !upFront.includes(f))) {
    const name = chunkName(result, path);
    assert.ok(!chunks.has(name), `two chunks are both named ${name}`);
    chunks.set(name, sizes.get(path)!);
  }
  return chunks;
}

const write = false;
/** One entry bundled alone, as an app that imports just it gets it (other entries would split it up further). */
const bundle = (source: string, out: string) =>
  esbuild.build({ ...packageOptions(OUT, { minify: true, bundleDependencies: true }), entryPoints: [{ in: join(ROOT, source), out }], write });
const [kit, core, authenticator, signIn] = await Promise.all([
  bundle('src/index.ts', 'index'),
  bundle('src/core/index.ts', 'core'),
  bundle('src/elements/authenticator/authenticator.ts', 'authenticator'),
  bundle('src/elements/sign-in/sign-in.ts', 'sign-in'),
]);
const worker = await esbuild.build({ ...workerOptions(join(OUT, 'srp.worker.js')), write });
const workerCode = worker.outputFiles[0].text;
const tag = await buildScriptTag(OUT, workerCode, write);

const LOADER = 'src/script-tag.ts';
const sizes: Record<Entry, Measured> = {
  core: measure(core, ['src/core/index.ts']),
  fullKit: measure(kit, ['src/index.ts']),
  authenticator: measure(authenticator, ['src/elements/authenticator/authenticator.ts']),
  signIn: measure(signIn, ['src/elements/sign-in/sign-in.ts']),
  worker: { bytes: gzip(worker.outputFiles[0].contents), files: ['srp.worker.js'] },
  scriptTagLoader: measure(tag.loader, [LOADER]),
  scriptTagSignInPage: measure(tag.loader, [LOADER, 'src/elements/sign-in/sign-in.ts']),
  scriptTagAuthenticatorPage: measure(tag.loader, [LOADER, 'src/elements/authenticator/authenticator.ts']),
  scriptTagBundle: measure(tag.bundle, ['src/script-tag-bundle.ts']),
};
const chunks: Record<ChunkSet, Map<string, number>> = {
  package: onDemandChunks(authenticator, sizes.authenticator.files),
  scriptTag: onDemandChunks(tag.loader, sizes.scriptTagLoader.files),
};

console.log(
  (Object.entries(sizes) as [Entry, Measured][])
    .map(([name, s]) => {
      const goal = file.goal[name];
      const vsGoal = goal === undefined ? '' : `; goal ${goal}, ${s.bytes <= goal ? 'met' : `missed by ${s.bytes - goal} B`}`;
      return `size: ${name.padEnd(26)} ${String(s.bytes).padStart(6)} B gzip (budget ${file.budget[name]}${vsGoal}) in ${s.files.length} file(s)`;
    })
    .join('\n'),
);
for (const [set, measured] of Object.entries(chunks) as [ChunkSet, Map<string, number>][]) {
  const lines = [...measured]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, bytes]) => `  ${name.padEnd(48)} ${String(bytes).padStart(6)} B (budget ${file.chunks[set]?.[name] ?? 'none'})`);
  console.log(
    `size: on-demand chunks of the ${set === 'package' ? 'package build (the authenticator bundled as an app would)' : 'script-tag loader'}:\n${lines.join('\n')}`,
  );
}

test('the measurement sees what it should: the full kit holds Lit and every element, the core neither', () => {
  const names = (result: esbuild.BuildResult, files: string[]) => files.flatMap((f) => Object.keys(result.metafile!.outputs[f].inputs));
  const coreInputs = names(core, sizes.core.files);
  const kitInputs = names(kit, sizes.fullKit.files);
  assert.ok(coreInputs.some((i) => i.endsWith('src/core/client.ts')));
  assert.ok(!coreInputs.some((i) => i.includes('node_modules/lit') || i.includes('src/elements/')), 'the core pulls in no Lit and no element');
  assert.ok(
    kitInputs.some((i) => i.includes('node_modules/lit-html/')),
    'the full kit includes Lit',
  );
  for (const name of ['sign-in', 'mfa', 'account', 'attributes', 'authenticator', 'sign-up', 'forgot-password', 'new-password']) {
    assert.ok(
      kitInputs.some((i) => i.endsWith(`src/elements/${name}/${name}.component.ts`)),
      `the full kit includes ${name}`,
    );
  }
  // On demand, so not counted: the in-thread SRP fallback and the languages.
  assert.ok(!kitInputs.some((i) => i.endsWith('src/worker/srp.ts') || i.includes('/locales/')), 'the SRP math and the locales load on demand');
  // A sign-in page's first view: the authenticator and the sign-in form; the journey's other steps
  // each in a chunk of their own, loaded on demand; none of the signed-in user's pages.
  const pageInputs = names(authenticator, sizes.authenticator.files);
  for (const name of ['authenticator', 'sign-in']) {
    assert.ok(
      pageInputs.some((i) => i.endsWith(`src/elements/${name}/${name}.component.ts`)),
      `the sign-in page's first view includes ${name}`,
    );
  }
  for (const name of ['mfa', 'new-password', 'forgot-password', 'sign-up']) {
    assert.ok(!pageInputs.some((i) => i.endsWith(`src/elements/${name}/${name}.component.ts`)), `the sign-in page's first view leaves out ${name}`);
    const onDemand = Object.keys(authenticator.metafile!.outputs).filter((f) => !sizes.authenticator.files.includes(f));
    const chunk = onDemand.find((f) => Object.keys(authenticator.metafile!.outputs[f].inputs).some((i) => i.endsWith(`src/elements/${name}/${name}.component.ts`)));
    assert.ok(chunk, `${name} is in one of the sign-in page's on-demand chunks`);
    assert.ok(chunks.package.has(chunkName(authenticator, chunk)), `${name}'s chunk is measured (and so budgeted)`);
  }
  for (const name of ['account', 'attributes']) {
    assert.ok(!pageInputs.some((i) => i.includes(`src/elements/${name}/`)), `the sign-in page leaves out ${name}`);
  }
  // <cognito-sign-in> alone hands each challenge to another element on the page: it brings none of them.
  const signInInputs = names(signIn, Object.keys(signIn.metafile!.outputs));
  for (const name of ['authenticator', 'mfa', 'new-password', 'forgot-password', 'sign-up']) {
    assert.ok(!signInInputs.some((i) => i.includes(`src/elements/${name}/`)), `<cognito-sign-in> alone leaves out ${name}, up front and on demand`);
  }
  assert.equal(sizes.scriptTagBundle.files.length, 1, 'the single-file script-tag build is one file up front');
  const bundleFile = tag.bundle.outputFiles!.find((f) => f.path.endsWith('cognito-elements.bundle.js'))!.text;
  assert.ok(bundleFile.includes('createObjectURL(new Blob([') && bundleFile.includes('Caldera Derived Key'), 'the single-file build carries the worker');
});

test('the script-tag loader defines no element up front; a <cognito-sign-in> page adds the sign-in chunk, not the signed-in pages', () => {
  const inputs = (files: string[]) => files.flatMap((f) => Object.keys(tag.loader.metafile!.outputs[f].inputs));
  const loaderInputs = inputs(sizes.scriptTagLoader.files);
  assert.ok(
    loaderInputs.some((i) => i.endsWith('src/core/client.ts')),
    'the loader brings the core (every element needs a client)',
  );
  assert.ok(!loaderInputs.some((i) => i.includes('src/elements/') && i.endsWith('.component.ts')), 'the loader holds no element');
  assert.ok(!loaderInputs.some((i) => i.endsWith('src/script-tag-worker-code.ts')), "the worker's code is not up front");
  const workerChunk = Object.keys(tag.loader.metafile!.outputs).find((f) => tag.loader.metafile!.outputs[f].inputs['src/script-tag-worker-code.ts']);
  assert.ok(workerChunk, "the worker's code is a chunk of the loader");
  assert.ok(tag.loader.outputFiles!.find((f) => f.path === join(ROOT, workerChunk))!.text.includes('Caldera Derived Key'), "that chunk is the worker's code");
  const pageInputs = inputs(sizes.scriptTagSignInPage.files);
  assert.ok(
    pageInputs.some((i) => i.endsWith('src/elements/sign-in/sign-in.component.ts')),
    'the sign-in page has the sign-in element',
  );
  for (const name of ['account', 'attributes', 'mfa', 'sign-up']) {
    assert.ok(!pageInputs.some((i) => i.endsWith(`src/elements/${name}/${name}.component.ts`)), `the sign-in page leaves out ${name}`);
  }
});

test('every entry measured has a budget', () => {
  assert.deepEqual(Object.keys(file.budget).sort(), Object.keys(sizes).sort());
});

for (const [name, limit] of Object.entries(file.budget) as [Entry, number][]) {
  test(`${name} is within its budget of ${limit} bytes gzipped`, () => {
    assert.ok(sizes[name].bytes <= limit, `${name} is ${sizes[name].bytes} B gzipped, over its budget of ${limit} B by ${sizes[name].bytes - limit} B`);
  });
}

for (const [set, measured] of Object.entries(chunks) as [ChunkSet, Map<string, number>][]) {
  test(`each on-demand chunk of the ${set} build has a budget and is within it; every budget names a chunk`, () => {
    const budgets = file.chunks[set] ?? {};
    const unbudgeted = [...measured.keys()].filter((name) => !(name in budgets)).map((name) => `${name} (${measured.get(name)} B)`);
    assert.deepEqual(unbudgeted, [], `chunks with no budget in size-budget.json chunks.${set}`);
    const over = [...measured].filter(([name, bytes]) => bytes > budgets[name]).map(([name, bytes]) => `${name}: ${bytes} B, budget ${budgets[name]} B`);
    assert.deepEqual(over, [], `chunks over their budget`);
    const stale = Object.keys(budgets).filter((name) => !measured.has(name));
    assert.deepEqual(stale, [], `budgets in chunks.${set} for chunks the build no longer makes`);
  });
}
