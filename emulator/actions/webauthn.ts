/**
 * Passkeys (WebAuthn): registration and management for a signed-in user, and the WEB_AUTHN
 * challenge of choice-based sign-in (USER_AUTH). The ceremonies are checked with
 * @simplewebauthn/server; this file decides what Cognito answers around them.
 *
 * A pool has passkeys when its sign-in policy allows WEB_AUTHN as a first factor and it has a relying
 * party: WebAuthnConfiguration.RelyingPartyId (SetUserPoolMfaConfig), else the pool's own domain, its
 * custom domain or else its prefix domain (UserPoolType.CustomDomain / Domain, as a seed gives them).
 * Origins are accepted when their host is the relying party id or a subdomain of it, over https (or
 * http for localhost and 127.0.0.1).
 */
import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { RequestContext } from '../context.ts';
import type { AccessTokenInput } from '../api-shapes.ts';
import * as E from '../errors.ts';
import { checkNotLocked, recordFailedSignIn } from '../model.ts';
import type { Pool, User, WebAuthnCredentialRecord } from '../state.ts';
import { verifyAccessToken } from '../tokens.ts';
import { required } from '../validate.ts';
import { type AuthResponse, challenge, endSession, type Step } from './auth-steps.ts';

/**
 * The ceremony timeouts Cognito sends: 60 s in CredentialCreationOptions, 180 s in
 * CREDENTIAL_REQUEST_OPTIONS (the answers captured in Amplify v6's packages/auth/__tests__/mockData.ts,
 * passkeyCredentialCreateOptions and passkeyCredentialRequestOptions).
 */
const REGISTRATION_TIMEOUT_MS = 60_000;
const SIGN_IN_TIMEOUT_MS = 180_000;
/** How long a StartWebAuthnRegistration challenge may be completed (the ceremony timeout, plus slack). */
const REGISTRATION_VALIDITY_MS = 5 * 60_000;
/** Cognito's limit on passkeys per user (ListWebAuthnCredentials MaxResults is 0 to 20 for the same reason). */
const MAX_CREDENTIALS = 20;
const ES256 = -7;
const RS256 = -257;

const error = (type: string) => (message: string) => new E.ServiceError(type, message);
const NotEnabled = error('WebAuthnNotEnabledException');
const ConfigurationMissing = error('WebAuthnConfigurationMissingException');
const ChallengeNotFound = error('WebAuthnChallengeNotFoundException');
const OriginNotAllowed = error('WebAuthnOriginNotAllowedException');
const RelyingPartyMismatch = error('WebAuthnRelyingPartyMismatchException');
const ClientMismatch = error('WebAuthnClientMismatchException');
const CredentialNotSupported = error('WebAuthnCredentialNotSupportedException');

// ---------------------------------------------------------------------------------------------
// Pool configuration

/**
 * The relying party id: the configured one, else the user pool's domain, "typically your user pool
 * domain" and the custom domain's full name when the pool has one, prefix domain or not (API
 * reference, WebAuthnConfigurationType.RelyingPartyId); a prefix domain is
 * `<prefix>.auth.<region>.amazoncognito.com`.
 */
export function relyingPartyId(pool: Pool): string | undefined {
  const configured = pool.config.WebAuthnConfiguration?.RelyingPartyId;
  if (configured) return configured;
  const { CustomDomain, Domain } = pool.config;
  if (typeof CustomDomain === 'string' && CustomDomain) return CustomDomain.toLowerCase();
  if (typeof Domain === 'string' && Domain) return `${Domain.toLowerCase()}.auth.${pool.config.Id.split('_')[0]}.amazoncognito.com`;
  return undefined;
}

/** The pool's relying party and user-verification setting, or undefined when passkeys are off. */
export function passkeyConfig(pool: Pool): { rpId: string; userVerification: 'required' | 'preferred' } | undefined {
  const allowed = pool.config.Policies.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
  const rpId = relyingPartyId(pool);
  if (!allowed.includes('WEB_AUTHN') || !rpId) return undefined;
  return { rpId, userVerification: pool.config.WebAuthnConfiguration?.UserVerification === 'required' ? 'required' : 'preferred' };
}

/** As passkeyConfig, but throws what Cognito answers when passkeys are off. */
function requirePasskeys(pool: Pool): { rpId: string; userVerification: 'required' | 'preferred' } {
  const config = passkeyConfig(pool);
  if (config) return config;
  const allowed = pool.config.Policies.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
  if (allowed.includes('WEB_AUTHN')) throw ConfigurationMissing('The user pool has no relying party id for passkeys and no domain to default it to.');
  throw NotEnabled('Passkey sign-in is not enabled for this user pool.');
}

/** Checks (and normalises) a WebAuthnConfiguration given to SetUserPoolMfaConfig. */
export function validateWebAuthnConfiguration(value: unknown): Pool['config']['WebAuthnConfiguration'] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw E.InvalidParameter('WebAuthnConfiguration must be an object.');
  }
  const { RelyingPartyId, UserVerification, FactorConfiguration } = value as Record<string, unknown>;
  if (RelyingPartyId !== undefined && (typeof RelyingPartyId !== 'string' || !/^[a-z0-9.-]{1,127}$/i.test(RelyingPartyId))) {
    throw E.InvalidParameter(`Invalid RelyingPartyId ${String(RelyingPartyId)}: expected a domain name.`);
  }
  if (UserVerification !== undefined && UserVerification !== 'required' && UserVerification !== 'preferred') {
    throw E.InvalidParameter(`1 validation error detected: Value '${String(UserVerification)}' at 'webAuthnConfiguration.userVerification' failed to satisfy constraint: Member must satisfy enum value set: [required, preferred]`);
  }
  if (FactorConfiguration !== undefined && FactorConfiguration !== 'SINGLE_FACTOR' && FactorConfiguration !== 'MULTI_FACTOR_WITH_USER_VERIFICATION') {
    throw E.InvalidParameter(`1 validation error detected: Value '${String(FactorConfiguration)}' at 'webAuthnConfiguration.factorConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [SINGLE_FACTOR, MULTI_FACTOR_WITH_USER_VERIFICATION]`);
  }
  return {
    ...(RelyingPartyId ? { RelyingPartyId: (RelyingPartyId as string).toLowerCase() } : {}),
    UserVerification: (UserVerification as 'required' | 'preferred' | undefined) ?? 'preferred',
    ...(FactorConfiguration ? { FactorConfiguration: FactorConfiguration as 'SINGLE_FACTOR' } : {}),
  };
}

/** The user's passkeys (an empty list for users stored before passkeys existed here). */
export function credentialsOf(user: User): WebAuthnCredentialRecord[] {
  return (user.webAuthnCredentials ??= []);
}

// ---------------------------------------------------------------------------------------------
// Origins

/** Whether a web origin may use this relying party: its host or a subdomain, https (http on loopback). */
export function originAllowed(origin: string, rpId: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false; // a path, user info or a trailing slash: not an origin
  const host = url.hostname.toLowerCase();
  if (host !== rpId && !host.endsWith(`.${rpId}`)) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (host === 'localhost' || host === '127.0.0.1');
}

interface ClientData {
  type?: unknown;
  challenge?: unknown;
  origin?: unknown;
}

function clientDataOf(credential: { response?: { clientDataJSON?: unknown } }): ClientData {
  const raw = credential.response?.clientDataJSON;
  if (typeof raw !== 'string') throw E.InvalidParameter('Credential.response.clientDataJSON must be a base64url string.');
  try {
    const data = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (data && typeof data === 'object') return data;
  } catch {
    // fall through
  }
  throw E.InvalidParameter('Credential.response.clientDataJSON is not base64url-encoded JSON.');
}

/**
 * The origin the ceremony ran at, as both the browser's `Origin` header (when it sent one) and
 * the signed client data must name it; undefined when it is not one the relying party allows.
 */
function ceremonyOrigin(clientData: ClientData, requestOrigin: string | undefined, rpId: string): string | undefined {
  const origin = typeof clientData.origin === 'string' ? clientData.origin : undefined;
  if (!origin || !originAllowed(origin, rpId)) return undefined;
  if (requestOrigin !== undefined && requestOrigin !== origin) return undefined;
  return origin;
}

/** A credential as JSON: the SDKs send an object (a document); a JSON string is accepted too. */
function parseCredential(value: unknown, member: string): Record<string, any> {
  let credential = value;
  if (typeof credential === 'string') {
    try {
      credential = JSON.parse(credential);
    } catch {
      throw E.InvalidParameter(`${member} is not valid JSON.`);
    }
  }
  if (credential === null || typeof credential !== 'object' || Array.isArray(credential)) {
    throw E.InvalidParameter(`${member} must be a public-key credential as JSON.`);
  }
  const c = credential as Record<string, any>;
  if (typeof c.id !== 'string' || typeof c.rawId !== 'string' || c.type !== 'public-key' || !c.response || typeof c.response !== 'object') {
    throw E.InvalidParameter(`${member} must have id, rawId, type "public-key" and response.`);
  }
  return c;
}

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
  const transports = Array.isArray(credential.response.transports)
    ? credential.response.transports.filter((t: unknown): t is string => typeof t === 'string')
    : [];
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
    throw E.InvalidParameter(`1 validation error detected: Value '${String(limit)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_CREDENTIALS}`);
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

// ---------------------------------------------------------------------------------------------
// Sign-in: the WEB_AUTHN challenge of USER_AUTH

/** Whether USER_AUTH may offer WEB_AUTHN to this user: the pool has passkeys and the user one. */
export function canSignInWithPasskey(pool: Pool, user: User): boolean {
  const config = passkeyConfig(pool);
  return config !== undefined && credentialsOf(user).some((c) => c.relyingPartyId === config.rpId);
}

/** Answers ChallengeName WEB_AUTHN with CREDENTIAL_REQUEST_OPTIONS (a JSON string), as Cognito does. */
export async function passkeyChallenge(step: Step): Promise<AuthResponse> {
  const { emu, pool, user, session } = step;
  const { rpId, userVerification } = requirePasskeys(pool);
  const credentials = credentialsOf(user).filter((c) => c.relyingPartyId === rpId);
  const options = await generateAuthenticationOptions({
    rpID: rpId,
    challenge: randomBytes(32),
    timeout: SIGN_IN_TIMEOUT_MS,
    userVerification,
    allowCredentials: credentials.map((c) => ({ id: c.credentialId })),
  });
  session.webAuthnChallenge = options.challenge;
  // Cognito's members in Cognito's order, the empty hints and attestation members included, and
  // allowCredentials as id and type only (Amplify v6 mockData.ts, passkeyCredentialRequestOptions).
  const requestOptions = {
    hints: [],
    attestation: 'none',
    attestationFormats: [],
    challenge: options.challenge,
    timeout: SIGN_IN_TIMEOUT_MS,
    rpId,
    allowCredentials: credentials.map((c) => ({ id: c.credentialId, type: 'public-key' })),
    userVerification,
  };
  return challenge(emu, session, 'WEB_AUTHN', { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(requestOptions) });
}

/**
 * Checks the CREDENTIAL answering a WEB_AUTHN challenge: one of the user's passkeys, signing this
 * session's challenge at an allowed origin for the pool's relying party, with a counter that moved
 * on. Any failure is a wrong credential (NotAuthorizedException, counted like a wrong password).
 */
export async function verifyPasskeyAssertion(step: Step, value: unknown, requestOrigin: string | undefined): Promise<void> {
  const { emu, pool, user, session } = step;
  const { rpId, userVerification } = requirePasskeys(pool);
  checkNotLocked(emu, user);
  const expectedChallenge = session.webAuthnChallenge;
  const refuse = (why: string): never => {
    emu.log(`WEB_AUTHN refused for ${user.Username}: ${why}`);
    recordFailedSignIn(emu, user);
    endSession(emu, session);
    throw E.NotAuthorized(E.WRONG_CREDENTIALS);
  };
  if (typeof value !== 'string' && (value === null || typeof value !== 'object')) {
    throw E.InvalidParameter('Missing required parameter CREDENTIAL');
  }
  const credential = parseCredential(value, 'CREDENTIAL');
  const stored = credentialsOf(user).find((c) => c.credentialId === credential.id && c.relyingPartyId === rpId);
  if (!stored || !expectedChallenge) return refuse('not one of the user\'s passkeys');
  const origin = ceremonyOrigin(clientDataOf(credential), requestOrigin, rpId);
  if (!origin) return refuse('origin not allowed');
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response: credential as AuthenticationResponseJSON,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpId,
      credential: {
        id: stored.credentialId,
        publicKey: new Uint8Array(Buffer.from(stored.publicKey, 'base64url')),
        counter: stored.counter,
        transports: stored.transports as never,
      },
      requireUserVerification: userVerification === 'required',
    });
  } catch (cause) {
    return refuse((cause as Error).message ?? String(cause));
  }
  if (!result.verified) return refuse('bad signature');
  stored.counter = result.authenticationInfo.newCounter;
  stored.lastUsedAt = emu.now();
  session.webAuthnChallenge = undefined;
  emu.changed();
}
