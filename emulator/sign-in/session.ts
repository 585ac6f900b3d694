/**
 * The server-side state of a sign-in between InitiateAuth and RespondToAuthChallenge: creating it,
 * storing it under a fresh Session for each challenge, and ending it.
 */
import { randomBytes } from 'node:crypto';
import type { Emulator } from '../context.ts';
import * as E from '../errors.ts';
import type { AuthSession, ClientConfig, Pool, User } from '../state.ts';
import type { AuthenticationResult } from '../tokens.ts';

/** What InitiateAuth and RespondToAuthChallenge answer. */
export interface AuthResponse {
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  AvailableChallenges?: string[];
  AuthenticationResult?: object;
}

export interface Step {
  emu: Emulator;
  pool: Pool;
  client: ClientConfig;
  user: User;
  session: AuthSession;
}

export const EXPIRED_SESSION = 'Invalid session for the user, session is expired.';

/** A Session string like Cognito's: long, opaque, single-use. */
export function sessionKey(): string {
  return randomBytes(192).toString('base64url');
}

export function newSession(emu: Emulator, pool: Pool, client: ClientConfig, username: string, flow: string): AuthSession {
  // Forget sessions that can no longer be used, so the state (and --data file) stays small.
  for (const [key, old] of Object.entries(emu.state.sessions)) {
    if (old.expiresAt < emu.now()) delete emu.state.sessions[key];
  }
  return {
    poolId: pool.config.Id,
    clientId: client.ClientId,
    username,
    flow,
    challenge: '',
    expiresAt: emu.now() + client.AuthSessionValidity * 60_000,
    passed: [],
    failures: 0,
  };
}

/** Stores the session under a fresh key (each step gets a new Session, as on Cognito) and answers the challenge. */
export function challenge(
  emu: Emulator,
  session: AuthSession,
  name: string,
  parameters: Record<string, string>,
  key = sessionKey(),
): AuthResponse {
  for (const [k, s] of Object.entries(emu.state.sessions)) if (s === session) delete emu.state.sessions[k];
  session.challenge = name;
  emu.state.sessions[key] = session;
  emu.changed();
  return { ChallengeName: name, ChallengeParameters: parameters, Session: key };
}

export function endSession(emu: Emulator, session: AuthSession): void {
  for (const [k, s] of Object.entries(emu.state.sessions)) if (s === session) delete emu.state.sessions[k];
  emu.changed();
}

export const missing = (name: string) => E.InvalidParameter(`Missing required parameter ${name}`);

export function param(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw missing(name);
  return value;
}
/** An opaque session key like Cognito's (long, base64url). */
export const newSessionKey = () => randomBytes(192).toString('base64url');
