/**
 * cognito-elements/core: the headless Cognito user-pool client. Runs in browsers and Node 20+.
 *
 *   const auth = new CognitoClient({ userPoolId: 'eu-west-1_AbC123', clientId: '...' });
 *   let step = await auth.signIn({ username, password });
 *   if (step.step === 'TOTP_CODE') step = await auth.confirmSignIn({ code });
 *   if (step.step === 'DONE') console.log(step.session.claims.email);
 */
export { CognitoClient } from './client.ts';
export type {
  CognitoClientEventMap,
  CognitoClientOptions,
  DeviceInfo,
  MfaPreference,
  PasskeyInfo,
  SignOutReason,
  SignUpInput,
  SignUpResult,
  UserAttributes,
} from './client.ts';
export type { AuthFlow, CodeDelivery, ConfirmSignInInput, FirstFactor, MfaType, SignInInput, SignInStep, SignInStepName } from './steps.ts';
export type { Session, JwtClaims } from './session.ts';
export { decodeJwt } from './session.ts';
export {
  CognitoElementsError,
  CognitoError,
  ConfigurationError,
  LockTimeoutError,
  MalformedResponseError,
  NetworkError,
  PasskeyError,
  SignedOutError,
  SignInStateError,
  SrpProtocolError,
} from './errors.ts';
export type { CognitoErrorReason } from './error-reasons.ts';
export { StorageError, memoryStore, indexedDbStore, adaptStorage, type SessionStore, type AppStorage } from './storage.ts';
export { Actions, type ActionName } from './actions.ts';
// AWS credentials, signed requests and the hosted UI are a separate entry point,
// `cognito-elements/aws` (src/core/aws.ts), so apps that only sign in do not ship them.
