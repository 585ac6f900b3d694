// SRP sign-ins with raw calls and an SrpEngine, for the SRP engine's tests (srp-worker.test.ts,
// long-tasks.chromium.test.ts).
import { expect } from '@open-wc/testing';
import type { SrpEngine } from '../../../src/core/srp-engine.ts';
import { emulatorUrl } from '../emulator-url.ts';

export const CLIENT_ID = 'democlient0000000000000001';
export const POOL_NAME = 'DemoPool1';
// N, for a B that is 0 mod N.
export const N_HEX =
  'ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd' +
  'ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed' +
  'ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f' +
  '83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b' +
  'e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa0510' +
  '15728e5a8aaac42dad33170d04507a33a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7' +
  'abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864d87602733ec86a64521f2b18177b200c' +
  'bbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff';

async function cognito(action: string, body: unknown): Promise<{ status: number; body: any; date: string | null }> {
  const res = await fetch(`${emulatorUrl()}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), date: res.headers.get('Date') };
}

/** USER_SRP_AUTH for `demo` with raw calls, the SRP done by the engine. Returns AuthenticationResult. */
export async function signInDemo(engine: SrpEngine): Promise<any> {
  const { handle, A } = await engine.ephemeral();
  const start = await cognito('InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: CLIENT_ID,
    AuthParameters: { USERNAME: 'demo', SRP_A: A },
  });
  expect(start.status, JSON.stringify(start.body)).to.equal(200);
  expect(start.body.ChallengeName).to.equal('PASSWORD_VERIFIER');
  const params = start.body.ChallengeParameters;
  // Sign with the server's clock, as the core does (another test may have moved the emulator's).
  const skew = start.date ? Date.parse(start.date) - Date.now() : 0;
  const claim = await engine.claim(handle, {
    poolName: POOL_NAME,
    userId: params.USER_ID_FOR_SRP,
    password: 'Passw0rd!',
    SRP_B: params.SRP_B,
    SALT: params.SALT,
    SECRET_BLOCK: params.SECRET_BLOCK,
    now: Date.now() + skew,
  });
  const done = await cognito('RespondToAuthChallenge', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: CLIENT_ID,
    Session: start.body.Session,
    ChallengeResponses: { USERNAME: params.USER_ID_FOR_SRP, ...claim },
  });
  expect(done.status, JSON.stringify(done.body)).to.equal(200);
  return done.body.AuthenticationResult;
}

/** More SRP work of the same kind, without the server: B = 2 is as costly as any other B. */
export async function busyWork(engine: SrpEngine, rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const { handle } = await engine.ephemeral();
    await engine.claim(handle, { poolName: POOL_NAME, userId: 'demo', password: 'Passw0rd!', SRP_B: '02', SALT: 'ab', SECRET_BLOCK: 'AAAA', now: Date.now() });
  }
}
