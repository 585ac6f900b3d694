/**
 * Sign-in through Cognito's hosted UI (and through it Google, Facebook, Apple, SAML or OIDC
 * providers): the OAuth 2.0 authorization code flow with PKCE. The page goes to /oauth2/authorize
 * with a one-time `state`, a code challenge and a `nonce`; on return, handleRedirectCallback checks
 * the state and the RFC 9207 `iss` parameter if there is one, trades the code (with the verifier
 * only this tab knows) at /oauth2/token, checks the ID token's `iss`, `aud`, `token_use` and
 * `nonce`, and the session is kept like any other sign-in. Refreshing it later is the client's
 * usual REFRESH_TOKEN_AUTH.
 *
 * Sources: RFC 6749 (state, 4.1 and 10.12), RFC 7636 (PKCE, S256), RFC 9207 (the `iss` callback
 * parameter: compared before the code is used), OpenID Connect Core 1.0 3.1.2.1 and 3.1.3.7 (nonce
 * sent, then the ID token's `nonce`, `iss` and `aud` checked); Cognito developer guide, "Authorize
 * endpoint" (Cognito copies `nonce` into the ID token) and "The token issuer endpoint" (JSON answer
 * with id_token, access_token, refresh_token, expires_in); its ID tokens carry
 * `iss` = https://cognito-idp.<region>.amazonaws.com/<userPoolId>, `aud` = the app client id and
 * `token_use` = "id" ("Understanding the identity (ID) token").
 */
import type { CognitoClient } from './client.ts';
import { CognitoElementsError, ConfigurationError, MalformedResponseError, NetworkError } from './errors.ts';
import { decodeJwt, type Session } from './session.ts';
import { attempt, checkedUrl, DEFAULT_TIMEOUT_MS } from './wire.ts';
import * as start from './oauth-start.ts';

export { PROTOCOL_PARAMS, pkceChallenge } from './oauth-start.ts';
const PARTS: start.StartParts = { checkedUrl, ConfigurationError };

/**
 * The hosted UI refused or the flow broke: `code` is the OAuth error (`access_denied`,
 * `invalid_request`, `invalid_grant`, ...) or `invalid_state` when the answer does not belong to a
 * sign-in this tab started (a stale link, a second use, a forged redirect).
 */
export class OAuthError extends CognitoElementsError {
  constructor(
    code: string,
    message: string,
    readonly description?: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/**
 * Where the verifier waits for the redirect back: sessionStorage by default (this tab only, gone
 * when it closes). With `length` and `key` (as Web Storage has), sign-ins never finished are pruned
 * after an hour.
 */
export interface PendingStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length?: number;
  key?(index: number): string | null;
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
  /** The token exchange's limit in ms, reading the answer included (default 15 s); then NetworkError. */
  timeoutMs?: number;
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
  /**
   * More query parameters for /oauth2/authorize, e.g. `{ login_hint, prompt, lang }`. Not the
   * protocol's own (PROTOCOL_PARAMS: response_type, client_id, redirect_uri, state, code_challenge,
   * code_challenge_method, nonce) nor those with an option of their own (scope: `scopes`,
   * identity_provider: `provider`): those are a ConfigurationError, since a page that could set
   * them could turn off PKCE, the state check or the nonce.
   */
  extraParams?: Record<string, string>;
  /** How to leave the page (default location.assign). */
  navigate?: (url: string) => void;
}

export interface Pending {
  verifier: string;
  redirectUri: string;
  clientId: string;
  /** OpenID Connect's nonce, sent to /oauth2/authorize and expected back in the ID token. */
  nonce: string;
  appState?: string;
  /** When the sign-in started (ms): an entry older than PENDING_TTL_MS is pruned. */
  at: number;
}

/**
 * Prepares a redirect sign-in without leaving the page: keeps a fresh verifier under a fresh state
 * and returns the /oauth2/authorize URL to open (for a popup, or your own navigation).
 */
export const authorizeUrl = (client: CognitoClient, options: SignInWithRedirectOptions): Promise<string> => start.authorizeUrl(PARTS, client, options);

/** Leaves for the hosted UI (or straight for `provider`); the sign-in finishes in handleRedirectCallback. */
export const signInWithRedirect = (client: CognitoClient, options: SignInWithRedirectOptions): Promise<void> => start.signInWithRedirect(PARTS, client, options);

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
export async function handleRedirectCallback(client: CognitoClient, options: RedirectCallbackOptions): Promise<{ session: Session; appState?: string }> {
  const storage = start.defaultStorage(options.storage);
  const url = new URL(options.url ?? location.href);
  if (options.url === undefined) cleanAddressBar(url);
  const params = url.searchParams;
  const state = params.get('state');
  const raw = state ? storage.getItem(start.PENDING_PREFIX + state) : null;
  if (state) storage.removeItem(start.PENDING_PREFIX + state);
  let pending: Pending | undefined;
  try {
    pending = raw ? (JSON.parse(raw) as Pending) : undefined;
  } catch {}
  // Checked before anything else, an error included: an answer this tab did not ask for is not trusted.
  if (!pending || pending.clientId !== client.clientId || Date.now() - pending.at > start.PENDING_TTL_MS) {
    throw new OAuthError(
      'invalid_state',
      state ? 'This sign-in link was not started in this tab, or was already used: sign in again.' : 'The redirect back carries no state.',
    );
  }
  // RFC 9207: an `iss` that is not our pool's names another authorization server (a mix-up attack): its code is not used.
  const issuers = issuersOf(client);
  const iss = params.get('iss');
  if (iss !== null && !issuers.includes(iss)) throw new OAuthError('invalid_issuer', `The redirect back names another issuer (${iss}).`);
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
  checkIdToken(tokens.id_token, client, issuers, pending.nonce);
  const session = await client.adoptTokens(
    { AccessToken: tokens.access_token, IdToken: tokens.id_token, RefreshToken: tokens.refresh_token, ExpiresIn: tokens.expires_in },
    receivedAt,
  );
  return { session, appState: pending.appState };
}

/**
 * The issuers whose ID tokens (and RFC 9207 `iss`) are this pool's: Cognito's, and for a client
 * with an endpoint of its own (the local emulator, which issues as `<endpoint>/<pool>`) that one too.
 */
function issuersOf(client: CognitoClient): string[] {
  const pool = client.userPoolId;
  const issuers = [`https://cognito-idp.${pool.split('_')[0]}.amazonaws.com/${pool}`];
  if (client.wire.customOrigin) issuers.push(`${client.wire.endpoint.replace(/\/+$/, '')}/${pool}`);
  return issuers;
}

/** OpenID Connect Core 3.1.3.7: the ID token is from our pool, for our client, an ID token, and answers our nonce. */
function checkIdToken(idToken: string, client: CognitoClient, issuers: string[], nonce: string): void {
  const claims = decodeJwt(idToken);
  const wrong = !issuers.includes(claims.iss as string)
    ? `its issuer is ${claims.iss}`
    : claims.aud !== client.clientId
      ? `it is for another client (${claims.aud})`
      : claims.token_use !== 'id'
        ? `it is not an ID token (token_use ${claims.token_use})`
        : claims.nonce !== nonce
          ? 'its nonce is not the one this sign-in sent'
          : '';
  if (wrong) throw new OAuthError('invalid_id_token', `The hosted UI's ID token was refused: ${wrong}.`);
}

interface TokenAnswer {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  expires_in: number;
}

async function exchangeCode(options: RedirectCallbackOptions, form: Record<string, string>): Promise<TokenAnswer> {
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const url = `${start.base(PARTS, options.domain)}/oauth2/token`;
  const { signal, until, end } = attempt('The token exchange', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let response: Response;
  let text: string;
  try {
    response = await until(
      send(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
        cache: 'no-store',
        signal,
      }),
    );
    text = await until(response.text());
  } catch (error) {
    throw signal.aborted
      ? signal.reason
      : new NetworkError(`Could not reach the hosted UI's token endpoint: ${(error as Error)?.message ?? error}`, { cause: error });
  } finally {
    end();
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    throw new MalformedResponseError(`The token endpoint answered with something that is not JSON (HTTP ${response.status}).`, response.status);
  }
  // `null`, a number, an array: JSON, but not the object RFC 6749 5.1 / 5.2 describes.
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new MalformedResponseError(`The token endpoint answered with JSON that is not an object (HTTP ${response.status}).`, response.status);
  }
  if (!response.ok || typeof body.error === 'string') {
    const code = typeof body.error === 'string' ? body.error : 'server_error';
    const description = typeof body.error_description === 'string' ? body.error_description : undefined;
    throw new OAuthError(code, `The code could not be exchanged for tokens: ${description ?? code}`, description);
  }
  if (typeof body.id_token !== 'string') throw new OAuthError('invalid_scope', 'The hosted UI returned no ID token: ask for the `openid` scope.');
  if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
    throw new MalformedResponseError('The token endpoint answered without an access_token or expires_in.', response.status);
  }
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
export async function signOutWithRedirect(client: CognitoClient, options: { domain: string; logoutUri: string; navigate?: (url: string) => void }): Promise<void> {
  // Checked first: a refused domain signs nobody out.
  const domain = start.base(PARTS, options.domain);
  await client.signOut();
  const params = new URLSearchParams({ client_id: client.clientId, logout_uri: options.logoutUri });
  (options.navigate ?? ((to: string) => location.assign(to)))(`${domain}/logout?${params}`);
}
