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
  type AuthFlow, type CodeDelivery, type ConfirmSignInInput, type FirstFactor, MFA_CHALLENGE, type MfaType, mfaTypeOf,
  type SignInInput, type SignInStep, totpUri,
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
  useDevice: boolean;
  device?: StoredDevice;
}

/** Thrown inside the machine when Cognito no longer knows the remembered device: retry without it. */
class DeviceForgotten extends Error {}

const isExpiredSession = (error: unknown) =>
  error instanceof CognitoError && error.code === 'NotAuthorizedException' && /session/i.test(error.message);

const isDeviceMissing = (error: unknown) =>
  error instanceof CognitoError && error.code === 'ResourceNotFoundException' && /device/i.test(error.message);

const expiredSignIn = () => new SignInStateError('This sign-in took too long and expired. Please sign in again.', true);

/** The MFA types Cognito lists in a challenge parameter (a JSON array), those this kit knows. */
const mfaTypes = (json: string | undefined): MfaType[] => parseJson<string[]>(json, []).map(mfaTypeOf).filter((t): t is MfaType => !!t);

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

function parseJson<T>(text: string | undefined, fallback: T): T {
  if (text === undefined) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new MalformedResponseError(`Cognito sent challenge parameters that are not JSON: ${text.slice(0, 40)}`);
  }
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
    try {
      return await this.#initiate(input, true);
    } catch (error) {
      // Cognito forgot our remembered device (or it was removed): forget it too and start over.
      if (!(error instanceof DeviceForgotten)) throw error;
      await this.#ctx.forgetDevice(error.message);
      return this.#initiate(input, false);
    }
  }

  async #initiate(input: SignInInput, useDevice: boolean): Promise<SignInStep> {
    const ctx = this.#ctx;
    const flow = input.authFlow ?? ctx.defaultFlow;
    const username = input.username.trim();
    const params: Record<string, string> = { USERNAME: username };
    const secrets: Secrets = { password: input.password, useDevice };
    const needsPassword = flow === 'USER_SRP_AUTH' || flow === 'USER_PASSWORD_AUTH' || flow === 'CUSTOM_AUTH_WITH_SRP';
    if (needsPassword && !input.password) throw new SignInStateError('A password is needed for this sign-in flow.');

    if (flow === 'USER_SRP_AUTH' || flow === 'CUSTOM_AUTH_WITH_SRP') {
      secrets.ephemeral = await ctx.srp.ephemeral();
      params.SRP_A = secrets.ephemeral.A;
      if (flow === 'CUSTOM_AUTH_WITH_SRP') params.CHALLENGE_NAME = 'SRP_A';
    } else if (flow === 'USER_PASSWORD_AUTH') {
      params.PASSWORD = input.password!;
    } else if (flow === 'USER_AUTH' && input.preferredChallenge) {
      params.PREFERRED_CHALLENGE = input.preferredChallenge;
      if (input.preferredChallenge === 'PASSWORD' && input.password) params.PASSWORD = input.password;
      if (input.preferredChallenge === 'PASSWORD_SRP') {
        if (!input.password) throw new SignInStateError('A password is needed for PASSWORD_SRP.');
        secrets.ephemeral = await ctx.srp.ephemeral();
        params.SRP_A = secrets.ephemeral.A;
      }
    }

    let result: ChallengeResult;
    try {
      result = await ctx.wire.call(
        Actions.InitiateAuth,
        {
          AuthFlow: flow === 'CUSTOM_AUTH_WITH_SRP' ? 'CUSTOM_AUTH' : flow,
          ClientId: ctx.clientId,
          AuthParameters: await this.#withSecretHash(username, params),
          ClientMetadata: input.clientMetadata,
        },
        { signal: input.signal },
      );
    } catch (error) {
      const step = this.#accountStep(error, username);
      if (step) return step;
      throw error;
    }
    return this.#advance(result, username, secrets, input.clientMetadata, input.signal);
  }

  /**
   * Auto sign-in after sign-up: USER_AUTH with the Session ConfirmSignUp returned, so the user
   * need not type the password again.
   */
  async startAfterSignUp(username: string, session: string, signal?: AbortSignal): Promise<SignInStep> {
    this.#pending = undefined;
    const result = await this.#ctx.wire.call(
      Actions.InitiateAuth,
      { AuthFlow: 'USER_AUTH', ClientId: this.#ctx.clientId, AuthParameters: await this.#withSecretHash(username, { USERNAME: username }), Session: session },
      { signal },
    );
    return this.#advance(result, username, { useDevice: false }, undefined, signal);
  }

  /** Answers the waiting step. On a wrong answer the step stays, so the user can try again. */
  async confirm(input: ConfirmSignInInput, signal?: AbortSignal): Promise<SignInStep> {
    const p = this.#pending;
    if (!p) throw new SignInStateError('No sign-in is waiting for an answer: call signIn first.');
    const want = (key: string): string => {
      const value = (input as Record<string, unknown>)[key];
      if (typeof value !== 'string' || value === '') throw new SignInStateError(`The ${p.step.step} step needs { ${key} }.`);
      return value;
    };
    const secrets: Secrets = { useDevice: false };
    const base = { USERNAME: p.username };
    const step = p.step;

    switch (step.step) {
      case 'TOTP_CODE':
        return this.#respond(p, 'SOFTWARE_TOKEN_MFA', { ...base, SOFTWARE_TOKEN_MFA_CODE: want('code') }, secrets, signal);
      case 'SMS_CODE':
      case 'EMAIL_CODE': {
        const key = { SMS_MFA: 'SMS_MFA_CODE', SMS_OTP: 'SMS_OTP_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE' }[p.challenge] ?? `${p.challenge}_CODE`;
        return this.#respond(p, p.challenge, { ...base, [key]: want('code') }, secrets, signal);
      }
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
        if ((input as { passkey?: unknown }).passkey !== true) throw new SignInStateError(`The ${step.step} step needs { passkey: true }.`);
        // A failed or cancelled ceremony throws PasskeyError before anything is sent: the step stays.
        const credential = await (await loadPasskeys()).getPasskey(PasskeyError, p.passkey!, signal);
        return this.#respond(p, 'WEB_AUTHN', { ...base, CREDENTIAL: JSON.stringify(credential) }, secrets, signal);
      }
      case 'UNKNOWN_CHALLENGE': {
        const raw = (input as { challengeResponses?: Record<string, string> }).challengeResponses;
        if (!raw || typeof raw !== 'object') throw new SignInStateError('The UNKNOWN_CHALLENGE step needs { challengeResponses }.');
        return this.#respond(p, p.challenge, { ...base, ...raw }, secrets, signal);
      }
      default:
        throw new SignInStateError(`The ${step.step} step is not answered with confirmSignIn.`);
    }
  }

  /** MFA set-up during sign-in: TOTP gets its secret now; email asks for the address. */
  async #setUpMfa(p: Pending, type: MfaType, signal?: AbortSignal): Promise<SignInStep> {
    if (type === 'EMAIL') return this.#wait(p.username, 'MFA_SETUP', p.session, { step: 'SETUP_EMAIL' }, p.clientMetadata);
    if (type !== 'TOTP') throw new SignInStateError('SMS MFA is set up by adding a verified phone number, not during sign-in.');
    const associated = await this.#call(p, () => this.#ctx.wire.call(Actions.AssociateSoftwareToken, { Session: p.session }, { signal }));
    if (typeof associated.SecretCode !== 'string') throw new MalformedResponseError('AssociateSoftwareToken answered without a SecretCode.');
    const step: SignInStep = { step: 'SETUP_TOTP', secret: associated.SecretCode, uri: totpUri(associated.SecretCode, p.username, this.#ctx.totpIssuer) };
    return this.#wait(p.username, 'MFA_SETUP', associated.Session ?? p.session, step, p.clientMetadata);
  }

  /** Sends the user's answer to the waiting step, then follows Cognito from there. */
  async #respond(p: Pending, challenge: string, responses: Record<string, string>, secrets: Secrets, signal?: AbortSignal): Promise<SignInStep> {
    const result = await this.#call(p, () => this.#answer(p, challenge, responses, signal));
    return this.#advance(result, p.username, secrets, p.clientMetadata, signal);
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
      { ChallengeName: challenge, ClientId: this.#ctx.clientId, Session: session, ChallengeResponses: await this.#withSecretHash(username, responses), ClientMetadata: clientMetadata },
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
      const claim = (ephemeral: { handle: number }, poolName: string, userId: string, password: string) =>
        ctx.srp.claim(ephemeral.handle, { poolName, userId, password, SRP_B: params.SRP_B, SALT: params.SALT, SECRET_BLOCK: params.SECRET_BLOCK, now: ctx.wire.serverNow() });

      let responses: Record<string, string>;
      switch (name) {
        case 'PASSWORD_VERIFIER':
          if (!secrets.password || !secrets.ephemeral) throw new SignInStateError('Cognito asked for a password proof this sign-in cannot give.');
          secrets.device = secrets.useDevice ? await ctx.loadDevice(username) : undefined;
          responses = {
            ...(await claim(secrets.ephemeral, ctx.poolName, username, secrets.password)),
            ...(secrets.device ? { DEVICE_KEY: secrets.device.deviceKey } : {}),
          };
          break;
        case 'DEVICE_SRP_AUTH':
          if (!secrets.device) throw new SignInStateError('Cognito asked for a device proof but no device is remembered.');
          secrets.ephemeral = await ctx.srp.ephemeral();
          responses = { DEVICE_KEY: secrets.device.deviceKey, SRP_A: secrets.ephemeral.A };
          break;
        case 'DEVICE_PASSWORD_VERIFIER': {
          const { device, ephemeral } = secrets;
          if (!device || !ephemeral) throw new SignInStateError('Cognito asked for a device proof but no device is remembered.');
          responses = { DEVICE_KEY: device.deviceKey, ...(await claim(ephemeral, device.deviceGroupKey, device.deviceKey, device.randomPassword)) };
          break;
        }
        default:
          return this.#question(name, params, username, session, result, clientMetadata, signal);
      }
      try {
        result = await this.#answer({ username, session, clientMetadata }, name, { USERNAME: username, ...responses }, signal);
      } catch (error) {
        if (isDeviceMissing(error) && secrets.device) throw new DeviceForgotten(username);
        const step = this.#accountStep(error, username);
        if (step) {
          this.#pending = undefined;
          return step;
        }
        if (isExpiredSession(error)) throw expiredSignIn();
        throw error;
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
        const options = mfaTypes(params.MFAS_CAN_SETUP);
        const p: Pending = { username, challenge: name, session, step: { step: 'CHOOSE_MFA_SETUP', options }, clientMetadata };
        this.#pending = p;
        // One option: go straight to it rather than ask the user to pick it.
        if (options.length === 1 && options[0] !== 'SMS') return this.#setUpMfa(p, options[0], signal);
        return p.step;
      }
      case 'NEW_PASSWORD_REQUIRED': {
        const required = parseJson<string[]>(params.requiredAttributes, []).map((a) => a.replace(/^userAttributes\./, ''));
        const userAttributes = parseJson<Record<string, string>>(params.userAttributes, {});
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
        const options = parseJson<Record<string, unknown> | undefined>(params.CREDENTIAL_REQUEST_OPTIONS, undefined);
        if (!options) throw new MalformedResponseError('WEB_AUTHN came without CREDENTIAL_REQUEST_OPTIONS.');
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

  /** Account states Cognito reports as errors but users meet as a step. */
  #accountStep(error: unknown, username: string): SignInStep | undefined {
    if (!(error instanceof CognitoError)) return undefined;
    if (error.code === 'UserNotConfirmedException') return { step: 'CONFIRM_SIGN_UP', username };
    if (error.code === 'PasswordResetRequiredException') return { step: 'RESET_PASSWORD', username };
    return undefined;
  }
}
