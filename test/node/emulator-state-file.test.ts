// The --data state file holds every pool's private signing key and the users' SRP verifiers: it is
// written owner-only (0600, in a directory created 0700), and a save that fails is reported on
// stderr while the emulator keeps serving (it must not crash on an unhandled rejection).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/index.ts';
import { CLIENT_ID, PASSWORD, callOk } from './support/emulator.ts';

const signUp = (url: string, username: string) =>
  callOk(url, 'SignUp', { ClientId: CLIENT_ID, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] });

/** Waits (by polling, no fixed sleep) until the state file mentions `text`. */
async function untilSaved(file: string, text: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const saved = await readFile(file, 'utf8').catch(() => '');
    if (saved.includes(text)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${file} never held ${text}`);
}

test('the state file is written 0600 in a directory created 0700, also after a change', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'emulator-state-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const file = join(root, 'nested', 'state.json');
  const running = await startEmulator({ port: 0, quiet: true, dataFile: file });
  try {
    assert.equal((await stat(join(root, 'nested'))).mode & 0o777, 0o700);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    await signUp(running.url, 'mode-user');
    await untilSaved(file, 'mode-user');
    assert.equal((await stat(file)).mode & 0o777, 0o600, 'still 0600 after the rename of a new save');
  } finally {
    await running.close();
  }
});

test('a leftover .tmp with wider permissions does not make the state file readable by others', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'emulator-state-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const file = join(root, 'state.json');
  await writeFile(`${file}.tmp`, 'left by a crashed run', { mode: 0o644 });
  const running = await startEmulator({ port: 0, quiet: true, dataFile: file });
  await running.close();
  assert.equal((await stat(file)).mode & 0o777, 0o600);
});

test('a failed save is logged, and the emulator keeps serving and starts', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'emulator-state-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  // A regular file where the state's directory should be: mkdir fails with ENOTDIR even as root.
  await writeFile(join(root, 'not-a-dir'), '');
  const file = join(root, 'not-a-dir', 'state.json');
  const errors = t.mock.method(console, 'error', () => {});
  const running = await startEmulator({ port: 0, quiet: true, dataFile: file });
  try {
    await signUp(running.url, 'unsaved-user'); // a change: its save fails too
    await signUp(running.url, 'still-serving');
  } finally {
    await running.close();
    errors.mock.restore();
  }
  const lines = errors.mock.calls.map((call) => String(call.arguments[0]));
  // At least the start-up save and the one close() makes (the 20 ms debounced ones may add more).
  assert.ok(lines.length >= 2, `the start-up save and a later one were reported: ${lines.join('\n')}`);
  assert.ok(
    lines.every((line) => line.includes('could not save state to') && line.includes(file)),
    lines.join('\n'),
  );
});
