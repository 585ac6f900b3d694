// `npm run demo`: the local Cognito emulator plus the demo page served by Vite, on this machine.
//   EMULATOR_PORT  emulator port (default 9229; 0 picks a free one)
//   DEMO_PORT      Vite port (default 5173; the next free one if taken)
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { startEmulator } from '../emulator/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const host = '127.0.0.1';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`demo: ${name}=${raw} is not a port number`);
    process.exit(2);
  }
  return port;
}

const emulatorPort = portFromEnv('EMULATOR_PORT', 9229);
const demoPort = portFromEnv('DEMO_PORT', 5173);

let emulator: Awaited<ReturnType<typeof startEmulator>>;
try {
  emulator = await startEmulator({ port: emulatorPort, host });
} catch (error) {
  const code = (error as NodeJS.ErrnoException)?.code;
  console.error(
    code === 'EADDRINUSE'
      ? `demo: port ${emulatorPort} is taken; run with EMULATOR_PORT=<free port> (or 0 for any)`
      : `demo: the emulator did not start: ${(error as Error)?.message ?? error}`,
  );
  process.exit(1);
}

// Vite exposes VITE_* variables from the environment to the page as import.meta.env.
process.env.VITE_EMULATOR_URL = emulator.url;
const vite = await createServer({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  envDir: root,
  server: { host, port: demoPort, strictPort: false },
  clearScreen: false,
});
await vite.listen();

const demoUrl = vite.resolvedUrls?.local[0] ?? `http://${host}:${demoPort}/`;
console.log(`\nDemo: ${demoUrl}  Emulator: ${emulator.url}`);
console.log('Sign in as demo / Passw0rd!   Ctrl+C stops both.');
console.log(`Passkeys: open ${demoUrl.replace(host, 'localhost')} instead (WebAuthn needs a host name, not an IP address).\n`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\ndemo: ${signal}, stopping`);
  const timer = setTimeout(() => process.exit(1), 5000);
  timer.unref();
  await Promise.allSettled([vite.close(), emulator.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
