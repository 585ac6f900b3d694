// Sign-in through the emulator's hosted UI with the authorization code flow and PKCE, in Chromium.
// A test page cannot leave for the hosted UI and come back, so the browser part runs in an
// <iframe>: the sign-in form is posted into it (or the authorize URL loaded in it), the emulator
// redirects it to fixtures/oauth-callback.html on this origin, and that page hands its address back.
// From there the test page plays the app: handleRedirectCallback, as on a real callback page.
import { expect } from '@open-wc/testing';
import { type CognitoClient } from '../../src/core/index.ts';
import { authorizeUrl, handleRedirectCallback, OAuthError, pkceChallenge, signInWithRedirect, signOutWithRedirect } from '../../src/core/aws.ts';
import '../../src/elements/sign-in/sign-in.ts';
import type { CognitoSignIn } from '../../src/elements/sign-in/sign-in.component.ts';
import { emulatorUrl } from './emulator-url.ts';
import { createUser, holdEmulator, newClient, recordEvents, rejectionOf } from './support/core.ts';

const REDIRECT_URI = new URL('/test/browser/fixtures/oauth-callback.html', location.href).href;
const SCOPES = ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'];

const PENDING = 'cognito-elements:oauth:';

function hiddenFrame(): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.name = `hosted-ui-${crypto.randomUUID()}`;
  frame.style.display = 'none';
  document.body.append(frame);
  return frame;
}

const nextLoad = (frame: HTMLIFrameElement) => new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));

/**
 * Runs `start` on a hidden iframe and resolves with the address the emulator sent the frame back
 * to (the callback fixture posts it). The frame is removed afterwards.
 */
function returnTo(start: (frame: HTMLIFrameElement) => void, frame = hiddenFrame()): Promise<string> {
  return new Promise<string>((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || typeof event.data?.oauthCallback !== 'string') return;
      window.removeEventListener('message', onMessage);
      frame.remove();
      resolve(event.data.oauthCallback);
    };
    window.addEventListener('message', onMessage);
    start(frame);
  });
}

/** Posts a form into the frame, as a page of the hosted UI would. */
function postInto(frame: HTMLIFrameElement, path: string, fields: Record<string, string>): void {
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = `${emulatorUrl()}${path}`;
  form.target = frame.name;
  form.style.display = 'none';
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
  form.remove();
}

/** What the hosted UI's sign-in page does: posts username, password and the authorize parameters to /login. */
function postLoginForm(authorize: string, username: string, password: string): Promise<string> {
  return returnTo((frame) => postInto(frame, '/login', { ...Object.fromEntries(new URL(authorize).searchParams), username, password }));
}

async function hostedUiSignIn(client: CognitoClient, username: string, password: string, options: { provider?: string } = {}): Promise<string> {
  const url = await authorizeUrl(client, { domain: emulatorUrl(), redirectUri: REDIRECT_URI, scopes: SCOPES, provider: options.provider ?? 'COGNITO' });
  return postLoginForm(url, username, password);
}

describe('hosted UI sign-in (authorization code with PKCE)', () => {
  holdEmulator('shared');

  it('signs in: the code is exchanged with the verifier and the session is kept like any other', async () => {
    const user = await createUser();
    const { client } = newClient();
    const signedIn = recordEvents(client, 'signed-in');
    const callback = await hostedUiSignIn(client, user.username, user.password);
    const params = new URL(callback).searchParams;
    expect(params.get('code')).to.be.a('string').and.not.be.empty;

    const { session } = await handleRedirectCallback(client, { domain: emulatorUrl(), url: callback });
    expect(session.claims['cognito:username']).to.equal(user.username);
    expect(session.claims.email).to.equal(user.email);
    expect(signedIn).to.have.length(1);
    expect(await client.currentUsername()).to.equal(user.username);
    // The access token works with the user-pool API, and the refresh token with the usual refresh.
    expect((await client.getUser()).username).to.equal(user.username);
    const refreshed = recordEvents(client, 'tokens-refreshed');
    const next = await client.getSession({ forceRefresh: true });
    expect(next.idToken).not.to.equal(session.idToken);
    expect(refreshed).to.have.length(1);
  });

  it("hands back the app's own state, kept in this tab", async () => {
    const user = await createUser();
    const { client } = newClient();
    const url = await authorizeUrl(client, { domain: emulatorUrl(), redirectUri: REDIRECT_URI, scopes: SCOPES, appState: '/orders/42' });
    expect(url).not.to.contain('orders');
    const callback = await postLoginForm(url, user.username, user.password);
    expect((await handleRedirectCallback(client, { domain: emulatorUrl(), url: callback })).appState).to.equal('/orders/42');
  });

  it('refuses a wrong state with OAuthError invalid_state and stores nothing; the real answer still works', async () => {
    const user = await createUser();
    const { client } = newClient();
    const callback = await hostedUiSignIn(client, user.username, user.password);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state-this-tab-sent');
    const error = await rejectionOf(handleRedirectCallback(client, { domain: emulatorUrl(), url: forged.href }));
    expect(error).to.be.instanceOf(OAuthError);
    expect(error.code).to.equal('invalid_state');
    expect(await client.currentUsername()).to.equal(undefined);

    const { session } = await handleRedirectCallback(client, { domain: emulatorUrl(), url: callback });
    expect(session.claims['cognito:username']).to.equal(user.username);
    const replay = await rejectionOf(handleRedirectCallback(client, { domain: emulatorUrl(), url: callback }));
    expect(replay.code).to.equal('invalid_state', 'an answer is used once');
  });

  it('the token endpoint refuses the code without the right verifier (invalid_grant)', async () => {
    const user = await createUser();
    const { client } = newClient();
    const callback = await hostedUiSignIn(client, user.username, user.password);
    const key = `cognito-elements:oauth:${new URL(callback).searchParams.get('state')}`;
    const pending = JSON.parse(sessionStorage.getItem(key)!);
    sessionStorage.setItem(key, JSON.stringify({ ...pending, verifier: 'x'.repeat(43) }));
    const error = await rejectionOf(handleRedirectCallback(client, { domain: emulatorUrl(), url: callback }));
    expect(error).to.be.instanceOf(OAuthError);
    expect(error.code).to.equal('invalid_grant');
    expect(await client.currentUsername()).to.equal(undefined);
  });

  it('signs in a user of an external provider (the stand-in EmulatorIdP) as a federated user', async () => {
    const { client } = newClient();
    const url = new URL(await authorizeUrl(client, { domain: emulatorUrl(), redirectUri: REDIRECT_URI, scopes: SCOPES, provider: 'EmulatorIdP' }));
    const email = `${crypto.randomUUID().slice(0, 8)}@example.com`;
    // What the provider's page posts when the user signs in there.
    const callback = await returnTo((frame) => postInto(frame, '/oauth2/idpresponse', { ...Object.fromEntries(url.searchParams), name: 'Fed User', email }));
    const { session } = await handleRedirectCallback(client, { domain: emulatorUrl(), url: callback });
    expect(session.username).to.match(/^EmulatorIdP_/);
    expect(session.claims.email).to.equal(email);
  });

  it('surfaces a refusal by the identity provider as OAuthError access_denied with its description', async () => {
    const { client } = newClient();
    const url = await authorizeUrl(client, {
      domain: emulatorUrl(),
      redirectUri: REDIRECT_URI,
      scopes: SCOPES,
      provider: 'EmulatorIdP',
      extraParams: { login_hint: 'error:access_denied' },
    });
    const callback = await returnTo((frame) => (frame.src = url));
    const error = await rejectionOf(handleRedirectCallback(client, { domain: emulatorUrl(), url: callback }));
    expect(error).to.be.instanceOf(OAuthError);
    expect(error.code).to.equal('access_denied');
    expect(error.description).to.be.a('string');
    expect(await client.currentUsername()).to.equal(undefined);
  });

  it('on the real callback page, removes the code and state from the address bar', async () => {
    const user = await createUser();
    const { client } = newClient();
    const callback = new URL(await hostedUiSignIn(client, user.username, user.password));
    const original = location.href;
    const here = new URL(original);
    for (const name of ['code', 'state']) here.searchParams.set(name, callback.searchParams.get(name)!);
    history.replaceState(history.state, '', here.href);
    try {
      await handleRedirectCallback(client, { domain: emulatorUrl() });
      const now = new URL(location.href);
      expect(now.searchParams.has('code')).to.equal(false);
      expect(now.searchParams.has('state')).to.equal(false);
      expect(now.search).to.equal(new URL(original).search, "the page's other parameters stay");
    } finally {
      history.replaceState(history.state, '', original);
    }
    expect(await client.currentUsername()).to.equal(user.username);
  });

  it('signInWithRedirect leaves for the authorize URL; signOutWithRedirect signs out here, then at /logout, which comes back', async () => {
    const user = await createUser();
    const { client } = newClient();
    let left = '';
    await signInWithRedirect(client, { domain: emulatorUrl(), redirectUri: REDIRECT_URI, provider: 'COGNITO', navigate: (url) => (left = url) });
    expect(left.startsWith(`${emulatorUrl()}/oauth2/authorize?`)).to.equal(true);
    await handleRedirectCallback(client, { domain: emulatorUrl(), url: await postLoginForm(left, user.username, user.password) });

    const signedOut = recordEvents(client, 'signed-out');
    let logout = '';
    await signOutWithRedirect(client, { domain: emulatorUrl(), logoutUri: REDIRECT_URI, navigate: (url) => (logout = url) });
    expect(signedOut).to.have.length(1);
    expect(await client.currentUsername()).to.equal(undefined);
    const logoutUrl = new URL(logout);
    expect(logoutUrl.pathname).to.equal('/logout');
    expect(logoutUrl.searchParams.get('client_id')).to.equal(client.clientId);
    const back = await returnTo((frame) => (frame.src = logout));
    expect(back.startsWith(REDIRECT_URI)).to.equal(true);
  });
});

describe('<cognito-sign-in> provider buttons', () => {
  holdEmulator('shared');

  async function signInElement(attributes: Record<string, string>): Promise<CognitoSignIn> {
    const { client } = newClient();
    const element = document.createElement('cognito-sign-in');
    element.client = client;
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    document.body.append(element);
    await element.updateComplete;
    return element;
  }

  const providerButton = (element: HTMLElement, provider: string) => [...element.querySelectorAll('button')].find((b) => b.textContent?.includes(provider))!;

  it('a button, not cancelled, leaves for the hosted UI with PKCE, and the sign-in completes on the callback page', async () => {
    const before = new Set(Object.keys(sessionStorage).filter((k) => k.startsWith(PENDING)));
    // The app runs in a frame, since pressing the button leaves the page.
    const frame = hiddenFrame();
    const appLoaded = nextLoad(frame);
    frame.src = `/test/browser/fixtures/sign-in-app.html?${new URLSearchParams({ emulator: emulatorUrl(), redirect: REDIRECT_URI })}`;
    await appLoaded;
    await frame.contentWindow!.customElements.whenDefined('cognito-sign-in');
    const element = frame.contentDocument!.querySelector('cognito-sign-in') as CognitoSignIn;
    await element.updateComplete;
    const fired: string[] = [];
    element.addEventListener('cognito-federated-sign-in', (event) => fired.push((event as CustomEvent).detail.provider));
    const left = nextLoad(frame);
    providerButton(element, 'EmulatorIdP').click();
    await left;
    expect(fired).to.deep.equal(['EmulatorIdP']);
    expect(frame.contentDocument).to.equal(null, 'the frame is now on the hosted UI, another origin');

    // The frames share this tab's sessionStorage: the sign-in the element started waits there.
    const started = Object.keys(sessionStorage).filter((k) => k.startsWith(PENDING) && !before.has(k));
    expect(started).to.have.length(1);
    const state = started[0].slice(PENDING.length);
    const pending = JSON.parse(sessionStorage.getItem(started[0])!);
    const email = `${crypto.randomUUID().slice(0, 8)}@example.com`;
    // The user signs in at the provider: what its page posts, carrying the element's state and challenge.
    const challenge = await pkceChallenge(pending.verifier);
    const callback = await returnTo(
      (f) =>
        postInto(f, '/oauth2/idpresponse', {
          response_type: 'code',
          client_id: pending.clientId,
          redirect_uri: pending.redirectUri,
          state,
          code_challenge: challenge,
          code_challenge_method: 'S256',
          // The nonce the element's sign-in sent (OpenID Connect Core 3.1.2.1), echoed in the ID token and checked.
          nonce: pending.nonce,
          name: 'Button User',
          email,
        }),
      frame,
    );
    expect(new URL(callback).searchParams.get('state')).to.equal(state);

    // The callback page (a fresh page load in real life): its own client finishes the sign-in.
    const { client } = newClient();
    const { session } = await handleRedirectCallback(client, { domain: emulatorUrl(), url: callback });
    expect(session.username).to.match(/^EmulatorIdP_/);
    expect(session.claims.email).to.equal(email);
  });

  it('shows a button per provider, fires cognito-federated-sign-in, and does nothing more when it is cancelled', async () => {
    const element = await signInElement({ providers: 'Google Facebook', 'oauth-domain': emulatorUrl(), 'redirect-uri': REDIRECT_URI });
    try {
      const seen: string[] = [];
      element.addEventListener('cognito-federated-sign-in', (event) => {
        seen.push((event as CustomEvent).detail.provider);
        event.preventDefault();
      });
      const pendingBefore = Object.keys(sessionStorage).filter((k) => k.startsWith('cognito-elements:oauth:')).length;
      providerButton(element, 'Facebook').click();
      await element.updateComplete;
      expect(seen).to.deep.equal(['Facebook']);
      const pendingAfter = Object.keys(sessionStorage).filter((k) => k.startsWith('cognito-elements:oauth:')).length;
      expect(pendingAfter).to.equal(pendingBefore, 'no redirect was prepared');
    } finally {
      element.remove();
    }
  });
});
