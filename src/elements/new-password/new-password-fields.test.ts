import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { cognito, countingFetch, createPool, holdEmulator, newClient, uniqueName } from '../../../test/browser/support/core.ts';
import { type, waitFor } from '../../../test/browser/support/elements.ts';
import type { FormFields, Hooks } from '../shared/form-fields.ts';
import './new-password.ts';
import type { CognitoNewPassword } from './new-password.component.ts';

const TEMP_PASSWORD = 'TempPassw0rd!';
const NEW_PASSWORD = 'Chosen0kay!';
const input = (el: Element, name: string) => el.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`)!;
const labelOf = (el: Element, field: Element) => el.querySelector(`label[for="${CSS.escape(field.id)}"]`)!.textContent.trim();
function messageOf(el: Element, field: Element): string | undefined {
  if (field.getAttribute('aria-invalid') !== 'true') return undefined;
  return el.querySelector(`[id="${field.getAttribute('aria-describedby')!.split(' ')[0]}"]`)?.textContent ?? undefined;
}

const FIELDS: FormFields = {
  newPassword: {
    fields: { password: { label: 'Your new password' } },
    custom: [
      {
        name: 'plan',
        type: 'radio',
        label: 'Plan',
        options: [
          { value: 'free', label: 'Free' },
          { value: 'team', label: 'Team' },
        ],
        required: true,
        mapTo: { attribute: 'custom:plan' },
      },
      { name: 'terms', type: 'checkbox', label: 'I accept the terms', required: true },
    ],
  },
};

/** A pool with custom:plan, a user of it with a temporary password, and a client signed in up to the NEW_PASSWORD step. */
async function atNewPassword(fetch?: typeof globalThis.fetch) {
  const { poolId, clientId } = await createPool({ Schema: [{ Name: 'plan', AttributeDataType: 'String', Mutable: true }] });
  const username = uniqueName('npf');
  await cognito('AdminCreateUser', { UserPoolId: poolId, Username: username, TemporaryPassword: TEMP_PASSWORD, MessageAction: 'SUPPRESS' });
  const auth = newClient({ userPoolId: poolId, clientId, autoRefresh: false, ...(fetch ? { fetch } : {}) }).client;
  expect((await auth.signIn({ username, password: TEMP_PASSWORD, authFlow: 'USER_PASSWORD_AUTH' })).step).to.equal('NEW_PASSWORD');
  return { poolId, username, auth };
}

describe('<cognito-new-password> formFields and hooks', () => {
  holdEmulator('shared');

  it('renders the extra fields; an unticked terms box blocks the form on its field; the chosen plan arrives as custom:plan', async () => {
    const counter = countingFetch();
    const { poolId, username, auth } = await atNewPassword(counter.fetch);
    const el = await fixture<CognitoNewPassword>(html`<cognito-new-password .client=${auth} .formFields=${FIELDS}></cognito-new-password>`);
    const terms = await waitFor(() => el.querySelector<HTMLInputElement>('input[name="terms"]'));
    expect(labelOf(el, input(el, 'password'))).to.equal('Your new password');
    expect(input(el, 'password').getAttribute('autocomplete')).to.equal('new-password');
    expect(input(el, 'username').getAttribute('autocomplete')).to.equal('username');
    await expect(el).to.be.accessible();

    await type(input(el, 'password'), NEW_PASSWORD);
    await type(input(el, 'confirm-password'), NEW_PASSWORD);
    el.querySelector<HTMLInputElement>('input[name="plan"][value="team"]')!.click();
    el.querySelector('form')!.requestSubmit();
    await waitUntil(() => messageOf(el, terms));
    expect(messageOf(el, terms)).to.equal('Please tick this box to continue.');
    expect(document.activeElement).to.equal(terms);
    expect(counter.calls('RespondToAuthChallenge')).to.equal(0);
    await expect(el).to.be.accessible();

    terms.click();
    const signedIn = oneEvent(el, 'cognito-signed-in');
    el.querySelector('form')!.requestSubmit();
    await signedIn;
    const { UserAttributes } = await cognito<{ UserAttributes: { Name: string; Value: string }[] }>('AdminGetUser', { UserPoolId: poolId, Username: username });
    expect(UserAttributes.find((a) => a.Name === 'custom:plan')?.Value).to.equal('team');
  });

  it("shows a validate hook's message on a custom field, and a transform's values are what is sent", async () => {
    const { poolId, username, auth } = await atNewPassword();
    const hooks: Hooks = {
      newPassword: {
        validate: (values) => (values.plan === 'free' ? { plan: 'Pick the team plan for this workspace.' } : undefined),
        transform: (values) => ({ ...values, plan: `${String(values.plan)}-annual` }),
      },
    };
    const formFields: FormFields = { newPassword: { custom: [{ ...FIELDS.newPassword!.custom![0], required: false }] } };
    const el = await fixture<CognitoNewPassword>(html`<cognito-new-password .client=${auth} .formFields=${formFields} .hooks=${hooks}></cognito-new-password>`);
    const free = await waitFor(() => el.querySelector<HTMLInputElement>('input[name="plan"][value="free"]'));
    await type(input(el, 'password'), NEW_PASSWORD);
    await type(input(el, 'confirm-password'), NEW_PASSWORD);
    free.click();
    el.querySelector('form')!.requestSubmit();
    await waitUntil(() => messageOf(el, free));
    expect(messageOf(el, free)).to.equal('Pick the team plan for this workspace.');
    expect(document.activeElement).to.equal(free);

    el.querySelector<HTMLInputElement>('input[name="plan"][value="team"]')!.click();
    const signedIn = oneEvent(el, 'cognito-signed-in');
    el.querySelector('form')!.requestSubmit();
    await signedIn;
    const { UserAttributes } = await cognito<{ UserAttributes: { Name: string; Value: string }[] }>('AdminGetUser', { UserPoolId: poolId, Username: username });
    expect(UserAttributes.find((a) => a.Name === 'custom:plan')?.Value).to.equal('team-annual');
  });

  it('reset mode takes the resetPassword configuration: the code field labelled and hinted as the page says', async () => {
    const formFields: FormFields = {
      resetPassword: { fields: { code: { label: 'Code from the email', hint: 'Six digits' }, username: { placeholder: 'you@example.com' } } },
    };
    const el = await fixture<CognitoNewPassword>(
      html`<cognito-new-password mode="reset" .client=${newClient({ autoRefresh: false }).client} .formFields=${formFields}></cognito-new-password>`,
    );
    const code = input(el, 'code');
    expect([labelOf(el, code), code.getAttribute('autocomplete')]).to.deep.equal(['Code from the email', 'one-time-code']);
    expect(el.querySelector(`#${CSS.escape(code.id)}-hint`)!.textContent).to.equal('Six digits');
    expect(input(el, 'username').placeholder).to.equal('you@example.com');
    await expect(el).to.be.accessible();
  });
});
