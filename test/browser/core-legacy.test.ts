// Moving from amazon-cognito-identity-js / Amplify: a signed-in user's session (and remembered
// device) left in localStorage is carried over once, then removed from localStorage.
import { expect } from '@open-wc/testing';
import { CLIENT_ID, createUser, disposeClients, holdEmulator, newClient, recordEvents } from './support/core.ts';

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

  it('a legacy session that looks right but fails validation (no exp in its tokens) is warned about and cleared, and the client goes on signed out, on every load', async () => {
    const prefix = `CognitoIdentityServiceProvider.${CLIENT_ID}`;
    // JWT-shaped (three base64url parts, JSON objects) but without exp/iat: readLegacySession accepts
    // the shape; the session cannot be used.
    const part = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const token = `${part({ alg: 'RS256' })}.${part({ sub: 'x', username: 'broken' })}.c2ln`;
    localStorage.setItem(`${prefix}.LastAuthUser`, 'broken');
    localStorage.setItem(`${prefix}.broken.idToken`, token);
    localStorage.setItem(`${prefix}.broken.accessToken`, token);
    localStorage.setItem(`${prefix}.broken.refreshToken`, 'abc.def.ghi.jkl.mno');
    try {
      const { client } = newClient({ importLegacySession: true, autoRefresh: false });
      const warnings = recordEvents(client, 'warning');
      for (let call = 0; call < 2; call++) {
        let error: unknown;
        await client.getSession().catch((e) => (error = e));
        expect((error as Error).name, `call ${call + 1}`).to.equal('SignedOutError');
      }
      expect(warnings.map((w) => w.message)).to.deep.equal(['The session left by amazon-cognito-identity-js or Amplify could not be imported; it was removed.']);
      expect(localStorage.getItem(`${prefix}.LastAuthUser`)).to.equal(null);
      expect(localStorage.getItem(`${prefix}.broken.accessToken`)).to.equal(null);
      // The client still works: a sign-in goes through.
      const user = await createUser({ prefix: 'legacy' });
      const step = await client.signIn({ username: user.username, password: user.password, authFlow: 'USER_PASSWORD_AUTH' });
      expect(step.step).to.equal('DONE');
    } finally {
      for (const name of ['LastAuthUser', 'broken.idToken', 'broken.accessToken', 'broken.refreshToken']) localStorage.removeItem(`${prefix}.${name}`);
    }
  });
});
