/**
 * Authorising a self-service action from the access token it carries: a valid, unrevoked token of
 * this emulator's pools, with the scope user APIs need, for a user who may still act.
 */
import type { Emulator } from '../context.ts';
import * as E from '../errors.ts';
import type { ClientConfig } from '../state.ts';
import { type AccessTokenContext, verifyAccessToken } from '../tokens.ts';
import { required } from '../validate.ts';

/** Access-token actions: the token must be valid, and a user who must reset the password can do nothing else. */
export async function signedIn(emu: Emulator, token: unknown) {
  const ctx = await verifyAccessToken(emu, token);
  if (ctx.user.UserStatus === 'RESET_REQUIRED') throw E.PasswordResetRequired('Password reset required for the user');
  return { ...ctx, client: ctx.pool.clients[ctx.clientId] as ClientConfig | undefined };
}

const USER_SCOPE = 'aws.cognito.signin.user.admin';

/**
 * The access-token check of every self-service action: a valid, unrevoked token that carries the
 * scope Cognito requires for user APIs (OAuth tokens without it are refused).
 */
export async function authorizeUser(emu: Emulator, input: { AccessToken?: string }): Promise<AccessTokenContext> {
  required(input, 'AccessToken');
  const context = await verifyAccessToken(emu, input.AccessToken);
  const scopes = String(context.claims.scope ?? '').split(' ');
  if (!scopes.includes(USER_SCOPE)) throw E.NotAuthorized('Access Token does not have required scopes');
  return context;
}
