// Moving from amazon-cognito-identity-js / Amplify: a signed-in user's session (and remembered
// device) left in localStorage is carried over once, then removed from localStorage.
import { expect } from '@open-wc/testing';
import { CLIENT_ID, createUser, disposeClients, holdEmulator, newClient } from './support/core.ts';

describe('importing a session left by amazon-cognito-identity-js', () => {
  holdEmulator('shared');
  afterEach(() => disposeClients());

  it('signs the user in from the old localStorage keys, refreshes with the old refresh token, and removes the keys', async () => {
    const user = await createUser({ prefix: 'legacy' });
    const { client: old } = newClient({ autoRefresh: false });
    const step = await old.signIn({ username: user.username, password: user.password, authFlow: 'USER_PASSWORD_AUTH' });
    if (step.step !== 'DONE') throw new Error(`unexpected step ${step.step}`);
    const oldSession = await old.getSession();
    // What the old client keeps: the tokens under <clientId>.<username>, and who signed in last.
    const prefix = `CognitoIdentityServiceProvider.${CLIENT_ID}`;
    const refreshToken = (await (await old.sessionStore()).get<{ refreshToken: string }>('session'))!.refreshToken;
    localStorage.setItem(`${prefix}.LastAuthUser`, oldSession.username);
    localStorage.setItem(`${prefix}.${oldSession.username}.idToken`, oldSession.idToken);
    localStorage.setItem(`${prefix}.${oldSession.username}.accessToken`, oldSession.accessToken);
    localStorage.setItem(`${prefix}.${oldSession.username}.refreshToken`, refreshToken);
    localStorage.setItem(`${prefix}.${oldSession.username}.clockDrift`, '0');

    const { client } = newClient({ importLegacySession: true, autoRefresh: false });
    const session = await client.getSession();
    expect(session.username).to.equal(oldSession.username);
    expect(session.accessToken).to.equal(oldSession.accessToken);
    expect(session.expiresAt).to.equal(session.claims.exp * 1000);
    expect(localStorage.getItem(`${prefix}.LastAuthUser`)).to.equal(null);
    expect(localStorage.getItem(`${prefix}.${oldSession.username}.refreshToken`)).to.equal(null);

    const refreshed = await client.getSession({ forceRefresh: true });
    expect(refreshed.accessToken).to.not.equal(oldSession.accessToken);
    expect((await client.getUser()).username).to.equal(user.username);
  });

  it('ignores a client that was not asked to import', async () => {
    const prefix = `CognitoIdentityServiceProvider.${CLIENT_ID}`;
    localStorage.setItem(`${prefix}.LastAuthUser`, 'someone');
    try {
      const { client } = newClient({ autoRefresh: false });
      let error: unknown;
      await client.getSession().catch((e) => (error = e));
      expect((error as Error).name).to.equal('SignedOutError');
      expect(localStorage.getItem(`${prefix}.LastAuthUser`)).to.equal('someone');
    } finally {
      localStorage.removeItem(`${prefix}.LastAuthUser`);
    }
  });
});
