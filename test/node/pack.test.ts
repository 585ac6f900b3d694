// `npm pack` in a fresh clone ships the package, not only LICENSE, README and package.json (issue 13):
// prepack builds dist/ first. The clone is `git archive HEAD` (what a fresh clone checks out, with no
// dist/), given the repository's node_modules as `npm ci` would have installed them; the tarball is
// then installed into an app of its own and imported there.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work: string;
let files: string[];
let app: string;

describe('npm pack in a fresh clone', () => {
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'pack-clone-'));
    const clone = join(work, 'clone');
    mkdirSync(clone);
    await run('git', ['-C', ROOT, 'archive', '--format=tar', '-o', join(work, 'clone.tar'), 'HEAD']);
    await run('tar', ['-xf', join(work, 'clone.tar'), '-C', clone]);
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    const { stdout } = await run(NPM, ['pack', '--json', '--pack-destination', work], { cwd: clone, maxBuffer: 64 * 1024 * 1024 });
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('[')));
    files = packed.files.map((f: { path: string }) => f.path);
    // Installed as npm would: the tarball's package/ in node_modules, the runtime dependencies beside it.
    app = join(work, 'app');
    const installed = join(app, 'node_modules/cognito-elements');
    mkdirSync(installed, { recursive: true });
    await run('tar', ['-xzf', join(work, packed.filename), '-C', installed, '--strip-components=1']);
    for (const dependency of Object.keys(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).dependencies)) {
      mkdirSync(dirname(join(app, 'node_modules', dependency)), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', dependency), join(app, 'node_modules', dependency), 'dir');
    }
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('ships the built package: modules, worker, script-tag build, types, manifest and the doctor', () => {
    for (const needed of [
      'package.json',
      'README.md',
      // The README's links into docs/ resolve in the installed package too.
      'docs/customization.md',
      'docs/elements/cognito-authenticator.md',
      'LICENSE',
      'dist/index.js',
      'dist/core.js',
      'dist/srp.worker.js',
      'dist/cognito-elements.js',
      'dist/index.d.ts',
      'dist/core.d.ts',
      'dist/elements/sign-in.js',
      'dist/custom-elements.json',
      'bin/cognito-elements.mjs',
      'bin/doctor.mjs',
    ]) {
      assert.ok(files.includes(needed), `${needed} is not in the tarball (it has ${files.length} files)`);
    }
    assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('emulator/') || f.startsWith('packages/')), 'sources or the emulator are packed');
  });

  it('imports from the installed tarball in Node, and its bin runs', async () => {
    writeFileSync(
      join(app, 'check.mjs'),
      `import { CognitoClient, ConfigurationError } from 'cognito-elements/core';
import 'cognito-elements';
let refused;
try { new CognitoClient({ userPoolId: 'not-a-pool', clientId: 'x' }); } catch (error) { refused = error instanceof ConfigurationError && error.option; }
const client = new CognitoClient({ userPoolId: 'eu-west-1_AbC123', clientId: 'abc', storage: 'memory', srpWorker: false });
console.log(JSON.stringify({ refused, pool: client.userPoolId }));
client.dispose();
`,
    );
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: app });
    assert.deepEqual(JSON.parse(stdout), { refused: 'userPoolId', pool: 'eu-west-1_AbC123' });
    const help = await run(process.execPath, [join(app, 'node_modules/cognito-elements/bin/cognito-elements.mjs'), 'doctor', '--help']);
    assert.match(help.stdout, /--user-pool-id/);
  });
});
