import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { CognitoClient } from '../../core/index.ts';
import { emulatorUrl } from '../../../test/browser/emulator-url.ts';
import '../index.ts';

const newClient = () =>
  new CognitoClient({ userPoolId: 'us-east-1_DemoPool1', clientId: 'democlient0000000000000001', endpoint: emulatorUrl(), storage: 'memory', autoRefresh: false });

describe('theme', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  for (const scheme of ['light', 'dark'] as const) {
    it(`keeps every form readable (axe contrast) in the ${scheme} scheme`, async () => {
      await emulateMedia({ colorScheme: scheme });
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
    });
  }

  it('takes its colours from --cognito-* custom properties', async () => {
    const el = await fixture(html`<cognito-sign-in style="--cognito-accent: rgb(200, 0, 100); --cognito-radius: 2px" .client=${newClient()}></cognito-sign-in>`);
    const button = el.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(200, 0, 100)');
    expect(getComputedStyle(el).borderTopLeftRadius).to.equal('2px');
  });
});
