#!/usr/bin/env node
// The kit's command line: `npx cognito-elements doctor ...` (bin/doctor.mjs), and `emulator`,
// which runs the separately installed emulator package (its server-side dependencies are not the
// kit's). Plain Node ESM, no build, no dependencies.
import { parseArgs } from 'node:util';
import { diagnose, DOCTOR_USAGE, formatReport } from './doctor.mjs';

const USAGE = `Usage: cognito-elements <command>

  doctor     check a user pool and app client the way the browser will (--help for options)
  emulator   run the local Cognito emulator (needs: npm install -D cognito-elements-emulator)`;

async function doctor(args) {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        'user-pool-id': { type: 'string' },
        'client-id': { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        origin: { type: 'string' },
        domain: { type: 'string' },
        'redirect-uri': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`${error.message}\n\n${DOCTOR_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(DOCTOR_USAGE);
    return 0;
  }
  if (!values['user-pool-id'] || !values['client-id']) {
    console.error(`--user-pool-id and --client-id are required.\n\n${DOCTOR_USAGE}`);
    return 2;
  }
  const report = await diagnose({
    userPoolId: values['user-pool-id'],
    clientId: values['client-id'],
    region: values.region,
    endpoint: values.endpoint,
    origin: values.origin,
    domain: values.domain,
    redirectUri: values['redirect-uri'],
  });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.checks.some((c) => c.status === 'fail') ? 1 : 0;
}

async function emulator(args) {
  let cli;
  try {
    cli = await import('cognito-elements-emulator/cli');
  } catch (error) {
    // Only the package itself missing is "not installed"; a dependency of it missing is its own error.
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !/'cognito-elements-emulator'/.test(error.message)) throw error;
    console.error('The emulator is a package of its own: npm install -D cognito-elements-emulator, then npx cognito-elements-emulator --help');
    return 2;
  }
  const result = await cli.main(args);
  // A number is an exit code; otherwise the emulator runs until SIGINT / SIGTERM.
  return typeof result === 'number' ? result : undefined;
}

const [command, ...rest] = process.argv.slice(2);
const commands = { doctor, emulator };
if (!commands[command]) {
  console.error(USAGE);
  process.exitCode = command === undefined || command === '--help' || command === '-h' ? 0 : 2;
} else {
  const code = await commands[command](rest);
  if (code !== undefined) process.exitCode = code;
}
