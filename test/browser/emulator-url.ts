// The URL of the local Cognito emulator that web-test-runner.config.mjs started for this run
// (or the one given in EMULATOR_URL). It is injected into each test page as
// globalThis.__EMULATOR_URL__ by the config's testRunnerHtml.

declare global {
  var __EMULATOR_URL__: string | undefined;
}

/** Base URL of the emulator, without a trailing slash, e.g. `http://127.0.0.1:40123`. */
export function emulatorUrl(): string {
  const url = globalThis.__EMULATOR_URL__;
  if (!url) {
    throw new Error(
      'globalThis.__EMULATOR_URL__ is not set: run browser tests through web-test-runner.config.mjs ' +
        '(npm run test:browser), which starts the emulator and injects its URL, or set EMULATOR_URL.',
    );
  }
  return url.replace(/\/+$/, '');
}
