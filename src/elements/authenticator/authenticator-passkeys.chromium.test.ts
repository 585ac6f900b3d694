// Chromium only (the file name says so; web-test-runner.config.mjs loads *.chromium.test.ts in the Chromium
// run only): passkey ceremonies need a WebAuthn virtual authenticator, which only Chromium offers here (the
// DevTools Protocol's WebAuthn domain; neither WebKitWebDriver nor puppeteer's Firefox over BiDi has one).

import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CognitoClient, SessionStore } from '../../core/index.ts';
import { disposeClients, newClient as testClient } from '../../../test/browser/support/core.ts';
import { addVirtualAuthenticator, removeVirtualAuthenticator, userWithPasskey } from '../../../test/browser/support/webauthn.ts';
import './authenticator.ts';
import type { CognitoAuthenticator } from './authenticator.component.ts';
import { fill, submit, visible, waitFor } from '../../../test/browser/support/elements.ts';

/** A client of the demo pool, its session in `store` (memory by default), no refresh timer. */
const newClient = (store?: SessionStore): CognitoClient => testClient({ store, autoRefresh: false }).client;

describe('<cognito-authenticator passkeys>', () => {
  afterEach(async () => {
    disposeClients();
    await removeVirtualAuthenticator();
  });

  it('signs in with a passkey: username, "Sign in with a passkey", the device answers, signed in', async () => {
    await addVirtualAuthenticator();
    const client = newClient();
    const { user } = await userWithPasskey(client);

    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator passkeys .client=${client}><p id="app">App</p></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    const button = el.querySelector<HTMLButtonElement>('cognito-sign-in [data-passkey]')!;
    expect(button.textContent.trim()).to.equal('Sign in with a passkey');
    await expect(el).to.be.accessible();

    // Without a name, it asks for one first.
    button.click();
    await el.updateComplete;
    await waitFor(() => el.querySelector('cognito-sign-in .cognito-error')?.textContent?.includes('Enter the name you sign in with'));

    await fill(el, 'username', user.username);
    const signedIn = oneEvent(el, 'cognito-signed-in');
    el.querySelector<HTMLButtonElement>('cognito-sign-in [data-passkey]')!.click();
    expect((await signedIn).detail.session.username).to.equal(user.username);
    await waitUntil(() => el.hasAttribute('signed-in'), 'the app was not shown');
    expect(visible(el.querySelector('#app'))).to.equal(true);
  });

  it('offers the passkey first when Cognito lets the user choose, and signs in with it', async () => {
    await addVirtualAuthenticator();
    const client = newClient();
    const { user } = await userWithPasskey(client);

    // Choice-based sign-in without a preference: Cognito answers with the factors this user has.
    const step = await client.signIn({ username: user.username, authFlow: 'USER_AUTH' });
    expect(step.step).to.equal('CHOOSE_FIRST_FACTOR');
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${client}></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    // As if its sign-in form had started it: the authenticator moves to the challenge.
    el.dispatchEvent(new CustomEvent('cognito-challenge', { detail: { step } }));
    const first = await waitFor(() => el.querySelector<HTMLInputElement>('cognito-mfa input[name="factor"]'));
    expect([first.value, first.checked]).to.deep.equal(['WEB_AUTHN', true]);
    expect(first.closest('label')!.textContent.trim()).to.equal('Passkey');
    const signedIn = oneEvent(el, 'cognito-signed-in');
    submit(el, 'cognito-mfa');
    expect((await signedIn).detail.session.username).to.equal(user.username);
  });
});
