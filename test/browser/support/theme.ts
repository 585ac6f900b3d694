// The theme check shared by src/elements/shared/theme.test.ts (the light scheme, every engine) and
// theme-dark.chromium.test.ts (the dark scheme, which only Chromium's emulateMedia can switch to).
import { expect, fixture, html } from '@open-wc/testing';
import { CognitoClient } from '../../../src/core/index.ts';
import { emulatorUrl } from '../emulator-url.ts';
import '../../../src/elements/index.ts';

export const newClient = () =>
  new CognitoClient({ userPoolId: 'us-east-1_DemoPool1', clientId: 'democlient0000000000000001', endpoint: emulatorUrl(), storage: 'memory', autoRefresh: false });

/** Every form, signed in and out, is readable (axe contrast) in the page's current colour scheme. */
export async function expectFormsReadable(scheme: 'light' | 'dark'): Promise<void> {
  expect(matchMedia(`(prefers-color-scheme: ${scheme})`).matches, `the page prefers the ${scheme} scheme`).to.equal(true);
  const client = newClient();
  const step = await client.signIn({ username: 'demo', password: 'Passw0rd!' });
  expect(step.step).to.equal('DONE');
  const signedOut = newClient();
  const el = await fixture(html`<div>
    <cognito-sign-in .client=${signedOut}></cognito-sign-in>
    <cognito-sign-up .client=${signedOut}></cognito-sign-up>
    <cognito-forgot-password .client=${signedOut}></cognito-forgot-password>
    <cognito-account .client=${client}></cognito-account>
  </div>`);
  const account = el.querySelector('cognito-account')!;
  await new Promise<void>((resolve) => {
    const check = () => (account.querySelector('form') ? resolve() : setTimeout(check, 20));
    check();
  });
  const background = getComputedStyle(el.querySelector('cognito-sign-in')!).backgroundColor;
  expect(background).to.equal(scheme === 'dark' ? 'rgb(22, 27, 34)' : 'rgb(255, 255, 255)');
  await expect(el).to.be.accessible();
  client.dispose();
  signedOut.dispose();
}
