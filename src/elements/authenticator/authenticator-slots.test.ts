import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { cognito, disposeClients, POOL_ID, totp, uniqueName } from '../../../test/browser/support/core.ts';
import './authenticator.ts';
import type { CognitoAuthenticator } from './authenticator.component.ts';
import { elementClient as newClient, fill, submit, visible, waitFor } from '../../../test/browser/support/elements.ts';

const before = (a: Node, b: Node) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

const mount = () =>
  fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()}>
    <main id="app">App</main>
    <p slot="footer" id="legal">Acme Ltd</p>
    <h2 slot="header" id="logo">Acme</h2>
    <p slot="sign-in-header" id="welcome">Welcome back</p>
    <p slot="sign-up-footer" id="terms">By creating an account you accept the terms.</p>
    <p slot="forgot-password-header" id="reset-help">We will email you a code.</p>
    <p slot="mfa-header" id="mfa-help">Open your authenticator app.</p>
    <p slot="new-password-footer" id="policy">Choose a new password.</p>
  </cognito-authenticator>`);

/** Clicks the inner form's link whose text matches. */
function follow(el: Element, text: RegExp): void {
  const link = [...el.querySelectorAll<HTMLButtonElement>('.cognito-authenticator-ui .cognito-link')].find((b) => text.test(b.textContent ?? ''));
  if (!link) throw new Error(`no link ${text}`);
  link.click();
}

/** The slotted nodes visible now, by id, in document order. */
const shown = (el: Element) => [...el.querySelectorAll(':scope > [slot]')].filter(visible).map((node) => node.id);

describe('<cognito-authenticator> header and footer', () => {
  afterEach(() => disposeClients());

  it('keeps the same header and footer nodes around the form of every view, each per-view one only in its view', async () => {
    const el = await mount();
    const logo = el.querySelector('#logo')!;
    const legal = el.querySelector('#legal')!;
    const ui = el.querySelector('.cognito-authenticator-ui')!;
    const check = async (view: string, form: string, expected: string[]) => {
      await waitFor(() => el.querySelector(`${form} form`));
      await el.updateComplete;
      expect(el.getAttribute('current-view')).to.equal(view);
      expect(el.querySelector('#logo'), `${view}: the same header node`).to.equal(logo);
      expect(logo.parentNode).to.equal(el);
      for (const node of el.querySelectorAll(':scope > [slot$="header"]')) expect(before(node, ui), `${view}: ${node.id} above the form`).to.equal(true);
      for (const node of el.querySelectorAll(':scope > [slot$="footer"]')) expect(before(ui, node), `${view}: ${node.id} below the form`).to.equal(true);
      expect(shown(el), view).to.deep.equal(expected);
      expect(visible(el.querySelector('#app'))).to.equal(false);
    };
    await check('sign-in', 'cognito-sign-in', ['logo', 'welcome', 'legal']);
    follow(el, /create/i);
    await check('sign-up', 'cognito-sign-up', ['logo', 'legal', 'terms']);
    await expect(el).to.be.accessible();
    follow(el, /sign in/i);
    await check('sign-in', 'cognito-sign-in', ['logo', 'welcome', 'legal']);
    follow(el, /forgot/i);
    await check('forgot-password', 'cognito-forgot-password', ['logo', 'reset-help', 'legal']);
    expect(legal.isConnected).to.equal(true);
  });

  it("shows the mfa view's header during the TOTP step, hides every slotted node once signed in, and shows them again after sign-out", async () => {
    const el = await mount();
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    await fill(el, 'username', 'totp');
    await fill(el, 'password', 'Passw0rd!');
    submit(el, 'cognito-sign-in');
    await waitFor(() => el.querySelector('cognito-mfa input[name="code"]'));
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(['logo', 'mfa-help', 'legal']);
    await fill(el, 'code', totp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'));
    const signedIn = oneEvent(el, 'cognito-signed-in');
    submit(el, 'cognito-mfa');
    await signedIn;
    await el.updateComplete;
    expect(el.getAttribute('current-view')).to.equal('signed-in');
    expect(shown(el)).to.deep.equal([]);
    expect(visible(el.querySelector('#app'))).to.equal(true);
    await el.client!.signOut();
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(['logo', 'welcome', 'legal']);
  });

  it("shows the new-password view's footer when a user must choose a new password", async () => {
    const username = uniqueName('slotsnp');
    await cognito('AdminCreateUser', { UserPoolId: POOL_ID, Username: username, TemporaryPassword: 'Temp-Passw0rd', MessageAction: 'SUPPRESS' });
    const el = await mount();
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    await fill(el, 'username', username);
    await fill(el, 'password', 'Temp-Passw0rd');
    submit(el, 'cognito-sign-in');
    await waitFor(() => el.querySelector('cognito-new-password form'));
    await el.updateComplete;
    expect(el.getAttribute('current-view')).to.equal('new-password');
    expect(shown(el)).to.deep.equal(['logo', 'legal', 'policy']);
    await expect(el).to.be.accessible();
  });
});
