import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { Secret, TOTP } from 'otpauth';
import { CognitoClient, memoryStore } from '../../core/index.ts';
import { emulatorUrl } from '../../../test/browser/emulator-url.ts';
import { cognito, createUser, disposeClients } from '../../../test/browser/support/core.ts';
import './authenticator.ts';
import type { CognitoAuthenticator } from './authenticator.component.ts';
import { elementClient as newClient, fill, submit, visible, waitFor } from '../../../test/browser/support/elements.ts';

const POOL = 'us-east-1_DemoPool1';
const CLIENT = 'democlient0000000000000001';

async function latestCode(username: string, purpose: string): Promise<string> {
  const messages = await (await fetch(`${emulatorUrl()}/__emulator/outbox?username=${encodeURIComponent(username)}&purpose=${purpose}`)).json();
  return messages.at(-1).code;
}

describe('<cognito-authenticator>', () => {
  afterEach(() => {
    disposeClients();
  });

  it('walks sign-in with SRP and then shows the app content it wraps', async () => {
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()}><main id="app">Welcome</main></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    expect(visible(el.querySelector('#app'))).to.equal(false);
    await expect(el).to.be.accessible();
    await fill(el, 'username', 'demo');
    await fill(el, 'password', 'Passw0rd!');
    const signedIn = oneEvent(el, 'cognito-signed-in');
    submit(el, 'cognito-sign-in');
    expect((await signedIn).detail.session.username).to.equal('demo');
    await el.updateComplete;
    expect(el.hasAttribute('signed-in')).to.equal(true);
    expect(visible(el.querySelector('#app'))).to.equal(true);
    expect(visible(el.querySelector('.cognito-authenticator-ui'))).to.equal(false);
  });

  it('signing in here leaves the focus at the start of the app content (the element), not on the body; a restored session moves none', async () => {
    const user = await createUser({ prefix: 'focus' });
    const client = newClient();
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${client}><main id="app">Welcome</main></cognito-authenticator>`);
    await fill(el, 'username', user.username);
    await fill(el, 'password', user.password);
    submit(el, 'cognito-sign-in');
    await waitUntil(() => el.hasAttribute('signed-in'), 'not signed in');
    await waitUntil(() => document.activeElement === el, `the focus is on ${document.activeElement?.localName}`);

    el.blur();
    const again = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${client}><main>Welcome back</main></cognito-authenticator>`);
    await waitUntil(() => again.hasAttribute('signed-in'), 'the stored session was not used');
    await new Promise((resolve) => setTimeout(resolve)); // the task in which a focus move would happen
    expect(document.activeElement).to.not.equal(again);
  });

  it('continues a TOTP challenge in the same element', async () => {
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()}><p id="app">App</p></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    await fill(el, 'username', 'totp');
    await fill(el, 'password', 'Passw0rd!');
    submit(el, 'cognito-sign-in');
    await waitFor(() => el.querySelector('cognito-mfa input[name="code"]'));
    await expect(el).to.be.accessible();
    const code = new TOTP({ secret: Secret.fromBase32('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'), digits: 6, period: 30, algorithm: 'SHA1' }).generate();
    await fill(el, 'code', code);
    const signedIn = oneEvent(el, 'cognito-signed-in');
    submit(el, 'cognito-mfa');
    await signedIn;
    await el.updateComplete;
    expect(visible(el.querySelector('#app'))).to.equal(true);
  });

  it('goes to sign-up from the link, confirms with the emailed code and signs in', async () => {
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()}><p id="app">App</p></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    const link = [...el.querySelectorAll<HTMLButtonElement>('cognito-sign-in .cognito-link')].find((b) => /create/i.test(b.textContent ?? ''))!;
    link.click();
    await waitFor(() => el.querySelector('cognito-sign-up form'));
    const username = `auth-${crypto.randomUUID().slice(0, 8)}`;
    await fill(el, 'username', username);
    await fill(el, 'email', `${username}@example.com`);
    for (const input of el.querySelectorAll<HTMLInputElement>('cognito-sign-up input[autocomplete="new-password"]')) {
      input.value = 'Sign-up-Passw0rd';
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }
    const signedUp = oneEvent(el, 'cognito-signed-up');
    submit(el, 'cognito-sign-up');
    await signedUp;
    await fill(el, 'code', await latestCode(username, 'signup'));
    const signedIn = oneEvent(el, 'cognito-signed-in');
    submit(el, 'cognito-sign-up');
    expect((await signedIn).detail.session.username).to.equal(username);
    await el.updateComplete;
    expect(visible(el.querySelector('#app'))).to.equal(true);
  });

  it('auto-sign-in="false" turns off signing in after a sign-up; the default, another value or removing it leaves it on', async () => {
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator auto-sign-in="false" .client=${newClient()}></cognito-authenticator>`);
    expect(el.autoSignIn).to.equal(false);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    [...el.querySelectorAll<HTMLButtonElement>('cognito-sign-in .cognito-link')].find((b) => /create/i.test(b.textContent ?? ''))!.click();
    const signUp = await waitFor(() => el.querySelector<HTMLElement & { autoSignIn: boolean }>('cognito-sign-up'));
    expect(signUp.autoSignIn, 'the sign-up form it shows').to.equal(false);
    el.setAttribute('auto-sign-in', '');
    expect(el.autoSignIn).to.equal(true);
    el.setAttribute('auto-sign-in', 'FALSE');
    expect(el.autoSignIn).to.equal(false);
    el.removeAttribute('auto-sign-in');
    expect(el.autoSignIn).to.equal(true);
    const plain = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()}></cognito-authenticator>`);
    expect(plain.autoSignIn).to.equal(true);
  });

  it('hands formFields and hooks to each inner form, and remember-device to the MFA step', async () => {
    const formFields = { signIn: { fields: { username: { label: 'Login name' } } }, signUp: { fields: { username: { label: 'Pick a login name' } } } };
    const transformed: string[] = [];
    const hooks = { signIn: { transform: (values: Record<string, unknown>) => (transformed.push(String(values.username)), values) } };
    const el = await fixture<CognitoAuthenticator>(
      html`<cognito-authenticator remember-device="never" .formFields=${formFields} .hooks=${hooks} .client=${newClient()}></cognito-authenticator>`,
    );
    const label = (form: string) => el.querySelector<HTMLLabelElement>(`${form} label[for$="-username"]`)?.textContent?.trim();
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    expect(label('cognito-sign-in')).to.equal('Login name');
    await fill(el, 'username', 'totp');
    await fill(el, 'password', 'Passw0rd!');
    submit(el, 'cognito-sign-in');
    const mfa = await waitFor(() => el.querySelector<HTMLElement & { rememberDevice: string }>('cognito-mfa'));
    expect(mfa.rememberDevice).to.equal('never');
    expect(transformed).to.deep.equal(['totp']);
    const sign = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .formFields=${formFields} .client=${newClient()}></cognito-authenticator>`);
    await waitFor(() => sign.querySelector('cognito-sign-in form'));
    [...sign.querySelectorAll<HTMLButtonElement>('cognito-sign-in .cognito-link')].find((b) => /create/i.test(b.textContent ?? ''))!.click();
    await waitFor(() => sign.querySelector('cognito-sign-up form'));
    expect(sign.querySelector<HTMLLabelElement>('cognito-sign-up label[for$="-username"]')?.textContent?.trim()).to.equal('Pick a login name');
  });

  it('opens the forgot-password form from the sign-in link, carrying the username over', async () => {
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()}></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    await fill(el, 'username', 'demo');
    const link = [...el.querySelectorAll<HTMLButtonElement>('cognito-sign-in .cognito-link')].find((b) => /forgot/i.test(b.textContent ?? ''))!;
    link.click();
    const input = await waitFor(() => el.querySelector<HTMLInputElement>('cognito-forgot-password input[name="username"]'));
    expect(input.value).to.equal('demo');
    await expect(el).to.be.accessible();
  });

  it('opens on the app for a stored session, and returns to sign-in when the user signs out', async () => {
    const store = memoryStore();
    const client = newClient({ store });
    const step = await client.signIn({ username: 'demo', password: 'Passw0rd!' });
    expect(step.step).to.equal('DONE');
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${client}><p id="app">App</p></cognito-authenticator>`);
    await waitUntil(() => el.hasAttribute('signed-in'), 'stored session not used', { timeout: 8000 });
    expect(visible(el.querySelector('#app'))).to.equal(true);
    const signedOut = oneEvent(el, 'cognito-signed-out');
    await client.signOut();
    expect((await signedOut).detail.reason).to.equal('user');
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    expect(visible(el.querySelector('#app'))).to.equal(false);
    expect(el.querySelector('cognito-sign-in .cognito-notice'), 'no notice when the user signed out here').to.equal(null);
    expect(el.querySelector<HTMLInputElement>('cognito-sign-in input[name="username"]')!.value, 'after their own sign-out the form starts empty').to.equal('');
  });

  it('on load, a stored session that can no longer be renewed brings the sign-in form, saying so', async () => {
    const store = memoryStore();
    const client = newClient({ store });
    const step = await client.signIn({ username: 'demo', password: 'Passw0rd!' });
    if (step.step !== 'DONE') throw new Error(`expected DONE, got ${step.step}`);
    // Since the last visit: signed out everywhere from another device, and the access token went stale.
    await cognito('GlobalSignOut', { AccessToken: step.session.accessToken });
    const stored = await store.get<{ expiresAt: number }>('session');
    await store.set('session', { ...stored!, expiresAt: Date.now() - 1000 });

    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${client}><p id="app">App</p></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    expect(visible(el.querySelector('#app'))).to.equal(false);
    expect(el.querySelector('cognito-sign-in .cognito-notice')?.textContent).to.equal('Your session has ended. Please sign in again.');
  });

  it('on load without a stored session, the sign-in form says nothing', async () => {
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()}></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    expect(el.querySelector('cognito-sign-in .cognito-notice')).to.equal(null);
  });

  it('back at sign-in after the session ended elsewhere, says so until the user signs in again', async () => {
    const client = newClient();
    const step = await client.signIn({ username: 'demo', password: 'Passw0rd!' });
    if (step.step !== 'DONE') throw new Error(`expected DONE, got ${step.step}`);
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${client}><p id="app">App</p></cognito-authenticator>`);
    await waitUntil(() => el.hasAttribute('signed-in'), 'stored session not used', { timeout: 8000 });

    // Signed out everywhere from another device: the client's next call finds out.
    await cognito('GlobalSignOut', { AccessToken: step.session.accessToken });
    const signedOut = oneEvent(el, 'cognito-signed-out');
    await client.getUser().catch(() => undefined);
    expect((await signedOut).detail.reason).to.equal('expired');
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    const notice = el.querySelector('cognito-sign-in .cognito-notice');
    expect(notice?.textContent).to.equal('Your session has ended. Please sign in again.');
    // Issue 13: it sat in red above the heading, and the username was gone. Now: under the title, as
    // information (a polite status), not an error, with the name the user signs in with kept.
    expect(notice?.getAttribute('role')).to.equal('status');
    expect(notice?.classList.contains('cognito-error')).to.equal(false);
    const heading = el.querySelector('cognito-sign-in .cognito-heading')!;
    expect(heading.compareDocumentPosition(notice!) & Node.DOCUMENT_POSITION_FOLLOWING, 'after the heading').to.not.equal(0);
    expect(el.querySelector<HTMLInputElement>('cognito-sign-in input[name="username"]')!.value).to.equal('demo');
    await expect(el).to.be.accessible();

    await fill(el, 'username', 'demo');
    await fill(el, 'password', 'Passw0rd!');
    const signedIn = oneEvent(el, 'cognito-signed-in');
    submit(el, 'cognito-sign-in');
    await el.updateComplete;
    expect(el.querySelector('cognito-sign-in .cognito-notice'), 'the notice goes once the user signs in again').to.equal(null);
    await signedIn;
  });

  it('sends a fresh code when an unconfirmed user signs in, and confirms the account with it', async () => {
    const username = `unconf-${crypto.randomUUID().slice(0, 8)}`;
    const client = newClient();
    await client.signUp({ username, password: 'Sign-up-Passw0rd', attributes: { email: `${username}@example.com` } });
    const codesBefore = (await (await fetch(`${emulatorUrl()}/__emulator/outbox?username=${username}&purpose=signup`)).json()).length;
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${client}></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    await fill(el, 'username', username);
    await fill(el, 'password', 'Sign-up-Passw0rd');
    const sent = oneEvent(el, 'cognito-code-sent');
    submit(el, 'cognito-sign-in');
    expect((await sent).detail.purpose).to.equal('sign-up');
    const codes = await (await fetch(`${emulatorUrl()}/__emulator/outbox?username=${username}&purpose=signup`)).json();
    expect(codes.length).to.equal(codesBefore + 1);
    await fill(el, 'code', codes.at(-1).code);
    const confirmed = oneEvent(el, 'cognito-sign-up-confirmed');
    submit(el, 'cognito-sign-up');
    expect((await confirmed).detail.username).to.equal(username);
    await expect(el).to.be.accessible();
  });
});

// Issue 13: after sign-in and a reload the app content showed but no event fired.
describe('<cognito-authenticator> with a stored session', () => {
  afterEach(() => {
    disposeClients();
  });

  it('fires cognito-signed-in with restored: true, to a listener added before the element was upgraded', async () => {
    const client = newClient();
    const step = await client.signIn({ username: 'demo', password: 'Passw0rd!' });
    expect(step.step).to.equal('DONE');
    // A tag defined only after the page made the element, set its client and listened (as markup parsed before the script).
    const tag = `test-authenticator-${crypto.randomUUID().slice(0, 8)}`;
    const el = document.createElement(tag) as CognitoAuthenticator;
    const seen: CustomEvent[] = [];
    el.addEventListener('cognito-signed-in', (e) => seen.push(e));
    el.client = client;
    document.body.append(el);
    try {
      customElements.define(tag, class extends (customElements.get('cognito-authenticator') as typeof CognitoAuthenticator) {});
      await waitUntil(() => el.hasAttribute('signed-in'), 'stored session not used', { timeout: 8000 });
      expect(seen.length).to.equal(1);
      expect(seen[0].detail.restored).to.equal(true);
      expect(seen[0].detail.session.username).to.equal('demo');
      expect(el.client, 'el.client is the client in use').to.equal(client);
    } finally {
      el.remove();
    }
  });

  it('el.client is the shared client the attributes name, whose signOut() brings the sign-in back', async () => {
    const el = await fixture<CognitoAuthenticator>(
      html`<cognito-authenticator user-pool-id=${POOL} client-id=${CLIENT} endpoint=${emulatorUrl()}><p id="app">App</p></cognito-authenticator>`,
    );
    const client = el.client!;
    expect(client).to.be.instanceOf(CognitoClient);
    expect(client.clientId).to.equal(CLIENT);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    await fill(el, 'username', 'demo');
    await fill(el, 'password', 'Passw0rd!');
    const signedIn = oneEvent(el, 'cognito-signed-in');
    submit(el, 'cognito-sign-in');
    expect((await signedIn).detail.restored, 'a sign-in here is not restored').to.equal(undefined);
    await waitUntil(() => el.hasAttribute('signed-in'));
    await el.client!.signOut();
    await waitFor(() => el.querySelector('cognito-sign-in form'));
  });
});

/** What the authenticator's polite live region said last (each new view's title); undefined if it could not be heard. */
function announced(el: Element): string | null | undefined {
  const region = el.querySelector(':scope > [data-announce]');
  // A live region that is display: none is not read (the app content is hidden that way while signed out).
  return region && getComputedStyle(region).display !== 'none' ? region.textContent : undefined;
}

const linkNamed = (root: Element, name: RegExp) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => name.test(b.textContent ?? ''))!;

// Issue 13: after these links, and after sign-out, focus dropped to <body> (the README promises
// "focus moved to each new step").
describe('<cognito-authenticator> focus', () => {
  afterEach(() => {
    disposeClients();
  });

  it('moves focus into each new view and announces its title: Create an account, Back to sign in, Forgot your password?', async () => {
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()}></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    linkNamed(el, /create an account/i).click();
    await waitUntil(() => document.activeElement === el.querySelector('cognito-sign-up input[name="username"]'), 'focus on the sign-up username');
    await waitUntil(() => announced(el) === 'Create an account', `announced ${announced(el)}`);

    linkNamed(el.querySelector('cognito-sign-up')!, /^\s*sign in\s*$/i).click();
    await waitUntil(() => document.activeElement === el.querySelector('cognito-sign-in input[name="username"]'), 'focus on the sign-in username');
    await waitUntil(() => announced(el) === 'Sign in', `announced ${announced(el)}`);

    linkNamed(el, /forgot your password/i).click();
    await waitUntil(() => document.activeElement === el.querySelector('cognito-forgot-password input[name="username"]'), 'focus on the reset username');
    await waitUntil(() => announced(el) === 'Reset your password', `announced ${announced(el)}`);

    linkNamed(el.querySelector('cognito-forgot-password')!, /back to sign in/i).click();
    await waitUntil(() => document.activeElement === el.querySelector('cognito-sign-in input[name="username"]'), 'focus back on the sign-in username');
  });

  it('after sign-out from a button in the app content, focus goes to the sign-in form', async () => {
    const client = newClient();
    await client.signIn({ username: 'demo', password: 'Passw0rd!' });
    const el = await fixture<CognitoAuthenticator>(
      html`<cognito-authenticator .client=${client}><button id="out" @click=${() => client.signOut()}>Sign out</button></cognito-authenticator>`,
    );
    await waitUntil(() => el.hasAttribute('signed-in'), 'stored session not used', { timeout: 8000 });
    const out = el.querySelector<HTMLButtonElement>('#out')!;
    out.focus();
    out.click();
    await waitUntil(() => document.activeElement === el.querySelector('cognito-sign-in input[name="username"]'), 'focus on the sign-in username');
  });

  it('after a clicked submit that fails, focus is back on the submit button', async () => {
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()}></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    await fill(el, 'username', 'demo');
    await fill(el, 'password', 'wrong-password');
    const button = el.querySelector<HTMLButtonElement>('cognito-sign-in button[type="submit"]')!;
    button.focus();
    const failed = oneEvent(el, 'cognito-error');
    button.click();
    await failed;
    await waitUntil(() => document.activeElement !== document.body, 'focus was lost');
    expect(document.activeElement).to.equal(el.querySelector('cognito-sign-in button[type="submit"]'));
  });

  // Issue 13: "We sent a code…" showed twice, the code field was not focused, and after confirming the
  // user had to type again the password typed seconds before.
  it('an unconfirmed user: the code field is focused, the code sent is said once, and confirming signs in', async () => {
    const username = `unconf-${crypto.randomUUID().slice(0, 8)}`;
    const client = newClient();
    await client.signUp({ username, password: 'Sign-up-Passw0rd', attributes: { email: `${username}@example.com` } });
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${client}><p id="app">App</p></cognito-authenticator>`);
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    await fill(el, 'username', username);
    await fill(el, 'password', 'Sign-up-Passw0rd');
    const sent = oneEvent(el, 'cognito-code-sent');
    submit(el, 'cognito-sign-in');
    await sent;
    await el.querySelector<CognitoAuthenticator>('cognito-sign-up')!.updateComplete;
    await waitUntil(() => document.activeElement === el.querySelector('cognito-sign-up input[name="code"]'), 'focus on the code field');
    expect(el.querySelector('cognito-sign-up')!.textContent.match(/We sent a code/g)).to.have.length(1);
    await fill(el, 'code', await latestCode(username, 'signup'));
    const signedIn = oneEvent(el, 'cognito-signed-in');
    submit(el, 'cognito-sign-up');
    expect((await signedIn).detail.session.username).to.equal(username);
    await waitUntil(() => el.hasAttribute('signed-in'), 'the app is shown');
    expect(visible(el.querySelector('#app'))).to.equal(true);
  });
});
