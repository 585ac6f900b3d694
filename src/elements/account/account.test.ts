import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CognitoClient } from '../../core/index.ts';
import { createUser, enrolTotp, holdEmulator, newClient, type NewUser, POOL_ID, rawRefusal, rejectionOf } from '../../../test/browser/support/core.ts';
import './account.ts';
import { localeReady } from '../shared/localize.ts';
import type { CognitoAccount } from './account.component.ts';
import { section, text, type } from '../../../test/browser/support/elements.ts';

const POLICY = 'min-length:8 lowercase uppercase numbers';

/** A client of its own for the test, signed in as `user` (or not signed in). */
async function signedInClient(user?: NewUser): Promise<CognitoClient> {
  const { client } = newClient({ storage: 'memory', autoRefresh: false });
  if (user) {
    const step = await client.signIn({ username: user.username, password: user.password });
    expect(step.step).to.equal('DONE');
  }
  return client;
}

/** The element once it shows the signed-in user's account (and, unless hidden, their devices). */
async function rendered(client: CognitoClient, lang?: string): Promise<CognitoAccount> {
  const el = await fixture<CognitoAccount>(html`<cognito-account .client=${client} password-policy=${POLICY} lang=${lang ?? 'en'}></cognito-account>`);
  await waitUntil(() => el.querySelector('[data-section="devices"] ul, [data-section="devices"] p.cognito-text'), 'the account was not shown');
  return el;
}

/** Resolves once `count` messages went over the pool's tab channel (as the client hears them). */
function listenToTabMessages(client: { userPoolId: string; clientId: string }, count: number): Promise<void> {
  const channel = new BroadcastChannel(`cognito-elements:${client.userPoolId}:${client.clientId}`);
  let seen = 0;
  return new Promise((resolve) => {
    channel.onmessage = () => {
      if (++seen < count) return;
      channel.close();
      resolve();
    };
  });
}

describe('<cognito-account>', () => {
  holdEmulator('shared');

  it('shows every section for a signed-in user, with the fields password managers need', async () => {
    const user = await createUser({ prefix: 'acct' });
    const el = await rendered(await signedInClient(user));
    expect(el.shadowRoot).to.equal(null);
    expect([...el.querySelectorAll('[data-section]')].map((s) => s.getAttribute('data-section'))).to.deep.equal([
      'password',
      'mfa',
      'devices',
      'sign-out',
      'delete',
    ]);
    const form = section(el, 'password').querySelector('form')!;
    const username = form.querySelector<HTMLInputElement>('input[autocomplete="username"]')!;
    expect(username.hidden).to.equal(true);
    expect(username.value).to.equal(user.username);
    expect(form.querySelector<HTMLInputElement>('input[name="currentPassword"]')!.autocomplete).to.equal('current-password');
    expect(form.querySelector<HTMLInputElement>('input[name="newPassword"]')!.autocomplete).to.equal('new-password');
    expect(form.querySelector<HTMLInputElement>('input[name="confirmPassword"]')!.autocomplete).to.equal('new-password');
    expect(text(section(el, 'mfa').querySelector('[data-mfa-summary]'))).to.equal('Two-step verification is off.');
    await expect(el).to.be.accessible();
  });

  it('hides the sections named in hide-sections', async () => {
    const user = await createUser({ prefix: 'acct' });
    const client = await signedInClient(user);
    const el = await fixture<CognitoAccount>(html`<cognito-account .client=${client} hide-sections="password mfa devices delete"></cognito-account>`);
    await waitUntil(() => el.querySelector('[data-section]'));
    expect([...el.querySelectorAll('[data-section]')].map((s) => s.getAttribute('data-section'))).to.deep.equal(['sign-out']);
  });

  it('says so when nobody is signed in, and shows the account once the client signs in', async () => {
    const user = await createUser({ prefix: 'acct' });
    const client = await signedInClient();
    const el = await fixture<CognitoAccount>(html`<cognito-account .client=${client}></cognito-account>`);
    await waitUntil(() => text(el).includes('You are signed out.'));
    expect(el.querySelector('[data-section]')).to.equal(null);
    await expect(el).to.be.accessible();
    await client.signIn({ username: user.username, password: user.password });
    await waitUntil(() => el.querySelector('[data-section="password"]'), 'the account did not appear after the sign-in');
  });

  it('stays signed in, keeping what is typed, when another client of the pool (another store) signs out and in', async () => {
    const user = await createUser({ prefix: 'acct' });
    const client = await signedInClient(user);
    const el = await rendered(client);
    await type(section(el, 'password').querySelector('input[name="currentPassword"]')!, 'half typed');

    const otherUser = await createUser({ prefix: 'acct' });
    const other = await signedInClient(otherUser);
    // Another client with a store of its own signs out and in: this one's session is untouched, so it
    // must neither announce a sign-out nor disturb the form. Wait for the tab messages to arrive.
    const heard = listenToTabMessages(client, 2);
    const announced: string[] = [];
    client.addEventListener('signed-out', () => announced.push('signed-out'));
    await other.signOut();
    await other.signIn({ username: otherUser.username, password: otherUser.password });
    await heard;
    expect(announced).to.deep.equal([]);
    await client.getUser();
    await el.updateComplete;
    expect(section(el, 'password').querySelector<HTMLInputElement>('input[name="currentPassword"]')!.value).to.equal('half typed');
  });

  it('changes the password, resets the form, and the new password signs in', async () => {
    const user = await createUser({ prefix: 'acct' });
    const el = await rendered(await signedInClient(user));
    const form = section(el, 'password').querySelector('form')!;
    await type(form.querySelector('input[name="currentPassword"]')!, user.password);
    await type(form.querySelector('input[name="newPassword"]')!, 'N3wPassword');
    await el.updateComplete;
    expect([...section(el, 'password').querySelectorAll('.cognito-policy li')].map((li) => li.getAttribute('data-met'))).to.deep.equal([
      'true',
      'true',
      'true',
      'true',
    ]);
    await type(form.querySelector('input[name="confirmPassword"]')!, 'N3wPassword');
    const changed = oneEvent(el, 'cognito-password-changed');
    form.requestSubmit();
    expect((await changed).detail).to.deep.equal({});
    await el.updateComplete;
    expect(text(section(el, 'password').querySelector('.cognito-status'))).to.equal('Your password was changed.');
    for (const name of ['currentPassword', 'newPassword', 'confirmPassword']) {
      expect(form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!.value).to.equal('');
    }
    await expect(el).to.be.accessible();

    const fresh = await signedInClient();
    expect((await fresh.signIn({ username: user.username, password: 'N3wPassword' })).step).to.equal('DONE');
  });

  it('shows a wrong current password in the section and keeps what was typed', async () => {
    const user = await createUser({ prefix: 'acct' });
    const el = await rendered(await signedInClient(user));
    const form = section(el, 'password').querySelector('form')!;
    await type(form.querySelector('input[name="currentPassword"]')!, 'Wr0ngPassword');
    await type(form.querySelector('input[name="newPassword"]')!, 'N3wPassword');
    await type(form.querySelector('input[name="confirmPassword"]')!, 'N3wPassword');
    const failed = oneEvent(el, 'cognito-error');
    form.requestSubmit();
    expect((await failed).detail.code).to.equal('NotAuthorizedException');
    await el.updateComplete;
    // The section's own error region (the confirmation's mismatch message, from PasswordFields, comes first).
    const region = section(el, 'password').querySelector('.cognito-error[id$="-password-error"]')!;
    expect(region.getAttribute('aria-live')).to.equal('assertive');
    expect(region.textContent).to.equal('Your current password is not right.');
    expect(form.querySelector<HTMLInputElement>('input[name="currentPassword"]')!.value).to.equal('Wr0ngPassword');
    expect(form.querySelector<HTMLInputElement>('input[name="newPassword"]')!.value).to.equal('N3wPassword');
    expect(text(section(el, 'mfa').querySelector('.cognito-error'))).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('refuses two new passwords that differ without calling Cognito', async () => {
    const user = await createUser({ prefix: 'acct' });
    const el = await rendered(await signedInClient(user));
    const form = section(el, 'password').querySelector('form')!;
    await type(form.querySelector('input[name="currentPassword"]')!, user.password);
    await type(form.querySelector('input[name="newPassword"]')!, 'N3wPassword');
    await type(form.querySelector('input[name="confirmPassword"]')!, 'N3wPasswordd');
    form.requestSubmit();
    await el.updateComplete;
    expect(section(el, 'password').querySelector('.cognito-error')!.textContent).to.equal('The passwords do not match.');
    expect((await (await signedInClient()).signIn({ username: user.username, password: user.password })).step).to.equal('DONE');
  });

  it('turns on email MFA as the preferred method', async () => {
    const user = await createUser({ prefix: 'acct' });
    const client = await signedInClient(user);
    const el = await rendered(client);
    const form = section(el, 'mfa').querySelector('form')!;
    // No phone number: SMS cannot be turned on yet.
    expect(form.querySelector<HTMLInputElement>('input[name="sms"]')!.disabled).to.equal(true);
    form.querySelector<HTMLInputElement>('input[name="email"]')!.click();
    form.querySelector<HTMLInputElement>('input[name="preferred"][value="EMAIL"]')!.click();
    const changed = oneEvent(el, 'cognito-mfa-changed');
    form.requestSubmit();
    expect((await changed).detail).to.deep.equal({ enabled: ['EMAIL'], preferred: 'EMAIL' });
    await el.updateComplete;
    expect(await client.getMfaPreference()).to.deep.equal({ enabled: ['EMAIL'], preferred: 'EMAIL' });
    expect(text(section(el, 'mfa').querySelector('[data-mfa-summary]'))).to.equal('On: Email. Used first: Email.');
    expect(text(section(el, 'mfa').querySelector('.cognito-status'))).to.equal('Your two-step verification settings are saved.');
    expect(form.querySelector<HTMLInputElement>('input[name="email"]')!.checked).to.equal(true);
    await expect(el).to.be.accessible();

    // And off again.
    form.querySelector<HTMLInputElement>('input[name="email"]')!.click();
    form.querySelector<HTMLInputElement>('input[name="preferred"][value=""]')!.click();
    const off = oneEvent(el, 'cognito-mfa-changed');
    form.requestSubmit();
    expect((await off).detail).to.deep.equal({ enabled: [], preferred: undefined });
    expect(await client.getMfaPreference()).to.deep.equal({ enabled: [], preferred: undefined });
  });

  it('refuses a preferred method that is not turned on', async () => {
    const user = await createUser({ prefix: 'acct' });
    const client = await signedInClient(user);
    const el = await rendered(client);
    const form = section(el, 'mfa').querySelector('form')!;
    form.querySelector<HTMLInputElement>('input[name="preferred"][value="EMAIL"]')!.click();
    form.requestSubmit();
    await el.updateComplete;
    expect(text(section(el, 'mfa').querySelector('.cognito-error'))).to.equal('The method to use first must be turned on.');
    expect(await client.getMfaPreference()).to.deep.equal({ enabled: [], preferred: undefined });
  });

  // The authenticator-app set-up itself is <cognito-mfa mode="setup">'s (tested in src/elements/mfa);
  // here only that the account hosts it with its client and follows what it reports.
  it('hosts <cognito-mfa mode="setup"> with its client and refreshes when it reports an authenticator app', async () => {
    const user = await createUser({ prefix: 'acct' });
    const client = await signedInClient(user);
    const el = await rendered(client);
    const setup = section(el, 'mfa').querySelector('cognito-mfa')!;
    expect(setup.getAttribute('mode')).to.equal('setup');
    expect((setup as unknown as { client: CognitoClient }).client).to.equal(client);
    await expect(el).to.be.accessible();

    await enrolTotp(user);
    setup.dispatchEvent(new CustomEvent('cognito-totp-set-up', { detail: {}, bubbles: true, composed: true }));
    await waitUntil(() => text(section(el, 'mfa').querySelector('[data-mfa-summary]')).startsWith('On: Authenticator app'), 'the MFA section did not refresh');
    expect(section(el, 'mfa').querySelector('cognito-mfa')).to.equal(null);
    expect(section(el, 'mfa').querySelector<HTMLInputElement>('input[name="totp"]')!.defaultChecked).to.equal(true);
  });

  it('lists this device with its last use in the element’s language, remembers it, and forgets it', async () => {
    const user = await createUser({ prefix: 'acct' });
    const client = await signedInClient(user);
    const [device] = await client.listDevices();
    expect(device?.current).to.equal(true);
    await localeReady('de');
    const el = await rendered(client, 'de-DE');
    await el.updateComplete;
    const items = section(el, 'devices').querySelectorAll('li');
    expect(items.length).to.equal(1);
    const date = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(device.lastAuthenticatedAt);
    expect(text(items[0])).to.contain('Dieses Gerät');
    expect(text(items[0])).to.contain('Nicht gemerkt');
    expect(text(items[0])).to.contain(date);
    await expect(el).to.be.accessible();

    section(el, 'devices').querySelector<HTMLButtonElement>('[data-remember]')!.click();
    await waitUntil(() => text(section(el, 'devices').querySelector('li')).includes(' Gemerkt'), 'the device was not remembered');
    expect(section(el, 'devices').querySelector('[data-remember]')).to.equal(null);
    expect((await client.listDevices())[0].remembered).to.equal(true);

    const forgotten = oneEvent(el, 'cognito-device-forgotten');
    section(el, 'devices').querySelector<HTMLButtonElement>('li button')!.click();
    expect((await forgotten).detail.deviceKey).to.equal(device.deviceKey);
    await el.updateComplete;
    expect(section(el, 'devices').querySelector('li')).to.equal(null);
    expect(text(section(el, 'devices'))).to.contain('Bei Ihrem Konto sind keine Geräte angemeldet.');
    expect(await client.listDevices()).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  // core/device-name.ts names every device after browser and OS only, so one user's devices often share a
  // name; API reference, ListDevices: DeviceType gives DeviceLastAuthenticatedDate to tell them apart.
  it('tells two devices of the same name apart: this device by its badge, the other by its last use, and so do their Forget buttons', async () => {
    const user = await createUser({ prefix: 'acct' });
    const other = await signedInClient(user);
    const [otherDevice] = await other.listDevices();
    const client = await signedInClient(user);
    const devices = await client.listDevices();
    expect(devices.length).to.equal(2);
    expect(devices[0].name).to.be.a('string').and.equal(devices[1].name);
    const el = await rendered(client);
    const items = [...section(el, 'devices').querySelectorAll('li')];
    expect(items.length).to.equal(2);
    const current = items.find((li) => li.hasAttribute('data-current'))!;
    const older = items.find((li) => li.getAttribute('data-device') === otherDevice.deviceKey)!;
    expect(current).to.exist.and.not.equal(older);
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(otherDevice.lastAuthenticatedAt);
    expect(text(current)).to.contain('This device');
    expect(text(older)).to.contain(`Last used ${date}`).and.not.contain('This device');
    // What a screen reader announces for each button (the visually hidden part; the visible "Forget" is aria-hidden).
    const forgetName = (li: Element) => text(li.querySelector('button .cognito-visually-hidden'));
    expect(forgetName(current)).to.equal(`Forget ${devices[0].name} (This device)`);
    expect(forgetName(older)).to.equal(`Forget ${devices[0].name} (Last used ${date})`);
    await expect(el).to.be.accessible();
  });

  it('signs out: fires cognito-signed-out and shows the signed-out message', async () => {
    const user = await createUser({ prefix: 'acct' });
    const client = await signedInClient(user);
    const el = await rendered(client);
    const signedOut = oneEvent(el, 'cognito-signed-out');
    el.querySelector<HTMLButtonElement>('[data-sign-out]')!.click();
    expect((await signedOut).detail.reason).to.equal('user');
    await el.updateComplete;
    expect(el.querySelector('[data-section]')).to.equal(null);
    expect(text(el)).to.contain('You are signed out.');
    expect(await client.currentUsername()).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('signs out everywhere: the old access token, and another device’s, are refused', async () => {
    const user = await createUser({ prefix: 'acct' });
    const client = await signedInClient(user);
    const { accessToken } = await client.getSession();
    const elsewhere = (await (await signedInClient(user)).getSession()).accessToken;
    const el = await rendered(client);
    const signedOut = oneEvent(el, 'cognito-signed-out');
    el.querySelector<HTMLButtonElement>('[data-sign-out-everywhere]')!.click();
    expect((await signedOut).detail.reason).to.equal('global');
    await el.updateComplete;
    expect(text(el)).to.contain('You are signed out.');
    expect((await rawRefusal('GetUser', { AccessToken: accessToken })).type).to.equal('NotAuthorizedException');
    expect((await rawRefusal('GetUser', { AccessToken: elsewhere })).type).to.equal('NotAuthorizedException');
  });

  it('deletes the account after an explicit confirmation; signing in fails after', async () => {
    const user = await createUser({ prefix: 'acct' });
    const client = await signedInClient(user);
    const el = await rendered(client);
    el.querySelector<HTMLButtonElement>('[data-delete]')!.click();
    await el.updateComplete;
    const yes = el.querySelector<HTMLButtonElement>('[data-delete-confirm]')!;
    expect(text(yes)).to.equal('Yes, delete my account');
    expect(document.activeElement).to.equal(yes);
    await expect(el).to.be.accessible();

    // Cancel keeps the account.
    [...section(el, 'delete').querySelectorAll('button')].find((b) => text(b) === 'Cancel')!.click();
    await el.updateComplete;
    expect(el.querySelector('[data-delete-confirm]')).to.equal(null);
    expect(document.activeElement).to.equal(el.querySelector('[data-delete]'));

    el.querySelector<HTMLButtonElement>('[data-delete]')!.click();
    await el.updateComplete;
    const deleted = oneEvent(el, 'cognito-account-deleted');
    const signedOut = oneEvent(el, 'cognito-signed-out');
    el.querySelector<HTMLButtonElement>('[data-delete-confirm]')!.click();
    await deleted;
    expect((await signedOut).detail.reason).to.equal('deleted');
    await el.updateComplete;
    expect(text(el)).to.contain('Your account was deleted.');
    await expect(el).to.be.accessible();

    const error = await rejectionOf((await signedInClient()).signIn({ username: user.username, password: user.password }));
    expect(error.code).to.equal('NotAuthorizedException');
    expect((await rawRefusal('AdminGetUser', { UserPoolId: POOL_ID, Username: user.username })).type).to.equal('UserNotFoundException');
  });

  // Issue 13: after sign-out, focus dropped to <body> (the clicked button went away).
  it('after "Sign out", focus is on the signed-out view, not lost', async () => {
    const user = await createUser({ prefix: 'acct' });
    const el = await rendered(await signedInClient(user));
    const button = el.querySelector<HTMLButtonElement>('[data-sign-out]')!;
    button.focus();
    const signedOut = oneEvent(el, 'cognito-signed-out');
    button.click();
    await signedOut;
    await waitUntil(() => document.activeElement !== document.body && el.contains(document.activeElement), 'focus was lost');
    expect(document.activeElement!.classList.contains('cognito-heading')).to.equal(true);
  });
});

describe('<cognito-account passkeys>', () => {
  holdEmulator('shared');

  // Adding and removing one, with a virtual authenticator: account-passkeys.chromium.test.ts.
  it('has no passkeys section without the passkeys attribute (a browser cannot tell whether the pool allows them)', async () => {
    const user = await createUser();
    const el = await rendered(await signedInClient(user));
    expect(el.querySelector('[data-section="passkeys"]')).to.equal(null);
    el.setAttribute('passkeys', '');
    await waitUntil(() => el.querySelector('[data-section="passkeys"] p.cognito-hint'), 'the section did not appear with the attribute');
  });
});
