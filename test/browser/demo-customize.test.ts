// The demo's Customize tab (demo/customize.ts), as the page renders it: the same template, formFields and
// hooks on a real <cognito-authenticator> against the emulator's demo pool (emulator/seed.json declares
// custom:plan). What the tab promises: the plan select arrives in Cognito as custom:plan, the phone number
// as E.164, the username and email lower-cased; an unticked terms box and the validate hook's findings
// stop the submit with a message on their field; the brand applies to this authenticator only; Back
// works (routing="hash"); axe finds nothing with the custom fields.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { adoptBrandStyles, brandedAuthenticator } from '../../demo/customize.ts';
import '../../src/elements/authenticator/authenticator.ts';
import '../../src/elements/sign-in/sign-in.ts';
import type { CognitoAuthenticator } from '../../src/elements/authenticator/authenticator.component.ts';
import { CLIENT_ID, cognito, countingFetch, disposeClients, latestCode, POOL_ID, rawRefusal, uniqueName } from './support/core.ts';
import { elementClient, type, visible, waitFor } from './support/elements.ts';
import { emulatorUrl } from './emulator-url.ts';

const PASSWORD = 'Northp3akTeam';
const original = location.href;

/** The tab's authenticator on the demo pool, with a client of the test's own (counting its calls when given a fetch). */
async function mount(fetch?: typeof globalThis.fetch): Promise<CognitoAuthenticator> {
  const client = elementClient(fetch ? { fetch } : {});
  const content = html`<p id="app">Signed in</p>`;
  return fixture<CognitoAuthenticator>(
    brandedAuthenticator({
      userPoolId: POOL_ID,
      clientId: CLIENT_ID,
      endpoint: emulatorUrl(),
      client,
      passwordPolicy: 'min-length:8 lowercase uppercase numbers',
      content,
    }),
  );
}

const control = <T extends Element = HTMLInputElement>(el: Element, name: string) => el.querySelector<T>(`cognito-sign-up [name="${CSS.escape(name)}"]`)!;

/** The message tied to an invalid control, or undefined while it is not marked invalid. */
function messageOf(el: Element, field: Element): string | undefined {
  if (field.getAttribute('aria-invalid') !== 'true') return undefined;
  return el.querySelector(`[id="${field.getAttribute('aria-describedby')!.split(' ')[0]}"]`)?.textContent ?? undefined;
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** From the sign-in form, "Create an account", as a visitor does. */
async function openSignUp(el: CognitoAuthenticator): Promise<void> {
  await waitFor(() => el.querySelector('cognito-sign-in form'));
  [...el.querySelectorAll<HTMLButtonElement>('cognito-sign-in .cognito-link')].find((b) => /create/i.test(b.textContent ?? ''))!.click();
  await waitFor(() => el.querySelector('cognito-sign-up select[name="plan"]'));
}

/** Every field of the sign-up form filled in as given, the terms box left as it is. */
async function fillSignUp(el: CognitoAuthenticator, values: { username: string; email: string; name: string; country?: string; phone?: string; plan: string }) {
  await type(control(el, 'username'), values.username);
  await type(control(el, 'email'), values.email);
  await type(control(el, 'name'), values.name);
  if (values.country) choose(control<HTMLSelectElement>(el, 'phone_number-country'), values.country);
  if (values.phone) await type(control(el, 'phone_number'), values.phone);
  choose(control<HTMLSelectElement>(el, 'plan'), values.plan);
  await type(control(el, 'password'), PASSWORD);
  await type(control(el, 'confirm-password'), PASSWORD);
}

const submitSignUp = (el: Element) => el.querySelector<HTMLFormElement>('cognito-sign-up form')!.requestSubmit();

const attributesOf = async (username: string) => {
  const user = await cognito<{ Username: string; UserAttributes: { Name: string; Value: string }[] }>('AdminGetUser', { UserPoolId: POOL_ID, Username: username });
  return { username: user.Username, attributes: Object.fromEntries(user.UserAttributes.map((a) => [a.Name, a.Value])) };
};

describe("The demo's Customize tab (demo/customize.ts)", () => {
  before(() => adoptBrandStyles());
  afterEach(() => {
    disposeClients();
    history.replaceState(null, '', original);
  });

  it('signs up with the plan sent as custom:plan, the phone in E.164, the names lower-cased and the terms not sent; an unticked box blocks it first; the user confirms and is signed in', async () => {
    const counter = countingFetch();
    const el = await mount(counter.fetch);
    await openSignUp(el);
    expect(location.hash).to.equal('#/sign-up');
    await expect(el).to.be.accessible();

    const id = uniqueName('cz');
    await fillSignUp(el, {
      username: `Jane.${id.toUpperCase()}`,
      email: `Jane.${id}@Example.COM`,
      name: 'Jane Doe',
      country: 'GB',
      phone: '07700 900123',
      plan: 'pro',
    });
    const terms = control(el, 'terms');
    submitSignUp(el);
    await waitUntil(() => messageOf(el, terms), 'the terms box was not marked');
    expect(messageOf(el, terms)).to.equal('Please tick this box to continue.');
    expect(document.activeElement).to.equal(terms);
    expect(counter.calls('SignUp')).to.equal(0);
    await expect(el).to.be.accessible();

    terms.click();
    submitSignUp(el);
    const code = await waitFor(() => el.querySelector<HTMLInputElement>('cognito-sign-up input[name="code"]'));
    const username = `jane.${id}`;
    const user = await attributesOf(username);
    expect(user.username).to.equal(username);
    expect(user.attributes).to.include({ email: `jane.${id}@example.com`, name: 'Jane Doe', phone_number: '+447700900123', 'custom:plan': 'pro' });
    expect(Object.keys(user.attributes).filter((name) => name.includes('terms'))).to.deep.equal([]);

    await type(code, await latestCode(username, 'signup'));
    el.querySelector<HTMLFormElement>('cognito-sign-up form')!.requestSubmit();
    await waitUntil(() => el.hasAttribute('signed-in'), 'not signed in after confirming', { timeout: 8000 });
    expect(visible(el.querySelector('#app'))).to.equal(true);
    expect(visible(el.querySelector('[slot="header"]'))).to.equal(false);
    expect(location.hash).to.equal('');
    expect((await el.client!.getSession()).claims['custom:plan']).to.equal('pro');
  });

  it("shows the validate hook's messages on their fields (a space in the username, a one-letter name, a reserved name) and sends nothing", async () => {
    const counter = countingFetch();
    history.replaceState(null, '', '#/sign-up');
    const el = await mount(counter.fetch);
    await waitFor(() => el.querySelector('cognito-sign-up select[name="plan"]'));
    await fillSignUp(el, { username: 'jane doe', email: 'jane@example.com', name: 'J', plan: 'free' });
    control(el, 'terms').click();
    submitSignUp(el);
    const username = control(el, 'username');
    const name = control(el, 'name');
    await waitUntil(() => messageOf(el, username) && messageOf(el, name), 'the hook did not mark the fields');
    expect([messageOf(el, username), messageOf(el, name)]).to.deep.equal(['No spaces, please: try jane.doe.', 'At least 2 characters, please.']);
    expect(document.activeElement).to.equal(username);
    await expect(el).to.be.accessible();

    // Asked of the stand-in backend (async): a reserved name, whatever its case.
    await type(username, 'Admin');
    await type(name, 'Jo');
    submitSignUp(el);
    await waitUntil(() => messageOf(el, username) === 'That name is reserved: pick another.' && !messageOf(el, name), 'the reserved name was not refused');
    expect(counter.calls('SignUp')).to.equal(0);
  });

  it('routing="hash": Back from sign-up returns to sign-in, Forward to sign-up again', async () => {
    const el = await mount();
    await openSignUp(el);
    expect([location.hash, el.getAttribute('current-view')]).to.deep.equal(['#/sign-up', 'sign-up']);
    history.back();
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    expect(location.hash).to.equal('');
    history.forward();
    await waitFor(() => el.querySelector('cognito-sign-up form'));
    expect(el.getAttribute('current-view')).to.equal('sign-up');
  });

  it('the brand (accent, corners, font) applies to this authenticator only; its header and footer are around the form', async () => {
    const el = await mount();
    const submit = await waitFor(() => el.querySelector('cognito-sign-in button[type="submit"]'));
    const style = getComputedStyle(submit);
    expect([style.backgroundColor, style.borderTopLeftRadius]).to.deep.equal(['rgb(15, 118, 110)', '2.25px']);
    expect(getComputedStyle(el).fontFamily).to.contain('Trebuchet MS');
    const header = el.querySelector('[slot="header"]')!;
    const footer = el.querySelector('[slot="footer"]')!;
    const form = el.querySelector('cognito-sign-in form')!;
    expect([visible(header), visible(footer), visible(el.querySelector('[slot="sign-up-header"]'))]).to.deep.equal([true, true, false]);
    expect(header.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(form.compareDocumentPosition(footer) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);

    // Another element on the same page keeps the kit's own accent.
    const plain = await fixture(html`<cognito-sign-in .client=${elementClient()}></cognito-sign-in>`);
    const own = await waitFor(() => plain.querySelector('button[type="submit"]'));
    expect(getComputedStyle(own).backgroundColor).to.equal('rgb(10, 88, 202)');
  });

  it('the demo pool takes custom:plan because its schema declares it, and refuses an attribute it does not declare, as Cognito does', async () => {
    const signUp = (attribute: string, value = 'pro') =>
      rawRefusal('SignUp', {
        ClientId: CLIENT_ID,
        Username: uniqueName('cz'),
        Password: PASSWORD,
        UserAttributes: [
          { Name: 'email', Value: 'cz@example.com' },
          { Name: attribute, Value: value },
        ],
      });
    for (const undeclared of ['custom:tier', 'plan']) {
      const refusal = await signUp(undeclared);
      expect(refusal.message, undeclared).to.equal(
        `InvalidParameterException: Attributes did not conform to the schema: ${undeclared}: Attribute does not exist in the schema.\n`,
      );
    }
    // The schema's constraints hold too: custom:plan is a string of at most 32 characters.
    const tooLong = await signUp('custom:plan', 'p'.repeat(33));
    expect(tooLong.message).to.equal(
      'InvalidParameterException: Attributes did not conform to the schema: custom:plan: String must be no longer than 32 characters\n',
    );
  });
});
