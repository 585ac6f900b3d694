/**
 * Passkey registration and management. The emulator's pools have no WebAuthn relying party, so
 * these answer as Cognito does for a pool without passkeys, after the same access-token check.
 */
import type { HandlerMap } from '../context.ts';
import * as E from '../errors.ts';
import { verifyAccessToken } from '../tokens.ts';
import { required } from '../validate.ts';

const notEnabled = () => new E.ServiceError('WebAuthnNotEnabledException', 'Passkey sign-in is not enabled for this user pool.');

export const webAuthnActions: HandlerMap = {
  async StartWebAuthnRegistration(input, { emu }) {
    required(input, 'AccessToken');
    await verifyAccessToken(emu, input.AccessToken);
    throw notEnabled();
  },

  async CompleteWebAuthnRegistration(input, { emu }) {
    required(input, 'AccessToken', 'Credential');
    await verifyAccessToken(emu, input.AccessToken);
    throw notEnabled();
  },

  async ListWebAuthnCredentials(input, { emu }) {
    required(input, 'AccessToken');
    await verifyAccessToken(emu, input.AccessToken);
    return { Credentials: [] };
  },

  async DeleteWebAuthnCredential(input, { emu }) {
    required(input, 'AccessToken', 'CredentialId');
    await verifyAccessToken(emu, input.AccessToken);
    // No passkey can have been registered, so no credential id names one.
    throw E.ResourceNotFound(`Credential ${input.CredentialId} not found.`);
  },
};
