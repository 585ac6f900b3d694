// Shared by scripts/check-demo.mjs and scripts/screenshots.mjs: start `npm run demo` (emulator +
// Vite) on free ports, and a headless Chromium driven by puppeteer-core.
//
// puppeteer-core is not a direct dependency: it comes with @web/test-runner-chrome (the browser
// tests' launcher), so it is in node_modules after `npm install`.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findBrowser } from './find-browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Starts scripts/demo.ts (what `npm run demo` runs) on free ports; resolves with its URLs and a
 * stop(). With `url` (a demo you started yourself), starts nothing.
 */
export async function startDemo({ url, emulator } = {}) {
  if (url) return { demoUrl: url, emulatorUrl: emulator ?? 'http://127.0.0.1:9229', stop: async () => {} };
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
    cwd: root,
    env: { ...process.env, EMULATOR_PORT: '0', DEMO_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const urls = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /Demo: (\S+)\s+Emulator: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ demoUrl: match[1], emulatorUrl: match[2] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${code}):\n${output}`));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { ...urls, stop };
}

/** A headless Chromium (the one the tests use) through puppeteer-core. */
export async function launchBrowser() {
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({
    executablePath: findBrowser(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** `--name value` from the command line. */
export function option(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}
