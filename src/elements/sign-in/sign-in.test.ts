import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CognitoClient, memoryStore } from '../../core/index.ts';
import { emulatorUrl } from '../../../test/browser/emulator-url.ts';
import { cognito, countingFetch } from '../../../test/browser/support/core.ts';
import { elementClient as newClient, type } from '../../../test/browser/support/elements.ts';
import { localeReady } from '../shared/localize.ts';
import './sign-in.ts';
import type { CognitoSignIn } from './sign-in.component.ts';

const POOL = 'us-east-1_DemoPool1';
const CLIENT = 'democlient0000000000000001';

describe('<cognito-sign-in>', () => {
  it('renders a light-DOM form whose inputs carry the autocomplete tokens password managers need', async () => {
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${newClient()}></cognito-sign-in>`);
    expect(el.shadowRoot).to.equal(null);
    const username = el.querySelector<HTMLInputElement>('input[name="username"]')!;
    const password = el.querySelector<HTMLInputElement>('input[name="password"]')!;
    expect(username.getAttribute('autocomplete')).to.equal('username');
    expect(password.getAttribute('autocomplete')).to.equal('current-password');
    expect(password.type).to.equal('password');
    expect(el.querySelector(`label[for="${password.id}"]`)).to.exist;
    await expect(el).to.be.accessible();
  });

  it('signs in with SRP on Enter, fires cognito-signed-in and removes the form', async () => {
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${newClient()}></cognito-sign-in>`);
    await type(el.querySelector('input[name="username"]')!, 'demo');
    await type(el.querySelector('input[name="password"]')!, 'Passw0rd!');
    const signedIn = oneEvent(el, 'cognito-signed-in');
    el.querySelector('form')!.requestSubmit();
    const event = await signedIn;
    expect(event.detail.session.claims.email).to.equal('demo@example.com');
    await el.updateComplete;
    expect(el.querySelector('form')).to.equal(null);
  });

  it('shows a wrong password in a live region and keeps what was typed', async () => {
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${newClient()}></cognito-sign-in>`);
    await type(el.querySelector('input[name="username"]')!, 'demo');
    await type(el.querySelector('input[name="password"]')!, 'wrong-password');
    const failed = oneEvent(el, 'cognito-error');
    el.querySelector('form')!.requestSubmit();
    expect((await failed).detail.code).to.equal('NotAuthorizedException');
    await el.updateComplete;
    const region = el.querySelector('.cognito-error')!;
    expect(region.getAttribute('aria-live')).to.equal('assertive');
    expect(region.textContent).to.equal('Incorrect username or password.');
    expect(el.querySelector<HTMLInputElement>('input[name="username"]')!.value).to.equal('demo');
    expect(el.querySelector<HTMLInputElement>('input[name="password"]')!.value).to.equal('wrong-password');
    await expect(el).to.be.accessible();
  });

  it('steps aside for a challenge and comes back when the sign-in is cancelled elsewhere', async () => {
    const client = newClient();
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${client}></cognito-sign-in>`);
    await type(el.querySelector('input[name="username"]')!, 'totp');
    await type(el.querySelector('input[name="password"]')!, 'Passw0rd!');
    const challenged = oneEvent(el, 'cognito-challenge');
    el.querySelector('form')!.requestSubmit();
    expect((await challenged).detail.step.step).to.equal('TOTP_CODE');
    await el.updateComplete;
    expect(el.querySelector('form')).to.equal(null);
    client.cancelSignIn();
    await el.updateComplete;
    expect(el.querySelector('form')).to.exist;
    expect(el.querySelector<HTMLInputElement>('input[name="username"]')!.value).to.equal('totp');
  });

  it('says so when the session ends without the user asking here, and says nothing when they sign out', async () => {
    const client = newClient();
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${client}></cognito-sign-in>`);
    const signIn = async () => {
      await type(el.querySelector('input[name="username"]')!, 'demo');
      await type(el.querySelector('input[name="password"]')!, 'Passw0rd!');
      const signedIn = oneEvent(el, 'cognito-signed-in');
      el.querySelector('form')!.requestSubmit();
      return (await signedIn).detail.session;
    };
    const session = await signIn();

    // Signed out everywhere from another device: the client's next call finds out.
    await cognito('GlobalSignOut', { AccessToken: session.accessToken });
    await client.getUser().catch(() => undefined);
    await el.updateComplete;
    expect(el.querySelector('form')).to.exist;
    // Issue 13: under the title as information (not a red error), and the username is kept.
    expect(el.querySelector('.cognito-notice[role="status"]')!.textContent).to.equal('Your session has ended. Please sign in again.');
    expect(el.querySelector('.cognito-error')!.textContent).to.equal('');
    expect(el.querySelector<HTMLInputElement>('input[name="username"]')!.value).to.equal('demo');
    await expect(el).to.be.accessible();

    await signIn();
    expect(el.querySelector('.cognito-notice'), 'gone once they sign in again').to.equal(null);
    await client.signOut();
    await el.updateComplete;
    expect(el.querySelector('form')).to.exist;
    expect(el.querySelector('.cognito-notice')).to.equal(null);
    expect(el.querySelector<HTMLInputElement>('input[name="username"]')!.value, 'their own sign-out starts empty').to.equal('');
  });

  it('says so when another tab (here: another client of the same store) signed out', async () => {
    const store = memoryStore();
    const options = { userPoolId: POOL, clientId: CLIENT, endpoint: emulatorUrl(), storage: store, autoRefresh: false };
    const [client, otherTab] = [new CognitoClient(options), new CognitoClient(options)];
    try {
      const el = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${client}></cognito-sign-in>`);
      await type(el.querySelector('input[name="username"]')!, 'demo');
      await type(el.querySelector('input[name="password"]')!, 'Passw0rd!');
      const signedIn = oneEvent(el, 'cognito-signed-in');
      el.querySelector('form')!.requestSubmit();
      await signedIn;

      const signedOut = oneEvent(client, 'signed-out');
      await otherTab.signOut();
      expect((await signedOut).detail.reason).to.equal('other-tab');
      await el.updateComplete;
      expect(el.querySelector('.cognito-notice')!.textContent).to.equal('You were signed out in another tab.');
    } finally {
      client.dispose();
      otherTab.dispose();
    }
  });

  it('"Show password" shows the password as text while checked, and hides it again when the form is sent', async () => {
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${newClient()}></cognito-sign-in>`);
    const password = el.querySelector<HTMLInputElement>('input[name="password"]')!;
    const toggle = el.querySelector<HTMLInputElement>('input[type="checkbox"][data-show-password]')!;
    expect(toggle.closest('label')!.textContent.trim()).to.equal('Show password');
    await type(el.querySelector('input[name="username"]')!, 'demo');
    await type(password, 'wrong-password');

    toggle.click();
    expect(password.type).to.equal('text');
    expect(password.getAttribute('autocomplete'), 'still the password a manager fills').to.equal('current-password');
    await expect(el).to.be.accessible();
    toggle.click();
    expect(password.type).to.equal('password');

    toggle.click();
    const failed = oneEvent(el, 'cognito-error');
    el.querySelector('form')!.requestSubmit();
    expect(password.type, 'hidden before the form is sent').to.equal('password');
    expect(toggle.checked).to.equal(false);
    await failed;
    await el.updateComplete;
    expect(password.type, 'a re-render keeps it hidden').to.equal('password');
    expect(password.value, 'what was typed is kept').to.equal('wrong-password');
  });

  it('can be completed with the keyboard alone: type, Tab, type, Enter', async () => {
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${newClient()}></cognito-sign-in>`);
    el.querySelector<HTMLInputElement>('input[name="username"]')!.focus();
    await sendKeys({ type: 'demo' });
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(el.querySelector('input[name="password"]'));
    await sendKeys({ type: 'Passw0rd!' });
    const signedIn = oneEvent(el, 'cognito-signed-in');
    await sendKeys({ press: 'Enter' });
    expect((await signedIn).detail.session.username).to.equal('demo');
  });

  // Issue 13: empty fields answered "Something went wrong" (InitiateAuth refuses an empty USERNAME
  // with a bare InvalidParameterException). Now they are said on the fields, before anything is sent.
  it('says on each empty field that it is required, focuses the first and sends nothing', async () => {
    const counting = countingFetch();
    const client = new CognitoClient({ userPoolId: POOL, clientId: CLIENT, endpoint: emulatorUrl(), storage: 'memory', autoRefresh: false, fetch: counting.fetch });
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${client}></cognito-sign-in>`);
    const username = el.querySelector<HTMLInputElement>('input[name="username"]')!;
    const password = el.querySelector<HTMLInputElement>('input[name="password"]')!;
    await type(username, '   ');
    const failed = oneEvent(el, 'cognito-error');
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const { detail } = await failed;
    expect([detail.code, detail.field, detail.message]).to.deep.equal(['InvalidFieldError', 'username', 'Please fill in this field.']);
    await el.updateComplete;
    for (const input of [username, password]) {
      expect(input.getAttribute('aria-invalid'), input.name).to.equal('true');
      const message = el.querySelector(`#${input.getAttribute('aria-describedby')!.split(' ')[0]}`);
      expect(message?.textContent, input.name).to.equal('Please fill in this field.');
    }
    expect(el.textContent).not.to.contain('Something went wrong');
    expect(document.activeElement).to.equal(username);
    expect(counting.calls('InitiateAuth')).to.equal(0);
    await expect(el).to.be.accessible();

    // Filled in, the marks go with the next try.
    await type(username, 'demo');
    await type(password, 'wrong-password');
    const refused = oneEvent(el, 'cognito-error');
    el.querySelector('form')!.requestSubmit();
    expect((await refused).detail.code).to.equal('NotAuthorizedException');
    await el.updateComplete;
    expect(el.querySelectorAll('[aria-invalid]').length).to.equal(0);
    expect(el.querySelectorAll('.cognito-field-error').length).to.equal(0);
  });

  it('says a field is required in the page language', async () => {
    await localeReady('de');
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in lang="de" .client=${newClient()}></cognito-sign-in>`);
    const failed = oneEvent(el, 'cognito-error');
    el.querySelector('form')!.requestSubmit();
    expect((await failed).detail.message).to.equal('Bitte füllen Sie dieses Feld aus.');
  });

  // Issue 13: a stored session was shown (or not) without any event; the app never learnt of it.
  it('with a stored session, says who is signed in and fires cognito-signed-in with restored: true', async () => {
    const client = newClient();
    expect((await client.signIn({ username: 'demo', password: 'Passw0rd!' })).step).to.equal('DONE');
    const seen: CustomEvent[] = [];
    const el = document.createElement('cognito-sign-in');
    el.addEventListener('cognito-signed-in', (e) => seen.push(e));
    el.client = client;
    document.body.append(el);
    try {
      await waitUntil(() => seen.length === 1, 'no cognito-signed-in');
      expect(seen[0].detail.restored).to.equal(true);
      await el.updateComplete;
      expect(el.querySelector('form')).to.equal(null);
      expect(el.querySelector('[role="status"]')!.textContent).to.equal('Signed in as demo@example.com.');
    } finally {
      el.remove();
      client.dispose();
    }
  });
});
