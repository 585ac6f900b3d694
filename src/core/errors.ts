/**
 * Every failure the core reports is one of these, so callers can tell a refusal by Cognito
 * (CognitoError, named by Cognito's code) from a network failure, a response that makes no sense,
 * or the absence of a session.
 */
import { type CognitoErrorReason, reasonOf } from './error-reasons.ts';

export type { CognitoErrorReason };

/** Base of every error the kit throws; `code` is stable and safe to switch on. */
export class CognitoElementsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = code;
  }
}

/**
 * Cognito answered with an error: `name`/`code` is its exception name, e.g. NotAuthorizedException;
 * `reason` says which of the refusals that share a name it is (from Cognito's message, see
 * error-reasons.ts), or is undefined when the name says it all or the message is not known.
 */
export class CognitoError extends CognitoElementsError {
  readonly reason?: CognitoErrorReason;

  constructor(
    code: string,
    message: string,
    /** HTTP status of the answer. */
    readonly status: number,
    /** x-amzn-RequestId, for support requests. */
    readonly requestId: string | undefined,
    /** Whether the same call may succeed if repeated later (throttling, 5xx). */
    readonly retryable: boolean,
  ) {
    super(code, message);
    this.reason = reasonOf(code, message);
  }
}

/** The request never got an answer: offline, DNS, CORS, connection reset, or a timeout. */
export class NetworkError extends CognitoElementsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NetworkError', message, options);
  }
}

/** Cognito (or something in between) answered with something that is not what the protocol says. */
export class MalformedResponseError extends CognitoElementsError {
  constructor(
    message: string,
    readonly status?: number,
    readonly requestId?: string,
  ) {
    super('MalformedResponseError', message);
  }
}

/** There is no signed-in user, or the session can no longer be refreshed. */
export class SignedOutError extends CognitoElementsError {
  constructor(message = 'No user is signed in.', options?: { cause?: unknown }) {
    super('SignedOutError', message, options);
  }
}

/** A sign-in step was called out of order, or after its Cognito session expired: start over. */
export class SignInStateError extends CognitoElementsError {
  constructor(
    message: string,
    /** True when Cognito's session for the flow expired (about 3 minutes); the user must sign in again. */
    readonly sessionExpired = false,
  ) {
    super('SignInStateError', message);
  }
}

/** The SRP computation refused a value from the server (B = 0 mod N, u = 0). */
export class SrpProtocolError extends CognitoElementsError {
  constructor(
    message: string,
    readonly reason?: string,
  ) {
    super('SrpProtocolError', message);
  }
}

/**
 * The browser's passkey (WebAuthn) ceremony did not give a credential: the user cancelled it or it
 * timed out (`cancelled`), this browser or device cannot do it (`unsupported`), or it failed for
 * another reason (`failed`, the browser's error as `cause`). A sign-in stays on its PASSKEY step,
 * so the user can try again.
 */
export class PasskeyError extends CognitoElementsError {
  constructor(
    message: string,
    readonly reason: 'cancelled' | 'unsupported' | 'failed',
    options?: { cause?: unknown },
  ) {
    super('PasskeyError', message, options);
  }
}

/**
 * An option (or an element's attribute) that cannot be used as given, e.g. an endpoint that is not
 * https: `option` names it, and nothing was sent. Also Cognito's refusal of the app client or pool
 * itself (no such client, a client secret, a flow not allowed) as `cause`: no user input can fix those.
 */
export class ConfigurationError extends CognitoElementsError {
  constructor(
    readonly option: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('ConfigurationError', message, options);
  }
}

/**
 * Waited too long for another tab (or another client on this page) to finish with the session: its
 * refresh holds the cross-tab lock. Nothing changed here; try again later.
 */
export class LockTimeoutError extends CognitoElementsError {
  constructor(message: string) {
    super('LockTimeoutError', message);
  }
}

/** An error as one line for a message: its name and message, or whatever else was thrown. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Cognito codes worth retrying with backoff: the request was not acted upon. */
const RETRYABLE = new Set(['TooManyRequestsException', 'ThrottlingException', 'InternalErrorException', 'ServiceUnavailable', 'RequestTimeoutException']);

export function isRetryableCode(code: string, status: number): boolean {
  return RETRYABLE.has(code) || status >= 500;
}
