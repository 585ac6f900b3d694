// Playwright globalSetup: one emulator for the whole run, on a free port.
//
//   // playwright.config.ts
//   export default defineConfig({ globalSetup: './playwright.global-setup.mjs' });
//
// Tests (and the app under test, if the config's webServer starts it after this) read the endpoint
// from process.env.COGNITO_ENDPOINT; Playwright runs the function returned here as the teardown.
import { startEmulator } from 'cognito-elements-emulator';

export default async function globalSetup() {
  const emulator = await startEmulator({
    port: 0,
    quiet: true,
    // Your pools, app clients and users (see the package README's "Seed file"); default: the demo seed.
    config: process.env.COGNITO_SEED,
  });
  process.env.COGNITO_ENDPOINT = emulator.url;
  return () => emulator.close();
}
