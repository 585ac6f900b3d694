// A WebAuthn virtual authenticator for passkey tests: Chromium's own, driven over the DevTools
// Protocol by the 'virtual-authenticator' plugin in web-test-runner.config.mjs. While one is added,
// navigator.credentials.create/get run real ceremonies against it with no dialog (user presence and
// verification answer by themselves). Test pages are served from http://localhost:<port>, so the
// relying party is "localhost", as the demo pool's WebAuthn settings say.
import { executeServerCommand } from '@web/test-runner-commands';
import type { CognitoClient, PasskeyInfo } from '../../../src/core/index.ts';
import { createUser, expectStep, type NewUser } from './core.ts';

/** A credential an authenticator holds, as the DevTools Protocol describes it (WebAuthn.Credential). */
export interface VirtualCredential {
  /** base64 (not base64url). */
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  /** PKCS#8, base64. */
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

const command = <T>(payload: Record<string, unknown>) => executeServerCommand<T, Record<string, unknown>>('virtual-authenticator', payload);

/**
 * Gives this page a virtual platform authenticator (ctap2, internal, resident keys, user
 * verification), replacing the one it had, if any. `credentials` (from removeVirtualAuthenticator)
 * are put in it; `isUserVerified: false` makes it fail user verification.
 */
export async function addVirtualAuthenticator(options: { credentials?: VirtualCredential[]; isUserVerified?: boolean } = {}): Promise<string> {
  const { authenticatorId } = await command<{ authenticatorId: string }>({ action: 'add', ...options });
  return authenticatorId;
}

/**
 * Removes this page's virtual authenticator (nothing happens if there is none) and returns the
 * credentials it held: they are gone from the browser, but can be put in a new one.
 */
export async function removeVirtualAuthenticator(): Promise<VirtualCredential[]> {
  return (await command<{ credentials: VirtualCredential[] }>({ action: 'remove' })).credentials;
}

/** The credentials this page's virtual authenticator holds now (none when there is no authenticator). */
export async function virtualCredentials(): Promise<VirtualCredential[]> {
  return (await command<{ credentials: VirtualCredential[] }>({ action: 'credentials' })).credentials;
}

/**
 * A new user with one passkey in this page's authenticator, registered through `client`: signed in
 * with the password, the passkey added, signed out again (the client is left signed out).
 */
export async function userWithPasskey(client: CognitoClient): Promise<{ user: NewUser; passkey: PasskeyInfo }> {
  const user = await createUser();
  expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
  const passkey = await client.registerPasskey();
  await client.signOut();
  return { user, passkey };
}
