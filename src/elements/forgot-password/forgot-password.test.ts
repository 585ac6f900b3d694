import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CognitoClient } from '../../core/index.ts';
import { cognito, createUser, holdEmulator, latestCode, newClient, outbox, PASSWORD, POOL_ID } from '../../../test/browser/support/core.ts';
import type { CognitoNewPassword } from '../new-password/new-password.component.ts';
import { type } from '../../../test/browser/support/elements.ts';
import './forgot-password.ts';
import type { CognitoForgotPassword } from './forgot-password.component.ts';

// Sign-ins the tests make themselves skip SRP: these tests are not about it, and it is the slow part.
const PLAIN = 'USER_PASSWORD_AUTH' as const;

const POLICY = 'min-length:8 lowercase uppercase numbers';

function client(): CognitoClient {
  return newClient({ autoRefresh: false }).client;
}

const input = (el: Element, name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const link = (el: Element, text: string) => [...el.querySelectorAll<HTMLButtonElement>('button.cognito-link')].find((b) => b.textContent.trim() === text)!;

/** Asks for a code for `username`; resolves with the reset form (the inner element) once it shows. */
async function requestCode(el: CognitoForgotPassword, username: string): Promise<{ reset: CognitoNewPassword; sent: CustomEvent }> {
  await type(input(el, 'username'), username);
  const sent = oneEvent(el, 'cognito-code-sent');
  el.querySelector('form')!.requestSubmit();
  const event = await sent;
  await el.updateComplete;
  const reset = el.querySelector<CognitoNewPassword>('cognito-new-password')!;
  await reset.updateComplete;
  return { reset, sent: event };
}

describe('<cognito-forgot-password>', () => {
  holdEmulator('shared');

  it('asks for the username in a light-DOM form, pre-filled from the username property', async () => {
    const el = await fixture<CognitoForgotPassword>(html`<cognito-forgot-password .client=${client()} username="someone"></cognito-forgot-password>`);
    expect(el.shadowRoot).to.equal(null);
    const username = input(el, 'username');
    expect([username.getAttribute('autocomplete'), username.type, username.value]).to.deep.equal(['username', 'text', 'someone']);
    expect(el.querySelector(`label[for="${username.id}"]`)!.textContent).to.equal('Username');
    await expect(el).to.be.accessible();

    el.usernameAttribute = 'email';
    await el.updateComplete;
    expect([input(el, 'username').type, el.querySelector(`label[for="${username.id}"]`)!.textContent]).to.deep.equal(['email', 'Email']);
  });

  it('sends a code, resets the password with it, and the new password signs in', async () => {
    const user = await createUser();
    const el = await fixture<CognitoForgotPassword>(html`<cognito-forgot-password .client=${client()} password-policy=${POLICY}></cognito-forgot-password>`);
    const { reset, sent } = await requestCode(el, user.username);
    expect(sent.detail.purpose).to.equal('forgot-password');
    expect(sent.detail.delivery.medium).to.equal('EMAIL');
    const destination = sent.detail.delivery.destination as string;
    expect(destination).to.match(/\*/); // masked by Cognito

    // Step 2: where the code went, the code, and the new password for this account.
    expect(el.querySelector('form input[name="username"][type="text"]:not([hidden])')).to.equal(null);
    expect(reset.textContent).to.contain(`We sent a code to ${destination}.`);
    expect(input(reset, 'username').value).to.equal(user.username);
    const code = input(reset, 'code');
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(document.activeElement).to.equal(code);
    await expect(el).to.be.accessible();

    await type(code, await latestCode(user.username, 'forgot_password'));
    await type(input(reset, 'password'), 'Resetpassw0rd');
    await type(input(reset, 'confirm-password'), 'Resetpassw0rd');
    const done = oneEvent(el, 'cognito-password-reset');
    reset.querySelector('form')!.requestSubmit();
    expect((await done).detail).to.deep.equal({ username: user.username });
    await reset.updateComplete;
    expect(reset.querySelector('form')).to.equal(null);
    expect(reset.querySelector('[role="status"]')!.textContent).to.contain('Your password has been changed');
    await expect(el).to.be.accessible();

    const auth = client();
    expect((await auth.signIn({ username: user.username, password: 'Resetpassw0rd', authFlow: PLAIN })).step).to.equal('DONE');
    const old = await auth.signIn({ username: user.username, password: PASSWORD, authFlow: PLAIN }).catch((error) => error);
    expect(old.code).to.equal('NotAuthorizedException');
  });

  it('keeps the form and everything typed when the code is wrong', async () => {
    const user = await createUser();
    const el = await fixture<CognitoForgotPassword>(html`<cognito-forgot-password .client=${client()} password-policy=${POLICY}></cognito-forgot-password>`);
    const { reset } = await requestCode(el, user.username);
    const right = await latestCode(user.username, 'forgot_password');
    const wrong = right === '000000' ? '111111' : '000000';
    await type(input(reset, 'code'), wrong);
    await type(input(reset, 'password'), 'Resetpassw0rd');
    await type(input(reset, 'confirm-password'), 'Resetpassw0rd');
    const failed = oneEvent(el, 'cognito-error');
    reset.querySelector('form')!.requestSubmit();
    expect((await failed).detail.code).to.equal('CodeMismatchException');
    await reset.updateComplete;
    expect(reset.querySelector('.cognito-error[aria-live="assertive"]:not(:empty)')!.textContent).to.equal('That code is not right. Please check it and try again.');
    expect([input(reset, 'code').value, input(reset, 'password').value, input(reset, 'confirm-password').value]).to.deep.equal([
      wrong,
      'Resetpassw0rd',
      'Resetpassw0rd',
    ]);
    await expect(el).to.be.accessible();

    // The right code still works from the same form.
    await type(input(reset, 'code'), right);
    const done = oneEvent(el, 'cognito-password-reset');
    reset.querySelector('form')!.requestSubmit();
    await done;
  });

  it('"Send a new code" asks Cognito again and says where it went', async () => {
    const user = await createUser();
    const el = await fixture<CognitoForgotPassword>(html`<cognito-forgot-password .client=${client()}></cognito-forgot-password>`);
    const { reset } = await requestCode(el, user.username);
    expect((await outbox(user.username, 'forgot_password')).length).to.equal(1);
    const sent = oneEvent(el, 'cognito-code-sent');
    link(reset, 'Send a new code').click();
    const event = await sent;
    expect(event.detail.purpose).to.equal('forgot-password');
    await reset.updateComplete;
    expect((await outbox(user.username, 'forgot_password')).length).to.equal(2);
    expect(reset.querySelector('[role="status"]')!.textContent).to.equal(`We sent a code to ${event.detail.delivery.destination}.`);
    await expect(el).to.be.accessible();
  });

  it('"Back to sign in" asks to go back, with the username typed', async () => {
    const el = await fixture<CognitoForgotPassword>(html`<cognito-forgot-password .client=${client()}></cognito-forgot-password>`);
    await type(input(el, 'username'), 'someone');
    const navigate = oneEvent(el, 'cognito-navigate');
    link(el, 'Back to sign in').click();
    expect((await navigate).detail).to.deep.equal({ to: 'sign-in', username: 'someone' });
  });

  it('start-at="code" goes straight to the code for the given username (after an administrator reset)', async () => {
    const user = await createUser();
    await cognito('AdminResetUserPassword', { UserPoolId: POOL_ID, Username: user.username });
    const step = await client().signIn({ username: user.username, password: user.password, authFlow: PLAIN });
    expect(step).to.deep.equal({ step: 'RESET_PASSWORD', username: user.username });
    const el = await fixture<CognitoForgotPassword>(
      html`<cognito-forgot-password .client=${client()} username=${user.username} start-at="code"></cognito-forgot-password>`,
    );
    const reset = el.querySelector<CognitoNewPassword>('cognito-new-password')!;
    await reset.updateComplete;
    expect(input(reset, 'username').value).to.equal(user.username);
    await type(input(reset, 'code'), await latestCode(user.username, 'forgot_password'));
    await type(input(reset, 'password'), 'Resetpassw0rd');
    await type(input(reset, 'confirm-password'), 'Resetpassw0rd');
    const done = oneEvent(el, 'cognito-password-reset');
    reset.querySelector('form')!.requestSubmit();
    expect((await done).detail.username).to.equal(user.username);
  });

  // Issue 13: an empty or malformed name here was answered with one generic sentence.
  it('says on the field that the name is missing or is not an email address, and sends nothing', async () => {
    const el = await fixture<CognitoForgotPassword>(html`<cognito-forgot-password .client=${client()} username-attribute="email"></cognito-forgot-password>`);
    const message = () => {
      const field = input(el, 'username');
      return field.getAttribute('aria-invalid') === 'true'
        ? el.querySelector(`[id="${field.getAttribute('aria-describedby')!.split(' ')[0]}"]`)!.textContent
        : undefined;
    };
    let failed = oneEvent(el, 'cognito-error');
    el.querySelector('form')!.requestSubmit();
    expect((await failed).detail.field).to.equal('username');
    await el.updateComplete;
    expect(message()).to.equal('Please fill in this field.');
    expect(document.activeElement).to.equal(input(el, 'username'));

    await type(input(el, 'username'), 'not an address');
    failed = oneEvent(el, 'cognito-error');
    el.querySelector('form')!.requestSubmit();
    expect((await failed).detail.code).to.equal('InvalidFieldError');
    await el.updateComplete;
    expect(message()).to.equal('Enter an email address, for example name@example.com.');
    expect(el.querySelector('cognito-new-password'), 'no code was asked for').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('in the reset form, the code and the new password are said on their fields when missing', async () => {
    const user = await createUser({ attributes: { email: `fp-${crypto.randomUUID().slice(0, 8)}@example.com`, email_verified: 'true' } });
    const el = await fixture<CognitoForgotPassword>(html`<cognito-forgot-password .client=${client()} password-policy=${POLICY}></cognito-forgot-password>`);
    const { reset } = await requestCode(el, user.username);
    const failed = oneEvent(reset, 'cognito-error');
    reset.querySelector('form')!.requestSubmit();
    expect((await failed).detail.field).to.equal('code');
    await reset.updateComplete;
    for (const name of ['code', 'password']) expect(input(reset, name).getAttribute('aria-invalid'), name).to.equal('true');
    expect(document.activeElement).to.equal(input(reset, 'code'));
  });
});
