// A check of the demo page (run by test/node/demo.test.ts, or by hand): starts the demo (emulator + Vite) on
// free ports, or uses `--url http://127.0.0.1:5173/ --emulator http://127.0.0.1:9229` if you run
// `npm run demo` yourself, and drives the page in headless Chromium (then signs in in Firefox and
// WebKit, scripts/demo-engines.mjs; `--engines chromium` or BROWSER_ENGINES=chromium leaves those out):
//   sign in as totp with the page's live code, look at the signed-in view, sign out;
//   sign in as sms with the code from the outbox panel; the event log (and no token in it);
//   Light/Dark whatever the OS prefers, the Brand theme, German and Arabic, your own pool;
//   email MFA, the temporary password, the unconfirmed user, a sign-up and a password reset (codes
//   from the outbox panel); the Customize tab (brand, header, terms box, custom:plan, phone, routing and
//   the outbox's confirm link); then the Reset button, which puts the seeded users back.
//   node scripts/check-demo.mjs [--shots DIR]   (screenshots of the steps into DIR)
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launchBrowser, option, startDemo } from './demo-browser.mjs';
import { signInsIn } from './demo-engines.mjs';

const shots = option('shots');
// axe-core: the same engine the browser tests run through @open-wc/testing, here a direct dev dependency.
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
if (shots) mkdirSync(shots, { recursive: true });

let failures = 0;
let lastCheck = 'start';
function check(ok, what) {
  lastCheck = what;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

const demo = await startDemo({ url: option('url'), emulator: option('emulator') });
// --engines (or $BROWSER_ENGINES, as `npm test --engine ...` sets it): where the demo's sign-ins run besides Chromium.
const otherEngines = (option('engines') ?? (process.env.BROWSER_ENGINES || 'chromium,firefox,webkit')).split(',').filter((e) => e === 'firefox' || e === 'webkit');
/** TOTP codes signed in with so far: no engine takes one twice. */
const usedCodes = new Set();
const browser = await launchBrowser();
let page;
try {
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1400 });
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused Cognito call shows as a failed resource load; those are listed below, with their action.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console error: ${message.text()}`);
  });
  const refused = [];
  page.on('response', async (response) => {
    if (response.status() < 400) return;
    const action = response.request().headers()['x-amz-target']?.split('.').pop() ?? response.url();
    refused.push(`${response.status()} ${action} (after "${lastCheck}"): ${await response.text().catch(() => '')}`);
  });
  const shot = async (name) => {
    if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };
  /** axe on the whole page (the elements' own states are checked by their tests). */
  const accessible = async (state) => {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () =>
      (await window.axe.run(document)).violations.map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      ),
    );
    check(violations.length === 0, `axe finds nothing on the page: ${state}${violations.length ? `\n    ${violations.join('\n    ')}` : ''}`);
  };
  const text = (selector) => page.$eval(selector, (el) => el.textContent.replace(/\s+/g, ' ').trim());
  const signInForm = '.stage cognito-sign-in form';

  await page.goto(demo.demoUrl, { waitUntil: 'networkidle0' });
  await page.waitForSelector(signInForm);
  await page.waitForFunction(() => document.querySelector('.pool-status')?.textContent.includes('running'));
  check(true, "the page shows the authenticator's sign-in form and the emulator is running");
  await shot('01-start');
  await accessible('the sign-in form');

  // --- totp, with the live code from the Demo users panel ------------------------------------
  await page.click('button[aria-label="Use totp"]');
  const filled = await page.$eval(signInForm, (form) => [form.elements.username.value, form.elements.password.value]);
  check(filled[0] === 'totp' && filled[1] === 'Passw0rd!', '"Use" fills the sign-in form (totp / Passw0rd!)');
  await page.click(`${signInForm} button[type="submit"]`);
  await page.waitForSelector('.stage cognito-mfa input[name="code"]');
  await shot('02-totp-step');
  // A code about to expire might not reach the emulator in time: wait for the next one.
  const remaining = await page.$eval('.totp', (el) => Number(/(\d+) s/.exec(el.textContent)?.[1] ?? 30));
  if (remaining < 4) await new Promise((resolve) => setTimeout(resolve, (remaining + 1) * 1000));
  const code = (await text('.totp-code')).replace(/\D/g, '');
  usedCodes.add(code);
  check(/^\d{6}$/.test(code), `the page shows a live TOTP code (${code})`);
  await page.type('.stage cognito-mfa input[name="code"]', code);
  await page.keyboard.press('Enter');
  await page.waitForSelector('cognito-authenticator[signed-in] .greeting');
  check((await text('.greeting h2')) === 'Hello, TOTP User', 'signed in as totp: the greeting names the user');
  const claims = await text('.greeting .claims');
  check(claims.includes('totp@example.com') && claims.includes('cognito:username') && !claims.includes('eyJ'), 'the ID token claims show as text (no raw token)');
  await page.waitForFunction(() => document.querySelector('cognito-attributes')?.textContent.includes('totp@example.com'));
  check(true, "<cognito-attributes> shows the user's attributes");
  await page.waitForFunction(() => document.querySelector('cognito-account')?.textContent.includes('Authenticator app'));
  check(true, "<cognito-account> shows the user's two-step verification");
  await shot('03-totp-signed-in');
  await accessible('signed in, with the event log and the claims');

  await page.click('.greeting .btn');
  await page.waitForSelector(signInForm);
  check(true, 'Sign out goes back to the sign-in form');

  // --- sms, with the code from the Outbox panel ------------------------------------------------
  await page.click('button[aria-label="Use sms"]');
  await page.click(`${signInForm} button[type="submit"]`);
  await page.waitForSelector('.stage cognito-mfa input[name="code"]');
  await page.waitForFunction(() => [...document.querySelectorAll('.outbox li')].some((li) => li.textContent.includes('sms_mfa')), { timeout: 10_000 });
  const sms = await page.$eval('.outbox li', (li) => ({ code: li.querySelector('.outbox-code').textContent.trim(), text: li.textContent }));
  check(
    /^\d{6}$/.test(sms.code) && sms.text.includes('sms_mfa') && sms.text.includes('Text message'),
    `the outbox panel shows the SMS code within 2 s polling (${sms.code})`,
  );
  await page.type('.stage cognito-mfa input[name="code"]', sms.code);
  await page.keyboard.press('Enter');
  await page.waitForSelector('cognito-authenticator[signed-in] .greeting');
  check((await text('.greeting h2')) === 'Hello, SMS User', 'signed in as sms');

  const log = await page.$$eval('.log li', (items) => items.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
  check(log[0]?.includes('cognito-signed-in') && log[0].includes('sms (sms@example.com)'), `the event log's newest entry is the sign-in (${log[0]})`);
  check(
    log.some((l) => l.includes('cognito-challenge') && l.includes('TOTP_CODE')),
    'the event log has the TOTP challenge',
  );
  check(
    log.some((l) => l.includes('cognito-signed-out')),
    'the event log has the sign-out',
  );
  check(
    !log.join(' ').includes('eyJ') && !log.join(' ').includes('Passw0rd') && !log.join(' ').includes(sms.code),
    'the event log holds no token, password or code',
  );
  await shot('04-sms-signed-in');

  // --- themes: Light and Dark whatever the OS prefers; Brand ------------------------------------
  // The text colour of the elements comes from the theme (inside the authenticator they have no background of their own).
  const textColor = () => page.$eval('cognito-account', (el) => getComputedStyle(el).color);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  await page.click('.segmented input[value="light"]');
  check((await textColor()) === 'rgb(27, 31, 36)', 'Light: the light palette although the OS prefers dark');
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await page.click('.segmented input[value="dark"]');
  check((await textColor()) === 'rgb(230, 237, 243)', 'Dark: the dark palette although the OS prefers light');
  await shot('05-dark');
  await accessible('dark, signed in, with an outbox');
  await page.click('.segmented input[value="system"]');
  check((await textColor()) === 'rgb(27, 31, 36)', 'System: follows the OS (light)');
  await page.click('.segmented input[value="brand"]');
  const brand = await page.$eval('cognito-account', (el) => {
    const button = el.querySelector('.cognito-button');
    return { font: getComputedStyle(el).fontFamily, accent: button && getComputedStyle(button).backgroundColor };
  });
  check(brand.font.includes('Georgia') && brand.accent === 'rgb(109, 40, 217)', `Brand: the --cognito-* properties apply (${brand.font}; ${brand.accent})`);
  await shot('06-brand');
  await accessible('the Brand theme');
  await page.click('.segmented input[value="system"]');

  // --- languages ---------------------------------------------------------------------------------
  await page.click('.greeting .btn');
  await page.waitForSelector(signInForm);
  await page.select('.controls select', 'de');
  await page.waitForFunction(() => document.querySelector('.stage cognito-sign-in .cognito-heading')?.textContent.trim() === 'Anmelden');
  check(true, 'Deutsch: the sign-in form says "Anmelden"');
  await page.select('.controls select', 'ar');
  await page.waitForFunction(() => {
    const el = document.querySelector('.stage cognito-sign-in');
    return el && getComputedStyle(el).direction === 'rtl' && el.querySelector('.cognito-heading')?.textContent.trim() !== 'Sign in';
  });
  check((await page.$eval('.stage', (el) => el.getAttribute('dir'))) === 'rtl', 'العربية: the stage is lang=ar dir=rtl and the form right-to-left');
  await shot('07-arabic');
  await accessible('Arabic, right to left');
  await page.select('.controls select', 'en');

  // --- the other tabs --------------------------------------------------------------------------
  await page.click('#tab-sign-up');
  await page.waitForSelector('.stage cognito-sign-up input[name="username"]');
  check(true, 'Sign up tab: <cognito-sign-up>');
  await page.click('#tab-forgot-password');
  await page.waitForSelector('.stage cognito-forgot-password input[name="username"]');
  check(true, 'Forgot password tab: <cognito-forgot-password>');
  await page.click('button[aria-label="Use demo"]');
  await page.waitForFunction(() => document.querySelector('.stage cognito-sign-in form')?.elements.username.value === 'demo');
  check(true, '"Use" on another tab switches to the sign-in form and fills it');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.stage .greeting');
  check((await text('.stage cognito-sign-in')).includes('demo@example.com'), 'Sign in + MFA tab: demo signs in with the standalone <cognito-sign-in>');
  await page.click('.greeting .btn');
  await page.click('#tab-authenticator');
  await page.waitForSelector(signInForm);

  // --- your own pool, and back -------------------------------------------------------------------
  await page.type('.pool-form input[name="userPoolId"]', 'eu-west-1_AbC123xYz');
  await page.type('.pool-form input[name="clientId"]', '1example23456789abcdefghij');
  await page.click('.pool-form button[type="submit"]');
  await page.waitForFunction(() => {
    const el = document.querySelector('cognito-authenticator');
    return el?.getAttribute('user-pool-id') === 'eu-west-1_AbC123xYz' && !el.hasAttribute('endpoint');
  });
  check((await text('.pool-status')).includes('eu-west-1_AbC123xYz'), 'Your own pool: the elements point at it, with no endpoint');
  await page.click('.pool-actions .btn-secondary');
  await page.waitForFunction((url) => document.querySelector('cognito-authenticator')?.getAttribute('endpoint') === url, {}, demo.emulatorUrl);
  check(true, 'Back to the emulator');

  // --- every other seeded user, sign-up and a password reset (they change users: the reset below puts them back)
  const outboxCode = async (username, purpose) => {
    const handle = await page.waitForFunction(
      (username, purpose) => {
        const li = [...document.querySelectorAll('.outbox li')].find((item) => item.textContent.includes(purpose) && item.textContent.includes(` ${username}`));
        return li?.querySelector('.outbox-code').textContent.trim();
      },
      { timeout: 10_000 },
      username,
      purpose,
    );
    return handle.jsonValue();
  };
  const useAndSubmit = async (username) => {
    await page.click(`button[aria-label="Use ${username}"]`);
    await page.click(`${signInForm} button[type="submit"]`);
  };
  const signOutFromGreeting = async () => {
    // Clicked inside the page in one step: the greeting may re-render between puppeteer finding the
    // button and clicking it (seen once as "Node does not belong to the document").
    await page.waitForSelector('.greeting .btn');
    await page.$eval('.greeting .btn', (button) => button.click());
    await page.waitForSelector(signInForm);
  };

  // --- the Customize tab: a branded authenticator with formFields, hooks and routing="hash" ------
  const branded = '.stage cognito-authenticator.northpeak';
  await page.click('#tab-customize');
  await page.waitForSelector(`${branded} cognito-sign-in form`);
  const brandLook = await page.$eval(branded, (el) => ({
    header: el.querySelector('[slot="header"]')?.textContent.replace(/\s+/g, ' ').trim(),
    headerShown: getComputedStyle(el.querySelector('[slot="header"]')).display !== 'none',
    accent: getComputedStyle(el.querySelector('cognito-sign-in button[type="submit"]')).backgroundColor,
  }));
  check(
    brandLook.headerShown && brandLook.header.startsWith('Northpeak') && brandLook.accent === 'rgb(15, 118, 110)',
    `Customize tab: the logo header above the form and the brand's accent (${brandLook.accent})`,
  );
  await shot('08-customize');
  await accessible('the Customize tab');
  // On a dark page the brand's lighter accent (light-dark()), readable on the dark card.
  await page.click('.segmented input[value="dark"]');
  const darkAccent = await page.$eval(`${branded} cognito-sign-in button[type="submit"]`, (button) => getComputedStyle(button).backgroundColor);
  check(darkAccent === 'rgb(45, 212, 191)', `Customize, dark: the brand's dark accent (${darkAccent})`);
  await shot('08-customize-dark');
  await accessible('the Customize tab, dark');
  await page.click('.segmented input[value="system"]');
  const toSignUp = await page.waitForSelector(
    `::-p-xpath(//cognito-authenticator[contains(@class, "northpeak")]//cognito-sign-in//button[contains(., "Create an account")])`,
  );
  await toSignUp.click();
  await page.waitForSelector(`${branded} cognito-sign-up select[name="plan"]`);
  check((await page.evaluate(() => location.hash)) === '#/sign-up', 'Customize: "Create an account" puts #/sign-up in the address bar');
  await page.evaluate(() => history.back());
  await page.waitForSelector(`${branded} cognito-sign-in form`);
  await page.evaluate(() => history.forward());
  await page.waitForSelector(`${branded} cognito-sign-up select[name="plan"]`);
  check(true, 'Customize: Back returns to the sign-in form, Forward to the sign-up form');
  const grace = `grace.h${Math.floor(Math.random() * 1e6)}`;
  const signUpField = (name) => `${branded} cognito-sign-up [name="${name}"]`;
  await page.type(signUpField('username'), grace.replace('grace.h', 'Grace.H'));
  await page.type(signUpField('email'), `${grace.replace('grace', 'Grace')}@Example.com`);
  await page.type(signUpField('name'), 'Grace Hopper');
  await page.select(signUpField('phone_number-country'), 'GB');
  await page.type(signUpField('phone_number'), '07700 900456');
  await page.select(signUpField('plan'), 'team');
  await page.type(signUpField('password'), 'Cobol1959x');
  await page.type(signUpField('confirm-password'), 'Cobol1959x');
  await page.$eval(`${branded} cognito-sign-up form`, (form) => form.requestSubmit());
  await page.waitForSelector(`${signUpField('terms')}[aria-invalid="true"]`);
  check(
    (await page.$eval(signUpField('terms'), (box) => document.getElementById(box.getAttribute('aria-describedby').split(' ')[0])?.textContent)) ===
      'Please tick this box to continue.',
    'Customize: an unticked terms box stops the sign-up with a message on the box',
  );
  await shot('09-customize-terms');
  await accessible('the Customize sign-up form, with a message on the terms box');
  await page.click(signUpField('terms'));
  await page.$eval(`${branded} cognito-sign-up form`, (form) => form.requestSubmit());
  await page.waitForSelector(`${branded} cognito-sign-up input[name="code"]`);
  // The outbox's link for the code opens the confirm form prefilled, as the link in a custom message would.
  const confirmLink = await page.waitForSelector(`.outbox a.outbox-link[href^="#/confirm-sign-up?username=${grace}&"]`, { timeout: 10_000 });
  const graceCode = await outboxCode(grace, 'signup');
  await confirmLink.click();
  await page.waitForFunction((code) => document.querySelector('.stage cognito-sign-up input[name="code"]')?.value === code, {}, graceCode);
  check(
    !(await page.evaluate(() => location.href)).includes(graceCode),
    `Customize: the outbox's confirm link opens the confirm form with the code (${graceCode}) filled in, and the code leaves the URL`,
  );
  await page.$eval(`${branded} cognito-sign-up form`, (form) => form.requestSubmit());
  await page.waitForSelector(`${branded}[signed-in] .plan-note`);
  check(
    (await text('.greeting h2')) === 'Hello, Grace Hopper' && (await text('.plan-note')).includes('Your plan: Team'),
    `Customize: ${grace} (typed with capitals) confirmed, signed in, and the ID token carries custom:plan = team`,
  );
  const claimsText = await text('.greeting .claims');
  check(
    claimsText.includes('+447700900456') && claimsText.includes(`${grace}@example.com`),
    'Customize: the phone number arrived as E.164 and the email in lower case',
  );
  await signOutFromGreeting();
  await page.click('#tab-authenticator');
  await page.waitForSelector(signInForm);
  check((await page.evaluate(() => location.hash)) === '', 'Another tab takes the view out of the address bar');
  await page.evaluate(() => (location.hash = '#/forgot-password'));
  await page.waitForSelector(`${branded} cognito-forgot-password input[name="username"]`);
  check(true, 'A #/forgot-password link, from another tab, opens the Customize tab at that form');
  await page.click('#tab-authenticator');
  await page.waitForSelector(signInForm);

  await useAndSubmit('email');
  await page.waitForSelector('.stage cognito-mfa input[name="code"]');
  const emailCode = await outboxCode('email', 'email');
  await page.type('.stage cognito-mfa input[name="code"]', emailCode);
  await page.keyboard.press('Enter');
  await page.waitForSelector('cognito-authenticator[signed-in] .greeting');
  check((await text('.greeting h2')) === 'Hello, Email MFA User', `email: signed in with the emailed code from the outbox (${emailCode})`);
  await signOutFromGreeting();

  await useAndSubmit('newpassword');
  await page.waitForSelector('.stage cognito-new-password input[name="password"]');
  await page.type('.stage cognito-new-password input[name="password"]', 'NewPassw0rd1');
  await page.type('.stage cognito-new-password input[name="confirm-password"]', 'NewPassw0rd1');
  await page.keyboard.press('Enter');
  await page.waitForSelector('cognito-authenticator[signed-in] .greeting');
  check((await text('.greeting h2')) === 'Hello, newpassword', 'newpassword: chose a new password and is signed in');
  await signOutFromGreeting();

  await useAndSubmit('unconfirmed');
  await page.waitForSelector('.stage cognito-sign-up input[name="code"]');
  // Cognito sends no code when an unconfirmed user signs in: the confirm step asks for one itself.
  const firstSignupCode = await outboxCode('unconfirmed', 'signup');
  // "Send a new code": the emulator replaces the code (emulator/model.ts sendUserCode), so the panel
  // must list the new one first and mark the first one "older" in words, not by colour alone.
  const resend = await page.waitForSelector('::-p-xpath(//cognito-sign-up//button[contains(., "Send a new code")])');
  await resend.click();
  const signupCodes = await page.waitForFunction(
    () => {
      const items = [...document.querySelectorAll('.outbox li')].filter((li) => li.textContent.includes('signup') && li.textContent.includes(' unconfirmed'));
      const listed = items.map((li) => ({
        code: li.querySelector('.outbox-code').textContent.trim(),
        older: li.querySelector('.tag-stale')?.textContent.trim() ?? '',
      }));
      return listed.length === 2 && listed;
    },
    { timeout: 10_000 },
  );
  const [newer, older] = await signupCodes.jsonValue();
  // outboxCode (which every flow here uses) must pick the new one; confirming with it below proves it is the live code.
  const signupCode = await outboxCode('unconfirmed', 'signup');
  check(
    newer.code === signupCode && newer.older === '' && older.code === firstSignupCode && older.older === 'older',
    `outbox: after "Send a new code" the new code (${signupCode}) is listed first and the replaced one (${firstSignupCode}) is marked "older"`,
  );
  await page.type('.stage cognito-sign-up input[name="code"]', signupCode);
  await page.keyboard.press('Enter');
  // Confirming finishes the sign-in with the password typed seconds before (issue 13): no second typing.
  await page.waitForSelector('cognito-authenticator[signed-in] .greeting');
  check(true, `unconfirmed: confirmed with the sign-up code from the outbox (${signupCode})`);
  check((await text('.greeting h2')) === 'Hello, unconfirmed', 'unconfirmed: signed in by confirming, without typing the password again');
  await signOutFromGreeting();

  await page.waitForSelector(signInForm);
  const createAccount = await page.waitForSelector('::-p-xpath(//cognito-sign-in//button[contains(., "Create an account")])');
  await createAccount.click();
  await page.waitForSelector('.stage cognito-sign-up input[name="username"]');
  await page.type('.stage cognito-sign-up input[name="username"]', 'ada');
  await page.type('.stage cognito-sign-up input[autocomplete="email"]', 'ada@example.com');
  await page.type('.stage cognito-sign-up input[autocomplete="name"]', 'Ada Lovelace');
  await page.type('.stage cognito-sign-up input[name="password"]', 'Analytical1');
  await page.type('.stage cognito-sign-up input[name="confirm-password"]', 'Analytical1');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.stage cognito-sign-up input[name="code"]');
  const adaCode = await outboxCode('ada', 'signup');
  await page.type('.stage cognito-sign-up input[name="code"]', adaCode);
  await page.keyboard.press('Enter');
  await page.waitForSelector('cognito-authenticator[signed-in] .greeting');
  check((await text('.greeting h2')) === 'Hello, Ada Lovelace', `sign-up: ada confirmed with the code from the outbox (${adaCode}) and signed in`);
  await signOutFromGreeting();

  await page.click('#tab-forgot-password');
  await page.waitForSelector('.stage cognito-forgot-password input[name="username"]');
  await page.type('.stage cognito-forgot-password input[name="username"]', 'demo');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.stage cognito-new-password input[name="code"]');
  const resetCode = await outboxCode('demo', 'forgot_password');
  await page.type('.stage cognito-new-password input[name="code"]', resetCode);
  await page.type('.stage cognito-new-password input[name="password"]', 'Reset1Passw0rd');
  await page.type('.stage cognito-new-password input[name="confirm-password"]', 'Reset1Passw0rd');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Password changed/.test(document.querySelector('.stage cognito-new-password')?.textContent ?? ''));
  check(true, `forgot password: demo reset with the code from the outbox (${resetCode})`);
  const toSignIn = await page.waitForSelector('.stage cognito-new-password .cognito-actions .cognito-button');
  await toSignIn.click();
  await page.waitForSelector('.stage cognito-sign-in form');
  check(
    (await page.$eval('#tab-sign-in', (tab) => tab.getAttribute('aria-selected'))) === 'true' &&
      (await page.$eval(signInForm, (form) => form.elements.username.value)) === 'demo',
    '"Sign in" after the reset goes to the Sign in tab with the username filled in',
  );
  await page.type(`${signInForm} input[name="password"]`, 'Reset1Passw0rd');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.stage .greeting');
  check(true, 'demo signs in with the new password');
  await page.click('.greeting .btn');
  await page.click('#tab-authenticator');

  // --- reset --------------------------------------------------------------------------------------
  await page.waitForSelector('.outbox li');
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('.btn-danger')]);
  await page.waitForSelector(signInForm);
  const outboxAfter = await page.$$eval('.outbox li', (items) => items.length);
  check(outboxAfter === 0, 'Reset: the page reloads with an empty outbox');

  console.log(`Cognito calls refused during the run (expected ones included):${refused.length ? `\n  ${refused.join('\n  ')}` : ' none'}`);
  check(problems.length === 0, `no page errors${problems.length ? `:\n  ${problems.join('\n  ')}` : ''}`);
} catch (error) {
  failures++;
  console.error('FAIL', error);
  if (shots) await page?.screenshot({ path: join(shots, 'failure.png'), fullPage: true });
} finally {
  await browser.close();
}
try {
  // The demo's sign-ins in the other engines, on the same demo (put back by the Reset above).
  for (const engine of otherEngines) await signInsIn(engine, demo.demoUrl, check, usedCodes);
} finally {
  await demo.stop();
}
console.log(failures ? `\n${failures} check(s) failed` : '\nall checks passed');
process.exit(failures ? 1 : 0);
