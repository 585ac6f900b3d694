/**
 * "Whose account is this": loads the signed-in user for the elements that show one (<cognito-account>,
 * <cognito-attributes>), follows the client's sign-in and sign-out, and drops the answer of a load
 * that a newer load, a sign-out or another user overtook. The element renders from `view`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type CognitoClient, type CognitoClientEventMap, SignedOutError, type SignOutReason } from '../../core/index.ts';
import { addStyles } from './styles.ts';
import { userPageStyles } from './user-page-styles.ts';

// Both pages that show a user render with this controller: their rules come with it.
addStyles(userPageStyles);

/** What GetUser tells about the signed-in user. */
export type User = Awaited<ReturnType<CognitoClient['getUser']>>;

export type UserView =
  | { is: 'loading' }
  | { is: 'signed-out'; reason?: SignOutReason }
  /** The first load failed: the element shows why, and a retry. */
  | { is: 'failed' }
  | { is: 'ready'; user: User };

export interface UserControllerOptions {
  /** The element's client (undefined while it is not configured), read at each update. */
  client: () => CognitoClient | undefined;
  /** A user was read. `fresh`: not the one shown until now (first load, or another user signed in). */
  loaded?: (user: User, fresh: boolean) => void;
  /** A load failed (`error` undefined: there is no client). What is shown stays, unless it was the first load. */
  failed: (error?: unknown) => void;
  /** What the element kept for the user shown (a half-done step, a confirmation) is to go: signed out, or another user. */
  reset?: () => void;
}

export class UserController implements ReactiveController {
  view: UserView = { is: 'loading' };
  /** Counts loads (and sign-outs): an answer whose number is not the latest is stale. */
  #loads = 0;
  #client?: CognitoClient;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #o: UserControllerOptions;

  constructor(host: ReactiveControllerHost & HTMLElement, o: UserControllerOptions) {
    this.#host = host;
    this.#o = o;
    host.addController(this);
  }

  /** The user shown, if any. */
  get user(): User | undefined {
    return this.view.is === 'ready' ? this.view.user : undefined;
  }

  hostConnected(): void {
    this.#follow();
  }

  // A new client (the `client` property, or attributes that name another pool) is followed and loaded from.
  hostUpdate(): void {
    if (this.#host.isConnected && this.#o.client() !== this.#client) this.#follow();
  }

  hostDisconnected(): void {
    this.#unfollow();
  }

  #follow(): void {
    this.#unfollow();
    const client = (this.#client = this.#o.client());
    client?.addEventListener('signed-in', this.#signedIn);
    client?.addEventListener('signed-out', this.#signedOut);
    void this.load();
  }

  #unfollow(): void {
    this.#client?.removeEventListener('signed-in', this.#signedIn);
    this.#client?.removeEventListener('signed-out', this.#signedOut);
    this.#client = undefined;
  }

  readonly #signedIn = (event: CognitoClientEventMap['signed-in']): void => {
    // The same user again (another tab signed in, say): refresh in place, keeping what is typed.
    if (event.detail.session.username !== this.user?.username) this.#set({ is: 'loading' }, true);
    void this.load();
  };

  // The client announces another tab's sign-out only when its own store lost the session too.
  readonly #signedOut = (event: CognitoClientEventMap['signed-out']): void => this.signedOut(event.detail.reason);

  /** Shows "signed out" at once (after the element's own sign-out, whatever order the client's listeners run in). */
  signedOut(reason: SignOutReason): void {
    this.#loads++;
    this.#set({ is: 'signed-out', reason }, true);
  }

  /** Reads the user; "signed out" without a session. A failed refresh keeps what is shown (and what was typed). */
  async load(): Promise<void> {
    const client = this.#o.client();
    if (!client) {
      this.#set({ is: 'failed' });
      this.#o.failed();
      return;
    }
    const load = ++this.#loads;
    try {
      const user = await client.getUser();
      if (load === this.#loads) this.#show(user);
    } catch (error) {
      if (load !== this.#loads) return;
      if (error instanceof SignedOutError) {
        this.#set({ is: 'signed-out', reason: this.view.is === 'signed-out' ? this.view.reason : undefined });
        return;
      }
      this.#o.failed(error);
      if (this.view.is !== 'ready') this.#set({ is: 'failed' });
    }
  }

  /** Loads again from the start ("Try again"). */
  retry(): void {
    this.#set({ is: 'loading' });
    void this.load();
  }

  /** Reads the user inside an action, so its busy state lasts until the new values show; failures are the caller's. */
  async reload(client: CognitoClient): Promise<User> {
    const load = ++this.#loads;
    const user = await client.getUser();
    if (load === this.#loads) this.#show(user);
    return user;
  }

  /** What an action changed (the MFA settings it saved, say), without reading the user again. */
  patch(change: Partial<User>): void {
    if (this.view.is === 'ready') this.#set({ is: 'ready', user: { ...this.view.user, ...change } });
  }

  /** Whether the load under way (or the last one) is still the one to show: for what an element lists after the user. */
  ticket(): () => boolean {
    const load = this.#loads;
    return () => load === this.#loads;
  }

  #show(user: User): void {
    const fresh = user.username !== this.user?.username;
    this.#set({ is: 'ready', user });
    this.#o.loaded?.(user, fresh);
  }

  #set(view: UserView, reset = false): void {
    this.view = view;
    if (reset) this.#o.reset?.();
    this.#host.requestUpdate();
  }
}
