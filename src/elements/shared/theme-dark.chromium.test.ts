// Chromium only (the file name says so; web-test-runner.config.mjs loads *.chromium.test.ts in the Chromium
// run only): @web/test-runner-commands' emulateMedia switches prefers-color-scheme through the
// DevTools Protocol; puppeteer's Firefox over BiDi refuses it ("CDP support is required") and the
// WebKit launcher has no way to switch it per test.
import { emulateMedia } from '@web/test-runner-commands';
import { expectFormsReadable } from '../../../test/browser/support/theme.ts';

describe('theme: the dark scheme', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('keeps every form readable (axe contrast) in the dark scheme', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    await expectFormsReadable('dark');
  });
});
