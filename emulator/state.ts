/**
 * The emulator's whole state as plain JSON-serialisable data, so `--data <file>` can persist it
 * with one JSON.stringify. Records are keyed the way lookups happen (pool id, client id, lowercased
 * username), and nothing here holds a password: users carry an SRP salt and verifier, like Cognito.
 */

export type MfaConfiguration = 'OFF' | 'ON' | 'OPTIONAL';

export interface PasswordPolicy {
  MinimumLength: number;
  RequireUppercase: boolean;
  RequireLowercase: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  TemporaryPasswordValidityDays: number;
}

export interface SchemaAttribute {
  Name: string;
  AttributeDataType: 'String' | 'Number' | 'DateTime' | 'Boolean';
  Mutable: boolean;
  Required: boolean;
  DeveloperOnlyAttribute?: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
}

/** The seed-defined stand-in for the Define/Create/Verify Auth Challenge Lambdas. */
export interface CustomAuthConfig {
  /** Challenge parameters sent with each CUSTOM_CHALLENGE. */
  challengeParameters?: Record<string, string>;
  /** A fixed expected answer, or `"code"` to send a fresh code to the outbox and expect it. */
  answer: string;
  /** Number of CUSTOM_CHALLENGE rounds before tokens are issued (default 1). */
  rounds?: number;
  /** Wrong answers allowed before the flow fails with NotAuthorizedException (default 3). */
  maxAttempts?: number;
}

export interface PoolConfig {
  Id: string;
  Name: string;
  Arn: string;
  CreationDate: number;
  LastModifiedDate: number;
  Policies: { PasswordPolicy: PasswordPolicy; SignInPolicy?: { AllowedFirstAuthFactors: string[] } };
  UsernameAttributes?: ('email' | 'phone_number')[];
  AliasAttributes?: ('email' | 'phone_number' | 'preferred_username')[];
  UsernameConfiguration?: { CaseSensitive: boolean };
  AutoVerifiedAttributes?: ('email' | 'phone_number')[];
  MfaConfiguration: MfaConfiguration;
  SoftwareTokenMfaConfiguration?: { Enabled: boolean };
  SmsMfaConfiguration?: Record<string, unknown>;
  EmailMfaConfiguration?: Record<string, unknown>;
  DeviceConfiguration?: { ChallengeRequiredOnNewDevice?: boolean; DeviceOnlyRememberedOnUserPrompt?: boolean };
  SchemaAttributes: SchemaAttribute[];
  UserPoolTier?: string;
  EstimatedNumberOfUsers?: number;
  /** Not a Cognito field: what the CUSTOM_AUTH Lambdas would do (there is no Lambda here). */
  CustomAuth?: CustomAuthConfig;
  /** Passkeys (SetUserPoolMfaConfig / GetUserPoolMfaConfig): without a RelyingPartyId they are off. */
  WebAuthnConfiguration?: WebAuthnConfiguration;
  [extra: string]: unknown;
}

export interface WebAuthnConfiguration {
  RelyingPartyId?: string;
  UserVerification?: 'required' | 'preferred';
  /** Kept and returned only: passkeys never stand in for MFA here (SINGLE_FACTOR behaviour). */
  FactorConfiguration?: 'SINGLE_FACTOR' | 'MULTI_FACTOR_WITH_USER_VERIFICATION';
}

export interface ClientConfig {
  UserPoolId: string;
  ClientId: string;
  ClientName: string;
  ClientSecret?: string;
  ExplicitAuthFlows: string[];
  AccessTokenValidity: number;
  IdTokenValidity: number;
  RefreshTokenValidity: number;
  TokenValidityUnits: { AccessToken: string; IdToken: string; RefreshToken: string };
  PreventUserExistenceErrors: 'ENABLED' | 'LEGACY';
  EnableTokenRevocation: boolean;
  RefreshTokenRotation?: { Feature: 'ENABLED' | 'DISABLED'; RetryGracePeriodSeconds?: number };
  AuthSessionValidity: number;
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  CreationDate: number;
  LastModifiedDate: number;
  [extra: string]: unknown;
}

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED' | 'EXTERNAL_PROVIDER';

/** A one-time code sent to the outbox, with its own expiry and failure count. */
export interface PendingCode {
  code: string;
  expiresAt: number;
  failures: number;
  /** The attribute and value the code was sent to: it verifies exactly that address. */
  attribute?: string;
  value?: string;
}

export interface Device {
  DeviceKey: string;
  DeviceGroupKey: string;
  DeviceName?: string;
  salt?: string; // hex, as sent by ConfirmDevice
  verifier?: string; // hex
  confirmed: boolean;
  remembered: boolean;
  createdAt: number;
  lastModifiedAt: number;
  lastAuthenticatedAt: number;
  lastIp?: string;
}

/** A registered passkey (CompleteWebAuthnRegistration). Binary values are base64url. */
export interface WebAuthnCredentialRecord {
  credentialId: string;
  /** The COSE public key as the authenticator gave it. */
  publicKey: string;
  counter: number;
  transports: string[];
  authenticatorAttachment?: string;
  /** Cognito's FriendlyCredentialName; null when nothing named the authenticator. */
  friendlyName: string | null;
  relyingPartyId: string;
  aaguid?: string;
  /** ms */
  createdAt: number;
  lastUsedAt?: number;
}

export interface User {
  Username: string;
  Attributes: Record<string, string>;
  Enabled: boolean;
  UserStatus: UserStatus;
  UserCreateDate: number;
  UserLastModifiedDate: number;
  /** SRP: hex salt and verifier v = g^x mod N, x over USER_ID_FOR_SRP (= Username). */
  salt: string;
  verifier: string;
  /** When a temporary password (AdminCreateUser) stops working, in ms. */
  temporaryPasswordExpiresAt?: number;
  mfa: {
    smsEnabled: boolean;
    totpEnabled: boolean;
    emailEnabled: boolean;
    preferred?: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';
    totpSecret?: string; // base32, only once verified
    pendingTotpSecret?: string; // base32, between Associate and Verify
  };
  /** Codes by purpose: signup, forgot_password, verify_<attribute>. */
  codes: Record<string, PendingCode>;
  /** New email/phone values waiting for verification (AttributesRequireVerificationBeforeUpdate). */
  pendingAttributes?: Record<string, string>;
  devices: Record<string, Device>;
  /** When codes were requested, by purpose (ms), for LimitExceededException on repeated requests. */
  codeRequests: Record<string, number[]>;
  /** Passkeys, oldest first (absent on users from before passkeys existed here). */
  webAuthnCredentials?: WebAuthnCredentialRecord[];
  /** The challenge of a StartWebAuthnRegistration not yet completed. */
  webAuthnRegistration?: { challenge: string; clientId: string; userHandle: string; expiresAt: number };
  /** Consecutive failed sign-ins, for the temporary lock-out Cognito applies. */
  failedSignIns: number;
  lockedUntil?: number;
}

export interface PoolKeys {
  kid: string;
  privateJwk: Record<string, unknown>;
  publicJwk: Record<string, unknown>;
}

export interface Pool {
  config: PoolConfig;
  clients: Record<string, ClientConfig>;
  /** Keyed by lowercased Username unless the pool is case sensitive. */
  users: Record<string, User>;
  keys: PoolKeys;
}

export interface RefreshTokenRecord {
  poolId: string;
  clientId: string;
  username: string;
  originJti: string;
  deviceKey?: string;
  /** auth_time of the sign-in this token descends from (seconds), kept across refreshes. */
  authTime: number;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
  /** Rotation: when this token was replaced, and by which one (grace period counts from here). */
  rotatedAt?: number;
  replacedBy?: string;
}

/** An InitiateAuth conversation between two requests. The `Session` string is the record's key. */
/**
 * What every sign-in keeps between InitiateAuth and RespondToAuthChallenge, whichever challenge it
 * waits on. (Sign-up keeps one too, flow SIGN_UP, for signing in straight after ConfirmSignUp.)
 */
export interface SignInState {
  poolId: string;
  clientId: string;
  username: string;
  flow: string;
  expiresAt: number;
  deviceKey?: string;
  /** Challenges already passed, so the next step knows what is left (password, device, passkey). */
  passed: string[];
  /** Wrong answers so far (codes, custom answers): too many end the sign-in. */
  failures: number;
  clientMetadata?: Record<string, string>;
}

/** SRP server state (hex) while a PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER answer is awaited. */
export interface SrpState {
  A: string;
  b: string;
  B: string;
  secretBlock: string;
}

/** What the next RespondToAuthChallenge must answer, with the data only that challenge uses. */
export type ChallengeState =
  | {
      challenge: 'PASSWORD_VERIFIER';
      srp: SrpState;
      /**
       * A sign-in for a user who does not exist, answered with a convincing challenge when the
       * client hides user existence (PreventUserExistenceErrors), and refused only at this step.
       */
      phantom: boolean;
    }
  | { challenge: 'DEVICE_PASSWORD_VERIFIER'; srp: SrpState & { deviceKey: string } }
  /** Code sent for SMS/email MFA or a one-time password; for email MFA set-up, with the address it proves. */
  | { challenge: 'SMS_MFA' | 'EMAIL_OTP' | 'SMS_OTP'; code: PendingCode }
  /** `code` when the pool's CustomAuth answer is a code sent to the user; rounds count from 1. */
  | { challenge: 'CUSTOM_CHALLENGE'; customRound: number; code?: PendingCode }
  /** The challenge sent in CREDENTIAL_REQUEST_OPTIONS (base64url), cleared once a passkey answered it. */
  | { challenge: 'WEB_AUTHN'; webAuthnChallenge?: string }
  /** A session from VerifySoftwareToken during MFA_SETUP may continue the sign-in. */
  | { challenge: 'MFA_SETUP'; pendingTotpSecret?: string; totpVerified?: boolean }
  | { challenge: 'SOFTWARE_TOKEN_MFA' | 'SELECT_MFA_TYPE' | 'SELECT_CHALLENGE' | 'NEW_PASSWORD_REQUIRED' | 'DEVICE_SRP_AUTH' }
  /** Sign-up's sessions: waiting for ConfirmSignUp, then good for one USER_AUTH sign-in without a password. */
  | { challenge: 'CONFIRM_SIGN_UP' | 'AUTO_SIGN_IN' };

export type ChallengeName = ChallengeState['challenge'];

/** A stored sign-in: the common state and the challenge it waits on, keyed by challenge name. */
export type AuthSession = SignInState & ChallengeState;

/** The stored sign-in waiting on one particular challenge. */
export type SessionFor<Name extends ChallengeName> = Extract<AuthSession, { challenge: Name }>;

export interface OutboxMessage {
  pool: string;
  username: string;
  destination: string;
  medium: 'EMAIL' | 'SMS';
  purpose: string;
  code: string;
  time: string;
}

// ---------------------------------------------------------------------------------------------
// Identity pools (Cognito Identity), AWS credentials and the S3 stand-in

/** An identity pool as seeded (the fields of CreateIdentityPool that matter here). */
export interface IdentityPoolConfig {
  IdentityPoolId: string;
  IdentityPoolName: string;
  AllowUnauthenticatedIdentities: boolean;
  /** User pools whose ID tokens are accepted: `cognito-idp.<region>.amazonaws.com/<poolId>` and a ClientId. */
  CognitoIdentityProviders?: { ProviderName: string; ClientId: string; ServerSideTokenCheck?: boolean }[];
  /** Public providers by domain, e.g. `graph.facebook.com` -> app id (stand-ins here, see identity.ts). */
  SupportedLoginProviders?: Record<string, string>;
  /** Not a Cognito field: how long issued credentials live (AWS: one hour). */
  CredentialsLifetimeSeconds?: number;
}

/** One identity of an identity pool: unauthenticated (no logins) or linked to logins. */
export interface IdentityRecord {
  IdentityId: string;
  identityPoolId: string;
  /** Canonical provider name -> subject (user pool `sub`, Facebook user id). */
  logins: Record<string, string>;
  createdAt: number;
  lastModifiedAt: number;
}

/** Temporary AWS credentials the emulator issued, keyed by AccessKeyId, for the SigV4 checks. */
export interface IssuedCredentials {
  secretKey: string;
  sessionToken: string;
  identityId: string;
  identityPoolId: string;
  authenticated: boolean;
  expiresAt: number;
}

/** An object stored by the S3 stand-in (body base64, so the state stays JSON). */
export interface StoredObject {
  body: string;
  contentType: string;
  etag: string;
  lastModified: number;
}

// ---------------------------------------------------------------------------------------------
// Hosted UI / OAuth 2.0

/** An authorization code between /oauth2/authorize and /oauth2/token: single use, five minutes. */
export interface OAuthCode {
  poolId: string;
  clientId: string;
  username: string;
  redirectUri: string;
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  authTime: number;
  expiresAt: number;
}

/** The hosted UI's own sign-in session (a cookie), so a second authorize skips the password. */
export interface HostedUiSession {
  poolId: string;
  username: string;
  authTime: number;
  expiresAt: number;
}

export interface EmulatorState {
  pools: Record<string, Pool>;
  refreshTokens: Record<string, RefreshTokenRecord>;
  /**
   * Revoked token families by origin_jti (RevokeToken, GlobalSignOut, DeleteUser), with the time (ms).
   * Every token of a sign-in shares its origin_jti, so revoking one family refuses them all.
   */
  revokedJtis: Record<string, number>;
  sessions: Record<string, AuthSession>;
  outbox: OutboxMessage[];
  /** Added to the real clock: lets tests expire tokens and codes without sleeping. */
  clockOffsetMs: number;
  identityPools: Record<string, IdentityPoolConfig>;
  identities: Record<string, IdentityRecord>;
  awsCredentials: Record<string, IssuedCredentials>;
  /** Keyed by `<bucket>/<key>`. */
  s3Objects: Record<string, StoredObject>;
  oauthCodes: Record<string, OAuthCode>;
  hostedUiSessions: Record<string, HostedUiSession>;
  /** The OAuth scopes of a token family (by origin_jti), so refreshed tokens keep them. */
  oauthScopes: Record<string, string[]>;
}

export function emptyState(): EmulatorState {
  return {
    pools: {},
    refreshTokens: {},
    revokedJtis: {},
    sessions: {},
    outbox: [],
    clockOffsetMs: 0,
    identityPools: {},
    identities: {},
    awsCredentials: {},
    s3Objects: {},
    oauthCodes: {},
    hostedUiSessions: {},
    oauthScopes: {},
  };
}
