// Every example in examples/ signs in, in headless Chromium, from the packed package.
//
// The package is built and packed once (`npm pack`); each example is copied to a scratch folder,
// installed from that tarball (npm install, from the registry or npm's cache), built for production
// and served; then Chromium types demo / Passw0rd! into <cognito-sign-in>, presses Enter, and waits
// for the app's own signed-in text, which only the framework's event handler for cognito-signed-in
// writes. Each run also checks that the SRP math ran in a Web Worker (the client's srpMode, and a
// worker Chromium saw start), that nothing failed to load, and, for the plain-HTML page served under
// a strict Content-Security-Policy with Trusted Types required, that no violation was reported.
// The Vite examples are also driven through their dev server (`vite`), where the worker must work too.
// Installs run in parallel from before(); a registry that cannot be reached fails with a message
// saying so. Timings per example are printed at the end.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { CHROMIUM_ARGS, findBrowser } from '../../scripts/find-browser.mjs';
import { copyExample, EXAMPLES, npmBuild, npmInstall, packPackage, serveStatic, startDevServer, strictCsp, workFolder } from '../../scripts/examples.ts';

const FRAMEWORKS = Object.keys(EXAMPLES).filter((name) => EXAMPLES[name].kind === 'npm');
/** The examples whose dev server is driven too (Vite: no configuration for the worker). */
const DEV_EXAMPLES = FRAMEWORKS.filter((name) => EXAMPLES[name].dev);
const TEST_TIMEOUT = 10 * 60_000;

const work = workFolder();
let tarball: string;
let emulator: RunningEmulator;
let browser: Browser;
/** Started together in before(): npm installs are most of the time, and mostly waiting. */
const installs = new Map<string, Promise<{ dir: string; ms: number }>>();
const timings: string[] = [];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

before(async () => {
  const started = Date.now();
  tarball = await packPackage(work);
  timings.push(`build + npm pack: ${seconds(Date.now() - started)}`);
  emulator = await startEmulator({ port: 0, quiet: true });
  for (const name of FRAMEWORKS) {
    const install = (async () => {
      const dir = await copyExample(name, work, tarball);
      const t0 = Date.now();
      await npmInstall(dir);
      return { dir, ms: Date.now() - t0 };
    })();
    install.catch(() => {}); // awaited (and reported) by the example's own test
    installs.set(name, install);
  }
  browser = await puppeteer.launch({
    executablePath: findBrowser(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

after(async () => {
  await browser?.close();
  await emulator?.close();
  await Promise.allSettled(installs.values());
  rmSync(work, { recursive: true, force: true });
  if (timings.length) console.log(`examples timings:\n  ${timings.join('\n  ')}`);
});

interface SignInResult {
  /** The text the app's cognito-signed-in handler wrote. */
  username: string;
  /** What the app read from client.srpMode after signing in. */
  srpMode: string | undefined;
  /** Dedicated workers Chromium saw start. */
  workers: string[];
  /** Whether the example's slot="header" child was above the form and its slot="footer" child below it, both the element's own. */
  slotted: { header: boolean; footer: boolean };
  /** CSP violations the page's own listener recorded (plain HTML only). */
  violations: unknown[];
  /** Requests that failed or answered 4xx/5xx, page errors, console errors. */
  problems: string[];
  ms: number;
}

/** Opens `url` in a fresh browser context, signs in as demo with the keyboard, reads what the app shows. */
async function signIn(url: string, { allow }: { allow?: RegExp } = {}): Promise<SignInResult> {
  const started = Date.now();
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const workers: string[] = [];
    const problems: string[] = [];
    page.on('workercreated', (worker) => workers.push(worker.url()));
    page.on('pageerror', (error) => problems.push(`page error: ${error instanceof Error ? error.message : String(error)}`));
    // The browser asks every server for /favicon.ico; the examples have none, and that is fine.
    const favicon = (url: string | undefined) => url?.endsWith('/favicon.ico') ?? false;
    page.on('console', (message) => {
      if ((message.type() === 'error' || message.type() === 'warn') && !favicon(message.location().url)) {
        problems.push(`console.${message.type()}: ${message.text()}`);
      }
    });
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
    page.on('response', (response) => {
      if (response.status() >= 400 && !favicon(response.url())) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });

    await page.goto(url, { waitUntil: 'load' });
    const username = await page.waitForSelector('cognito-sign-in input[autocomplete="username"]', { timeout: 30_000 });
    // The framework rendered the header and footer children; the element keeps them around its form.
    const slotted = await page.evaluate(() => {
      const host = document.querySelector('cognito-authenticator') ?? document.querySelector('cognito-sign-in')!;
      const form = host.querySelector('form')!;
      // No named function in here: tsx would wrap it in a helper the page does not have.
      const header = host.querySelector(':scope > [slot="header"]');
      const footer = host.querySelector(':scope > [slot="footer"]');
      return {
        header: !!header && !!(form.compareDocumentPosition(header) & Node.DOCUMENT_POSITION_PRECEDING),
        footer: !!footer && !!(form.compareDocumentPosition(footer) & Node.DOCUMENT_POSITION_FOLLOWING),
      };
    });
    await username!.type('demo');
    const password = await page.waitForSelector('cognito-sign-in input[autocomplete="current-password"]');
    await password!.type('Passw0rd!');
    await password!.press('Enter');
    try {
      await page.waitForFunction(() => document.querySelector('#username')?.textContent?.trim() === 'demo', { timeout: 30_000 });
    } catch (error) {
      const shown = await page.evaluate(() => document.body.innerText);
      throw new Error(`the app never showed "Signed in as demo" (${(error as Error).message}).\nPage text:\n${shown}\nProblems:\n${problems.join('\n')}`, {
        cause: error,
      });
    }
    const state = await page.evaluate(() => ({
      username: document.querySelector('#username')?.textContent?.trim() ?? '',
      srpMode: document.querySelector<HTMLElement>('#srp-mode')?.dataset.mode,
      violations: (window as unknown as { cspViolations?: unknown[] }).cspViolations ?? [],
    }));
    return { ...state, slotted, workers, problems: problems.filter((p) => !allow?.test(p)), ms: Date.now() - started };
  } finally {
    await context.close();
  }
}

/** The checks every example shares. */
function assertSignedInWithWorker(result: SignInResult, { workerUrl }: { workerUrl: RegExp }): void {
  assert.equal(result.username, 'demo', "the framework's cognito-signed-in handler showed the username");
  assert.deepEqual(result.slotted, { header: true, footer: true }, 'the header above the form and the footer below it');
  assert.equal(result.srpMode, 'worker', `client.srpMode after signing in (problems: ${result.problems.join('; ') || 'none'})`);
  assert.equal(result.workers.length, 1, `one SRP worker started: ${JSON.stringify(result.workers)}`);
  assert.match(result.workers[0], workerUrl);
  assert.deepEqual(result.problems, [], 'no failed request, page error, console error or warning');
}

function report(t: TestContext, line: string): void {
  t.diagnostic(line);
  timings.push(line);
}

for (const blobWorkers of [true, false]) {
  const page = blobWorkers ? 'index.html' : 'same-origin-worker.html';
  test(
    `plain-html/${page}: the script-tag build signs in under a strict CSP with Trusted Types (worker-src ${blobWorkers ? "'self' blob:" : "'self'"}), no violation`,
    { timeout: TEST_TIMEOUT },
    async (t) => {
      const dir = await copyExample('plain-html', work, tarball, emulator.url);
      const csp = strictCsp(emulator.url, { blobWorkers });
      const server = await serveStatic(dir, { 'content-security-policy': csp });
      try {
        const result = await signIn(new URL(page, server.url).href);
        assert.deepEqual(result.violations, [], `CSP violations under: ${csp}`);
        assertSignedInWithWorker(result, { workerUrl: blobWorkers ? /^blob:http:\/\/127\.0\.0\.1:\d+\// : /^http:\/\/127\.0\.0\.1:\d+\/srp\.worker\.js$/ });
        report(t, `plain-html/${page}: sign-in ${seconds(result.ms)}`);
      } finally {
        await server.close();
      }
    },
  );
}

for (const name of FRAMEWORKS) {
  test(
    `${name} (${EXAMPLES[name].label}): installs from the tarball, type-checks and builds, and its own cognito-signed-in handler runs after an SRP sign-in in a worker`,
    { timeout: TEST_TIMEOUT },
    async (t) => {
      const { dir, ms: installMs } = await installs.get(name)!;
      const t0 = Date.now();
      const out = await npmBuild(name, dir);
      const buildMs = Date.now() - t0;
      const server = await serveStatic(out);
      try {
        const result = await signIn(`${server.url}?endpoint=${encodeURIComponent(emulator.url)}`);
        // The bundler emitted the worker as a file of the app's own (not a blob:, not a 404).
        assertSignedInWithWorker(result, { workerUrl: /^http:\/\/127\.0\.0\.1:\d+\/.*srp\.worker[-.\w]*\.js$/ });
        report(
          t,
          `${name}: npm install ${seconds(installMs)}, build ${seconds(buildMs)}, sign-in ${seconds(result.ms)} (worker ${new URL(result.workers[0]).pathname})`,
        );
      } finally {
        await server.close();
      }
    },
  );
}

for (const name of DEV_EXAMPLES) {
  test(`${name}: the Vite dev server (\`vite\`, no configuration for the worker) signs in with SRP in a worker too`, { timeout: TEST_TIMEOUT }, async (t) => {
    const { dir } = await installs.get(name)!;
    const t0 = Date.now();
    const dev = await startDevServer(name, dir);
    try {
      const result = await signIn(`${dev.url}?endpoint=${encodeURIComponent(emulator.url)}`, {
        // Vite serves Lit's development build in dev, which says so once; nothing else may complain.
        allow: /^console\.warn: Lit is in dev mode\./,
      });
      assertSignedInWithWorker(result, { workerUrl: /^http:\/\/127\.0\.0\.1:\d+\/.*srp\.worker[-.\w]*\.js(\?.*)?$/ });
      report(t, `${name} dev server: start + sign-in ${seconds(Date.now() - t0)} (worker ${new URL(result.workers[0]).pathname})`);
    } finally {
      await dev.close();
    }
  });
}
