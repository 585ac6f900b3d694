// The framework examples (examples/<name>/) as an app developer meets them: the package built and
// packed with `npm pack`, each example copied to a scratch folder, installed from that tarball and
// built for production. Used by test/node/examples.test.ts, and by hand:
//
//   npx tsx scripts/examples.ts <name> [--dev]     pack, install, build (or `vite` with --dev),
//                                                  start the emulator and serve; prints the URL
//   names: plain-html, vue, react, svelte, angular
//
// Nothing is written inside the repository: the tarball, the copies, their node_modules and builds
// live under one temporary folder, removed on exit.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from './build.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const EXAMPLES_DIR = join(ROOT, 'examples');

/** What the examples' package.json files name as the package; replaced by the real tarball in the copies. */
export const TARBALL_PLACEHOLDER = 'file:../../cognito-elements.tgz';

export interface ExampleSpec {
  /** What it is, for logs. */
  label: string;
  /** `static`: files served as they are (no install, no build); `npm`: npm install + npm run build. */
  kind: 'static' | 'npm';
  /** The production build's folder, relative to the example. */
  out: string;
  /** The dev server, for the dev-mode check: a command run in the example folder, given a port. */
  dev?: (port: number) => string[];
}

export const EXAMPLES: Record<string, ExampleSpec> = {
  'plain-html': { label: 'plain HTML, one script tag', kind: 'static', out: '.' },
  vue: { label: 'Vue 3 + Vite', kind: 'npm', out: 'dist', dev: viteDev },
  react: { label: 'React 19 + Vite', kind: 'npm', out: 'dist', dev: viteDev },
  svelte: { label: 'Svelte 5 + Vite', kind: 'npm', out: 'dist', dev: viteDev },
  angular: { label: 'Angular 21, CLI application builder', kind: 'npm', out: 'dist/browser' },
};

function viteDev(port: number): string[] {
  return [process.execPath, 'node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
}

const execFileAsync = promisify(execFile);
const npmBin = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Environment for every npm and build command: no prompts, no colours, no telemetry. */
const quietEnv = {
  ...process.env,
  NG_CLI_ANALYTICS: 'false',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};

/** Runs a command; resolves with its output, or rejects with the command, exit and the output's tail. */
export function run(cmd: string, args: string[], cwd: string, timeoutMs = 600_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: quietEnv, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} ${args.join(' ')} could not start in ${cwd}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(out);
      const tail = out
        .split('\n')
        .filter((l) => !/Unknown user config "nodedir"/.test(l))
        .slice(-40)
        .join('\n');
      const error = new Error(`\`${cmd} ${args.join(' ')}\` in ${cwd} failed (${signal ?? `exit ${code}`}):\n${tail}`);
      (error as Error & { output?: string }).output = out;
      reject(error);
    });
  });
}

/**
 * `npm run build` into `<work>/package/dist`, then `npm pack` there: returns the tarball's path.
 * The repository's own dist/ is not touched.
 */
export async function packPackage(work: string): Promise<string> {
  const pkgDir = join(work, 'package');
  mkdirSync(pkgDir, { recursive: true });
  for (const file of ['package.json', 'README.md', 'LICENSE', 'bin'])
    if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(pkgDir, file), { recursive: true });
  await build(join(pkgDir, 'dist'));
  const out = await run(npmBin, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], pkgDir);
  const [{ filename }] = JSON.parse(out.slice(out.indexOf('['))) as { filename: string }[];
  const tarball = join(work, filename);
  if (!existsSync(tarball)) throw new Error(`npm pack said ${filename}, but ${tarball} is not there`);
  return tarball;
}

/**
 * Copies examples/<name> to `<work>/<name>` (without node_modules or build output) and points its
 * cognito-elements dependency at the tarball. The plain-HTML example instead gets the script-tag
 * files from the tarball beside its pages (as a CDN would serve them), and its pages' `endpoint`
 * attribute set to `endpoint`.
 */
export async function copyExample(name: string, work: string, tarball: string, endpoint?: string): Promise<string> {
  const spec = EXAMPLES[name];
  if (!spec) throw new Error(`no example "${name}" (known: ${Object.keys(EXAMPLES).join(', ')})`);
  const from = join(EXAMPLES_DIR, name);
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  const skip = new Set(['node_modules', 'dist', '.angular', 'package-lock.json']);
  cpSync(from, dir, { recursive: true, filter: (src) => !skip.has(relative(from, src).split(sep)[0]) });

  if (spec.kind === 'static') {
    const unpacked = join(work, 'unpacked');
    if (!existsSync(unpacked)) {
      mkdirSync(unpacked);
      await execFileAsync('tar', ['-xzf', tarball, '-C', unpacked]);
    }
    const dist = join(unpacked, 'package', 'dist');
    for (const file of ['cognito-elements.js', 'srp.worker.js', 'cdn']) cpSync(join(dist, file), join(dir, file), { recursive: true });
    if (endpoint) {
      for (const page of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
        const html = readFileSync(join(dir, page), 'utf8');
        const replaced = html.replace(/endpoint="[^"]*"/g, `endpoint="${endpoint}"`);
        if (replaced === html) throw new Error(`${name}/${page} has no endpoint="..." attribute to point at the emulator`);
        writeFileSync(join(dir, page), replaced);
      }
    }
    return dir;
  }

  const pkgFile = join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { dependencies?: Record<string, string> };
  if (pkg.dependencies?.['cognito-elements'] !== TARBALL_PLACEHOLDER) {
    throw new Error(`examples/${name}/package.json should depend on "cognito-elements": "${TARBALL_PLACEHOLDER}"`);
  }
  pkg.dependencies['cognito-elements'] = `file:${tarball}`;
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  return dir;
}

const NETWORK_ERROR =
  /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up|network request|request to \S+ failed|E5\d\d|E429)\b/i;

/** `npm install` in an example copy; a registry that cannot be reached fails with a message saying so. */
export async function npmInstall(dir: string): Promise<void> {
  try {
    await run(npmBin, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], dir);
  } catch (error) {
    const text = (error as Error & { output?: string }).output ?? String(error);
    if (NETWORK_ERROR.test(text)) {
      throw new Error(
        `npm install for examples/${dir.split(sep).pop()} could not reach the npm registry (${text.match(NETWORK_ERROR)?.[0]}). ` +
          `The examples test installs each framework from the registry: run it with network access (or a warm npm cache).\n${(error as Error).message}`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** `npm run build` in an example copy; returns the folder to serve. */
export async function npmBuild(name: string, dir: string): Promise<string> {
  await run(npmBin, ['run', 'build'], dir);
  const out = join(dir, EXAMPLES[name].out);
  if (!existsSync(join(out, 'index.html'))) throw new Error(`examples/${name}: the build wrote no ${EXAMPLES[name].out}/index.html`);
  return out;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `root` over HTTP on 127.0.0.1 (a free port), with `headers` on every response. */
export async function serveStatic(root: string, headers: Record<string, string> = {}): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...headers });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The Content-Security-Policy the plain-HTML example is served with: README "Script tag", plus
 * `default-src 'self'` and `style-src 'self'` (no 'unsafe-inline' anywhere). `blobWorkers: false`
 * is the policy that forbids blob: workers (the page then names dist/srp.worker.js).
 */
export function strictCsp(cognitoOrigin: string, { blobWorkers }: { blobWorkers: boolean }): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `worker-src 'self'${blobWorkers ? ' blob:' : ''}`,
    `connect-src 'self' ${cognitoOrigin}`,
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html cognito-elements',
  ].join('; ');
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface DevServer {
  url: string;
  close(): Promise<void>;
}

/** Starts an example's dev server (e.g. `vite`) and resolves once it answers HTTP. */
export async function startDevServer(name: string, dir: string, timeoutMs = 60_000): Promise<DevServer> {
  const command = EXAMPLES[name].dev;
  if (!command) throw new Error(`examples/${name} has no dev server command`);
  const port = await freePort();
  const [cmd, ...args] = command(port);
  const child: ChildProcess = spawn(cmd, args, { cwd: dir, env: quietEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  const url = `http://127.0.0.1:${port}/`;
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('close', () => resolve());
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`examples/${name}: the dev server exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(url);
      if (res.ok) return { url, close };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await close();
  throw new Error(`examples/${name}: the dev server did not answer on ${url} within ${timeoutMs} ms:\n${out}`);
}

/** A fresh scratch folder for one run. */
export function workFolder(): string {
  return mkdtempSync(join(tmpdir(), 'cognito-examples-'));
}

// -------------------------------------------------------------------------------------------------
// By hand: npx tsx scripts/examples.ts <name> [--dev]

async function main(): Promise<void> {
  const [name, ...flags] = process.argv.slice(2);
  const spec = name ? EXAMPLES[name] : undefined;
  const dev = flags.includes('--dev');
  if (!spec || flags.some((f) => f !== '--dev') || (dev && !spec.dev)) {
    console.error(`usage: npx tsx scripts/examples.ts <${Object.keys(EXAMPLES).join('|')}> [--dev]   (--dev: vue, react, svelte)`);
    process.exit(2);
  }
  const work = workFolder();
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(work, { recursive: true, force: true })];
  const stop = async (code: number) => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const { startEmulator } = await import('../emulator/index.ts');
    const emulator = await startEmulator({ port: Number(process.env.EMULATOR_PORT ?? 0) });
    cleanups.push(() => emulator.close());
    console.log(`packing cognito-elements into ${work} ...`);
    const tarball = await packPackage(work);
    const dir = await copyExample(name, work, tarball, emulator.url);
    let url: string;
    if (spec.kind === 'static') {
      const server = await serveStatic(dir, { 'content-security-policy': strictCsp(emulator.url, { blobWorkers: true }) });
      cleanups.push(() => server.close());
      url = server.url;
    } else {
      console.log(`npm install in ${dir} ...`);
      await npmInstall(dir);
      let server: StaticServer | DevServer;
      if (dev) {
        server = await startDevServer(name, dir);
      } else {
        console.log('npm run build ...');
        server = await serveStatic(await npmBuild(name, dir));
      }
      cleanups.push(() => server.close());
      url = `${server.url}?endpoint=${encodeURIComponent(emulator.url)}`;
    }
    console.log(`\n${spec.label}${dev ? ' (dev server)' : ''}: ${url}\nEmulator: ${emulator.url}   sign in as demo / Passw0rd!   Ctrl+C stops.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void main();
}
