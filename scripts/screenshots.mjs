// Regenerates the README's screenshots (docs/screenshots/*.png): the main element states, in the
// light and the dark scheme, each cropped to the element.
//
//   node scripts/screenshots.mjs            starts its own demo (emulator + Vite, free ports), stops it after
//   node scripts/screenshots.mjs --url http://127.0.0.1:5173/ --emulator http://127.0.0.1:9229
//                                           uses a running `npm run demo` instead (resets its emulator first)
//
// It drives the demo page (demo/) in headless Chromium, as a user would, with the seeded users:
// sign-in, TOTP code, new password with the policy checklist, sign-up, account page (with
// hide-sections="password delete", to keep the image small) and the authenticator-app set-up (QR
// code). Nothing is completed that would change a seeded user, and the emulator is reset before
// each scheme and at the end.
import { mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchBrowser, option, startDemo } from './demo-browser.mjs';

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
mkdirSync(outDir, { recursive: true });

// Shots only: a plain backdrop instead of the demo's dotted canvas, and no caret or animations.
const SHOT_CSS = `
  .stage { background: var(--page) !important; }
  .stage > *, .stack > * { box-shadow: none !important; }
  * { caret-color: transparent !important; transition: none !important; animation: none !important; }
  .account-grid { grid-template-columns: minmax(0, 26rem) !important; }
`;

const demo = await startDemo({ url: option('url'), emulator: option('emulator') });
const browser = await launchBrowser();
const written = [];
try {
  for (const scheme of ['light', 'dark']) {
    // A known state: the seed (no devices or set-ups left from the other scheme or an earlier run).
    await fetch(`${demo.emulatorUrl}/__emulator/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 1000, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await page.goto(demo.demoUrl, { waitUntil: 'networkidle0' });
    await page.addStyleTag({ content: SHOT_CSS });

    /** Crops to the element, with `pad` pixels of the page around it (so borders and corners show). */
    const shoot = async (selector, name, pad = 12) => {
      const handle = await page.waitForSelector(selector, { visible: true });
      await page.evaluate(() => document.activeElement?.blur());
      await handle.scrollIntoView();
      await new Promise((resolve) => setTimeout(resolve, 150));
      // boundingBox() is relative to the viewport; a clip is in page coordinates.
      const box = await handle.boundingBox();
      const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
      box.x += scroll.x;
      box.y += scroll.y;
      const path = `${outDir}${name}-${scheme}.png`;
      await page.screenshot({
        path,
        clip: { x: Math.max(0, box.x - pad), y: Math.max(0, box.y - pad), width: box.width + 2 * pad, height: box.height + 2 * pad },
        captureBeyondViewport: true,
      });
      written.push(path);
    };
    const form = '.stage cognito-sign-in form';
    const signIn = async (username, password) => {
      await page.waitForSelector(form);
      await page.$eval(`${form} input[name="username"]`, (input) => (input.value = ''));
      await page.type(`${form} input[name="username"]`, username);
      await page.type(`${form} input[name="password"]`, password);
    };

    // 1. The sign-in form, filled in.
    await signIn('totp', 'Passw0rd!');
    await shoot('cognito-authenticator', 'sign-in');

    // 2. The TOTP code step (then back: a code is not used up).
    await page.click(`${form} button[type="submit"]`);
    await page.waitForSelector('.stage cognito-mfa input[name="code"]');
    await shoot('cognito-authenticator', 'totp-code');
    await page.click('.stage cognito-mfa .cognito-link');

    // 3. A temporary password: the new-password step, half-way through the policy checklist.
    await signIn('newpassword', 'TempPassw0rd');
    await page.click(`${form} button[type="submit"]`);
    await page.waitForSelector('.stage cognito-new-password input[autocomplete="new-password"]');
    await page.type('.stage cognito-new-password input[autocomplete="new-password"]', 'Passwor');
    await shoot('cognito-authenticator', 'new-password');
    await page.click('.stage cognito-new-password .cognito-link');

    // 4. Sign-up, partly filled in.
    await page.waitForSelector(form);
    const createAccount = await page.waitForSelector('::-p-xpath(//cognito-sign-in//button[contains(., "Create an account")])');
    await createAccount.click();
    await page.waitForSelector('.stage cognito-sign-up input[name="username"]');
    await page.type('.stage cognito-sign-up input[name="username"]', 'ada');
    await page.type('.stage cognito-sign-up input[autocomplete="email"]', 'ada@example.com');
    await page.type('.stage cognito-sign-up input[autocomplete="name"]', 'Ada Lovelace');
    await page.type('.stage cognito-sign-up input[autocomplete="new-password"]', 'analytical');
    await shoot('cognito-authenticator', 'sign-up');
    const haveAccount = await page.waitForSelector('::-p-xpath(//cognito-sign-up//button[contains(@class, "cognito-link")])');
    await haveAccount.click();

    // 5. The account page of a signed-in user, and 6. setting up an authenticator app from it.
    await signIn('demo', 'Passw0rd!');
    await page.click(`${form} button[type="submit"]`);
    await page.waitForSelector('cognito-authenticator[signed-in]');
    await page.waitForFunction(() => document.querySelector('cognito-account')?.textContent.includes('Two-step verification'));
    await page.waitForFunction(() => !document.querySelector('cognito-account')?.textContent.includes('Loading'));
    // The change-password form looks like the new-password one above, and deleting is one button:
    // the account shot shows two-step verification, devices and signing out (a README-sized image).
    await page.$eval('cognito-account', (account) => account.setAttribute('hide-sections', 'password delete'));
    await page.waitForFunction(() => !document.querySelector('cognito-account input[autocomplete="current-password"]'));
    await shoot('cognito-account', 'account');
    const setUp = await page.waitForSelector('::-p-xpath(//cognito-account//cognito-mfa//button[contains(., "Set up authenticator app")])');
    await setUp.click();
    await page.waitForSelector('cognito-account cognito-mfa svg.cognito-qr');
    await shoot('cognito-account cognito-mfa', 'totp-setup', 16);

    await context.close();
  }
  for (const path of written) console.log(`${path.slice(outDir.length)}  ${(statSync(path).size / 1024).toFixed(1)} KB`);
} finally {
  await browser.close();
  // Leave a running demo as seeded.
  await fetch(`${demo.emulatorUrl}/__emulator/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(() => undefined);
  await demo.stop();
}
