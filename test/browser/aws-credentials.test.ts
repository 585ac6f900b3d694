// AWS credentials from the emulator's identity pool, in Chromium: guests and signed-in users get
// different identities, the user's is stable, credentials are reused until they near expiry and
// renewed after it (emulator clock and device clock moved together), renewed after the user-pool
// tokens refresh, and gone with the sign-out. Whether they work is checked by the emulator's SigV4
// verifier, never by our own signer.
import { expect } from '@open-wc/testing';
import { SignedOutError } from '../../src/core/index.ts';
import { createSignedFetch, IdentityPoolCredentials, type Credentials, type IdentityPoolCredentialsOptions } from '../../src/core/aws.ts';
import { emulatorUrl } from './emulator-url.ts';
import {
  advanceClock,
  countingFetch,
  createUser,
  holdEmulator,
  newClient,
  rejectionOf,
  restoreClock,
  withDeviceTimeAdvanced,
  type TestClient,
} from './support/core.ts';

const IDENTITY_POOL_ID = 'us-east-1:0c0c0c0c-0000-4000-8000-000000000001';

const pools: IdentityPoolCredentials[] = [];
function identityPool(options: Partial<IdentityPoolCredentialsOptions> = {}): IdentityPoolCredentials {
  const pool = new IdentityPoolCredentials({ identityPoolId: IDENTITY_POOL_ID, endpoint: emulatorUrl(), ...options });
  pools.push(pool);
  return pool;
}
afterEach(() => {
  for (const pool of pools.splice(0)) pool.dispose();
});

async function signedIn(): Promise<TestClient & { username: string }> {
  const user = await createUser();
  const test = newClient({ authFlow: 'USER_PASSWORD_AUTH' });
  const step = await test.client.signIn({ username: user.username, password: user.password });
  expect(step.step).to.equal('DONE');
  return { ...test, username: user.username };
}

/** A POST to the emulator's SigV4 echo, signed with these credentials; resolves to its status and answer. */
async function echo(credentials: IdentityPoolCredentials | (() => Promise<Credentials>), body = '{"color":"blue"}') {
  const api = createSignedFetch({ credentials, service: 'execute-api', region: 'us-east-1' });
  const response = await api(`${emulatorUrl()}/__emulator/aws/execute-api/prod/items`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  return { status: response.status, body: await response.json() };
}

describe('identity pool credentials', () => {
  holdEmulator('shared');

  it('gives a guest credentials of an unauthenticated identity, which the SigV4 verifier accepts', async () => {
    const { client } = newClient();
    const credentials = await identityPool({ client }).getCredentials();
    expect(credentials.identityId).to.match(/^us-east-1:/);
    expect(credentials.accessKeyId).to.be.a('string').and.not.be.empty;
    expect(credentials.sessionToken).to.be.a('string').and.not.be.empty;
    expect(credentials.expiration.getTime()).to.be.greaterThan(Date.now());
    const answer = await echo(identityPool({ client }));
    expect(answer.status).to.equal(200);
    expect(answer.body.identityId).to.equal(credentials.identityId);
  });

  it('gives a signed-in user another identity than the guest, the same one every time, with GetId asked once', async () => {
    const { client, username } = await signedIn();
    const counted = countingFetch();
    const pool = identityPool({ client, fetch: counted.fetch });
    const first = await pool.getCredentials();
    const again = await pool.getCredentials();
    expect(again).to.equal(first, 'the credentials are reused while they are fresh');
    expect(counted.calls('GetId')).to.equal(1);
    expect(counted.calls('GetCredentialsForIdentity')).to.equal(1);

    // Another IdentityPoolCredentials for the same client: the identity id is read from the store.
    const later = countingFetch();
    const second = await identityPool({ client, fetch: later.fetch }).getCredentials();
    expect(second.identityId).to.equal(first.identityId);
    expect(later.calls('GetId')).to.equal(0);

    const guest = await identityPool({ client: newClient().client }).getCredentials();
    expect(guest.identityId).not.to.equal(first.identityId);
    const answer = await echo(pool);
    expect(answer.status).to.equal(200);
    expect(answer.body.identityId).to.equal(first.identityId, `${username}'s identity signed the request`);
  });

  it('callers asking at the same time share one request', async () => {
    const { client } = await signedIn();
    const counted = countingFetch();
    const pool = identityPool({ client, fetch: counted.fetch });
    const all = await Promise.all([pool.getCredentials(), pool.getCredentials(), pool.getCredentials()]);
    expect(new Set(all.map((c) => c.accessKeyId)).size).to.equal(1);
    expect(counted.calls('GetId')).to.equal(1);
    expect(counted.calls('GetCredentialsForIdentity')).to.equal(1);
  });

  it('two users get two identities', async () => {
    const [a, b] = await Promise.all([signedIn(), signedIn()]);
    const [ca, cb] = await Promise.all([identityPool({ client: a.client }).getIdentityId(), identityPool({ client: b.client }).getIdentityId()]);
    expect(ca).not.to.equal(cb);
  });

  it('gets new credentials for the same identity after the user-pool tokens refresh', async () => {
    const { client } = await signedIn();
    const pool = identityPool({ client });
    const before = await pool.getCredentials();
    await client.getSession({ forceRefresh: true });
    const after = await pool.getCredentials();
    expect(after.accessKeyId).not.to.equal(before.accessKeyId);
    expect(after.identityId).to.equal(before.identityId);
    expect((await echo(pool)).status).to.equal(200);
  });

  it("forgets the user's credentials on sign-out: a guest gets the guest identity, or nothing when guests are off", async () => {
    const { client } = await signedIn();
    const pool = identityPool({ client });
    const strict = identityPool({ client, guest: false });
    const user = await pool.getCredentials();
    expect((await strict.getCredentials()).identityId).to.equal(user.identityId);
    await client.signOut();
    const guest = await pool.getCredentials();
    expect(guest.identityId).not.to.equal(user.identityId);
    expect(guest.accessKeyId).not.to.equal(user.accessKeyId);
    expect(await rejectionOf(strict.getCredentials())).to.be.instanceOf(SignedOutError);
  });

  it('gets credentials for a Facebook token (Logins graph.facebook.com), one identity per Facebook user', async () => {
    const facebook = (id: string) => identityPool({ logins: { 'graph.facebook.com': `fb-test-token:${id}` } });
    const alice = await facebook('alice-1').getCredentials();
    const aliceAgain = await facebook('alice-1').getCredentials();
    const bob = await facebook('bob-2').getCredentials();
    expect(aliceAgain.identityId).to.equal(alice.identityId);
    expect(bob.identityId).not.to.equal(alice.identityId);
    expect((await echo(facebook('alice-1'))).body.identityId).to.equal(alice.identityId);
  });

  it('refuses a Facebook token the provider does not accept', async () => {
    const error = await rejectionOf(identityPool({ logins: { 'graph.facebook.com': 'not-a-facebook-token' } }).getCredentials());
    expect(error.code).to.equal('NotAuthorizedException');
  });
});

describe('identity pool credentials over time', () => {
  holdEmulator('exclusive');

  it('renews credentials once they expire; the old ones are refused, the new ones work', async () => {
    // A guest: no user-pool tokens whose refresh would renew the credentials anyway.
    const { client } = newClient();
    const pool = identityPool({ client });
    const old = await pool.getCredentials();
    const lifetime = old.expiration.getTime() - pool.serverNow();
    // Past the credentials' expiry, on both clocks.
    const ahead = lifetime + 60_000;
    const offset = await advanceClock(ahead);
    try {
      await withDeviceTimeAdvanced(ahead, async () => {
        const stale = await echo(async () => old);
        expect(stale.status).to.equal(403, 'the expired credentials are refused');
        expect(stale.body.__type).to.equal('ExpiredToken');
        const renewed = await pool.getCredentials();
        expect(renewed.accessKeyId).not.to.equal(old.accessKeyId);
        expect(renewed.identityId).to.equal(old.identityId);
        expect(renewed.expiration.getTime()).to.be.greaterThan(old.expiration.getTime());
        const answer = await echo(pool);
        expect(answer.status).to.equal(200);
        expect(answer.body.accessKeyId).to.equal(renewed.accessKeyId);
      });
    } finally {
      await restoreClock(offset);
    }
  });

  it("signs on the server's clock: a device clock two hours fast still gets requests accepted", async () => {
    const pool = identityPool({ client: newClient().client });
    await pool.getCredentials();
    await withDeviceTimeAdvanced(2 * 3600_000, async () => {
      const answer = await echo(pool);
      expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    });
  });

  it('renews credentials within the margin before expiry, not only after it', async () => {
    const { client } = newClient();
    const pool = identityPool({ client, renewMarginSeconds: 300 });
    const first = await pool.getCredentials();
    const untilMargin = first.expiration.getTime() - pool.serverNow() - 200_000;
    const offset = await advanceClock(untilMargin);
    try {
      const renewed = await withDeviceTimeAdvanced(untilMargin, () => pool.getCredentials());
      expect(renewed.accessKeyId).not.to.equal(first.accessKeyId);
    } finally {
      await restoreClock(offset);
    }
  });
});
