/**
 * AWS credentials from a Cognito identity pool (the seed's CognitoCredentials): GetId, then
 * GetCredentialsForIdentity, for the signed-in user (their ID token in `Logins`), for a guest (no
 * `Logins`, if the pool allows unauthenticated identities), or for a token from another provider
 * (`{ 'graph.facebook.com': token }`). Identity ids are kept in the client's store, credentials in
 * memory only; they are renewed before they expire and whenever the login behind them changes
 * (a token refresh, another user, a sign-out).
 */
import type { CognitoClient } from './client.ts';
import { CognitoError, MalformedResponseError, SignedOutError } from './errors.ts';
import { memoryStore, type SessionStore } from './storage.ts';
import { abortable, action, actions, checkedRegion, Wire } from './wire.ts';

/** Temporary AWS credentials, as aws4fetch and the AWS SDKs take them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** When AWS stops accepting them (the server's time). */
  expiration: Date;
  /** The identity they belong to (a guest's, the user's, or the federated user's). */
  identityId: string;
}

/** Provider name (e.g. `graph.facebook.com`, `accounts.google.com`) to that provider's token. */
export type Logins = Record<string, string>;

export interface IdentityPoolCredentialsOptions {
  /** e.g. "us-east-1:0c0c0c0c-0000-4000-8000-000000000001". */
  identityPoolId: string;
  /** The user-pool client whose signed-in user the credentials are for; without one, only guests and `logins`. */
  client?: CognitoClient;
  /** Defaults to the part of the identity pool id before the colon. */
  region?: string;
  /**
   * Where Cognito Identity answers. By default https://cognito-identity.<region>.amazonaws.com/, or
   * the client's own endpoint when it has one that is not AWS's (the local emulator serves both).
   */
  endpoint?: string;
  /**
   * Tokens from another identity provider, used instead of the user-pool session: e.g.
   * `() => ({ 'graph.facebook.com': facebookAccessToken })`. Return undefined for a guest.
   */
  logins?: Logins | (() => Logins | undefined | Promise<Logins | undefined>);
  /** Fall back to guest credentials when nobody is signed in (default true; the pool must allow them). */
  guest?: boolean;
  /** Renew this long before expiry (default 300 s, at most a quarter of the credentials' life). */
  renewMarginSeconds?: number;
  fetch?: typeof fetch;
  /** Each request attempt's limit in ms, reading the answer included (default 15 s). */
  timeoutMs?: number;
}

type GetIdInput = { IdentityPoolId: string; Logins?: Logins };
type CredentialsOutput = {
  IdentityId: string;
  Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string; Expiration: number | string };
};

/** The identity-pool actions, described once like the user-pool ones (GetId creates nothing twice: it is idempotent). */
const IdentityActions = actions({
  GetId: action<GetIdInput, { IdentityId: string }>(true),
  GetCredentialsForIdentity: action<{ IdentityId: string; Logins?: Logins }, CredentialsOutput>(true),
});

/** Who the credentials are for: the login that was used, so a change of login means new credentials. */
interface Login {
  /** Store key of the identity id, or undefined when it is not kept (federated tokens: the user is unknown). */
  idKey?: string;
  logins?: Logins;
  /** Changes whenever the credentials must change: the token itself, or 'guest'. */
  fingerprint: string;
}

interface Cached {
  credentials: Credentials;
  fingerprint: string;
  /** Their life as issued (ms), for the renewal margin. */
  lifetimeMs: number;
}

export class IdentityPoolCredentials {
  readonly identityPoolId: string;
  readonly region: string;
  readonly #wire: Wire;
  readonly #options: IdentityPoolCredentialsOptions;
  #cached?: Cached;
  #pending?: { fingerprint: string; promise: Promise<Credentials> };
  #ownStore?: SessionStore;
  /** Bumped by clear(): an answer to a request sent before it is not kept. */
  #generation = 0;
  readonly #forget = () => this.clear();

  constructor(options: IdentityPoolCredentialsOptions) {
    if (!/^[\w-]+:[0-9a-f-]+$/i.test(options.identityPoolId ?? '')) throw new TypeError(`Not an identity pool id: ${options.identityPoolId}`);
    this.#options = options;
    this.identityPoolId = options.identityPoolId;
    this.region = checkedRegion(options.region ?? options.identityPoolId.split(':')[0]);
    this.#wire = new Wire({
      region: this.region,
      endpoint: this.#identityEndpoint(),
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      service: 'AWSCognitoIdentityService',
    });
    // New user-pool tokens mean a new ID token in Logins; a sign-out must not leave the user's credentials behind.
    for (const type of ['tokens-refreshed', 'signed-in', 'signed-out'] as const) options.client?.addEventListener(type, this.#forget);
  }

  #identityEndpoint(): string {
    if (this.#options.endpoint !== undefined) return this.#options.endpoint;
    const userPools = this.#options.client?.wire.endpoint;
    const aws = `https://cognito-identity.${this.region}.amazonaws.com/`;
    return userPools && !/^https:\/\/cognito-idp[.-]/.test(userPools) ? userPools : aws;
  }

  /** The server's time (ms), as told by the Date header of Cognito Identity's latest answer: sign requests with it. */
  serverNow(): number {
    return this.#wire.serverNow();
  }

  /** Valid credentials for whoever is signed in now (or a guest): from memory, or fetched anew. */
  async getCredentials(options: { forceRefresh?: boolean; signal?: AbortSignal } = {}): Promise<Credentials> {
    // Callers share one request: a signal ends only this caller's wait.
    const { signal } = options;
    const login = await this.#currentLogin();
    const cached = this.#cached;
    if (!options.forceRefresh && cached && cached.fingerprint === login.fingerprint && this.#fresh(cached)) return cached.credentials;
    // One request at a time: callers for the same login share it; a request for another login waits its turn.
    const pending = this.#pending;
    if (pending) {
      if (pending.fingerprint === login.fingerprint) return abortable(pending.promise, signal);
      await abortable(
        pending.promise.catch(() => undefined),
        signal,
      );
      return this.getCredentials(options);
    }
    const generation = this.#generation;
    const promise = this.#fetchCredentials(login)
      .then((credentials) => {
        if (generation === this.#generation) {
          this.#cached = { credentials, fingerprint: login.fingerprint, lifetimeMs: credentials.expiration.getTime() - this.serverNow() };
        }
        return credentials;
      })
      .finally(() => {
        if (this.#pending?.promise === promise) this.#pending = undefined;
      });
    this.#pending = { fingerprint: login.fingerprint, promise };
    return abortable(promise, signal);
  }

  /** The identity id of whoever is signed in now (or the guest), without fetching credentials if it is known. */
  async getIdentityId(): Promise<string> {
    const login = await this.#currentLogin();
    if (this.#cached?.fingerprint === login.fingerprint) return this.#cached.credentials.identityId;
    const known = login.idKey ? await (await this.#store()).get<string>(login.idKey) : undefined;
    return known ?? (await this.getCredentials()).identityId;
  }

  /** Forgets the credentials in memory (identity ids stay: they are not secret and never change). */
  clear(): void {
    this.#cached = undefined;
    this.#generation++;
  }

  /** Stops following the client's sign-in and sign-out. */
  dispose(): void {
    for (const type of ['tokens-refreshed', 'signed-in', 'signed-out'] as const) this.#options.client?.removeEventListener(type, this.#forget);
    this.clear();
  }

  #fresh(cached: Cached): boolean {
    const margin = Math.min((this.#options.renewMarginSeconds ?? 300) * 1000, cached.lifetimeMs / 4);
    return cached.credentials.expiration.getTime() - this.serverNow() > margin;
  }

  /** Federated tokens if given, else the signed-in user's ID token, else a guest. */
  async #currentLogin(): Promise<Login> {
    const pool = this.identityPoolId;
    const federated = typeof this.#options.logins === 'function' ? await this.#options.logins() : this.#options.logins;
    if (federated && Object.keys(federated).length) return { logins: federated, fingerprint: JSON.stringify(federated) };
    const client = this.#options.client;
    if (client) {
      try {
        const session = await client.getSession();
        const region = client.userPoolId.split('_')[0];
        return {
          idKey: `identity:${pool}:${session.claims.sub}`,
          logins: { [`cognito-idp.${region}.amazonaws.com/${client.userPoolId}`]: session.idToken },
          fingerprint: session.idToken,
        };
      } catch (error) {
        // Only "nobody is signed in" makes a guest; a network failure must not quietly change who we are.
        if (!(error instanceof SignedOutError)) throw error;
      }
    }
    if (this.#options.guest === false) throw new SignedOutError('No user is signed in, and guest credentials are turned off.');
    return { idKey: `identity:${pool}:guest`, fingerprint: 'guest' };
  }

  async #fetchCredentials(login: Login): Promise<Credentials> {
    const store = await this.#store();
    const known = login.idKey ? await store.get<string>(login.idKey) : undefined;
    try {
      return await this.#credentialsFor(login, known);
    } catch (error) {
      // A remembered identity that Cognito no longer has (deleted, or merged into another): start over, once.
      const stale = error instanceof CognitoError && (error.code === 'ResourceNotFoundException' || error.code === 'NotAuthorizedException');
      if (!known || !stale || !login.idKey) throw error;
      await store.remove(login.idKey);
      return this.#credentialsFor(login, undefined);
    }
  }

  async #credentialsFor(login: Login, knownId: string | undefined): Promise<Credentials> {
    const identityId = knownId ?? (await this.#wire.call(IdentityActions.GetId, { IdentityPoolId: this.identityPoolId, Logins: login.logins })).IdentityId;
    if (typeof identityId !== 'string') throw new MalformedResponseError('GetId answered without an IdentityId.');
    if (!knownId && login.idKey) await (await this.#store()).set(login.idKey, identityId);
    const answer = await this.#wire.call(IdentityActions.GetCredentialsForIdentity, { IdentityId: identityId, Logins: login.logins });
    const c = answer.Credentials;
    // Cognito's JSON gives Expiration in epoch seconds; accept an ISO date as well.
    const expiration = new Date(typeof c?.Expiration === 'number' ? c.Expiration * 1000 : c?.Expiration);
    // API reference, GetCredentialsForIdentity: Credentials {AccessKeyId, SecretKey, SessionToken, Expiration}; anything less signs nothing.
    if (typeof c?.AccessKeyId !== 'string' || typeof c.SecretKey !== 'string' || typeof c.SessionToken !== 'string' || Number.isNaN(expiration.getTime())) {
      throw new MalformedResponseError('GetCredentialsForIdentity answered without complete Credentials (AccessKeyId, SecretKey, SessionToken, Expiration).');
    }
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken, expiration, identityId: answer.IdentityId ?? identityId };
  }

  /** The client's store (identity ids live next to its session), or one of our own. */
  async #store(): Promise<SessionStore> {
    if (this.#options.client) return this.#options.client.sessionStore();
    this.#ownStore ??= memoryStore();
    return this.#ownStore;
  }
}
