/** The WEB_AUTHN challenge of choice-based sign-in (USER_AUTH): asking for a passkey and checking its assertion. */
import { type AuthenticationResponseJSON, generateAuthenticationOptions, verifyAuthenticationResponse } from '@simplewebauthn/server';
import { randomBytes } from 'node:crypto';
import * as E from '../errors.ts';
import { checkNotLocked, recordFailedSignIn } from '../model.ts';
import { ceremonyOrigin, clientDataOf, credentialsOf, parseCredential, requirePasskeys } from '../rules/passkeys.ts';
import type { SessionFor } from '../state.ts';
import { type AuthResponse, challenge, endSession, type Step } from './session.ts';

const SIGN_IN_TIMEOUT_MS = 180_000;

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
  return challenge(emu, session, { challenge: 'WEB_AUTHN', webAuthnChallenge: options.challenge }, { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(requestOptions) });
}

/**
 * Checks the CREDENTIAL answering a WEB_AUTHN challenge: one of the user's passkeys, signing this
 * session's challenge at an allowed origin for the pool's relying party, with a counter that moved
 * on. Any failure is a wrong credential (NotAuthorizedException, counted like a wrong password).
 */
export async function verifyPasskeyAssertion(step: Step<SessionFor<'WEB_AUTHN'>>, value: unknown, requestOrigin: string | undefined): Promise<void> {
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
  if (!stored || !expectedChallenge) return refuse("not one of the user's passkeys");
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
        transports: stored.transports,
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
