// The size budget: each entry and each on-demand chunk that scripts/sizes.ts measures (the core, the
// full kit, the first views of a sign-in page, the SRP worker, the script-tag builds) is held to its
// budget in size-budget.json, and a chunk that appears without a budget, or a budget without its
// chunk, fails too. The test also checks that each measurement holds what it should.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as esbuild from 'esbuild';
import { ROOT } from '../../scripts/build.ts';
import { chunkName, type ChunkSet, type Entry, type Measured, measureSizes } from '../../scripts/sizes.ts';

interface Budgets {
  budget: Record<Entry, number>;
  goal: Partial<Record<Entry, number>>;
  chunks: Record<ChunkSet, Record<string, number>>;
}
const file = JSON.parse(readFileSync(join(ROOT, 'size-budget.json'), 'utf8')) as Budgets;

const { sizes, chunks, builds } = await measureSizes();
const { kit, core, authenticator, signIn, tag } = builds;

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
