/**
 * What went wrong, in the user's words: which message a failure shows (from Cognito's code and,
 * for NotAuthorized, its reason), the field a refusal is about, and the errors' English texts
 * (registered here). Loaded on demand (messages.ts loadErrorTexts), as only a failure needs it.
 */
import type { CognitoElementsError, CognitoError, CognitoErrorReason, NetworkError } from '../../core/index.ts';
import type { commonMessages } from './common-messages.ts';
import { errorMessages } from './error-messages.ts';
import type { FieldProblem } from './field-errors.ts';
import type { isKeyOf, MessageKey, registerMessages } from './localize.ts';

/**
 * What this module uses of the code every page already has, handed over by its loader (messages.ts
 * loadErrorTexts) rather than imported: a module loaded on demand that imports the first view's
 * modules makes bundlers such as esbuild cut those into chunks of their own, several more files to
 * fetch up front (about 600 B gzip more for the sign-in page, measured).
 */
export interface EagerParts {
  CognitoError: typeof CognitoError;
  NetworkError: typeof NetworkError;
  commonMessages: typeof commonMessages;
  isKeyOf: typeof isKeyOf;
  registerMessages: typeof registerMessages;
}

let eager: EagerParts;

/** Called once by the loader, before anything here is used: takes the parts and registers the errors' English texts. */
export function install(parts: EagerParts): void {
  eager = parts;
  parts.registerMessages(errorMessages);
}

export interface ShownError {
  code: string;
  /** The message key; translate with Localize#t. */
  key: MessageKey;
}

/** The message for a NotAuthorizedException's reason, where it is not the wrong password's. */
const NOT_AUTHORIZED: Partial<Record<CognitoErrorReason, MessageKey>> = {
  'user-disabled': 'error.notAuthorized.disabled',
  'too-many-attempts': 'error.notAuthorized.attempts',
  'access-token-expired': 'error.notAuthorized.revoked',
  'access-token-revoked': 'error.notAuthorized.revoked',
  'refresh-token-expired': 'error.notAuthorized.revoked',
  'refresh-token-revoked': 'error.notAuthorized.revoked',
  'temporary-password-expired': 'error.notAuthorized.tempExpired',
  'sign-in-expired': 'error.sessionExpired',
};

/** Which message to show for an error, from Cognito's code (and, for NotAuthorized, its reason). */
export function describeError(error: unknown): ShownError {
  const e = error as CognitoElementsError | undefined;
  const code = typeof e?.code === 'string' ? e.code : e instanceof Error ? e.name : 'Error';
  const notAuthorized = error instanceof eager.CognitoError && code === 'NotAuthorizedException' && error.reason && NOT_AUTHORIZED[error.reason];
  if (notAuthorized) return { code, key: notAuthorized };
  if (code === 'SignInStateError' && (error as { sessionExpired?: boolean }).sessionExpired) return { code, key: 'error.sessionExpired' };
  // Cognito refused the app client or pool itself, or the endpoint this page: nothing the user can do (the console tells the page's author).
  const cause = (error as Error).cause;
  if (code === 'ConfigurationError' && (cause instanceof eager.CognitoError || cause instanceof eager.NetworkError)) return { code, key: 'error.unavailable' };
  if (code === 'NetworkError') return { code, key: 'error.network' };
  if (code === 'MalformedResponseError') return { code, key: 'error.malformed' };
  if (code === 'SignedOutError') return { code, key: 'error.signedOut' };
  if (code === 'PasskeyError' && (error as { reason?: string }).reason === 'unsupported') return { code, key: 'error.passkeyUnsupported' };
  const key = `error.${code}`;
  if (eager.isKeyOf(errorMessages, key) || eager.isKeyOf(eager.commonMessages, key)) return { code, key };
  return { code, key: 'error.generic' };
}

/**
 * The field a Cognito refusal is about, from its message, e.g. "Invalid email address format.",
 * "Attributes did not conform to the schema: name: String must be no longer than 2048 characters",
 * "1 validation error detected: Value at 'password' failed to satisfy constraint: ...".
 */
export function fieldOfError(error: unknown): FieldProblem | undefined {
  if (!(error instanceof eager.CognitoError)) return undefined;
  const m = error.message;
  switch (error.code) {
    case 'InvalidPasswordException':
      return { field: 'password', key: 'error.InvalidPasswordException' };
    case 'UsernameExistsException':
      return { field: 'username', key: 'error.UsernameExistsException' };
    case 'InvalidParameterException':
      break;
    default:
      return undefined;
  }
  if (error.reason === 'invalid-email') return { field: 'email', key: 'field.email' };
  if (error.reason === 'invalid-phone') return { field: 'phone_number', key: 'field.phone' };
  if (error.reason === 'username-not-email-or-phone') return { field: 'username', key: 'field.invalid' };
  // Below, the message names the field (not a reason: what it names is read out of it).
  // NEW_PASSWORD_REQUIRED without a required attribute: "Invalid attributes given, name is missing".
  const missing = /attributes given, ([\w:]+)/i.exec(m);
  if (missing) return { field: missing[1], key: 'field.required' };
  // "Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\S]+.*[\S]+$"
  const member = /Value (?:null )?at '(\w+)' failed to satisfy constraint: (.*)/i.exec(m);
  if (member) {
    const [, name, why] = member;
    const field = name === 'confirmationCode' ? 'code' : name === 'proposedPassword' ? 'password' : name;
    if (/must not be null/i.test(why)) return { field, key: 'field.required' };
    if (field === 'password' && /regular expression/i.test(why)) return { field, key: 'field.passwordSpaces' };
    return { field, key: 'field.invalid' };
  }
  // "Attributes did not conform to the schema: email: The attribute is required" (one line per attribute).
  const schema = /schema:\s*([\w:]+): (.*)/i.exec(m);
  if (schema) {
    const [, field, why] = schema;
    const length = /no (longer|shorter) than (\d+)/i.exec(why);
    if (/is required/i.test(why)) return { field, key: 'field.required' };
    if (length)
      return length[1].toLowerCase() === 'longer'
        ? { field, key: 'field.tooLong', params: { max: +length[2] } }
        : { field, key: 'field.tooShort', params: { min: +length[2] } };
    return { field, key: 'field.invalid' };
  }
  return undefined;
}
