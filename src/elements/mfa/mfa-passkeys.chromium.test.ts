// Chromium only (the file name says so; web-test-runner.config.mjs loads *.chromium.test.ts in the Chromium
// run only): passkey ceremonies need a WebAuthn virtual authenticator, which only Chromium offers here (the
// DevTools Protocol's WebAuthn domain; neither WebKitWebDriver nor puppeteer's Firefox over BiDi has one).

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CognitoClient } from '../../core/index.ts';
import { holdEmulator, newClient as supportClient } from '../../../test/browser/support/core.ts';
import { addVirtualAuthenticator, removeVirtualAuthenticator, userWithPasskey } from '../../../test/browser/support/webauthn.ts';
import './mfa.ts';
import type { CognitoMfa } from './mfa.component.ts';

/** A client of its own for each test (disposed after it), with no refresh timers. */
function newClient(): CognitoClient {
  return supportClient({ autoRefresh: false }).client;
}

const errorText = (el: Element) => el.querySelector('.cognito-error')?.textContent ?? '';
const buttonNamed = (el: Element, text: string) =>
  [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === text) ?? expect.fail(`no button "${text}"`);

describe('<cognito-mfa>: passkeys', () => {
  holdEmulator('shared');
  afterEach(() => removeVirtualAuthenticator());

  it('asks the browser for the passkey at once; when that fails, says so and retries on "Use passkey" in the same sign-in', async () => {
    await addVirtualAuthenticator();
    const client = newClient();
    const { user } = await userWithPasskey(client);
    // The passkey's device is not at hand: an authenticator without it answers "not allowed".
    const credentials = await removeVirtualAuthenticator();
    await addVirtualAuthenticator();

    const el = await fixture<CognitoMfa>(html`<cognito-mfa .client=${client}></cognito-mfa>`);
    const failed = oneEvent(el, 'cognito-error');
    expect((await client.signIn({ username: user.username, authFlow: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' })).step).to.equal('PASSKEY');
    expect((await failed).detail.code).to.equal('PasskeyError');
    await el.updateComplete;
    expect(el.querySelector('.cognito-heading')!.textContent).to.equal('Sign in with your passkey');
    expect(errorText(el)).to.equal('The passkey was not used: it was cancelled or took too long. Try again, or sign in another way.');
    expect(client.currentStep?.step, 'the sign-in still waits for the passkey').to.equal('PASSKEY');
    await expect(el).to.be.accessible();

    // With the device back, the button finishes the same sign-in.
    await addVirtualAuthenticator({ credentials });
    const signedIn = oneEvent(el, 'cognito-signed-in');
    buttonNamed(el, 'Use passkey').click();
    expect((await signedIn).detail.session.username).to.equal(user.username);
  });
});
