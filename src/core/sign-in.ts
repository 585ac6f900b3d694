/**
 * Sign-in as a state machine. `start` sends InitiateAuth and runs the steps that need no user
 * (SRP verifiers, device SRP) until Cognito either returns tokens or asks something only the user
 * can answer; that question becomes a SignInStep and the conversation waits in `pending` until
 * `confirm` answers it. A wrong code leaves `pending` as it was, so the user can try again.
 */
import type { AuthenticationResult, ChallengeResult } from './actions.ts';
import type { CoreKit } from './kit.ts';
import type { Session, StoredDevice } from './session.ts';
import type { SrpEngine } from './srp-engine.ts';
import type { AuthFlow, ConfirmSignInInput, SignInInput, SignInStep } from './steps.ts';
import type { Wire } from './wire.ts';

/** What the sign-in machine needs from the client around it. */
export interface SignInContext {
  wire: Wire;
  srp: SrpEngine;
  clientId: string;
  /** The part of the pool id after '_', which SRP hashes. */
  poolName: string;
  defaultFlow: AuthFlow;
  /** SECRET_HASH for this username, when the app client has a secret. */
  secretHash(username: string): Promise<string | undefined>;
  /** The issuer shown in authenticator apps for TOTP set-up. */
  totpIssuer: string;
  loadDevice(username: string): Promise<StoredDevice | undefined>;
  forgetDevice(username: string): Promise<void>;
  /** Stores the tokens (and confirms a new device, remembered if the user said so); returns the session the app sees. */
  complete(result: AuthenticationResult, receivedAt: number, username: string, rememberDevice?: boolean): Promise<Session>;
}

/** A conversation waiting for the user. */
export interface Pending {
  username: string;
  challenge: string;
  session?: string;
  step: SignInStep;
  clientMetadata?: Record<string, string>;
  /** WEB_AUTHN: Cognito's CREDENTIAL_REQUEST_OPTIONS, for the passkey ceremony. */
  passkey?: Record<string, unknown>;
}

/** What the automatic steps may need; kept only in the call that owns them, never in `pending`. */
export interface Secrets {
  password?: string;
  ephemeral?: { handle: number; A: string };
  /** The remembered device, once loaded (by the typed name, or Cognito's once a challenge names it). */
  device?: StoredDevice;
  /** Starts the sign-in over, while no question was asked of the user yet. */
  restart?: () => Promise<SignInStep>;
  /** The user's "Remember this device" with an MFA code, for the device this sign-in confirms. */
  rememberDevice?: boolean;
}

const isExpiredSession = (error: unknown) => error instanceof k.CognitoError && error.reason === 'sign-in-expired';

/** Account states Cognito reports as errors (at InitiateAuth or at an answer) but users meet as a step. */
const ACCOUNT_STEPS: Record<string, 'CONFIRM_SIGN_UP' | 'RESET_PASSWORD' | undefined> = {
  UserNotConfirmedException: 'CONFIRM_SIGN_UP',
  PasswordResetRequiredException: 'RESET_PASSWORD',
};

const noDevice = () => new k.SignInStateError('Cognito asked for a device proof; no device is remembered.');

const expiredSignIn = () => new k.SignInStateError('This sign-in took too long and expired. Please sign in again.', true);

/**
 * The steps that need the user (sign-in-steps.ts), loaded when a sign-in starts: Cognito's answer
 * takes a round trip, so they are there when a question arrives. If they cannot load, the sign-in
 * fails as a network failure would, and the next try loads them again.
 */
/** What this module uses of the eager core, handed over by its loader before anything here runs (see kit.ts). */
let k: CoreKit;
let loadSteps: () => Promise<typeof import('./sign-in-steps.ts')>;

export function install(kit: CoreKit): void {
  k = kit;
  loadSteps = kit.onDemand(() => import('./sign-in-steps.ts').then((steps) => (steps.install(kit), steps)), 'The sign-in steps');
}

/** What the steps (sign-in-steps.ts) use of the machine that holds the conversation. */
export interface StepHost {
  readonly ctx: SignInContext;
  /** Waits for the user on `step`: it becomes the pending conversation, returned. */
  wait(username: string, challenge: string, session: string | undefined, step: SignInStep, clientMetadata?: Record<string, string>): Pending;
  setPending(p: Pending | undefined): void;
  /** Sends the user's answer to the waiting step, then follows Cognito from there. */
  respond(p: Pending, challenge: string, responses: Record<string, string>, secrets: Secrets, signal?: AbortSignal): Promise<SignInStep>;
  /** Runs a call for a waiting step: an expired Cognito session ends the sign-in, anything else keeps it. */
  call<T>(p: Pending, fn: () => Promise<T>): Promise<T>;
}

export class SignInMachine {
  readonly #ctx: SignInContext;
  #pending?: Pending;

  readonly #host: StepHost;

  constructor(ctx: SignInContext) {
    this.#ctx = ctx;
    this.#host = {
      ctx,
      wait: (...args) => this.#wait(...args),
      setPending: (p) => (this.#pending = p),
      respond: (...args) => this.#respond(...args),
      call: (p, fn) => this.#call(p, fn),
    };
  }

  /** The step the current sign-in waits on, if any. */
  get currentStep(): SignInStep | undefined {
    return this.#pending?.step;
  }

  cancel(): void {
    this.#pending = undefined;
  }

  async start(input: SignInInput): Promise<SignInStep> {
    this.#pending = undefined;
    if (typeof input.username !== 'string' || input.username.trim() === '') {
      throw new k.SignInStateError('A username is needed to sign in.');
    }
    return this.#initiate(input);
  }

  async #initiate(input: SignInInput, signUpSession?: string, restarted?: boolean): Promise<SignInStep> {
    const ctx = this.#ctx;
    // Loading while InitiateAuth is on its way: if Cognito asks the user something, they are here.
    loadSteps().catch(() => undefined);
    const flow = input.authFlow ?? ctx.defaultFlow;
    const username = input.username.trim();
    const params: Record<string, string> = { USERNAME: username };
    // If Cognito no longer knows the remembered device, this sign-in starts over without it, once
    // (a store that failed to forget it must not make this a loop).
    const secrets: Secrets = { password: input.password, restart: restarted ? undefined : () => this.#initiate(input, signUpSession, true) };
    const preferred = flow === 'USER_AUTH' ? input.preferredChallenge : undefined;
    const srp = flow === 'USER_SRP_AUTH' || flow === 'CUSTOM_AUTH_WITH_SRP' || preferred === 'PASSWORD_SRP';
    const plain = flow === 'USER_PASSWORD_AUTH' || preferred === 'PASSWORD';
    // Refused here, not by Cognito: a PASSWORD first factor without one would only count as a failed try.
    if ((srp || plain) && !input.password) throw new k.SignInStateError('A password is needed for this sign-in flow.');
    if (preferred) params.PREFERRED_CHALLENGE = preferred;
    if (flow === 'CUSTOM_AUTH_WITH_SRP') params.CHALLENGE_NAME = 'SRP_A';
    if (plain) params.PASSWORD = input.password!;
    // Without DEVICE_KEY Cognito mints a new device on every flow (API reference, InitiateAuth AuthParameters).
    await this.#withDevice(username, params, secrets);

    return this.#run(
      async () => {
        if (srp) params.SRP_A = (secrets.ephemeral = await ctx.srp.ephemeral()).A;
        return ctx.wire.call(
          k.Actions.InitiateAuth,
          {
            AuthFlow: flow === 'CUSTOM_AUTH_WITH_SRP' ? 'CUSTOM_AUTH' : flow,
            ClientId: ctx.clientId,
            AuthParameters: await this.#withSecretHash(username, params),
            ClientMetadata: input.clientMetadata,
            Session: signUpSession,
          },
          // Sent once unless it only starts SRP: a repeat could count a wrong password or send a code twice.
          { signal: input.signal, once: !srp },
        );
      },
      username,
      secrets,
      input.clientMetadata,
      input.signal,
    );
  }

  /**
   * Sends the request that moves the conversation on, then follows Cognito from its answer. The
   * ephemeral is dropped after, used by a claim or never to be, so its secret `a` never lingers.
   */
  async #run(
    send: () => Promise<ChallengeResult>,
    username: string,
    secrets: Secrets,
    clientMetadata?: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<SignInStep> {
    try {
      let result: ChallengeResult;
      try {
        result = await send();
      } catch (error) {
        return await this.#refused(error, username, secrets);
      }
      return await this.#advance(result, username, secrets, clientMetadata, signal);
    } finally {
      if (secrets.ephemeral) this.#ctx.srp.release(secrets.ephemeral.handle);
    }
  }

  /** Adds the remembered device's DEVICE_KEY (once Cognito's name for the user is known, it may be found). */
  async #withDevice(username: string, params: Record<string, string>, secrets: Secrets): Promise<void> {
    secrets.device ??= await this.#ctx.loadDevice(username);
    if (secrets.device) params.DEVICE_KEY = secrets.device.deviceKey;
  }

  /**
   * Auto sign-in after sign-up: USER_AUTH with the Session ConfirmSignUp returned, so the user
   * need not type the password again.
   */
  startAfterSignUp(username: string, session: string, signal?: AbortSignal): Promise<SignInStep> {
    this.#pending = undefined;
    return this.#initiate({ username, authFlow: 'USER_AUTH', signal }, session);
  }

  /** Answers the waiting step. On a wrong answer the step stays, so the user can try again. */
  async confirm(input: ConfirmSignInInput, signal?: AbortSignal): Promise<SignInStep> {
    const p = this.#pending;
    if (!p) throw new k.SignInStateError('No sign-in is waiting for an answer: call signIn first.');
    return (await loadSteps()).answer(this.#host, p, input, signal);
  }

  /** Sends the user's answer to the waiting step, then follows Cognito from there. */
  async #respond(p: Pending, challenge: string, responses: Record<string, string>, secrets: Secrets, signal?: AbortSignal): Promise<SignInStep> {
    const send = async () => {
      // Amplify sends DEVICE_KEY with MFA codes and custom answers; the API reference, with every answer.
      await this.#withDevice(p.username, responses, secrets);
      return this.#call(p, () => this.#answer(p, challenge, responses, signal));
    };
    // UserNotConfirmed / PasswordResetRequired may answer here too (USER_AUTH, SELECT_CHALLENGE -> PASSWORD).
    return this.#run(send, p.username, secrets, p.clientMetadata, signal);
  }

  /** RespondToAuthChallenge in a conversation, for the user or for the machine itself. */
  async #answer(
    conversation: { username: string; session?: string; clientMetadata?: Record<string, string> },
    challenge: string,
    responses: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<ChallengeResult> {
    const { username, session, clientMetadata } = conversation;
    return this.#ctx.wire.call(
      k.Actions.RespondToAuthChallenge,
      {
        ChallengeName: challenge,
        ClientId: this.#ctx.clientId,
        Session: session,
        ChallengeResponses: await this.#withSecretHash(username, responses),
        ClientMetadata: clientMetadata,
      },
      { signal },
    );
  }

  /** Adds SECRET_HASH to Cognito's parameters when the app client has a secret. */
  async #withSecretHash(username: string, params: Record<string, string>): Promise<Record<string, string>> {
    const hash = await this.#ctx.secretHash(username);
    if (hash) params.SECRET_HASH = hash;
    return params;
  }

  /** Runs a call for a waiting step: an expired Cognito session ends the sign-in, anything else keeps it. */
  async #call<T>(p: Pending, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isExpiredSession(error)) {
        if (this.#pending === p) this.#pending = undefined;
        throw expiredSignIn();
      }
      if (error instanceof k.CognitoError && error.code === 'NotAuthorizedException') {
        // A refusal that is not about the code (too many tries, custom auth failed): start again.
        if (this.#pending === p) this.#pending = undefined;
      }
      throw error;
    }
  }

  /** Follows Cognito's answers through the steps that need no user, up to tokens or a question. */
  async #advance(first: ChallengeResult, typedName: string, secrets: Secrets, clientMetadata?: Record<string, string>, signal?: AbortSignal): Promise<SignInStep> {
    const ctx = this.#ctx;
    let result = first;
    let username = typedName;
    for (;;) {
      if (result.AuthenticationResult) {
        const session = await ctx.complete(result.AuthenticationResult, Date.now(), username, secrets.rememberDevice);
        this.#pending = undefined;
        return { step: 'DONE', session };
      }
      const name = result.ChallengeName;
      if (typeof name !== 'string' || name === '') throw new k.MalformedResponseError('Cognito answered with neither tokens nor a challenge.');
      const params = result.ChallengeParameters ?? {};
      // After InitiateAuth, Cognito's own name for the user (often the sub) is the one to use everywhere.
      username = params.USER_ID_FOR_SRP ?? params.USERNAME ?? username;
      const session = result.Session;
      // An SRP proof for this challenge's SRP_B, SALT and SECRET_BLOCK.
      const claim = ({ handle }: { handle: number }, poolName: string, userId: string, password: string) => {
        const { SRP_B, SALT, SECRET_BLOCK } = params;
        // A missing one is MalformedResponseError; an empty or non-hex one the SRP math refuses (SrpProtocolError).
        if ([SRP_B, SALT, SECRET_BLOCK].some((value) => typeof value !== 'string'))
          throw new k.MalformedResponseError('Cognito sent no SRP_B, SALT or SECRET_BLOCK.');
        return ctx.srp.claim(handle, { poolName, userId, password, SRP_B, SALT, SECRET_BLOCK, now: ctx.wire.serverNow() });
      };

      let responses: object;
      switch (name) {
        case 'PASSWORD_VERIFIER':
          if (!secrets.password || !secrets.ephemeral) throw new k.SignInStateError('Cognito asked for a password proof this sign-in cannot give.');
          responses = await claim(secrets.ephemeral, ctx.poolName, username, secrets.password);
          break;
        case 'DEVICE_SRP_AUTH':
          // Before MFA or after an MFA or custom answer: Amplify answers it wherever it arrives.
          await this.#withDevice(username, {}, secrets);
          if (!secrets.device) throw noDevice();
          responses = { SRP_A: (secrets.ephemeral = await ctx.srp.ephemeral()).A };
          break;
        case 'DEVICE_PASSWORD_VERIFIER': {
          const { device, ephemeral } = secrets;
          if (!device || !ephemeral) throw noDevice();
          responses = await claim(ephemeral, device.deviceGroupKey, device.deviceKey, device.randomPassword);
          break;
        }
        default:
          // A question for the user: its step (and the answer to it) comes with the steps' module.
          return (await loadSteps()).question(this.#host, name, params, username, session, result, clientMetadata, signal);
      }
      // DEVICE_KEY goes with each of these: the device's own proof, and the user's (Amplify's handlePasswordVerifierChallenge).
      const answer: Record<string, string> = { USERNAME: username, ...responses };
      await this.#withDevice(username, answer, secrets);
      try {
        result = await this.#answer({ username, session, clientMetadata }, name, answer, signal);
      } catch (error) {
        if (isExpiredSession(error)) throw expiredSignIn();
        return await this.#refused(error, username, secrets);
      }
    }
  }

  #wait(username: string, challenge: string, session: string | undefined, step: SignInStep, clientMetadata?: Record<string, string>): Pending {
    return (this.#pending = { username, challenge, session, step, clientMetadata });
  }

  /**
   * A refusal that ends this conversation: the account states Cognito reports as errors but users
   * meet as a step (Amplify: getSignInResultFromError), or a remembered device Cognito no longer
   * knows (forgotten here too, so that no later sign-in names it; before any question the sign-in
   * starts over without it); anything else is thrown as is.
   */
  async #refused(error: unknown, username: string, secrets: Secrets): Promise<SignInStep> {
    const code = error instanceof k.CognitoError ? error.code : '';
    if (secrets.device && error instanceof k.CognitoError && error.reason === 'device-not-found') {
      await this.#ctx.forgetDevice(username);
      this.#pending = undefined;
      // Without the device now, so this happens once. After the user answered, they must start again.
      if (secrets.restart) return secrets.restart();
      throw new k.SignInStateError('This device is no longer remembered. Please sign in again.', true);
    }
    const step = ACCOUNT_STEPS[code];
    if (!step) throw error;
    this.#pending = undefined;
    return { step, username };
  }
}
