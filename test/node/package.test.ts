// The npm package as an app sees it: `npm run build` (scripts/build.ts) into a scratch
// node_modules/cognito-elements, then the package.json exports, sideEffects and manifest checked
// against the files, and the declarations type-checked by TypeScript from an app's point of view.
// (Bundling by Vite, the worker in dev and production, and the script-tag page under a strict CSP
// are driven in Chromium by the examples' tests.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, ELEMENTS, ROOT, WORKER_LITERAL } from '../../scripts/build.ts';

const app = mkdtempSync(join(tmpdir(), 'cognito-elements-app-'));
const pkgDir = join(app, 'node_modules', 'cognito-elements');
const dist = join(pkgDir, 'dist');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const read = (file: string) => readFileSync(join(pkgDir, file), 'utf8');

before(async () => {
  mkdirSync(pkgDir, { recursive: true });
  await build(dist);
  cpSync(join(ROOT, 'package.json'), join(pkgDir, 'package.json'));
  // The package's dependencies (and their own), where an app's install would put them.
  for (const dep of ['lit', 'lit-html', 'lit-element', '@lit', '@noble', 'idb-keyval', 'lean-qr', 'aws4fetch']) {
    if (existsSync(join(ROOT, 'node_modules', dep))) {
      mkdirSync(join(app, 'node_modules', dep, '..'), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', dep), join(app, 'node_modules', dep));
    }
  }
});

after(() => rmSync(app, { recursive: true, force: true }));

/** The files an exports target names, with `*` filled in for every element. */
function targets(value: unknown): string[] {
  if (typeof value === 'string') return value.includes('*') ? ELEMENTS.flatMap((n) => [value.replace('*', n), value.replace('*', `${n}.component`)]) : [value];
  return Object.values(value as Record<string, unknown>).flatMap(targets);
}

test('every file the exports map, main, types and customElements name is in the build', () => {
  const named = [...targets(pkg.exports), pkg.main, pkg.types, pkg.customElements].filter((f) => f !== './package.json');
  assert.ok(named.length > 40, `${named.length} targets`);
  const missing = named.filter((f: string) => !existsSync(join(pkgDir, f)));
  assert.deepEqual(missing, []);
  for (const key of ['.', './core', './elements/*', './cognito-elements.js', './cognito-elements.bundle.js']) assert.ok(pkg.exports[key].types, `${key} has types`);
});

test('each define module registers its own tag, and only define modules and the kit entry claim side effects', () => {
  const sideEffects: string[] = pkg.sideEffects.filter((f: string) => f.startsWith('./dist/'));
  // The script-tag builds too: the single file, and the loader's chunks (shared ones hold define calls).
  const scriptTag = ['./dist/cognito-elements.js', './dist/cognito-elements.bundle.js', './dist/cdn/*.js'];
  assert.deepEqual(sideEffects.sort(), [...scriptTag, './dist/index.js', ...ELEMENTS.map((n) => `./dist/elements/${n}.js`)].sort());
  for (const name of ELEMENTS) assert.match(read(`dist/elements/${name}.js`), new RegExp(`define\\("cognito-${name}"`), name);
  // A shared chunk with a define() call would be dropped by a bundler that trusts sideEffects.
  const chunks = readdirSync(dist).filter((f) => f.endsWith('.js') && !['cognito-elements.js', 'cognito-elements.bundle.js'].includes(f));
  for (const chunk of chunks) assert.doesNotMatch(read(`dist/${chunk}`), /\bdefine\("cognito-/, chunk);
  for (const name of ELEMENTS) assert.doesNotMatch(read(`dist/elements/${name}.component.js`), /\bdefine\(/, `${name}.component.js registers nothing`);
});

test('the worker is referenced the way bundlers detect, from beside it, and imports nothing', () => {
  const withLiteral = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js') && WORKER_LITERAL.test(read(`dist/${f}`)));
  assert.ok(withLiteral.length >= 1);
  assert.deepEqual(
    withLiteral.filter((f) => f.includes('/')),
    [],
    'only files at the top of dist/, where srp.worker.js is',
  );
  assert.doesNotMatch(read('dist/srp.worker.js'), /\bimport\b[\s{*"']/);
});

test('nothing needs a Node built-in or a polyfill', () => {
  for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
    const code = read(`dist/${file}`);
    assert.doesNotMatch(code, /["']node:|\brequire\(|\bBuffer\.|\bprocess\.env\b/, file);
  }
});

test('every entry imports in Node without a DOM, as server-side rendering (Next.js, Nuxt, SvelteKit, Astro) evaluates it', () => {
  // A fresh process: Lit's Node build shims HTMLElement and customElements; nothing of ours may touch
  // window, document, indexedDB or navigator while a module is evaluated.
  const entries = ['cognito-elements', 'cognito-elements/core', 'cognito-elements/aws', ...ELEMENTS.map((n) => `cognito-elements/elements/${n}`)];
  const script = `
    for (const entry of ${JSON.stringify(entries)}) await import(entry);
    const { CognitoClient } = await import('cognito-elements/core');
    const client = new CognitoClient({ userPoolId: 'eu-west-1_AbC123', clientId: 'x', storage: 'memory' });
    console.log(JSON.stringify({ clientId: client.clientId, username: (await client.currentUsername()) ?? null }));
    client.dispose();`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out.trim().split('\n').at(-1)!), { clientId: 'x', username: null });
});

test('custom-elements.json lists every element with its tag, attributes and events; the JSX types follow it', () => {
  const manifest = JSON.parse(read('dist/custom-elements.json'));
  const declarations = manifest.modules.flatMap((m: { declarations?: unknown[] }) => m.declarations ?? []) as {
    tagName?: string;
    attributes?: { name: string }[];
    events?: { name: string }[];
    summary?: string;
  }[];
  const react = read('dist/react.d.ts');
  const vue = read('dist/vue.d.ts');
  const svelte = read('dist/svelte.d.ts');
  for (const name of ELEMENTS) {
    const el = declarations.find((d) => d.tagName === `cognito-${name}`);
    assert.ok(el, `cognito-${name} is in the manifest`);
    assert.ok(el.summary, `cognito-${name} has a summary`);
    assert.ok(el.attributes?.some((a) => a.name === 'user-pool-id') && el.attributes.some((a) => a.name === 'client-id'), `cognito-${name} attributes`);
    assert.ok(
      el.events?.some((e) => e.name === 'cognito-error'),
      `cognito-${name} events`,
    );
    assert.ok(!el.attributes?.some((a) => ['busy', 'errorText', 'statusText', 'phase'].includes(a.name)), `cognito-${name} lists no internal state as attributes`);
    assert.match(react, new RegExp(`'cognito-${name}': CognitoElementProps<`));
    assert.match(vue, new RegExp(`'cognito-${name}': DefineComponent<`));
    assert.match(svelte, new RegExp(`'cognito-${name}': CognitoElementProps<Cognito\\w+, \\{[^}]*'user-pool-id': 'userPoolId'; 'client-id': 'clientId'`));
  }
});

test('the declarations type-check in an app: elements, events, the core and the script-tag module', () => {
  writeFileSync(
    join(app, 'app.ts'),
    `import { CognitoClient, type SignInStep } from 'cognito-elements/core';
import { type ChallengeStep, configureClients } from 'cognito-elements';
import 'cognito-elements/elements/sign-in';
import { CognitoMfa } from 'cognito-elements/elements/mfa.component';
import * as tag from 'cognito-elements/cognito-elements.js';
import * as bundle from 'cognito-elements/cognito-elements.bundle.js';

const client = new CognitoClient({ userPoolId: 'eu-west-1_AbC123', clientId: 'x', storage: 'memory' });
configureClients({ srpWorker: '/srp.worker.js' });
const signIn = document.createElement('cognito-sign-in');
signIn.usernameAttribute = 'email';
signIn.client = client;
signIn.addEventListener('cognito-signed-in', (event) => console.log(event.detail.session.claims.sub));
// The event's step is a ChallengeStep: SETUP_TOTP comes without its secret (on client.currentStep only).
signIn.addEventListener('cognito-challenge', (event) => { const step: ChallengeStep = event.detail.step; console.log(step.step); });
const current: SignInStep | undefined = client.currentStep;
if (current?.step === 'SETUP_TOTP') console.log(current.uri);
const mfa: CognitoMfa = document.createElement('cognito-mfa');
// The loader exports the headless API; the single file every element class too.
console.log(mfa, tag.sharedClient({ userPoolId: 'eu-west-1_AbC123', clientId: 'x' }), bundle.CognitoSignIn, client.srpMode);
// @ts-expect-error usernameAttribute is a union of known kinds
signIn.usernameAttribute = 'nickname';
`,
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        strict: true,
        noEmit: true,
        types: [],
        skipLibCheck: false,
      },
      files: ['app.ts'],
    }),
  );
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', app], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    assert.fail(`tsc: ${(error as { stdout?: string }).stdout}`);
  }
});
