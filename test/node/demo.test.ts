// The demo page (`npm run demo`), as a newcomer meets it: scripts/check-demo.mjs starts the demo
// (scripts/demo.ts: the emulator and Vite, on free ports) and drives it in headless Chromium: the
// TOTP user signs in with the live code the page shows, then SMS, email, the temporary password,
// the unconfirmed user, sign-up, password reset, themes, languages and axe checks; then the TOTP user
// and `demo` sign in on it in Firefox and in WebKit too (scripts/demo-engines.mjs).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test(
  'npm run demo serves the demo, and its TOTP user (and every other seeded flow) signs in on it in Chromium, Firefox and WebKit',
  { timeout: 300_000 },
  async () => {
    let output: string;
    try {
      ({ stdout: output } = await promisify(execFile)(process.execPath, ['scripts/check-demo.mjs'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }));
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      assert.fail(`scripts/check-demo.mjs failed:\n${stdout}\n${stderr}`);
    }
    const passed = (line: RegExp) => output.split('\n').some((l) => l.startsWith('ok') && line.test(l));
    assert.ok(passed(/the page shows a live TOTP code \(\d{6}\)/), "the page shows the TOTP user's live code");
    assert.ok(passed(/signed in as totp: the greeting names the user/), 'the TOTP user signs in with it');
    // Each engine the run is for: all three, unless `npm test -- --engine ...` chose fewer (BROWSER_ENGINES).
    const engines = (process.env.BROWSER_ENGINES || 'firefox,webkit').split(',').filter((e) => e === 'firefox' || e === 'webkit');
    for (const engine of engines) {
      assert.ok(passed(new RegExp(`^ok +${engine}: signed in as totp with the live code`)), `the TOTP user signs in in ${engine}`);
      assert.ok(passed(new RegExp(`^ok +${engine}: demo signs in with its typed password`)), `demo signs in in ${engine}`);
    }
    assert.ok(!output.includes('FAIL'), output);
    assert.match(output, /all checks passed/);
  },
);
