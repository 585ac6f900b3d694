// Chromium only (the file name says so; web-test-runner.config.mjs loads *.chromium.test.ts in the Chromium
// run only): passkey ceremonies need a WebAuthn virtual authenticator, which only Chromium offers here (the
// DevTools Protocol's WebAuthn domain; neither WebKitWebDriver nor puppeteer's Firefox over BiDi has one).

import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CognitoClient } from '../../core/index.ts';
import { createUser, holdEmulator, newClient, type NewUser } from '../../../test/browser/support/core.ts';
import { addVirtualAuthenticator, removeVirtualAuthenticator } from '../../../test/browser/support/webauthn.ts';
import './account.ts';
import type { CognitoAccount } from './account.component.ts';
import { section, text } from '../../../test/browser/support/elements.ts';

/** A client of its own for the test, signed in as `user`. */
async function signedInClient(user: NewUser): Promise<CognitoClient> {
  const { client } = newClient({ storage: 'memory', autoRefresh: false });
  const step = await client.signIn({ username: user.username, password: user.password });
  expect(step.step).to.equal('DONE');
  return client;
}

describe('<cognito-account passkeys> with a virtual authenticator', () => {
  holdEmulator('shared');
  afterEach(() => removeVirtualAuthenticator());

  async function withPasskeys(client: CognitoClient): Promise<CognitoAccount> {
    const el = await fixture<CognitoAccount>(html`<cognito-account passkeys .client=${client} lang="en"></cognito-account>`);
    await waitUntil(() => el.querySelector('[data-section="passkeys"] ul, [data-section="passkeys"] p.cognito-hint'), 'the passkeys were not listed');
    return el;
  }

  it('adds a passkey with the device (a virtual authenticator), lists it and removes it', async () => {
    await addVirtualAuthenticator();
    const user = await createUser();
    const client = await signedInClient(user);
    const el = await withPasskeys(client);
    const passkeys = section(el, 'passkeys');
    expect(text(passkeys)).to.include('You have no passkeys yet.');

    const added = oneEvent(el, 'cognito-passkey-added');
    passkeys.querySelector<HTMLButtonElement>('[data-add-passkey]')!.click();
    const { credentialId } = (await added).detail;
    await el.updateComplete;
    const item = passkeys.querySelector(`[data-passkey="${CSS.escape(credentialId)}"]`);
    expect(item, 'the new passkey is listed').to.exist;
    expect(text(item)).to.match(/^Passkey Added /);
    expect(text(passkeys.querySelector('[role="status"]'))).to.equal('Your passkey was added.');
    expect((await client.listPasskeys()).map((p) => p.credentialId)).to.deep.equal([credentialId]);
    await expect(el).to.be.accessible();

    const removed = oneEvent(el, 'cognito-passkey-removed');
    item!.querySelector<HTMLButtonElement>('button')!.click();
    expect((await removed).detail.credentialId).to.equal(credentialId);
    await el.updateComplete;
    expect(text(passkeys)).to.include('You have no passkeys yet.');
    expect(text(passkeys.querySelector('[role="status"]'))).to.equal('The passkey was removed.');
    expect(await client.listPasskeys()).to.deep.equal([]);
  });
});
