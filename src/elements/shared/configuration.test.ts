// Misconfiguration is never silent (issue 13): an element without a usable pool and client shows
// that it is not configured and names the attribute on the console; Cognito's refusals of the app
// client or pool reach the user as "not available" and the console as what to change. The refusals
// are the emulator's, in real Cognito's words (see src/elements/shared/configuration.ts for sources).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulatorUrl } from '../../../test/browser/emulator-url.ts';
import { cognito, POOL_ID } from '../../../test/browser/support/core.ts';
import '../authenticator/authenticator.ts';
import '../sign-in/sign-in.ts';
import type { CognitoAuthenticator } from '../authenticator/authenticator.component.ts';
import type { CognitoSignIn } from '../sign-in/sign-in.component.ts';

const PUBLIC_CLIENT = 'democlient0000000000000001';
const SECRET_CLIENT = 'demosecretclient000000001a';

/** console.error lines from now until the test ends. */
let errors: string[] = [];
const realError = console.error;
beforeEach(() => {
  errors = [];
  console.error = (...args: unknown[]) => void errors.push(args.map(String).join(' '));
});
afterEach(() => {
  console.error = realError;
});

async function type(root: ParentNode, name: string, text: string): Promise<void> {
  const input = root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve));

/** Signs in as the seeded demo user (right password) and returns the error event's detail and what the user read. */
async function signInFails(el: CognitoSignIn): Promise<{ code: string; error: any; shown: string }> {
  await type(el, 'username', 'demo');
  await type(el, 'password', 'Passw0rd!');
  const failed = oneEvent(el, 'cognito-error');
  el.querySelector('form')!.requestSubmit();
  const { detail } = await failed;
  await el.updateComplete;
  return { code: detail.code, error: detail.error, shown: el.querySelector('.cognito-error')!.textContent.trim() };
}

describe('misconfiguration is never silent', () => {
  it('form-fields that is not JSON is refused on the console and on the form, and the fields stay as they were', async () => {
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in user-pool-id="us-east-1_DemoPool1" client-id="democlient0000000000000001"></cognito-sign-in>`);
    el.formFields = { signIn: { fields: { username: { label: 'Login name' } } } };
    await el.updateComplete;
    el.setAttribute('form-fields', '{"signIn": {');
    await el.updateComplete;
    expect(errors.filter((line) => line.includes('<cognito-sign-in> form-fields: is not JSON'))).to.have.length(1);
    expect(el.querySelector('.cognito-error')?.textContent?.trim()).to.equal('This form is not set up correctly. The browser console names the attribute to fix.');
    expect(el.formFields?.signIn?.fields?.username?.label).to.equal('Login name');
    el.setAttribute('form-fields', '{"signIn":{"fields":{"username":{"label":"Email or name"}}}}');
    await el.updateComplete;
    expect(el.querySelector('label[for$="-username"]')?.textContent?.trim()).to.equal('Email or name');
  });

  it('an authenticator without client-id says it is not configured (not "Checking…" forever) and names client-id once on the console', async () => {
    const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator user-pool-id=${POOL_ID} endpoint=${emulatorUrl()}></cognito-authenticator>`);
    await el.updateComplete;
    expect(el.textContent).not.to.contain('Checking whether you are signed in');
    expect(el.querySelector('[data-not-configured]')?.textContent).to.contain('set user-pool-id and client-id');
    el.requestUpdate();
    await el.updateComplete;
    await nextTask();
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^<cognito-authenticator> client-id: client-id is not set/);
    // Set later (as a framework may), the authenticator starts as usual.
    el.setAttribute('client-id', PUBLIC_CLIENT);
    await waitUntil(() => el.querySelector('cognito-sign-in form'), 'the sign-in form did not appear once configured');
    expect(el.querySelector('[data-not-configured]')).to.equal(null);
  });

  it('attributes set in the task of the insertion, even after the first render (as frameworks may), log nothing', async () => {
    const el = document.createElement('cognito-sign-in');
    document.body.append(el);
    await el.updateComplete; // microtasks: still the same task
    expect(el.querySelector('[data-not-configured]')).to.exist;
    el.setAttribute('user-pool-id', POOL_ID);
    el.setAttribute('client-id', PUBLIC_CLIENT);
    el.setAttribute('endpoint', emulatorUrl());
    await el.updateComplete;
    await nextTask();
    expect(el.querySelector('form')).to.exist;
    expect(errors).to.deep.equal([]);
    el.remove();
  });

  it('a malformed user-pool-id shows the not-configured state and names user-pool-id, with no uncaught exception', async () => {
    const uncaught: unknown[] = [];
    const onError = (event: ErrorEvent) => uncaught.push(event.error);
    window.addEventListener('error', onError);
    try {
      const el = await fixture<CognitoAuthenticator>(html`<cognito-authenticator user-pool-id="DemoPool1" client-id=${PUBLIC_CLIENT}></cognito-authenticator>`);
      await el.updateComplete;
      await nextTask();
      expect(el.querySelector('[data-not-configured]')?.textContent).to.equal('This form is not set up correctly. The browser console names the attribute to fix.');
      expect(errors).to.have.length(1);
      expect(errors[0]).to.match(/^<cognito-authenticator> user-pool-id: Not a user pool id/);
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(uncaught).to.deep.equal([]);
  });

  it('a client id that does not exist (ResourceNotFoundException, "User pool client … does not exist.") is "not available", and the console names client-id', async () => {
    const el = await fixture<CognitoSignIn>(
      html`<cognito-sign-in user-pool-id=${POOL_ID} client-id="nosuchclient00000000000001" endpoint=${emulatorUrl()}></cognito-sign-in>`,
    );
    const { code, error, shown } = await signInFails(el);
    expect(code).to.equal('ConfigurationError');
    expect(error.cause.name).to.equal('ResourceNotFoundException');
    expect(shown).to.equal('Sign-in is not available right now.');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^<cognito-sign-in> client-id: User pool client nosuchclient00000000000001 does not exist\. .*App clients/);
  });

  it('a pool id that names no pool, with a valid client, is "not available" rather than a wrong password, and the console names user-pool-id', async () => {
    const el = await fixture<CognitoSignIn>(
      html`<cognito-sign-in user-pool-id="us-east-1_NoSuchPool9" client-id=${PUBLIC_CLIENT} endpoint=${emulatorUrl()}></cognito-sign-in>`,
    );
    const { code, error, shown } = await signInFails(el);
    expect(code).to.equal('ConfigurationError');
    expect(error.cause.message).to.equal('Incorrect username or password.');
    expect(shown).to.equal('Sign-in is not available right now.');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^<cognito-sign-in> user-pool-id: .*no user pool us-east-1_NoSuchPool9/);
  });

  it('a wrong password on a pool that exists stays a credentials error', async () => {
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in user-pool-id=${POOL_ID} client-id=${PUBLIC_CLIENT} endpoint=${emulatorUrl()}></cognito-sign-in>`);
    await type(el, 'username', 'demo');
    await type(el, 'password', 'wrong-password');
    const failed = oneEvent(el, 'cognito-error');
    el.querySelector('form')!.requestSubmit();
    expect((await failed).detail.code).to.equal('NotAuthorizedException');
    expect(errors).to.deep.equal([]);
  });

  it('an app client with a secret ("configured with secret but SECRET_HASH was not received") is "not available", and the console says to use a public client', async () => {
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in user-pool-id=${POOL_ID} client-id=${SECRET_CLIENT} endpoint=${emulatorUrl()}></cognito-sign-in>`);
    const { code, error, shown } = await signInFails(el);
    expect(code).to.equal('ConfigurationError');
    expect(error.cause.message).to.equal(`Client ${SECRET_CLIENT} is configured with secret but SECRET_HASH was not received`);
    expect(shown).to.equal('Sign-in is not available right now.');
    expect(errors[0]).to.match(/^<cognito-sign-in> client-id: .*public client/);
  });

  it('an app client without ALLOW_USER_SRP_AUTH ("USER_SRP_AUTH is not enabled for the client.") is "not available", and the console names the setting', async () => {
    const { UserPoolClient } = await cognito('CreateUserPoolClient', {
      UserPoolId: POOL_ID,
      ClientName: 'password-only',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const el = await fixture<CognitoSignIn>(
      html`<cognito-sign-in user-pool-id=${POOL_ID} client-id=${UserPoolClient.ClientId} endpoint=${emulatorUrl()}></cognito-sign-in>`,
    );
    const { code, error, shown } = await signInFails(el);
    expect(code).to.equal('ConfigurationError');
    expect(error.cause.message).to.equal('USER_SRP_AUTH is not enabled for the client.');
    expect(shown).to.equal('Sign-in is not available right now.');
    expect(errors[0]).to.match(/^<cognito-sign-in> client-id: .*Authentication flows \(ALLOW_USER_SRP_AUTH\)/);
  });

  it('an endpoint that refuses this origin (CORS) is "not available", and the console names endpoint and CORS', async () => {
    // The test page's own server under its other loopback name: it answers, but grants no CORS to this origin.
    const other = new URL(location.origin);
    other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const el = await fixture<CognitoSignIn>(html`<cognito-sign-in user-pool-id=${POOL_ID} client-id=${PUBLIC_CLIENT} endpoint=${other.href}></cognito-sign-in>`);
    const { code, error, shown } = await signInFails(el);
    expect(code).to.equal('ConfigurationError');
    expect(error.cause.name).to.equal('NetworkError');
    expect(shown).to.equal('Sign-in is not available right now.');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^<cognito-sign-in> endpoint: .*refuses this origin \(CORS\)/);
  });

  it('an endpoint that cannot be reached keeps the network message for the user and says on the console what to check', async () => {
    // Port 9 (discard) on loopback: nothing listens, so fetch fails with a TypeError, as for CORS.
    const el = await fixture<CognitoSignIn>(
      html`<cognito-sign-in user-pool-id=${POOL_ID} client-id=${PUBLIC_CLIENT} endpoint="http://127.0.0.1:9/"></cognito-sign-in>`,
    );
    const { code, shown } = await signInFails(el);
    expect(code).to.equal('NetworkError');
    expect(shown).to.contain('could not reach the sign-in service');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^<cognito-sign-in> endpoint: .*http:\/\/127\.0\.0\.1:9\/ is wrong \(check endpoint, region and user-pool-id\) or down/);
  });
});
