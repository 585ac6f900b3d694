/**
 * What a CognitoClient is made with, and the events it sends: its public shapes, declared apart
 * from the class (client.ts) so the class reads as wiring and delegation. Types only.
 */
import type { Session } from './session.ts';
import type { SrpEngineOptions } from './srp-engine.ts';
import type { AuthFlow, SignInStep } from './steps.ts';
import type { AppStorage, SessionStore } from './storage.ts';

type StorageLike = AppStorage;

export interface CognitoClientOptions {
  /** e.g. "eu-west-1_AbCdEf123". */
  userPoolId: string;
  clientId: string;
  /** Defaults to the part of the pool id before the underscore. */
  region?: string;
  /** Another endpoint than Cognito's, e.g. the local emulator (http://127.0.0.1:9229). */
  endpoint?: string;
  /**
   * For app clients with a secret. A secret in a web page is public to anyone who opens it: use
   * this only in Node, on a server, or for a test pool.
   */
  clientSecret?: string;
  /** The default sign-in flow (USER_SRP_AUTH). */
  authFlow?: AuthFlow;
  /**
   * No longer needed: refresh always uses GetTokensFromRefreshToken, which works with refresh-token
   * rotation on and off (REFRESH_TOKEN_AUTH only where a server does not know that action).
   * With rotation, a refresh whose answer is lost can be retried only within the app client's
   * RetryGracePeriodSeconds: at 0 the rotated token is spent and the user must sign in again, so
   * give it at least a minute's worth (60, the most Cognito allows). The client never repeats a
   * refresh by itself straight away; the next use or the refresh timer does.
   */
  refreshTokenRotation?: boolean;
  /** 'indexeddb' (default in browsers), 'memory' (default in Node), or your own store. */
  storage?: 'indexeddb' | 'memory' | SessionStore | StorageLike;
  /** Where the SRP worker comes from; `false` computes in-thread. */
  srpWorker?: SrpEngineOptions['worker'];
  fetch?: typeof fetch;
  /** Each request attempt's limit in ms, reading the answer included (default 15 s); then NetworkError. */
  timeoutMs?: number;
  /** How long to wait for another tab's refresh to let go of the lock, in ms (default 60 s); then LockTimeoutError. */
  lockTimeoutMs?: number;
  /** Refresh this long before the tokens expire (default 300 s, at most a quarter of their life). */
  refreshMarginSeconds?: number;
  /** Refresh by timer before expiry while signed in (default true). */
  autoRefresh?: boolean;
  /** Shown in authenticator apps when the user sets up TOTP (default: the pool id). */
  totpIssuer?: string;
  /** Name given to this device when Cognito tracks it (default: the browser's user agent platform). */
  deviceName?: string;
  /** Remember every tracked device, so it can skip MFA next time (default false: call rememberDevice()). */
  rememberDevices?: boolean;
  /** Once, carry over a session that amazon-cognito-identity-js or Amplify left in localStorage. */
  importLegacySession?: boolean;
}

export type SignOutReason = 'user' | 'global' | 'expired' | 'deleted' | 'other-tab';

export interface CognitoClientEventMap {
  'signed-in': CustomEvent<{ session: Session }>;
  'signed-out': CustomEvent<{ reason: SignOutReason }>;
  'tokens-refreshed': CustomEvent<{ session: Session }>;
  'session-expired': CustomEvent<{ error: unknown }>;
  step: CustomEvent<{ step: SignInStep }>;
  /** A sign-in in progress ended without a session: cancelled, or its Cognito session expired. */
  'sign-in-cancelled': CustomEvent<{ reason: 'cancelled' | 'expired' }>;
  warning: CustomEvent<{ message: string; cause?: unknown }>;
}
