// `npm run build`: the npm package and the script-tag build, into dist/.
//
//   dist/index.js, core.js, elements/<name>.js (+ <name>.component.js)   ESM, code-split, dependencies external
//   dist/srp.worker.js        the SRP worker, self-contained (bundlers pick it up from the engine's chunk)
//   dist/cognito-elements.js  the script-tag loader: the core and the worker inline; each element's code
//                             loads from dist/cdn/cognito-<name>.js when its tag first appears
//   dist/cognito-elements.bundle.js  the single-file script-tag build: everything (Lit included), the worker inline
//   dist/cdn/                 what the script-tag builds load on demand: the loader's element and shared
//                             chunks (<name>-<hash>.js), and the single file's leaves (languages, QR encoder, ...)
//   dist/types/ + *.d.ts      declarations; dist/react.d.ts, vue.d.ts and svelte.d.ts for framework templates
//   dist/custom-elements.json the custom-elements manifest, from the JSDoc on each element class
//
// The esbuild options live here too, so the size-budget test bundles exactly the way the build does.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { writeFrameworkTypes } from './framework-types.ts';
import { generateManifest } from './manifest.ts';
import { minifyTemplates } from './minify-templates.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** The element folders: every src/elements/<name>/ with a <name>.ts define module. */
export const ELEMENTS = readdirSync(join(ROOT, 'src/elements'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, 'src/elements', d.name, `${d.name}.ts`)))
  .map((d) => d.name)
  .sort();

/** The package's entry points: the whole kit, the core, and each element (define module and class). */
export function entryPoints(): { in: string; out: string }[] {
  return [
    { in: 'src/index.ts', out: 'index' },
    { in: 'src/core/index.ts', out: 'core' },
    { in: 'src/core/aws.ts', out: 'aws' },
    ...ELEMENTS.flatMap((name) => [
      { in: `src/elements/${name}/${name}.ts`, out: `elements/${name}` },
      { in: `src/elements/${name}/${name}.component.ts`, out: `elements/${name}.component` },
    ]),
  ].map((e) => ({ in: join(ROOT, e.in), out: e.out }));
}

/** What bundlers look for to emit a worker as its own file (architecture decision 4). */
export const WORKER_LITERAL = /new Worker\(\s*new URL\(\s*["']\.\/srp\.worker\.js["']\s*,\s*import\.meta\.url\s*\)\s*,\s*\{\s*type:\s*["']module["']\s*\}\s*\)/;

/**
 * The engine names the worker's source file ('../worker/srp.worker.ts'); the build puts the built
 * worker at the top of dist/ instead, so the specifier becomes `specifier`: './srp.worker.js' for the
 * package, whose chunks all land at the top of dist/ (entries under elements/ only re-export them),
 * so that path is right wherever the engine's code ends up (checked after each build); and
 * '../srp.worker.js' for the script-tag loader's chunks in dist/cdn/.
 */
const workerSpecifier = (specifier: string): esbuild.Plugin => ({
  name: 'srp-worker-specifier',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]core[\\/]srp-engine\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const from = "new URL('../worker/srp.worker.ts', import.meta.url)";
      if (!source.includes(from)) throw new Error(`srp-engine.ts no longer contains ${from}: update scripts/build.ts`);
      return { contents: source.replace(from, `new URL('${specifier}', import.meta.url)`), loader: 'ts' };
    });
  },
});

/**
 * Keeps each define module's `define('cognito-x', ...)` in its own entry file (dist/elements/x.js):
 * the barrel and the define modules that register other elements (authenticator, account,
 * forgot-password) import those entry files instead of bundling them, so the registering code is
 * never moved into a shared chunk. That is what lets package.json's `sideEffects` name just the
 * define modules: a bundler may drop a side-effect-free chunk that is only imported for its effects.
 * One module may also import define modules on demand: the authenticator's views (views.ts) load
 * the elements of its later steps with `import()`. Each define module is an entry point of the
 * package, so esbuild points such an import at that entry file (dist/elements/<name>.js) and
 * bundles nothing of it into the importer's chunk; the check at the end of the build holds esbuild to that.
 */
const defineModulesStayInTheirEntries: esbuild.Plugin = {
  name: 'define-modules-stay-in-their-entries',
  setup(build) {
    const defineModule = /[\\/]src[\\/]elements[\\/]([^\\/]+)[\\/]\1\.ts$/;
    const loadsOnDemand = join(ROOT, 'src/elements/authenticator/views.ts');
    build.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, (args) => {
      const target = join(args.resolveDir, args.path);
      const match = defineModule.exec(target);
      if (!match || args.kind === 'entry-point') return undefined;
      if (args.kind === 'dynamic-import' && args.importer === loadsOnDemand) return undefined;
      if (args.kind === 'import-statement' && args.importer === join(ROOT, 'src/elements/index.ts')) return { path: `./elements/${match[1]}.js`, external: true };
      if (args.kind === 'import-statement' && defineModule.test(args.importer)) return { path: `./${match[1]}.js`, external: true };
      throw new Error(`${relative(ROOT, args.importer)} imports the define module ${relative(ROOT, target)}: import the .component.ts class instead`);
    });
    build.onEnd((result) => {
      for (const [file, output] of Object.entries(result.metafile?.outputs ?? {})) {
        const strays = Object.keys(output.inputs).filter((input) => defineModule.test(input) && input !== output.entryPoint);
        if (strays.length) throw new Error(`${file} holds the define module(s) ${strays.join(', ')}, which must stay in their own entry files`);
      }
    });
  },
};

/**
 * For the single-file script-tag build, which registers every element up front: the authenticator's
 * on-demand views resolve to nothing to load. Inlined as they are, they would make esbuild wrap
 * every module they reach in a lazy initialiser (about 5 KB gzip of wrappers for no gain).
 */
const viewsAlreadyDefined: esbuild.Plugin = {
  name: 'views-already-defined',
  setup(build) {
    const loadsOnDemand = join(ROOT, 'src/elements/authenticator/views.ts');
    build.onResolve({ filter: /^\.\.\/[^/]+\/[^/]+\.ts$/ }, (args) =>
      args.kind === 'dynamic-import' && args.importer === loadsOnDemand ? { path: args.path, namespace: 'defined-up-front' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'defined-up-front' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** Markup and CSS in the elements lose the whitespace a browser ignores (see minify-templates.ts). */
const compactTemplates: esbuild.Plugin = {
  name: 'compact-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]elements[\\/].*\.ts$/ }, (args) => {
      if (args.path.endsWith('.test.ts')) return undefined;
      return { contents: minifyTemplates(readFileSync(args.path, 'utf8')), loader: 'ts' };
    });
  },
};

/** What our sources need in any bundle: the worker's specifier and compact templates (the bench uses these too). */
export const sourcePlugins: esbuild.Plugin[] = [workerSpecifier('./srp.worker.js'), compactTemplates];

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
  // Nothing here may need a Node built-in: fail the build rather than ship one.
  plugins: sourcePlugins,
} satisfies esbuild.BuildOptions;

/**
 * The npm package's modules. With `bundleDependencies` (the size test) Lit, @noble/hashes and
 * idb-keyval are bundled in, as an app's bundler would; the package itself leaves them to the app.
 */
export function packageOptions(outdir: string, options: { minify?: boolean; bundleDependencies?: boolean } = {}): esbuild.BuildOptions {
  const deps = Object.keys(pkg.dependencies);
  return {
    ...common,
    entryPoints: entryPoints(),
    outdir,
    splitting: true,
    // Chunks beside index.js and core.js, so './srp.worker.js' next to them is the worker.
    chunkNames: '[name]-[hash]',
    minify: options.minify ?? false,
    external: options.bundleDependencies ? [] : deps.flatMap((d) => [d, `${d}/*`]),
    // The size test bundles as an app would, through the define modules too.
    plugins: options.bundleDependencies ? common.plugins : [...common.plugins, defineModulesStayInTheirEntries],
    metafile: true,
  };
}

/** The worker: one self-contained file, so it can also be copied and served on its own (CSP). */
export function workerOptions(outfile: string): esbuild.BuildOptions {
  return { ...common, entryPoints: [join(ROOT, 'src/worker/srp.worker.ts')], outfile, minify: true, metafile: true };
}

/**
 * What the single-file script-tag build (cognito-elements.bundle.js) loads on demand from dist/cdn/, each a self-contained file: languages,
 * the QR encoder, the in-thread SRP fallback and the HMAC for client secrets, SigV4, the legacy
 * session import, the account actions, the explanations of a misconfigured pool or client, the passkey ceremonies, device confirmation and a failed refresh's handling. They share no state with the main file, so a copy of their code does no harm. Any
 * other dynamic import is put inline, so the file never needs a chunk to start.
 */
const LAZY_LEAVES: [RegExp, (path: string) => string][] = [
  [/[\\/]locales[\\/]([\w-]+)\.ts$/, (p) => `locale-${/([\w-]+)\.ts$/.exec(p)![1]}`],
  [/[\\/]worker[\\/]service\.ts$/, () => 'srp-service'],
  [/[\\/]worker[\\/]srp\.ts$/, () => 'srp'],
  [/[\\/]core[\\/]legacy-import\.ts$/, () => 'legacy-import'],
  [/[\\/]core[\\/](account|device-tracking|refresh-refusal|refresh-token-auth)\.ts$/, (p) => /([\w-]+)\.ts$/.exec(p)![1]],
  [/[\\/]core[\\/]passkeys\.ts$/, () => 'passkeys'],
  [/[\\/]core[\\/]sigv4-key\.ts$/, () => 'sigv4-key'],
  [/[\\/]elements[\\/]shared[\\/]configuration\.ts$/, () => 'configuration'],
  [/[\\/]node_modules[\\/]lean-qr[\\/]/, () => 'lean-qr'],
  [/[\\/]node_modules[\\/]aws4fetch[\\/]/, () => 'aws4fetch'],
];

/**
 * What the package and the loader load on demand but the single file must not: modules that share
 * state with the rest (the core's classes, the registered strings), so they cannot be leaves. Left
 * as import(), esbuild would wrap them and all they import (the whole core) in lazy initialisers;
 * the single file imports them statically instead, and import() becomes an already resolved promise.
 * Each entry: the importing file, and the specifier it loads on demand.
 */
const INLINE_ON_DEMAND: [RegExp, string][] = [
  [/[\\/]src[\\/]elements[\\/]shared[\\/]messages\.ts$/, './error-texts.ts'],
  [/[\\/]src[\\/]core[\\/]client\.ts$/, './sign-in.ts'],
  [/[\\/]src[\\/]core[\\/]sign-in\.ts$/, './sign-in-steps.ts'],
  [/[\\/]src[\\/]core[\\/]srp-on-demand\.ts$/, './srp-engine.ts'],
];

const inlineOnDemand: esbuild.Plugin = {
  name: 'inline-on-demand',
  setup(build) {
    for (const [file, specifier] of INLINE_ON_DEMAND) {
      build.onLoad({ filter: file }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const call = `import('${specifier}')`;
        // The calls, not the types (`typeof import(...)`).
        const calls = new RegExp(`(?<!typeof )${call.replace(/[().]/g, '\\$&')}`, 'g');
        if (!calls.test(source)) throw new Error(`${relative(ROOT, args.path)} no longer contains ${call}: update scripts/build.ts`);
        const inlined = `import * as inlinedOnDemand from '${specifier}';\n${source.replace(calls, 'Promise.resolve(inlinedOnDemand)')}`;
        return { contents: args.path.includes(`${join('src', 'elements')}`) ? minifyTemplates(inlined) : inlined, loader: 'ts' };
      });
    }
  },
};

function lazyLeaves(found: Map<string, string>): esbuild.Plugin {
  return {
    name: 'lazy-leaves',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === 'lazy-leaves') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'lazy-leaves' });
        const leaf = LAZY_LEAVES.find(([pattern]) => pattern.test(resolved.path));
        if (!leaf) return resolved;
        const name = leaf[1](resolved.path);
        found.set(name, resolved.path);
        return { path: `./cdn/${name}.js`, external: true };
      });
    },
  };
}

/** The loader's chunks: dist/cdn/cognito-<name>.js per element, the rest named by their source and hashed. */
const LOADER_CHUNKS = 'cdn/[name]-[hash]';

/**
 * The script-tag builds:
 *   loader  dist/cognito-elements.js (script-tag.ts): the core and the autoloader up front; each
 *           element's define module is an entry of its own, dist/cdn/cognito-<name>.js, which the
 *           autoloader imports when the tag appears; esbuild splits what they share into chunks,
 *           and the worker's code (script-tag-worker-code.ts) is one, fetched when SRP first runs.
 *   bundle  dist/cognito-elements.bundle.js (script-tag-bundle.ts): one module with every element
 *           and the worker's code inline, and `lazy`, the files it loads on demand from dist/cdn/.
 */
export async function buildScriptTag(
  outdir: string,
  workerSource: string,
  write = true,
): Promise<{ loader: esbuild.BuildResult; bundle: esbuild.BuildResult; lazy: esbuild.BuildResult }> {
  const define = { __SRP_WORKER_SOURCE__: JSON.stringify(workerSource) };
  const loader = await esbuild.build({
    ...common,
    // The engine's default worker URL (unused here: the loader always chooses one) names the
    // worker from dist/cdn/, where the engine's chunk lands; './srp.worker.js' is for dist/ itself.
    plugins: [workerSpecifier('../srp.worker.js'), compactTemplates],
    entryPoints: [
      { in: join(ROOT, 'src/script-tag.ts'), out: 'cognito-elements' },
      ...ELEMENTS.map((name) => ({ in: join(ROOT, `src/elements/${name}/${name}.ts`), out: `cdn/cognito-${name}` })),
    ],
    outdir,
    splitting: true,
    chunkNames: LOADER_CHUNKS,
    minify: true,
    define,
    metafile: true,
    write,
  });
  checkLoader(loader);
  const found = new Map<string, string>();
  const bundle = await esbuild.build({
    ...common,
    plugins: [inlineOnDemand, ...common.plugins, viewsAlreadyDefined, lazyLeaves(found)],
    entryPoints: [{ in: join(ROOT, 'src/script-tag-bundle.ts'), out: 'cognito-elements.bundle' }],
    outdir,
    minify: true,
    define,
    metafile: true,
    write,
  });
  const imports = Object.values(bundle.metafile.outputs).flatMap((o) => o.imports);
  const stray = imports.filter((i) => i.kind !== 'dynamic-import' || !i.external);
  if (stray.length) throw new Error(`cognito-elements.bundle.js must be one file, but imports ${stray.map((i) => i.path).join(', ')}`);
  const lazy = await esbuild.build({
    ...common,
    entryPoints: [...found].map(([name, path]) => ({ in: path, out: `cdn/${name}` })),
    outdir,
    minify: true,
    metafile: true,
    write,
  });
  return { loader, bundle, lazy };
}

/**
 * Throws unless the loader is what the README promises: it imports every element's chunk on demand
 * and none up front, nor the worker's code (script-tag-worker-code.ts), and the engine's code sits in
 * dist/cdn/, where its default worker URL is right.
 */
function checkLoader(result: esbuild.BuildResult): void {
  const outputs = result.metafile!.outputs;
  const [file, loader] = Object.entries(outputs).find(([, o]) => o.entryPoint?.endsWith('src/script-tag.ts'))!;
  const chunkOf = (name: string) => Object.entries(outputs).find(([, o]) => o.entryPoint?.endsWith(`src/elements/${name}/${name}.ts`))![0];
  const onDemand = new Set(loader.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path));
  const upFront = new Set<string>();
  const visit = (f: string) => {
    if (upFront.has(f)) return;
    upFront.add(f);
    for (const i of outputs[f].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(file);
  for (const name of ELEMENTS) {
    if (!onDemand.has(chunkOf(name))) throw new Error(`the loader does not import ${chunkOf(name)}: add cognito-${name} to src/autoloader.ts`);
    if (upFront.has(chunkOf(name))) throw new Error(`the loader imports ${chunkOf(name)} up front`);
  }
  const workerCode = [...upFront].filter((f) => Object.keys(outputs[f].inputs).some((i) => i.endsWith('src/script-tag-worker-code.ts')));
  if (workerCode.length) throw new Error(`the loader brings the worker's code up front (${workerCode.join(', ')})`);
  const engine = Object.keys(outputs).find((f) => Object.keys(outputs[f].inputs).some((i) => i.endsWith('src/core/srp-engine.ts')));
  if (!engine || dirname(engine) !== dirname(chunkOf('sign-in')))
    throw new Error(`the SRP engine's chunk (${engine}) is not in cdn/, where '../srp.worker.js' is right`);
}

/** Throws unless the worker literal is in the output, and only in files at the top of `outdir`. */
export function checkWorkerLiteral(outdir: string, files: string[]): void {
  const withLiteral = files.filter((f) => WORKER_LITERAL.test(readFileSync(f, 'utf8')));
  if (withLiteral.length === 0) throw new Error('No output contains new Worker(new URL("./srp.worker.js", import.meta.url), { type: "module" })');
  const misplaced = withLiteral.filter((f) => dirname(f) !== outdir);
  if (misplaced.length) throw new Error(`The worker URL is relative to the top of dist/, but these are not there: ${misplaced.join(', ')}`);
}

/** Throws if any output imports a Node built-in (apps' bundlers would then need polyfills). */
export function checkNoNodeImports(files: string[]): void {
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    const hit = /\bfrom\s*["'](node:[^"']+|buffer|crypto|fs|path|stream|util)["']|\bimport\(\s*["'](node:[^"']+)["']\s*\)|\brequire\(/.exec(code);
    if (hit) throw new Error(`${relative(ROOT, file)} imports a Node built-in or uses require(): ${hit[0]}`);
  }
}

function outputs(result: esbuild.BuildResult): string[] {
  return Object.keys(result.metafile!.outputs).map((f) => join(ROOT, f));
}

/** Declarations: tsc over src/ into dist/types, with .js specifiers, and one stub per entry point. */
function buildTypes(DIST: string): void {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const typesDir = join(DIST, 'types');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', typesDir], { stdio: 'inherit', cwd: ROOT });
  for (const file of readdirSync(typesDir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.d.ts')) continue;
    const path = join(typesDir, file);
    const text = readFileSync(path, 'utf8')
      // TypeScript 7 keeps the sources' .ts specifiers in declarations; published files name .js.
      .replace(/((?:from|import)\s*\(?\s*["']\.{1,2}\/[^"']*?)\.ts(["'])/g, '$1.js$2')
      // lit-html is Lit's own dependency, not the app's: name it through lit, which re-exports it.
      .replace(/(["'])lit-html(\/[^"']*)?\1/g, (_m, q: string, sub = '') => `${q}lit${sub}${q}`);
    writeFileSync(path, text);
  }
  const stub = (out: string, source: string) => {
    const target = relative(dirname(join(DIST, out)), join(typesDir, source))
      .replace(/\\/g, '/')
      .replace(/\.ts$/, '.js');
    writeFileSync(join(DIST, `${out}.d.ts`), `export * from '${target.startsWith('.') ? target : `./${target}`}';\n`);
  };
  for (const entry of entryPoints()) stub(entry.out, relative(join(ROOT, 'src'), entry.in));
  stub('cognito-elements', 'script-tag.ts');
  stub('cognito-elements.bundle', 'script-tag-bundle.ts');
}

/** Empties dist/ except the demo's own build (vite.config.ts writes dist/demo). */
function clean(DIST: string): void {
  mkdirSync(DIST, { recursive: true });
  for (const entry of readdirSync(DIST)) if (entry !== 'demo') rmSync(join(DIST, entry), { recursive: true, force: true });
}

/** Builds everything into `DIST` (dist/ by default; tests build elsewhere). */
export async function build(DIST = join(ROOT, 'dist')): Promise<void> {
  clean(DIST);
  const worker = await esbuild.build(workerOptions(join(DIST, 'srp.worker.js')));
  const npm = await esbuild.build(packageOptions(DIST));
  const npmFiles = outputs(npm);
  checkWorkerLiteral(DIST, npmFiles);
  const tag = await buildScriptTag(DIST, readFileSync(join(DIST, 'srp.worker.js'), 'utf8'));
  checkNoNodeImports([...npmFiles, ...outputs(worker), ...outputs(tag.loader), ...outputs(tag.bundle), ...outputs(tag.lazy)]);
  buildTypes(DIST);
  const manifest = generateManifest(ROOT, ELEMENTS, relative(ROOT, join(DIST, '.cem')));
  writeFileSync(join(DIST, 'custom-elements.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFrameworkTypes(join(DIST, 'custom-elements.json'), DIST);
  console.log(
    `build: ${npmFiles.length} package modules, srp.worker.js, cognito-elements.js (+ ${outputs(tag.loader).length - 1} chunks), cognito-elements.bundle.js, types, custom-elements.json in ${relative(ROOT, DIST) || DIST}/`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await build();
}
