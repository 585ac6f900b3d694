/**
 * Amplify v6 (`aws-amplify/auth`) as a referee of the emulator, next to our own core client.
 *
 * Amplify keeps one global configuration and one token store per process: `useAmplify` signs any
 * previous user out locally, empties the in-memory key-value store (tokens and remembered-device
 * keys) and configures it for the given app client, pointed at the emulator through
 * `Auth.Cognito.userPoolEndpoint` (Amplify's documented key for a custom user-pool endpoint).
 * Node 20 has no `navigator`; Amplify names remembered devices after `navigator.userAgent`, so a
 * minimal one is defined here before Amplify loads.
 */
import assert from 'node:assert/strict';
import type { CognitoClient, CognitoClientOptions } from '../../../src/core/client.ts';
import type { SignInStep } from '../../../src/core/steps.ts';
import { coreClient as baseClient } from './core.ts';
import { POOL_ID } from './emulator.ts';

export const AMPLIFY_USER_AGENT = 'amplify-referee (Node test)';
(globalThis as { navigator?: unknown }).navigator ??= { userAgent: AMPLIFY_USER_AGENT };

const { Amplify } = await import('aws-amplify');
const { ConsoleLogger, sharedInMemoryStorage } = await import('aws-amplify/utils');
const { cognitoUserPoolsTokenProvider } = await import('aws-amplify/auth/cognito');
export const auth = await import('aws-amplify/auth');

// Amplify warns on every configure that the endpoint is custom; that is the point here.
ConsoleLogger.LOG_LEVEL = 'ERROR';

/** Configures Amplify afresh for this app client (and pool) of the emulator at `url`. */
export async function useAmplify(url: string, clientId: string, poolId = POOL_ID): Promise<void> {
  await auth.signOut().catch(() => {});
  await sharedInMemoryStorage.clear();
  Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: url } } });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage);
}

/** What Amplify keeps in its token store (device keys included), for assertions. */
export async function amplifyStoreEntries(): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  // sharedInMemoryStorage wraps an InMemoryStorage; its keys are only reachable this way.
  const storage = (sharedInMemoryStorage as unknown as { storage: { storage: Map<string, string> } }).storage?.storage;
  for (const [key, value] of storage ?? []) entries[key] = value;
  return entries;
}

/** The access-token claims of Amplify's current session (after an optional forced refresh). */
export async function amplifyAccessClaims(forceRefresh = false): Promise<Record<string, any>> {
  const { tokens } = await auth.fetchAuthSession({ forceRefresh });
  assert.ok(tokens?.accessToken, 'Amplify has a session');
  return tokens.accessToken.payload as Record<string, any>;
}

/** Our core client for the same emulator: memory storage, no timers, SRP in-thread (Node). */
export function coreClient(url: string, clientId: string, options: Partial<CognitoClientOptions> = {}): CognitoClient {
  return baseClient(url, { clientId, srpWorker: false, ...options });
}

/** Asserts the core's step and narrows it. */
export function expectStep<N extends SignInStep['step']>(step: SignInStep, name: N): Extract<SignInStep, { step: N }> {
  assert.equal(step.step, name, `expected the core at ${name}, got ${JSON.stringify(step)}`);
  return step as Extract<SignInStep, { step: N }>;
}

/** Asserts Amplify's next step and returns it. */
export function expectAmplifyStep(output: { isSignedIn?: boolean; nextStep: any }, name: string): any {
  assert.equal(output.nextStep.signInStep ?? output.nextStep.signUpStep ?? output.nextStep.resetPasswordStep, name, `Amplify: ${JSON.stringify(output)}`);
  return output.nextStep;
}

/** An Amplify (or any) promise that must reject with this error name; returns the error. */
export async function rejectsWith(promise: Promise<unknown>, name: string): Promise<any> {
  let error: any;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  assert.ok(error, `expected ${name}, but the call succeeded`);
  assert.equal(error.name, name, `error name (message: ${error.message})`);
  return error;
}

/** Records the Cognito actions (and ChallengeNames sent/received) made while `run` runs. */
export async function recordCalls<T>(run: () => Promise<T>): Promise<{ result: T; calls: { action: string; sent?: string; received?: string; body: any }[] }> {
  const calls: { action: string; sent?: string; received?: string; body: any }[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const target = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)).get('x-amz-target');
    if (target) {
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      const received = await response
        .clone()
        .json()
        .then(
          (answer: any) => answer.ChallengeName,
          () => undefined,
        );
      calls.push({ action: target.split('.').pop()!, sent: body?.ChallengeName, received, body });
    }
    return response;
  };
  try {
    return { result: await run(), calls };
  } finally {
    globalThis.fetch = realFetch;
  }
}
