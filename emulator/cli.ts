/**
 * `npm run emulator [-- --port 9229 --host 127.0.0.1 --seed seed.json --data state.json --quiet
 *   --allow-origin https://app.example.test --allow-host cognito]` (see main.ts).
 */
import { main } from './main.ts';

const result = await main(process.argv.slice(2));
if (typeof result === 'number') process.exit(result);
