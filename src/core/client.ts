/**
 * The headless Cognito user-pool client, the one object apps hold (its options and events are in
 * client-options.ts). It wires the parts and delegates to them: sign-in to the state machine
 * (sign-in.ts), the session and its refresh across tabs to the keeper (session-keeper.ts), the
 * account actions to account.ts, which loads on demand, and passkeys to passkeys.ts. It is an
 * EventTarget, so the elements (and apps) follow sign-in, sign-out and refreshes by listening.
 */
import { type ActionName, Actions, type AuthenticationResult } from './actions.ts';
import type { AccountContext, SignUpInput, SignUpResult } from './account.ts';
import { CognitoError, ConfigurationError, PasskeyError, SignInStateError } from './errors.ts';
import { deviceKeyFor, type Session, type StoredDevice } from './session.ts';
import { SessionKeeper } from './session-keeper.ts';
import type { PasskeyInfo } from './passkeys.ts';
import { withKit } from './kit.ts';
import { onDemand } from './on-demand.ts';
import type { SignInContext, SignInMachine } from './sign-in.ts';
import type { SrpEngine } from './srp-engine.ts';
import { srpOnDemand } from './srp-on-demand.ts';
import { type CodeDelivery, type ConfirmSignInInput, type MfaType, mfaTypeOf, type SignInInput, type SignInStep, totpUri } from './steps.ts';
import type { CognitoClientEventMap, CognitoClientOptions, SignOutReason } from './client-options.ts';
import type { SessionStore } from './storage.ts';
import { type ActionSpec, type CallOptions, Wire } from './wire.ts';
import type { DeviceInfo, MfaPreference, UserAttributes } from './wire-shapes.ts';

export type { CognitoClientEventMap, CognitoClientOptions, DeviceInfo, MfaPreference, PasskeyInfo, SignOutReason, SignUpInput, SignUpResult, UserAttributes };

/** The account actions, loaded when first used (or warmed by warmAccount). */
const loadAccount = onDemand(() => import('./account.ts'));
const loadPasskeys = onDemand(() => import('./passkeys.ts'));
/** The sign-in machine: loaded when the sign-in form gets its client (prepareSignIn), or by the first sign-in. */
const loadSignIn = onDemand(() => import('./sign-in.ts').then(withKit), 'The sign-in code');

/**
 * Starts downloading the account actions (sign-up, passwords, the user's attributes, MFA, devices)
 * without waiting for them, e.g. when the browser is idle after the sign-in form showed. For the
 * elements; not part of the public API.
 */
export function warmAccount(): void {
  loadAccount().catch(() => {});
}

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
  /** The rememberDevices option: every device Cognito tracks is remembered without asking the user. */
  readonly rememberDevices: boolean;
  readonly wire: Wire;
  readonly #options: CognitoClientOptions;
  readonly #srp: SrpEngine;
  readonly #signInContext: SignInContext;
  /** The sign-in machine, once loaded (no sign-in can be in progress before). */
  #machine?: SignInMachine;
  readonly #keeper: SessionKeeper;
  /** Kept only between signUp and confirmSignUp, and only when auto sign-in was asked for. */
  #autoSignIn?: { username: string; password?: string; session?: string };

  constructor(options: CognitoClientOptions) {
    super();
    if (!/^[\w-]+_[0-9A-Za-z]+$/.test(options.userPoolId ?? ''))
      throw new ConfigurationError('userPoolId', `Not a user pool id (such as eu-west-1_AbC123): ${JSON.stringify(options.userPoolId)}`);
    if (!options.clientId) throw new ConfigurationError('clientId', 'clientId is required');
    this.#options = options;
    this.userPoolId = options.userPoolId;
    this.clientId = options.clientId;
    this.rememberDevices = options.rememberDevices === true;
    this.wire = new Wire({
      region: options.region ?? options.userPoolId.split('_')[0],
      endpoint: options.endpoint,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
    });
    this.#srp = srpOnDemand({
      worker: options.srpWorker,
      // The engine itself logs the fallback once; here it only becomes an event for the app.
      onFallback: (reason) => this.#emit('warning', { message: `SRP runs on the main thread: ${reason}` }),
    });
    const secretHash = (username: string) => this.#secretHash(username);
    this.#keeper = new SessionKeeper({
      options,
      wire: this.wire,
      srp: this.#srp,
      emit: (type, detail) => this.#emit(type, detail),
      warn: (message, cause) => this.#warn(message, cause),
      secretHash,
      endSignIn: () => {
        this.#machine?.cancel();
        this.#autoSignIn = undefined;
      },
    });
    this.#signInContext = {
      wire: this.wire,
      srp: this.#srp,
      clientId: this.clientId,
      poolName: this.userPoolId.split('_')[1],
      defaultFlow: options.authFlow ?? 'USER_SRP_AUTH',
      secretHash,
      totpIssuer: options.totpIssuer ?? this.userPoolId,
      loadDevice: async (username) => (await this.#keeper.store()).get<StoredDevice>(deviceKeyFor(username)),
      forgetDevice: async (username) => (await this.#keeper.store()).remove(deviceKeyFor(username)),
      complete: (result, receivedAt, _username, rememberDevice) => this.#keeper.signedIn(result, receivedAt, rememberDevice),
    };
  }

  async #signIn(): Promise<SignInMachine> {
    const { SignInMachine } = await loadSignIn();
    return (this.#machine ??= new SignInMachine(this.#signInContext));
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
  // Wiring

  /** The store the session lives in, for companions (identity-pool credentials) that keep their own keys in it. */
  sessionStore(): Promise<SessionStore> {
    return this.#keeper.store();
  }

  /** SECRET_HASH, for app clients with a secret: only they load the HMAC code. */
  async #secretHash(username: string): Promise<string | undefined> {
    const secret = this.#options.clientSecret;
    return secret ? (await import('../worker/srp.ts')).secretHash(secret, username, this.clientId) : undefined;
  }

  /** What the account actions need, with the caller's signal on every call they make. */
  #account(signal?: AbortSignal): AccountContext {
    return {
      call: (name, input) => this.wire.call(Actions[name] as ActionSpec<typeof input, never>, input, { signal }),
      asUser: this.#keeper.userCall(signal),
      keeper: this.#keeper,
      clientId: this.clientId,
      secretHash: (username) => this.#secretHash(username),
      mfaTypeOf,
      totpUri: (secret, account) => totpUri(secret, account, this.#options.totpIssuer ?? this.userPoolId),
      StateError: SignInStateError,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Sign-in

  /** Starts computing the SRP ephemeral now, so the sign-in itself waits for less. */
  prepareSignIn(): void {
    this.#srp.precompute();
    this.#signIn().catch(() => undefined);
  }

  /** Where the SRP math runs: in a Worker, or in-thread when none could start. */
  get srpMode(): 'worker' | 'inline' {
    return this.#srp.mode;
  }

  /** The step the current sign-in waits on, if one is in progress (e.g. for a separate MFA element). */
  get currentStep(): SignInStep | undefined {
    return this.#machine?.currentStep;
  }

  async signIn(input: SignInInput): Promise<SignInStep> {
    const step = await (await this.#signIn()).start(input);
    // An unconfirmed account: confirming it goes on with the password just typed, as sign-up's auto sign-in does.
    if (step.step === 'CONFIRM_SIGN_UP' && input.password) this.#autoSignIn = { username: step.username, password: input.password };
    return this.#announce(step);
  }

  async confirmSignIn(input: ConfirmSignInInput, options: { signal?: AbortSignal } = {}): Promise<SignInStep> {
    try {
      return this.#announce(await (await this.#signIn()).confirm(input, options.signal));
    } catch (error) {
      if (error instanceof SignInStateError && error.sessionExpired) this.#emit('sign-in-cancelled', { reason: 'expired' });
      throw error;
    }
  }

  /** Abandons a sign-in in progress (forms waiting on it go back to the start). */
  cancelSignIn(): void {
    const wasWaiting = this.#machine?.currentStep !== undefined;
    this.#machine?.cancel();
    // The password kept for auto sign-in goes with the sign-in the user abandoned.
    this.#autoSignIn = undefined;
    if (wasWaiting) this.#emit('sign-in-cancelled', { reason: 'cancelled' });
  }

  #announce(step: SignInStep): SignInStep {
    this.#emit('step', { step });
    return step;
  }

  /**
   * Signs in with tokens obtained outside the user-pool API (the hosted UI's /oauth2/token): they
   * are stored, announced to this tab and the others, and refreshed like those of any other sign-in.
   */
  adoptTokens(tokens: AuthenticationResult, receivedAt = Date.now()): Promise<Session> {
    return this.#keeper.signedIn(tokens, receivedAt);
  }

  // -------------------------------------------------------------------------------------------
  // Session

  /** Valid tokens (refreshed if they are about to expire), or SignedOutError. */
  getSession(options: { forceRefresh?: boolean; signal?: AbortSignal } = {}): Promise<Session> {
    return this.#keeper.session(options);
  }

  /** The signed-in user's name without a network call, or undefined. */
  async currentUsername(): Promise<string | undefined> {
    return (await this.#keeper.load())?.username;
  }

  /**
   * Signs out here (revoking the refresh token with Cognito), or everywhere with `global`. The
   * local session is removed first, even when Cognito cannot be reached: nothing that runs while
   * the tokens are being revoked (an element loading, another tab) can still send them. `signed-out`
   * fires once the revoke call is over, so a page that leaves on it does not cut that call short.
   * A failed global sign-out is still reported, because other devices stay signed in. `signal`
   * cuts the call to Cognito short; the session here is gone either way.
   */
  signOut(options: { global?: boolean; signal?: AbortSignal } = {}): Promise<void> {
    return this.#keeper.signOut(options);
  }

  // -------------------------------------------------------------------------------------------
  // Sign-up and passwords

  async signUp(input: SignUpInput): Promise<SignUpResult> {
    const [result, session] = await (await loadAccount()).signUp(this.#account(input.signal), input);
    this.#autoSignIn = input.autoSignIn ? { username: input.username, password: input.password, session } : undefined;
    return result;
  }

  /**
   * Confirms a sign-up with the code sent to the user. With auto sign-in (asked for at sign-up),
   * continues into the sign-in and returns its step.
   */
  async confirmSignUp(input: { username: string; code: string; clientMetadata?: Record<string, string>; signal?: AbortSignal }): Promise<{ signIn?: SignInStep }> {
    const actions = await loadAccount();
    const session = await actions.confirmSignUp(
      this.#account(input.signal),
      input,
      this.#autoSignIn?.username === input.username ? this.#autoSignIn.session : undefined,
    );
    const auto = this.#autoSignIn?.username === input.username ? this.#autoSignIn : undefined;
    this.#autoSignIn = undefined;
    if (!auto) return {};
    if (session) {
      try {
        return { signIn: this.#announce(await (await this.#signIn()).startAfterSignUp(input.username, session, input.signal)) };
      } catch (error) {
        // The app client may not allow USER_AUTH: fall back to the password, if we were given one.
        if (!auto.password || !(error instanceof CognitoError) || error.code !== 'InvalidParameterException') throw error;
      }
    }
    if (!auto.password) return {};
    return { signIn: await this.signIn({ username: input.username, password: auto.password, signal: input.signal }) };
  }

  async resendSignUpCode(input: { username: string; clientMetadata?: Record<string, string>; signal?: AbortSignal }): Promise<{ delivery?: CodeDelivery }> {
    return (await loadAccount()).resendSignUpCode(this.#account(input.signal), input);
  }

  async forgotPassword(input: { username: string; clientMetadata?: Record<string, string>; signal?: AbortSignal }): Promise<{ delivery?: CodeDelivery }> {
    return (await loadAccount()).forgotPassword(this.#account(input.signal), input);
  }

  async confirmForgotPassword(input: {
    username: string;
    code: string;
    newPassword: string;
    clientMetadata?: Record<string, string>;
    signal?: AbortSignal;
  }): Promise<void> {
    return (await loadAccount()).confirmForgotPassword(this.#account(input.signal), input);
  }

  async changePassword(input: { oldPassword: string; newPassword: string; signal?: AbortSignal }): Promise<void> {
    return (await loadAccount()).changePassword(this.#account(input.signal), input);
  }

  // -------------------------------------------------------------------------------------------
  // The user and their attributes

  async getUser(options: CallOptions = {}): Promise<{ username: string; attributes: UserAttributes; mfa: MfaPreference }> {
    return (await loadAccount()).getUser(this.#account(options.signal));
  }

  /** Changes attributes; a changed email or phone number is unverified until its code is entered. */
  async updateUserAttributes(attributes: UserAttributes, options: CallOptions = {}): Promise<{ verificationSent: CodeDelivery[] }> {
    return (await loadAccount()).updateUserAttributes(this.#account(options.signal), attributes);
  }

  async deleteUserAttributes(names: string[], options: CallOptions = {}): Promise<void> {
    return (await loadAccount()).deleteUserAttributes(this.#account(options.signal), names);
  }

  async sendAttributeVerificationCode(attribute: 'email' | 'phone_number', options: CallOptions = {}): Promise<{ delivery?: CodeDelivery }> {
    return (await loadAccount()).sendAttributeVerificationCode(this.#account(options.signal), attribute);
  }

  async verifyAttribute(attribute: 'email' | 'phone_number', code: string, options: CallOptions = {}): Promise<void> {
    return (await loadAccount()).verifyAttribute(this.#account(options.signal), attribute, code);
  }

  /** Deletes the account for good, then signs out everywhere. */
  async deleteUser(options: CallOptions = {}): Promise<void> {
    return (await loadAccount()).deleteUser(this.#account(options.signal));
  }

  // -------------------------------------------------------------------------------------------
  // MFA

  async getMfaPreference(options: CallOptions = {}): Promise<MfaPreference> {
    return (await this.getUser(options)).mfa;
  }

  /** Enables or disables MFA types and picks the preferred one. Omitted types are left as they are. */
  async setMfaPreference(input: { totp?: boolean; sms?: boolean; email?: boolean; preferred?: MfaType; signal?: AbortSignal }): Promise<void> {
    return (await loadAccount()).setMfaPreference(this.#account(input.signal), input);
  }

  /** Starts TOTP set-up for a signed-in user: the secret and an otpauth:// URI for a QR code. */
  async setUpTotp(options: CallOptions = {}): Promise<{ secret: string; uri: string }> {
    return (await loadAccount()).setUpTotp(this.#account(options.signal));
  }

  /** Finishes TOTP set-up with a code from the app; `preferred` (default true) also makes it the MFA in use. */
  async verifyTotp(input: { code: string; deviceName?: string; preferred?: boolean; signal?: AbortSignal }): Promise<void> {
    return (await loadAccount()).verifyTotp(this.#account(input.signal), input);
  }

  async getAuthFactors(options: CallOptions = {}): Promise<{ configured: string[]; mfa: MfaPreference }> {
    return (await loadAccount()).getAuthFactors(this.#account(options.signal));
  }

  // -------------------------------------------------------------------------------------------
  // Devices

  /** Remembers this browser's device, so a future sign-in can skip MFA with device SRP. */
  async rememberDevice(options: CallOptions = {}): Promise<void> {
    return (await loadAccount()).rememberDevice(this.#account(options.signal));
  }

  /** Stops remembering this device (default) or another one by key. */
  async forgetDevice(deviceKey?: string, options: CallOptions = {}): Promise<void> {
    return (await loadAccount()).forgetDevice(this.#account(options.signal), deviceKey);
  }

  async listDevices(options: CallOptions = {}): Promise<DeviceInfo[]> {
    return (await loadAccount()).listDevices(this.#account(options.signal));
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
    return (await loadPasskeys()).registerPasskey(this.#keeper.userCall(options.signal), PasskeyError, options.signal);
  }

  /** The signed-in user's passkeys (every page of ListWebAuthnCredentials). */
  async listPasskeys(options: CallOptions = {}): Promise<PasskeyInfo[]> {
    return (await loadPasskeys()).listPasskeys(this.#keeper.userCall(options.signal));
  }

  /** Deletes one of the signed-in user's passkeys from the user pool (the authenticator may still hold it). */
  async deletePasskey(credentialId: string, options: CallOptions = {}): Promise<void> {
    return (await loadAccount()).deletePasskey(this.#account(options.signal), credentialId);
  }

  // -------------------------------------------------------------------------------------------
  // Sessions and the rest of the API

  /** The user's signed-in sessions across devices (refresh-token families), for a "where you're signed in" page. */
  async listSessions(options: CallOptions = {}): Promise<Record<string, unknown>[]> {
    return (await loadAccount()).listSessions(this.#account(options.signal));
  }

  /** Ends one of the user's sessions elsewhere (its refresh token and the tokens issued with it). */
  async revokeSession(sessionId: string, options: CallOptions = {}): Promise<void> {
    return (await loadAccount()).revokeSession(this.#account(options.signal), sessionId);
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
    // tsc (TypeScript 7) needs the assertion: Actions[K] for a generic K is the union of every spec. The linter's TypeScript 6 thinks otherwise.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    return this.wire.call(Actions[action] as ActionSpec<typeof input, NonNullable<(typeof Actions)[K]['_output']>>, input, options);
  }

  /** Stops timers, the worker and the tab channel. The stored session stays. */
  dispose(): void {
    this.#keeper.dispose();
    this.#srp.dispose();
  }
}
