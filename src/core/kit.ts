/**
 * What the core's on-demand sign-in modules (sign-in.ts, sign-in-steps.ts, srp-engine.ts, and the
 * hosted UI's start, oauth-start.ts, which the sign-in form loads) use of
 * the core every page already has, handed to each by its loader (`install`) instead of imported.
 *
 * Why not import it: a module loaded on demand that imports the first view's modules makes esbuild
 * (and bundlers that split the same way) cut each of those into a chunk of its own, so a sign-in
 * page fetched seven files up front instead of two, about 800 B gzip more (measured with
 * test/node/size-budget.test.ts: <cognito-sign-in> 23,819 -> 23,029 B, the authenticator 26,387 ->
 * 25,597 B). Only types are imported from here by those modules; their loaders pass `kit`.
 */
import { Actions } from './actions.ts';
import {
  CognitoElementsError,
  CognitoError,
  ConfigurationError,
  describeError,
  MalformedResponseError,
  PasskeyError,
  SignInStateError,
  SrpProtocolError,
} from './errors.ts';
import { onDemand } from './on-demand.ts';
import { MFA_CHALLENGE, mfaTypeOf, totpUri } from './steps.ts';
import { checkedUrl } from './wire.ts';

export const kit = {
  Actions,
  CognitoElementsError,
  CognitoError,
  ConfigurationError,
  describeError,
  MalformedResponseError,
  PasskeyError,
  SignInStateError,
  SrpProtocolError,
  onDemand,
  MFA_CHALLENGE,
  mfaTypeOf,
  totpUri,
  checkedUrl,
};

export type CoreKit = typeof kit;

/** Loads an on-demand module and hands it the kit before anything in it runs. */
export const withKit = <M extends { install(kit: CoreKit): void }>(module: M): M => (module.install(kit), module);
