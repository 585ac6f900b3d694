/**
 * `npm run emulator [-- --port 9229 --host 127.0.0.1 --config seed.json --data state.json --quiet]`
 */
import { parseArgs } from 'node:util';
import { startEmulator, DEFAULT_SEED } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.EMULATOR_PORT ?? '9229' },
    host: { type: 'string', default: '127.0.0.1' },
    config: { type: 'string' },
    data: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Local Cognito user-pool emulator.

  --port <n>        port to listen on (default 9229, 0 = any free port)
  --host <addr>     address to bind (default 127.0.0.1)
  --config <file>   seed file with pools, clients and users (default ${DEFAULT_SEED})
  --data <file>     keep state in this file across restarts
  --quiet           do not print outbox codes`);
  process.exit(0);
}

const emulator = await startEmulator({
  port: Number(values.port),
  host: values.host,
  config: values.config,
  dataFile: values.data,
  quiet: values.quiet,
});
const pools = Object.values(emulator.state.pools);
console.log(`Cognito emulator listening on ${emulator.url}`);
for (const pool of pools) {
  console.log(`  pool ${pool.config.Id} (${pool.config.Name}): clients ${Object.keys(pool.clients).join(', ')}; ${Object.keys(pool.users).length} users`);
}
console.log(`  outbox: ${emulator.url}/__emulator/outbox`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
