// `cognito-elements doctor` against the emulator, with an app client misconfigured in each way the
// doctor checks. The refusals it reads are real Cognito's (sources in bin/doctor.mjs): "User pool
// client … does not exist.", "Client … is configured with secret but SECRET_HASH was not received",
// "USER_SRP_AUTH is not enabled for the client.", redirect_mismatch from /oauth2/authorize.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { diagnose, formatReport } from '../../bin/doctor.mjs';
import { callOk, CLIENT_ID, LEGACY_CLIENT_ID, POOL_ID, ROTATION_CLIENT_ID, SECRET_CLIENT_ID, withEmulator } from './support/emulator.ts';

const emulator = withEmulator();
const CLI = fileURLToPath(new URL('../../bin/cognito-elements.mjs', import.meta.url));

type Check = { title: string; status: string; detail: string; fix?: string };

async function checks(options: Record<string, string>): Promise<Check[]> {
  return (await diagnose({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: emulator().url, ...options })).checks;
}

function status(list: Check[], title: RegExp): Check {
  const found = list.find((c) => title.test(c.title));
  assert.ok(found, `no check ${title} in ${list.map((c) => c.title).join(', ')}`);
  return found;
}

async function client(input: Record<string, unknown>): Promise<string> {
  const { UserPoolClient } = await callOk(emulator().url, 'CreateUserPoolClient', { UserPoolId: POOL_ID, ClientName: 'doctor', ...input });
  return UserPoolClient.ClientId;
}

describe('cognito-elements doctor', () => {
  it('finds nothing to fix for the seeded public client, and lists what it cannot know', async () => {
    const report = await diagnose({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: emulator().url });
    assert.deepEqual(
      report.checks.filter((c: Check) => c.status === 'fail'),
      [],
    );
    for (const title of [/pool exists/, /client exists/, /No client secret/, /USER_SRP_AUTH/, /USER_PASSWORD_AUTH/, /USER_AUTH/, /Refreshing/]) {
      assert.equal(status(report.checks, title).status, 'ok', String(title));
    }
    const text = formatReport(report);
    assert.match(text, /Could not be known without AWS credentials/);
    assert.match(text, /Nothing to fix found/);
  });

  it('a pool id that names no pool: fails "User pool exists" (its OpenID configuration is a 404)', async () => {
    const list = await checks({ userPoolId: 'us-east-1_NoSuchPool9' });
    assert.equal(status(list, /pool exists/).status, 'fail');
  });

  it('a client id that does not exist: ResourceNotFoundException, with where to copy the id from', async () => {
    const list = await checks({ clientId: 'nosuchclient00000000000001' });
    const check = status(list, /client exists/);
    assert.equal(check.status, 'fail');
    assert.match(check.detail, /User pool client nosuchclient00000000000001 does not exist/);
    assert.match(check.fix!, /App clients/);
  });

  it('a client with a secret: fails "No client secret" and says the flows cannot be known', async () => {
    const report = await diagnose({ userPoolId: POOL_ID, clientId: SECRET_CLIENT_ID, endpoint: emulator().url });
    const check = status(report.checks, /No client secret/);
    assert.equal(check.status, 'fail');
    assert.match(check.fix!, /Single-page application/);
    assert.equal(status(report.checks, /USER_SRP_AUTH/).status, 'unknown');
    assert.ok(report.unknowable.some((u: string) => /asks for the secret first/.test(u)));
  });

  it('a client with a secret and without SRP: never "no client secret" when no probe got past the secret check', async () => {
    const { UserPoolClient } = await callOk(emulator().url, 'CreateUserPoolClient', {
      UserPoolId: POOL_ID,
      ClientName: 'doctor',
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const list = await checks({ clientId: UserPoolClient.ClientId });
    assert.notEqual(status(list, /No client secret/).status, 'ok');
    assert.equal(status(list, /USER_SRP_AUTH/).status, 'fail');
  });

  it('a client without ALLOW_USER_SRP_AUTH: fails the SRP check with the Authentication flows setting; a missing USER_AUTH is only information', async () => {
    const id = await client({ ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const list = await checks({ clientId: id });
    const srp = status(list, /USER_SRP_AUTH/);
    assert.equal(srp.status, 'fail');
    assert.match(srp.detail, /USER_SRP_AUTH is not enabled for the client\./);
    assert.match(srp.fix!, /Authentication flows: allow ALLOW_USER_SRP_AUTH/);
    assert.equal(status(list, /USER_PASSWORD_AUTH/).status, 'ok');
    assert.equal(status(list, /USER_AUTH\)/).status, 'info');
  });

  it('refresh-token rotation on: reported, with the grace-period advice', async () => {
    const list = await checks({ clientId: ROTATION_CLIENT_ID });
    assert.equal(status(list, /rotation/).status, 'info');
    assert.match(status(list, /rotation/).fix!, /grace period/);
    assert.equal(status(list, /Refreshing/).status, 'ok');
  });

  it('a client that reveals whether users exist (PreventUserExistenceErrors LEGACY): a warning', async () => {
    const list = await checks({ clientId: LEGACY_CLIENT_ID });
    assert.equal(status(list, /existence/).status, 'warn');
  });

  it("CORS: a loopback origin passes, an origin the endpoint refuses fails with the emulator's --allow-origin", async () => {
    assert.equal(status(await checks({ origin: 'http://localhost:5173' }), /CORS/).status, 'ok');
    const refused = status(await checks({ origin: 'https://app.example.com' }), /CORS/);
    assert.equal(refused.status, 'fail');
    assert.match(refused.fix!, /--allow-origin https:\/\/app\.example\.com/);
  });

  it('hosted UI: a registered redirect URI passes, an unregistered one is redirect_mismatch with the callback-URL setting', async () => {
    const domain = emulator().url;
    assert.equal(status(await checks({ domain, redirectUri: 'http://localhost:5173/callback' }), /Redirect URI/).status, 'ok');
    const wrong = status(await checks({ domain, redirectUri: 'https://app.example.com/callback' }), /Redirect URI/);
    assert.equal(wrong.status, 'fail');
    assert.match(wrong.fix!, /Allowed callback URLs: add https:\/\/app\.example\.com\/callback/);
    const noOAuth = await client({ ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    assert.equal(status(await checks({ clientId: noOAuth, domain, redirectUri: 'http://localhost:5173/callback' }), /Hosted UI enabled/).status, 'fail');
  });

  it('the bin prints the checklist and exits 1 when there is something to fix, 2 on wrong usage', async () => {
    const run = promisify(execFile);
    const failed = await run(process.execPath, [CLI, 'doctor', '--user-pool-id', POOL_ID, '--client-id', SECRET_CLIENT_ID, '--endpoint', emulator().url]).then(
      () => assert.fail('exit code 0'),
      (error) => error,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /✘ No client secret/);
    assert.match(failed.stdout, /Fix: /);
    const usage = await run(process.execPath, [CLI, 'doctor', '--client-id', CLIENT_ID]).then(
      () => assert.fail('exit code 0'),
      (error) => error,
    );
    assert.equal(usage.code, 2);
    const ok = await run(process.execPath, [CLI, 'doctor', '--user-pool-id', POOL_ID, '--client-id', CLIENT_ID, '--endpoint', emulator().url, '--json']);
    assert.ok(JSON.parse(ok.stdout).checks.length > 5);
  });
});
