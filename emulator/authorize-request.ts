/**
 * An OAuth 2.0 authorize request to the hosted UI, checked in Cognito's order (client, redirect_uri,
 * then what can be redirected), and its two kinds of refusal: an error page when the redirect_uri
 * cannot be trusted, else a redirect carrying `error`, `error_description` and `state`.
 */
import type { Emulator } from './context.ts';
import { findClient } from './oauth-tokens.ts';
import type { ClientConfig, Pool } from './state.ts';

export const OAUTH_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'scope',
  'code_challenge',
  'code_challenge_method',
  'nonce',
  'identity_provider',
  'login_hint',
  'prompt',
  'lang',
];

/** A refusal shown as the hosted UI's error page (400): nothing may be sent to an unverified redirect_uri. */
export class PageError extends Error {}

/** A refusal sent back to the (verified) redirect_uri as `?error=...&error_description=...&state=...`. */
export class RedirectError extends Error {
  constructor(
    readonly redirectUri: string,
    readonly error: string,
    readonly description: string,
    readonly state?: string,
  ) {
    super(description);
  }
}

export interface AuthorizeRequest {
  pool: Pool;
  client: ClientConfig;
  /** The OAuth parameters as given, carried from page to page. */
  params: Record<string, string>;
  redirectUri: string;
  responseType: 'code' | 'token';
  scopes: string[];
}

/**
 * `http://localhost/*` matches that scheme and host on any port, under that path; anything else
 * must be equal, as on Cognito.
 */
export function urlAllowed(patterns: unknown, candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.hash || !Array.isArray(patterns)) return false;
  return patterns.some((pattern) => {
    if (typeof pattern !== 'string') return false;
    if (!pattern.endsWith('/*')) return pattern === candidate;
    try {
      const base = new URL(pattern.slice(0, -2));
      return (
        base.protocol === url.protocol && base.hostname === url.hostname && (base.port === '' || base.port === url.port) && url.pathname.startsWith(base.pathname)
      );
    } catch {
      return false;
    }
  });
}

export const supports = (client: ClientConfig, provider: string) =>
  Array.isArray(client.SupportedIdentityProviders) && (client.SupportedIdentityProviders as string[]).includes(provider);

export function oauthParams(source: Record<string, string>): Record<string, string> {
  return Object.fromEntries(OAUTH_PARAMS.filter((k) => source[k] !== undefined && source[k] !== '').map((k) => [k, source[k]]));
}

/** Checks an authorize request in Cognito's order: client, redirect_uri, then what can be redirected. */
export function checkAuthorize(emu: Emulator, source: Record<string, string>): AuthorizeRequest {
  const params = oauthParams(source);
  const found = findClient(emu, params.client_id);
  if (!found) throw new PageError(`invalid_request: client_id ${params.client_id ?? '(missing)'} is not a client of any user pool.`);
  const { pool, client } = found;
  if (client.AllowedOAuthFlowsUserPoolClient !== true) throw new PageError('unauthorized_client: this app client is not enabled for OAuth 2.0 flows.');
  const redirectUri = params.redirect_uri;
  if (!redirectUri || !urlAllowed(client.CallbackURLs, redirectUri))
    throw new PageError("redirect_mismatch: redirect_uri is not one of the client's callback URLs.");
  const fail = (error: string, description: string) => new RedirectError(redirectUri, error, description, params.state);

  const flows = (client.AllowedOAuthFlows as string[] | undefined) ?? [];
  const responseType = params.response_type;
  if (!responseType) throw fail('invalid_request', 'response_type is required');
  if (responseType !== 'code' && responseType !== 'token') throw fail('unsupported_response_type', `response_type ${responseType} is not supported`);
  if (!flows.includes(responseType === 'code' ? 'code' : 'implicit'))
    throw fail('unauthorized_client', `The client is not allowed the ${responseType === 'code' ? 'code' : 'implicit'} grant`);

  const allowed = (client.AllowedOAuthScopes as string[] | undefined) ?? [];
  const scopes = params.scope ? params.scope.split(/\s+/).filter(Boolean) : allowed;
  const notAllowed = scopes.filter((s) => !allowed.includes(s));
  if (notAllowed.length) throw fail('invalid_scope', `Scope ${notAllowed.join(' ')} is not allowed for this client`);

  if (params.code_challenge !== undefined || params.code_challenge_method !== undefined) {
    if (params.code_challenge_method !== 'S256') throw fail('invalid_request', 'code_challenge_method must be S256');
    if (!/^[A-Za-z0-9_-]{43,128}$/.test(params.code_challenge ?? '')) throw fail('invalid_request', 'code_challenge is missing or malformed');
  }
  const provider = params.identity_provider;
  if (provider !== undefined && !supports(client, provider)) throw fail('invalid_request', `identity_provider ${provider} is not supported for this client`);
  if (params.prompt !== undefined && !['none', 'login', 'consent', 'select_account'].includes(params.prompt)) {
    throw fail('invalid_request', `prompt ${params.prompt} is not supported`);
  }
  return { pool, client, params, redirectUri, responseType, scopes };
}

export function errorLocation(e: RedirectError): string {
  const url = new URL(e.redirectUri);
  url.searchParams.set('error', e.error);
  url.searchParams.set('error_description', e.description);
  if (e.state !== undefined) url.searchParams.set('state', e.state);
  return url.toString();
}
