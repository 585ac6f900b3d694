// Amplify v6 (aws-amplify/auth, unmodified, bundled for the page by the test runner's esbuild
// plugin) signing in with passkeys against the emulator in real Chromium, next to our core client:
// Amplify is the AWS client that runs WebAuthn ceremonies with Cognito's own options, so where the
// emulator's CredentialCreationOptions, CREDENTIAL_REQUEST_OPTIONS or its checks of the answers
// differ from Cognito's, Amplify fails here the way it would against a wrong server. A virtual
// authenticator (support/webauthn.ts) answers navigator.credentials.create/get.
// The Node referee for every other flow is test/node/amplify-referee.test.ts.
import { expect } from '@open-wc/testing';
import { Amplify } from 'aws-amplify';
import { associateWebAuthnCredential, confirmSignIn, deleteWebAuthnCredential, fetchAuthSession, listWebAuthnCredentials, signIn, signOut } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { ConsoleLogger, sharedInMemoryStorage } from 'aws-amplify/utils';
import { emulatorUrl } from './emulator-url.ts';
import { CLIENT_ID, POOL_ID, createUser, expectStep, holdEmulator, newClient } from './support/core.ts';
import { addVirtualAuthenticator, removeVirtualAuthenticator, userWithPasskey, virtualCredentials } from './support/webauthn.ts';

/** Amplify afresh for the demo pool's public client: signed out, an empty in-memory token store. */
async function freshAmplify(): Promise<void> {
  await signOut().catch(() => {});
  await sharedInMemoryStorage.clear();
  // Amplify warns on every configure that the endpoint is custom; that is the point here.
  ConsoleLogger.LOG_LEVEL = 'ERROR';
  Amplify.configure({ Auth: { Cognito: { userPoolId: POOL_ID, userPoolClientId: CLIENT_ID, userPoolEndpoint: emulatorUrl() } } });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage);
}

async function amplifyUsername(): Promise<string> {
  const { tokens } = await fetchAuthSession();
  return String(tokens?.accessToken.payload.username);
}

describe('Amplify v6 passkeys against the emulator', () => {
  holdEmulator('shared');
  beforeEach(async () => {
    await addVirtualAuthenticator();
    await freshAmplify();
  });
  afterEach(async () => {
    await signOut().catch(() => {});
    await removeVirtualAuthenticator();
  });

  it("Amplify associateWebAuthnCredential.ts registers a passkey with the emulator's CredentialCreationOptions; listWebAuthnCredentials shows it", async () => {
    const user = await createUser();
    expect((await signIn({ username: user.username, password: user.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } })).isSignedIn).to.equal(true);
    await associateWebAuthnCredential();
    const held = await virtualCredentials();
    expect(held).to.have.length(1);
    expect(held[0].rpId).to.equal('localhost');
    const { credentials } = await listWebAuthnCredentials();
    expect(credentials).to.have.length(1);
    expect(credentials[0].relyingPartyId).to.equal('localhost');
    expect(credentials[0].authenticatorAttachment).to.equal('platform');
  });

  it('Amplify signInWithUserAuth.ts + handleWebAuthnSignInResult.ts: preferredChallenge WEB_AUTHN signs in with no further step', async () => {
    const user = await createUser();
    await signIn({ username: user.username, password: user.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    await associateWebAuthnCredential();
    await signOut();

    const output = await signIn({ username: user.username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } });
    expect(output).to.deep.equal({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(await amplifyUsername()).to.equal(user.username);
  });

  it('Amplify handleSelectChallenge.ts: the first-factor selection offers WEB_AUTHN, and choosing it signs in', async () => {
    const user = await createUser();
    await signIn({ username: user.username, password: user.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    await associateWebAuthnCredential();
    await signOut();

    const select = await signIn({ username: user.username, options: { authFlowType: 'USER_AUTH' } });
    expect(select.nextStep.signInStep).to.equal('CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
    expect((select.nextStep as { availableChallenges?: string[] }).availableChallenges).to.include('WEB_AUTHN');
    const done = await confirmSignIn({ challengeResponse: 'WEB_AUTHN' });
    expect(done.isSignedIn).to.equal(true);
    expect(await amplifyUsername()).to.equal(user.username);
  });

  it('side by side: Amplify signs in with a passkey the core registered, and the core with one Amplify registered', async () => {
    const { user: coreUser } = await userWithPasskey(newClient().client);
    expect((await signIn({ username: coreUser.username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } })).isSignedIn).to.equal(true);
    expect(await amplifyUsername()).to.equal(coreUser.username);
    await signOut();

    const amplifyUser = await createUser();
    await signIn({ username: amplifyUser.username, password: amplifyUser.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    await associateWebAuthnCredential();
    await signOut();
    const { client } = newClient();
    expectStep(await client.signIn({ username: amplifyUser.username, authFlow: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' }), 'PASSKEY');
    expect(expectStep(await client.confirmSignIn({ passkey: true }), 'DONE').session.username).to.equal(amplifyUser.username);
  });

  it('Amplify deleteWebAuthnCredential.ts: a deleted passkey is no longer listed nor offered', async () => {
    const user = await createUser();
    await signIn({ username: user.username, password: user.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    await associateWebAuthnCredential();
    const [credential] = (await listWebAuthnCredentials()).credentials;
    await deleteWebAuthnCredential({ credentialId: credential.credentialId! });
    expect((await listWebAuthnCredentials()).credentials).to.deep.equal([]);
    await signOut();
    const select = await signIn({ username: user.username, options: { authFlowType: 'USER_AUTH' } });
    expect((select.nextStep as { availableChallenges?: string[] }).availableChallenges).to.not.include('WEB_AUTHN');
  });
});
