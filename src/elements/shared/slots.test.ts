import { expect, fixture, html } from '@open-wc/testing';
import { createUser, disposeClients, uniqueName } from '../../../test/browser/support/core.ts';
import '../sign-in/sign-in.ts';
import '../sign-up/sign-up.ts';
import type { CognitoSignIn } from '../sign-in/sign-in.component.ts';
import type { CognitoSignUp } from '../sign-up/sign-up.component.ts';
import { elementClient as newClient, fill, submit, visible, waitFor } from '../../../test/browser/support/elements.ts';

/** Whether `a` comes before `b` in the document (what a screen reader reads and Tab reaches first). */
const before = (a: Node, b: Node) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

/** The inputs a password manager sees: every input of the form, by name, type and autocomplete, in order. */
const inputs = (el: Element) =>
  [...el.querySelectorAll('input')].map((input) => `${input.name}:${input.type}:${input.autocomplete}:${input.closest('form') ? 'form' : '-'}`);

describe('header and footer (slot="header" / slot="footer") on an element', () => {
  afterEach(() => disposeClients());

  it('<cognito-sign-in>: the header is above the form and the footer below it, the same nodes, still after a failed sign-in re-renders the form', async () => {
    const user = await createUser({ prefix: 'slots' });
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${newClient()}>
      <p slot="footer" id="legal">By signing in you accept the terms.</p>
      <img slot="header" id="logo" alt="Acme" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" />
    </cognito-sign-in>`);
    const logo = el.querySelector('#logo')!;
    const legal = el.querySelector('#legal')!;
    const form = await waitFor(() => el.querySelector('form'));
    expect(before(logo, form), 'header before the form').to.equal(true);
    expect(before(form, legal), 'footer after the form').to.equal(true);
    expect(logo.parentNode).to.equal(el);
    expect(legal.parentNode).to.equal(el);
    await expect(el).to.be.accessible();

    await fill(el, 'username', user.username);
    await fill(el, 'password', 'Wrong-passw0rd');
    submit(el, 'cognito-sign-in');
    await waitFor(() => el.querySelector('.cognito-error:not(:empty), [aria-invalid="true"]'));
    expect(el.querySelector('#logo')).to.equal(logo);
    expect(el.querySelector('#legal')).to.equal(legal);
    const after = el.querySelector('form')!;
    expect(before(logo, after) && before(after, legal)).to.equal(true);
  });

  it('the inputs a password manager sees are the same with a header and footer as without', async () => {
    const plain = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${newClient()}></cognito-sign-in>`);
    const dressed = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${newClient()}
      ><h2 slot="header">Acme</h2>
      <p slot="footer"><a href="#help">Help</a></p></cognito-sign-in
    >`);
    await waitFor(() => plain.querySelector('form') && dressed.querySelector('form'));
    expect(inputs(dressed)).to.deep.equal(inputs(plain));
    expect(inputs(plain).length).to.be.greaterThan(1);
  });

  it('children added later (as the parser or a framework adds them) are placed, and removing one is fine', async () => {
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${newClient()}></cognito-sign-in>`);
    const form = await waitFor(() => el.querySelector('form'));
    const header = Object.assign(document.createElement('h2'), { slot: 'header', textContent: 'Acme' });
    const footer = Object.assign(document.createElement('p'), { slot: 'footer', textContent: 'Help' });
    const other = document.createElement('span');
    el.append(footer, header, other);
    await waitFor(() => before(header, form) || undefined);
    expect(before(form, footer)).to.equal(true);
    expect(other.parentNode, 'a child without a slot is left where it was').to.equal(el);
    expect(el.lastChild).to.equal(other);
    header.remove();
    footer.remove();
    el.requestUpdate();
    await el.updateComplete;
    expect(el.querySelector('form')).to.equal(form);
  });

  it('<cognito-sign-up>: the header stays above and the footer below from the sign-up form to the confirm step', async () => {
    const el = await fixture<CognitoSignUp>(html`<cognito-sign-up .client=${newClient()}
      ><div slot="header" id="brand">Acme</div>
      <div slot="footer" id="terms">Terms</div></cognito-sign-up
    >`);
    const brand = el.querySelector('#brand')!;
    const terms = el.querySelector('#terms')!;
    await waitFor(() => el.querySelector('form'));
    const username = uniqueName('slots');
    await fill(el, 'username', username);
    await fill(el, 'email', `${username}@example.com`);
    for (const input of el.querySelectorAll<HTMLInputElement>('input[autocomplete="new-password"]')) {
      input.value = 'Sign-up-Passw0rd';
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }
    submit(el, 'cognito-sign-up');
    const code = await waitFor(() => el.querySelector('input[name="code"]'));
    expect(el.querySelector('#brand')).to.equal(brand);
    expect(before(brand, code) && before(code, terms)).to.equal(true);
    expect(visible(brand) && visible(terms)).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
