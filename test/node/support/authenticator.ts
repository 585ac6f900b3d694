/**
 * A software passkey authenticator for the Node tests: one ES256 (P-256) key pair per credential,
 * attestation format "none", and the JSON shapes a browser's PublicKeyCredential.toJSON() gives
 * (RegistrationResponseJSON, AuthenticationResponseJSON). Only node:crypto and a minimal CBOR
 * encoder: nothing here comes from the WebAuthn library the emulator verifies with.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// ---------------------------------------------------------------------------------------------
// CBOR (RFC 8949), just the types attestation objects and COSE keys use

type Cbor = number | string | Uint8Array | Cbor[] | Map<Cbor, Cbor> | { [key: string]: Cbor };

function head(major: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 0x100) return Buffer.from([(major << 5) | 24, value]);
  if (value < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(value, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(value, 1);
  return b;
}

export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('cbor: only integers');
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  const entries: [Cbor, Cbor][] = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

// ---------------------------------------------------------------------------------------------
// The authenticator

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const b64url = (data: Uint8Array) => Buffer.from(data).toString('base64url');

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export interface SoftwareCredential {
  id: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  rpId: string;
  userHandle: string;
  counter: number;
}

export interface CeremonyOptions {
  /** The page's origin, written into clientDataJSON (default: the authenticator's). */
  origin?: string;
  /** Sign for another relying party id than the options name. */
  rpId?: string;
  /** Leave the UV flag off (user presence only). */
  noUserVerification?: boolean;
}

export class SoftwareAuthenticator {
  readonly credentials: SoftwareCredential[] = [];

  constructor(readonly origin: string) {}

  private clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
  }

  private flags(extra: number, options: CeremonyOptions): number {
    return FLAG_UP | (options.noUserVerification ? 0 : FLAG_UV) | extra;
  }

  /** navigator.credentials.create() for CredentialCreationOptions (JSON form), as RegistrationResponseJSON. */
  create(creationOptions: Record<string, any>, options: CeremonyOptions = {}): Record<string, any> {
    const rpId: string = options.rpId ?? creationOptions.rp.id;
    if (!creationOptions.pubKeyCredParams.some((p: { alg: number }) => p.alg === -7)) throw new Error('authenticator: ES256 not offered');
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = new Map<Cbor, Cbor>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]);
    const id = randomBytes(16);
    const credential: SoftwareCredential = { id, privateKey, publicKey, rpId, userHandle: creationOptions.user.id, counter: 1 };
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(credential.counter);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([this.flags(FLAG_AT, options)]),
      counter,
      Buffer.alloc(16), // AAGUID: none
      idLength,
      id,
      cbor(coseKey),
    ]);
    const clientDataJSON = this.clientData('webauthn.create', creationOptions.challenge, options.origin ?? this.origin);
    const attestationObject = cbor({ fmt: 'none', attStmt: {}, authData });
    this.credentials.push(credential);
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ['internal', 'hybrid'],
        publicKeyAlgorithm: -7,
        publicKey: b64url(publicKey.export({ format: 'der', type: 'spki' })),
        authenticatorData: b64url(authData),
      },
    };
  }

  /** navigator.credentials.get() for PublicKeyCredentialRequestOptions (JSON form), as AuthenticationResponseJSON. */
  get(requestOptions: Record<string, any>, options: CeremonyOptions & { tamper?: boolean } = {}): Record<string, any> {
    const rpId: string = options.rpId ?? requestOptions.rpId;
    const allowed = new Set((requestOptions.allowCredentials ?? []).map((c: { id: string }) => c.id));
    const credential = this.credentials.find((c) => c.rpId === (requestOptions.rpId ?? rpId) && (allowed.size === 0 || allowed.has(b64url(c.id))));
    if (!credential) throw new Error('authenticator: no credential for these options');
    credential.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(credential.counter);
    const authData = Buffer.concat([sha256(rpId), Buffer.from([this.flags(0, options)]), counter]);
    const clientDataJSON = this.clientData('webauthn.get', requestOptions.challenge, options.origin ?? this.origin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    if (options.tamper) signature[signature.length - 1] ^= 0x01;
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
    };
  }
}
