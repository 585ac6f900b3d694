// Builds the emulator package from the repository's emulator/ (TypeScript) into dist/:
//   dist/index.js   startEmulator() and DEFAULT_SEED (types: dist/index.d.ts)
//   dist/main.js    main(args): the command line as a function (what `cognito-elements emulator` runs)
//   dist/cli.js     the bin
//   dist/seed.json  the demo seed, startEmulator's default
// jose and otpauth stay external: they are this package's dependencies, never the kit's.
// Runs as `prepack`, so `npm pack` here in a fresh clone (after npm ci at the root) packs a built package.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');
const SOURCE = join(ROOT, 'emulator');
const DIST = join(HERE, 'dist');
// esbuild and typescript are the repository's dev dependencies, resolved from the root.
const require = createRequire(join(ROOT, 'package.json'));
const esbuild = await import(require.resolve('esbuild'));

/** cli.ts imports main.ts, main.ts imports index.ts: each stays its own file, so there is one emulator module. */
const ownEntries = {
  name: 'own-entries',
  setup(build) {
    build.onResolve({ filter: /^\.\/(index|main)\.ts$/ }, (args) =>
      args.importer.startsWith(SOURCE) && dirname(args.importer) === SOURCE ? { path: args.path.replace(/\.ts$/, '.js'), external: true } : undefined,
    );
  },
};

rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });
for (const name of ['index', 'main', 'cli']) {
  await esbuild.build({
    entryPoints: [join(SOURCE, `${name}.ts`)],
    outfile: join(DIST, `${name}.js`),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    plugins: name === 'index' ? [] : [ownEntries],
    banner: name === 'cli' ? { js: '#!/usr/bin/env node' } : {},
    logLevel: 'warning',
  });
}
copyFileSync(join(SOURCE, 'seed.json'), join(DIST, 'seed.json'));

// Declarations: tsc over emulator/ into dist/types (with .js specifiers, as published files name them), one stub per entry.
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(HERE, 'tsconfig.json')], { stdio: 'inherit', cwd: HERE });
const types = join(DIST, 'types');
for (const file of readdirSync(types, { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.d.ts')) continue;
  const path = join(types, file);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/((?:from|import)\s*\(?\s*["']\.{1,2}\/[^"']*?)\.ts(["'])/g, '$1.js$2'));
}
writeFileSync(join(DIST, 'index.d.ts'), "export * from './types/index.js';\n");
writeFileSync(join(DIST, 'main.d.ts'), "export * from './types/main.js';\n");
console.log('emulator package: dist/index.js, main.js, cli.js, seed.json and types');
