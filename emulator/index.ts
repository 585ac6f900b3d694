/**
 * A local, Cognito-compatible server for the demo, the tests and offline development.
 *
 *   const emulator = await startEmulator({ port: 0 });
 *   // ... point any Cognito client at emulator.url ...
 *   await emulator.close();
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Emulator } from './context.ts';
import { FaultList } from './faults.ts';
import { applySeed, readSeed, type Seed } from './seed.ts';
import { createListener } from './server.ts';
import { emptyState, type EmulatorState } from './state.ts';
import { allActions } from './actions/index.ts';
import { identityActions } from './actions/identity.ts';

export const DEFAULT_SEED = fileURLToPath(new URL('./seed.json', import.meta.url));

export interface EmulatorOptions {
  /** Default 9229; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A seed file path or an inline seed; default `emulator/seed.json`. Ignored when `dataFile` holds saved state. */
  config?: string | Seed;
  /** Persist state to this JSON file and load it on start, so restarts keep users and tokens. */
  dataFile?: string;
  /** Print nothing (outbox codes are still kept at /__emulator/outbox). */
  quiet?: boolean;
}

export interface RunningEmulator {
  url: string;
  /** The live state, for tests that need to look inside (read-only by convention). */
  state: EmulatorState;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const quiet = options.quiet ?? false;
  let saveTimer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();

  const save = (): Promise<void> => {
    if (!options.dataFile) return Promise.resolve();
    const file = options.dataFile;
    const text = JSON.stringify(emu.state);
    // Write to a temporary file and rename, so a crash never leaves half a state file.
    saving = saving.then(() => writeFile(`${file}.tmp`, text)).then(() => rename(`${file}.tmp`, file));
    return saving;
  };

  const emu: Emulator = {
    state: emptyState(),
    url: '',
    quiet,
    now: () => Date.now() + emu.state.clockOffsetMs,
    changed() {
      if (!options.dataFile || saveTimer) return;
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        void save();
      }, 20);
    },
    log(message) {
      if (!quiet) console.log(`[cognito-emulator] ${message}`);
    },
  };

  const seed = async () => {
    emu.state = emptyState();
    const config = options.config ?? DEFAULT_SEED;
    await applySeed(emu, typeof config === 'string' ? await readSeed(config) : config);
  };

  if (options.dataFile && existsSync(options.dataFile)) {
    emu.state = { ...emptyState(), ...JSON.parse(await readFile(options.dataFile, 'utf8')) };
  } else {
    await seed();
  }

  const faults = new FaultList();
  const server = createServer(
    createListener({
      emu,
      handlers: allActions,
      identityHandlers: identityActions,
      faults,
      reset: async () => {
        await seed();
        emu.changed();
      },
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9229, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  emu.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  await save();

  return {
    url: emu.url,
    get state() {
      return emu.state;
    },
    async close() {
      clearTimeout(saveTimer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await save();
    },
  };
}
