import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { cognito, CLIENT_ID, createUser, disposeClients, latestCode, PASSWORD, uniqueName } from '../../../test/browser/support/core.ts';
import './authenticator.ts';
import type { CognitoAuthenticator } from './authenticator.component.ts';
import { elementClient as newClient, submit, waitFor } from '../../../test/browser/support/elements.ts';

const POOL = 'us-east-1_DemoPool1';
const original = location.href;

/** The page's URL with `change` applied (hash or query), as a test page loaded from a link would have it. */
function openAt(change: (url: URL) => void): void {
  const url = new URL(original);
  change(url);
  history.replaceState(null, '', url);
}

const mount = (routing: string) =>
  fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()} routing=${routing}><p id="app">App</p></cognito-authenticator>`);

const input = (el: Element, selector: string, name: string) => el.querySelector<HTMLInputElement>(`${selector} input[name="${name}"]`);

/** An account that signed up (UNCONFIRMED), and the code the emulator emailed it. */
async function unconfirmedUser(): Promise<{ username: string; code: string }> {
  const username = uniqueName('rt');
  await cognito('SignUp', { ClientId: CLIENT_ID, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] });
  return { username, code: await latestCode(username, 'signup') };
}

describe('<cognito-authenticator routing>', () => {
  afterEach(() => {
    disposeClients();
    history.replaceState(null, '', original);
  });

  it('routing="hash": "Create account" pushes #/sign-up, and Back returns to the sign-in form', async () => {
    const el = await mount('hash');
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    const link = [...el.querySelectorAll<HTMLButtonElement>('cognito-sign-in .cognito-link')].find((b) => /create/i.test(b.textContent ?? ''))!;
    link.click();
    await waitFor(() => el.querySelector('cognito-sign-up form'));
    expect(location.hash).to.equal('#/sign-up');
    history.back();
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    expect(el.querySelector('cognito-sign-up')).to.equal(null);
    expect(location.hash).to.equal('');
  });

  it('a page loaded with #/forgot-password opens that form', async () => {
    openAt((url) => (url.hash = '/forgot-password'));
    const el = await mount('hash');
    await waitFor(() => el.querySelector('cognito-forgot-password form'));
    expect(el.querySelector('cognito-sign-in')).to.equal(null);
  });

  it('a confirm link with username and code opens the confirm form prefilled; Confirm confirms the account and the code leaves the URL', async () => {
    const { username, code } = await unconfirmedUser();
    openAt((url) => (url.hash = `/confirm-sign-up?${new URLSearchParams({ username, code })}`));
    const el = await mount('hash');
    const field = await waitFor(() => input(el, 'cognito-sign-up', 'code'));
    expect(field.value).to.equal(code);
    expect(location.href).not.to.contain(code);
    expect(location.hash).to.equal('#/confirm-sign-up');
    // Not submitted for the user: the account waits for them to press Confirm.
    expect((await cognito('AdminGetUser', { UserPoolId: POOL, Username: username })).UserStatus).to.equal('UNCONFIRMED');
    submit(el, 'cognito-sign-up');
    await waitUntil(async () => (await cognito('AdminGetUser', { UserPoolId: POOL, Username: username })).UserStatus === 'CONFIRMED', 'not confirmed', {
      timeout: 8000,
    });
    expect(location.href).not.to.contain(code);
  });

  it('a reset link with username and code opens the reset form prefilled', async () => {
    const user = await createUser();
    await cognito('ForgotPassword', { ClientId: CLIENT_ID, Username: user.username });
    const code = await latestCode(user.username, 'forgot_password');
    openAt((url) => (url.hash = `/forgot-password?${new URLSearchParams({ username: user.username, code })}`));
    const el = await mount('hash');
    const field = await waitFor(() => input(el, 'cognito-new-password', 'code'));
    expect(field.value).to.equal(code);
    // The account is the link's: no username field to fill, its name goes with the form.
    expect(input(el, 'cognito-new-password', 'username')!.value).to.equal(user.username);
    expect(el.querySelector('cognito-new-password input[name="username"]:not([hidden])')).to.equal(null);
    expect(location.href).not.to.contain(code);
  });

  it('routing="query": the view is the cognito-view parameter, and the page keeps its own parameters', async () => {
    openAt((url) => url.searchParams.set('page', 'kept'));
    const el = await mount('query');
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    const link = [...el.querySelectorAll<HTMLButtonElement>('cognito-sign-in .cognito-link')].find((b) => /create/i.test(b.textContent ?? ''))!;
    link.click();
    await waitFor(() => el.querySelector('cognito-sign-up form'));
    const params = new URL(location.href).searchParams;
    expect(params.get('cognito-view')).to.equal('sign-up');
    expect(params.get('page')).to.equal('kept');
    history.back();
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    expect(new URL(location.href).searchParams.get('cognito-view')).to.equal(null);
  });

  it('routing="none" (the default) never touches the URL, and ignores a route in it', async () => {
    openAt((url) => (url.hash = '/sign-up'));
    const before = location.href;
    const length = history.length;
    const el = await mount('none');
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    const link = [...el.querySelectorAll<HTMLButtonElement>('cognito-sign-in .cognito-link')].find((b) => /create/i.test(b.textContent ?? ''))!;
    link.click();
    await waitFor(() => el.querySelector('cognito-sign-up form'));
    expect(location.href).to.equal(before);
    expect(history.length).to.equal(length);
  });

  it('an unknown view (#/nope) shows the sign-in form', async () => {
    openAt((url) => (url.hash = '/nope'));
    const el = await mount('hash');
    await waitFor(() => el.querySelector('cognito-sign-in form'));
  });

  it('signing in removes the route from the URL', async () => {
    const user = await createUser();
    openAt((url) => (url.hash = '/sign-in'));
    const el = await mount('hash');
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    input(el, 'cognito-sign-in', 'username')!.value = user.username;
    input(el, 'cognito-sign-in', 'password')!.value = user.password;
    submit(el, 'cognito-sign-in');
    await waitUntil(() => el.hasAttribute('signed-in'), 'not signed in', { timeout: 8000 });
    expect(location.hash).to.equal('');
  });

  it('signed in when the page loaded: after signing out, the views are in the URL again', async () => {
    const user = await createUser();
    const client = newClient();
    await client.signIn({ username: user.username, password: user.password });
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${client} routing="hash"><p id="app">App</p></cognito-authenticator>`);
    await waitUntil(() => el.hasAttribute('signed-in'), 'the stored session was not used', { timeout: 8000 });
    await client.signOut();
    await waitFor(() => el.querySelector('cognito-sign-in form'));
    const link = [...el.querySelectorAll<HTMLButtonElement>('cognito-sign-in .cognito-link')].find((b) => /create/i.test(b.textContent ?? ''))!;
    link.click();
    await waitFor(() => el.querySelector('cognito-sign-up form'));
    await waitUntil(() => location.hash === '#/sign-up', `the URL is ${location.hash}`);
    history.back();
    await waitFor(() => el.querySelector('cognito-sign-in form'));
  });
});
