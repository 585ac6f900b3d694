// The demo's sign-ins in Firefox and WebKit, for scripts/check-demo.mjs (which runs its full tour in
// Chromium): the TOTP user with the live code the page shows, then `demo` with its password, each
// typed key by key and submitted with Enter, as a person would.
//
// One small driver interface over two protocols: puppeteer-core for Firefox (WebDriver BiDi), and
// classic WebDriver for WebKit (WebKitWebDriver, through scripts/webkit-launcher.mjs). Neither
// downloads anything.
import { findEngine } from './find-browser.mjs';
import { WebKitLauncher } from './webkit-launcher.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @typedef {object} Driver
 * @property {(url: string) => Promise<void>} goto
 * @property {(fn: string, ...args: unknown[]) => Promise<any>} evaluate  `fn`: a function's source, run in the page
 * @property {(selector: string) => Promise<void>} click
 * @property {(selector: string, text: string) => Promise<void>} type  types into the element, key by key
 * @property {(selector: string) => Promise<void>} pressEnter  in that element
 * @property {() => Promise<void>} close
 */

/** @returns {Promise<Driver>} */
async function firefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: findEngine('firefox').executablePath, headless: true });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1400 });
  return {
    goto: async (url) => void (await page.goto(url)),
    evaluate: (fn, ...args) => page.evaluate(`(${fn})(...${JSON.stringify(args)})`),
    click: (selector) => page.click(selector),
    type: (selector, text) => page.type(selector, text),
    pressEnter: async (selector) => {
      await page.focus(selector);
      await page.keyboard.press('Enter');
    },
    close: () => browser.close(),
  };
}

/** @returns {Promise<Driver>} */
async function webkit() {
  const { driverPath, executablePath } = findEngine('webkit');
  const wk = new WebKitLauncher({ driverPath, executablePath });
  await wk.start();
  const s = wk.sessionPath;
  const element = async (selector) => {
    const found = await wk.call('POST', `${s}/element`, { using: 'css selector', value: selector });
    return Object.values(found)[0];
  };
  return {
    goto: async (url) => void (await wk.call('POST', `${s}/url`, { url })),
    evaluate: (fn, ...args) => wk.call('POST', `${s}/execute/sync`, { script: `return (${fn}).apply(null, arguments)`, args }),
    click: async (selector) => void (await wk.call('POST', `${s}/element/${await element(selector)}/click`, {})),
    // One key per command: WebKitWebDriver drops the second of two equal keys sent in one string.
    type: async (selector, text) => {
      const id = await element(selector);
      for (const key of text) await wk.call('POST', `${s}/element/${id}/value`, { text: key });
    },
    pressEnter: async (selector) => void (await wk.call('POST', `${s}/element/${await element(selector)}/value`, { text: '\uE007' })),
    close: () => wk.stop(),
  };
}

/** Polls `fn` in the page until it returns something truthy (15 s at most), and returns that. */
async function waitFor(driver, what, fn, ...args) {
  for (let i = 0; i < 150; i++) {
    const value = await driver.evaluate(fn, ...args).catch(() => undefined);
    if (value) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const exists = (selector) => `() => !!document.querySelector(${JSON.stringify(selector)})`;
const textOf = (selector) => `() => document.querySelector(${JSON.stringify(selector)})?.textContent.replace(/\\s+/g, ' ').trim()`;

/**
 * Signs the TOTP user and then `demo` in on the demo page in `engine` ('firefox' or 'webkit'),
 * reporting each step through check(ok, what). `usedCodes`: TOTP codes already signed in with
 * (this one's is added).
 */
export async function signInsIn(engine, demoUrl, check, usedCodes = new Set()) {
  const driver = engine === 'firefox' ? await firefox() : await webkit();
  const signInForm = '.stage cognito-sign-in form';
  const greeting = 'cognito-authenticator[signed-in] .greeting h2';
  try {
    await driver.goto(demoUrl);
    await waitFor(driver, 'the sign-in form', exists(signInForm));
    await waitFor(driver, 'the emulator status', `() => document.querySelector('.pool-status')?.textContent.includes('running')`);
    check(true, `${engine}: the page shows the sign-in form and the emulator is running`);

    // The TOTP user, with the live code from the Demo users panel.
    await driver.click('button[aria-label="Use totp"]');
    await driver.click(`${signInForm} button[type="submit"]`);
    await waitFor(driver, 'the TOTP step', exists('.stage cognito-mfa input[name="code"]'));
    // A code about to expire might not reach the emulator in time: wait for the next one.
    // And a code another engine signed in with is not taken twice (Cognito refuses a reused code).
    const liveCode = async () => ((await driver.evaluate(textOf('.totp-code'))) ?? '').replace(/\D/g, '');
    const remaining = Number(/(\d+) s/.exec((await driver.evaluate(textOf('.totp'))) ?? '')?.[1] ?? 30);
    if (remaining < 4) await sleep((remaining + 1) * 1000);
    let code = await liveCode();
    for (let i = 0; i < 35 && usedCodes.has(code); i++) {
      await sleep(1000);
      code = await liveCode();
    }
    usedCodes.add(code);
    check(/^\d{6}$/.test(code), `${engine}: the page shows a live TOTP code (${code})`);
    await driver.type('.stage cognito-mfa input[name="code"]', code);
    await driver.pressEnter('.stage cognito-mfa input[name="code"]');
    const totpName = await waitFor(driver, 'the greeting', textOf(greeting));
    check(totpName === 'Hello, TOTP User', `${engine}: signed in as totp with the live code: the greeting names the user (${totpName})`);
    await driver.click('.greeting .btn');
    await waitFor(driver, 'the sign-in form after sign-out', exists(signInForm));
    check(true, `${engine}: Sign out goes back to the sign-in form`);

    // demo, its password typed key by key.
    await driver.type(`${signInForm} input[name="username"]`, 'demo');
    await driver.type(`${signInForm} input[name="password"]`, 'Passw0rd!');
    await driver.pressEnter(`${signInForm} input[name="password"]`);
    const demoName = await waitFor(driver, 'the greeting', textOf(greeting));
    check(demoName === 'Hello, Demo User', `${engine}: demo signs in with its typed password (${demoName})`);
    await driver.click('.greeting .btn');
    await waitFor(driver, 'the sign-in form after sign-out', exists(signInForm));
  } catch (error) {
    check(false, `${engine}: ${error?.message ?? error}`);
  } finally {
    await driver.close();
  }
}
