/**
 * The one piece of SigV4 that aws4fetch does not expose: the signing key, needed to sign an S3 POST
 * policy (the policy, base64-encoded, is the string to sign). Loaded only by createS3PostPolicy.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * SigV4's signing key: HMAC-SHA256 chained over the date (YYYYMMDD), the region, the service and
 * "aws4_request", starting from "AWS4" + the secret key.
 */
export function sigV4SigningKey(secretAccessKey: string, date: string, region: string, service: string): Uint8Array {
  const kDate = hmac(sha256, utf8ToBytes(`AWS4${secretAccessKey}`), utf8ToBytes(date));
  const kRegion = hmac(sha256, kDate, utf8ToBytes(region));
  const kService = hmac(sha256, kRegion, utf8ToBytes(service));
  return hmac(sha256, kService, utf8ToBytes('aws4_request'));
}

/** The signature of a base64 POST policy: hex HMAC-SHA256 of it with the signing key. */
export function policySignature(policyBase64: string, secretAccessKey: string, date: string, region: string, service = 's3'): string {
  return bytesToHex(hmac(sha256, sigV4SigningKey(secretAccessKey, date, region, service), utf8ToBytes(policyBase64)));
}
