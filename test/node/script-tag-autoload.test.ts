// The script-tag loader (dist/cognito-elements.js) in a real browser, served as a CDN would serve
// dist/ (beside the page, under the plain-HTML example's strict CSP with Trusted Types required):
// a page with only <cognito-sign-in> fetches the loader and the sign-in element's chunk, not the
// account's or the attributes' (the server's request log says so), and signs in against the local
// emulator with SRP in a worker whose code came as a chunk of its own; a <cognito-account> added
// afterwards, its attributes and its `client` property set before its code arrived, then loads and
// keeps them. No CSP violation on the way. And the single file, cognito-elements.bundle.js, still
// signs in by itself, here with `data-worker` under a policy that forbids blob: workers; and a worker
// whose code cannot be fetched leaves SRP in-thread, not the sign-in broken.
//
// Runs in Chromium, Firefox and WebKit (BROWSER_ENGINE=<name> picks one), through puppeteer-core
// (Chromium over CDP, Firefox over WebDriver BiDi) and WebKitWebDriver (scripts/webkit-launcher.mjs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer-core';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { buildScriptTag, workerOptions } from '../../scripts/build.ts';
import { strictCsp } from '../../scripts/examples.ts';
import { CHROMIUM_ARGS, ENGINES, findEngine } from '../../scripts/find-browser.mjs';

const POOL = { userPoolId: 'us-east-1_DemoPool1', clientId: 'democlient0000000000000001' };
const engines = process.env.BROWSER_ENGINE ? [process.env.BROWSER_ENGINE] : ENGINES;

const dir = mkdtempSync(join(tmpdir(), 'cognito-script-tag-'));
let emulator: RunningEmulator;
let server: Server;
let origin: string;
/** Every path the page asked this server for, in order. */
let served: string[] = [];
/** Answer 404 for the worker's code chunk (as a CDN missing a file would). */
let workerCodeMissing = false;

before(async () => {
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true });
  await esbuild.build(workerOptions(join(dir, 'srp.worker.js')));
  await buildScriptTag(dir, readFileSync(join(dir, 'srp.worker.js'), 'utf8'));
  const attributes = `user-pool-id="${POOL.userPoolId}" client-id="${POOL.clientId}" endpoint="${emulator.url}"`;
  const page = (script: string, scriptAttributes = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>script tag</title>
<script src="./csp-report.js"></script>
<script type="module" src="./${script}"${scriptAttributes}></script>
<script type="module" src="./page.js?from=${script}"></script>
</head><body><cognito-sign-in ${attributes}></cognito-sign-in></body></html>`;
  writeFileSync(join(dir, 'index.html'), page('cognito-elements.js'));
  // The single file, with the worker from a same-origin file, under a policy without blob: workers.
  writeFileSync(join(dir, 'bundle.html'), page('cognito-elements.bundle.js', ' data-worker="./srp.worker.js"'));
  writeFileSync(
    join(dir, 'csp-report.js'),
    `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`,
  );
  // The page's own code: what an app's script does with the script tag's exports.
  writeFileSync(
    join(dir, 'page.js'),
    `const kit = await import('./' + new URL(import.meta.url).searchParams.get('from'));
const pool = ${JSON.stringify({ ...POOL, endpoint: emulator.url })};
window.signedIn = '';
document.addEventListener('cognito-signed-in', (event) => { window.signedIn = event.detail.session.username; });
window.srpMode = () => kit.sharedClient(pool).srpMode;
window.addAccount = () => {
  const account = document.createElement('cognito-account');
  window.accountWasDefined = customElements.get('cognito-account') !== undefined;
  for (const [name, value] of Object.entries({ 'user-pool-id': pool.userPoolId, 'client-id': pool.clientId, endpoint: pool.endpoint })) account.setAttribute(name, value);
  window.accountClient = new kit.CognitoClient(pool);
  account.client = window.accountClient;
  document.body.append(account);
};`,
  );
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const csp = strictCsp(emulator.url, { blobWorkers: path !== '/bundle.html' });
    served.push(path);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    let body: Buffer;
    try {
      if (!file.startsWith(dir)) throw new Error('outside');
      if (workerCodeMissing && path.startsWith('/cdn/script-tag-worker-code-')) throw new Error('missing');
      body = readFileSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    const type = extname(file) === '.html' ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'content-security-policy': csp }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the test needs of a browser: open a page, run a function in it, type into an input. */
interface Driver {
  goto(url: string): Promise<void>;
  /** `fn`: a function's source, run in the page with no arguments. */
  evaluate<T>(fn: string): Promise<T>;
  type(selector: string, text: string): Promise<void>;
  pressEnter(selector: string): Promise<void>;
  close(): Promise<void>;
}

/** scripts/webkit-launcher.mjs (untyped): classic WebDriver to WebKitWebDriver. */
interface WebKitSession {
  sessionPath: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  call(method: string, path: string, body: unknown): Promise<any>;
}
const webkitLauncher = async () =>
  ((await import(`../../scripts/${'webkit-launcher.mjs'}`)) as { WebKitLauncher: new (options: { driverPath: string; executablePath: string }) => WebKitSession })
    .WebKitLauncher;

async function launch(engine: string): Promise<Driver> {
  if (engine === 'webkit') {
    const { driverPath, executablePath } = findEngine('webkit') as { driverPath: string; executablePath: string };
    const wk = new (await webkitLauncher())({ driverPath, executablePath });
    await wk.start();
    const s = wk.sessionPath;
    const element = async (selector: string) => Object.values(await wk.call('POST', `${s}/element`, { using: 'css selector', value: selector }))[0];
    return {
      goto: async (url) => void (await wk.call('POST', `${s}/url`, { url })),
      evaluate: (fn) => wk.call('POST', `${s}/execute/sync`, { script: `return (${fn})()`, args: [] }),
      // One key per command: WebKitWebDriver drops the second of two equal keys sent in one string.
      type: async (selector, text) => {
        const id = await element(selector);
        for (const key of text) await wk.call('POST', `${s}/element/${id}/value`, { text: key });
      },
      pressEnter: async (selector) => void (await wk.call('POST', `${s}/element/${await element(selector)}/value`, { text: '\uE007' })),
      close: () => wk.stop(),
    };
  }
  const browser = await puppeteer.launch(
    engine === 'firefox'
      ? { browser: 'firefox', executablePath: findEngine('firefox').executablePath, headless: true }
      : { executablePath: findEngine('chromium').executablePath, headless: true, args: CHROMIUM_ARGS },
  );
  const page = await browser.newPage();
  return {
    goto: async (url) => void (await page.goto(url)),
    evaluate: <T>(fn: string) => page.evaluate(`(${fn})()`) as Promise<T>,
    type: (selector, text) => page.type(selector, text),
    pressEnter: async (selector) => {
      await page.focus(selector);
      await page.keyboard.press('Enter');
    },
    close: () => browser.close(),
  };
}

/** Polls `fn` in the page until it returns something truthy (30 s at most). */
async function waitFor<T>(driver: Driver, what: string, fn: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await driver.evaluate<T>(fn).catch(() => undefined);
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}; the page asked for ${served.join(', ')}`);
}

const chunk = (name: string) => served.some((p) => p === `/cdn/cognito-${name}.js`);

for (const engine of engines) {
  test(
    `${engine}: a <cognito-sign-in> page loads the sign-in chunk only, signs in, and a <cognito-account> added later loads with what was set on it`,
    { timeout: 180_000 },
    async () => {
      served = [];
      const driver = await launch(engine);
      try {
        await driver.goto(`${origin}/`);
        const username = 'cognito-sign-in input[autocomplete="username"]';
        const password = 'cognito-sign-in input[autocomplete="current-password"]';
        await waitFor(driver, 'the sign-in form', `() => !!document.querySelector('${password}')`);
        assert.ok(served.includes('/cognito-elements.js'), 'the loader');
        assert.ok(chunk('sign-in'), `the sign-in chunk: ${served.join(', ')}`);
        for (const name of ['account', 'attributes', 'authenticator', 'mfa', 'sign-up']) assert.ok(!chunk(name), `no ${name} chunk yet: ${served.join(', ')}`);

        await driver.type(username, 'demo');
        await driver.type(password, 'Passw0rd!');
        await driver.pressEnter(password);
        assert.equal(await waitFor(driver, 'cognito-signed-in', '() => window.signedIn'), 'demo');
        assert.equal(await driver.evaluate('() => window.srpMode()'), 'worker', 'SRP ran in the worker');
        assert.ok(
          served.some((p) => /^\/cdn\/script-tag-worker-code-\w+\.js$/.test(p)),
          `the worker's code came as its own chunk: ${served.join(', ')}`,
        );
        assert.ok(!chunk('account') && !chunk('attributes'), `still no account or attributes chunk: ${served.join(', ')}`);

        await driver.evaluate('() => window.addAccount()');
        assert.equal(await driver.evaluate('() => window.accountWasDefined'), false, '<cognito-account> was not defined when it was created');
        await waitFor(driver, '<cognito-account> defined', `() => customElements.get('cognito-account') !== undefined`);
        assert.ok(chunk('account'), `the account chunk, once the tag was added: ${served.join(', ')}`);
        assert.ok(!chunk('attributes'), 'still no attributes chunk');
        const kept = await waitFor<{ client: boolean; pool: string | null }>(
          driver,
          'the account upgraded',
          `() => { const a = document.querySelector('cognito-account'); return a.matches(':defined') && { client: a.client === window.accountClient, pool: a.userPoolId }; }`,
        );
        assert.deepEqual(kept, { client: true, pool: POOL.userPoolId }, 'the property and the attribute set before the upgrade are the element’s');
        // Signed in, so the account shows the user's page (its delete button), not 'You are signed out.'
        await waitFor(driver, 'the account page', `() => document.querySelector('cognito-account').textContent.includes('Delete account')`).catch(
          async (error: Error) => {
            throw new Error(`${error.message}\nThe account shows: ${await driver.evaluate(`() => document.querySelector('cognito-account').textContent`)}`);
          },
        );
        assert.deepEqual(await driver.evaluate('() => window.cspViolations'), [], 'no CSP violation');
      } finally {
        await driver.close();
      }
    },
  );
}

for (const engine of engines) {
  test(
    `${engine}: the single file (cognito-elements.bundle.js) with data-worker signs in under a policy without blob: workers, loading no element chunk`,
    { timeout: 180_000 },
    async () => {
      served = [];
      const driver = await launch(engine);
      try {
        await driver.goto(`${origin}/bundle.html`);
        const password = 'cognito-sign-in input[autocomplete="current-password"]';
        await waitFor(driver, 'the sign-in form', `() => !!document.querySelector('${password}')`);
        await driver.type('cognito-sign-in input[autocomplete="username"]', 'demo');
        await driver.type(password, 'Passw0rd!');
        await driver.pressEnter(password);
        assert.equal(await waitFor(driver, 'cognito-signed-in', '() => window.signedIn'), 'demo');
        assert.equal(await driver.evaluate('() => window.srpMode()'), 'worker', 'SRP ran in the worker');
        assert.ok(served.includes('/srp.worker.js'), `the worker came from data-worker: ${served.join(', ')}`);
        assert.deepEqual(
          served.filter((p) => p.startsWith('/cdn/cognito-') || p.startsWith('/cdn/script-tag-worker-code') || p === '/cognito-elements.js'),
          [],
          'nothing of the loader',
        );
        await driver.evaluate('() => window.addAccount()');
        assert.equal(await driver.evaluate('() => window.accountWasDefined'), true, 'the single file defines every element up front');
        assert.deepEqual(await driver.evaluate('() => window.cspViolations'), [], 'no CSP violation');
      } finally {
        await driver.close();
      }
    },
  );
}

for (const engine of engines) {
  test(`${engine}: when the worker's code cannot be fetched, the loader's page still signs in, SRP in-thread`, { timeout: 180_000 }, async () => {
    served = [];
    workerCodeMissing = true;
    const driver = await launch(engine);
    try {
      await driver.goto(`${origin}/`);
      const password = 'cognito-sign-in input[autocomplete="current-password"]';
      await waitFor(driver, 'the sign-in form', `() => !!document.querySelector('${password}')`);
      await driver.type('cognito-sign-in input[autocomplete="username"]', 'demo');
      await driver.type(password, 'Passw0rd!');
      await driver.pressEnter(password);
      assert.equal(await waitFor(driver, 'cognito-signed-in', '() => window.signedIn'), 'demo');
      assert.ok(
        served.some((p) => p.startsWith('/cdn/script-tag-worker-code-')),
        `the worker's code was asked for: ${served.join(', ')}`,
      );
      assert.equal(await driver.evaluate('() => window.srpMode()'), 'inline', 'the engine fell back to in-thread SRP');
    } finally {
      workerCodeMissing = false;
      await driver.close();
    }
  });
}
