/**
 * Elements that name the same pool and client share one CognitoClient, so a sign-in started in
 * <cognito-sign-in> can be finished in a separate <cognito-mfa>, and every element sees the same
 * session. Page-wide defaults (storage, flow, worker URL) can be set once with `configureClients`.
 */
import { CognitoClient, type CognitoClientOptions } from '../../core/index.ts';

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
