// Passkeys through the headless core, in real Chromium against the emulator: registration, the
// list, sign-in with the PASSKEY step (straight away and through the first-factor choice), a failed
// ceremony that keeps the step, and deletion. The ceremonies are real: a WebAuthn virtual
// authenticator (see support/webauthn.ts) answers navigator.credentials.create/get, the emulator
// verifies what it signed. Each test makes its own users.
import { expect } from '@open-wc/testing';
import { CognitoError, MalformedResponseError, PasskeyError, SignInStateError } from '../../src/core/index.ts';
import { countingFetch, createUser, expectStep, holdEmulator, newClient, rejectionOf } from './support/core.ts';
import { addVirtualAuthenticator, removeVirtualAuthenticator, userWithPasskey, virtualCredentials } from './support/webauthn.ts';

/** The base64url credential id of a credential the DevTools Protocol describes (in base64). */
const base64url = (base64: string) => base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * Runs fn with some of the browser's WebAuthn made to look absent (own properties set to undefined
 * on the given objects), then puts them back.
 */
async function without<T>(objects: [object, string][], fn: () => Promise<T>): Promise<T> {
  const saved = objects.map(([object, key]) => [object, key, Object.getOwnPropertyDescriptor(object, key)] as const);
  for (const [object, key] of objects) Object.defineProperty(object, key, { value: undefined, configurable: true, writable: true });
  try {
    return await fn();
  } finally {
    for (const [object, key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(object, key, descriptor);
      else delete (object as Record<string, unknown>)[key];
    }
  }
}

describe('core passkeys', () => {
  holdEmulator('shared');
  beforeEach(() => addVirtualAuthenticator());
  afterEach(() => removeVirtualAuthenticator());

  it('registers a passkey: the authenticator holds it, and listPasskeys shows it for the relying party "localhost"', async () => {
    const user = await createUser();
    const { client } = newClient();
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    expect(await client.listPasskeys()).to.deep.equal([]);

    const before = Date.now();
    const passkey = await client.registerPasskey();

    const held = await virtualCredentials();
    expect(held).to.have.length(1);
    expect(held[0].rpId).to.equal('localhost');
    expect(passkey.credentialId).to.equal(base64url(held[0].credentialId));
    expect(passkey.relyingPartyId).to.equal('localhost');
    expect(passkey.attachment).to.equal('platform');
    expect(passkey.transports).to.include('internal');
    expect(passkey.createdAt).to.be.instanceOf(Date);
    expect(passkey.createdAt.getTime()).to.be.within(before - 5_000, Date.now() + 5_000);
    expect(await client.listPasskeys()).to.deep.equal([passkey]);
  });

  it('signs in with preferredChallenge WEB_AUTHN: the PASSKEY step, then confirmSignIn({ passkey: true }) gives tokens', async () => {
    const { user } = await userWithPasskey(newClient().client);
    const counted = countingFetch();
    const { client } = newClient({ fetch: counted.fetch });
    const steps: string[] = [];
    client.addEventListener('step', (event) => steps.push(event.detail.step.step));

    expectStep(await client.signIn({ username: user.username, authFlow: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' }), 'PASSKEY');
    expect(client.currentStep).to.deep.equal({ step: 'PASSKEY' });

    const done = expectStep(await client.confirmSignIn({ passkey: true }), 'DONE');
    expect(done.session.username).to.equal(user.username);
    expect(done.session.claims.email).to.equal(user.email);
    expect(client.currentStep).to.equal(undefined);
    expect((await client.getSession()).accessToken).to.equal(done.session.accessToken);
    expect(steps).to.deep.equal(['PASSKEY', 'DONE']);
    expect(counted.calls('InitiateAuth')).to.equal(1);
    expect(counted.calls('RespondToAuthChallenge')).to.equal(1);
  });

  it('a WEB_AUTHN challenge without its request options is MalformedResponseError, not a PASSKEY step that can never succeed', async () => {
    const { user } = await userWithPasskey(newClient().client);
    // A fault the emulator cannot produce: Cognito's answer loses CREDENTIAL_REQUEST_OPTIONS on the way.
    const stripping: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = await response.clone().json();
      if (body.ChallengeName !== 'WEB_AUTHN') return response;
      delete body.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS;
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    const { client } = newClient({ fetch: stripping });
    const error = await rejectionOf(client.signIn({ username: user.username, authFlow: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' }));
    expect(error).to.be.instanceOf(MalformedResponseError);
    expect(client.currentStep).to.equal(undefined);
  });

  it('signs in through the first-factor choice: WEB_AUTHN is offered, and choosing it leads to the PASSKEY step', async () => {
    const { user } = await userWithPasskey(newClient().client);
    const { client } = newClient();

    const choose = expectStep(await client.signIn({ username: user.username, authFlow: 'USER_AUTH' }), 'CHOOSE_FIRST_FACTOR');
    expect(choose.options).to.include('WEB_AUTHN');
    expectStep(await client.confirmSignIn({ factor: 'WEB_AUTHN' }), 'PASSKEY');
    const done = expectStep(await client.confirmSignIn({ passkey: true }), 'DONE');
    expect(done.session.username).to.equal(user.username);
  });

  it('a failed ceremony throws PasskeyError and keeps the step: with the right authenticator, the same sign-in then succeeds', async () => {
    const { user, passkey } = await userWithPasskey(newClient().client);
    // The passkey leaves with its authenticator; an authenticator that does not hold it takes its place.
    const credentials = await removeVirtualAuthenticator();
    await addVirtualAuthenticator();
    const counted = countingFetch();
    const { client } = newClient({ fetch: counted.fetch });
    expectStep(await client.signIn({ username: user.username, authFlow: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' }), 'PASSKEY');

    const error = await rejectionOf(client.confirmSignIn({ passkey: true }));
    expect(error).to.be.instanceOf(PasskeyError);
    expect(error.code).to.equal('PasskeyError');
    expect(error.name).to.equal('PasskeyError');
    expect(error.reason).to.equal('cancelled');
    expect(error.cause).to.be.instanceOf(DOMException);
    expect(error.cause.name).to.equal('NotAllowedError');
    expect(client.currentStep).to.deep.equal({ step: 'PASSKEY' });
    expect(counted.calls('RespondToAuthChallenge')).to.equal(0);

    // The user finds the right device: the authenticator with the passkey is back.
    await addVirtualAuthenticator({ credentials });
    const done = expectStep(await client.confirmSignIn({ passkey: true }), 'DONE');
    expect(done.session.username).to.equal(user.username);
    // One sign-in all along: the retry answered the same Cognito session.
    expect(counted.calls('InitiateAuth')).to.equal(1);
    expect(counted.calls('RespondToAuthChallenge')).to.equal(1);
    expect((await client.listPasskeys()).map((p) => p.credentialId)).to.deep.equal([passkey.credentialId]);
  });

  it('without WebAuthn in the browser: PasskeyError "unsupported", the step kept', async () => {
    const { user } = await userWithPasskey(newClient().client);
    const { client } = newClient();
    expectStep(await client.signIn({ username: user.username, authFlow: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' }), 'PASSKEY');

    const error = await without([[globalThis, 'PublicKeyCredential']], () => rejectionOf(client.confirmSignIn({ passkey: true })));
    expect(error).to.be.instanceOf(PasskeyError);
    expect(error.reason).to.equal('unsupported');
    expect(client.currentStep).to.deep.equal({ step: 'PASSKEY' });
    expectStep(await client.confirmSignIn({ passkey: true }), 'DONE');
  });

  it('the PASSKEY step takes only { passkey: true }; anything else is a SignInStateError and keeps it', async () => {
    const { user } = await userWithPasskey(newClient().client);
    const { client } = newClient();
    expectStep(await client.signIn({ username: user.username, authFlow: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' }), 'PASSKEY');
    const error = await rejectionOf(client.confirmSignIn({ code: '123456' }));
    expect(error).to.be.instanceOf(SignInStateError);
    expect(client.currentStep).to.deep.equal({ step: 'PASSKEY' });
    expectStep(await client.confirmSignIn({ passkey: true }), 'DONE');
  });

  it('registers and signs in the same way in browsers without the WebAuthn JSON methods (the hand-written conversion)', async () => {
    const user = await createUser();
    const { client } = newClient();
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    const stripped: [object, string][] = [
      [PublicKeyCredential, 'parseCreationOptionsFromJSON'],
      [PublicKeyCredential, 'parseRequestOptionsFromJSON'],
      [PublicKeyCredential.prototype, 'toJSON'],
    ];
    const passkey = await without(stripped, () => client.registerPasskey());
    expect(passkey.credentialId).to.equal(base64url((await virtualCredentials())[0].credentialId));
    expect(passkey.transports).to.include('internal');
    await client.signOut();

    const step = await without(stripped, async () => {
      expectStep(await client.signIn({ username: user.username, authFlow: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' }), 'PASSKEY');
      return client.confirmSignIn({ passkey: true });
    });
    expect(expectStep(step, 'DONE').session.username).to.equal(user.username);
  });

  it('registering a passkey this authenticator already holds for the user fails in the browser: PasskeyError, nothing added', async () => {
    const user = await createUser();
    const { client } = newClient();
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    const first = await client.registerPasskey();
    // StartWebAuthnRegistration lists the user's passkeys in excludeCredentials, which this authenticator refuses.
    const error = await rejectionOf(client.registerPasskey());
    expect(error).to.be.instanceOf(PasskeyError);
    expect(error.reason).to.equal('failed');
    expect(error.cause?.name).to.equal('InvalidStateError');
    expect(await client.listPasskeys()).to.deep.equal([first]);
  });

  it('deletePasskey: no longer listed, and WEB_AUTHN no longer offered at sign-in', async () => {
    const user = await createUser();
    const { client } = newClient();
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    const passkey = await client.registerPasskey();
    expect(await client.listPasskeys()).to.have.length(1);

    await client.deletePasskey(passkey.credentialId);
    expect(await client.listPasskeys()).to.deep.equal([]);
    const again = await rejectionOf(client.deletePasskey(passkey.credentialId));
    expect(again).to.be.instanceOf(CognitoError);
    expect(again.code).to.equal('ResourceNotFoundException');

    const { client: other } = newClient();
    const choose = expectStep(await other.signIn({ username: user.username, authFlow: 'USER_AUTH' }), 'CHOOSE_FIRST_FACTOR');
    expect(choose.options).to.not.include('WEB_AUTHN');
    other.cancelSignIn();
    // Asked for by name, it is not given: Cognito offers the factors the user has instead.
    const fallback = expectStep(await other.signIn({ username: user.username, authFlow: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' }), 'CHOOSE_FIRST_FACTOR');
    expect(fallback.options).to.not.include('WEB_AUTHN');
  });

  it('lists every page of passkeys (follows ListWebAuthnCredentials NextToken)', async () => {
    const user = await createUser();
    // Cognito pages by 20 by default, and 20 is also the most passkeys a user may have: to see the
    // pages followed, this fetch asks for one passkey a page (the request is otherwise unchanged).
    let pages = 0;
    const onePerPage: typeof fetch = (input, init) => {
      if (new Headers(init?.headers).get('X-Amz-Target')?.endsWith('.ListWebAuthnCredentials')) {
        pages += 1;
        init = { ...init, body: JSON.stringify({ ...JSON.parse(String(init!.body)), MaxResults: 1 }) };
      }
      return fetch(input, init);
    };
    const { client } = newClient({ fetch: onePerPage });
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
    // An authenticator holds one passkey per user: three authenticators (one after the other), three passkeys.
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      await addVirtualAuthenticator();
      ids.push((await client.registerPasskey()).credentialId);
    }
    pages = 0;
    const listed = await client.listPasskeys();
    expect(listed.map((p) => p.credentialId)).to.have.members(ids);
    expect(listed).to.have.length(3);
    expect(pages).to.equal(3);
  });
});
