/** New tokens from a refresh token (REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken). */
import type { Emulator } from '../context.ts';
import type { ClientConfig, Pool, RefreshTokenRecord, User } from '../state.ts';
import { type AuthenticationResult, issueTokens, mintRefreshToken } from '../tokens.ts';

/**
 * New access and ID tokens from a refresh-token record: same origin_jti and auth_time as the
 * sign-in, device_key kept. With `rotate`, also a new refresh token of the same family, and the
 * presented one is marked as replaced (it then only works during the client's grace period).
 */
export async function refreshTokens(
  emu: Emulator,
  pool: Pool,
  client: ClientConfig,
  user: User,
  record: RefreshTokenRecord,
  rotate: boolean,
): Promise<AuthenticationResult> {
  let replacement: string | undefined;
  if (rotate) {
    // Rotate before the first await (signing is async): a concurrent request with the same token
    // must already see it as replaced, and get the same replacement, never a second one.
    replacement = mintRefreshToken(emu, pool, client, user, record.originJti, record.authTime, record.deviceKey);
    record.rotatedAt = emu.now();
    record.replacedBy = replacement;
    emu.changed();
  }
  const result = await issueTokens(emu, pool, client, user, {
    originJti: record.originJti,
    authTime: record.authTime,
    deviceKey: record.deviceKey,
    withRefreshToken: false,
  });
  return replacement ? { ...result, RefreshToken: replacement } : result;
}
