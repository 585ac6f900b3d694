/**
 * The sign-in steps that need the user, loaded on demand (sign-in.ts loads this module when a sign-in
 * starts, so it is there by the time Cognito's answer arrives): turning a challenge into a SignInStep,
 * and the user's answer to it into Cognito's challenge responses. A sign-in that Cognito answers with
 * tokens, or only with SRP and device proofs, never needs it.
 */
import type { ChallengeResult } from './actions.ts';
import type { CoreKit } from './kit.ts';
import type { Pending, Secrets, StepHost } from './sign-in.ts';
import type { CodeDelivery, ConfirmSignInInput, FirstFactor, MfaType, SignInStep } from './steps.ts';

/**
 * The passkey ceremonies, loaded on demand: early when the PASSKEY step appears, so the user's click
 * is not kept waiting for them (the ceremony should start while the click still counts as a gesture).
 */
/** What this module uses of the eager core, handed over by its loader before anything here runs (see kit.ts). */
let k: CoreKit;
let loadPasskeys: () => Promise<typeof import('./passkeys.ts')>;

export function install(kit: CoreKit): void {
  k = kit;
  loadPasskeys = kit.onDemand(() => import('./passkeys.ts'));
}

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
  throw new k.MalformedResponseError('Cognito sent a malformed challenge.');
}

/** The MFA types Cognito lists in a challenge parameter (a JSON array), those this kit knows. */
const mfaTypes = (json: string | undefined): MfaType[] =>
  jsonOf<string[]>(json, [])
    .map(k.mfaTypeOf)
    .filter((t): t is MfaType => !!t);

/** The option the user picked, if it is one the step offered. */
function chosen<T extends string>(value: string, options: T[]): T {
  if (!options.includes(value as T)) throw new k.SignInStateError(`Choose one of ${options.join(', ')}.`);
  return value as T;
}

function delivery(params: Record<string, string>): CodeDelivery {
  const medium = params.CODE_DELIVERY_DELIVERY_MEDIUM;
  return {
    destination: params.CODE_DELIVERY_DESTINATION,
    medium: medium === 'SMS' || medium === 'EMAIL' ? medium : undefined,
  };
}

/** Answers the waiting step `p` (confirmSignIn). On a wrong answer the step stays, so the user can try again. */
export async function answer(host: StepHost, p: Pending, input: ConfirmSignInInput, signal?: AbortSignal): Promise<SignInStep> {
  const needs = (what: string) => new k.SignInStateError(`The ${p.step.step} step needs { ${what} }.`);
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
    case 'EMAIL_CODE': {
      const remember = (input as { rememberDevice?: unknown }).rememberDevice;
      if (typeof remember === 'boolean') secrets.rememberDevice = remember;
      // SOFTWARE_TOKEN_MFA_CODE, SMS_MFA_CODE, SMS_OTP_CODE, EMAIL_OTP_CODE: the challenge's name + _CODE.
      return host.respond(p, p.challenge, { ...base, [`${p.challenge}_CODE`]: want('code') }, secrets, signal);
    }
    case 'CHOOSE_MFA':
      return host.respond(p, 'SELECT_MFA_TYPE', { ...base, ANSWER: k.MFA_CHALLENGE[chosen(want('mfaType'), step.options)] }, secrets, signal);
    case 'CHOOSE_MFA_SETUP':
      return setUpMfa(host, p, chosen(want('mfaType'), step.options), signal);
    case 'SETUP_TOTP': {
      const verified = await host.call(p, () =>
        host.ctx.wire.call(
          k.Actions.VerifySoftwareToken,
          { Session: p.session, UserCode: want('code'), FriendlyDeviceName: (input as { deviceName?: string }).deviceName },
          { signal },
        ),
      );
      if (verified.Session) p.session = verified.Session;
      return host.respond(p, 'MFA_SETUP', base, secrets, signal);
    }
    case 'SETUP_EMAIL':
      return host.respond(p, 'MFA_SETUP', { ...base, EMAIL: want('email') }, secrets, signal);
    case 'NEW_PASSWORD': {
      const responses: Record<string, string> = { ...base, NEW_PASSWORD: want('newPassword') };
      const attributes = (input as { attributes?: Record<string, string> }).attributes ?? {};
      for (const [name, value] of Object.entries(attributes)) responses[`userAttributes.${name}`] = value;
      return host.respond(p, 'NEW_PASSWORD_REQUIRED', responses, secrets, signal);
    }
    case 'CUSTOM_CHALLENGE':
      return host.respond(p, 'CUSTOM_CHALLENGE', { ...base, ANSWER: want('answer') }, secrets, signal);
    case 'CHOOSE_FIRST_FACTOR': {
      const factor = chosen(want('factor'), step.options);
      const responses: Record<string, string> = { ...base, ANSWER: factor };
      if (factor === 'PASSWORD') responses.PASSWORD = want('password');
      if (factor === 'PASSWORD_SRP') {
        secrets.password = want('password');
        secrets.ephemeral = await host.ctx.srp.ephemeral();
        responses.SRP_A = secrets.ephemeral.A;
      }
      return host.respond(p, 'SELECT_CHALLENGE', responses, secrets, signal);
    }
    case 'PASSKEY': {
      if ((input as { passkey?: unknown }).passkey !== true) throw needs('passkey: true');
      // A failed or cancelled ceremony throws PasskeyError before anything is sent: the step stays.
      const credential = await (await loadPasskeys()).getPasskey(k.PasskeyError, p.passkey!, signal);
      return host.respond(p, 'WEB_AUTHN', { ...base, CREDENTIAL: JSON.stringify(credential) }, secrets, signal);
    }
    case 'UNKNOWN_CHALLENGE': {
      const raw = (input as { challengeResponses?: Record<string, string> }).challengeResponses;
      if (!raw || typeof raw !== 'object') throw needs('challengeResponses');
      return host.respond(p, p.challenge, { ...base, ...raw }, secrets, signal);
    }
    default:
      throw new k.SignInStateError(`The ${step.step} step is not answered with confirmSignIn.`);
  }
}

/** MFA set-up during sign-in: TOTP gets its secret now; email asks for the address. */
async function setUpMfa(host: StepHost, p: Pending, type: MfaType | undefined, signal?: AbortSignal): Promise<SignInStep> {
  if (type === 'EMAIL') return host.wait(p.username, 'MFA_SETUP', p.session, { step: 'SETUP_EMAIL' }, p.clientMetadata).step;
  if (type !== 'TOTP') throw new k.SignInStateError('SMS MFA is set up by adding a verified phone number, not during sign-in.');
  const associated = await host.call(p, () => host.ctx.wire.call(k.Actions.AssociateSoftwareToken, { Session: p.session }, { signal }));
  if (typeof associated.SecretCode !== 'string') throw new k.MalformedResponseError('AssociateSoftwareToken answered without a SecretCode.');
  const step: SignInStep = { step: 'SETUP_TOTP', secret: associated.SecretCode, uri: k.totpUri(associated.SecretCode, p.username, host.ctx.totpIssuer) };
  return host.wait(p.username, 'MFA_SETUP', associated.Session ?? p.session, step, p.clientMetadata).step;
}

/** Turns a challenge that needs the user into a step and waits for the answer. */
export function question(
  host: StepHost,
  name: string,
  params: Record<string, string>,
  username: string,
  session: string | undefined,
  result: ChallengeResult,
  clientMetadata?: Record<string, string>,
  signal?: AbortSignal,
): SignInStep | Promise<SignInStep> {
  const wait = (step: SignInStep) => host.wait(username, name, session, step, clientMetadata).step;
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
      host.setPending(options.length ? p : undefined);
      // One option (or none, which setUpMfa refuses): no chooser.
      return options.length < 2 ? setUpMfa(host, p, options[0], signal) : p.step;
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
      loadPasskeys().catch(() => undefined);
      const p = host.wait(username, name, session, { step: 'PASSKEY' }, clientMetadata);
      p.passkey = options;
      return p.step;
    }
    default:
      return wait({ step: 'UNKNOWN_CHALLENGE', challengeName: name, parameters: params });
  }
}
