// "Remember this device" in the MFA code steps of <cognito-mfa> (and so of <cognito-authenticator>),
// in the demo pool, which remembers devices only on the user's prompt (DeviceOnlyRememberedOnUserPrompt,
// as the developer guide's "Working with user devices in your user pool" describes): ticked, the
// device is remembered and a second sign-in with the same browser store skips the code (device SRP).
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CognitoClient } from '../../core/index.ts';
import {
  cognito,
  createUser,
  disposeClients,
  enrolTotp,
  freshIndexedDbStore,
  holdEmulator,
  PASSWORD,
  POOL_ID,
  setUserMfa,
  totp,
} from '../../../test/browser/support/core.ts';
import { elementClient as newClient, fill, submit, type, visible, waitFor } from '../../../test/browser/support/elements.ts';
import { localeReady } from '../shared/localize.ts';
import '../authenticator/authenticator.ts';
import './mfa.ts';
import type { CognitoMfa } from './mfa.component.ts';

const box = (el: Element) => el.querySelector<HTMLInputElement>('input[type="checkbox"][name="remember-device"]');

/** The user's devices in Cognito (AdminListDevices) and their remembered status. */
async function statuses(username: string): Promise<string[]> {
  const { Devices } = await cognito('AdminListDevices', { UserPoolId: POOL_ID, Username: username });
  return Devices.map(
    (d: { DeviceAttributes: { Name: string; Value: string }[] }) => d.DeviceAttributes.find((a) => a.Name === 'dev:device_remembered_status')?.Value,
  );
}

/** A TOTP user of the demo pool with no device yet. */
async function totpUser(): Promise<{ username: string; secret: string }> {
  const user = await createUser({ prefix: 'remember' });
  return { username: user.username, secret: await enrolTotp(user) };
}

/** <cognito-mfa> at the TOTP step of `client`'s sign-in. */
async function atTotpStep(client: CognitoClient, username: string): Promise<CognitoMfa> {
  const mfa = await fixture<CognitoMfa>(html`<cognito-mfa .client=${client}></cognito-mfa>`);
  expect((await client.signIn({ username, password: PASSWORD })).step).to.equal('TOTP_CODE');
  await waitFor(() => mfa.querySelector('input[name="code"]'));
  return mfa;
}

async function answer(el: CognitoMfa, code: string, tick: boolean): Promise<void> {
  await type(el.querySelector<HTMLInputElement>('input[name="code"]')!, code);
  if (tick) box(el)!.click();
  const signedIn = oneEvent(el, 'cognito-signed-in');
  el.querySelector('form')!.requestSubmit();
  await signedIn;
}

describe('<cognito-mfa> remember this device', () => {
  holdEmulator('shared');
  afterEach(() => disposeClients());

  it('offers an unticked "Remember this device" box in the TOTP step, its meaning as its hint', async () => {
    const { username } = await totpUser();
    const el = await atTotpStep(newClient(), username);
    const remember = box(el)!;
    expect(remember.checked).to.equal(false);
    expect(remember.closest('label')!.textContent.trim()).to.equal('Remember this device');
    const hint = document.getElementById(remember.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).to.equal('Don’t ask for a code when I sign in on this device again.');
    await expect(el).to.be.accessible();
  });

  it('ticked: the device is remembered, and a second sign-in with the same browser store skips the code', async () => {
    const { username, secret } = await totpUser();
    const store = freshIndexedDbStore();
    const el = await atTotpStep(newClient({ store }), username);
    await answer(el, totp(secret), true);
    expect(await statuses(username)).to.deep.equal(['remembered']);

    // As after a reload: a new client on the same store, which keeps the device's secret.
    const again = newClient({ store });
    await again.signOut();
    expect((await again.signIn({ username, password: PASSWORD })).step).to.equal('DONE');
  });

  it('unticked: the device is tracked but not remembered, and the next sign-in asks for the code again', async () => {
    const { username, secret } = await totpUser();
    const store = freshIndexedDbStore();
    const el = await atTotpStep(newClient({ store }), username);
    await answer(el, totp(secret), false);
    expect(await statuses(username)).to.deep.equal(['not_remembered']);
    const again = newClient({ store });
    await again.signOut();
    expect((await again.signIn({ username, password: PASSWORD })).step).to.equal('TOTP_CODE');
  });

  it('offers the box with a code sent by email too', async () => {
    const user = await createUser({ prefix: 'remember-email' });
    await setUserMfa(user.username, { EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
    const client = newClient();
    const el = await fixture<CognitoMfa>(html`<cognito-mfa .client=${client}></cognito-mfa>`);
    expect((await client.signIn({ username: user.username, password: PASSWORD })).step).to.equal('EMAIL_CODE');
    await waitFor(() => box(el));
    await expect(el).to.be.accessible();
  });

  it('remember-device="always" and "never" show no box and answer for the user; a client with rememberDevices shows none', async () => {
    for (const [mode, status] of [
      ['always', 'remembered'],
      ['never', 'not_remembered'],
    ] as const) {
      const { username, secret } = await totpUser();
      const client = newClient();
      const el = await fixture<CognitoMfa>(html`<cognito-mfa remember-device=${mode} .client=${client}></cognito-mfa>`);
      expect((await client.signIn({ username, password: PASSWORD })).step).to.equal('TOTP_CODE');
      await waitFor(() => el.querySelector('input[name="code"]'));
      expect(box(el), mode).to.equal(null);
      await answer(el, totp(secret), false);
      expect(await statuses(username), mode).to.deep.equal([status]);
    }
    const { username } = await totpUser();
    const el = await atTotpStep(newClient({ rememberDevices: true }), username);
    expect(box(el)).to.equal(null);
  });

  it('says it in the page language', async () => {
    await localeReady('de');
    const { username } = await totpUser();
    const client = newClient();
    const el = await fixture<CognitoMfa>(html`<cognito-mfa lang="de" .client=${client}></cognito-mfa>`);
    expect((await client.signIn({ username, password: PASSWORD })).step).to.equal('TOTP_CODE');
    const remember = await waitFor(() => box(el));
    expect(remember.closest('label')!.textContent.trim()).to.equal('Dieses Gerät merken');
  });
});

describe('<cognito-authenticator> remember this device', () => {
  holdEmulator('shared');
  afterEach(() => disposeClients());

  it('ticked in the TOTP step: after sign-out, signing in again in the same browser store skips the code', async () => {
    const { username, secret } = await totpUser();
    const client = newClient({ store: freshIndexedDbStore() });
    const el = await fixture(html`<cognito-authenticator .client=${client}><p id="app">App</p></cognito-authenticator>`);
    const signIn = async () => {
      await waitFor(() => el.querySelector('cognito-sign-in form'));
      await fill(el, 'username', username);
      await fill(el, 'password', PASSWORD);
      submit(el, 'cognito-sign-in');
    };
    await signIn();
    await waitFor(() => el.querySelector('cognito-mfa input[name="code"]'));
    box(el)!.click();
    await fill(el, 'code', totp(secret));
    const signedIn = oneEvent(el, 'cognito-signed-in');
    submit(el, 'cognito-mfa');
    await signedIn;
    expect(await statuses(username)).to.deep.equal(['remembered']);

    await client.signOut();
    const again = oneEvent(el, 'cognito-signed-in');
    await signIn();
    await again;
    expect(el.querySelector('cognito-mfa input[name="code"]'), 'no code asked').to.equal(null);
    await waitFor(() => visible(el.querySelector('#app')));
  });
});
