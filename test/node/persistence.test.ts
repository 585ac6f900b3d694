// `dataFile`: the emulator keeps its state across restarts, so a developer's users, passwords and
// sessions survive restarting it. Each run gets a fresh temporary directory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { CLIENT_ID, PASSWORD, POOL_ID, call, callOk, jwtClaims, passwordSignIn, signUpConfirmed } from './support/emulator.ts';

let dir: string;
let dataFile: string;
let running: RunningEmulator | undefined;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cognito-emulator-data-'));
  dataFile = join(dir, 'state.json');
});

after(async () => {
  await running?.close();
  await rm(dir, { recursive: true, force: true });
});

async function restart(): Promise<RunningEmulator> {
  await running?.close();
  running = await startEmulator({ port: 0, quiet: true, dataFile });
  return running;
}

test('keeps a signed-up user, their password and their refresh token across a restart', async () => {
  let { url } = await restart();
  const { userSub } = await signUpConfirmed(url, 'persisted-user');
  const before = await passwordSignIn(url, 'persisted-user');
  // A seeded user deleted before the restart must stay deleted: the saved state wins over the seed.
  await callOk(url, 'AdminDeleteUser', { UserPoolId: POOL_ID, Username: 'sms' });

  ({ url } = await restart());
  const saved = JSON.parse(await readFile(dataFile, 'utf8'));
  assert.ok(saved.pools[POOL_ID], 'the data file holds the state as JSON');

  // The user signs in with the same password (the SRP verifier was kept).
  const signedIn = await passwordSignIn(url, 'persisted-user');
  assert.equal(jwtClaims(signedIn.AccessToken).sub, userSub);

  // The refresh token issued before the restart still works.
  const refreshed = await call(url, 'InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: CLIENT_ID,
    AuthParameters: { REFRESH_TOKEN: before.RefreshToken },
  });
  assert.equal(refreshed.status, 200, refreshed.text);
  const access = refreshed.body.AuthenticationResult.AccessToken;
  assert.equal(jwtClaims(access).origin_jti, jwtClaims(before.AccessToken).origin_jti);
  const user = await callOk(url, 'GetUser', { AccessToken: access });
  assert.equal(user.Username, 'persisted-user');

  const deleted = await call(url, 'AdminGetUser', { UserPoolId: POOL_ID, Username: 'sms' });
  assert.equal(deleted.body?.__type, 'UserNotFoundException', deleted.text);
  // The rest of the seed is still there.
  assert.ok((await passwordSignIn(url, 'demo', PASSWORD)).AccessToken);
});
