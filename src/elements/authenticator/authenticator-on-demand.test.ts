// When a step's code has not arrived by the time the step comes (its prefetch still on the way), the
// authenticator shows that it is loading, then the form: never a blank view. When the code cannot be
// loaded at all (offline), it says so and what to do (authenticator-offline.test.ts). The network faults
// are the page's modules held or failed on purpose (test/browser/support/module-network.ts): the
// emulator cannot produce them. Each case has a test file of its own, so no other test has loaded the code already.
import { expect, fixture, html } from '@open-wc/testing';
import { disposeClients } from '../../../test/browser/support/core.ts';
import { elementClient as newClient, fill, submit, waitFor } from '../../../test/browser/support/elements.ts';
import { holdModules, normalModules, releaseModules, touchedModules, watchForBlank } from '../../../test/browser/support/module-network.ts';
import './authenticator.ts';
import type { CognitoAuthenticator } from './authenticator.component.ts';

describe('<cognito-authenticator> with a step whose code is late or missing', () => {
  afterEach(async () => {
    disposeClients();
    await normalModules();
  });

  it('shows the step loading, then its form, when its code is still on the way', async () => {
    await holdModules('/src/elements/mfa/');
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()}></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    await fill(el, 'username', 'totp');
    await fill(el, 'password', 'Passw0rd!');
    const watch = watchForBlank(el);
    submit(el, 'cognito-sign-in');
    const loading = await waitFor(() => el.querySelector('[data-view-loading]'));
    expect(loading.getAttribute('role')).to.equal('status');
    expect(loading.textContent).to.equal('Loading…');
    expect(customElements.get('cognito-mfa')).to.equal(undefined);
    expect(await touchedModules()).to.include('/src/elements/mfa/mfa.ts', 'the prefetch asked for it and is held');
    await releaseModules();
    await waitFor(() => el.querySelector('cognito-mfa input[name="code"]'));
    expect(el.querySelector('[data-view-loading]')).to.equal(null);
    watch.stop();
    expect(watch.blanks, 'the view was never blank').to.equal(0);
  });
});
