/**
 * The emulator's command line, as a function: `npm run emulator`, the `cognito-elements-emulator`
 * bin of the emulator package (packages/emulator) and `npx cognito-elements emulator` all run it.
 *
 *   --port 9229 --host 127.0.0.1 --seed seed.json --data state.json --quiet
 *   --allow-origin https://app.example.test --allow-host cognito
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, type RunningEmulator, startEmulator } from './index.ts';

const HELP = `Local Cognito user-pool emulator.

  --port <n>        port to listen on (default 9229, 0 = any free port)
  --host <addr>     address to bind (default 127.0.0.1)
  --seed <file>     seed file with pools, clients and users (default: the demo seed,
                    ${DEFAULT_SEED}); --config is the same
  --data <file>     keep state in this file across restarts
  --quiet           do not print outbox codes
  --allow-origin <origin>  also let pages on this origin call it (repeatable; loopback origins
                    always may); their admin actions and test controls need the printed token
  --allow-host <name>      also answer requests that name this host (repeatable; loopback and
                    the bound address always are), e.g. a docker-compose service name`;

/**
 * Starts the emulator from command-line arguments and stops it on SIGINT / SIGTERM. Resolves
 * with an exit code when there is nothing to run (help: 0, bad arguments or no start: 2), or with
 * the running emulator.
 */
export async function main(args: string[]): Promise<number | RunningEmulator> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: process.env.EMULATOR_PORT ?? '9229' },
        host: { type: 'string', default: '127.0.0.1' },
        seed: { type: 'string' },
        config: { type: 'string' },
        data: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        'allow-origin': { type: 'string', multiple: true, default: [] },
        'allow-host': { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`emulator: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }

  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({
      port: Number(values.port),
      host: values.host,
      config: values.seed ?? values.config,
      dataFile: values.data,
      quiet: values.quiet,
      allowOrigins: values['allow-origin'],
      allowHosts: values['allow-host'],
    });
  } catch (error) {
    console.error(`emulator: ${(error as Error).message}`);
    return 2;
  }
  const pools = Object.values(emulator.state.pools);
  console.log(`Cognito emulator listening on ${emulator.url}`);
  for (const pool of pools) {
    console.log(`  pool ${pool.config.Id} (${pool.config.Name}): clients ${Object.keys(pool.clients).join(', ')}; ${Object.keys(pool.users).length} users`);
  }
  console.log(`  outbox: ${emulator.url}/__emulator/outbox`);
  // A page on an allowed origin, or on the emulator's own origin at a non-loopback address, needs the token.
  if (values['allow-origin'].length > 0 || !['127.0.0.1', 'localhost', '::1'].includes(values.host)) {
    console.log(`  pages on non-loopback origins send X-Emulator-Token: ${emulator.controlToken} with admin actions and test controls`);
  }

  const stop = async () => {
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return emulator;
}
