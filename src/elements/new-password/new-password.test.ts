import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import type { CognitoClient } from '../../core/index.ts';
import { cognito, countingFetch, createPool, createUser, holdEmulator, latestCode, newClient, POOL_ID, uniqueName } from '../../../test/browser/support/core.ts';
import '../sign-in/sign-in.ts';
import type { CognitoSignIn } from '../sign-in/sign-in.component.ts';
import { type } from '../../../test/browser/support/elements.ts';
import './new-password.ts';
import type { CognitoNewPassword } from './new-password.component.ts';

// Sign-ins the tests make themselves skip SRP: these tests are not about it, and it is the slow part.
const PLAIN = 'USER_PASSWORD_AUTH' as const;

// The demo pool's policy; the element is told so with password-policy.
const POLICY = 'min-length:8 lowercase uppercase numbers';
const TEMP_PASSWORD = 'TempPassw0rd!';

function client(fetch?: typeof globalThis.fetch): CognitoClient {
  return newClient({ autoRefresh: false, ...(fetch ? { fetch } : {}) }).client;
}

const input = (el: Element, name: string) => el.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`)!;

/** A user whose password is temporary (as an administrator creates them), no invitation sent. */
async function invitedUser(poolId = POOL_ID, attributes: Record<string, string> = {}): Promise<string> {
  const username = uniqueName('np');
  await cognito('AdminCreateUser', {
    UserPoolId: poolId,
    Username: username,
    TemporaryPassword: TEMP_PASSWORD,
    MessageAction: 'SUPPRESS',
    UserAttributes: Object.entries({ email: `${username}@example.com`, ...attributes }).map(([Name, Value]) => ({ Name, Value })),
  });
  return username;
}

/** The checklist rule states, keyed by their text (without the screen-reader suffix). */
function checklist(el: Element): Record<string, string> {
  return Object.fromEntries(
    [...el.querySelectorAll('.cognito-policy li')].map((li) => [
      li.textContent.replace(li.querySelector('.cognito-visually-hidden')!.textContent, '').trim(),
      li.getAttribute('data-met')!,
    ]),
  );
}

describe('<cognito-new-password>', () => {
  holdEmulator('shared');

  it('stays hidden, with no form, while no sign-in waits for a new password', async () => {
    const el = await fixture<CognitoNewPassword>(html`<cognito-new-password .client=${client()}></cognito-new-password>`);
    expect(el.hidden).to.equal(true);
    expect(el.querySelector('form')).to.equal(null);
    expect(getComputedStyle(el).display).to.equal('none');
    await expect(el).to.be.accessible();
  });

  it('takes over from <cognito-sign-in> for a temporary password: checklist, mismatch refused locally, then signed in', async () => {
    const username = await invitedUser();
    const counter = countingFetch();
    const auth = client(counter.fetch);
    // fixtureSync: awaiting fixture() of a plain <div> waits for an animation frame, which a page
    // in the background (web-test-runner runs two at once) may never get.
    const page = fixtureSync<HTMLDivElement>(html`<div>
      <cognito-sign-in .client=${auth}></cognito-sign-in>
      <cognito-new-password .client=${auth} password-policy=${POLICY}></cognito-new-password>
    </div>`);
    const signIn = page.querySelector<CognitoSignIn>('cognito-sign-in')!;
    const el = page.querySelector<CognitoNewPassword>('cognito-new-password')!;
    await Promise.all([signIn.updateComplete, el.updateComplete]);

    await type(input(signIn, 'username'), username);
    await type(input(signIn, 'password'), TEMP_PASSWORD);
    const challenge = oneEvent(signIn, 'cognito-challenge');
    signIn.querySelector('form')!.requestSubmit();
    expect((await challenge).detail.step.step).to.equal('NEW_PASSWORD');
    await el.updateComplete;

    expect(el.hidden).to.equal(false);
    expect(el.shadowRoot).to.equal(null);
    const hiddenName = el.querySelector<HTMLInputElement>('input[autocomplete="username"]')!;
    expect(hiddenName.hidden).to.equal(true);
    expect(hiddenName.value).to.equal(username);
    const password = input(el, 'password');
    const confirm = input(el, 'confirm-password');
    expect([password.type, password.getAttribute('autocomplete')]).to.deep.equal(['password', 'new-password']);
    expect([confirm.type, confirm.getAttribute('autocomplete')]).to.deep.equal(['password', 'new-password']);
    expect(el.querySelector(`label[for="${password.id}"]`)!.textContent).to.equal('New password');
    expect(document.activeElement).to.equal(password);
    const checklistId = password.getAttribute('aria-describedby')!;
    expect(el.querySelector(`[id="${checklistId}"] .cognito-policy`)).to.exist;
    await expect(el).to.be.accessible();

    // The checklist follows the typing.
    await type(password, 'abc');
    await el.updateComplete;
    expect(checklist(el)).to.deep.equal({
      'at least 8 characters': 'false',
      'a lowercase letter': 'true',
      'an uppercase letter': 'false',
      'a number': 'false',
    });
    await type(password, 'Abcdefg1');
    await el.updateComplete;
    expect(Object.values(checklist(el))).to.deep.equal(['true', 'true', 'true', 'true']);

    // A confirmation that differs is refused here: nothing is sent.
    await type(confirm, 'Abcdefg2');
    const sentBefore = counter.calls('RespondToAuthChallenge');
    el.querySelector('form')!.requestSubmit();
    await el.updateComplete;
    await el.updateComplete;
    expect(counter.calls('RespondToAuthChallenge')).to.equal(sentBefore);
    const mismatch = el.querySelector(`[id="${confirm.getAttribute('aria-describedby')}"]`)!;
    expect(mismatch.textContent).to.equal('The passwords do not match.');
    expect(confirm.getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(confirm);
    expect(password.value).to.equal('Abcdefg1');
    await expect(el).to.be.accessible();

    // Fixing it clears the message; submitting finishes the sign-in.
    await type(confirm, 'Abcdefg1');
    await el.updateComplete;
    expect(mismatch.textContent).to.equal('');
    expect(confirm.hasAttribute('aria-invalid')).to.equal(false);
    const signedIn = oneEvent(el, 'cognito-signed-in');
    el.querySelector('form')!.requestSubmit();
    const event = await signedIn;
    expect(event.detail.session.username).to.equal(username);
    expect(counter.calls('RespondToAuthChallenge')).to.equal(sentBefore + 1);
    await el.updateComplete;
    expect(el.hidden).to.equal(true);
    expect(el.querySelector('form')).to.equal(null);
    await signIn.updateComplete;
    expect(signIn.querySelector('.cognito-status')!.textContent).to.contain('Signed in as');

    // The new password is the password now.
    const step = await client().signIn({ username, password: 'Abcdefg1', authFlow: PLAIN });
    expect(step.step).to.equal('DONE');
  });

  it('asks for the attributes the pool requires and the account lacks, and saves them', async () => {
    const { poolId, clientId } = await createPool({
      Schema: [
        { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
        { Name: 'birthdate', AttributeDataType: 'String', Required: true, Mutable: true },
      ],
    });
    const username = await invitedUser(poolId, { name: 'Ada', birthdate: '1990-04-01' });
    // Real Cognito lets AdminCreateUser leave required attributes out (the user supplies them at
    // the first sign-in); the emulator insists on them, so the account loses them again here.
    await cognito('AdminUpdateUserAttributes', {
      UserPoolId: poolId,
      Username: username,
      UserAttributes: [
        { Name: 'name', Value: '' },
        { Name: 'birthdate', Value: '' },
      ],
    });
    const auth = newClient({ userPoolId: poolId, clientId, autoRefresh: false }).client;
    const el = await fixture<CognitoNewPassword>(html`<cognito-new-password .client=${auth} username=${username}></cognito-new-password>`);
    const step = await auth.signIn({ username, password: TEMP_PASSWORD, authFlow: PLAIN });
    expect(step.step === 'NEW_PASSWORD' && step.requiredAttributes).to.deep.equal(['name', 'birthdate']);
    await el.updateComplete;

    expect(el.querySelector<HTMLInputElement>('input[autocomplete="username"]')!.value).to.equal(username);
    const name = input(el, 'name');
    const birthdate = input(el, 'birthdate');
    expect(el.querySelector(`label[for="${name.id}"]`)!.textContent).to.equal('Full name');
    expect([name.type, name.getAttribute('autocomplete'), name.required]).to.deep.equal(['text', 'name', true]);
    expect(el.querySelector(`label[for="${birthdate.id}"]`)!.textContent).to.equal('Date of birth');
    expect([birthdate.type, birthdate.getAttribute('autocomplete'), birthdate.required]).to.deep.equal(['date', 'bday', true]);
    await expect(el).to.be.accessible();

    await type(input(el, 'password'), 'Passw0rd!x');
    await type(input(el, 'confirm-password'), 'Passw0rd!x');
    await type(name, '  Ada Lovelace ');
    await type(birthdate, '1815-12-10');
    const signedIn = oneEvent(el, 'cognito-signed-in');
    el.querySelector('form')!.requestSubmit();
    await signedIn;
    const user = await cognito('AdminGetUser', { UserPoolId: poolId, Username: username });
    const attributes = Object.fromEntries(user.UserAttributes.map((a: { Name: string; Value: string }) => [a.Name, a.Value]));
    expect([attributes.name, attributes.birthdate, user.UserStatus]).to.deep.equal(['Ada Lovelace', '1815-12-10', 'CONFIRMED']);
  });

  it("shows Cognito's refusal of a password that breaks the policy, keeps what was typed, and lets the user try again", async () => {
    const username = await invitedUser();
    const auth = client();
    const el = await fixture<CognitoNewPassword>(html`<cognito-new-password .client=${auth}></cognito-new-password>`);
    await auth.signIn({ username, password: TEMP_PASSWORD, authFlow: PLAIN });
    await el.updateComplete;
    // Without a sign-in element or a username, the hidden field falls back to the account's email.
    expect(el.querySelector<HTMLInputElement>('input[autocomplete="username"]')!.value).to.equal(`${username}@example.com`);

    await type(input(el, 'password'), 'alllowercase1');
    await type(input(el, 'confirm-password'), 'alllowercase1');
    const failed = oneEvent(el, 'cognito-error');
    el.querySelector('form')!.requestSubmit();
    const { detail } = await failed;
    expect([detail.code, detail.field]).to.deep.equal(['InvalidPasswordException', 'password']);
    await el.updateComplete;
    // Said on the password field itself (issue 13), which gets focus back.
    const password = input(el, 'password');
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    expect(el.querySelector(`[id="${password.getAttribute('aria-describedby')!.split(' ')[0]}"]`)!.textContent).to.equal(
      'This password does not meet the requirements.',
    );
    expect(document.activeElement).to.equal(password);
    expect(input(el, 'password').value).to.equal('alllowercase1');
    expect(input(el, 'confirm-password').value).to.equal('alllowercase1');
    expect(el.hidden).to.equal(false);
    await expect(el).to.be.accessible();

    await type(input(el, 'password'), 'Uppercase1');
    await type(input(el, 'confirm-password'), 'Uppercase1');
    const signedIn = oneEvent(el, 'cognito-signed-in');
    el.querySelector('form')!.requestSubmit();
    expect((await signedIn).detail.session.username).to.equal(username);
  });

  it('"Back to sign in" abandons the sign-in and asks to go back', async () => {
    const username = await invitedUser();
    const auth = client();
    const el = await fixture<CognitoNewPassword>(html`<cognito-new-password .client=${auth} username=${username}></cognito-new-password>`);
    await auth.signIn({ username, password: TEMP_PASSWORD, authFlow: PLAIN });
    await el.updateComplete;
    const navigate = oneEvent(el, 'cognito-navigate');
    [...el.querySelectorAll<HTMLButtonElement>('button.cognito-link')].find((b) => b.textContent === 'Back to sign in')!.click();
    expect((await navigate).detail).to.deep.equal({ to: 'sign-in', username });
    await el.updateComplete;
    expect(auth.currentStep).to.equal(undefined);
    expect(el.hidden).to.equal(true);
  });

  it('reset mode: the code and a new password reset it, then "Sign in" asks for the sign-in form', async () => {
    const user = await createUser();
    const auth = client();
    await auth.forgotPassword({ username: user.username });
    const el = await fixture<CognitoNewPassword>(
      html`<cognito-new-password mode="reset" username=${user.username} password-policy=${POLICY} .client=${auth}></cognito-new-password>`,
    );
    expect(el.hidden).to.equal(false);
    const hiddenName = el.querySelector<HTMLInputElement>('input[autocomplete="username"]')!;
    expect([hiddenName.hidden, hiddenName.value]).to.deep.equal([true, user.username]);
    const code = input(el, 'code');
    expect([code.getAttribute('autocomplete'), code.inputMode]).to.deep.equal(['one-time-code', 'numeric']);
    expect(el.querySelectorAll('input[autocomplete="new-password"]').length).to.equal(2);
    await expect(el).to.be.accessible();
    // One "Show password" shows both the new password and its confirmation.
    el.querySelector<HTMLInputElement>('input[data-show-password]')!.click();
    expect([input(el, 'password').type, input(el, 'confirm-password').type]).to.deep.equal(['text', 'text']);

    await type(code, await latestCode(user.username, 'forgot_password'));
    await type(input(el, 'password'), 'Newpassw0rd');
    await type(input(el, 'confirm-password'), 'Newpassw0rd');
    const reset = oneEvent(el, 'cognito-password-reset');
    el.querySelector('form')!.requestSubmit();
    expect([input(el, 'password').type, input(el, 'confirm-password').type], 'hidden again when sent').to.deep.equal(['password', 'password']);
    expect((await reset).detail).to.deep.equal({ username: user.username });
    await el.updateComplete;
    expect(el.querySelector('form')).to.equal(null);
    expect(document.activeElement).to.equal(el.querySelector('.cognito-heading'));
    expect(el.querySelector('[role="status"]')!.textContent).to.contain('Your password has been changed');
    await expect(el).to.be.accessible();

    const navigate = oneEvent(el, 'cognito-navigate');
    el.querySelector<HTMLButtonElement>('.cognito-actions button')!.click();
    expect((await navigate).detail).to.deep.equal({ to: 'sign-in', username: user.username });
    expect((await client().signIn({ username: user.username, password: 'Newpassw0rd', authFlow: PLAIN })).step).to.equal('DONE');
  });
});
