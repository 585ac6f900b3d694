// formFields and hooks on the forms without extra fields: sign-in, forgot-password, attributes.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { cognito, countingFetch, createPool, createUser, holdEmulator, newClient, POOL_ID, uniqueName } from '../../../test/browser/support/core.ts';
import { type, waitFor } from '../../../test/browser/support/elements.ts';
import type { FormFields, Hooks } from './form-fields.ts';
import '../sign-in/sign-in.ts';
import '../forgot-password/forgot-password.ts';
import '../attributes/attributes.ts';
import type { CognitoSignIn } from '../sign-in/sign-in.component.ts';
import type { CognitoForgotPassword } from '../forgot-password/forgot-password.component.ts';
import type { CognitoAttributes } from '../attributes/attributes.component.ts';

const input = (el: Element, name: string) => el.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`)!;
const labelOf = (el: Element, field: Element) => el.querySelector(`label[for="${CSS.escape(field.id)}"]`)!.textContent.trim();
const hintOf = (el: Element, field: Element) => el.querySelector(`#${CSS.escape(field.id)}-hint`)?.textContent;
function messageOf(el: Element, field: Element): string | undefined {
  if (field.getAttribute('aria-invalid') !== 'true') return undefined;
  return el.querySelector(`[id="${field.getAttribute('aria-describedby')!.split(' ')[0]}"]`)?.textContent ?? undefined;
}
const button = (el: Element, text: string) => [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent.trim() === text)!;

describe('formFields and hooks: sign-in, forgot-password, attributes', () => {
  holdEmulator('shared');

  it('sign-in: labels, placeholder and hint as configured; the autocomplete tokens password managers use are unchanged', async () => {
    const formFields: FormFields = {
      signIn: { fields: { username: { label: 'Employee ID', placeholder: 'e12345', hint: 'On your badge' }, password: { label: 'PIN' } } },
    };
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${newClient({ autoRefresh: false }).client} .formFields=${formFields}></cognito-sign-in>`);
    const username = input(el, 'username');
    const password = input(el, 'password');
    expect([labelOf(el, username), username.placeholder, hintOf(el, username), username.getAttribute('autocomplete')]).to.deep.equal([
      'Employee ID',
      'e12345',
      'On your badge',
      'username',
    ]);
    expect([labelOf(el, password), password.type, password.getAttribute('autocomplete')]).to.deep.equal(['PIN', 'password', 'current-password']);
    await expect(el).to.be.accessible();
  });

  it('takes the simple cases as the form-fields attribute (JSON); JSON that does not parse leaves the form as it is', async () => {
    const client = newClient({ autoRefresh: false }).client;
    const el = await fixture<CognitoSignIn>(
      html`<cognito-sign-in .client=${client} form-fields='{"signIn":{"fields":{"username":{"label":"Login","placeholder":"jane"}}}}'></cognito-sign-in>`,
    );
    expect([labelOf(el, input(el, 'username')), input(el, 'username').placeholder]).to.deep.equal(['Login', 'jane']);
    const broken = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${client} form-fields="{signIn:"></cognito-sign-in>`);
    expect([labelOf(broken, input(broken, 'username')), input(broken, 'username').placeholder]).to.deep.equal(['Username', '']);
  });

  it("sign-in: a validate hook's message is shown on its field and nothing is sent; a transform lower-cases the username Cognito gets", async () => {
    const { poolId, clientId } = await createPool({ UsernameConfiguration: { CaseSensitive: true } });
    const user = await createUser({ poolId, attributes: {} });
    const counter = countingFetch();
    const hooks: Hooks = {
      signIn: {
        validate: (values) => (String(values.username).includes('@') ? { username: 'Use your username, not your email.' } : undefined),
        transform: (values) => ({ ...values, username: String(values.username).toLowerCase() }),
      },
    };
    const auth = newClient({ userPoolId: poolId, clientId, autoRefresh: false, fetch: counter.fetch }).client;
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in .client=${auth} auth-flow="USER_PASSWORD_AUTH" .hooks=${hooks}></cognito-sign-in>`);
    await type(input(el, 'username'), 'jane@example.com');
    await type(input(el, 'password'), user.password);
    el.querySelector('form')!.requestSubmit();
    await waitUntil(() => messageOf(el, input(el, 'username')));
    expect(messageOf(el, input(el, 'username'))).to.equal('Use your username, not your email.');
    expect(document.activeElement).to.equal(input(el, 'username'));
    expect(counter.calls('InitiateAuth')).to.equal(0);

    await type(input(el, 'username'), user.username.toUpperCase());
    const signedIn = oneEvent(el, 'cognito-signed-in');
    el.querySelector('form')!.requestSubmit();
    expect((await signedIn).detail.session.username).to.equal(user.username);
  });

  it('forgot-password: the username field as configured, and a transform trims what is sent', async () => {
    const user = await createUser();
    const hooks: Hooks = { forgotPassword: { transform: (values) => ({ ...values, username: String(values.username).replace(/^id:/, '') }) } };
    const formFields: FormFields = { forgotPassword: { fields: { username: { label: 'Your login', hint: 'As on the welcome email' } } } };
    const el = await fixture<CognitoForgotPassword>(
      html`<cognito-forgot-password .client=${newClient({ autoRefresh: false }).client} .formFields=${formFields} .hooks=${hooks}></cognito-forgot-password>`,
    );
    const username = input(el, 'username');
    expect([labelOf(el, username), hintOf(el, username)]).to.deep.equal(['Your login', 'As on the welcome email']);
    await expect(el).to.be.accessible();
    await type(username, `id:${user.username}`);
    const sent = oneEvent(el, 'cognito-code-sent');
    el.querySelector('form')!.requestSubmit();
    expect((await sent).detail.purpose).to.equal('forgot-password');
    expect((await waitFor(() => el.querySelector<HTMLInputElement>('cognito-new-password input[name="username"]'))).value).to.equal(user.username);
  });

  it('attributes: the edit form ordered and labelled as configured, a preset for an unset attribute; validate and transform apply', async () => {
    const user = await createUser({ prefix: 'attrf', attributes: { email: `${uniqueName('attrf')}@example.com`, email_verified: 'true', name: 'Ada Lovelace' } });
    const { client } = newClient({ storage: 'memory', autoRefresh: false });
    expect((await client.signIn({ username: user.username, password: user.password })).step).to.equal('DONE');
    const formFields: FormFields = { attributes: { fields: { nickname: { order: 1, label: 'Call me', value: 'Ada' }, name: { order: 2 } } } };
    const hooks: Hooks = {
      attributes: {
        validate: (values) => (String(values.nickname).length > 10 ? { nickname: 'Ten characters at most.' } : undefined),
        transform: (values) => ({ ...values, nickname: String(values.nickname).toLowerCase() }),
      },
    };
    const el = await fixture<CognitoAttributes>(
      html`<cognito-attributes .client=${client} editable="name nickname email" .formFields=${formFields} .hooks=${hooks}></cognito-attributes>`,
    );
    await waitUntil(() => el.querySelector('dl'), 'the attributes were not shown');
    button(el, 'Edit').click();
    await el.updateComplete;
    const names = [...el.querySelectorAll<HTMLInputElement>('form input')].map((i) => i.name);
    expect(names).to.deep.equal(['nickname', 'name', 'email']);
    const nickname = input(el, 'nickname');
    expect([labelOf(el, nickname), nickname.value, input(el, 'name').value]).to.deep.equal(['Call me', 'Ada', 'Ada Lovelace']);
    await expect(el).to.be.accessible();

    await type(nickname, 'Countess of Lovelace');
    el.querySelector('form')!.requestSubmit();
    await waitUntil(() => messageOf(el, nickname));
    expect(messageOf(el, nickname)).to.equal('Ten characters at most.');

    await type(nickname, 'Countess');
    const updated = oneEvent(el, 'cognito-attributes-updated');
    el.querySelector('form')!.requestSubmit();
    expect((await updated).detail.attributes).to.deep.equal({ nickname: 'countess' });
    const { UserAttributes } = await cognito<{ UserAttributes: { Name: string; Value: string }[] }>('AdminGetUser', {
      UserPoolId: POOL_ID,
      Username: user.username,
    });
    expect(UserAttributes.find((a) => a.Name === 'nickname')?.Value).to.equal('countess');
  });
});
