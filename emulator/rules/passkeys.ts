/**
 * Passkey rules shared by registration (actions/webauthn.ts) and sign-in (sign-in/passkey.ts).
 *
 * A pool has passkeys when its sign-in policy allows WEB_AUTHN as a first factor and it has a relying
 * party: WebAuthnConfiguration.RelyingPartyId (SetUserPoolMfaConfig), else the pool's own domain, its
 * custom domain or else its prefix domain (UserPoolType.CustomDomain / Domain, as a seed gives them).
 * Origins are accepted when their host is the relying party id or a subdomain of it, over https (or
 * http for localhost and 127.0.0.1). The ceremonies are checked with @simplewebauthn/server.
 */
import * as E from '../errors.ts';
import type { Pool, User, WebAuthnCredentialRecord } from '../state.ts';

/** Cognito's WebAuthn refusals. */
const error = (type: string) => (message: string) => new E.ServiceError(type, message);
const NotEnabled = error('WebAuthnNotEnabledException');
const ConfigurationMissing = error('WebAuthnConfigurationMissingException');
export const ChallengeNotFound = error('WebAuthnChallengeNotFoundException');
export const OriginNotAllowed = error('WebAuthnOriginNotAllowedException');
export const RelyingPartyMismatch = error('WebAuthnRelyingPartyMismatchException');
export const ClientMismatch = error('WebAuthnClientMismatchException');
export const CredentialNotSupported = error('WebAuthnCredentialNotSupportedException');

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
export function requirePasskeys(pool: Pool): { rpId: string; userVerification: 'required' | 'preferred' } {
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
    throw E.InvalidParameter(
      `1 validation error detected: Value '${String(UserVerification)}' at 'webAuthnConfiguration.userVerification' failed to satisfy constraint: Member must satisfy enum value set: [required, preferred]`,
    );
  }
  if (FactorConfiguration !== undefined && FactorConfiguration !== 'SINGLE_FACTOR' && FactorConfiguration !== 'MULTI_FACTOR_WITH_USER_VERIFICATION') {
    throw E.InvalidParameter(
      `1 validation error detected: Value '${String(FactorConfiguration)}' at 'webAuthnConfiguration.factorConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [SINGLE_FACTOR, MULTI_FACTOR_WITH_USER_VERIFICATION]`,
    );
  }
  return {
    ...(RelyingPartyId ? { RelyingPartyId: RelyingPartyId.toLowerCase() } : {}),
    UserVerification: UserVerification ?? 'preferred',
    ...(FactorConfiguration ? { FactorConfiguration: FactorConfiguration as 'SINGLE_FACTOR' } : {}),
  };
}

/** The user's passkeys (an empty list for users stored before passkeys existed here). */
export function credentialsOf(user: User): WebAuthnCredentialRecord[] {
  return (user.webAuthnCredentials ??= []);
}

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

export function clientDataOf(credential: { response?: { clientDataJSON?: unknown } }): ClientData {
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
export function ceremonyOrigin(clientData: ClientData, requestOrigin: string | undefined, rpId: string): string | undefined {
  const origin = typeof clientData.origin === 'string' ? clientData.origin : undefined;
  if (!origin || !originAllowed(origin, rpId)) return undefined;
  if (requestOrigin !== undefined && requestOrigin !== origin) return undefined;
  return origin;
}

/** A credential as JSON: the SDKs send an object (a document); a JSON string is accepted too. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON (JWT claims, a WebAuthn credential): each member is checked where it is read
export function parseCredential(value: unknown, member: string): Record<string, any> {
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
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON (JWT claims, a WebAuthn credential): each member is checked where it is read
  const c = credential as Record<string, any>;
  if (typeof c.id !== 'string' || typeof c.rawId !== 'string' || c.type !== 'public-key' || !c.response || typeof c.response !== 'object') {
    throw E.InvalidParameter(`${member} must have id, rawId, type "public-key" and response.`);
  }
  return c;
}

/** Whether USER_AUTH may offer WEB_AUTHN to this user: the pool has passkeys and the user one. */
export function canSignInWithPasskey(pool: Pool, user: User): boolean {
  const config = passkeyConfig(pool);
  return config !== undefined && credentialsOf(user).some((c) => c.relyingPartyId === config.rpId);
}
