/**
 * Every Cognito user-pool action a browser may call, described once: its name, its input and
 * output shapes (the subset of the AWS model a client uses), and whether it may be retried.
 * Everything else in the core calls Cognito through these descriptions.
 */
import { action, actions } from './wire.ts';

export interface AttributeType {
  Name: string;
  Value?: string;
}

export interface CodeDeliveryDetails {
  Destination?: string;
  DeliveryMedium?: 'SMS' | 'EMAIL';
  AttributeName?: string;
}

export interface NewDeviceMetadata {
  DeviceKey: string;
  DeviceGroupKey: string;
}

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType?: string;
  NewDeviceMetadata?: NewDeviceMetadata;
}

export interface ChallengeResult {
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  AvailableChallenges?: string[];
  AuthenticationResult?: AuthenticationResult;
}

export type ClientMetadata = Record<string, string>;

export interface DeviceType {
  DeviceKey: string;
  DeviceAttributes?: AttributeType[];
  DeviceCreateDate?: number;
  DeviceLastModifiedDate?: number;
  DeviceLastAuthenticatedDate?: number;
}

export interface MfaSettings {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

/** A passkey as ListWebAuthnCredentials describes it. */
export interface WebAuthnCredentialDescription {
  CredentialId: string;
  FriendlyCredentialName?: string;
  RelyingPartyId: string;
  AuthenticatorAttachment?: string;
  AuthenticatorTransports?: string[];
  /** Epoch seconds. */
  CreatedAt: number;
}

export type AccessTokenInput<T = object> = T & { AccessToken: string };

export interface WithClient {
  ClientId: string;
  SecretHash?: string;
  ClientMetadata?: ClientMetadata;
}

/** Reads and sign-in starts may be retried; anything that consumes a code or changes state once may not. */
export const Actions = actions({
  InitiateAuth: action<
    { AuthFlow: string; ClientId: string; AuthParameters: Record<string, string>; ClientMetadata?: ClientMetadata; Session?: string },
    ChallengeResult
  >(true),
  RespondToAuthChallenge: action<
    { ChallengeName: string; ClientId: string; Session?: string; ChallengeResponses: Record<string, string>; ClientMetadata?: ClientMetadata },
    ChallengeResult
  >(false),
  // Not retried: on a client that rotates refresh tokens a second send after a lost answer works only
  // within RetryGracePeriodSeconds (0 to 60, unknown to a browser); at 0 it is refused as reuse.
  GetTokensFromRefreshToken: action<
    { RefreshToken: string; ClientId: string; ClientSecret?: string; DeviceKey?: string; ClientMetadata?: ClientMetadata },
    { AuthenticationResult: AuthenticationResult }
  >(false),
  RevokeToken: action<{ Token: string; ClientId: string; ClientSecret?: string }, object>(true),
  GlobalSignOut: action<AccessTokenInput, object>(true),

  SignUp: action<
    WithClient & { Username: string; Password?: string; UserAttributes?: AttributeType[]; ValidationData?: AttributeType[] },
    { UserConfirmed: boolean; CodeDeliveryDetails?: CodeDeliveryDetails; UserSub: string; Session?: string }
  >(false),
  ConfirmSignUp: action<WithClient & { Username: string; ConfirmationCode: string; ForceAliasCreation?: boolean; Session?: string }, { Session?: string }>(false),
  ResendConfirmationCode: action<WithClient & { Username: string }, { CodeDeliveryDetails?: CodeDeliveryDetails }>(false),
  ForgotPassword: action<WithClient & { Username: string }, { CodeDeliveryDetails?: CodeDeliveryDetails }>(false),
  ConfirmForgotPassword: action<WithClient & { Username: string; ConfirmationCode: string; Password: string }, object>(false),
  ChangePassword: action<AccessTokenInput<{ PreviousPassword?: string; ProposedPassword: string }>, object>(false),

  GetUser: action<
    AccessTokenInput,
    {
      Username: string;
      UserAttributes: AttributeType[];
      PreferredMfaSetting?: string;
      UserMFASettingList?: string[];
      MFAOptions?: { DeliveryMedium?: string; AttributeName?: string }[];
    }
  >(true),
  UpdateUserAttributes: action<
    AccessTokenInput<{ UserAttributes: AttributeType[]; ClientMetadata?: ClientMetadata }>,
    { CodeDeliveryDetailsList?: CodeDeliveryDetails[] }
  >(false),
  DeleteUserAttributes: action<AccessTokenInput<{ UserAttributeNames: string[] }>, object>(true),
  GetUserAttributeVerificationCode: action<
    AccessTokenInput<{ AttributeName: string; ClientMetadata?: ClientMetadata }>,
    { CodeDeliveryDetails?: CodeDeliveryDetails }
  >(false),
  VerifyUserAttribute: action<AccessTokenInput<{ AttributeName: string; Code: string }>, object>(false),
  DeleteUser: action<AccessTokenInput, object>(false),

  SetUserMFAPreference: action<AccessTokenInput<{ SMSMfaSettings?: MfaSettings; SoftwareTokenMfaSettings?: MfaSettings; EmailMfaSettings?: MfaSettings }>, object>(
    true,
  ),
  SetUserSettings: action<AccessTokenInput<{ MFAOptions: { DeliveryMedium: string; AttributeName: string }[] }>, object>(true),
  AssociateSoftwareToken: action<{ AccessToken?: string; Session?: string }, { SecretCode: string; Session?: string }>(false),
  VerifySoftwareToken: action<
    { AccessToken?: string; Session?: string; UserCode: string; FriendlyDeviceName?: string },
    { Status?: 'SUCCESS' | 'ERROR'; Session?: string }
  >(false),
  GetUserAuthFactors: action<
    AccessTokenInput,
    { Username: string; PreferredMfaSetting?: string; UserMFASettingList?: string[]; ConfiguredUserAuthFactors?: string[] }
  >(true),

  ConfirmDevice: action<
    AccessTokenInput<{ DeviceKey: string; DeviceSecretVerifierConfig: { PasswordVerifier: string; Salt: string }; DeviceName?: string }>,
    { UserConfirmationNecessary?: boolean }
  >(false),
  UpdateDeviceStatus: action<AccessTokenInput<{ DeviceKey: string; DeviceRememberedStatus: 'remembered' | 'not_remembered' }>, object>(true),
  GetDevice: action<{ AccessToken: string; DeviceKey: string }, { Device: DeviceType }>(true),
  ListDevices: action<AccessTokenInput<{ Limit?: number; PaginationToken?: string }>, { Devices?: DeviceType[]; PaginationToken?: string }>(true),
  ForgetDevice: action<{ AccessToken?: string; DeviceKey: string }, object>(true),

  ListUserSessions: action<AccessTokenInput<{ NextToken?: string }>, { Sessions?: Record<string, unknown>[]; NextToken?: string }>(true),
  RevokeUserSession: action<AccessTokenInput<{ SessionId: string }>, object>(true),

  StartWebAuthnRegistration: action<AccessTokenInput, { CredentialCreationOptions: Record<string, unknown> }>(false),
  CompleteWebAuthnRegistration: action<AccessTokenInput<{ Credential: Record<string, unknown> }>, object>(false),
  ListWebAuthnCredentials: action<
    AccessTokenInput<{ NextToken?: string; MaxResults?: number }>,
    { Credentials: WebAuthnCredentialDescription[]; NextToken?: string }
  >(true),
  DeleteWebAuthnCredential: action<AccessTokenInput<{ CredentialId: string }>, object>(true),
  UpdateAuthEventFeedback: action<{ UserPoolId: string; Username: string; EventId: string; FeedbackToken: string; FeedbackValue: 'Valid' | 'Invalid' }, object>(
    true,
  ),
});

export type ActionName = keyof typeof Actions;

type ActionInput<K extends ActionName> = NonNullable<(typeof Actions)[K]['_input']>;
type ActionOutput<K extends ActionName> = NonNullable<(typeof Actions)[K]['_output']>;

/**
 * An action called by its name, for the code that loads on demand: a value import of this table
 * there would split it out of the core into a chunk of its own (see passkeys.ts).
 */
export type ActionCall = <K extends ActionName>(action: K, input: ActionInput<K>) => Promise<ActionOutput<K>>;

/** An action called as the signed-in user (SessionKeeper#asUser, which fills in the access token). */
export type UserCall = <K extends ActionName>(action: K, input: Omit<ActionInput<K>, 'AccessToken'>) => Promise<ActionOutput<K>>;
