import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CognitoClient } from '../../core/index.ts';
import { cognito, countingFetch, createPool, holdEmulator, newClient, uniqueName } from '../../../test/browser/support/core.ts';
import { type, waitFor } from '../../../test/browser/support/elements.ts';
import type { FormFields, Hooks } from '../shared/form-fields.ts';
import './sign-up.ts';
import type { CognitoSignUp } from './sign-up.component.ts';

const PASSWORD = 'Signup0kay!';
const input = (el: Element, name: string) => el.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`)!;
const labelOf = (el: Element, field: Element) => el.querySelector(`label[for="${CSS.escape(field.id)}"]`)!.textContent.trim();
/** The message tied to an invalid control, or undefined when it is not marked invalid. */
function messageOf(el: Element, field: Element): string | undefined {
  if (field.getAttribute('aria-invalid') !== 'true') return undefined;
  return el.querySelector(`[id="${field.getAttribute('aria-describedby')!.split(' ')[0]}"]`)?.textContent ?? undefined;
}

/** A pool whose schema has custom:plan (Cognito refuses an attribute its pool does not define), with a client of its own. */
async function planPool(fetch?: typeof globalThis.fetch): Promise<{ poolId: string; auth: CognitoClient }> {
  const { poolId, clientId } = await createPool({ Schema: [{ Name: 'plan', AttributeDataType: 'String', Mutable: true }] });
  return { poolId, auth: newClient({ userPoolId: poolId, clientId, autoRefresh: false, ...(fetch ? { fetch } : {}) }).client };
}

const userOf = (poolId: string, username: string) =>
  cognito<{ Username: string; UserAttributes: { Name: string; Value: string }[] }>('AdminGetUser', { UserPoolId: poolId, Username: username });
const attributesOf = async (poolId: string, username: string) => Object.fromEntries((await userOf(poolId, username)).UserAttributes.map((a) => [a.Name, a.Value]));

const PLAN_AND_TERMS: FormFields = {
  signUp: {
    custom: [
      {
        name: 'plan',
        type: 'select',
        label: 'Plan',
        required: true,
        options: [
          { value: 'free', label: 'Free' },
          { value: 'team', label: 'Team' },
        ],
        mapTo: { attribute: 'custom:plan' },
      },
      { name: 'terms', type: 'checkbox', label: 'I accept the terms', required: true },
    ],
  },
};

async function fillBasics(el: CognitoSignUp, username: string): Promise<void> {
  await type(input(el, 'username'), username);
  await type(input(el, 'email'), `${username.toLowerCase()}@example.com`);
  await type(input(el, 'password'), PASSWORD);
  await type(input(el, 'confirm-password'), PASSWORD);
}

describe('<cognito-sign-up> formFields and hooks', () => {
  holdEmulator('shared');

  it('shows each field as configured: label, placeholder, hint, order, a hidden preset, the autocomplete tokens kept', async () => {
    const { auth } = await planPool();
    const formFields: FormFields = {
      signUp: {
        fields: {
          username: { label: 'Login name', placeholder: 'jane.doe', hint: 'Lower-case letters and dots', order: 2 },
          email: { order: 1, label: 'Work email' },
          'custom:plan': { hidden: true, value: 'trial' },
        },
      },
    };
    const el = await fixture<CognitoSignUp>(html`<cognito-sign-up .client=${auth} attributes="email custom:plan" .formFields=${formFields}></cognito-sign-up>`);
    const names = [...el.querySelectorAll<HTMLInputElement>('form input:not([data-show-password])')].map((i) => [i.name, i.getAttribute('autocomplete'), i.type]);
    expect(names).to.deep.equal([
      ['email', 'email', 'email'],
      ['username', 'username', 'text'],
      ['custom:plan', null, 'hidden'],
      ['password', 'new-password', 'password'],
      ['confirm-password', 'new-password', 'password'],
    ]);
    expect(input(el, 'custom:plan').value).to.equal('trial');
    const username = input(el, 'username');
    expect([labelOf(el, username), username.placeholder]).to.deep.equal(['Login name', 'jane.doe']);
    expect(el.querySelector(`#${CSS.escape(username.getAttribute('aria-describedby')!)}`)!.textContent).to.equal('Lower-case letters and dots');
    expect(labelOf(el, input(el, 'email'))).to.equal('Work email');
    await expect(el).to.be.accessible();
  });

  it('sends a custom select as its custom: attribute; an unticked terms box blocks the submit on its field, and is not sent', async () => {
    const counter = countingFetch();
    const { poolId, auth } = await planPool(counter.fetch);
    const el = await fixture<CognitoSignUp>(html`<cognito-sign-up .client=${auth} .formFields=${PLAN_AND_TERMS}></cognito-sign-up>`);
    const plan = await waitFor(() => el.querySelector<HTMLSelectElement>('select[name="plan"]'));
    const terms = input(el, 'terms');
    expect([labelOf(el, plan), labelOf(el, terms), terms.type]).to.deep.equal(['Plan', 'I accept the terms', 'checkbox']);
    await expect(el).to.be.accessible();

    const username = uniqueName('cf');
    await fillBasics(el, username);
    plan.value = 'team';
    el.querySelector('form')!.requestSubmit();
    await waitUntil(() => messageOf(el, terms));
    expect(messageOf(el, terms)).to.equal('Please tick this box to continue.');
    expect(document.activeElement).to.equal(terms);
    expect(counter.calls('SignUp')).to.equal(0);
    await expect(el).to.be.accessible();

    terms.click();
    const signedUp = oneEvent(el, 'cognito-signed-up');
    el.querySelector('form')!.requestSubmit();
    await signedUp;
    const attributes = await attributesOf(poolId, username);
    expect(attributes['custom:plan']).to.equal('team');
    expect(Object.keys(attributes).filter((name) => name.includes('terms'))).to.deep.equal([]);
  });

  it('a required select left empty is refused on its field, and focused', async () => {
    const { auth } = await planPool();
    const el = await fixture<CognitoSignUp>(html`<cognito-sign-up .client=${auth} .formFields=${PLAN_AND_TERMS}></cognito-sign-up>`);
    const plan = await waitFor(() => el.querySelector<HTMLSelectElement>('select[name="plan"]'));
    await fillBasics(el, uniqueName('cf'));
    input(el, 'terms').click();
    el.querySelector('form')!.requestSubmit();
    await waitUntil(() => messageOf(el, plan));
    expect(messageOf(el, plan)).to.equal('Please choose one.');
    expect(document.activeElement).to.equal(plan);
  });

  it("shows a validate hook's message on its field (busy meanwhile), and sends nothing", async () => {
    const counter = countingFetch();
    const { auth } = await planPool(counter.fetch);
    let release!: () => void;
    const hooks: Hooks = {
      signUp: {
        validate: async (values) => {
          await new Promise<void>((resolve) => (release = resolve));
          return String(values.username).startsWith('admin') ? { username: 'This name is reserved.' } : undefined;
        },
      },
    };
    const el = await fixture<CognitoSignUp>(html`<cognito-sign-up .client=${auth} .hooks=${hooks}></cognito-sign-up>`);
    await fillBasics(el, 'admin-jane');
    el.querySelector('form')!.requestSubmit();
    await waitUntil(() => release);
    await el.updateComplete;
    expect(el.querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
    release();
    await waitUntil(() => messageOf(el, input(el, 'username')));
    expect(messageOf(el, input(el, 'username'))).to.equal('This name is reserved.');
    expect(document.activeElement).to.equal(input(el, 'username'));
    expect(counter.calls('SignUp')).to.equal(0);
  });

  it('a transform hook lower-cases and trims the username that reaches Cognito', async () => {
    const { poolId, auth } = await planPool();
    const hooks: Hooks = { signUp: { transform: (values) => ({ ...values, username: String(values.username).trim().toLowerCase() }) } };
    const el = await fixture<CognitoSignUp>(html`<cognito-sign-up .client=${auth} .hooks=${hooks}></cognito-sign-up>`);
    const username = uniqueName('Mixed');
    await fillBasics(el, username.toUpperCase());
    const signedUp = oneEvent(el, 'cognito-signed-up');
    el.querySelector('form')!.requestSubmit();
    expect((await signedUp).detail.username).to.equal(username.toLowerCase());
    expect((await userOf(poolId, username.toLowerCase())).Username).to.equal(username.toLowerCase());
  });

  it("a replaced signUp call is used instead of Cognito's, with what would have been sent", async () => {
    const counter = countingFetch();
    const { auth } = await planPool(counter.fetch);
    const seen: unknown[] = [];
    const hooks: Hooks = {
      signUp: {
        call: async (request, client) => {
          seen.push([request.username, request.attributes, request.password, client === auth]);
          return { userConfirmed: true, userSub: 'from-backend' };
        },
      },
    };
    const el = await fixture<CognitoSignUp>(html`<cognito-sign-up .client=${auth} .hooks=${hooks} .formFields=${PLAN_AND_TERMS}></cognito-sign-up>`);
    const plan = await waitFor(() => el.querySelector<HTMLSelectElement>('select[name="plan"]'));
    await fillBasics(el, 'jane');
    plan.value = 'free';
    input(el, 'terms').click();
    const signedUp = oneEvent(el, 'cognito-signed-up');
    el.querySelector('form')!.requestSubmit();
    expect((await signedUp).detail.userConfirmed).to.equal(true);
    expect(seen).to.deep.equal([['jane', { email: 'jane@example.com', 'custom:plan': 'free' }, PASSWORD, true]]);
    expect(counter.calls('SignUp')).to.equal(0);
  });

  it('a phone number with the country selector arrives in E.164; a number too short is refused on its field', async () => {
    const { poolId, auth } = await planPool();
    const formFields: FormFields = { signUp: { fields: { phone_number: { phoneCountry: 'GB' } } } };
    const el = await fixture<CognitoSignUp>(html`<cognito-sign-up .client=${auth} attributes="email phone_number" .formFields=${formFields}></cognito-sign-up>`);
    const country = await waitFor(() => el.querySelector<HTMLSelectElement>('select[name="phone_number-country"]'));
    const phone = input(el, 'phone_number');
    expect([country.value, country.getAttribute('autocomplete'), phone.getAttribute('autocomplete'), labelOf(el, phone)]).to.deep.equal([
      'GB',
      'tel-country-code',
      'tel-national',
      'Phone number',
    ]);
    await expect(el).to.be.accessible();
    const username = uniqueName('ph');
    await fillBasics(el, username);
    await type(phone, '0123');
    el.querySelector('form')!.requestSubmit();
    await waitUntil(() => messageOf(el, phone));
    expect(messageOf(el, phone)).to.equal('Enter a phone number with 8 to 15 digits, including the country code.');

    country.value = 'FR';
    await type(phone, '06 12 34 56 78');
    const signedUp = oneEvent(el, 'cognito-signed-up');
    el.querySelector('form')!.requestSubmit();
    await signedUp;
    expect((await attributesOf(poolId, username)).phone_number).to.equal('+33612345678');
  });
});
