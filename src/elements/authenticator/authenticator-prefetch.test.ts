// The authenticator's first view is the sign-in form; the other steps' code is prefetched while the
// user is at it, so that over a slow network no step waits on its code (issue 16). The page's
// modules are slowed after the first load (test/browser/support/module-network.ts): every later
// module request waits. No wall clock is measured: what is checked is what the page shows.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { disposeClients, totp } from '../../../test/browser/support/core.ts';
import { elementClient as newClient, fill, submit, visible, waitFor } from '../../../test/browser/support/elements.ts';
import { normalModules, slowModules, touchedModules } from '../../../test/browser/support/module-network.ts';
import './authenticator.ts';
import type { CognitoAuthenticator } from './authenticator.component.ts';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('<cognito-authenticator> over a slowed network', () => {
  afterEach(async () => {
    disposeClients();
    await normalModules();
  });

  it('walks sign-in, MFA and signed in, the MFA step never waiting on its code', async () => {
    // The first load (the authenticator with its sign-in form) is over: from here every module is slow.
    expect(customElements.get('cognito-mfa'), 'MFA is not part of the first view').to.equal(undefined);
    await slowModules(150);
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()}><p id="app">App</p></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    // Whatever the authenticator renders from here on: never a placeholder waiting on code.
    const placeholders: string[] = [];
    const observer = new MutationObserver(() => {
      const waiting = el.querySelector('[data-view-loading]');
      if (waiting) placeholders.push(waiting.textContent ?? '');
    });
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    await fill(el, 'username', 'totp');
    await fill(el, 'password', 'Passw0rd!');
    // The user is still at the form, and has asked for no other step: its code arrives meanwhile.
    await waitFor(() => customElements.get('cognito-mfa'));
    expect(el.querySelector('cognito-sign-in form'), 'still at the sign-in form').to.exist;
    expect(await touchedModules()).to.include('/src/elements/mfa/mfa.ts', 'the MFA code came over the slowed network');

    let atChallenge: { defined: boolean; step: string } | undefined;
    let formNextTask: boolean | undefined;
    el.addEventListener(
      'cognito-challenge',
      (e) => {
        atChallenge = { defined: customElements.get('cognito-mfa') !== undefined, step: e.detail.step.step };
        // What the page shows once this task (and the renders it queued) is over.
        setTimeout(() => (formNextTask = el.querySelector('cognito-mfa input[name="code"]') !== null));
      },
      { once: true },
    );
    submit(el, 'cognito-sign-in');
    await waitFor(() => el.querySelector('cognito-mfa input[name="code"]'));
    await waitFor(() => formNextTask !== undefined || undefined);
    expect(atChallenge).to.deep.equal({ defined: true, step: 'TOTP_CODE' });
    expect(formNextTask, 'the MFA form is there right after the challenge').to.equal(true);

    await fill(el, 'code', totp(TOTP_SECRET));
    const signedIn = oneEvent(el, 'cognito-signed-in');
    submit(el, 'cognito-mfa');
    expect((await signedIn).detail.session.username).to.equal('totp');
    await el.updateComplete;
    expect(visible(el.querySelector('#app'))).to.equal(true);
    observer.disconnect();
    expect(placeholders, 'no step showed a loading placeholder').to.deep.equal([]);
  });
});
