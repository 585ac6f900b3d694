/**
 * The single request path to Cognito's JSON API: one POST per action, Cognito's errors turned into
 * typed errors, the server's clock read from every answer, and retries with jittered backoff only
 * where repeating a call cannot do harm.
 */
import { CognitoError, ConfigurationError, isRetryableCode, MalformedResponseError, NetworkError } from './errors.ts';

/** How an action may be retried: only idempotent ones are repeated after an uncertain failure. */
export interface ActionSpec<Input, Output> {
  /** The action's name in the API: its key in the table given to `actions()`. */
  name: string;
  /** Safe to send twice: reads, and InitiateAuth (which starts afresh each time). Never a call that consumes a code. */
  idempotent: boolean;
  /** Type carriers only; never set at run time. */
  readonly _input?: Input;
  readonly _output?: Output;
}

/** One action of a table given to `actions()`, which names it. */
export function action<Input, Output>(idempotent: boolean): ActionSpec<Input, Output> {
  return { name: '', idempotent };
}

/** Names every action of a table after its key, so the name sent and the key used cannot disagree. */
export function actions<T extends Record<string, ActionSpec<unknown, unknown>>>(table: T): Readonly<T> {
  for (const name in table) table[name].name = name;
  return table;
}

export interface RetryPolicy {
  /** Total attempts including the first (1 = no retry). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface WireOptions {
  /** AWS region, e.g. "eu-west-1"; by default the part of the pool id before the underscore. */
  region: string;
  /** A full URL to use instead of https://cognito-idp.<region>.amazonaws.com/ (the local emulator, a proxy). */
  endpoint?: string;
  /** The fetch to use (defaults to the global one). */
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  /** The X-Amz-Target prefix: user pools (the default), or `AWSCognitoIdentityService` for identity pools. */
  service?: string;
  /**
   * Each attempt's limit in ms, reading the answer included (default 15 s): against a server that
   * never answers, a call ends in a NetworkError within about 50 s, its retries included.
   */
  timeoutMs?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Never repeat this call, though its action is idempotent (an InitiateAuth that checks a password or sends a code). */
  once?: boolean;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 2000 };
export const DEFAULT_TIMEOUT_MS = 15_000;

/** One attempt's signal, and `until` to wait on a step of it (the answer's headers, its body). */
export interface Attempt {
  signal: AbortSignal;
  /** p, or the attempt's abort reason as soon as it is aborted (even if p never settles). */
  until<T>(p: Promise<T>): Promise<T>;
  /** Stops the timer and lets go of the caller's signal. */
  end(): void;
}

/**
 * An attempt that the caller's signal aborts (with its reason) and that times out after `ms` (with
 * a NetworkError): a server that sends headers and then stalls the body cannot hold it either.
 */
export function attempt(what: string, ms: number, caller?: AbortSignal): Attempt {
  const controller = new AbortController();
  const { signal } = controller;
  const onAbort = () => controller.abort(caller!.reason);
  caller?.addEventListener('abort', onAbort);
  const timer = setTimeout(() => controller.abort(new NetworkError(`${what} timed out after ${ms} ms`)), ms);
  const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
  aborted.catch(() => {});
  return {
    signal,
    until: (p) => Promise.race([p, aborted]),
    end() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * p, or the signal's reason as soon as it aborts: the caller stops waiting, while work that other
 * callers share (a refresh, an identity-pool request) goes on for them.
 */
export function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([p, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/**
 * A URL the core sends tokens (or the browser) to, as given by the app or an element's attribute:
 * parsed with URL and https: only, or http: for the loopback host (127.0.0.0/8, localhost, [::1])
 * where a local emulator listens. Anything else (javascript:, data:, a relative path, http: to
 * another host) is a ConfigurationError naming the option.
 */
export function checkedUrl(value: string, option: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {}
  if (url?.protocol === 'https:' || (url?.protocol === 'http:' && /^(localhost|127(\.\d+){3}|\[::1\])$/.test(url.hostname))) return url;
  throw new ConfigurationError(option, `${option} must be an https: URL (http: for localhost), not ${JSON.stringify(value)}`);
}

/** A region goes into an AWS host name: `region="evil.example/x?"` must not pick another host. */
export function checkedRegion(region: string): string {
  if (/^[a-z\d-]+$/.test(region)) return region;
  throw new ConfigurationError('region', `region must be an AWS region such as eu-west-1, not ${JSON.stringify(region)}`);
}

export class Wire {
  readonly endpoint: string;
  /**
   * The endpoint's origin when it is not Cognito's own for the region (an emulator, a proxy, an
   * attacker's page): sessions are stored apart per such origin, so none is sent to another.
   */
  readonly customOrigin?: string;
  readonly #fetchImpl: typeof fetch;
  readonly #retry: RetryPolicy;
  readonly #service: string;
  readonly #timeoutMs: number;
  /** Server time minus device time (ms), from the Date header of the latest answer. */
  clockSkewMs = 0;

  constructor(options: WireOptions) {
    const cognito = `https://cognito-idp.${options.endpoint === undefined ? checkedRegion(options.region) : options.region}.amazonaws.com/`;
    this.endpoint = options.endpoint === undefined ? cognito : checkedUrl(options.endpoint, 'endpoint').href;
    const { origin } = new URL(this.endpoint);
    if (origin + '/' !== cognito) this.customOrigin = origin;
    // Bind so that a fetch taken from window is not called with the wrong `this`.
    this.#fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#service = options.service ?? 'AWSCognitoIdentityProviderService';
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Device time corrected by what the server said its time was. */
  serverNow(): number {
    return Date.now() + this.clockSkewMs;
  }

  async call<Input, Output>(spec: ActionSpec<Input, Output>, input: Input, options: CallOptions = {}): Promise<Output> {
    const attempts = spec.idempotent && !options.once ? this.#retry.attempts : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#once(spec, input, options.signal);
      } catch (error) {
        // A 5xx whose body is not JSON (a gateway's error page) is as retryable as any other 5xx.
        const retryable =
          error instanceof NetworkError ||
          (error instanceof CognitoError && error.retryable) ||
          (error instanceof MalformedResponseError && (error.status ?? 0) >= 500);
        if (!retryable || attempt >= attempts || options.signal?.aborted) throw error;
        await sleep(this.#backoff(attempt), options.signal);
      }
    }
  }

  /** Full jitter: a random wait up to an exponentially growing cap. */
  #backoff(attempt: number): number {
    const cap = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.random() * cap;
  }

  async #once<Input, Output>(spec: ActionSpec<Input, Output>, input: Input, caller?: AbortSignal): Promise<Output> {
    caller?.throwIfAborted();
    const { signal, until, end } = attempt(spec.name, this.#timeoutMs, caller);
    // The caller's abort is its reason (not retried); a timeout is a NetworkError (retried if idempotent).
    const failed = (error: unknown, what: string) =>
      signal.aborted ? signal.reason : new NetworkError(`${what} (${spec.name}): ${(error as Error)?.message ?? error}`, { cause: error });
    let response: Response;
    let text: string;
    try {
      try {
        response = await until(
          this.#fetchImpl(this.endpoint, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/x-amz-json-1.1',
              'X-Amz-Target': `${this.#service}.${spec.name}`,
            },
            body: JSON.stringify(input),
            signal,
            cache: 'no-store',
          }),
        );
      } catch (error) {
        throw failed(error, 'Could not reach Cognito');
      }
      this.#readClock(response);
      try {
        text = await until(response.text());
      } catch (error) {
        throw failed(error, 'The answer was cut off');
      }
    } finally {
      end();
    }
    const requestId = response.headers.get('x-amzn-RequestId') ?? undefined;
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {}
    // Not JSON (a proxy's error page), or JSON that is not an object (null, an array, a string).
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new MalformedResponseError(`${spec.name} answered with something that is not a JSON object (HTTP ${response.status}).`, response.status, requestId);
    }
    if (!response.ok) throw toCognitoError(response, body as Record<string, unknown>, requestId);
    return body as Output;
  }

  #readClock(response: Response): void {
    const date = response.headers.get('Date');
    const serverTime = date ? Date.parse(date) : NaN;
    if (!Number.isNaN(serverTime)) this.clockSkewMs = serverTime - Date.now();
  }
}

/** Cognito's code is `__type` or the x-amzn-ErrorType header, after the last '#' and before the first ':'. */
export function errorCode(raw: string): string {
  return raw
    .slice(raw.lastIndexOf('#') + 1)
    .split(':')[0]
    .trim();
}

function toCognitoError(response: Response, body: Record<string, unknown>, requestId?: string): CognitoError {
  const rawType = (typeof body.__type === 'string' && body.__type) || response.headers.get('x-amzn-ErrorType') || '';
  const code = errorCode(rawType) || (response.status >= 500 ? 'InternalErrorException' : 'UnknownError');
  const message =
    (typeof body.message === 'string' && body.message) ||
    (typeof body.Message === 'string' && body.Message) ||
    response.headers.get('x-amzn-ErrorMessage') ||
    `${code} (HTTP ${response.status})`;
  return new CognitoError(code, message, response.status, requestId, isRetryableCode(code, response.status));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
