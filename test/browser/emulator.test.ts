// Real Chromium talking to the local emulator over HTTP from another origin (the test page is
// served by web-test-runner on its own port), the way the elements will in an app.
import { expect } from '@open-wc/testing';
import { emulatorUrl } from './emulator-url.ts';

const POOL_ID = 'us-east-1_DemoPool1';
const CLIENT_ID = 'democlient0000000000000001';

/** A Cognito user-pool API call exactly as a browser SDK makes it (needs a CORS preflight). */
function cognito(action: string, body: unknown): Promise<Response> {
  return fetch(`${emulatorUrl()}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  });
}

function passwordAuth(username: string, password: string): Promise<Response> {
  return cognito('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: CLIENT_ID,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
}

describe('emulator from a real browser (cross-origin)', () => {
  it('is on another origin than the test page', () => {
    expect(new URL(emulatorUrl()).origin).to.not.equal(location.origin);
  });

  it('signs the demo user in with USER_PASSWORD_AUTH through a preflighted POST', async () => {
    const res = await passwordAuth('demo', 'Passw0rd!');
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).to.equal(200);
    const result = body.AuthenticationResult;
    expect(result, JSON.stringify(body)).to.be.an('object');
    expect(result.AccessToken).to.be.a('string');
    expect(result.AccessToken.split('.')).to.have.length(3);
    const claims = JSON.parse(atob(result.AccessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    expect(claims.iss).to.match(new RegExp(`/${POOL_ID}$`));
    expect(claims.client_id).to.equal(CLIENT_ID);
  });

  it('refuses a wrong password with 400 NotAuthorizedException and exposes the AWS headers', async () => {
    const res = await passwordAuth('demo', 'not-the-password');
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).to.equal(400);
    expect(body.__type, JSON.stringify(body)).to.equal('NotAuthorizedException');
    // Readable from JS only if the emulator lists them in Access-Control-Expose-Headers.
    expect(res.headers.get('x-amzn-ErrorType') ?? '').to.match(/^NotAuthorizedException\b/);
    expect(res.headers.get('x-amzn-RequestId') ?? '').to.not.equal('');
  });

  it('serves the outbox to another origin', async () => {
    const res = await fetch(`${emulatorUrl()}/__emulator/outbox`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.be.an('array');
  });
});
