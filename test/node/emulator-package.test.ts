// The emulator as an installable tool (issue 13): packages/emulator packs itself (prepack builds
// it from emulator/), and what the tarball holds works from a project of its own: the Playwright
// globalSetup example through `startEmulator()`, the `cognito-elements-emulator` bin with
// `--port 0 --seed <file>`, and `cognito-elements emulator` from the kit's bin. Its server-side
// dependencies stay out of the kit's.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE = join(ROOT, 'packages/emulator');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let project: string;
let installed: string;

/** One Cognito call, as any client makes it. */
async function cognito(url: string, action: string, body: unknown): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** Runs a bin until it prints the emulator's URL; returns it and the child (killed by the caller). */
function startBin(args: string[]): Promise<{ url: string; child: ReturnType<typeof spawn> }> {
  const child = spawn(process.execPath, args, { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ url: match[1], child });
    });
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${out}`)));
  });
}

describe('the emulator package (packages/emulator)', () => {
  before(async () => {
    project = mkdtempSync(join(tmpdir(), 'emulator-package-'));
    // npm pack runs prepack, which builds dist/ from emulator/.
    const { stdout } = await run(NPM, ['pack', '--json', '--pack-destination', project], { cwd: PACKAGE });
    const [{ filename, files }] = JSON.parse(stdout.slice(stdout.indexOf('[')));
    const paths = files.map((f: { path: string }) => f.path);
    for (const needed of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/main.js',
      'dist/cli.js',
      'dist/seed.json',
      'examples/playwright.global-setup.mjs',
    ]) {
      assert.ok(paths.includes(needed), `${needed} is not in the tarball: ${paths.join(', ')}`);
    }
    assert.ok(!paths.some((p: string) => p.endsWith('.ts') && !p.endsWith('.d.ts')), 'TypeScript sources are packed');
    // Installed as npm would: the tarball's package/ under node_modules, its two dependencies beside it.
    installed = join(project, 'node_modules/cognito-elements-emulator');
    mkdirSync(installed, { recursive: true });
    await run('tar', ['-xzf', join(project, filename), '-C', installed, '--strip-components=1']);
    for (const dependency of Object.keys(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).dependencies)) {
      mkdirSync(dirname(join(project, 'node_modules', dependency)), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', dependency), join(project, 'node_modules', dependency), 'dir');
    }
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-app', private: true, type: 'module' }));
  });

  after(() => rmSync(project, { recursive: true, force: true }));

  it('keeps its server-side dependencies out of the kit', () => {
    const kit = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const emulatorPackage = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));
    for (const dependency of Object.keys(emulatorPackage.dependencies)) assert.equal(kit.dependencies[dependency], undefined, dependency);
  });

  it('the Playwright globalSetup example starts an emulator with startEmulator() and its teardown stops it', async () => {
    writeFileSync(
      join(project, 'setup.test.mjs'),
      // The example is a file to copy, not an export: import it by its path, as a copied config would.
      `import globalSetup from './node_modules/cognito-elements-emulator/examples/playwright.global-setup.mjs';
const teardown = await globalSetup();
const res = await fetch(process.env.COGNITO_ENDPOINT, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
  body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'democlient0000000000000001', AuthParameters: { USERNAME: 'demo', PASSWORD: 'Passw0rd!' } }),
});
const body = await res.json();
await teardown();
const stopped = await fetch(process.env.COGNITO_ENDPOINT).then(() => false, () => true);
console.log(JSON.stringify({ status: res.status, signedIn: !!body.AuthenticationResult?.AccessToken, stopped }));
`,
    );
    const { stdout } = await run(process.execPath, ['setup.test.mjs'], { cwd: project });
    assert.deepEqual(JSON.parse(stdout), { status: 200, signedIn: true, stopped: true });
  });

  it('the bin serves the pools of --seed on --port 0', async () => {
    const seed = {
      pools: [
        {
          Id: 'eu-west-1_MyPool1',
          PoolName: 'my-app',
          Clients: [{ ClientId: 'myclient000000000000000001', ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
          Users: [{ Username: 'alice', Password: 'Passw0rd!', Attributes: { email: 'alice@example.com' } }],
        },
      ],
    };
    writeFileSync(join(project, 'seed.json'), JSON.stringify(seed));
    const { url, child } = await startBin([join(installed, 'dist/cli.js'), '--port', '0', '--seed', 'seed.json', '--quiet']);
    try {
      const signIn = await cognito(url, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: 'myclient000000000000000001',
        AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' },
      });
      assert.equal(signIn.status, 200);
      assert.ok(signIn.body.AuthenticationResult.IdToken);
      // Only the seed's pool: the demo seed was not loaded.
      assert.equal(
        (
          await cognito(url, 'InitiateAuth', {
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId: 'democlient0000000000000001',
            AuthParameters: { USERNAME: 'demo', PASSWORD: 'Passw0rd!' },
          })
        ).body.__type,
        'ResourceNotFoundException',
      );
    } finally {
      child.kill();
    }
  });

  it('`cognito-elements emulator` runs the installed package, and without it says what to install', async () => {
    // The kit's bin, installed beside the emulator package.
    cpSync(join(ROOT, 'bin'), join(project, 'node_modules/cognito-elements/bin'), { recursive: true });
    writeFileSync(join(project, 'node_modules/cognito-elements/package.json'), JSON.stringify({ name: 'cognito-elements', type: 'module' }));
    const { url, child } = await startBin([join(project, 'node_modules/cognito-elements/bin/cognito-elements.mjs'), 'emulator', '--port', '0', '--quiet']);
    try {
      assert.equal((await fetch(url)).status, 200);
    } finally {
      child.kill();
    }
    const missing = await run(process.execPath, [join(ROOT, 'bin/cognito-elements.mjs'), 'emulator']).then(
      () => assert.fail('exit 0'),
      (error) => error,
    );
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /npm install -D cognito-elements-emulator/);
  });
});
