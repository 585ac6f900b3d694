/**
 * After sign-in: AWS credentials from an identity pool, requests signed with them (SigV4, S3
 * presigned URLs and POST policies), the JWT for APIs that take it, and sign-in through the hosted
 * UI (Google, Facebook, SAML, OIDC) with PKCE.
 */
export { IdentityPoolCredentials, type Credentials, type IdentityPoolCredentialsOptions, type Logins } from './credentials.ts';
export {
  createJwtFetch,
  createS3PostPolicy,
  createSignedFetch,
  presignS3Url,
  type CredentialsSource,
  type JwtFetchOptions,
  type PresignS3UrlOptions,
  type S3PostPolicy,
  type S3PostPolicyOptions,
  type SignedFetchOptions,
} from './signed-fetch.ts';
export {
  OAuthError,
  authorizeUrl,
  handleRedirectCallback,
  isRedirectCallback,
  pkceChallenge,
  signInWithRedirect,
  signOutWithRedirect,
  type HostedUiOptions,
  type PendingStore,
  type RedirectCallbackOptions,
  type SignInWithRedirectOptions,
} from './oauth.ts';
