// Finds a Chrome or Chromium for the browser tests. No test tool downloads a browser here:
// we use the one the machine has, and on Debian/Ubuntu as root we install Debian's `chromium`.
//
//   import { findBrowser } from './scripts/find-browser.mjs'   -> absolute path
//   node scripts/find-browser.mjs                              -> prints the path
//   findEngine('firefox' | 'webkit'), node scripts/find-browser.mjs webkit -> the other engines
//
// Order: $CHROME_PATH, /usr/bin/chromium, then Chrome/Chromium under their usual names
// (/usr/bin/google-chrome, google-chrome-stable, chromium-browser, the macOS apps, $PATH).
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/chromium-browser',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const PATH_NAMES = ['chromium', 'google-chrome', 'google-chrome-stable', 'chromium-browser'];
const HOW_TO_GET_ONE = 'No Chrome/Chromium found: set CHROME_PATH to a Chrome or Chromium binary, or install one (Debian/Ubuntu: sudo apt-get install chromium).';

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fail(line) {
  console.error(line);
  process.exit(1);
}

/**
 * How every tool here starts Chromium headless: --no-sandbox (needed as root), and no background
 * networking, component updates or sync (this machine's closed network otherwise makes Chromium
 * slow and noisy at every start).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The first browser the machine already has, or undefined. Never installs anything. */
export function locateBrowser() {
  for (const file of CANDIDATES) if (isExecutable(file)) return file;
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const file = join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}

function aptListsPresent() {
  try {
    return readdirSync('/var/lib/apt/lists').some((f) => f.endsWith('_Packages') || f.endsWith('_Packages.lz4'));
  } catch {
    return false;
  }
}

function aptHasCandidate(pkg) {
  const r = spawnSync('apt-cache', ['policy', pkg], { encoding: 'utf8' });
  return r.status === 0 && /Candidate:\s*(?!\(none\))\S+/.test(r.stdout);
}

function runQuiet(cmd, args) {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    if (tail) console.error(tail);
    fail(`find-browser: \`${cmd} ${args.join(' ')}\` failed (${r.error?.message ?? `exit ${r.status}`}). ${HOW_TO_GET_ONE}`);
  }
}

function installChromiumWithApt() {
  console.error("find-browser: no Chrome/Chromium found; installing Debian's chromium with apt-get (one time, takes a minute)...");
  if (!aptListsPresent() || !aptHasCandidate('chromium')) runQuiet('apt-get', ['update', '-qq']);
  runQuiet('apt-get', ['install', '-y', '-qq', 'chromium']);
  if (!isExecutable('/usr/bin/chromium')) fail(`find-browser: apt-get installed chromium but /usr/bin/chromium is missing. ${HOW_TO_GET_ONE}`);
  return '/usr/bin/chromium';
}

/**
 * Absolute path of a Chrome/Chromium binary. Installs Debian's chromium when none is found on a
 * Debian/Ubuntu machine and we are root; otherwise prints one line on how to get one and exits 1.
 * @returns {string}
 */
export function findBrowser() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    fail(`find-browser: CHROME_PATH=${fromEnv} is not an executable file. Point it at a Chrome or Chromium binary, or unset it.`);
  }
  const found = locateBrowser();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (existsSync('/etc/debian_version') && isRoot) return installChromiumWithApt();
  fail(HOW_TO_GET_ONE);
}

// ---------------------------------------------------------------------------------------------
// The other two engines the browser tests run in. Both come from Debian's packages (.ci/run
// installs them: firefox-esr, webkit2gtk-driver); neither is ever downloaded by a test tool.

/** The engines the browser suite runs in, in the order `npm test` runs them. */
export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** The first of these that is executable, or undefined. */
function firstExecutable(files) {
  return files.find((f) => f && isExecutable(f));
}

/** On $PATH, or undefined. */
function onPath(name) {
  return firstExecutable(
    (process.env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, name)),
  );
}

/** WebKitGTK's MiniBrowser, which WebKitWebDriver drives (Debian ships it in libwebkit2gtk-4.1-0). */
function locateMiniBrowser() {
  const libs = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib', '/usr/libexec'];
  return firstExecutable(libs.flatMap((lib) => ['webkit2gtk-4.1', 'webkit2gtk-4.0', 'webkitgtk-6.0'].map((dir) => join(lib, dir, 'MiniBrowser'))));
}

const HOW_TO_GET = {
  firefox: 'No Firefox found: set FIREFOX_PATH, or install one (Debian/Ubuntu: sudo apt-get install firefox-esr).',
  webkit:
    'No WebKitWebDriver and MiniBrowser found: set WEBKIT_DRIVER_PATH and WEBKIT_BROWSER_PATH, or install them (Debian/Ubuntu: sudo apt-get install webkit2gtk-driver xvfb xauth).',
};

/**
 * What a browser-test run in `engine` starts: for chromium and firefox the browser itself
 * (puppeteer-core drives both, Firefox over WebDriver BiDi); for webkit WebKitWebDriver and the
 * MiniBrowser it drives. Prints one line on how to get it and exits 1 when it is missing.
 * @param {string} engine
 * @returns {{ engine: string, executablePath: string, driverPath?: string }}
 */
export function findEngine(engine) {
  if (engine === 'chromium') return { engine, executablePath: findBrowser() };
  if (engine === 'firefox') {
    const file = process.env.FIREFOX_PATH
      ? firstExecutable([process.env.FIREFOX_PATH])
      : (firstExecutable(['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox']) ??
        onPath('firefox-esr') ??
        onPath('firefox'));
    if (!file) fail(process.env.FIREFOX_PATH ? `find-browser: FIREFOX_PATH=${process.env.FIREFOX_PATH} is not an executable file.` : HOW_TO_GET.firefox);
    return { engine, executablePath: file };
  }
  if (engine === 'webkit') {
    const driverPath = process.env.WEBKIT_DRIVER_PATH ? firstExecutable([process.env.WEBKIT_DRIVER_PATH]) : onPath('WebKitWebDriver');
    const executablePath = process.env.WEBKIT_BROWSER_PATH ? firstExecutable([process.env.WEBKIT_BROWSER_PATH]) : locateMiniBrowser();
    if (!driverPath || !executablePath) fail(HOW_TO_GET.webkit);
    return { engine, executablePath, driverPath };
  }
  fail(`find-browser: unknown engine ${JSON.stringify(engine)} (known: ${ENGINES.join(', ')})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `node scripts/find-browser.mjs [engine]`: the browser's path (for webkit, the driver's too).
  const engine = process.argv[2];
  if (!engine) console.log(findBrowser());
  else {
    const found = findEngine(engine);
    console.log([found.driverPath, found.executablePath].filter(Boolean).join(' '));
  }
}
