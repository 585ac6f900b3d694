// Sizes: every contender bundled by esbuild the same way (ESM, minified, browser platform,
// tree-shaken, code-split, production defines), from an entry that imports what an app would use.
// What a page downloads up front is the entry file plus every chunk it imports statically; what
// it loads on demand (dynamic import()) is reported apart. Each file is compressed on its own, as
// a server would send it: gzip level 9 and brotli quality 11.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

export const gzipBytes = (bytes) => gzipSync(bytes, { level: 9 }).length;
export const brotliBytes = (bytes) =>
  brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;

/** The options shared by every size bundle: ours and the peers'. */
export function sizeBuildOptions(outdir) {
  return {
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    treeShaking: true,
    splitting: true,
    legalComments: 'none',
    outdir,
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  };
}

/** Sums raw, gzip and brotli bytes over files given as Uint8Arrays. */
function measure(files) {
  return files.reduce((sum, bytes) => ({ raw: sum.raw + bytes.length, gzip: sum.gzip + gzipBytes(bytes), brotli: sum.brotli + brotliBytes(bytes) }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}

/**
 * Bundles one entry and measures it.
 * @param {{ name: string, group: string, entry?: string, contents?: string, resolveDir?: string,
 *   external?: string[], define?: Record<string,string>, splitting?: boolean, note?: string }} spec
 */
export async function bundleAndMeasure(spec, root) {
  const outdir = join(root, 'bench/.build/size-out');
  const options = sizeBuildOptions(outdir);
  // Our sources go through the build's own source plugins (compact templates), as the package and
  // the size-budget test do; they touch nothing outside src/. Loaded here, after tsx is registered.
  const { sourcePlugins } = await import('../../scripts/build.ts');
  const build = {
    ...options,
    plugins: sourcePlugins,
    splitting: spec.splitting ?? true,
    define: { ...options.define, ...(spec.define ?? {}) },
    external: spec.external ?? [],
    ...(spec.contents !== undefined
      ? { stdin: { contents: spec.contents, resolveDir: spec.resolveDir ?? root, sourcefile: `${spec.name}.entry.js`, loader: 'js' } }
      : { entryPoints: { entry: spec.entry } }),
    // A bundled stdin entry is named "stdin"; with entryPoints it is "entry".
    entryNames: 'entry',
    chunkNames: 'chunk-[hash]',
    assetNames: 'asset-[hash]',
  };
  const result = await esbuild.build(build);
  const outputs = result.metafile.outputs;
  const contents = new Map(result.outputFiles.map((f) => [relative(root, f.path).replace(/\\/g, '/'), f.contents]));
  const entryKey = Object.keys(outputs).find((f) => /\/entry\.js$/.test(f));
  if (!entryKey) throw new Error(`${spec.name}: no entry output`);
  const upfront = new Set();
  const visit = (file) => {
    if (upfront.has(file)) return;
    upfront.add(file);
    for (const imported of outputs[file].imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entryKey);
  const js = Object.keys(outputs).filter((f) => f.endsWith('.js'));
  const css = Object.keys(outputs).filter((f) => f.endsWith('.css'));
  const lazy = js.filter((f) => !upfront.has(f));
  const bytesOf = (files) => files.map((f) => contents.get(f));
  const inputs = Object.keys(result.metafile.inputs);
  return {
    name: spec.name,
    group: spec.group,
    note: spec.note,
    js: measure(bytesOf([...upfront])),
    jsFiles: upfront.size,
    css: css.length ? measure(bytesOf(css)) : null,
    lazy: lazy.length ? { files: lazy.length, ...measure(bytesOf(lazy)) } : null,
    inputs: inputs.length,
    // For sanity checks in the report: did the bundle take what we think it took?
    includes: {
      lit: inputs.some((i) => i.includes('node_modules/lit-html/')),
      react: inputs.some((i) => /node_modules\/react-dom\//.test(i)),
      jsbnStyleBigInteger: inputs.some((i) => i.endsWith('amazon-cognito-identity-js/es/BigInteger.js')),
    },
  };
}

/** The worker bundle (self-contained, as scripts/build.ts makes it), as text: the script-tag build inlines it. */
export async function bundleWorker(root) {
  const result = await esbuild.build({
    ...sizeBuildOptions(join(root, 'bench/.build/size-out')),
    splitting: false,
    entryPoints: [join(root, 'src/worker/srp.worker.ts')],
    outdir: undefined,
    outfile: join(root, 'bench/.build/size-out/srp.worker.js'),
  });
  return result.outputFiles[0].text;
}

/** Our entry points and the peers' app-style entries. */
export function sizeSpecs(root, { peersDir, peersInstalled, workerSource }) {
  const elementsDir = join(root, 'src/elements');
  const elements = readdirSync(elementsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(elementsDir, d.name, `${d.name}.ts`)))
    .map((d) => d.name)
    .sort();
  const specs = [
    { name: 'core (cognito-elements/core, every export)', group: 'ours', entry: join(root, 'src/core/index.ts') },
    {
      name: 'core, an app importing CognitoClient only',
      group: 'ours',
      contents: `export { CognitoClient } from './src/core/index.ts';`,
      resolveDir: root,
    },
    {
      name: 'SRP worker (srp.worker.js, loaded at the first sign-in, off the main thread)',
      group: 'ours',
      entry: join(root, 'src/worker/srp.worker.ts'),
      splitting: false,
    },
    { name: 'full kit (every element + core + Lit)', group: 'ours', entry: join(root, 'src/index.ts') },
    ...elements.map((name) => ({
      name: `element <cognito-${name}> (define module, with core + Lit)`,
      group: 'ours-element',
      entry: join(elementsDir, name, `${name}.ts`),
    })),
    {
      name: 'script-tag single file (cognito-elements.bundle.js, from source, worker inline)',
      group: 'ours',
      entry: join(root, 'src/script-tag-bundle.ts'),
      define: { __SRP_WORKER_SOURCE__: JSON.stringify(workerSource) },
    },
    {
      name: 'amazon-cognito-identity-js 6.3.21 (CognitoUserPool, CognitoUser, AuthenticationDetails)',
      group: 'peer',
      contents: `export { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';`,
      resolveDir: root,
      // Its `buffer` dependency reads the Node global `global`: without this define it bundles
      // but throws "global is not defined" in a browser (the Vite/webpack 5 pain apps meet).
      define: { global: 'globalThis' },
      note: 'needs `define: { global: "globalThis" }` (or a polyfill) to run in a browser',
    },
  ];
  const amplify = [
    {
      name: 'Amplify v6 auth, headless (Amplify.configure + signIn, confirmSignIn, signOut, fetchAuthSession, getCurrentUser)',
      group: 'peer',
      contents: `export { Amplify } from 'aws-amplify';\nexport { signIn, confirmSignIn, signOut, fetchAuthSession, getCurrentUser } from 'aws-amplify/auth';`,
      resolveDir: peersDir,
    },
    {
      name: 'Amplify UI React <Authenticator> + Amplify + React 19 + ReactDOM',
      group: 'peer',
      contents: `import '@aws-amplify/ui-react/styles.css';\nexport { Authenticator } from '@aws-amplify/ui-react';\nexport { Amplify } from 'aws-amplify';\nexport { createElement } from 'react';\nexport { createRoot } from 'react-dom/client';`,
      resolveDir: peersDir,
    },
    {
      name: 'Amplify UI React <Authenticator> + Amplify, React and ReactDOM not counted',
      group: 'peer',
      contents: `import '@aws-amplify/ui-react/styles.css';\nexport { Authenticator } from '@aws-amplify/ui-react';\nexport { Amplify } from 'aws-amplify';`,
      resolveDir: peersDir,
      external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    },
  ];
  // The npm package as an app's bundler meets it (what `npm run build` made, with its own build
  // steps), bundled with its dependencies exactly like the peers' packages.
  if (existsSync(join(root, 'dist/index.js'))) {
    specs.push(
      { name: 'core from dist/core.js (the npm package, bundled with its dependencies)', group: 'ours-dist', entry: join(root, 'dist/core.js') },
      { name: 'full kit from dist/index.js (the npm package, bundled with its dependencies)', group: 'ours-dist', entry: join(root, 'dist/index.js') },
    );
  }
  return { specs, amplify: peersInstalled ? amplify : amplify.map((s) => ({ ...s, skipped: true })) };
}

/**
 * The published files, if `npm run build` has made dist/: each entry with the chunks it imports
 * statically (found in the minified code), dependencies left out as the package leaves them.
 */
export function measureDist(root) {
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'index.js'))) return null;
  const staticImports = (file) => {
    const code = readFileSync(file, 'utf8');
    const found = [];
    for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
      found.push(join(dirname(file), m[1]));
    }
    return found;
  };
  const closure = (file) => {
    const seen = new Set();
    const visit = (f) => {
      if (seen.has(f) || !existsSync(f)) return;
      seen.add(f);
      for (const g of staticImports(f)) visit(g);
    };
    visit(file);
    return [...seen];
  };
  const entries = [
    ['dist/core.js', 'core.js'],
    ['dist/index.js', 'index.js'],
    ['dist/srp.worker.js', 'srp.worker.js'],
    ['dist/cognito-elements.js (script-tag loader)', 'cognito-elements.js'],
    ['dist/cognito-elements.bundle.js (script-tag single file)', 'cognito-elements.bundle.js'],
    ...(existsSync(join(dist, 'elements'))
      ? readdirSync(join(dist, 'elements'))
          .filter((f) => f.endsWith('.js') && !f.endsWith('.component.js'))
          .sort()
          .map((f) => [`dist/elements/${f}`, `elements/${f}`])
      : []),
  ];
  return {
    builtAt: statSync(join(dist, 'index.js')).mtime.toISOString(),
    files: entries
      .filter(([, file]) => existsSync(join(dist, file)))
      .map(([name, file]) => {
        const files = closure(join(dist, file));
        return { name, files: files.length, ...measure(files.map((f) => readFileSync(f))) };
      }),
  };
}
