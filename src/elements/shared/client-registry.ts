/**
 * Elements that name the same pool and client share one CognitoClient, so a sign-in started in
 * <cognito-sign-in> can be finished in a separate <cognito-mfa>, and every element sees the same
 * session. Page-wide defaults (storage, flow, worker URL) can be set once with `configureClients`.
 */
import { CognitoClient, type CognitoClientOptions, ConfigurationError } from '../../core/index.ts';

export interface ClientAddress {
  userPoolId: string;
  clientId: string;
  region?: string;
  endpoint?: string;
}

const clients = new Map<string, CognitoClient>();
let defaults: Partial<CognitoClientOptions> = {};

/** Options every shared client created from now on gets (e.g. `{ authFlow: 'USER_AUTH' }`). */
export function configureClients(options: Partial<CognitoClientOptions>): void {
  defaults = { ...defaults, ...options };
}

/** The page's client for this pool and client id, created on first use. */
export function sharedClient(address: ClientAddress): CognitoClient {
  const key = [address.userPoolId, address.clientId, address.region ?? '', address.endpoint ?? ''].join('|');
  let client = clients.get(key);
  if (!client) {
    client = new CognitoClient({ ...defaults, ...address });
    clients.set(key, client);
  }
  return client;
}

/**
 * The shared client an element's attributes name, or why they name none: a missing attribute, or
 * one the core refuses (endpoint="javascript:...", a malformed pool id), named as the page's author
 * wrote it (user-pool-id, not the core's userPoolId).
 */
export function clientForAttributes(attributes: Partial<ClientAddress>): CognitoClient | ConfigurationError {
  const missing = !attributes.userPoolId ? 'user-pool-id' : !attributes.clientId ? 'client-id' : undefined;
  if (missing) {
    return new ConfigurationError(
      missing,
      `${missing} is not set: set user-pool-id and client-id (Cognito console > User pools > your pool, App clients), or the client property.`,
    );
  }
  try {
    return sharedClient(attributes as ClientAddress);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return new ConfigurationError(
      error.option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
      error.message,
      { cause: error },
    );
  }
}
