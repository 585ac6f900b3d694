/**
 * Keeping the session: the store it lives in (and the one-time import of a legacy session), writes
 * no other tab can split, refresh with the cross-tab lock and a timer, what other tabs say, expiry,
 * calls made as the signed-in user, and sign-out. The client (client.ts) owns one and delegates to
 * it; what it announces goes out through the client's events.
 */
import { Actions, type AuthenticationResult, type UserCall } from './actions.ts';
import type { CognitoClientEventMap, CognitoClientOptions } from './client-options.ts';
import { CognitoError, SignedOutError } from './errors.ts';
import { decodeJwt, deviceKeyFor, isFresh, type Session, SESSION_KEY, type StoredDevice, sessionFromResult, type StoredSession, toSession } from './session.ts';
import type { DeviceTracking } from './device-tracking.ts';
import type { SrpEngine } from './srp-engine.ts';
import { adaptStorage, defaultStore, guardStore, indexedDbStore, memoryStore, type SessionStore, StorageError } from './storage.ts';
import { createTabSync, type TabSync } from './tabs.ts';
import { abortable, type ActionSpec, type Wire } from './wire.ts';

/** What the keeper needs from the client that owns it. */
export interface KeeperContext {
  options: CognitoClientOptions;
  wire: Wire;
  srp: SrpEngine;
  emit<K extends keyof CognitoClientEventMap>(type: K, detail: CognitoClientEventMap[K]['detail']): void;
  warn(message: string, cause?: unknown): void;
  secretHash(username: string): Promise<string | undefined>;
  /** A sign-out ends the sign-in in progress too (and the password kept for auto sign-in). */
  endSignIn(): void;
}

/** Still the sign-in (and, with rotation, the refresh token) a write began for? */
const sameSession = (stored: StoredSession | undefined, seen: StoredSession): stored is StoredSession =>
  !!stored && stored.generation === seen.generation && stored.refreshToken === seen.refreshToken;

export class SessionKeeper {
  readonly #ctx: KeeperContext;
  readonly #clientId: string;
  readonly #tabs: TabSync;
  #storePromise?: Promise<SessionStore>;
  #refreshing?: Promise<StoredSession>;
  #refreshTimer?: ReturnType<typeof setTimeout>;
  /** The server answered GetTokensFromRefreshToken as an unknown operation: refresh with REFRESH_TOKEN_AUTH. */
  #legacyRefresh = false;
  #unsubscribeTabs: () => void;
  /** The access token this client last told its listeners about, so a tab message adds nothing twice. */
  #lastAnnounced?: string;

  constructor(ctx: KeeperContext) {
    this.#ctx = ctx;
    const { userPoolId, clientId, lockTimeoutMs } = ctx.options;
    this.#clientId = clientId;
    this.#tabs = createTabSync(userPoolId, clientId, lockTimeoutMs);
    // A store that fails while a tab message is read is warned about, not left an unhandled rejection.
    this.#unsubscribeTabs = this.#tabs.subscribe((message) => void this.#onTabMessage(message).catch((error) => ctx.warn('Sessions could not be read.', error)));
  }

  // -------------------------------------------------------------------------------------------
  // Storage

  store(): Promise<SessionStore> {
    // A store that failed to open is not kept: the next call tries again instead of failing for good.
    return (this.#storePromise ??= this.#openStore().catch((error) => {
      this.#storePromise = undefined;
      throw error;
    }));
  }

  async #openStore(): Promise<SessionStore> {
    const { options, wire, warn } = this.#ctx;
    const { storage, userPoolId } = options;
    let store: SessionStore;
    if (storage === 'memory') store = memoryStore();
    else if (storage === 'indexeddb') store = indexedDbStore(userPoolId, this.#clientId, wire.customOrigin);
    else if (storage && 'get' in storage && 'set' in storage) store = guardStore(storage);
    else if (storage) store = adaptStorage(storage);
    else store = await defaultStore(userPoolId, this.#clientId, (reason) => warn(`Sessions are kept in memory only: ${reason}`), wire.customOrigin);
    // Loaded only by apps that ask for the import; a bad legacy session is warned about and dropped there.
    if (options.importLegacySession) await (await import('./legacy-import.ts')).importLegacySession(this.#clientId, store, warn);
    return store;
  }

  async load(): Promise<StoredSession | undefined> {
    return (await this.store()).get<StoredSession>(SESSION_KEY);
  }

  /**
   * Changes the stored session in one step no other writer can split: under the `session` lock
   * (every client of this pool and app client, in every tab) and, where the store can (IndexedDB),
   * as one atomic update, so a sign-out landing during a refresh's write is never undone.
   * `change` gets what is stored now and returns what to store (undefined: nothing). Resolves with
   * what is stored after it. A store that fails to take a session keeps it in memory instead.
   */
  #write(change: (current: StoredSession | undefined) => StoredSession | undefined): Promise<StoredSession | undefined> {
    return this.#tabs.withLock('session', async () => {
      const store = await this.store();
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
        this.#ctx.warn('Sessions are kept in memory only: the store failed.', error);
        await store.remove(SESSION_KEY).catch(() => {});
        const memory = memoryStore();
        await memory.set(SESSION_KEY, next);
        this.#storePromise = Promise.resolve(memory);
      }
      return next;
    });
  }

  // -------------------------------------------------------------------------------------------
  // Signing in

  /**
   * Stores the tokens of a finished sign-in, tracks the device (remembered as the user chose, or
   * the rememberDevices option says), and tells this tab and the others.
   */
  async signedIn(result: AuthenticationResult, receivedAt: number, rememberDevice?: boolean): Promise<Session> {
    const stored = sessionFromResult(result, receivedAt);
    // Whatever was stored (another user's session, a refresh in flight for it) gives way to this one.
    await this.#write(() => stored);
    // A new device is confirmed; one tracked already is remembered if the user asked for it now.
    if (result.NewDeviceMetadata || (rememberDevice && stored.deviceKey)) await this.#trackDevice(stored, result.NewDeviceMetadata, rememberDevice);
    const session = toSession(stored);
    this.#lastAnnounced = stored.accessToken;
    this.#scheduleRefresh(stored);
    this.#tabs.publish({ type: 'signed-in', username: stored.username });
    this.#ctx.emit('signed-in', { session });
    return session;
  }

  /** Confirms a device Cognito started tracking, keeping its secret for device SRP next time (or remembers the tracked one). */
  async #trackDevice(stored: StoredSession, metadata: { DeviceKey: string; DeviceGroupKey: string } | undefined, rememberDevice?: boolean): Promise<void> {
    const { srp, wire, options, warn } = this.#ctx;
    const tracking = await import('./device-tracking.ts');
    const t: DeviceTracking = {
      srp,
      call: (action, input) => wire.call(Actions[action] as unknown as ActionSpec<typeof input, never>, input),
      options,
      warn,
      keep: async (device) => {
        await (await this.store()).set(deviceKeyFor(stored.username), device);
        // Only into the sign-in it was issued for: a sign-out during ConfirmDevice stays signed out.
        await this.#write((latest) => (sameSession(latest, stored) ? { ...latest, deviceKey: device.deviceKey } : latest));
      },
      kept: async () => (await this.store()).get<StoredDevice>(deviceKeyFor(stored.username)),
    };
    if (metadata) await tracking.confirmDevice(t, stored.accessToken, metadata, rememberDevice ?? options.rememberDevices === true);
    else if (stored.deviceKey) await tracking.rememberTrackedDevice(t, stored.accessToken, stored.deviceKey);
  }

  /** Forgets this browser's device locally: its secret, and its key in the session (refresh must not send it). */
  async dropDevice(stored: StoredSession): Promise<void> {
    await (await this.store()).remove(deviceKeyFor(stored.username));
    await this.#write((current) => (current && current.deviceKey === stored.deviceKey ? { ...current, deviceKey: undefined } : current));
  }

  // -------------------------------------------------------------------------------------------
  // The session and its refresh

  /** Valid tokens (refreshed if they are about to expire), or SignedOutError. */
  async session(options: { forceRefresh?: boolean; signal?: AbortSignal } = {}): Promise<Session> {
    const stored = await this.load();
    if (!stored) throw new SignedOutError();
    if (!options.forceRefresh && this.#isFresh(stored)) return toSession(stored);
    // The refresh is shared (this tab's callers, and other tabs through the lock): a signal ends only this wait.
    return toSession(await abortable(this.#refresh(stored), options.signal));
  }

  #isFresh(stored: StoredSession): boolean {
    return isFresh(stored, Date.now(), this.#ctx.wire.serverNow(), this.#refreshMargin(stored));
  }

  #refreshMargin(stored: StoredSession): number {
    // A stored token that is not a JWT is a MalformedResponseError here, as in toSession.
    const access = decodeJwt(stored.accessToken);
    return Math.min((this.#ctx.options.refreshMarginSeconds ?? 300) * 1000, ((access.exp - access.iat) * 1000) / 4);
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
      const current = await this.load();
      if (!(error instanceof CognitoError && error.reason === 'device-not-found') || !current?.deviceKey) throw error;
      await this.dropDevice(current);
      return this.#refreshOnce(seen);
    }
  }

  async #refreshOnce(seen: StoredSession): Promise<StoredSession> {
    const current = await this.load();
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
    const latest = await this.#write((stored) => {
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
    this.#ctx.emit('tokens-refreshed', { session: toSession(next) });
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
    const { wire, options } = this.#ctx;
    if (!this.#legacyRefresh) {
      try {
        return (
          await wire.call(Actions.GetTokensFromRefreshToken, {
            RefreshToken: refreshToken,
            ClientId: this.#clientId,
            ClientSecret: options.clientSecret,
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
    return refreshTokenAuth(
      (input) => wire.call(Actions.InitiateAuth, input),
      this.#clientId,
      refreshToken,
      current.deviceKey,
      await this.#ctx.secretHash(current.username),
    ) as Promise<AuthenticationResult>;
  }

  /**
   * Ends a session Cognito no longer accepts and says so, unless another tab has stored a newer one
   * meanwhile (that one is returned). Throws `error` otherwise.
   */
  async #expire(refused: StoredSession, error: SignedOutError): Promise<StoredSession> {
    let ended = false;
    const latest = await this.#write((stored) => {
      if (!sameSession(stored, refused)) return stored;
      ended = true;
      return undefined;
    });
    if (latest) return latest;
    if (ended) {
      clearTimeout(this.#refreshTimer);
      this.#tabs.publish({ type: 'signed-out' });
      this.#ctx.emit('session-expired', { error });
      this.#ctx.emit('signed-out', { reason: 'expired' });
    }
    throw error;
  }

  #scheduleRefresh(stored: StoredSession, failures = 0): void {
    clearTimeout(this.#refreshTimer);
    if (this.#ctx.options.autoRefresh === false) return;
    // After failures, 10 s, 20 s, ... up to 10 min apart: never a tight loop against a failing server.
    const delay = failures ? Math.min(5000 * 2 ** failures, 600_000) : Math.max(stored.expiresAt - this.#refreshMargin(stored) - Date.now(), 1000);
    this.#refreshTimer = setTimeout(
      () => {
        this.session().catch((error) => {
          if (error instanceof SignedOutError) return;
          this.#ctx.warn('Refreshing the session failed; it will be retried.', error);
          this.#scheduleRefresh(stored, failures + 1);
        });
      },
      Math.min(delay, 2 ** 31 - 1),
    );
    // In Node, a pending refresh must not keep the process alive.
    (this.#refreshTimer as { unref?: () => void }).unref?.();
  }

  /**
   * Another tab (or another client of this pool and app client on the page) changed the session.
   * The shared store is the truth: only what actually changed in it is announced here, so a
   * client with a store of its own is not told it signed out when another one did.
   */
  async #onTabMessage(message: { type: string }): Promise<void> {
    const stored = await this.load();
    if (message.type === 'signed-out') {
      if (stored) return;
      clearTimeout(this.#refreshTimer);
      this.#ctx.emit('signed-out', { reason: 'other-tab' });
      return;
    }
    if (!stored || stored.accessToken === this.#lastAnnounced) return;
    this.#lastAnnounced = stored.accessToken;
    this.#scheduleRefresh(stored);
    this.#ctx.emit(message.type === 'signed-in' ? 'signed-in' : 'tokens-refreshed', { session: toSession(stored) });
  }

  // -------------------------------------------------------------------------------------------
  // Calls as the signed-in user

  /**
   * Calls an action as the signed-in user, with an access token that is refreshed first if it is
   * about to expire. An access token Cognito calls expired or revoked (signed out on another device,
   * by an admin) gets one forced refresh: the call goes again with the new token, or, when the
   * refresh token is dead too, the session ends here (SignedOutError and `signed-out`). A refused
   * token means the action did not run, so sending it again is safe.
   */
  async asUser<Input extends { AccessToken?: string }, Output>(
    spec: ActionSpec<Input, Output>,
    input: Omit<Input, 'AccessToken'>,
    signal?: AbortSignal,
  ): Promise<Output> {
    const send = (session: Session) => this.#ctx.wire.call(spec, { AccessToken: session.accessToken, ...input } as Input, { signal });
    try {
      return await send(await this.session());
    } catch (error) {
      const reason = error instanceof CognitoError && error.reason;
      if (reason !== 'access-token-expired' && reason !== 'access-token-revoked') throw error;
      return send(await this.session({ forceRefresh: true }));
    }
  }

  /** asUser by action name, for the code that loads on demand (it must not import actions.ts: see passkeys.ts). */
  userCall(signal?: AbortSignal): UserCall {
    return (name, input) => this.asUser(Actions[name] as ActionSpec<{ AccessToken?: string }, never>, input, signal);
  }

  // -------------------------------------------------------------------------------------------
  // Signing out

  #revoke(refreshToken: string, signal?: AbortSignal): Promise<object> {
    return this.#ctx.wire.call(Actions.RevokeToken, { Token: refreshToken, ClientId: this.#clientId, ClientSecret: this.#ctx.options.clientSecret }, { signal });
  }

  async #clear(): Promise<void> {
    clearTimeout(this.#refreshTimer);
    await this.#write(() => undefined);
  }

  /** The account was deleted: its device secret and its session go, and every tab is told. */
  async deleted(stored: StoredSession | undefined): Promise<void> {
    if (stored) await (await this.store()).remove(deviceKeyFor(stored.username));
    await this.#clear();
    this.#tabs.publish({ type: 'signed-out' });
    this.#ctx.emit('signed-out', { reason: 'deleted' });
  }

  /** CognitoClient#signOut, which says what this does. */
  async signOut(options: { global?: boolean; signal?: AbortSignal }): Promise<void> {
    const { signal } = options;
    const { wire, emit, warn } = this.#ctx;
    const stored = await this.load();
    let accessToken = stored?.accessToken;
    let unreachable: Error | undefined;
    if (options.global && stored) {
      // Signing out everywhere needs an access token Cognito still takes: a stale one is refreshed
      // first. A refused refresh means the session had already ended here (and said so).
      try {
        accessToken = (await this.session({ signal })).accessToken;
      } catch (error) {
        if (error instanceof SignedOutError) return;
        unreachable = error as Error;
      }
    }
    this.#ctx.endSignIn();
    await this.#clear();
    this.#tabs.publish({ type: 'signed-out' });
    try {
      if (!stored) return;
      if (unreachable) throw unreachable;
      if (options.global) await wire.call(Actions.GlobalSignOut, { AccessToken: accessToken }, { signal });
      else if (stored.refreshToken) {
        await this.#revoke(stored.refreshToken, signal);
      }
    } catch (error) {
      if (error instanceof CognitoError && error.code === 'NotAuthorizedException') return; // already dead
      if (options.global) throw error;
      warn('The refresh token could not be revoked with Cognito; it was removed from this device.', error);
    } finally {
      emit('signed-out', { reason: options.global ? 'global' : 'user' });
    }
  }

  /** Stops the refresh timer and the tab channel. The stored session stays. */
  dispose(): void {
    clearTimeout(this.#refreshTimer);
    this.#unsubscribeTabs();
    this.#tabs.close();
  }
}
