import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createUser, disposeClients } from '../../../test/browser/support/core.ts';
import './authenticator.ts';
import type { CognitoAuthenticator } from './authenticator.component.ts';
import { elementClient as newClient, fill, submit, visible, waitFor } from '../../../test/browser/support/elements.ts';

/** A page with a button of its own beside the authenticator, as a page behind a modal has. */
async function page(open = true) {
  const root = await fixture<HTMLDivElement>(html`<div>
    <button id="outside">Page button</button>
    <cognito-authenticator .client=${newClient()} variation="modal" open=${open ? 'true' : 'false'}>
      <main id="app">App</main>
      <h2 slot="header" id="logo">Acme</h2>
      <p slot="footer" id="legal">Acme Ltd</p>
    </cognito-authenticator>
  </div>`);
  const el = root.querySelector<CognitoAuthenticator>('cognito-authenticator')!;
  return { el, outside: root.querySelector<HTMLButtonElement>('#outside')! };
}

const dialogOf = (el: Element) => el.querySelector<HTMLDialogElement>(':scope > dialog');

describe('<cognito-authenticator variation="modal">', () => {
  afterEach(() => disposeClients());

  it('opens the sign-in form in a modal <dialog> with the header and footer, the focus in the form, the page behind inert; axe finds nothing', async () => {
    const { el, outside } = await page();
    const dialog = await waitFor(() => (dialogOf(el)?.open && dialogOf(el)?.querySelector('cognito-sign-in form') ? dialogOf(el) : undefined));
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.querySelector('#logo'), 'header in the dialog').to.not.equal(null);
    expect(dialog.querySelector('#legal'), 'footer in the dialog').to.not.equal(null);
    const ui = dialog.querySelector('.cognito-authenticator-ui')!;
    expect(dialog.querySelector('#logo')!.compareDocumentPosition(ui) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    expect(ui.compareDocumentPosition(dialog.querySelector('#legal')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    await waitFor(() => dialog.contains(document.activeElement) && document.activeElement !== dialog);
    expect(document.activeElement!.matches('input[name="username"]')).to.equal(true);
    // Modal: the page's own button cannot take the focus.
    outside.focus();
    expect(document.activeElement).to.not.equal(outside);
    expect(dialog.getAttribute('aria-labelledby')).to.equal(dialog.querySelector('.cognito-heading')!.id);
    expect(visible(el.querySelector('#app'))).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('Escape fires cognito-dismiss and closes the dialog (open false); open = true shows it again; a prevented dismiss keeps it open', async () => {
    const { el } = await page();
    const dialog = await waitFor(() => (dialogOf(el)?.open && dialogOf(el)?.querySelector('cognito-sign-in form') ? dialogOf(el) : undefined));
    await waitFor(() => dialog.contains(document.activeElement));
    const dismissed = oneEvent(el, 'cognito-dismiss');
    await sendKeys({ press: 'Escape' });
    expect((await dismissed).cancelable).to.equal(true);
    await waitFor(() => !dialog.open);
    expect(el.open).to.equal(false);

    el.open = true;
    await waitFor(() => dialog.open);
    expect(dialog.matches(':modal')).to.equal(true);
    await waitFor(() => dialog.contains(document.activeElement));

    el.addEventListener('cognito-dismiss', (e) => e.preventDefault());
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(dialog.open).to.equal(true);
    expect(el.open).to.equal(true);
  });

  it('open="false" starts closed; signing in closes the dialog and shows the app, signing out opens it again', async () => {
    const user = await createUser({ prefix: 'modal' });
    const { el } = await page(false);
    const dialog = await waitFor(() => (el.querySelector('cognito-sign-in form') ? dialogOf(el) : undefined));
    await el.updateComplete;
    expect(dialog.open).to.equal(false);
    el.open = true;
    await waitFor(() => dialog.open);
    await fill(el, 'username', user.username);
    await fill(el, 'password', user.password);
    const signedIn = oneEvent(el, 'cognito-signed-in');
    submit(el, 'cognito-sign-in');
    await signedIn;
    await waitFor(() => !dialog.open);
    await el.updateComplete;
    expect(visible(el.querySelector('#app'))).to.equal(true);
    await el.client!.signOut();
    await waitFor(() => dialog.open && el.querySelector('cognito-sign-in form'));
    expect(visible(el.querySelector('#app'))).to.equal(false);
  });

  it('a framework that still takes the element for the parent of its header and footer can remove, replace and add them (as React does)', async () => {
    const { el } = await page();
    const dialog = await waitFor(() => (dialogOf(el)?.open ? dialogOf(el) : undefined));
    const ui = dialog.querySelector('.cognito-authenticator-ui')!;
    const after = (a: Node, b: Node) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    const logo = el.querySelector('#logo')!;
    const legal = el.querySelector('#legal')!;
    expect(logo.parentNode).to.equal(dialog);

    const brand = Object.assign(document.createElement('h2'), { slot: 'header', id: 'brand', textContent: 'Acme 2' });
    expect(el.replaceChild(brand, logo)).to.equal(logo);
    expect(logo.isConnected).to.equal(false);
    await waitFor(() => brand.parentNode === dialog && after(brand, ui));

    const help = Object.assign(document.createElement('p'), { slot: 'footer', id: 'help', textContent: 'Help' });
    el.insertBefore(help, legal);
    await waitFor(() => help.parentNode === dialog && after(ui, help));

    // App content a framework adds next to a slotted child stays the element's own, outside the dialog.
    const more = Object.assign(document.createElement('section'), { id: 'more' });
    el.insertBefore(more, help);
    expect(more.parentNode).to.equal(el);

    expect(el.removeChild(legal)).to.equal(legal);
    expect(legal.isConnected).to.equal(false);
    expect(dialog.open).to.equal(true);
  });

  it('moved elsewhere in the page (disconnected and connected again), the forms stay in the dialog', async () => {
    const { el } = await page();
    const dialog = await waitFor(() => (dialogOf(el)?.open ? dialogOf(el) : undefined));
    const host = el.parentElement!;
    host.append(el);
    await el.updateComplete;
    expect(dialog.querySelector(':scope > .cognito-authenticator-ui')).to.not.equal(null);
    expect(el.querySelector(':scope > .cognito-authenticator-ui')).to.equal(null);
    await waitFor(() => dialog.matches(':modal') && dialog.querySelector('cognito-sign-in form'));
  });

  it('variation set back to "default" puts the forms, the header and the footer back in the page', async () => {
    const { el } = await page();
    const dialog = await waitFor(() => (dialogOf(el)?.open ? dialogOf(el) : undefined));
    el.variation = 'default';
    await waitFor(() => !dialog.isConnected);
    const ui = el.querySelector(':scope > .cognito-authenticator-ui')!;
    expect(ui).to.not.equal(null);
    expect(el.querySelector('#logo')!.parentNode).to.equal(el);
    expect(el.querySelector('#legal')!.parentNode).to.equal(el);
    expect(visible(ui) && visible(el.querySelector('#logo'))).to.equal(true);
  });
});
