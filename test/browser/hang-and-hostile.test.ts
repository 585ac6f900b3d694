// Issue 12, "hostile pages, stalled networks and races", in Chromium against the emulator:
// - nothing waits for ever: a form whose call hangs offers Cancel after CognitoElement.cancelAfterMs
//   (shortened here), which ends the call and keeps the user on the same step with what they typed;
//   an element removed from the page aborts its call; the Web Locks wait has a limit too;
// - attributes are input: `oauth-domain` and `endpoint` that are not https (or http on loopback)
//   never run script or send anything, show the element's error and name the attribute on the
//   console;
// - a stored session is bound to the endpoint that issued it (the IndexedDB database name carries
//   a custom endpoint's origin), so a client of another endpoint never reads it.
import { expect } from '@open-wc/testing';
import { CognitoClient, LockTimeoutError, SignedOutError } from '../../src/core/index.ts';
import { createTabSync } from '../../src/core/tabs.ts';
import { CognitoElement } from '../../src/elements/shared/base.ts';
import '../../src/elements/sign-in/sign-in.ts';
import '../../src/elements/forgot-password/forgot-password.ts';
import type { CognitoSignIn } from '../../src/elements/sign-in/sign-in.component.ts';
import { emulatorUrl } from './emulator-url.ts';
import { CLIENT_ID, clearFaults, countingFetch, createUser, holdEmulator, injectFault, newClient, POOL_ID, rejectionOf } from './support/core.ts';

const REDIRECT_URI = new URL('/test/browser/fixtures/oauth-callback.html', location.href).href;

/** Polls (a bounded number of turns, no wall-clock threshold) until cond holds. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never happened: ${what}`);
}

async function mount(client: CognitoClient | undefined, attributes: Record<string, string> = {}): Promise<CognitoSignIn> {
  const element = document.createElement('cognito-sign-in');
  if (client) element.client = client;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  await element.updateComplete;
  return element;
}

function fill(element: HTMLElement, username: string, password: string): void {
  element.querySelector<HTMLInputElement>('input[name="username"]')!.value = username;
  element.querySelector<HTMLInputElement>('input[name="password"]')!.value = password;
}

/** A fetch that keeps the signal of every request, and counts them. */
function signalsFetch() {
  const signals: AbortSignal[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    if (init?.signal) signals.push(init.signal);
    return globalThis.fetch(input, init);
  };
  return { fetch, signals };
}

/** console.error calls while fn runs. */
async function consoleErrors(fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void seen.push(args.map(String).join(' '));
  try {
    await fn();
  } finally {
    console.error = original;
  }
  return seen;
}

describe('a form whose call hangs', () => {
  holdEmulator('exclusive');
  const cancelAfterMs = CognitoElement.cancelAfterMs;
  beforeEach(() => {
    CognitoElement.cancelAfterMs = 50;
  });
  afterEach(() => {
    CognitoElement.cancelAfterMs = cancelAfterMs;
    document.querySelectorAll('cognito-sign-in').forEach((e) => e.remove());
  });

  it('offers Cancel once the wait is long, which ends the call and keeps the user on the form with what they typed', async () => {
    const user = await createUser();
    const spy = signalsFetch();
    // A limit far beyond the test's: only Cancel can end this wait.
    const { client } = newClient({ fetch: spy.fetch, timeoutMs: 600_000 });
    const element = await mount(client);
    await injectFault({ action: 'InitiateAuth', hang: true, count: 1 });
    fill(element, user.username, user.password);
    const errors: unknown[] = [];
    element.addEventListener('cognito-error', (e) => errors.push(e));
    element.querySelector('form')!.requestSubmit();
    await element.updateComplete;
    expect(element.querySelector('[data-cancel]')).to.equal(null, 'no Cancel at once');
    await until(() => spy.signals.length > 0, 'InitiateAuth went out (after the SRP ephemeral)');
    await until(() => !!element.querySelector('[data-cancel]'), 'Cancel offered');
    const cancel = element.querySelector<HTMLButtonElement>('[data-cancel]')!;
    expect(cancel.textContent?.trim()).to.equal('Cancel');
    cancel.click();
    await until(() => !element.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled, 'the form is usable again');
    expect(spy.signals.some((s) => s.aborted)).to.equal(true, 'the request itself was aborted');
    expect(element.querySelector('[data-cancel]')).to.equal(null);
    expect(element.querySelector('.cognito-error')!.textContent).to.equal('', 'a cancelled call is not reported as a failure');
    expect(errors).to.have.length(0);
    expect(element.querySelector<HTMLInputElement>('input[name="username"]')!.value).to.equal(user.username);
    expect(element.querySelector<HTMLInputElement>('input[name="password"]')!.value).to.equal(user.password);
    // Nothing was lost: with the network back, the same form signs in.
    await clearFaults();
    const signedIn = new Promise((resolve) => element.addEventListener('cognito-signed-in', resolve, { once: true }));
    element.querySelector('form')!.requestSubmit();
    await signedIn;
  });

  it('an element removed from the page aborts its call', async () => {
    const user = await createUser();
    const spy = signalsFetch();
    const { client } = newClient({ fetch: spy.fetch, timeoutMs: 600_000 });
    const element = await mount(client);
    await injectFault({ action: 'InitiateAuth', hang: true, count: 1 });
    fill(element, user.username, user.password);
    element.querySelector('form')!.requestSubmit();
    await until(() => spy.signals.length > 0, 'the request went out');
    expect(spy.signals[0].aborted).to.equal(false);
    element.remove();
    expect(spy.signals[0].aborted).to.equal(true);
  });

  it('going back to the sign-in ends the call the form was waiting on (forgot password, "Back to sign in")', async () => {
    const spy = signalsFetch();
    const { client } = newClient({ fetch: spy.fetch, timeoutMs: 600_000 });
    const element = document.createElement('cognito-forgot-password') as CognitoElement;
    element.client = client;
    document.body.append(element);
    try {
      await element.updateComplete;
      await injectFault({ action: 'ForgotPassword', hang: true, count: 1 });
      element.querySelector<HTMLInputElement>('input[name="username"]')!.value = 'demo';
      element.querySelector('form')!.requestSubmit();
      await until(() => spy.signals.length > 0, 'ForgotPassword went out');
      const back = [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('Back to sign in'))!;
      back.click();
      expect(spy.signals[0].aborted).to.equal(true);
      await until(() => !element.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled, 'the form is usable again');
      expect(element.querySelector('.cognito-error')!.textContent).to.equal('');
    } finally {
      element.remove();
    }
  });

  it('a hung call without Cancel ends by the client timeout as a network error shown on the form', async () => {
    const user = await createUser();
    const { client } = newClient({ timeoutMs: 100 });
    CognitoElement.cancelAfterMs = 600_000;
    const element = await mount(client);
    await injectFault({ action: 'InitiateAuth', stallBody: true, count: 3 });
    fill(element, user.username, user.password);
    const failed = new Promise<CustomEvent>((resolve) => element.addEventListener('cognito-error', (e) => resolve(e as CustomEvent), { once: true }));
    element.querySelector('form')!.requestSubmit();
    expect((await failed).detail.code).to.equal('NetworkError');
    await element.updateComplete;
    expect(element.querySelector('.cognito-error')!.textContent).to.match(/could not reach/i);
  });
});

describe('Web Locks wait', () => {
  it('waiting for a Web Lock another tab never lets go of ends in a LockTimeoutError', async () => {
    expect(navigator.locks).to.exist;
    const holder = createTabSync('us-east-1_LockPool', 'lockclient', 100);
    const waiter = createTabSync('us-east-1_LockPool', 'lockclient', 100);
    let release!: () => void;
    const held = holder.withLock('refresh', () => new Promise<void>((resolve) => (release = resolve)));
    let ran = false;
    const error = await rejectionOf(waiter.withLock('refresh', async () => void (ran = true)));
    expect(error).to.be.instanceOf(LockTimeoutError);
    release();
    await held;
    expect(await waiter.withLock('refresh', async () => 'next')).to.equal('next');
    expect(ran).to.equal(false);
    holder.close();
    waiter.close();
  });
});

/** 9 hostile hosted-UI domains an attribute may carry (the script ones would set window.__pwned). */
const HOSTILE_DOMAINS = [
  'javascript:window.__pwned=1//',
  'JAVASCRIPT:window.__pwned=1//',
  ' javascript:window.__pwned=1//',
  'java\nscript:window.__pwned=1//',
  'data:text/html,<script>parent.__pwned=1</script>',
  'vbscript:msgbox(1)',
  'http://evil.example',
  '//evil.example',
  'evil.example',
];

describe('attributes are input', () => {
  holdEmulator('shared');
  afterEach(() => {
    document.querySelectorAll('cognito-sign-in').forEach((e) => e.remove());
    delete (window as { __pwned?: number }).__pwned;
  });

  for (const domain of HOSTILE_DOMAINS) {
    it(`oauth-domain=${JSON.stringify(domain)}: a provider button runs no script and goes nowhere, shows the error and names the attribute`, async () => {
      const { client } = newClient();
      const element = await mount(client, { providers: 'Google', 'oauth-domain': domain, 'redirect-uri': REDIRECT_URI });
      const pendingBefore = Object.keys(sessionStorage).filter((k) => k.startsWith('cognito-elements:oauth:')).length;
      const failed = new Promise<CustomEvent>((resolve) => element.addEventListener('cognito-error', (e) => resolve(e as CustomEvent), { once: true }));
      const logged = await consoleErrors(async () => {
        [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('Google'))!.click();
        expect((await failed).detail.code).to.equal('ConfigurationError');
      });
      await element.updateComplete;
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
      expect(logged.some((line) => line.includes('<cognito-sign-in> oauth-domain:'))).to.equal(true, logged.join('\n'));
      expect(element.querySelector('.cognito-error')!.textContent).to.match(/not set up correctly/);
      expect(Object.keys(sessionStorage).filter((k) => k.startsWith('cognito-elements:oauth:')).length).to.equal(pendingBefore, 'no sign-in was prepared');
    });
  }

  /** 7 hostile endpoints. */
  const HOSTILE_ENDPOINTS = [
    'javascript:alert(1)//',
    'data:,x',
    'http://evil.example/',
    'http://127.0.0.1.evil.example/',
    'ftp://127.0.0.1/',
    '//evil.example/',
    'not a url',
  ];
  for (const endpoint of HOSTILE_ENDPOINTS) {
    it(`endpoint=${JSON.stringify(endpoint)}: no client, the element's error state, the attribute named, and no request on submit`, async () => {
      const sent: string[] = [];
      const realFetch = window.fetch;
      window.fetch = (input, init) => (sent.push(String(input)), realFetch(input, init));
      try {
        let element!: CognitoSignIn;
        const logged = await consoleErrors(async () => {
          element = await mount(undefined, { 'user-pool-id': POOL_ID, 'client-id': CLIENT_ID, endpoint });
        });
        expect(logged.some((line) => line.includes('<cognito-sign-in> endpoint:'))).to.equal(true, logged.join('\n'));
        expect(element.querySelector('.cognito-error')!.textContent).to.match(/not set up correctly/);
        // The not-configured state replaces the form (src/elements/shared/base.ts): there is nothing to submit.
        expect(element.querySelector('form')).to.equal(null);
        expect(sent).to.deep.equal([]);
      } finally {
        window.fetch = realFetch;
      }
    });
  }
});

describe('region is input too', () => {
  afterEach(() => document.querySelectorAll('cognito-sign-in').forEach((e) => e.remove()));

  it('region="evil.example/x?" (it goes into Cognito\'s host name): no client, the error state, "region" named', async () => {
    let element!: CognitoSignIn;
    const logged = await consoleErrors(async () => {
      element = await mount(undefined, { 'user-pool-id': POOL_ID, 'client-id': CLIENT_ID, region: 'evil.example/x?' });
    });
    expect(logged.some((line) => line.includes('<cognito-sign-in> region:'))).to.equal(true, logged.join('\n'));
    expect(element.querySelector('.cognito-error')!.textContent).to.match(/not set up correctly/);
  });
});

describe('a stored session is bound to its endpoint', () => {
  holdEmulator('shared');

  it('a client of another endpoint (same pool and app client) does not read, refresh or send the session', async () => {
    const user = await createUser();
    const issuing = new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: emulatorUrl(), storage: 'indexeddb', autoRefresh: false });
    try {
      await issuing.signIn({ username: user.username, password: user.password });
      const foreignUrl = new URL(emulatorUrl());
      foreignUrl.hostname = 'localhost'; // the same server under another origin: "someone else's endpoint"
      const counted = countingFetch();
      const foreign = new CognitoClient({
        userPoolId: POOL_ID,
        clientId: CLIENT_ID,
        endpoint: foreignUrl.href,
        storage: 'indexeddb',
        autoRefresh: false,
        fetch: counted.fetch,
      });
      expect(await rejectionOf(foreign.getSession())).to.be.instanceOf(SignedOutError);
      expect(await rejectionOf(foreign.getSession({ forceRefresh: true }))).to.be.instanceOf(SignedOutError);
      expect(counted.calls('InitiateAuth') + counted.calls('GetTokensFromRefreshToken')).to.equal(0, 'no refresh token was sent anywhere');
      foreign.dispose();
      // The issuing endpoint's client still has it.
      expect((await issuing.getSession()).username).to.equal(user.username);
    } finally {
      await issuing.signOut();
      issuing.dispose();
    }
  });
});
