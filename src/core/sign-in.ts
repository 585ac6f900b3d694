/**
 * Sign-in as a state machine. `start` sends InitiateAuth and runs the steps that need no user
 * (SRP verifiers, device SRP) until Cognito either returns tokens or asks something only the user
 * can answer; that question becomes a SignInStep and the conversation waits in `pending` until
 * `confirm` answers it. A wrong code leaves `pending` as it was, so the user can try again.
 */
import { Actions, type AuthenticationResult, type ChallengeResult } from './actions.ts';
import { CognitoError, MalformedResponseError, PasskeyError, SignInStateError } from './errors.ts';
import type { Session, StoredDevice } from './session.ts';
import type { SrpEngine } from './srp-engine.ts';
import {
  type AuthFlow,
  type CodeDelivery,
  type ConfirmSignInInput,
  type FirstFactor,
  MFA_CHALLENGE,
  type MfaType,
  mfaTypeOf,
  type SignInInput,
  type SignInStep,
  totpUri,
} from './steps.ts';
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
  /** Stores the tokens (and confirms a new device); returns the session the app sees. */
  complete(result: AuthenticationResult, receivedAt: number, username: string): Promise<Session>;
}

/** A conversation waiting for the user. */
interface Pending {
  username: string;
  challenge: string;
  session?: string;
  step: SignInStep;
  clientMetadata?: Record<string, string>;
  /** WEB_AUTHN: Cognito's CREDENTIAL_REQUEST_OPTIONS, for the passkey ceremony. */
  passkey?: Record<string, unknown>;
}

/** What the automatic steps may need; kept only in the call that owns them, never in `pending`. */
interface Secrets {
  password?: string;
  ephemeral?: { handle: number; A: string };
  /** The remembered device, once loaded (by the typed name, or Cognito's once a challenge names it). */
  device?: StoredDevice;
  /** Starts the sign-in over, while no question was asked of the user yet. */
  restart?: () => Promise<SignInStep>;
}

const isExpiredSession = (error: unknown) => error instanceof CognitoError && error.reason === 'sign-in-expired';

/** Account states Cognito reports as errors (at InitiateAuth or at an answer) but users meet as a step. */
const ACCOUNT_STEPS: Record<string, 'CONFIRM_SIGN_UP' | 'RESET_PASSWORD' | undefined> = {
  UserNotConfirmedException: 'CONFIRM_SIGN_UP',
  PasswordResetRequiredException: 'RESET_PASSWORD',
};

const noDevice = () => new SignInStateError('Cognito asked for a device proof; no device is remembered.');

const expiredSignIn = () => new SignInStateError('This sign-in took too long and expired. Please sign in again.', true);

/**
 * A challenge parameter holding JSON of the fallback's shape: an array (MFAS_CAN_CHOOSE,
 * requiredAttributes) or an object (userAttributes); absent, the fallback.
 */
function jsonOf<T extends object>(text: string | undefined, fallback: T): T {
  try {
    const value = text === undefined ? fallback : JSON.parse(text);
    // JSON.parse makes plain arrays and objects: same constructor, same shape (null, strings, numbers differ).
    if (value?.constructor === fallback.constructor) return value;
  } catch {
    // Reported below, like a value of the wrong shape.
  }
  throw new MalformedResponseError('Cognito sent a malformed challenge.');
}

/** The MFA types Cognito lists in a challenge parameter (a JSON array), those this kit knows. */
const mfaTypes = (json: string | undefined): MfaType[] =>
  jsonOf<string[]>(json, [])
    .map(mfaTypeOf)
    .filter((t): t is MfaType => !!t);

/**
 * The passkey code, loaded on demand: early when the PASSKEY step appears, so the user's click is
 * not kept waiting for it (the ceremony should start while the click still counts as a gesture).
 */
let passkeys: Promise<typeof import('./passkeys.ts')> | undefined;
export const loadPasskeys = () => (passkeys ??= import('./passkeys.ts'));

/** The option the user picked, if it is one the step offered. */
function chosen<T extends string>(value: string, options: T[]): T {
  if (!options.includes(value as T)) throw new SignInStateError(`Choose one of ${options.join(', ')}.`);
  return value as T;
}

function delivery(params: Record<string, string>): CodeDelivery {
  const medium = params.CODE_DELIVERY_DELIVERY_MEDIUM;
  return {
    destination: params.CODE_DELIVERY_DESTINATION,
    medium: medium === 'SMS' || medium === 'EMAIL' ? medium : undefined,
  };
}

export class SignInMachine {
  readonly #ctx: SignInContext;
  #pending?: Pending;

  constructor(ctx: SignInContext) {
    this.#ctx = ctx;
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
      throw new SignInStateError('A username is needed to sign in.');
    }
    return this.#initiate(input);
  }

  async #initiate(input: SignInInput, signUpSession?: string, restarted?: boolean): Promise<SignInStep> {
    const ctx = this.#ctx;
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
    if ((srp || plain) && !input.password) throw new SignInStateError('A password is needed for this sign-in flow.');
    if (preferred) params.PREFERRED_CHALLENGE = preferred;
    if (flow === 'CUSTOM_AUTH_WITH_SRP') params.CHALLENGE_NAME = 'SRP_A';
    if (plain) params.PASSWORD = input.password!;
    // Without DEVICE_KEY Cognito mints a new device on every flow (API reference, InitiateAuth AuthParameters).
    await this.#withDevice(username, params, secrets);

    return this.#run(
      async () => {
        if (srp) params.SRP_A = (secrets.ephemeral = await ctx.srp.ephemeral()).A;
        return ctx.wire.call(
          Actions.InitiateAuth,
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
    if (!p) throw new SignInStateError('No sign-in is waiting for an answer: call signIn first.');
    const needs = (what: string) => new SignInStateError(`The ${p.step.step} step needs { ${what} }.`);
    const want = (key: string): string => {
      const value = (input as Record<string, unknown>)[key];
      if (typeof value !== 'string' || value === '') throw needs(key);
      return value;
    };
    const secrets: Secrets = {};
    const base = { USERNAME: p.username };
    const step = p.step;

    switch (step.step) {
      case 'TOTP_CODE':
      case 'SMS_CODE':
      case 'EMAIL_CODE':
        // SOFTWARE_TOKEN_MFA_CODE, SMS_MFA_CODE, SMS_OTP_CODE, EMAIL_OTP_CODE: the challenge's name + _CODE.
        return this.#respond(p, p.challenge, { ...base, [`${p.challenge}_CODE`]: want('code') }, secrets, signal);
      case 'CHOOSE_MFA':
        return this.#respond(p, 'SELECT_MFA_TYPE', { ...base, ANSWER: MFA_CHALLENGE[chosen(want('mfaType'), step.options)] }, secrets, signal);
      case 'CHOOSE_MFA_SETUP':
        return this.#setUpMfa(p, chosen(want('mfaType'), step.options), signal);
      case 'SETUP_TOTP': {
        const verified = await this.#call(p, () =>
          this.#ctx.wire.call(
            Actions.VerifySoftwareToken,
            { Session: p.session, UserCode: want('code'), FriendlyDeviceName: (input as { deviceName?: string }).deviceName },
            { signal },
          ),
        );
        if (verified.Session) p.session = verified.Session;
        return this.#respond(p, 'MFA_SETUP', base, secrets, signal);
      }
      case 'SETUP_EMAIL':
        return this.#respond(p, 'MFA_SETUP', { ...base, EMAIL: want('email') }, secrets, signal);
      case 'NEW_PASSWORD': {
        const responses: Record<string, string> = { ...base, NEW_PASSWORD: want('newPassword') };
        const attributes = (input as { attributes?: Record<string, string> }).attributes ?? {};
        for (const [name, value] of Object.entries(attributes)) responses[`userAttributes.${name}`] = value;
        return this.#respond(p, 'NEW_PASSWORD_REQUIRED', responses, secrets, signal);
      }
      case 'CUSTOM_CHALLENGE':
        return this.#respond(p, 'CUSTOM_CHALLENGE', { ...base, ANSWER: want('answer') }, secrets, signal);
      case 'CHOOSE_FIRST_FACTOR': {
        const factor = chosen(want('factor'), step.options);
        const responses: Record<string, string> = { ...base, ANSWER: factor };
        if (factor === 'PASSWORD') responses.PASSWORD = want('password');
        if (factor === 'PASSWORD_SRP') {
          secrets.password = want('password');
          secrets.ephemeral = await this.#ctx.srp.ephemeral();
          responses.SRP_A = secrets.ephemeral.A;
        }
        return this.#respond(p, 'SELECT_CHALLENGE', responses, secrets, signal);
      }
      case 'PASSKEY': {
        if ((input as { passkey?: unknown }).passkey !== true) throw needs('passkey: true');
        // A failed or cancelled ceremony throws PasskeyError before anything is sent: the step stays.
        const credential = await (await loadPasskeys()).getPasskey(PasskeyError, p.passkey!, signal);
        return this.#respond(p, 'WEB_AUTHN', { ...base, CREDENTIAL: JSON.stringify(credential) }, secrets, signal);
      }
      case 'UNKNOWN_CHALLENGE': {
        const raw = (input as { challengeResponses?: Record<string, string> }).challengeResponses;
        if (!raw || typeof raw !== 'object') throw needs('challengeResponses');
        return this.#respond(p, p.challenge, { ...base, ...raw }, secrets, signal);
      }
      default:
        throw new SignInStateError(`The ${step.step} step is not answered with confirmSignIn.`);
    }
  }

  /** MFA set-up during sign-in: TOTP gets its secret now; email asks for the address. */
  async #setUpMfa(p: Pending, type: MfaType | undefined, signal?: AbortSignal): Promise<SignInStep> {
    if (type === 'EMAIL') return this.#wait(p.username, 'MFA_SETUP', p.session, { step: 'SETUP_EMAIL' }, p.clientMetadata);
    if (type !== 'TOTP') throw new SignInStateError('SMS MFA is set up by adding a verified phone number, not during sign-in.');
    const associated = await this.#call(p, () => this.#ctx.wire.call(Actions.AssociateSoftwareToken, { Session: p.session }, { signal }));
    if (typeof associated.SecretCode !== 'string') throw new MalformedResponseError('AssociateSoftwareToken answered without a SecretCode.');
    const step: SignInStep = { step: 'SETUP_TOTP', secret: associated.SecretCode, uri: totpUri(associated.SecretCode, p.username, this.#ctx.totpIssuer) };
    return this.#wait(p.username, 'MFA_SETUP', associated.Session ?? p.session, step, p.clientMetadata);
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
      Actions.RespondToAuthChallenge,
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
      if (error instanceof CognitoError && error.code === 'NotAuthorizedException') {
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
        const session = await ctx.complete(result.AuthenticationResult, Date.now(), username);
        this.#pending = undefined;
        return { step: 'DONE', session };
      }
      const name = result.ChallengeName;
      if (typeof name !== 'string' || name === '') throw new MalformedResponseError('Cognito answered with neither tokens nor a challenge.');
      const params = result.ChallengeParameters ?? {};
      // After InitiateAuth, Cognito's own name for the user (often the sub) is the one to use everywhere.
      username = params.USER_ID_FOR_SRP ?? params.USERNAME ?? username;
      const session = result.Session;
      // An SRP proof for this challenge's SRP_B, SALT and SECRET_BLOCK.
      const claim = ({ handle }: { handle: number }, poolName: string, userId: string, password: string) => {
        const { SRP_B, SALT, SECRET_BLOCK } = params;
        // A missing one is MalformedResponseError; an empty or non-hex one the SRP math refuses (SrpProtocolError).
        if ([SRP_B, SALT, SECRET_BLOCK].some((value) => typeof value !== 'string')) throw new MalformedResponseError('Cognito sent no SRP_B, SALT or SECRET_BLOCK.');
        return ctx.srp.claim(handle, { poolName, userId, password, SRP_B, SALT, SECRET_BLOCK, now: ctx.wire.serverNow() });
      };

      let responses: object;
      switch (name) {
        case 'PASSWORD_VERIFIER':
          if (!secrets.password || !secrets.ephemeral) throw new SignInStateError('Cognito asked for a password proof this sign-in cannot give.');
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
          return this.#question(name, params, username, session, result, clientMetadata, signal);
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

  /** Turns a challenge that needs the user into a step and waits for the answer. */
  async #question(
    name: string,
    params: Record<string, string>,
    username: string,
    session: string | undefined,
    result: ChallengeResult,
    clientMetadata?: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<SignInStep> {
    const wait = (step: SignInStep) => this.#wait(username, name, session, step, clientMetadata);
    switch (name) {
      case 'SOFTWARE_TOKEN_MFA':
        return wait({ step: 'TOTP_CODE' });
      case 'SMS_MFA':
      case 'SMS_OTP':
        return wait({ step: 'SMS_CODE', delivery: delivery(params) });
      case 'EMAIL_OTP':
        return wait({ step: 'EMAIL_CODE', delivery: delivery(params) });
      case 'SELECT_MFA_TYPE':
        return wait({ step: 'CHOOSE_MFA', options: mfaTypes(params.MFAS_CAN_CHOOSE) });
      case 'MFA_SETUP': {
        // SMS may be listed (Amplify's fixtures: ["SMS_MFA","SOFTWARE_TOKEN_MFA"]) but is set up by a
        // verified phone number, never inside a sign-in: left out, like Amplify's getAllowedMfaSetupTypes.
        const options = mfaTypes(params.MFAS_CAN_SETUP).filter((t) => t !== 'SMS');
        const p: Pending = { username, challenge: name, session, step: { step: 'CHOOSE_MFA_SETUP', options }, clientMetadata };
        // Kept while the TOTP secret is fetched, so a failure there can be retried from the step.
        this.#pending = options.length ? p : undefined;
        // One option (or none, which #setUpMfa refuses): no chooser.
        return options.length < 2 ? this.#setUpMfa(p, options[0], signal) : p.step;
      }
      case 'NEW_PASSWORD_REQUIRED': {
        const required = jsonOf<string[]>(params.requiredAttributes, []).map((a) => a.replace(/^userAttributes\./, ''));
        const userAttributes = jsonOf<Record<string, string>>(params.userAttributes, {});
        // The username lets the form carry a hidden username field, so password managers save the right account.
        return wait({ step: 'NEW_PASSWORD', username, requiredAttributes: required, userAttributes });
      }
      case 'CUSTOM_CHALLENGE':
        return wait({ step: 'CUSTOM_CHALLENGE', parameters: params });
      case 'SELECT_CHALLENGE': {
        const known: FirstFactor[] = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];
        const options = (result.AvailableChallenges ?? []).filter((c): c is FirstFactor => known.includes(c as FirstFactor));
        return wait({ step: 'CHOOSE_FIRST_FACTOR', options });
      }
      case 'WEB_AUTHN': {
        // Malformed here, not a failed ceremony later: the user could retry that forever.
        const options = jsonOf<Record<string, unknown>>(params.CREDENTIAL_REQUEST_OPTIONS ?? '', {});
        // A failed load is reported (and retried) when the user answers.
        loadPasskeys().catch(() => (passkeys = undefined));
        const step = wait({ step: 'PASSKEY' });
        this.#pending!.passkey = options;
        return step;
      }
      default:
        return wait({ step: 'UNKNOWN_CHALLENGE', challengeName: name, parameters: params });
    }
  }

  #wait(username: string, challenge: string, session: string | undefined, step: SignInStep, clientMetadata?: Record<string, string>): SignInStep {
    this.#pending = { username, challenge, session, step, clientMetadata };
    return step;
  }

  /**
   * A refusal that ends this conversation: the account states Cognito reports as errors but users
   * meet as a step (Amplify: getSignInResultFromError), or a remembered device Cognito no longer
   * knows (forgotten here too, so that no later sign-in names it; before any question the sign-in
   * starts over without it); anything else is thrown as is.
   */
  async #refused(error: unknown, username: string, secrets: Secrets): Promise<SignInStep> {
    const code = error instanceof CognitoError ? error.code : '';
    if (secrets.device && error instanceof CognitoError && error.reason === 'device-not-found') {
      await this.#ctx.forgetDevice(username);
      this.#pending = undefined;
      // Without the device now, so this happens once. After the user answered, they must start again.
      if (secrets.restart) return secrets.restart();
      throw new SignInStateError('This device is no longer remembered. Please sign in again.', true);
    }
    const step = ACCOUNT_STEPS[code];
    if (!step) throw error;
    this.#pending = undefined;
    return { step, username };
  }
}
