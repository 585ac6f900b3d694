// What each page of the kit pays, measured once for the size-budget test (test/node/size-budget.test.ts,
// which holds each entry and on-demand chunk to size-budget.json) and for the bench (bench/run.mjs):
// the headless core, the full kit, the first view of a sign-in page (<cognito-authenticator>; and
// <cognito-sign-in> alone), the SRP worker and the script-tag builds, bundled the way scripts/build.ts
// bundles them (minified ESM, code-split, dependencies bundled in as an app's bundler would), each
// output gzipped on its own at level 9 (as served). An entry counts with every chunk it imports
// statically; what it loads on demand is measured chunk by chunk.
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { buildScriptTag, packageOptions, ROOT, workerOptions } from './build.ts';

export type Entry =
  'core' | 'fullKit' | 'authenticator' | 'signIn' | 'worker' | 'scriptTagLoader' | 'scriptTagSignInPage' | 'scriptTagAuthenticatorPage' | 'scriptTagBundle';
export type ChunkSet = 'package' | 'scriptTag';
const OUT = join(ROOT, 'dist/.size');

const gzip = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;

export interface Measured {
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
  if (!key) throw new Error(`the build has no output for ${source}`);
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
export function chunkName(result: esbuild.BuildResult, path: string): string {
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
    if (chunks.has(name)) throw new Error(`two chunks are both named ${name}`);
    chunks.set(name, sizes.get(path)!);
  }
  return chunks;
}

/** Builds every entry (nothing is written) and measures it: each entry's bytes up front, and each on-demand chunk. */
export async function measureSizes() {
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
  return { sizes, chunks, builds: { kit, core, authenticator, signIn, tag } };
}
