// The headless core as the Node tests use it: a client of the emulator's demo pool, its session in
// memory and no refresh timer (a test refreshes when it means to), unless the options say otherwise.
import { CognitoClient, type CognitoClientOptions } from '../../../src/core/client.ts';
import { CLIENT_ID, POOL_ID } from './emulator.ts';

export function coreClient(url: string, options: Partial<CognitoClientOptions> = {}): CognitoClient {
  return new CognitoClient({ userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: url, storage: 'memory', autoRefresh: false, ...options });
}
