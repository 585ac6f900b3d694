import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { packageOptions, ROOT } from './build.ts';
for (const src of process.argv.slice(2)) {
const r = await esbuild.build({ ...packageOptions('/tmp/msz', { minify: true, bundleDependencies: true }), entryPoints: [{ in: join(ROOT, src), out: 'e' }], write: false, logLevel: 'silent' });
const outs = r.metafile!.outputs; const contents = new Map(r.outputFiles!.map(f => [f.path, f.contents]));
const seen = new Set<string>(); const visit = (f: string) => { if (seen.has(f)) return; seen.add(f); for (const i of outs[f].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path); };
visit(Object.keys(outs).find(f => f.endsWith('/e.js'))!);
let t = 0; for (const f of seen) t += gzipSync(contents.get(join(ROOT, f))!, { level: 9 }).length;
console.log(src, t, seen.size, 'files');
}
