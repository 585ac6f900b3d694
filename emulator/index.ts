/**
 * A local, Cognito-compatible server for the demo, the tests and offline development.
 *
 *   const emulator = await startEmulator({ port: 0 });
 *   // ... point any Cognito client at emulator.url ...
 *   await emulator.close();
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccessPolicy } from './access.ts';
import { identityPoolActions, userPoolActions } from './actions/index.ts';
import type { Emulator } from './context.ts';
import { FaultList } from './faults.ts';
import { applySeed, readSeed, type Seed } from './seed.ts';
import { createListener } from './server.ts';
import { emptyState, type EmulatorState } from './state.ts';

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
  /**
   * Origins besides loopback ones (any port) whose pages may call the emulator, e.g.
   * `https://staging.example.test`. Their admin actions and test controls need `controlToken`.
   */
  allowOrigins?: string[];
  /** Host names besides loopback and the bound address that requests may name in `Host`. */
  allowHosts?: string[];
}

export interface RunningEmulator {
  url: string;
  /** The live state, for tests that need to look inside (read-only by convention). */
  state: EmulatorState;
  /** What pages on `allowOrigins` send as `X-Emulator-Token` with admin actions and test controls. */
  controlToken: string;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const quiet = options.quiet ?? false;
  // Before anything else, so a bad --allow-origin stops the start with its own message.
  const access = new AccessPolicy({ host, allowOrigins: options.allowOrigins, allowHosts: options.allowHosts });
  let saveTimer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();

  const save = (): Promise<void> => {
    if (!options.dataFile) return Promise.resolve();
    const file = options.dataFile;
    const text = JSON.stringify(emu.state);
    // Write to a temporary file and rename, so a crash never leaves half a state file. The state
    // holds the pools' private signing keys and the users' verifiers: owner-only, like a key file
    // (chmod too, for a .tmp left by an older run with wider permissions).
    const tmp = `${file}.tmp`;
    saving = saving
      .then(async () => {
        await mkdir(dirname(file), { recursive: true, mode: 0o700 });
        await writeFile(tmp, text, { mode: 0o600 });
        await chmod(tmp, 0o600);
        await rename(tmp, file);
      })
      // A full disk or a read-only directory must not take the emulator down (nor stop later saves).
      .catch((error: Error) => console.error(`[cognito-emulator] could not save state to ${file}: ${error.message}`));
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
      handlers: userPoolActions,
      identityHandlers: identityPoolActions,
      faults,
      access,
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
    controlToken: access.token,
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
