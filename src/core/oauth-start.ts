/**
 * The first half of a hosted-UI sign-in (see oauth.ts): a fresh verifier, state and nonce kept for
 * the redirect back, and the /oauth2/authorize URL. On its own because the sign-in form loads it on
 * demand when a provider button is pressed; it imports nothing of the core at run time but takes
 * the two parts it needs as an argument (`StartParts`), because a module loaded on demand that
 * imports the first view's modules makes esbuild cut those into chunks of their own (see kit.ts).
 * oauth.ts passes them for apps, which use authorizeUrl and signInWithRedirect from there.
 */
import type { CognitoClient } from './client.ts';
import type { ConfigurationError } from './errors.ts';
import type { Pending, PendingStore, SignInWithRedirectOptions } from './oauth.ts';
import type { checkedUrl } from './wire.ts';

/** What starting a redirect needs of the core. */
export interface StartParts {
  checkedUrl: typeof checkedUrl;
  ConfigurationError: typeof ConfigurationError;
}

export const PENDING_PREFIX = 'cognito-elements:oauth:';
/** A sign-in not back within an hour is abandoned (Cognito's codes live 5 minutes, its hosted-UI session an hour). */
export const PENDING_TTL_MS = 3600_000;

/** The parameters that make the flow safe: never taken from extraParams. */
export const PROTOCOL_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
  'nonce',
  'scope',
  'identity_provider',
];

/** Removes pending sign-ins that are older than PENDING_TTL_MS or unreadable (where the store can list its keys). */
export function prune(storage: PendingStore, now: number): void {
  if (typeof storage.key !== 'function' || typeof storage.length !== 'number') return;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PENDING_PREFIX)) keys.push(key);
  }
  for (const key of keys) {
    let at: unknown;
    try {
      at = (JSON.parse(storage.getItem(key) ?? '') as Partial<Pending>).at;
    } catch {}
    if (typeof at !== 'number' || now - at > PENDING_TTL_MS) storage.removeItem(key);
  }
}

export function defaultStorage(storage?: PendingStore): PendingStore {
  if (storage) return storage;
  if (typeof sessionStorage === 'undefined') throw new TypeError('No sessionStorage here: pass `storage` to keep the PKCE verifier until the redirect returns.');
  return sessionStorage;
}

/** The hosted UI's base URL, checked like an endpoint: `oauth-domain="javascript:..."` must never become a navigation. */
export const base = (parts: StartParts, domain: string) => parts.checkedUrl(domain, 'domain').href.replace(/\/+$/, '');

/** URL-safe base64 without padding (RFC 7636's encoding for the verifier and the challenge). */
function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes: 43 characters of verifier, the shortest RFC 7636 allows and plenty of entropy. */
export const randomToken = () => base64Url(crypto.getRandomValues(new Uint8Array(32)));

/** The S256 code challenge: base64url(SHA-256(verifier)). */
export async function pkceChallenge(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/**
 * Prepares a redirect sign-in without leaving the page: keeps a fresh verifier under a fresh state
 * and returns the /oauth2/authorize URL to open (for a popup, or your own navigation).
 */
export async function authorizeUrl(parts: StartParts, client: CognitoClient, options: SignInWithRedirectOptions): Promise<string> {
  // Everything is checked before anything is kept: a refused domain or parameter leaves no pending sign-in.
  const domain = base(parts, options.domain);
  const extra = Object.entries(options.extraParams ?? {});
  const reserved = extra.find(([name]) => PROTOCOL_PARAMS.includes(name));
  if (reserved)
    throw new parts.ConfigurationError('extraParams', `extraParams cannot set ${reserved[0]}: it is part of the protocol (or has an option of its own).`);
  const storage = defaultStorage(options.storage);
  const now = Date.now();
  prune(storage, now);
  const verifier = randomToken();
  const state = randomToken();
  const pending: Pending = { verifier, redirectUri: options.redirectUri, clientId: client.clientId, nonce: randomToken(), appState: options.appState, at: now };
  const params = new URLSearchParams(extra);
  params.set('response_type', 'code');
  params.set('client_id', client.clientId);
  params.set('redirect_uri', options.redirectUri);
  params.set('state', state);
  params.set('code_challenge', await pkceChallenge(verifier));
  params.set('code_challenge_method', 'S256');
  params.set('nonce', pending.nonce);
  if (options.scopes?.length) params.set('scope', options.scopes.join(' '));
  if (options.provider) params.set('identity_provider', options.provider);
  storage.setItem(PENDING_PREFIX + state, JSON.stringify(pending));
  return `${domain}/oauth2/authorize?${params}`;
}

/** Leaves for the hosted UI (or straight for `provider`); the sign-in finishes in handleRedirectCallback. */
export async function signInWithRedirect(parts: StartParts, client: CognitoClient, options: SignInWithRedirectOptions): Promise<void> {
  const url = await authorizeUrl(parts, client, options);
  (options.navigate ?? ((to: string) => location.assign(to)))(url);
}
