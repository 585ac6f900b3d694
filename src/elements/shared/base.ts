/**
 * What every element shares: light-DOM rendering (so password managers and OTP autofill see real
 * inputs), the shared stylesheet, the Cognito client (shared per pool and client, or given), the
 * language, a busy state that blocks double submits, errors shown in a live region and fired as
 * `cognito-error`, and moving focus to the new step.
 */
import { LitElement, type PropertyValues } from 'lit';
import type { CognitoClient, CognitoClientEventMap } from '../../core/index.ts';
import { sharedClient } from './client-registry.ts';
import { emit } from './events.ts';
import { hidePasswords } from './form.ts';
import { Localize } from './localize.ts';
import { describeError } from './messages.ts';
import { adoptStyles } from './styles.ts';

let nextId = 0;

/** The client events an element can follow, and the hook each one calls. */
const clientHooks = {
  'signed-in': 'onClientSignedIn',
  'signed-out': 'onClientSignedOut',
  step: 'onClientStep',
  'sign-in-cancelled': 'onClientSignInCancelled',
} as const;
type ClientHookEvent = keyof typeof clientHooks;

/**
 * Members no other class uses are `#private` in every element, not TS `private`: the minifier
 * shortens `#names` and must ship `private` ones in full. Lit calls `@event=${this.#method}`
 * listeners with the element as `this`, so they work as listeners too.
 */
export abstract class CognitoElement extends LitElement {
  static override properties = {
    userPoolId: { attribute: 'user-pool-id' },
    clientId: { attribute: 'client-id' },
    region: {},
    endpoint: {},
    client: { attribute: false },
    busy: { state: true },
    errorText: { state: true },
    statusText: { state: true },
  };

  /** The user pool, e.g. "eu-west-1_AbC123" (attribute `user-pool-id`). */
  declare userPoolId?: string;
  /** The app client id (attribute `client-id`). */
  declare clientId?: string;
  /** AWS region; by default from the pool id. */
  declare region?: string;
  /** Another endpoint than Cognito's, e.g. the local emulator. */
  declare endpoint?: string;
  /** A CognitoClient to use instead of the page's shared one for these attributes. */
  declare client?: CognitoClient;
  protected declare busy: boolean;
  protected declare errorText: string;
  protected declare statusText: string;

  protected readonly localize = new Localize(this);
  /** A prefix for ids unique to this element instance (labels, aria-describedby). */
  protected readonly uid = `cognito-${++nextId}`;
  /** The client whose events reach the `onClient*` hooks (while connected). */
  protected listening?: CognitoClient;
  #focusPending = false;
  #authorDir?: string | null;

  // Hooks for following the client: defining one subscribes to that client event.
  protected onClientSignedIn?(event: CognitoClientEventMap['signed-in']): void;
  protected onClientSignedOut?(event: CognitoClientEventMap['signed-out']): void;
  protected onClientStep?(event: CognitoClientEventMap['step']): void;
  protected onClientSignInCancelled?(event: CognitoClientEventMap['sign-in-cancelled']): void;
  /** Called after the element starts following a client (connected, or the client changed). */
  protected clientChanged?(client: CognitoClient): void;

  constructor() {
    super();
    this.busy = false;
    this.errorText = '';
    this.statusText = '';
    // A password shown with "Show password" is hidden again before its form is sent.
    this.addEventListener('submit', hidePasswords, true);
  }

  /** Render into the element itself, not a shadow root: forms must be in the document's light DOM. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptStyles(this);
    this.#authorDir ??= this.getAttribute('dir');
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfollow();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('client') || changed.has('userPoolId') || changed.has('clientId') || changed.has('endpoint') || changed.has('region')) this.follow();
  }

  /** The client to follow: `auth`, unless a subclass follows none for now. */
  protected clientToFollow(): CognitoClient | undefined {
    return this.auth;
  }

  /**
   * Follows the client, so what happens elsewhere (another element, another tab) shows here.
   * Elements without hooks follow nothing (and create no client before they need one).
   */
  protected follow(): void {
    const types = (Object.keys(clientHooks) as ClientHookEvent[]).filter((type) => this[clientHooks[type]]);
    const auth = this.isConnected && (types.length || this.clientChanged) ? this.clientToFollow() : undefined;
    if (auth === this.listening) return;
    this.#unfollow();
    if (!auth) return;
    this.listening = auth;
    for (const type of types) auth.addEventListener(type, this.#relay);
    this.clientChanged?.(auth);
  }

  #unfollow(): void {
    for (const type of Object.keys(clientHooks)) this.listening?.removeEventListener(type, this.#relay);
    this.listening = undefined;
  }

  #relay = (event: Event): void => {
    (this[clientHooks[event.type as ClientHookEvent]] as ((event: Event) => void) | undefined)?.call(this, event);
  };

  /** Shorthand for the localized string. */
  protected t(key: string, params?: Record<string, string | number>): string {
    return this.localize.t(key, params);
  }

  protected idFor(name: string): string {
    return `${this.uid}-${name}`;
  }

  /** The client these attributes (or the `client` property) name, or undefined if not configured. */
  protected get auth(): CognitoClient | undefined {
    if (this.client) return this.client;
    if (!this.userPoolId || !this.clientId) return undefined;
    return sharedClient({ userPoolId: this.userPoolId, clientId: this.clientId, region: this.region, endpoint: this.endpoint });
  }

  /**
   * Runs one user action: refuses a second one while the first is in flight, shows and fires
   * errors, and keeps everything the user typed (the form is not re-rendered away on failure).
   */
  protected async run<T>(task: (auth: CognitoClient) => Promise<T>): Promise<T | undefined> {
    if (this.busy) return undefined;
    const auth = this.auth;
    if (!auth) {
      this.errorText = this.t('common.notConfigured');
      return undefined;
    }
    this.busy = true;
    this.errorText = '';
    this.statusText = '';
    try {
      return await task(auth);
    } catch (error) {
      this.showError(error);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  protected showError(error: unknown): void {
    const { code, key } = describeError(error);
    this.errorText = this.t(key);
    emit(this, 'cognito-error', { error, code, message: this.errorText });
  }

  /** Asks for focus to move to the new step's first field (or heading) after the next render. */
  protected moveFocus(): void {
    this.#focusPending = true;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Right-to-left languages flip the layout unless the page said otherwise.
    if (!this.#authorDir) {
      if (this.localize.dir === 'rtl') this.setAttribute('dir', 'rtl');
      else this.removeAttribute('dir');
    }
    if (this.#focusPending) {
      this.#focusPending = false;
      const target = this.querySelector<HTMLElement>('[data-autofocus]') ?? this.querySelector<HTMLElement>('.cognito-heading');
      target?.focus();
    }
  }

  /** The current value of a named control in a form, read at submit time (autofill may not fire events). */
  protected value(form: HTMLFormElement, name: string): string {
    const control = form.elements.namedItem(name);
    return control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement
      ? control.value
      : '';
  }
}
