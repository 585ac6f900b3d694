/**
 * The headless Cognito user-pool client: sign-up, sign-in (a state machine, see sign-in.ts), the
 * session with refresh across tabs, and every account action a signed-in user can take. It is an
 * EventTarget, so the elements (and apps) follow sign-in, sign-out and refreshes by listening.
 */
import { type ActionName, Actions, type AttributeType, type AuthenticationResult, type CodeDeliveryDetails, type DeviceType } from './actions.ts';
import { CognitoError, ConfigurationError, PasskeyError, SignedOutError, SignInStateError } from './errors.ts';
import { decodeJwt, deviceKeyFor, isFresh, type Session, SESSION_KEY, sessionFromResult, type StoredDevice, type StoredSession, toSession } from './session.ts';
import type { PasskeyInfo, UserCall } from './passkeys.ts';
import { loadPasskeys, SignInMachine } from './sign-in.ts';
import { createSrpEngine, type SrpEngine, type SrpEngineOptions } from './srp-engine.ts';
import type { AuthFlow, CodeDelivery, ConfirmSignInInput, MfaType, SignInInput, SignInStep } from './steps.ts';
import { totpUri } from './steps.ts';
import { adaptStorage, type AppStorage, defaultStore, guardStore, indexedDbStore, memoryStore, type SessionStore, StorageError } from './storage.ts';
import { createTabSync, type TabSync } from './tabs.ts';
import { abortable, type ActionSpec, type CallOptions, Wire } from './wire.ts';

type StorageLike = AppStorage;

export type { PasskeyInfo };

export interface CognitoClientOptions {
  /** e.g. "eu-west-1_AbCdEf123". */
  userPoolId: string;
  clientId: string;
  /** Defaults to the part of the pool id before the underscore. */
  region?: string;
  /** Another endpoint than Cognito's, e.g. the local emulator (http://127.0.0.1:9229). */
  endpoint?: string;
  /**
   * For app clients with a secret. A secret in a web page is public to anyone who opens it: use
   * this only in Node, on a server, or for a test pool.
   */
  clientSecret?: string;
  /** The default sign-in flow (USER_SRP_AUTH). */
  authFlow?: AuthFlow;
  /**
   * No longer needed: refresh always uses GetTokensFromRefreshToken, which works with refresh-token
   * rotation on and off (REFRESH_TOKEN_AUTH only where a server does not know that action).
   * With rotation, a refresh whose answer is lost can be retried only within the app client's
   * RetryGracePeriodSeconds: at 0 the rotated token is spent and the user must sign in again, so
   * give it at least a minute's worth (60, the most Cognito allows). The client never repeats a
   * refresh by itself straight away; the next use or the refresh timer does.
   */
  refreshTokenRotation?: boolean;
  /** 'indexeddb' (default in browsers), 'memory' (default in Node), or your own store. */
  storage?: 'indexeddb' | 'memory' | SessionStore | StorageLike;
  /** Where the SRP worker comes from; `false` computes in-thread. */
  srpWorker?: SrpEngineOptions['worker'];
  fetch?: typeof fetch;
  /** Each request attempt's limit in ms, reading the answer included (default 15 s); then NetworkError. */
  timeoutMs?: number;
  /** How long to wait for another tab's refresh to let go of the lock, in ms (default 60 s); then LockTimeoutError. */
  lockTimeoutMs?: number;
  /** Refresh this long before the tokens expire (default 300 s, at most a quarter of their life). */
  refreshMarginSeconds?: number;
  /** Refresh by timer before expiry while signed in (default true). */
  autoRefresh?: boolean;
  /** Shown in authenticator apps when the user sets up TOTP (default: the pool id). */
  totpIssuer?: string;
  /** Name given to this device when Cognito tracks it (default: the browser's user agent platform). */
  deviceName?: string;
  /** Remember every tracked device, so it can skip MFA next time (default false: call rememberDevice()). */
  rememberDevices?: boolean;
  /** Once, carry over a session that amazon-cognito-identity-js or Amplify left in localStorage. */
  importLegacySession?: boolean;
}

export type SignOutReason = 'user' | 'global' | 'expired' | 'deleted' | 'other-tab';

export interface CognitoClientEventMap {
  'signed-in': CustomEvent<{ session: Session }>;
  'signed-out': CustomEvent<{ reason: SignOutReason }>;
  'tokens-refreshed': CustomEvent<{ session: Session }>;
  'session-expired': CustomEvent<{ error: unknown }>;
  step: CustomEvent<{ step: SignInStep }>;
  /** A sign-in in progress ended without a session: cancelled, or its Cognito session expired. */
  'sign-in-cancelled': CustomEvent<{ reason: 'cancelled' | 'expired' }>;
  warning: CustomEvent<{ message: string; cause?: unknown }>;
}

export interface UserAttributes {
  [name: string]: string;
}

export interface SignUpInput {
  username: string;
  password?: string;
  attributes?: UserAttributes;
  validationData?: UserAttributes;
  clientMetadata?: Record<string, string>;
  /** Sign in right after confirmation, without asking for the password again. */
  autoSignIn?: boolean;
  signal?: AbortSignal;
}

export interface SignUpResult {
  userConfirmed: boolean;
  userSub: string;
  delivery?: CodeDelivery;
}

export interface MfaPreference {
  enabled: MfaType[];
  preferred?: MfaType;
}

export interface DeviceInfo {
  deviceKey: string;
  name?: string;
  remembered: boolean;
  lastIp?: string;
  createdAt?: Date;
  lastAuthenticatedAt?: Date;
  /** This browser's device. */
  current: boolean;
}

const toDelivery = (d?: CodeDeliveryDetails): CodeDelivery | undefined =>
  d && { destination: d.Destination, medium: d.DeliveryMedium, attribute: d.AttributeName };

const toAttributes = (list: AttributeType[] = []): UserAttributes => Object.fromEntries(list.map((a) => [a.Name, a.Value ?? '']));
const fromAttributes = (attributes: UserAttributes): AttributeType[] => Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));

const MFA_NAMES: Record<string, MfaType> = { SOFTWARE_TOKEN_MFA: 'TOTP', SMS_MFA: 'SMS', EMAIL_OTP: 'EMAIL' };

/** Still the sign-in (and, with rotation, the refresh token) a write began for? */
const sameSession = (stored: StoredSession | undefined, seen: StoredSession): stored is StoredSession =>
  !!stored && stored.generation === seen.generation && stored.refreshToken === seen.refreshToken;

/** Typed listeners for the client's events (declaration merging: no code at run time). */
export interface CognitoClient {
  addEventListener<K extends keyof CognitoClientEventMap>(
    type: K,
    listener: ((event: CognitoClientEventMap[K]) => void) | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof CognitoClientEventMap>(
    type: K,
    listener: ((event: CognitoClientEventMap[K]) => void) | null,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

export class CognitoClient extends EventTarget {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly wire: Wire;
  readonly #options: CognitoClientOptions;
  readonly #srp: SrpEngine;
  readonly #machine: SignInMachine;
  readonly #tabs: TabSync;
  #storePromise?: Promise<SessionStore>;
  #refreshing?: Promise<StoredSession>;
  #refreshTimer?: ReturnType<typeof setTimeout>;
  /** The server answered GetTokensFromRefreshToken as an unknown operation: refresh with REFRESH_TOKEN_AUTH. */
  #legacyRefresh = false;
  #unsubscribeTabs: () => void;
  /** The access token this client last told its listeners about, so a tab message adds nothing twice. */
  #lastAnnounced?: string;
  /** Kept only between signUp and confirmSignUp, and only when auto sign-in was asked for. */
  #autoSignIn?: { username: string; password?: string; session?: string };

  constructor(options: CognitoClientOptions) {
    super();
    if (!/^[\w-]+_[0-9A-Za-z]+$/.test(options.userPoolId ?? '')) throw new ConfigurationError('userPoolId', `Not a user pool id (such as eu-west-1_AbC123): ${JSON.stringify(options.userPoolId)}`);
    if (!options.clientId) throw new ConfigurationError('clientId', 'clientId is required');
    this.#options = options;
    this.userPoolId = options.userPoolId;
    this.clientId = options.clientId;
    this.wire = new Wire({ region: options.region ?? options.userPoolId.split('_')[0], endpoint: options.endpoint, fetch: options.fetch, timeoutMs: options.timeoutMs });
    this.#srp = createSrpEngine({
      worker: options.srpWorker,
      // The engine itself logs the fallback once; here it only becomes an event for the app.
      onFallback: (reason) => this.#emit('warning', { message: `SRP runs on the main thread: ${reason}` }),
    });
    this.#tabs = createTabSync(this.userPoolId, this.clientId, this.#options.lockTimeoutMs);
    // A store that fails while a tab message is read is warned about, not left an unhandled rejection.
    this.#unsubscribeTabs = this.#tabs.subscribe((message) => void this.#onTabMessage(message).catch((error) => this.#warn('Sessions could not be read.', error)));
    this.#machine = new SignInMachine({
      wire: this.wire,
      srp: this.#srp,
      clientId: this.clientId,
      poolName: this.userPoolId.split('_')[1],
      defaultFlow: options.authFlow ?? 'USER_SRP_AUTH',
      secretHash: (username) => this.#secretHash(username),
      totpIssuer: options.totpIssuer ?? this.userPoolId,
      loadDevice: async (username) => (await this.#store()).get<StoredDevice>(deviceKeyFor(username)),
      forgetDevice: async (username) => (await this.#store()).remove(deviceKeyFor(username)),
      complete: (result, receivedAt) => this.#completeSignIn(result, receivedAt),
    });
  }

  // -------------------------------------------------------------------------------------------
  // Events

  #emit<K extends keyof CognitoClientEventMap>(type: K, detail: CognitoClientEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #warn(message: string, cause?: unknown): void {
    console.warn(`[cognito-elements] ${message}`);
    this.#emit('warning', { message, cause });
  }

  // -------------------------------------------------------------------------------------------
  // Storage

  #store(): Promise<SessionStore> {
    // A store that failed to open is not kept: the next call tries again instead of failing for good.
    return (this.#storePromise ??= this.#openStore().catch((error) => {
      this.#storePromise = undefined;
      throw error;
    }));
  }

  /** The store the session lives in, for companions (identity-pool credentials) that keep their own keys in it. */
  sessionStore(): Promise<SessionStore> {
    return this.#store();
  }

  async #openStore(): Promise<SessionStore> {
    const { storage } = this.#options;
    let store: SessionStore;
    if (storage === 'memory') store = memoryStore();
    else if (storage === 'indexeddb') store = indexedDbStore(this.userPoolId, this.clientId, this.wire.customOrigin);
    else if (storage && 'get' in storage && 'set' in storage) store = guardStore(storage);
    else if (storage) store = adaptStorage(storage as StorageLike);
    else store = await defaultStore(this.userPoolId, this.clientId, (reason) => this.#warn(`Sessions are kept in memory only: ${reason}`), this.wire.customOrigin);
    // Loaded only by apps that ask for the import; a bad legacy session is warned about and dropped there.
    if (this.#options.importLegacySession) await (await import('./legacy-import.ts')).importLegacySession(this.clientId, store, (m, c) => this.#warn(m, c));
    return store;
  }

  async #loadSession(): Promise<StoredSession | undefined> {
    return (await this.#store()).get<StoredSession>(SESSION_KEY);
  }

  /**
   * Changes the stored session in one step no other writer can split: under the `session` lock
   * (every client of this pool and app client, in every tab) and, where the store can (IndexedDB),
   * as one atomic update, so a sign-out landing during a refresh's write is never undone.
   * `change` gets what is stored now and returns what to store (undefined: nothing). Resolves with
   * what is stored after it. A store that fails to take a session keeps it in memory instead.
   */
  #writeSession(change: (current: StoredSession | undefined) => StoredSession | undefined): Promise<StoredSession | undefined> {
    return this.#tabs.withLock('session', async () => {
      const store = await this.#store();
      let next: StoredSession | undefined;
      const apply = (current?: StoredSession) => (next = change(current));
      try {
        if (store.update) await store.update(SESSION_KEY, apply);
        else {
          const current = await store.get<StoredSession>(SESSION_KEY);
          if (apply(current) !== current) await (next ? store.set(SESSION_KEY, next) : store.remove(SESSION_KEY));
        }
      } catch (error) {
        if (!next || !(error instanceof StorageError)) throw error;
        // Quota exceeded, site data cleared: tokens Cognito issued are not dropped unrevoked but
        // kept in memory; what the broken store still holds must not come back on reload.
        this.#warn('Sessions are kept in memory only: the store failed.', error);
        await store.remove(SESSION_KEY).catch(() => {});
        const memory = memoryStore();
        await memory.set(SESSION_KEY, next);
        this.#storePromise = Promise.resolve(memory);
      }
      return next;
    });
  }

  /** SECRET_HASH, for app clients with a secret: only they load the HMAC code. */
  async #secretHash(username: string): Promise<string | undefined> {
    const secret = this.#options.clientSecret;
    return secret ? (await import('../worker/srp.ts')).secretHash(secret, username, this.clientId) : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Sign-in

  /** Starts computing the SRP ephemeral now, so the sign-in itself waits for less. */
  prepareSignIn(): void {
    this.#srp.precompute();
  }

  /** Where the SRP math runs: in a Worker, or in-thread when none could start. */
  get srpMode(): 'worker' | 'inline' {
    return this.#srp.mode;
  }

  /** The step the current sign-in waits on, if one is in progress (e.g. for a separate MFA element). */
  get currentStep(): SignInStep | undefined {
    return this.#machine.currentStep;
  }

  async signIn(input: SignInInput): Promise<SignInStep> {
    const step = await this.#machine.start(input);
    // An unconfirmed account: confirming it goes on with the password just typed, as sign-up's auto sign-in does.
    if (step.step === 'CONFIRM_SIGN_UP' && input.password) this.#autoSignIn = { username: step.username, password: input.password };
    return this.#announce(step);
  }

  async confirmSignIn(input: ConfirmSignInInput, options: { signal?: AbortSignal } = {}): Promise<SignInStep> {
    try {
      return this.#announce(await this.#machine.confirm(input, options.signal));
    } catch (error) {
      if (error instanceof SignInStateError && error.sessionExpired) this.#emit('sign-in-cancelled', { reason: 'expired' });
      throw error;
    }
  }

  /** Abandons a sign-in in progress (forms waiting on it go back to the start). */
  cancelSignIn(): void {
    const wasWaiting = this.#machine.currentStep !== undefined;
    this.#machine.cancel();
    // The password kept for auto sign-in goes with the sign-in the user abandoned.
    this.#autoSignIn = undefined;
    if (wasWaiting) this.#emit('sign-in-cancelled', { reason: 'cancelled' });
  }

  #announce(step: SignInStep): SignInStep {
    this.#emit('step', { step });
    return step;
  }

  /** Stores the tokens of a finished sign-in, tracks the device, and tells this tab and the others. */
  async #completeSignIn(result: AuthenticationResult, receivedAt: number): Promise<Session> {
    const stored = sessionFromResult(result, receivedAt);
    // Whatever was stored (another user's session, a refresh in flight for it) gives way to this one.
    await this.#writeSession(() => stored);
    if (result.NewDeviceMetadata) await this.#trackDevice(stored, result.NewDeviceMetadata);
    const session = toSession(stored);
    this.#lastAnnounced = stored.accessToken;
    this.#scheduleRefresh(stored);
    this.#tabs.publish({ type: 'signed-in', username: stored.username });
    this.#emit('signed-in', { session });
    return session;
  }

  /**
   * Signs in with tokens obtained outside the user-pool API (the hosted UI's /oauth2/token): they
   * are stored, announced to this tab and the others, and refreshed like those of any other sign-in.
   */
  adoptTokens(tokens: AuthenticationResult, receivedAt = Date.now()): Promise<Session> {
    return this.#completeSignIn(tokens, receivedAt);
  }

  /** Confirms a device Cognito started tracking, keeping its secret for device SRP next time. */
  async #trackDevice(stored: StoredSession, metadata: { DeviceKey: string; DeviceGroupKey: string }): Promise<void> {
    await (await import('./device-tracking.ts')).confirmDevice(
      {
        srp: this.#srp,
        call: (action, input) => this.wire.call(Actions[action] as unknown as ActionSpec<typeof input, never>, input),
        options: this.#options,
        warn: (message, cause) => this.#warn(message, cause),
        keep: async (device) => {
          await (await this.#store()).set(deviceKeyFor(stored.username), device);
          // Only into the sign-in it was issued for: a sign-out during ConfirmDevice stays signed out.
          await this.#writeSession((latest) => (sameSession(latest, stored) ? { ...latest, deviceKey: device.deviceKey } : latest));
        },
      },
      stored.accessToken,
      metadata,
    );
  }

  // -------------------------------------------------------------------------------------------
  // Session

  /** Valid tokens (refreshed if they are about to expire), or SignedOutError. */
  async getSession(options: { forceRefresh?: boolean; signal?: AbortSignal } = {}): Promise<Session> {
    const stored = await this.#loadSession();
    if (!stored) throw new SignedOutError();
    if (!options.forceRefresh && this.#isFresh(stored)) return toSession(stored);
    // The refresh is shared (this tab's callers, and other tabs through the lock): a signal ends only this wait.
    return toSession(await abortable(this.#refresh(stored), options.signal));
  }

  /** The signed-in user's name without a network call, or undefined. */
  async currentUsername(): Promise<string | undefined> {
    return (await this.#loadSession())?.username;
  }

  #isFresh(stored: StoredSession): boolean {
    return isFresh(stored, Date.now(), this.wire.serverNow(), this.#refreshMargin(stored));
  }

  #refreshMargin(stored: StoredSession): number {
    // A stored token that is not a JWT is a MalformedResponseError here, as in toSession.
    const access = decodeJwt(stored.accessToken);
    return Math.min((this.#options.refreshMarginSeconds ?? 300) * 1000, ((access.exp - access.iat) * 1000) / 4);
  }

  /** One refresh at a time in this tab, and (with Web Locks) across tabs. */
  #refresh(stored: StoredSession): Promise<StoredSession> {
    this.#refreshing ??= this.#tabs
      .withLock('refresh', () => this.#refreshLocked(stored))
      .finally(() => {
        this.#refreshing = undefined;
      });
    return this.#refreshing;
  }

  async #refreshLocked(seen: StoredSession): Promise<StoredSession> {
    try {
      return await this.#refreshOnce(seen);
    } catch (error) {
      // The device was forgotten (by the user elsewhere, or an admin): refresh without it, once.
      const current = await this.#loadSession();
      if (!(error instanceof CognitoError && error.code === 'ResourceNotFoundException' && /device/i.test(error.message)) || !current?.deviceKey) throw error;
      await this.#dropDevice(current);
      return this.#refreshOnce(seen);
    }
  }

  async #refreshOnce(seen: StoredSession): Promise<StoredSession> {
    const current = await this.#loadSession();
    if (!current) throw new SignedOutError();
    // Another tab refreshed while we waited for the lock: use its tokens.
    if (current.accessToken !== seen.accessToken && this.#isFresh(current)) return current;
    const refreshToken = current.refreshToken;
    if (!refreshToken) return this.#expire(current, new SignedOutError('The session has no refresh token.'));
    let result: AuthenticationResult;
    const receivedAt = Date.now();
    try {
      result = await this.#requestTokens(current, refreshToken);
    } catch (error) {
      // Loaded only when a refresh fails: is it the end of the session, and how to say so.
      const ended = (await import('./refresh-refusal.ts')).sessionEnded(error, SignedOutError);
      if (ended) return this.#expire(current, ended);
      throw error;
    }
    const next = sessionFromResult(result, receivedAt, current);
    let kept = false;
    const latest = await this.#writeSession((stored) => {
      // Signed out, signed in anew or refreshed elsewhere while the answer was on its way: keep that.
      if (!sameSession(stored, current)) return stored;
      kept = true;
      return next;
    });
    if (!kept) {
      if (latest) return latest;
      // A rotated refresh token nobody will store is revoked, not left valid for 30 days.
      if (result.RefreshToken) this.#revoke(result.RefreshToken).catch(() => {});
      throw new SignedOutError();
    }
    this.#lastAnnounced = next.accessToken;
    this.#scheduleRefresh(next);
    this.#tabs.publish({ type: 'tokens-refreshed', username: next.username });
    this.#emit('tokens-refreshed', { session: toSession(next) });
    // As at sign-in: a device Cognito starts tracking now is confirmed and kept.
    if (result.NewDeviceMetadata) await this.#trackDevice(next, result.NewDeviceMetadata);
    return next;
  }

  /**
   * GetTokensFromRefreshToken, which works on every app client, rotating refresh tokens or not (API
   * reference; Amplify v6 refreshAuthTokens always uses it). REFRESH_TOKEN_AUTH only where the server
   * does not know the action (older proxies and emulators): it is refused on clients that rotate.
   */
  async #requestTokens(current: StoredSession, refreshToken: string): Promise<AuthenticationResult> {
    if (!this.#legacyRefresh) {
      try {
        return (
          await this.wire.call(Actions.GetTokensFromRefreshToken, {
            RefreshToken: refreshToken,
            ClientId: this.clientId,
            ClientSecret: this.#options.clientSecret,
            DeviceKey: current.deviceKey,
          })
        ).AuthenticationResult;
      } catch (error) {
        if (!(error instanceof CognitoError && error.code === 'UnknownOperationException')) throw error;
        this.#legacyRefresh = true;
      }
    }
    // Loaded only where needed; a question instead of tokens is a malformed answer (sessionFromResult).
    const { refreshTokenAuth } = await import('./refresh-token-auth.ts');
    return refreshTokenAuth((input) => this.wire.call(Actions.InitiateAuth, input), this.clientId, refreshToken, current.deviceKey, await this.#secretHash(current.username)) as Promise<AuthenticationResult>;
  }

  /**
   * Ends a session Cognito no longer accepts and says so, unless another tab has stored a newer one
   * meanwhile (that one is returned). Throws `error` otherwise.
   */
  async #expire(refused: StoredSession, error: SignedOutError): Promise<StoredSession> {
    let ended = false;
    const latest = await this.#writeSession((stored) => {
      if (!sameSession(stored, refused)) return stored;
      ended = true;
      return undefined;
    });
    if (latest) return latest;
    if (ended) {
      clearTimeout(this.#refreshTimer);
      this.#tabs.publish({ type: 'signed-out' });
      this.#emit('session-expired', { error });
      this.#emit('signed-out', { reason: 'expired' });
    }
    throw error;
  }

  #scheduleRefresh(stored: StoredSession, failures = 0): void {
    clearTimeout(this.#refreshTimer);
    if (this.#options.autoRefresh === false) return;
    // After failures, 10 s, 20 s, ... up to 10 min apart: never a tight loop against a failing server.
    const delay = failures ? Math.min(5000 * 2 ** failures, 600_000) : Math.max(stored.expiresAt - this.#refreshMargin(stored) - Date.now(), 1000);
    this.#refreshTimer = setTimeout(() => {
      this.getSession().catch((error) => {
        if (error instanceof SignedOutError) return;
        this.#warn('Refreshing the session failed; it will be retried.', error);
        this.#scheduleRefresh(stored, failures + 1);
      });
    }, Math.min(delay, 2 ** 31 - 1));
    // In Node, a pending refresh must not keep the process alive.
    (this.#refreshTimer as { unref?: () => void }).unref?.();
  }

  async #clearSession(): Promise<void> {
    clearTimeout(this.#refreshTimer);
    await this.#writeSession(() => undefined);
  }

  /**
   * Another tab (or another client of this pool and app client on the page) changed the session.
   * The shared store is the truth: only what actually changed in it is announced here, so a
   * client with a store of its own is not told it signed out when another one did.
   */
  async #onTabMessage(message: { type: string }): Promise<void> {
    const stored = await this.#loadSession();
    if (message.type === 'signed-out') {
      if (stored) return;
      clearTimeout(this.#refreshTimer);
      this.#emit('signed-out', { reason: 'other-tab' });
      return;
    }
    if (!stored || stored.accessToken === this.#lastAnnounced) return;
    this.#lastAnnounced = stored.accessToken;
    this.#scheduleRefresh(stored);
    this.#emit(message.type === 'signed-in' ? 'signed-in' : 'tokens-refreshed', { session: toSession(stored) });
  }

  /**
   * Calls an action as the signed-in user, with an access token that is refreshed first if it is
   * about to expire. An access token Cognito calls expired or revoked (signed out on another device,
   * by an admin) gets one forced refresh: the call goes again with the new token, or, when the
   * refresh token is dead too, the session ends here (SignedOutError and `signed-out`). A refused
   * token means the action did not run, so sending it again is safe.
   */
  async #asUser<Input extends { AccessToken?: string }, Output>(
    spec: ActionSpec<Input, Output>,
    input: Omit<Input, 'AccessToken'>,
    signal?: AbortSignal,
  ): Promise<Output> {
    const send = (session: Session) => this.wire.call(spec, { AccessToken: session.accessToken, ...input } as Input, { signal });
    try {
      return await send(await this.getSession());
    } catch (error) {
      if (!(error instanceof CognitoError && error.code === 'NotAuthorizedException' && /access token has (expired|been revoked)/i.test(error.message))) throw error;
      return send(await this.getSession({ forceRefresh: true }));
    }
  }

  /** #asUser by action name, for the code that loads on demand (it must not import actions.ts: see passkeys.ts). */
  #asUserBy(signal?: AbortSignal): UserCall {
    return (name, input) => this.#asUser(Actions[name] as ActionSpec<{ AccessToken?: string }, never>, input, signal);
  }

  // -------------------------------------------------------------------------------------------
  // Sign-out

  #revoke(refreshToken: string, signal?: AbortSignal): Promise<object> {
    return this.wire.call(Actions.RevokeToken, { Token: refreshToken, ClientId: this.clientId, ClientSecret: this.#options.clientSecret }, { signal });
  }

  /**
   * Signs out here (revoking the refresh token with Cognito), or everywhere with `global`. The
   * local session is removed first, even when Cognito cannot be reached: nothing that runs while
   * the tokens are being revoked (an element loading, another tab) can still send them. `signed-out`
   * fires once the revoke call is over, so a page that leaves on it does not cut that call short.
   * A failed global sign-out is still reported, because other devices stay signed in. `signal`
   * cuts the call to Cognito short; the session here is gone either way.
   */
  async signOut(options: { global?: boolean; signal?: AbortSignal } = {}): Promise<void> {
    const { signal } = options;
    const stored = await this.#loadSession();
    let accessToken = stored?.accessToken;
    let unreachable: unknown;
    if (options.global && stored) {
      // Signing out everywhere needs an access token Cognito still takes: a stale one is refreshed
      // first. A refused refresh means the session had already ended here (and said so).
      try {
        accessToken = (await this.getSession({ signal })).accessToken;
      } catch (error) {
        if (error instanceof SignedOutError) return;
        unreachable = error;
      }
    }
    this.#machine.cancel();
    this.#autoSignIn = undefined;
    await this.#clearSession();
    this.#tabs.publish({ type: 'signed-out' });
    try {
      if (!stored) return;
      if (unreachable) throw unreachable;
      if (options.global) await this.wire.call(Actions.GlobalSignOut, { AccessToken: accessToken }, { signal });
      else if (stored.refreshToken) {
        await this.#revoke(stored.refreshToken, signal);
      }
    } catch (error) {
      if (error instanceof CognitoError && error.code === 'NotAuthorizedException') return; // already dead
      if (options.global) throw error;
      this.#warn('The refresh token could not be revoked with Cognito; it was removed from this device.', error);
    } finally {
      this.#emit('signed-out', { reason: options.global ? 'global' : 'user' });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Sign-up and passwords

  /** What every call for a user who is not signed in carries: the app client, its SECRET_HASH for them, their name. */
  async #clientFields(input: { username: string; clientMetadata?: Record<string, string> }) {
    return { ClientId: this.clientId, SecretHash: await this.#secretHash(input.username), Username: input.username, ClientMetadata: input.clientMetadata };
  }

  async signUp(input: SignUpInput): Promise<SignUpResult> {
    const result = await this.wire.call(
      Actions.SignUp,
      {
        ...(await this.#clientFields(input)),
        Password: input.password,
        UserAttributes: input.attributes ? fromAttributes(input.attributes) : undefined,
        ValidationData: input.validationData ? fromAttributes(input.validationData) : undefined,
      },
      { signal: input.signal },
    );
    this.#autoSignIn = input.autoSignIn ? { username: input.username, password: input.password, session: result.Session } : undefined;
    return { userConfirmed: result.UserConfirmed === true, userSub: result.UserSub, delivery: toDelivery(result.CodeDeliveryDetails) };
  }

  /**
   * Confirms a sign-up with the code sent to the user. With auto sign-in (asked for at sign-up),
   * continues into the sign-in and returns its step.
   */
  async confirmSignUp(input: { username: string; code: string; clientMetadata?: Record<string, string>; signal?: AbortSignal }): Promise<{ signIn?: SignInStep }> {
    const result = await this.wire.call(
      Actions.ConfirmSignUp,
      {
        ...(await this.#clientFields(input)),
        ConfirmationCode: input.code,
        Session: this.#autoSignIn?.username === input.username ? this.#autoSignIn.session : undefined,
      },
      { signal: input.signal },
    );
    const auto = this.#autoSignIn?.username === input.username ? this.#autoSignIn : undefined;
    this.#autoSignIn = undefined;
    if (!auto) return {};
    if (result.Session) {
      try {
        return { signIn: this.#announce(await this.#machine.startAfterSignUp(input.username, result.Session, input.signal)) };
      } catch (error) {
        // The app client may not allow USER_AUTH: fall back to the password, if we were given one.
        if (!auto.password || !(error instanceof CognitoError) || error.code !== 'InvalidParameterException') throw error;
      }
    }
    if (!auto.password) return {};
    return { signIn: await this.signIn({ username: input.username, password: auto.password, signal: input.signal }) };
  }

  async resendSignUpCode(input: { username: string; clientMetadata?: Record<string, string>; signal?: AbortSignal }): Promise<{ delivery?: CodeDelivery }> {
    const result = await this.wire.call(Actions.ResendConfirmationCode, await this.#clientFields(input), input);
    return { delivery: toDelivery(result.CodeDeliveryDetails) };
  }

  async forgotPassword(input: { username: string; clientMetadata?: Record<string, string>; signal?: AbortSignal }): Promise<{ delivery?: CodeDelivery }> {
    const result = await this.wire.call(Actions.ForgotPassword, await this.#clientFields(input), input);
    return { delivery: toDelivery(result.CodeDeliveryDetails) };
  }

  async confirmForgotPassword(input: { username: string; code: string; newPassword: string; clientMetadata?: Record<string, string>; signal?: AbortSignal }): Promise<void> {
    await this.wire.call(Actions.ConfirmForgotPassword, { ...(await this.#clientFields(input)), ConfirmationCode: input.code, Password: input.newPassword }, input);
  }

  async changePassword(input: { oldPassword: string; newPassword: string; signal?: AbortSignal }): Promise<void> {
    await this.#asUser(Actions.ChangePassword, { PreviousPassword: input.oldPassword, ProposedPassword: input.newPassword }, input.signal);
  }

  // -------------------------------------------------------------------------------------------
  // The user and their attributes

  async getUser(options: CallOptions = {}): Promise<{ username: string; attributes: UserAttributes; mfa: MfaPreference }> {
    const user = await this.#asUser(Actions.GetUser, {}, options.signal);
    return { username: user.Username, attributes: toAttributes(user.UserAttributes), mfa: toMfaPreference(user.UserMFASettingList, user.PreferredMfaSetting) };
  }

  /** Changes attributes; a changed email or phone number is unverified until its code is entered. */
  async updateUserAttributes(attributes: UserAttributes, options: CallOptions = {}): Promise<{ verificationSent: CodeDelivery[] }> {
    const result = await this.#asUser(Actions.UpdateUserAttributes, { UserAttributes: fromAttributes(attributes) }, options.signal);
    return { verificationSent: (result.CodeDeliveryDetailsList ?? []).map((d) => toDelivery(d)!) };
  }

  async deleteUserAttributes(names: string[], options: CallOptions = {}): Promise<void> {
    await this.#asUser(Actions.DeleteUserAttributes, { UserAttributeNames: names }, options.signal);
  }

  async sendAttributeVerificationCode(attribute: 'email' | 'phone_number', options: CallOptions = {}): Promise<{ delivery?: CodeDelivery }> {
    const result = await this.#asUser(Actions.GetUserAttributeVerificationCode, { AttributeName: attribute }, options.signal);
    return { delivery: toDelivery(result.CodeDeliveryDetails) };
  }

  async verifyAttribute(attribute: 'email' | 'phone_number', code: string, options: CallOptions = {}): Promise<void> {
    await this.#asUser(Actions.VerifyUserAttribute, { AttributeName: attribute, Code: code }, options.signal);
  }

  /** Deletes the account for good, then signs out everywhere. */
  async deleteUser(options: CallOptions = {}): Promise<void> {
    const stored = await this.#loadSession();
    await this.#asUser(Actions.DeleteUser, {}, options.signal);
    if (stored) await (await this.#store()).remove(deviceKeyFor(stored.username));
    await this.#clearSession();
    this.#tabs.publish({ type: 'signed-out' });
    this.#emit('signed-out', { reason: 'deleted' });
  }

  // -------------------------------------------------------------------------------------------
  // MFA

  async getMfaPreference(options: CallOptions = {}): Promise<MfaPreference> {
    return (await this.getUser(options)).mfa;
  }

  /** Enables or disables MFA types and picks the preferred one. Omitted types are left as they are. */
  async setMfaPreference(input: { totp?: boolean; sms?: boolean; email?: boolean; preferred?: MfaType; signal?: AbortSignal }): Promise<void> {
    const settings = (enabled: boolean | undefined, type: MfaType) =>
      enabled === undefined && input.preferred !== type ? undefined : { Enabled: enabled ?? true, PreferredMfa: input.preferred === type };
    await this.#asUser(Actions.SetUserMFAPreference, {
      SoftwareTokenMfaSettings: settings(input.totp, 'TOTP'),
      SMSMfaSettings: settings(input.sms, 'SMS'),
      EmailMfaSettings: settings(input.email, 'EMAIL'),
    }, input.signal);
  }

  /** Starts TOTP set-up for a signed-in user: the secret and an otpauth:// URI for a QR code. */
  async setUpTotp(options: CallOptions = {}): Promise<{ secret: string; uri: string }> {
    const session = await this.getSession();
    const { SecretCode } = await this.wire.call(Actions.AssociateSoftwareToken, { AccessToken: session.accessToken }, options);
    const account = String(session.claims.email ?? session.username);
    return { secret: SecretCode, uri: totpUri(SecretCode, account, this.#options.totpIssuer ?? this.userPoolId) };
  }

  /** Finishes TOTP set-up with a code from the app; `preferred` (default true) also makes it the MFA in use. */
  async verifyTotp(input: { code: string; deviceName?: string; preferred?: boolean; signal?: AbortSignal }): Promise<void> {
    await this.#asUser(Actions.VerifySoftwareToken, { UserCode: input.code, FriendlyDeviceName: input.deviceName }, input.signal);
    await this.setMfaPreference({ totp: true, preferred: input.preferred === false ? undefined : 'TOTP', signal: input.signal });
  }

  async getAuthFactors(options: CallOptions = {}): Promise<{ configured: string[]; mfa: MfaPreference }> {
    const result = await this.#asUser(Actions.GetUserAuthFactors, {}, options.signal);
    return { configured: result.ConfiguredUserAuthFactors ?? [], mfa: toMfaPreference(result.UserMFASettingList, result.PreferredMfaSetting) };
  }

  // -------------------------------------------------------------------------------------------
  // Devices

  /** Remembers this browser's device, so a future sign-in can skip MFA with device SRP. */
  async rememberDevice(options: CallOptions = {}): Promise<void> {
    const stored = await this.#loadSession();
    if (!stored?.deviceKey) throw new SignInStateError('This device is not tracked by the user pool (is device tracking on?).');
    await this.#asUser(Actions.UpdateDeviceStatus, { DeviceKey: stored.deviceKey, DeviceRememberedStatus: 'remembered' }, options.signal);
  }

  /** Stops remembering this device (default) or another one by key. */
  async forgetDevice(deviceKey?: string, options: CallOptions = {}): Promise<void> {
    const stored = await this.#loadSession();
    const key = deviceKey ?? stored?.deviceKey;
    if (!key) throw new SignInStateError('No device to forget.');
    await this.#asUser(Actions.ForgetDevice, { DeviceKey: key }, options.signal);
    if (stored && key === stored.deviceKey) await this.#dropDevice(stored);
  }

  /** Forgets this browser's device locally: its secret, and its key in the session (refresh must not send it). */
  async #dropDevice(stored: StoredSession): Promise<void> {
    await (await this.#store()).remove(deviceKeyFor(stored.username));
    await this.#writeSession((current) => (current && current.deviceKey === stored.deviceKey ? { ...current, deviceKey: undefined } : current));
  }

  async listDevices(options: CallOptions = {}): Promise<DeviceInfo[]> {
    const stored = await this.#loadSession();
    const devices: DeviceType[] = [];
    let token: string | undefined;
    do {
      const page = await this.#asUser(Actions.ListDevices, { Limit: 60, PaginationToken: token }, options.signal);
      devices.push(...(page.Devices ?? []));
      token = page.PaginationToken;
    } while (token);
    return devices.map((d) => {
      const attr = toAttributes(d.DeviceAttributes);
      const date = (s?: number) => (typeof s === 'number' ? new Date(s * 1000) : undefined);
      return {
        deviceKey: d.DeviceKey,
        name: attr.device_name,
        remembered: attr['dev:device_remembered_status'] === 'remembered',
        lastIp: attr.last_ip_used,
        createdAt: date(d.DeviceCreateDate),
        lastAuthenticatedAt: date(d.DeviceLastAuthenticatedDate),
        current: d.DeviceKey === stored?.deviceKey,
      };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Passkeys

  /**
   * Creates a passkey for the signed-in user and registers it with Cognito (StartWebAuthnRegistration,
   * the browser's passkey dialog, CompleteWebAuthnRegistration); returns it as listPasskeys lists it.
   * Call it from a user gesture (a click): Safari asks for one before WebAuthn. If the browser's
   * ceremony is cancelled, times out or fails, it throws PasskeyError and nothing is registered.
   * The pool needs a WebAuthn relying party that matches this page's domain.
   */
  async registerPasskey(options: { signal?: AbortSignal } = {}): Promise<PasskeyInfo> {
    return (await loadPasskeys()).registerPasskey(this.#asUserBy(options.signal), PasskeyError, options.signal);
  }

  /** The signed-in user's passkeys (every page of ListWebAuthnCredentials). */
  async listPasskeys(options: CallOptions = {}): Promise<PasskeyInfo[]> {
    return (await loadPasskeys()).listPasskeys(this.#asUserBy(options.signal));
  }

  /** Deletes one of the signed-in user's passkeys from the user pool (the authenticator may still hold it). */
  async deletePasskey(credentialId: string, options: CallOptions = {}): Promise<void> {
    await this.#asUser(Actions.DeleteWebAuthnCredential, { CredentialId: credentialId }, options.signal);
  }

  // -------------------------------------------------------------------------------------------
  // Sessions and the rest of the API

  /** The user's signed-in sessions across devices (refresh-token families), for a "where you're signed in" page. */
  async listSessions(options: CallOptions = {}): Promise<Record<string, unknown>[]> {
    const sessions: Record<string, unknown>[] = [];
    let token: string | undefined;
    do {
      const page = await this.#asUser(Actions.ListUserSessions, { NextToken: token }, options.signal);
      sessions.push(...(page.Sessions ?? []));
      token = page.NextToken;
    } while (token);
    return sessions;
  }

  /** Ends one of the user's sessions elsewhere (its refresh token and the tokens issued with it). */
  async revokeSession(sessionId: string, options: CallOptions = {}): Promise<void> {
    await this.#asUser(Actions.RevokeUserSession, { SessionId: sessionId }, options.signal);
  }

  /**
   * Any action of the user-pool API by name, typed by its description in actions.ts (for what has
   * no friendlier method yet, e.g. UpdateAuthEventFeedback). Retries, errors and
   * the clock are as for every other call.
   */
  request<K extends ActionName>(
    action: K,
    input: NonNullable<(typeof Actions)[K]['_input']>,
    options: { signal?: AbortSignal } = {},
  ): Promise<NonNullable<(typeof Actions)[K]['_output']>> {
    return this.wire.call(Actions[action] as ActionSpec<typeof input, NonNullable<(typeof Actions)[K]['_output']>>, input, options);
  }

  /** Stops timers, the worker and the tab channel. The stored session stays. */
  dispose(): void {
    clearTimeout(this.#refreshTimer);
    this.#unsubscribeTabs();
    this.#tabs.close();
    this.#srp.dispose();
  }
}

function toMfaPreference(list: string[] = [], preferred?: string): MfaPreference {
  return {
    enabled: list.map((m) => MFA_NAMES[m]).filter((m): m is MfaType => !!m),
    preferred: preferred ? MFA_NAMES[preferred] : undefined,
  };
}
