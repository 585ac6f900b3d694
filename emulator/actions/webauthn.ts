/**
 * Passkeys (WebAuthn) a signed-in user manages: registration (StartWebAuthnRegistration,
 * CompleteWebAuthnRegistration), listing and deleting. The WEB_AUTHN sign-in challenge is in
 * sign-in/passkey.ts; the pool's passkey rules in rules/passkeys.ts.
 */
import { generateRegistrationOptions, type RegistrationResponseJSON, verifyRegistrationResponse } from '@simplewebauthn/server';
import type { AccessTokenInput } from '../api-shapes.ts';
import type { RequestContext } from '../context.ts';
import * as E from '../errors.ts';
import {
  ceremonyOrigin,
  ChallengeNotFound,
  clientDataOf,
  ClientMismatch,
  CredentialNotSupported,
  credentialsOf,
  OriginNotAllowed,
  parseCredential,
  RelyingPartyMismatch,
  requirePasskeys,
} from '../rules/passkeys.ts';
import type { WebAuthnCredentialRecord } from '../state.ts';
import { verifyAccessToken } from '../tokens.ts';
import { required } from '../validate.ts';

/**
 * The ceremony timeouts Cognito sends: 60 s in CredentialCreationOptions, 180 s in
 * CREDENTIAL_REQUEST_OPTIONS (the answers captured in Amplify v6's packages/auth/__tests__/mockData.ts,
 * passkeyCredentialCreateOptions and passkeyCredentialRequestOptions).
 */
const REGISTRATION_TIMEOUT_MS = 60_000;
/** How long a StartWebAuthnRegistration challenge may be completed (the ceremony timeout, plus slack). */
const REGISTRATION_VALIDITY_MS = 5 * 60_000;
/** Cognito's limit on passkeys per user (ListWebAuthnCredentials MaxResults is 0 to 20 for the same reason). */
const MAX_CREDENTIALS = 20;
const ES256 = -7;
const RS256 = -257;

// ---------------------------------------------------------------------------------------------
// Registration and management

function describe(credential: WebAuthnCredentialRecord) {
  return {
    CredentialId: credential.credentialId,
    ...(credential.friendlyName !== null ? { FriendlyCredentialName: credential.friendlyName } : {}),
    RelyingPartyId: credential.relyingPartyId,
    ...(credential.authenticatorAttachment ? { AuthenticatorAttachment: credential.authenticatorAttachment } : {}),
    AuthenticatorTransports: credential.transports,
    CreatedAt: Math.floor(credential.createdAt / 1000),
  };
}

/** Why the library refused a registration, in Cognito's terms. */
function registrationRefusal(message: string): E.ServiceError {
  if (/RP ID/i.test(message)) return RelyingPartyMismatch('The passkey was created for a different relying party.');
  if (/challenge/i.test(message)) return ChallengeNotFound('The passkey answers a different registration challenge.');
  if (/origin/i.test(message)) return OriginNotAllowed('The passkey was created at an origin the relying party does not allow.');
  if (/alg|Attestation Format|attestation statement|not supported|verif/i.test(message)) {
    return CredentialNotSupported(`The passkey is not supported: ${message}`);
  }
  return E.InvalidParameter(`Invalid passkey registration: ${message}`);
}

export type StartWebAuthnRegistrationInput = AccessTokenInput;

export async function startWebAuthnRegistration(input: StartWebAuthnRegistrationInput, { emu }: RequestContext) {
  required(input, 'AccessToken');
  const { pool, user, clientId } = await verifyAccessToken(emu, input.AccessToken);
  const { rpId, userVerification } = requirePasskeys(pool);
  const existing = credentialsOf(user);
  if (existing.length >= MAX_CREDENTIALS) throw E.LimitExceeded(`A user can have at most ${MAX_CREDENTIALS} passkeys.`);
  // The user handle is the user's sub, as on Cognito (so a discoverable credential names the user).
  const userHandle = Buffer.from(user.Attributes.sub ?? user.Username, 'utf8');
  const options = await generateRegistrationOptions({
    rpName: rpId,
    rpID: rpId,
    userName: user.Username,
    userID: userHandle,
    userDisplayName: user.Username,
    timeout: REGISTRATION_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credentialId })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification },
    supportedAlgorithmIDs: [ES256, RS256],
  });
  user.webAuthnRegistration = {
    challenge: options.challenge,
    clientId,
    userHandle: userHandle.toString('base64url'),
    expiresAt: emu.now() + REGISTRATION_VALIDITY_MS,
  };
  emu.changed();
  // The members Cognito sends, in its shape (no attestation, hints or extensions), with an empty
  // user.displayName: Amplify v6 mockData.ts, passkeyCredentialCreateOptions.
  return {
    CredentialCreationOptions: {
      authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification },
      challenge: options.challenge,
      excludeCredentials: existing.map((c) => ({ id: c.credentialId, type: 'public-key' })),
      pubKeyCredParams: [ES256, RS256].map((alg) => ({ alg, type: 'public-key' })),
      rp: { id: rpId, name: rpId },
      timeout: REGISTRATION_TIMEOUT_MS,
      user: { displayName: '', id: options.user.id, name: user.Username },
    },
  };
}

export interface CompleteWebAuthnRegistrationInput extends AccessTokenInput {
  Credential: Record<string, unknown>;
}

export async function completeWebAuthnRegistration(input: CompleteWebAuthnRegistrationInput, { emu, origin: requestOrigin }: RequestContext) {
  required(input, 'AccessToken', 'Credential');
  const { pool, user, clientId } = await verifyAccessToken(emu, input.AccessToken);
  const { rpId, userVerification } = requirePasskeys(pool);
  const pending = user.webAuthnRegistration;
  if (!pending || pending.expiresAt < emu.now()) {
    throw ChallengeNotFound('No passkey registration is in progress, or it has expired: call StartWebAuthnRegistration.');
  }
  if (pending.clientId !== clientId) throw ClientMismatch('The access token is for a different app client than StartWebAuthnRegistration.');
  const credential = parseCredential(input.Credential, 'Credential');
  const clientData = clientDataOf(credential);
  if (clientData.type !== 'webauthn.create') throw E.InvalidParameter('Credential is not a registration (clientDataJSON.type must be webauthn.create).');
  const origin = ceremonyOrigin(clientData, requestOrigin, rpId);
  if (!origin) throw OriginNotAllowed(`Origin ${String(clientData.origin)} is not allowed for relying party ${rpId}.`);
  if (clientData.challenge !== pending.challenge) throw ChallengeNotFound('The passkey answers a different registration challenge.');

  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: credential as RegistrationResponseJSON,
      expectedChallenge: pending.challenge,
      expectedOrigin: origin,
      expectedRPID: rpId,
      requireUserVerification: userVerification === 'required',
      supportedAlgorithmIDs: [ES256, RS256],
    });
  } catch (cause) {
    throw registrationRefusal((cause as Error).message ?? String(cause));
  }
  if (!verified.verified) throw E.InvalidParameter('The passkey registration could not be verified.');
  const info = verified.registrationInfo;
  const id = info.credential.id;
  for (const other of Object.values(pool.users)) {
    if (credentialsOf(other).some((c) => c.credentialId === id)) throw E.InvalidParameter('This passkey is already registered.');
  }
  const transports = Array.isArray(credential.response.transports) ? credential.response.transports.filter((t: unknown): t is string => typeof t === 'string') : [];
  const attachment = credential.authenticatorAttachment;
  credentialsOf(user).push({
    credentialId: id,
    publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
    counter: info.credential.counter,
    transports,
    ...(attachment === 'platform' || attachment === 'cross-platform' ? { authenticatorAttachment: attachment } : {}),
    // Cognito names passkeys from what it knows of the authenticator; the emulator knows nothing.
    friendlyName: null,
    relyingPartyId: rpId,
    aaguid: info.aaguid,
    createdAt: emu.now(),
  });
  user.webAuthnRegistration = undefined;
  emu.changed();
  return {};
}

export interface ListWebAuthnCredentialsInput extends AccessTokenInput {
  NextToken?: string;
  MaxResults?: number;
}

export async function listWebAuthnCredentials(input: ListWebAuthnCredentialsInput, { emu }: RequestContext) {
  required(input, 'AccessToken');
  const { user } = await verifyAccessToken(emu, input.AccessToken);
  const limit = input.MaxResults;
  const pageSize = limit === undefined || limit === null ? MAX_CREDENTIALS : Number(limit);
  if (!Number.isInteger(pageSize) || pageSize < 0 || pageSize > MAX_CREDENTIALS) {
    throw E.InvalidParameter(
      `1 validation error detected: Value '${String(limit)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_CREDENTIALS}`,
    );
  }
  const all = credentialsOf(user);
  let start = 0;
  if (input.NextToken !== undefined && input.NextToken !== null) {
    start = Number.parseInt(Buffer.from(String(input.NextToken), 'base64url').toString('utf8'), 10);
    if (!Number.isInteger(start) || start < 0 || start > all.length) throw E.InvalidParameter('Invalid NextToken.');
  }
  const end = start + pageSize;
  return {
    Credentials: all.slice(start, end).map(describe),
    ...(pageSize > 0 && end < all.length ? { NextToken: Buffer.from(String(end)).toString('base64url') } : {}),
  };
}

export interface DeleteWebAuthnCredentialInput extends AccessTokenInput {
  CredentialId: string;
}

export async function deleteWebAuthnCredential(input: DeleteWebAuthnCredentialInput, { emu }: RequestContext) {
  required(input, 'AccessToken', 'CredentialId');
  const { user } = await verifyAccessToken(emu, input.AccessToken);
  const all = credentialsOf(user);
  const index = all.findIndex((c) => c.credentialId === input.CredentialId);
  if (index < 0) throw E.ResourceNotFound(`Credential ${input.CredentialId} not found.`);
  all.splice(index, 1);
  emu.changed();
  return {};
}
