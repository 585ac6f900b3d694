/**
 * Refresh with InitiateAuth REFRESH_TOKEN_AUTH, for servers that answer GetTokensFromRefreshToken as an
 * unknown operation (older proxies and emulators). Cognito refuses this flow on app clients that rotate
 * refresh tokens (developer guide, "Refresh tokens"). Loaded on demand; imports only types, so the
 * core bundle keeps its modules in one chunk.
 */
import type { AuthenticationResult, ChallengeResult } from './actions.ts';

export async function refreshTokenAuth(
  initiateAuth: (input: { AuthFlow: string; ClientId: string; AuthParameters: Record<string, string> }) => Promise<ChallengeResult>,
  clientId: string,
  refreshToken: string,
  deviceKey?: string,
  secretHash?: string,
): Promise<AuthenticationResult | undefined> {
  const params: Record<string, string> = { REFRESH_TOKEN: refreshToken };
  if (deviceKey) params.DEVICE_KEY = deviceKey;
  if (secretHash) params.SECRET_HASH = secretHash;
  return (await initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: params })).AuthenticationResult;
}
