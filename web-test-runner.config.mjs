// @web/test-runner: browser tests in one engine per run, against the local emulator:
//   BROWSER_ENGINE=chromium (default)  the machine's own headless Chromium (puppeteer-core, CDP)
//   BROWSER_ENGINE=firefox             Firefox (ESR) headless, puppeteer-core over WebDriver BiDi
//   BROWSER_ENGINE=webkit              WebKitGTK's MiniBrowser through WebKitWebDriver (scripts/webkit-launcher.mjs)
// `npm test` runs all three in turn (scripts/test.mjs); `npm run test:browser -- --engine firefox`
// runs one. Tests that need a Chromium-only feature (the DevTools Protocol's virtual authenticator,
// emulateMedia, the longtask entry type) live in files named *.chromium.test.ts, which only the
// Chromium run loads.
//
// One emulator is started for the whole run (random port) in a plugin's serverStart hook, and its
// URL reaches every test page through testRunnerHtml as globalThis.__EMULATOR_URL__ (read it with
// emulatorUrl() from test/browser/emulator-url.ts). Set EMULATOR_URL to use an emulator you run
// yourself instead.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { CHROMIUM_ARGS, ENGINES, findEngine } from './scripts/find-browser.mjs';
import { webkitLauncher } from './scripts/webkit-launcher.mjs';

/** The emulator for this run: its URL once serverStart has run, and how to stop it. */
const emulator = { url: process.env.EMULATOR_URL ?? '', close: async () => {} };

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
function emulatorPlugin() {
  return {
    name: 'cognito-emulator',
    async serverStart({ logger }) {
      if (emulator.url) {
        logger.log(`Browser tests use the emulator at ${emulator.url} (EMULATOR_URL)`);
        return;
      }
      // The emulator is TypeScript: let Node import .ts files from here on.
      const { register } = await import('tsx/esm/api');
      register();
      let running;
      try {
        const { startEmulator } = await import('./emulator/index.ts');
        running = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true });
      } catch (error) {
        throw new Error(`could not start the local Cognito emulator (emulator/index.ts) for the browser tests: ${error?.message ?? error}`, { cause: error });
      }
      emulator.url = running.url;
      emulator.close = () => running.close();
    },
    async serverStop() {
      await emulator.close();
    },
  };
}

/**
 * A WebAuthn virtual authenticator for the test page, through the Chrome DevTools Protocol, so
 * passkey tests run real ceremonies with no dialog: executeServerCommand('virtual-authenticator',
 * payload) from @web/test-runner-commands, wrapped by test/browser/support/webauthn.ts.
 *   { action: 'add', credentials?, isUserVerified? } replaces the page's authenticator (if any) by a new
 *     one: a platform authenticator (ctap2, internal) with resident keys and user verification that
 *     answers by itself; `credentials` (as 'remove' returns them) are put in it.
 *   { action: 'remove' } removes it and returns the credentials it held (a removed authenticator's
 *     credentials are gone from the browser; this is how a test keeps a passkey to put back).
 *   { action: 'credentials' } the credentials it holds now.
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
function virtualAuthenticatorPlugin() {
  /** Per test session: its CDP session and authenticator. @type {Map<string, { cdp: any, authenticatorId?: string }>} */
  const pages = new Map();
  const page = async (session) => {
    let entry = pages.get(session.id);
    // A page closed since (a test file run again in watch mode gets a new one): start afresh.
    if (!entry || entry.cdp.detached) {
      if (engine !== 'chromium' || typeof session.browser.getPage !== 'function') {
        throw new Error(`virtual-authenticator needs Chromium (the DevTools Protocol), not ${engine}: name the test file *.chromium.test.ts`);
      }
      const cdp = await session.browser.getPage(session.id).createCDPSession();
      await cdp.send('WebAuthn.enable', { enableUI: false });
      entry = { cdp };
      pages.set(session.id, entry);
    }
    return entry;
  };
  const credentials = async ({ cdp, authenticatorId }) => (authenticatorId ? (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials : []);
  const remove = async (entry) => {
    const held = await credentials(entry);
    if (entry.authenticatorId) await entry.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: entry.authenticatorId });
    entry.authenticatorId = undefined;
    return held;
  };
  return {
    name: 'virtual-authenticator',
    async executeCommand({ command, payload, session }) {
      if (command !== 'virtual-authenticator') return undefined;
      const entry = await page(session);
      switch (payload?.action) {
        case 'add': {
          await remove(entry);
          const { authenticatorId } = await entry.cdp.send('WebAuthn.addVirtualAuthenticator', {
            options: {
              protocol: 'ctap2',
              transport: 'internal',
              hasResidentKey: true,
              hasUserVerification: true,
              isUserVerified: payload.isUserVerified ?? true,
              automaticPresenceSimulation: true,
            },
          });
          entry.authenticatorId = authenticatorId;
          for (const credential of payload.credentials ?? []) await entry.cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
          return { authenticatorId };
        }
        case 'remove':
          return { credentials: await remove(entry) };
        case 'credentials':
          return { credentials: await credentials(entry) };
        default:
          throw new Error(`virtual-authenticator: unknown action ${JSON.stringify(payload?.action)}`);
      }
    },
  };
}

/**
 * A test-controlled network for the page's modules (the element code a view loads on demand), so
 * tests can show what a slow or failing network does to it: executeServerCommand('module-network',
 * payload), wrapped by test/browser/support/module-network.ts. Only requests for source modules
 * (.ts and .js under src/ and node_modules/) are touched, and the elements' are never cached by the
 * browser; the emulator is another server.
 *   { action: 'slow', delay }  every module response from now on waits `delay` ms first
 *   { action: 'hold', match }  responses whose path contains `match` wait until 'release'
 *   { action: 'release' }      lets every held response go, and holds no more
 *   { action: 'fail', match }  requests whose path contains `match` fail (503) until 'normal'
 *   { action: 'normal' }       undoes all of the above (and releases what is held)
 *   { action: 'slowed' }       the paths answered slowly, held or failed so far
 * @returns {import('@web/test-runner').TestRunnerPlugin & { middleware: import('koa').Middleware }}
 */
function moduleNetworkPlugin() {
  const state = { delay: 0, hold: '', fail: '', touched: [], held: [] };
  const release = () => {
    state.hold = '';
    for (const go of state.held.splice(0)) go();
  };
  /** Koa middleware (config.middleware): runs before the dev server serves the file. */
  const middleware = async (ctx, next) => {
    const path = ctx.path;
    if (!/^\/(src|node_modules)\/.*\.(ts|js|mjs)$/.test(path)) return next();
    // The elements' modules are never taken from the browser's cache: one another test page of the
    // run loaded (or failed to) must still come over this network. The test runner's own cache
    // middleware, which runs after this one returns, would make it a year's max-age.
    if (path.startsWith('/src/elements/')) {
      const set = ctx.response.set.bind(ctx.response);
      ctx.response.set = (field, value) => (typeof field === 'string' && field.toLowerCase() === 'cache-control' ? set(field, 'no-store') : set(field, value));
      ctx.response.set('Cache-Control', 'no-store');
    }
    if (state.fail && path.includes(state.fail)) {
      state.touched.push(path);
      ctx.status = 503;
      ctx.body = 'module-network: failed on purpose';
      return undefined;
    }
    if (state.hold && path.includes(state.hold)) {
      state.touched.push(path);
      await new Promise((go) => state.held.push(go));
    } else if (state.delay) {
      state.touched.push(path);
      await new Promise((go) => setTimeout(go, state.delay));
    }
    return next();
  };
  return {
    name: 'module-network',
    middleware,
    async executeCommand({ command, payload }) {
      if (command !== 'module-network') return undefined;
      switch (payload?.action) {
        case 'slow':
          state.delay = payload.delay;
          return true;
        case 'hold':
          state.hold = payload.match;
          return true;
        case 'release':
          release();
          return true;
        case 'fail':
          state.fail = payload.match;
          return true;
        case 'normal':
          state.delay = 0;
          state.fail = '';
          release();
          state.touched = [];
          return true;
        case 'slowed':
          return state.touched;
        default:
          throw new Error(`module-network: unknown action ${JSON.stringify(payload?.action)}`);
      }
    },
  };
}

/**
 * Writes {passed, failed, skipped, files, failedFiles} as JSON to $WTR_SUMMARY_FILE when the run
 * ends, for scripts/test.mjs to total up (instead of parsing the progress bar).
 * @returns {import('@web/test-runner').Reporter}
 */
function summaryFileReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const summary = { passed: 0, failed: 0, skipped: 0, files: new Set(), failedFiles: new Set() };
      const walk = (suite) => {
        for (const t of suite.tests) {
          if (t.skipped) summary.skipped += 1;
          else if (t.passed) summary.passed += 1;
          else summary.failed += 1;
        }
        for (const child of suite.suites) walk(child);
      };
      for (const session of sessions) {
        summary.files.add(session.testFile);
        if (!session.passed) summary.failedFiles.add(session.testFile);
        if (session.testResults) walk(session.testResults);
      }
      writeFileSync(file, JSON.stringify({ ...summary, files: summary.files.size, failedFiles: [...summary.failedFiles] }));
    },
  };
}

const engine = process.env.BROWSER_ENGINE || 'chromium';
if (!ENGINES.includes(engine)) throw new Error(`BROWSER_ENGINE=${engine}: not one of ${ENGINES.join(', ')}`);
const found = findEngine(engine);

/** The launcher for this run's engine. No launcher here downloads a browser or a driver. */
function launcher() {
  if (engine === 'chromium') return chromeLauncher({ launchOptions: { executablePath: found.executablePath, headless: true, args: CHROMIUM_ARGS } });
  if (engine === 'firefox') {
    // Passing puppeteer-core as "custom puppeteer" is how @web/test-runner-chrome lets launchOptions
    // pick Firefox; puppeteer-core speaks WebDriver BiDi to it and downloads nothing.
    return chromeLauncher({ puppeteer: puppeteerCore, launchOptions: { browser: 'firefox', executablePath: found.executablePath, headless: true } });
  }
  return webkitLauncher({ driverPath: found.driverPath, executablePath: found.executablePath });
}

const moduleNetwork = moduleNetworkPlugin();

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  middleware: [moduleNetwork.middleware],
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  // src/elements/** is for the element tests to come: a pattern that matches nothing is fine as
  // long as the whole list matches something (test/browser always does).
  files: ['test/browser/**/*.test.ts', 'src/elements/**/*.test.ts', ...(engine === 'chromium' ? [] : ['!**/*.chromium.test.ts'])],
  // browser: package.json "browser" maps apply, as in any bundler for the web: Amplify v6's @smithy
  // dependencies swap their Node (Buffer) files for browser ones that way.
  nodeResolve: { browser: true },
  // One test file at a time: the emulator's faults and clock are shared by every page, and a page
  // in a background tab gets no animation frames (fixtures wait for one).
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  // @open-wc/testing imports lit in dev mode, which says so in every test page.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  reporters: [defaultReporter(), ...(process.env.WTR_SUMMARY_FILE ? [summaryFileReporter(process.env.WTR_SUMMARY_FILE)] : [])],
  browsers: [launcher()],
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'auto',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    emulatorPlugin(),
    virtualAuthenticatorPlugin(),
    moduleNetwork,
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <head><meta charset="utf-8"></head>
  <body>
    <script>globalThis.__EMULATOR_URL__ = ${JSON.stringify(emulator.url).replace(/</g, '\\u003c')};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
