/**
 * Sign-in through Cognito's hosted UI (and through it Google, Facebook, Apple, SAML or OIDC
 * providers): the OAuth 2.0 authorization code flow with PKCE. The page goes to /oauth2/authorize
 * with a one-time `state` and a code challenge; on return, handleRedirectCallback checks the state,
 * trades the code (with the verifier only this tab knows) at /oauth2/token, and the session is kept
 * like any other sign-in. Refreshing it later is the client's usual REFRESH_TOKEN_AUTH.
 */
import type { CognitoClient } from './client.ts';
import { CognitoElementsError, MalformedResponseError, NetworkError } from './errors.ts';
import type { Session } from './session.ts';

/**
 * The hosted UI refused or the flow broke: `code` is the OAuth error (`access_denied`,
 * `invalid_request`, `invalid_grant`, ...) or `invalid_state` when the answer does not belong to a
 * sign-in this tab started (a stale link, a second use, a forged redirect).
 */
export class OAuthError extends CognitoElementsError {
  constructor(code: string, message: string, readonly description?: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Where the verifier waits for the redirect back: sessionStorage by default (this tab only, gone when it closes). */
export interface PendingStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface HostedUiOptions {
  /**
   * The hosted UI's base URL: `https://<your-domain>.auth.<region>.amazoncognito.com`, your custom
   * domain, or the local emulator's URL.
   */
  domain: string;
  /** One of the app client's callback URLs; the browser comes back here with the code. */
  redirectUri: string;
  /** Where the verifier is kept until the redirect returns (default sessionStorage). */
  storage?: PendingStore;
  fetch?: typeof fetch;
}

export interface SignInWithRedirectOptions extends HostedUiOptions {
  /**
   * Go straight to this identity provider instead of the hosted sign-in page: `COGNITO`, `Google`,
   * `Facebook`, `SignInWithApple`, `LoginWithAmazon`, or the name of a SAML/OIDC provider.
   */
  provider?: string;
  /** Scopes to ask for (default: every scope the app client allows). Include `openid` for an ID token. */
  scopes?: string[];
  /** Anything of the app's, handed back by handleRedirectCallback (kept in this tab, never sent). */
  appState?: string;
  /** More query parameters for /oauth2/authorize, e.g. `{ login_hint, prompt, lang }`. */
  extraParams?: Record<string, string>;
  /** How to leave the page (default location.assign). */
  navigate?: (url: string) => void;
}

interface Pending {
  verifier: string;
  redirectUri: string;
  clientId: string;
  appState?: string;
}

const PENDING_PREFIX = 'cognito-elements:oauth:';

function defaultStorage(storage?: PendingStore): PendingStore {
  if (storage) return storage;
  if (typeof sessionStorage === 'undefined') throw new TypeError('No sessionStorage here: pass `storage` to keep the PKCE verifier until the redirect returns.');
  return sessionStorage;
}

const base = (domain: string) => domain.replace(/\/+$/, '');

/** URL-safe base64 without padding (RFC 7636's encoding for the verifier and the challenge). */
function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes: 43 characters of verifier, the shortest RFC 7636 allows and plenty of entropy. */
const randomToken = () => base64Url(crypto.getRandomValues(new Uint8Array(32)));

/** The S256 code challenge: base64url(SHA-256(verifier)). */
export async function pkceChallenge(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/**
 * Prepares a redirect sign-in without leaving the page: keeps a fresh verifier under a fresh state
 * and returns the /oauth2/authorize URL to open (for a popup, or your own navigation).
 */
export async function authorizeUrl(client: CognitoClient, options: SignInWithRedirectOptions): Promise<string> {
  const storage = defaultStorage(options.storage);
  const verifier = randomToken();
  const state = randomToken();
  const pending: Pending = { verifier, redirectUri: options.redirectUri, clientId: client.clientId, appState: options.appState };
  storage.setItem(PENDING_PREFIX + state, JSON.stringify(pending));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: options.redirectUri,
    state,
    code_challenge: await pkceChallenge(verifier),
    code_challenge_method: 'S256',
  });
  if (options.scopes?.length) params.set('scope', options.scopes.join(' '));
  if (options.provider) params.set('identity_provider', options.provider);
  for (const [name, value] of Object.entries(options.extraParams ?? {})) params.set(name, value);
  return `${base(options.domain)}/oauth2/authorize?${params}`;
}

/** Leaves for the hosted UI (or straight for `provider`); the sign-in finishes in handleRedirectCallback. */
export async function signInWithRedirect(client: CognitoClient, options: SignInWithRedirectOptions): Promise<void> {
  const url = await authorizeUrl(client, options);
  (options.navigate ?? ((to: string) => location.assign(to)))(url);
}

/** Whether a URL is the hosted UI coming back (it carries `state` with a `code` or an `error`). */
export function isRedirectCallback(url: string = location.href): boolean {
  const params = new URL(url).searchParams;
  return params.has('state') && (params.has('code') || params.has('error'));
}

export interface RedirectCallbackOptions extends Omit<HostedUiOptions, 'redirectUri'> {
  /** The URL the browser came back to (default location.href, which is then cleaned of code and state). */
  url?: string;
}

/** The query parameters of a redirect back; removed from the address bar once read. */
const CALLBACK_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss'];

/**
 * Finishes a redirect sign-in: checks the state against the ones this tab started (once each),
 * turns a provider's refusal into an OAuthError, trades the code for tokens with the PKCE verifier,
 * and signs the client in (`signed-in` fires, other tabs follow). Returns the session and the
 * app's state.
 */
export async function handleRedirectCallback(
  client: CognitoClient,
  options: RedirectCallbackOptions,
): Promise<{ session: Session; appState?: string }> {
  const storage = defaultStorage(options.storage);
  const url = new URL(options.url ?? location.href);
  if (options.url === undefined) cleanAddressBar(url);
  const params = url.searchParams;
  const state = params.get('state');
  const raw = state ? storage.getItem(PENDING_PREFIX + state) : null;
  if (state) storage.removeItem(PENDING_PREFIX + state);
  const pending = raw ? (JSON.parse(raw) as Pending) : undefined;
  // Checked before anything else, an error included: an answer this tab did not ask for is not trusted.
  if (!pending || pending.clientId !== client.clientId) {
    throw new OAuthError('invalid_state', state ? 'This sign-in link was not started in this tab, or was already used: sign in again.' : 'The redirect back carries no state.');
  }
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description') ?? undefined;
    throw new OAuthError(error, description ? `The sign-in was refused: ${description}` : `The sign-in was refused (${error}).`, description);
  }
  const code = params.get('code');
  if (!code) throw new OAuthError('invalid_request', 'The redirect back carries neither a code nor an error.');

  const receivedAt = Date.now();
  const tokens = await exchangeCode(options, {
    grant_type: 'authorization_code',
    client_id: pending.clientId,
    code,
    redirect_uri: pending.redirectUri,
    code_verifier: pending.verifier,
  });
  const session = await client.adoptTokens(
    { AccessToken: tokens.access_token, IdToken: tokens.id_token, RefreshToken: tokens.refresh_token, ExpiresIn: tokens.expires_in },
    receivedAt,
  );
  return { session, appState: pending.appState };
}

interface TokenAnswer {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  expires_in: number;
}

async function exchangeCode(options: RedirectCallbackOptions, form: Record<string, string>): Promise<TokenAnswer> {
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let response: Response;
  let body: Record<string, unknown>;
  try {
    response = await send(`${base(options.domain)}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      cache: 'no-store',
    });
  } catch (error) {
    throw new NetworkError(`Could not reach the hosted UI's token endpoint: ${(error as Error)?.message ?? error}`, { cause: error });
  }
  try {
    body = await response.json();
  } catch {
    throw new MalformedResponseError(`The token endpoint answered with something that is not JSON (HTTP ${response.status}).`, response.status);
  }
  if (!response.ok || typeof body.error === 'string') {
    const code = typeof body.error === 'string' ? body.error : 'server_error';
    const description = typeof body.error_description === 'string' ? body.error_description : undefined;
    throw new OAuthError(code, `The code could not be exchanged for tokens: ${description ?? code}`, description);
  }
  if (typeof body.id_token !== 'string') throw new OAuthError('invalid_scope', 'The hosted UI returned no ID token: ask for the `openid` scope.');
  return body as unknown as TokenAnswer;
}

/** Removes the answer from the address bar, so a reload or a shared link does not replay it. */
function cleanAddressBar(url: URL): void {
  if (typeof history === 'undefined') return;
  const clean = new URL(url);
  for (const name of CALLBACK_PARAMS) clean.searchParams.delete(name);
  history.replaceState(history.state, '', clean.toString());
}

/**
 * Signs out here (the refresh token revoked), then at the hosted UI, which ends its own session
 * cookie and comes back to `logoutUri` (one of the app client's sign-out URLs).
 */
export async function signOutWithRedirect(
  client: CognitoClient,
  options: { domain: string; logoutUri: string; navigate?: (url: string) => void },
): Promise<void> {
  await client.signOut();
  const params = new URLSearchParams({ client_id: client.clientId, logout_uri: options.logoutUri });
  (options.navigate ?? ((to: string) => location.assign(to)))(`${base(options.domain)}/logout?${params}`);
}
