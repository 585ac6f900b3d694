// `npm test`: every test, in stages, each streamed as it runs.
//
//   typecheck  tsc --noEmit -p .                         (full runs only)
//   lint       eslint . and prettier --list-different .  (full runs only; `npm run lint:fix` applies the fixes)
//   node       node --import tsx --test over test/node/**/*.test.ts
//   browser    web-test-runner once per engine (Chromium, Firefox, WebKit; see web-test-runner.config.mjs),
//              each against a local emulator it starts itself
//
// Every stage runs even when an earlier one failed; the exit code is non-zero if any failed.
// Flags: --node-only, --browser-only (both skip the typecheck and lint), --no-typecheck, --no-lint,
//        --engine <chromium|firefox|webkit> (repeatable, or comma-separated: the browser engines to run;
//        default all three, or $BROWSER_ENGINES).
// The browsers are found (Chromium installed with apt as root on Debian if missing) before anything runs.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, findBrowser, findEngine } from './find-browser.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = new Set();
/** @type {string[]} */
const engines = [];
const known = ['--node-only', '--browser-only', '--no-typecheck', '--no-lint', '--engine'];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [flag, inline] = argv[i].split(/=(.*)/s);
  if (!known.includes(flag)) {
    console.error(`test: unknown option ${argv[i]} (known: ${known.join(', ')})`);
    process.exit(2);
  }
  if (flag !== '--engine') {
    args.add(flag);
    continue;
  }
  const value = inline ?? argv[++i];
  if (!value) {
    console.error(`test: --engine needs one of ${ENGINES.join(', ')}`);
    process.exit(2);
  }
  engines.push(...value.split(',').filter(Boolean));
}
if (engines.length === 0) engines.push(...(process.env.BROWSER_ENGINES ? process.env.BROWSER_ENGINES.split(',').filter(Boolean) : ENGINES));
for (const engine of engines) {
  if (!ENGINES.includes(engine)) {
    console.error(`test: unknown engine ${engine} (known: ${ENGINES.join(', ')})`);
    process.exit(2);
  }
}
const nodeOnly = args.has('--node-only');
const browserOnly = args.has('--browser-only');
if (nodeOnly && browserOnly) {
  console.error('test: --node-only and --browser-only exclude each other');
  process.exit(2);
}
const runTypecheck = !nodeOnly && !browserOnly && !args.has('--no-typecheck');
const runLint = !nodeOnly && !browserOnly && !args.has('--no-lint');
const TYPECHECK_TIMEOUT_MS = 180_000;
// Type-aware linting builds a TypeScript program over the whole repo: about a minute on a busy 2-core machine.
const LINT_TIMEOUT_MS = 300_000;
const NODE_TEST_TIMEOUT_MS = 600_000;

/** @typedef {{ stage: string, ok: boolean, note: string, passed?: number, failed?: number, skipped?: number }} StageResult */
/** @type {StageResult[]} */
const results = [];

function banner(text) {
  console.log(`\n=== ${text} ${'='.repeat(Math.max(3, 72 - text.length))}`);
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

/**
 * Runs a command with output streamed through; also keeps stdout so counts can be read from it.
 * @returns {Promise<{ code: number, out: string, timedOut: boolean }>}
 */
function run(cmd, cmdArgs, { env = {}, timeoutMs } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, {
      cwd: ROOT,
      env: { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}), ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let timedOut = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGTERM');
        }, timeoutMs)
      : undefined;
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      out += chunk;
    });
    child.on('error', (error) => {
      console.error(`test: could not start ${cmd}: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 1 : 0), out, timedOut });
    });
  });
}

/** Files under dir (relative to the repo) whose names end in suffix, sorted. */
function findFiles(dir, suffix) {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(suffix))
    .map((d) => relative(ROOT, join(d.parentPath ?? d.path, d.name)))
    .filter((f) => !f.split(/[\\/]/).includes('node_modules'))
    .sort();
}

// eslint-disable-next-line no-control-regex -- ESC (\x1b) is what starts the colour codes being stripped
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

async function typecheckStage() {
  banner('typecheck: tsc --noEmit -p .');
  const started = Date.now();
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const { code, timedOut } = await run(process.execPath, [tsc, '--noEmit', '-p', '.'], {
    timeoutMs: TYPECHECK_TIMEOUT_MS,
  });
  const ok = code === 0 && !timedOut;
  const note = timedOut ? `timed out after ${TYPECHECK_TIMEOUT_MS / 1000}s` : ok ? `ok (${seconds(started)})` : `errors (${seconds(started)})`;
  console.log(`typecheck: ${note}`);
  results.push({ stage: 'typecheck', ok, note, failed: ok ? 0 : 1 });
}

async function lintStage() {
  banner('lint: eslint . && prettier --list-different .');
  const started = Date.now();
  const eslint = await run(process.execPath, [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.'], { timeoutMs: LINT_TIMEOUT_MS });
  const prettier = await run(process.execPath, [join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--list-different', '.'], {
    timeoutMs: LINT_TIMEOUT_MS,
  });
  // eslint ends with "✖ N problems (...)"; prettier --list-different names each file it would change, one a line.
  const problems = stripAnsi(eslint.out).match(/(\d+) problems?/)?.[1];
  const unformatted = stripAnsi(prettier.out).split('\n').filter(Boolean).length;
  const ok = eslint.code === 0 && prettier.code === 0 && !eslint.timedOut && !prettier.timedOut;
  const found = [
    eslint.timedOut ? `eslint timed out after ${LINT_TIMEOUT_MS / 1000}s` : eslint.code === 0 ? '' : `${problems ?? 'some'} eslint problem(s)`,
    prettier.timedOut ? `prettier timed out after ${LINT_TIMEOUT_MS / 1000}s` : prettier.code === 0 ? '' : `${unformatted} file(s) not formatted as Prettier would`,
  ].filter(Boolean);
  const note = ok ? `ok (${seconds(started)})` : `${found.join(', ')} (${seconds(started)}); \`npm run lint:fix\` applies what can be fixed`;
  console.log(`lint: ${note}`);
  results.push({ stage: 'lint', ok, note, failed: ok ? 0 : 1 });
}

async function nodeStage() {
  const files = findFiles('test/node', '.test.ts');
  banner(`node: ${files.length} test file(s) under test/node`);
  if (files.length === 0) {
    console.log('node: no test files match test/node/**/*.test.ts yet; nothing to run');
    results.push({ stage: 'node', ok: true, note: 'no test files yet', passed: 0, failed: 0, skipped: 0 });
    return;
  }
  const started = Date.now();
  // A test that never settles fails after NODE_TEST_TIMEOUT_MS, named, instead of holding CI until its own limit
  // (the slowest, the examples' installs and the three-engine demo check, take under two minutes here).
  const timeout = `--test-timeout=${NODE_TEST_TIMEOUT_MS}`;
  const { code, out } = await run(process.execPath, ['--import', 'tsx', '--test', timeout, '--test-reporter=spec', ...files]);
  // The spec reporter ends with "ℹ tests N / ℹ pass N / ℹ fail N / ℹ skipped N / ℹ todo N ...".
  const text = stripAnsi(out);
  const count = (label) => {
    const all = [...text.matchAll(new RegExp(`^\\S*\\s*${label} (\\d+)\\s*$`, 'gm'))];
    return all.length ? Number(all[all.length - 1][1]) : undefined;
  };
  const passed = count('pass');
  const failed = count('fail') === undefined ? undefined : count('fail') + (count('cancelled') ?? 0);
  const skipped = (count('skipped') ?? 0) + (count('todo') ?? 0);
  const ok = code === 0;
  const counts = passed === undefined ? 'no summary read' : `${passed} passed, ${failed ?? 0} failed, ${skipped} skipped`;
  const note = `${counts} in ${files.length} file(s) (${seconds(started)})${ok ? '' : `, exit ${code}`}`;
  console.log(`node: ${note}`);
  results.push({ stage: 'node', ok, note, passed: passed ?? 0, failed: failed ?? (ok ? 0 : 1), skipped });
}

async function browserStage(engine) {
  banner(`browser: web-test-runner in ${engine}`);
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'wtr-'));
  const summaryFile = join(dir, 'summary.json');
  const wtr = join(ROOT, 'node_modules', '@web', 'test-runner', 'dist', 'bin.js');
  const env = { WTR_SUMMARY_FILE: summaryFile, BROWSER_ENGINE: engine };
  const { code } = existsSync(wtr)
    ? await run(process.execPath, [wtr, '--config', 'web-test-runner.config.mjs'], { env })
    : await run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], { env });
  /** @type {{ passed: number, failed: number, skipped: number, files: number, failedFiles: string[] } | undefined} */
  let summary;
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    summary = undefined;
  }
  rmSync(dir, { recursive: true, force: true });
  const ok = code === 0;
  let note;
  if (summary) {
    note = `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped in ${summary.files} file(s) (${seconds(started)})`;
    if (summary.failedFiles.length) note += `; failing file(s): ${summary.failedFiles.map((f) => relative(ROOT, f)).join(', ')}`;
  } else {
    note = `no summary (the runner stopped before the tests finished) (${seconds(started)})`;
  }
  if (!ok) note += `, exit ${code}`;
  console.log(`browser ${engine}: ${note}`);
  results.push({
    stage: engine,
    ok,
    note,
    passed: summary?.passed ?? 0,
    // A file that failed to load has no failed test of its own: count it as one failure.
    failed: Math.max(summary?.failed ?? 0, ok ? 0 : 1, summary?.failedFiles.length ?? 0),
    skipped: summary?.skipped ?? 0,
  });
}

// The browsers first: everything below, wtr included, uses CHROME_PATH, and the node stage's demo
// check (scripts/check-demo.mjs) signs in in the engines BROWSER_ENGINES names. A missing browser
// stops the run here with how to get it.
process.env.BROWSER_ENGINES = engines.join(',');
if (!nodeOnly) {
  process.env.CHROME_PATH = findBrowser();
  for (const engine of engines) {
    const found = findEngine(engine);
    console.log(`test: ${engine.padEnd(8)} ${[found.driverPath, found.executablePath].filter(Boolean).join(' driving ')}`);
  }
}

if (runTypecheck) await typecheckStage();
if (runLint) await lintStage();
if (!browserOnly) await nodeStage();
if (!nodeOnly) for (const engine of engines) await browserStage(engine);

banner('summary');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${(ENGINES.includes(r.stage) ? `browser ${r.stage}` : r.stage).padEnd(16)}  ${r.note}`);
  passed += r.passed ?? 0;
  failed += r.failed ?? 0;
  skipped += r.skipped ?? 0;
}
const allOk = results.every((r) => r.ok);
if (!allOk && failed === 0) failed = 1; // a stage failed without a failing test of its own
console.log(`total: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(allOk ? 0 : 1);
