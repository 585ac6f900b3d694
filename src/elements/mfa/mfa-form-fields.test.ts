// formFields on the MFA code step (mfaCode) and the authenticator-app set-up (totpSetup).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createUser, disposeClients, PASSWORD } from '../../../test/browser/support/core.ts';
import { elementClient as newClient, fill, submit, waitFor } from '../../../test/browser/support/elements.ts';
import type { FormFields } from '../shared/form-fields.ts';
import '../authenticator/authenticator.ts';
import './mfa.ts';
import type { CognitoAuthenticator } from '../authenticator/authenticator.component.ts';
import type { CognitoMfa } from './mfa.component.ts';

const labelOf = (el: Element, field: Element) => el.querySelector(`label[for="${CSS.escape(field.id)}"]`)!.textContent.trim();
const hintOf = (el: Element, field: Element) => el.querySelector(`#${CSS.escape(field.id)}-hint`)?.textContent?.trim();

describe('formFields: the MFA code and the TOTP set-up', () => {
  afterEach(() => disposeClients());

  it('mfaCode: the code field of a TOTP step (through the authenticator) as configured; its autocomplete stays one-time-code', async () => {
    const formFields: FormFields = { mfaCode: { fields: { code: { label: 'Code from your app', placeholder: '123456', hint: 'It changes every 30 seconds' } } } };
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator .client=${newClient()} .formFields=${formFields}></cognito-authenticator>`);
    await fill(el, 'username', 'totp');
    await fill(el, 'password', 'Passw0rd!');
    submit(el, 'cognito-sign-in');
    const code = await waitFor(() => el.querySelector<HTMLInputElement>('cognito-mfa input[name="code"]'));
    expect(labelOf(el, code)).to.equal('Code from your app');
    expect(code.placeholder).to.equal('123456');
    expect(hintOf(el, code)).to.equal('It changes every 30 seconds');
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code'); // the attribute: Firefox's autocomplete property does not know this token
    await expect(el).to.be.accessible();
  });

  it('totpSetup: the code and the app name of the set-up form as configured (form-fields attribute, JSON)', async () => {
    const user = await createUser({ prefix: 'mfaff' });
    const client = newClient();
    await client.signIn({ username: user.username, password: PASSWORD });
    const json = JSON.stringify({ totpSetup: { fields: { code: { label: 'Six digits' }, deviceName: { label: 'Name this app', value: 'Work phone' } } } });
    const el = await fixture<CognitoMfa>(html`<cognito-mfa mode="setup" .client=${client} form-fields=${json}></cognito-mfa>`);
    [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => /set up/i.test(b.textContent ?? ''))!.click();
    await waitUntil(() => el.querySelector('.cognito-secret'), 'no setup key shown');
    const code = el.querySelector<HTMLInputElement>('input[name="code"]')!;
    const name = el.querySelector<HTMLInputElement>('input[name="deviceName"]')!;
    expect(labelOf(el, code)).to.equal('Six digits');
    expect(labelOf(el, name)).to.equal('Name this app');
    expect(name.value).to.equal('Work phone');
  });
});
