// `npm run bench`: side-by-side benchmarks of cognito-elements and its peers, written to
// bench/RESULTS.md (tables) and bench/results.json (raw numbers). See bench/README.md.
//
//   node bench/run.mjs            the full run (under 5 minutes on a 2-core machine)
//   node bench/run.mjs --quick    fewer iterations, to check the bench itself works
//   node bench/run.mjs --only=srp,signin,startup,sizes,floor   just those parts
// --quick and --only write to bench/.build/ instead, leaving RESULTS.md to full runs.
//
// Never part of `npm test`: these are wall-clock numbers, and machines are noisy.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer-core';
import { register } from 'tsx/esm/api';
import { CHROMIUM_ARGS, findBrowser } from '../scripts/find-browser.mjs';
import { describeMachine } from './lib/machine.mjs';
import { startStaticServer } from './lib/server.mjs';
import { bundleAndMeasure, bundleWorker, measureDist, sizeSpecs } from './lib/sizes.mjs';
import { nodeFloor } from './lib/node-floor.mjs';
import { shuffled, summarize } from './lib/stats.mjs';
import { writeReport } from './lib/report.mjs';

const started = performance.now();
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = join(ROOT, 'bench');
const BUILD = join(BENCH, '.build');
const PEERS_DIR = join(BENCH, '.peers');
const quick = process.argv.includes('--quick');
const PARTS = ['sizes', 'floor', 'srp', 'signin', 'startup'];
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : PARTS;
for (const part of only) if (!PARTS.includes(part)) throw new Error(`--only: unknown part ${part} (known: ${PARTS.join(', ')})`);
const runs = (part) => only.includes(part);
const partial = quick || only.length < PARTS.length;

const ITERATIONS = {
  srp: quick ? 6 : 40,
  srpWarmup: quick ? 2 : 4,
  breakdown: quick ? 5 : 20,
  experiments: quick ? 3 : 30,
  nodeFloor: quick ? 5 : 30,
  signIn: quick ? 3 : 20,
  signInWarmup: 2,
  startup: quick ? 3 : 12,
};

const log = (line) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`);

// The emulator, srp.ts and the element sources are TypeScript.
register();
// The group's prime, from the client's own SRP module (tsx is registered just above).
const { N } = await import('../src/worker/srp.ts');

// ---------------------------------------------------------------------------------------------
// Peers for the size comparison: installed on demand, never project dependencies

function ensurePeers() {
  const wanted = JSON.parse(readFileSync(join(BENCH, 'peers.json'), 'utf8'));
  delete wanted.$comment;
  const installedVersion = (name) => {
    try {
      return JSON.parse(readFileSync(join(PEERS_DIR, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  const missing = Object.entries(wanted).filter(([name, version]) => installedVersion(name) !== version);
  if (missing.length === 0) return { installed: true, versions: wanted, note: 'already in bench/.peers' };
  log(`installing peers into bench/.peers: ${missing.map(([n, v]) => `${n}@${v}`).join(' ')}`);
  mkdirSync(PEERS_DIR, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const specs = Object.entries(wanted).map(([n, v]) => `${n}@${v}`);
  const result = spawnSync(npm, ['install', '--prefix', PEERS_DIR, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ...specs], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) {
    // npm's first error lines name the cause (code, request); the rest is advice and a log path.
    const lines = `${result.stderr ?? ''}`
      .split('\n')
      .map((l) => l.replace(/^npm (error|ERR!)\s*/, '').trim())
      .filter(Boolean);
    const why = result.error?.message ?? (lines.slice(0, 2).join('; ') || `exit ${result.status}`);
    log(`peer install failed: ${why}`);
    return { installed: false, versions: wanted, note: `npm install failed: ${why}` };
  }
  return { installed: true, versions: wanted, note: 'installed by this run' };
}

// ---------------------------------------------------------------------------------------------
// Challenge inputs for the SRP bench: shaped like Cognito's, random each run

function challengeInputs(count) {
  return Array.from({ length: count }, () => {
    // B = k·v + g^b mod N is indistinguishable from uniform in [1, N): a uniform B costs the same.
    const B = (BigInt(`0x${randomBytes(392).toString('hex')}`) % (N - 2n)) + 2n;
    return {
      poolName: 'BenchPool1',
      userId: crypto.randomUUID(),
      password: 'Passw0rd!',
      SRP_B: B.toString(16),
      SALT: randomBytes(16).toString('hex'),
      SECRET_BLOCK: randomBytes(1024).toString('base64'),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The emulator, with a pool of its own for the bench

const BENCH_POOL = 'us-east-1_BenchPool1';
const BENCH_CLIENTS = { headless: 'benchheadless0000000000001', element: 'benchelement00000000000001', reference: 'benchreference000000000001' };

function benchSeed() {
  const seed = JSON.parse(readFileSync(join(ROOT, 'emulator/seed.json'), 'utf8'));
  const demo = seed.pools.find((p) => p.Id === 'us-east-1_DemoPool1');
  const publicClient = demo.Clients.find((c) => c.ClientId === 'democlient0000000000000001');
  const user = demo.Users.find((u) => u.Username === 'demo');
  const pool = { ...demo, Id: BENCH_POOL, PoolName: 'cognito-elements-bench', MfaConfiguration: 'OFF', Users: [user] };
  // A plain sign-in: no device to remember (that would add ConfirmDevice and a g^x to both clients).
  delete pool.DeviceConfiguration;
  pool.Clients = Object.entries(BENCH_CLIENTS).map(([who, ClientId]) => ({ ...publicClient, ClientId, ClientName: `bench-${who}` }));
  return { pools: [pool] };
}

// ---------------------------------------------------------------------------------------------
// Bundles for the pages

async function buildPages(peers, workerSource) {
  rmSync(join(BUILD, 'pages'), { recursive: true, force: true });
  const common = { bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, write: false, logLevel: 'warning', legalComments: 'none' };
  const one = async (options) => (await esbuild.build({ ...common, ...options })).outputFiles;
  const routes = new Map();
  const put = (path, text) => routes.set(path, text);

  put('/srp.worker.js', workerSource);
  put(
    '/previous-srp.worker.js',
    (await one({ entryPoints: [join(BENCH, 'pages/previous-srp.worker.ts')], outfile: join(BUILD, 'previous-srp.worker.js') }))[0].text,
  );
  put('/timed-srp.worker.js', (await one({ entryPoints: [join(BENCH, 'pages/timed-srp.worker.ts')], outfile: join(BUILD, 'timed-srp.worker.js') }))[0].text);
  // amazon-cognito-identity-js's `buffer` reads `global`: the define every app has to add.
  const referenceDefine = { global: 'globalThis', 'process.env.NODE_ENV': '"production"' };
  put('/srp.js', (await one({ entryPoints: [join(BENCH, 'pages/srp.ts')], outfile: join(BUILD, 'srp.js'), define: referenceDefine }))[0].text);
  put('/signin.js', (await one({ entryPoints: [join(BENCH, 'pages/signin.ts')], outfile: join(BUILD, 'signin.js'), define: referenceDefine }))[0].text);
  const page = (script, body = '') =>
    `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body>${body}<script type="module" src="${script}"></script></body></html>`;
  put('/favicon.ico', '');
  put('/srp.html', page('/srp.js'));
  put('/signin.html', page('/signin.js'));

  // Start-up: a blank page whose only script is the kit. The mark at the top of the bundle is
  // the first thing evaluated: from there to an enabled username input is the element's start-up.
  const mark = 'globalThis.__startup.evalStart = performance.now();\n';
  const startupPages = [];
  const tagOut = await one({
    entryPoints: [{ in: join(ROOT, 'src/script-tag.ts'), out: 'cognito-elements' }],
    outdir: join(BUILD, 'ours-src'),
    splitting: true,
    chunkNames: 'cdn/[name]-[hash]',
    define: { __SRP_WORKER_SOURCE__: JSON.stringify(workerSource) },
  });
  for (const file of tagOut) {
    const rel = file.path.slice(join(BUILD, 'ours-src').length).replace(/\\/g, '/');
    put(`/ours-src${rel}`, rel === '/cognito-elements.js' ? mark + file.text : file.text);
  }
  const signInTag = (endpoint) => `<cognito-sign-in user-pool-id="${BENCH_POOL}" client-id="${BENCH_CLIENTS.element}" endpoint="${endpoint}"></cognito-sign-in>`;
  startupPages.push({
    name: 'ours: script-tag build, bundled from source',
    path: '/startup-ours-src.html',
    script: '/ours-src/cognito-elements.js',
    body: signInTag,
    selector: 'cognito-sign-in',
  });
  // The single file: served alone, it needs no chunk (dist/cognito-elements.js, the loader, would).
  const distTag = join(ROOT, 'dist/cognito-elements.bundle.js');
  if (existsSync(distTag)) {
    put('/dist/cognito-elements.bundle.js', () => mark + readFileSync(distTag, 'utf8'));
    startupPages.push({
      name: 'ours: dist/cognito-elements.bundle.js (npm run build)',
      path: '/startup-ours-dist.html',
      script: '/dist/cognito-elements.bundle.js',
      body: signInTag,
      selector: 'cognito-sign-in',
    });
  }
  if (peers.installed) {
    const app = `import { Amplify } from 'aws-amplify';
import { Authenticator } from '@aws-amplify/ui-react';
import '@aws-amplify/ui-react/styles.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
const config = globalThis.__amplifyConfig;
Amplify.configure({ Auth: { Cognito: { userPoolId: config.userPoolId, userPoolClientId: config.clientId, userPoolEndpoint: config.endpoint } } });
createRoot(document.getElementById('root')).render(createElement(Authenticator, null, () => createElement('p', null, 'signed in')));`;
    const out = await one({
      stdin: { contents: app, resolveDir: PEERS_DIR, sourcefile: 'amplify-startup.js', loader: 'js' },
      outdir: join(BUILD, 'amplify'),
      entryNames: 'app',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    for (const file of out) {
      const name = file.path.endsWith('.css') ? '/amplify/app.css' : '/amplify/app.js';
      put(name, name.endsWith('.js') ? mark + file.text : file.text);
    }
    startupPages.push({
      name: 'Amplify UI React <Authenticator> (React 19), same bundling',
      path: '/startup-amplify.html',
      script: '/amplify/app.js',
      head: '<link rel="stylesheet" href="/amplify/app.css">',
      body: (endpoint) =>
        `<script>globalThis.__amplifyConfig = ${JSON.stringify({ userPoolId: BENCH_POOL, clientId: BENCH_CLIENTS.element, endpoint })};</script><div id="root"></div>`,
      selector: '#root',
    });
  }
  return { routes, startupPages };
}

/** The start-up page: an inline observer notes when the username input is there and enabled. */
function startupHtml(p, endpoint) {
  const watcher = `(() => {
  const t = (globalThis.__startup = {});
  const check = () => {
    if (t.interactive) return;
    const scope = document.querySelector(${JSON.stringify(p.selector)});
    const input = scope && scope.querySelector('input[name="username"]');
    const submit = scope && scope.querySelector('button[type="submit"]');
    if (input && !input.disabled && submit && !submit.disabled) {
      t.interactive = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>start-up</title>${p.head ?? ''}<script>${watcher}</script></head><body>${p.body(endpoint)}<script type="module" src="${p.script}"></script></body></html>`;
}

// ---------------------------------------------------------------------------------------------
// The browser parts

/** 1. The SRP critical path, the breakdown and the options, in one page. */
async function benchSrp(openPage, inputs) {
  log(`SRP: critical path in Chromium, ${ITERATIONS.srp} interleaved iterations`);
  const page = await openPage('/srp.html', 'srpBenchReady');
  const check = await page.evaluate((input) => globalThis.srpBench.check(input), inputs[0]);
  if (!check.same || !check.previousSame) throw new Error(`the clients sign differently: ${JSON.stringify(check)}`);
  const raw = await page.evaluate((options) => globalThis.srpBench.run(options), {
    inputs,
    iterations: ITERATIONS.srp,
    warmup: ITERATIONS.srpWarmup,
    workerUrl: '/srp.worker.js',
    timedWorkerUrl: '/timed-srp.worker.js',
    previousWorkerUrl: '/previous-srp.worker.js',
  });
  log('SRP: where the in-thread time goes, and the modPow options');
  const breakdown = await page.evaluate((i, n) => globalThis.srpBench.breakdown(i, n), inputs, ITERATIONS.breakdown);
  const experiments = await page.evaluate((i, n) => globalThis.srpBench.experiments(i, n), inputs, ITERATIONS.experiments);
  await page.close();
  return { check, raw, breakdown, experiments };
}

/** 2. Sign-in end to end against the emulator, three ways, in one page. */
async function benchSignIn(openPage, endpoint) {
  log(`sign-in: end to end against the emulator, ${ITERATIONS.signIn} interleaved rounds`);
  const page = await openPage('/signin.html', 'signInBenchReady');
  const result = await page.evaluate((config) => globalThis.signInBench.run(config), {
    endpoint,
    userPoolId: BENCH_POOL,
    clients: BENCH_CLIENTS,
    username: 'demo',
    password: 'Passw0rd!',
    workerUrl: '/srp.worker.js',
    iterations: ITERATIONS.signIn,
    warmup: ITERATIONS.signInWarmup,
    gapMs: 250,
  });
  await page.close();
  return result;
}

/** 4. Start-up: each page loaded in a fresh tab, the pages interleaved; the first round is warm-up. */
async function benchStartup(browser, baseUrl, pages, pageErrors) {
  log(`start-up: ${pages.length} pages × ${ITERATIONS.startup} loads, interleaved`);
  const loads = new Map(pages.map((p) => [p.path, []]));
  for (let i = 0; i < ITERATIONS.startup + 1; i++) {
    for (const p of shuffled(pages)) {
      const page = await browser.newPage();
      page.on('pageerror', (e) => pageErrors.push(`${p.path}: ${e.message}`));
      await page.goto(`${baseUrl}${p.path}`, { waitUntil: 'load' });
      await page.waitForFunction('globalThis.__startup && globalThis.__startup.interactive > 0', { timeout: 30_000 });
      const t = await page.evaluate(() => ({ ...globalThis.__startup }));
      await page.close();
      if (i > 0) loads.get(p.path).push(t);
    }
  }
  return pages.map((p) => {
    const r = loads.get(p.path);
    return {
      name: p.name,
      evalToInteractive: summarize(r.map((x) => x.interactive - x.evalStart)),
      navigationToInteractive: summarize(r.map((x) => x.interactive)),
      raw: r,
    };
  });
}

// ---------------------------------------------------------------------------------------------

async function main() {
  mkdirSync(BUILD, { recursive: true });
  const machine = describeMachine();
  log(`${machine.cores} cores, ${machine.cpuModel}, ${machine.totalMemoryGiB} GiB, Node ${machine.node}${quick ? ' (quick run)' : ''}`);

  const loadBefore = os.loadavg();
  if (loadBefore[0] > machine.cores) log(`the machine is busy (1-minute load average ${loadBefore[0].toFixed(1)} on ${machine.cores} cores): times will be noisy`);
  const peers = ensurePeers();
  const workerSource = await bundleWorker(ROOT);

  // 3. Sizes (first: needs no browser)
  const { specs, amplify } = sizeSpecs(ROOT, { peersDir: PEERS_DIR, peersInstalled: peers.installed, workerSource });
  const sizes = [];
  if (runs('sizes')) log('sizes: bundling every contender with esbuild');
  for (const spec of runs('sizes') ? [...specs, ...amplify] : []) {
    if (spec.skipped) {
      sizes.push({ name: spec.name, group: spec.group, error: `not measured: ${peers.note}` });
      continue;
    }
    try {
      sizes.push(await bundleAndMeasure(spec, ROOT));
    } catch (error) {
      sizes.push({ name: spec.name, group: spec.group, error: `bundling failed: ${String(error?.message ?? error).split('\n')[0]}` });
    }
  }

  // What each page pays up front, measured as the size-budget test measures it (scripts/sizes.ts).
  let pages;
  if (runs('sizes')) {
    const { measureSizes } = await import('../scripts/sizes.ts');
    const { sizes: measured } = await measureSizes();
    pages = Object.fromEntries(Object.entries(measured).map(([entry, m]) => [entry, { bytes: m.bytes, files: m.files.length }]));
  }

  // 1b. The OpenSSL floor, in Node
  const inputs = challengeInputs(8);
  let floor;
  if (runs('floor')) {
    log('SRP: the OpenSSL floor and our BigInt code in Node');
    floor = await nodeFloor(inputs, { iterations: ITERATIONS.nodeFloor });
  }

  // The browser side
  const { startEmulator } = await import('../emulator/index.ts');
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true, config: benchSeed() });
  const { routes, startupPages } = await buildPages(peers, workerSource);
  for (const p of startupPages) routes.set(p.path, startupHtml(p, emulator.url));
  const server = await startStaticServer({ routes, mounts: { '/dist/': join(ROOT, 'dist') } });
  const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_ARGS, protocolTimeout: 240_000 });
  const chromium = await browser.version();
  const pageErrors = [];
  const openPage = async (path, readyFlag) => {
    const page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') pageErrors.push(`${path} console.${m.type()}: ${m.text()}`);
    });
    await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
    if (readyFlag) await page.waitForFunction(`globalThis.${readyFlag} === true`, { timeout: 30_000 });
    return page;
  };

  // A part that fails is reported as failed; the others still run and the report is still written.
  const failures = [];
  const attempt = async (part, fn) => {
    if (!runs(part)) return undefined;
    try {
      return await fn();
    } catch (error) {
      log(`${part} FAILED: ${error?.stack ?? error}`);
      failures.push({ part, error: String(error?.message ?? error) });
      return undefined;
    }
  };
  let srpResult, signInResult, startup;
  try {
    srpResult = await attempt('srp', () => benchSrp(openPage, inputs));
    signInResult = await attempt('signin', () => benchSignIn(openPage, emulator.url));
    startup = (await attempt('startup', () => benchStartup(browser, server.url, startupPages, pageErrors))) ?? [];
  } finally {
    await browser.close();
    await server.close();
    await emulator.close();
  }

  // Sizes of what `npm run build` published, if it has.
  const dist = runs('sizes') ? measureDist(ROOT) : null;

  const elapsedSeconds = (performance.now() - started) / 1000;
  const results = {
    date: new Date().toISOString(),
    quick,
    elapsedSeconds,
    machine: { ...machine, chromium, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg() },
    parts: only,
    iterations: ITERATIONS,
    peers,
    srp: srpResult,
    floor,
    signIn: signInResult,
    sizes,
    pages,
    dist,
    startup,
    pageErrors,
    failures,
  };
  const outDir = partial ? BUILD : BENCH;
  writeReport(results, outDir, ROOT);
  log(`wrote ${partial ? 'bench/.build' : 'bench'}/RESULTS.md and results.json`);
  if (pageErrors.length) log(`page errors and warnings:\n  ${pageErrors.slice(0, 20).join('\n  ')}`);
  log(`done in ${elapsedSeconds.toFixed(1)} s`);
  if (failures.length) {
    log(`${failures.length} part(s) failed: ${failures.map((f) => f.part).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
