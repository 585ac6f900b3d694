/**
 * The server-side state of a sign-in between InitiateAuth and RespondToAuthChallenge: creating it,
 * storing it under a fresh Session for each challenge, and ending it.
 */
import { randomBytes } from 'node:crypto';
import type { Emulator } from '../context.ts';
import * as E from '../errors.ts';
import type { AuthSession, ChallengeState, ClientConfig, Pool, SignInState, User } from '../state.ts';

/** What InitiateAuth and RespondToAuthChallenge answer. */
export interface AuthResponse {
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  AvailableChallenges?: string[];
  AuthenticationResult?: object;
}

/**
 * One sign-in at one step. `session` is the common sign-in state: a step that needs one challenge's
 * data takes a Step of that challenge's session (`Step<SessionFor<'WEB_AUTHN'>>`).
 */
export interface Step<Session extends SignInState = SignInState> {
  emu: Emulator;
  pool: Pool;
  client: ClientConfig;
  user: User;
  session: Session;
}

export const EXPIRED_SESSION = 'Invalid session for the user, session is expired.';

/** A Session string like Cognito's: long, opaque, single-use. */
function sessionKey(): string {
  return randomBytes(192).toString('base64url');
}

/** A sign-in that has not asked a challenge yet (nothing is stored until it does). */
export function newSession(emu: Emulator, pool: Pool, client: ClientConfig, username: string, flow: string): SignInState {
  // Forget sessions that can no longer be used, so the state (and --data file) stays small.
  for (const [key, old] of Object.entries(emu.state.sessions)) {
    if (old.expiresAt < emu.now()) delete emu.state.sessions[key];
  }
  return {
    poolId: pool.config.Id,
    clientId: client.ClientId,
    username,
    flow,
    expiresAt: emu.now() + client.AuthSessionValidity * 60_000,
    passed: [],
    failures: 0,
  };
}

/**
 * Asks the next challenge: the sign-in's common state with that challenge's data (and no earlier
 * challenge's) is stored under a fresh key, as each step gets a new Session on Cognito.
 */
export function challenge(emu: Emulator, session: SignInState, next: ChallengeState, parameters: Record<string, string>, key = sessionKey()): AuthResponse {
  forget(emu, session);
  const { poolId, clientId, username, flow, expiresAt, deviceKey, passed, failures, clientMetadata } = session;
  const stored: AuthSession = { poolId, clientId, username, flow, expiresAt, deviceKey, passed, failures, clientMetadata, ...next };
  emu.state.sessions[key] = stored;
  emu.changed();
  return { ChallengeName: next.challenge, ChallengeParameters: parameters, Session: key };
}

function forget(emu: Emulator, session: SignInState): void {
  for (const [k, s] of Object.entries(emu.state.sessions)) if (s === session) delete emu.state.sessions[k];
}

export function endSession(emu: Emulator, session: SignInState): void {
  forget(emu, session);
  emu.changed();
}

const missing = (name: string) => E.InvalidParameter(`Missing required parameter ${name}`);

export function param(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw missing(name);
  return value;
}
/** An opaque session key like Cognito's (long, base64url). */
export const newSessionKey = () => randomBytes(192).toString('base64url');
