// A web-test-runner launcher for WebKit: WebKitGTK's MiniBrowser (the engine Safari is built on),
// driven by WebKitWebDriver over classic WebDriver (W3C WebDriver, HTTP + JSON). Both come from
// Debian (webkit2gtk-driver); nothing is downloaded. WebKitGTK needs an X display: when there is
// none ($DISPLAY unset) the launcher starts its own Xvfb and stops it again.
//
// Written against the protocol directly (a handful of fetch calls) rather than through
// webdriverio, whose driver management tries to download a driver unless told otherwise.
//
//   import { webkitLauncher } from './scripts/webkit-launcher.mjs';
//   browsers: [webkitLauncher({ driverPath, executablePath })]
//
// Its type is 'webdriver' and it has sendKeys(sessionId, keys), so @web/test-runner-commands'
// sendKeys works with it. Keys go one action at a time: WebKitWebDriver has been seen dropping the
// second of two equal keys when webdriverio sent a whole string in one go (issue 17's trial).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (WebKitWebDriver cannot be told to pick one and say which). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts Xvfb on a display it chooses itself (-displayfd) and resolves with ':N'. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-noreset'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let err = '';
    let out = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => reject(new Error(`could not start Xvfb for WebKit (Debian: apt-get install xvfb xauth): ${e.message}`)));
    child.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it had a display: ${err.trim().split('\n').slice(-3).join(' / ')}`)));
    child.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, child });
    });
  });
}

/** WebDriver's codes for the keys sendKeys' `press` names (W3C WebDriver, "Keyboard actions"). */
const KEY_CODES = {
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  Backspace: '\uE003',
  Delete: '\uE017',
  Space: ' ',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Home: '\uE011',
  End: '\uE010',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Meta: '\uE03D',
};

export class WebKitLauncher {
  name = 'WebKit';
  type = 'webdriver';
  concurrency = 1;

  /** @param {{ driverPath: string, executablePath: string }} options */
  constructor(options) {
    this.options = options;
    /** @type {Set<string>} */
    this.active = new Set();
    this.started = undefined;
  }

  async initialize() {}

  /** Xvfb (when needed), WebKitWebDriver and one WebDriver session, started on first use. */
  start() {
    this.started ??= (async () => {
      const env = { ...process.env };
      if (!env.DISPLAY) {
        this.xvfb = await startXvfb();
        env.DISPLAY = this.xvfb.display;
      }
      const port = await freePort();
      this.base = `http://127.0.0.1:${port}`;
      this.driver = spawn(this.options.driverPath, [`--host=127.0.0.1`, `--port=${port}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let driverErr = '';
      this.driver.stderr.on('data', (d) => (driverErr = (driverErr + d).slice(-2000)));
      const exited = new Promise((_, reject) => this.driver.on('exit', (code) => reject(new Error(`WebKitWebDriver exited (${code}): ${driverErr.trim()}`))));
      exited.catch(() => {});
      // Up when /status answers (a few hundred ms); give up after 30 s.
      for (let i = 0; ; i++) {
        const up = await Promise.race([
          fetch(`${this.base}/status`).then(
            (r) => r.ok,
            () => false,
          ),
          exited,
        ]);
        if (up) break;
        if (i >= 300) throw new Error(`WebKitWebDriver did not answer on ${this.base}: ${driverErr.trim()}`);
        await sleep(100);
      }
      const session = await this.call('POST', '/session', {
        capabilities: {
          alwaysMatch: {
            'webkitgtk:browserOptions': { binary: this.options.executablePath, args: ['--automation'] },
            timeouts: { script: 30_000, pageLoad: 60_000, implicit: 0 },
          },
        },
      });
      this.sessionPath = `/session/${session.sessionId}`;
      await this.call('POST', `${this.sessionPath}/window/rect`, { width: 800, height: 600 }).catch(() => {});
    })();
    return this.started;
  }

  /** One WebDriver command; a WebDriver error becomes an Error with its code and message. */
  async call(method, path, body) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok || json?.value?.error) {
      throw new Error(`WebKitWebDriver ${method} ${path}: ${json?.value?.error ?? response.status} ${json?.value?.message ?? ''}`.trim());
    }
    return json.value;
  }

  async startSession(sessionId, url) {
    await this.start();
    this.active.add(sessionId);
    await this.call('POST', `${this.sessionPath}/url`, { url });
  }

  isActive(sessionId) {
    return this.active.has(sessionId);
  }

  async getBrowserUrl() {
    return this.call('GET', `${this.sessionPath}/url`);
  }

  async stopSession(sessionId) {
    this.active.delete(sessionId);
    // An empty page stops whatever the test page still runs (timers, reload loops).
    await this.call('POST', `${this.sessionPath}/url`, { url: 'about:blank' });
    return {};
  }

  async startDebugSession() {
    throw new Error(
      'The WebKit launcher has no debug mode: debug in Chromium (npm run test:browser -- --engine chromium) or open the test page in a WebKit browser.',
    );
  }

  /** For @web/test-runner-commands' sendKeys: each key (a character or a name such as 'Tab') pressed and released on its own. */
  async sendKeys(_sessionId, keys) {
    for (const key of keys) {
      const value = KEY_CODES[key] ?? key;
      if ([...value].length !== 1) throw new Error(`WebKit launcher: sendKeys does not know the key ${JSON.stringify(key)}`);
      await this.call('POST', `${this.sessionPath}/actions`, {
        actions: [
          {
            type: 'key',
            id: 'keyboard',
            actions: [
              { type: 'keyDown', value },
              { type: 'keyUp', value },
            ],
          },
        ],
      });
    }
    await this.call('DELETE', `${this.sessionPath}/actions`).catch(() => {});
  }

  async stop() {
    if (!this.started) return;
    await this.started.catch(() => {});
    if (this.sessionPath) await this.call('DELETE', this.sessionPath).catch(() => {});
    this.driver?.kill();
    this.xvfb?.child.kill();
  }
}

/** @param {{ driverPath: string, executablePath: string }} options */
export function webkitLauncher(options) {
  return new WebKitLauncher(options);
}
