// A step whose code cannot be loaded (offline): the authenticator says so and what to do, and loads
// it when asked to try again. The fault is the page's modules failed on purpose
// (test/browser/support/module-network.ts): the emulator cannot produce it. A file of its own, so no
// other test has loaded the code already.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { disposeClients } from '../../../test/browser/support/core.ts';
import { elementClient as newClient, waitFor } from '../../../test/browser/support/elements.ts';
import { failModules, normalModules, watchForBlank } from '../../../test/browser/support/module-network.ts';
import './authenticator.ts';
import type { CognitoAuthenticator } from './authenticator.component.ts';

describe('<cognito-authenticator> offline', () => {
  afterEach(async () => {
    disposeClients();
    await normalModules();
  });

  it('says the step could not be loaded and what to do, and tries again when asked', async () => {
    await failModules('/src/elements/sign-up/');
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()}></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    const watch = watchForBlank(el);
    const link = [...el.querySelectorAll<HTMLButtonElement>('cognito-sign-in .cognito-link')].find((b) => /create/i.test(b.textContent ?? ''))!;
    link.click();
    const alert = await waitFor(() => el.querySelector('[role="alert"]'));
    expect(alert.textContent).to.match(/could not be loaded.*connection.*try again or reload/i);
    await expect(el).to.be.accessible();
    await normalModules();
    const retry = el.querySelector<HTMLButtonElement>('.cognito-authenticator-ui button.cognito-button')!;
    expect(retry.textContent?.trim()).to.equal('Try again');
    // The link that was pressed is gone: the focus goes to what the user can do, not to the body.
    await waitUntil(() => document.activeElement === retry, 'the focus is not on Try again');
    retry.click();
    // Loaded now (Chromium, WebKit); Firefox keeps a module that failed for the page's life, so there
    // the alert comes back, which is why it also says to reload the page. Never nothing.
    const keepsFailures = navigator.userAgent.includes('Firefox');
    const after = await waitFor(() => el.querySelector(keepsFailures ? '[role="alert"]' : 'cognito-sign-up form'));
    if (keepsFailures) expect(after.textContent).to.match(/reload the page/);
    else expect(el.querySelector('[role="alert"]')).to.equal(null);
    watch.stop();
    expect(watch.blanks, 'the view was never blank').to.equal(0);
  });
});
