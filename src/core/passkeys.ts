/**
 * The browser's side of passkeys (WebAuthn), loaded on demand only: the first passkey sign-in step
 * or account call imports it, so apps that never use passkeys do not ship it.
 *
 * Cognito speaks the JSON forms of WebAuthn (PublicKeyCredentialCreationOptionsJSON and
 * RequestOptionsJSON in, RegistrationResponseJSON and AuthenticationResponseJSON out, binary
 * fields as base64url). Browsers that have `PublicKeyCredential.parse*OptionsFromJSON` and
 * `credential.toJSON()` convert; for the others a small converter here does the same.
 */
// Types only: what the eager core holds (PasskeyError, the action descriptions) comes from the
// caller, since importing it here would split it out of the core into a chunk of its own (and the
// size budget counts every chunk the core imports).
import type { UserCall } from './actions.ts';
import type { PasskeyError } from './errors.ts';

type Fail = typeof PasskeyError;

/** A passkey of the user's, as listPasskeys gives it. */
export interface PasskeyInfo {
  /** base64url, as WebAuthn and Cognito write it; what deletePasskey takes. */
  credentialId: string;
  /** The name Cognito gives it (from the authenticator), if any. */
  name?: string;
  relyingPartyId: string;
  /** 'platform' (built into the device) or 'cross-platform' (a security key, a phone). */
  attachment?: string;
  /** How the authenticator is reached: 'internal', 'usb', 'nfc', 'ble', 'hybrid'. */
  transports?: string[];
  createdAt: Date;
}

// Cognito's WebAuthn options and the browser's credential, as JSON: each field is read and checked where it is used.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** base64url (with or without padding) to bytes. */
export function fromBase64url(text: string): ArrayBuffer {
  // atob decodes "forgivingly": the padding may be there or not.
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** Bytes to base64url without padding. */
export function toBase64url(data: ArrayBuffer | ArrayBufferView): string {
  const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Credential descriptors (allowCredentials, excludeCredentials) with their ids as bytes. */
const descriptors = (list?: Json[]): PublicKeyCredentialDescriptor[] | undefined =>
  list?.map((d) => ({ ...d, id: fromBase64url(d.id) }) as PublicKeyCredentialDescriptor);

/** PublicKeyCredential's static JSON parsers, which older browsers lack (and Node has no PublicKeyCredential at all). */
interface Parsers {
  parseCreationOptionsFromJSON?: (json: Json) => PublicKeyCredentialCreationOptions;
  parseRequestOptionsFromJSON?: (json: Json) => PublicKeyCredentialRequestOptions;
}

const native = (): Parsers | undefined => (globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential as Parsers | undefined;

/** PublicKeyCredentialCreationOptionsJSON (as StartWebAuthnRegistration returns it) to what navigator.credentials.create takes. */
export function creationOptions(json: Json): PublicKeyCredentialCreationOptions {
  const parse = native()?.parseCreationOptionsFromJSON;
  if (parse) return parse(json);
  return {
    ...json,
    challenge: fromBase64url(json.challenge),
    user: { ...json.user, id: fromBase64url(json.user.id) },
    excludeCredentials: descriptors(json.excludeCredentials),
  } as PublicKeyCredentialCreationOptions;
}

/** PublicKeyCredentialRequestOptionsJSON (Cognito's CREDENTIAL_REQUEST_OPTIONS) to what navigator.credentials.get takes. */
export function requestOptions(json: Json): PublicKeyCredentialRequestOptions {
  const parse = native()?.parseRequestOptionsFromJSON;
  if (parse) return parse(json);
  return { ...json, challenge: fromBase64url(json.challenge), allowCredentials: descriptors(json.allowCredentials) };
}

/** A new or asserted credential as RegistrationResponseJSON / AuthenticationResponseJSON. */
export function credentialJson(credential: PublicKeyCredential): Json {
  if (typeof (credential as { toJSON?: unknown }).toJSON === 'function') return credential.toJSON();
  const r = credential.response as AuthenticatorAttestationResponse & AuthenticatorAssertionResponse;
  const response: Json = { clientDataJSON: toBase64url(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = toBase64url(r.attestationObject);
    response.transports = r.getTransports?.() ?? [];
    const data = r.getAuthenticatorData?.();
    if (data) response.authenticatorData = toBase64url(data);
    const key = r.getPublicKey?.();
    if (key) response.publicKey = toBase64url(key);
    const algorithm = r.getPublicKeyAlgorithm?.();
    if (algorithm !== undefined) response.publicKeyAlgorithm = algorithm;
  } else {
    response.authenticatorData = toBase64url(r.authenticatorData);
    response.signature = toBase64url(r.signature);
    if (r.userHandle) response.userHandle = toBase64url(r.userHandle);
  }
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    response,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults?.() ?? {},
  };
}

/**
 * Runs one ceremony; every way it can fail becomes a PasskeyError (made with `PasskeyError`, the
 * caller's class), except an abort by the app's own signal, which throws the signal's reason.
 */
async function ceremony(PasskeyError: Fail, run: () => Promise<Credential | null>, signal?: AbortSignal): Promise<Json> {
  if (!native() || !globalThis.navigator?.credentials) {
    throw new PasskeyError('This browser does not support passkeys.', 'unsupported');
  }
  let credential: Credential | null;
  try {
    credential = await run();
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    const name = (error as { name?: string })?.name;
    if (name === 'NotAllowedError' || name === 'AbortError') {
      throw new PasskeyError('The passkey request was cancelled or timed out.', 'cancelled', { cause: error });
    }
    if (name === 'NotSupportedError') throw new PasskeyError('No passkey authenticator here supports this request.', 'unsupported', { cause: error });
    throw new PasskeyError(`The passkey request failed: ${(error as Error)?.message ?? error}`, 'failed', { cause: error });
  }
  if (!credential || credential.type !== 'public-key') throw new PasskeyError('The browser returned no passkey.', 'failed');
  try {
    return credentialJson(credential as PublicKeyCredential);
  } catch (error) {
    throw new PasskeyError('The passkey the browser returned could not be read.', 'failed', { cause: error });
  }
}

/** Creates a passkey for StartWebAuthnRegistration's options; returns the RegistrationResponseJSON CompleteWebAuthnRegistration takes. */
export function createPasskey(fail: Fail, json: Json, signal?: AbortSignal): Promise<Json> {
  return ceremony(fail, () => navigator.credentials.create({ publicKey: creationOptions(json), signal }), signal);
}

/** Signs Cognito's challenge with a passkey (its CREDENTIAL_REQUEST_OPTIONS, parsed); returns the AuthenticationResponseJSON. */
export function getPasskey(fail: Fail, options: Json, signal?: AbortSignal): Promise<Json> {
  return ceremony(fail, () => navigator.credentials.get({ publicKey: requestOptions(options), signal }), signal);
}

/** The user's passkeys: every page of ListWebAuthnCredentials. */
export async function listPasskeys(call: UserCall): Promise<PasskeyInfo[]> {
  const passkeys: PasskeyInfo[] = [];
  let token: string | undefined;
  do {
    const page = await call('ListWebAuthnCredentials', { NextToken: token });
    for (const c of page.Credentials ?? []) {
      passkeys.push({
        credentialId: c.CredentialId,
        name: c.FriendlyCredentialName,
        relyingPartyId: c.RelyingPartyId,
        attachment: c.AuthenticatorAttachment,
        transports: c.AuthenticatorTransports,
        createdAt: new Date(c.CreatedAt * 1000),
      });
    }
    token = page.NextToken;
  } while (token);
  return passkeys;
}

/** StartWebAuthnRegistration, the browser's create ceremony, CompleteWebAuthnRegistration; then the new passkey as listed. */
export async function registerPasskey(call: UserCall, fail: Fail, signal?: AbortSignal): Promise<PasskeyInfo> {
  const { CredentialCreationOptions: options } = await call('StartWebAuthnRegistration', {});
  const credential = await createPasskey(fail, options, signal);
  await call('CompleteWebAuthnRegistration', { Credential: credential });
  const credentialId = credential.id as string;
  // Listed as Cognito keeps it; should the list not show it (yet), what we know of it.
  return (
    (await listPasskeys(call)).find((p) => p.credentialId === credentialId) ?? {
      credentialId,
      relyingPartyId: (options.rp as { id?: string } | undefined)?.id ?? location.hostname,
      createdAt: new Date(),
    }
  );
}
