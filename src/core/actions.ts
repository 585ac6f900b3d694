/**
 * Every Cognito user-pool action a browser may call, described once: its name, its input and
 * output shapes (the subset of the AWS model a client uses), and whether it may be retried.
 * Everything else in the core calls Cognito through these descriptions.
 */
import { action } from './wire.ts';

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

export type AccessTokenInput<T = object> = T & { AccessToken: string };

interface WithClient {
  ClientId: string;
  SecretHash?: string;
  ClientMetadata?: ClientMetadata;
}

/** Reads and sign-in starts may be retried; anything that consumes a code or changes state once may not. */
export const Actions = {
  InitiateAuth: action<
    { AuthFlow: string; ClientId: string; AuthParameters: Record<string, string>; ClientMetadata?: ClientMetadata; Session?: string },
    ChallengeResult
  >('InitiateAuth', true),
  RespondToAuthChallenge: action<
    { ChallengeName: string; ClientId: string; Session?: string; ChallengeResponses: Record<string, string>; ClientMetadata?: ClientMetadata },
    ChallengeResult
  >('RespondToAuthChallenge', false),
  // Retried: with rotation, Cognito's grace period exists so that a refresh whose answer was lost
  // can be sent again and get the same new refresh token.
  GetTokensFromRefreshToken: action<
    { RefreshToken: string; ClientId: string; ClientSecret?: string; DeviceKey?: string; ClientMetadata?: ClientMetadata },
    { AuthenticationResult: AuthenticationResult }
  >('GetTokensFromRefreshToken', true),
  RevokeToken: action<{ Token: string; ClientId: string; ClientSecret?: string }, object>('RevokeToken', true),
  GlobalSignOut: action<AccessTokenInput, object>('GlobalSignOut', true),

  SignUp: action<
    WithClient & { Username: string; Password?: string; UserAttributes?: AttributeType[]; ValidationData?: AttributeType[] },
    { UserConfirmed: boolean; CodeDeliveryDetails?: CodeDeliveryDetails; UserSub: string; Session?: string }
  >('SignUp', false),
  ConfirmSignUp: action<
    WithClient & { Username: string; ConfirmationCode: string; ForceAliasCreation?: boolean; Session?: string },
    { Session?: string }
  >('ConfirmSignUp', false),
  ResendConfirmationCode: action<WithClient & { Username: string }, { CodeDeliveryDetails?: CodeDeliveryDetails }>(
    'ResendConfirmationCode',
    false,
  ),
  ForgotPassword: action<WithClient & { Username: string }, { CodeDeliveryDetails?: CodeDeliveryDetails }>('ForgotPassword', false),
  ConfirmForgotPassword: action<WithClient & { Username: string; ConfirmationCode: string; Password: string }, object>(
    'ConfirmForgotPassword',
    false,
  ),
  ChangePassword: action<AccessTokenInput<{ PreviousPassword?: string; ProposedPassword: string }>, object>('ChangePassword', false),

  GetUser: action<
    AccessTokenInput,
    {
      Username: string;
      UserAttributes: AttributeType[];
      PreferredMfaSetting?: string;
      UserMFASettingList?: string[];
      MFAOptions?: { DeliveryMedium?: string; AttributeName?: string }[];
    }
  >('GetUser', true),
  UpdateUserAttributes: action<
    AccessTokenInput<{ UserAttributes: AttributeType[]; ClientMetadata?: ClientMetadata }>,
    { CodeDeliveryDetailsList?: CodeDeliveryDetails[] }
  >('UpdateUserAttributes', false),
  DeleteUserAttributes: action<AccessTokenInput<{ UserAttributeNames: string[] }>, object>('DeleteUserAttributes', true),
  GetUserAttributeVerificationCode: action<
    AccessTokenInput<{ AttributeName: string; ClientMetadata?: ClientMetadata }>,
    { CodeDeliveryDetails?: CodeDeliveryDetails }
  >('GetUserAttributeVerificationCode', false),
  VerifyUserAttribute: action<AccessTokenInput<{ AttributeName: string; Code: string }>, object>('VerifyUserAttribute', false),
  DeleteUser: action<AccessTokenInput, object>('DeleteUser', false),

  SetUserMFAPreference: action<
    AccessTokenInput<{ SMSMfaSettings?: MfaSettings; SoftwareTokenMfaSettings?: MfaSettings; EmailMfaSettings?: MfaSettings }>,
    object
  >('SetUserMFAPreference', true),
  SetUserSettings: action<AccessTokenInput<{ MFAOptions: { DeliveryMedium: string; AttributeName: string }[] }>, object>(
    'SetUserSettings',
    true,
  ),
  AssociateSoftwareToken: action<{ AccessToken?: string; Session?: string }, { SecretCode: string; Session?: string }>(
    'AssociateSoftwareToken',
    false,
  ),
  VerifySoftwareToken: action<
    { AccessToken?: string; Session?: string; UserCode: string; FriendlyDeviceName?: string },
    { Status?: 'SUCCESS' | 'ERROR'; Session?: string }
  >('VerifySoftwareToken', false),
  GetUserAuthFactors: action<
    AccessTokenInput,
    { Username: string; PreferredMfaSetting?: string; UserMFASettingList?: string[]; ConfiguredUserAuthFactors?: string[] }
  >('GetUserAuthFactors', true),

  ConfirmDevice: action<
    AccessTokenInput<{ DeviceKey: string; DeviceSecretVerifierConfig: { PasswordVerifier: string; Salt: string }; DeviceName?: string }>,
    { UserConfirmationNecessary?: boolean }
  >('ConfirmDevice', false),
  UpdateDeviceStatus: action<AccessTokenInput<{ DeviceKey: string; DeviceRememberedStatus: 'remembered' | 'not_remembered' }>, object>(
    'UpdateDeviceStatus',
    true,
  ),
  GetDevice: action<{ AccessToken: string; DeviceKey: string }, { Device: DeviceType }>('GetDevice', true),
  ListDevices: action<AccessTokenInput<{ Limit?: number; PaginationToken?: string }>, { Devices?: DeviceType[]; PaginationToken?: string }>(
    'ListDevices',
    true,
  ),
  ForgetDevice: action<{ AccessToken?: string; DeviceKey: string }, object>('ForgetDevice', true),

  ListUserSessions: action<AccessTokenInput<{ NextToken?: string }>, { Sessions?: Record<string, unknown>[]; NextToken?: string }>(
    'ListUserSessions',
    true,
  ),
  RevokeUserSession: action<AccessTokenInput<{ SessionId: string }>, object>('RevokeUserSession', true),

  StartWebAuthnRegistration: action<AccessTokenInput, { CredentialCreationOptions: Record<string, unknown> }>(
    'StartWebAuthnRegistration',
    false,
  ),
  CompleteWebAuthnRegistration: action<AccessTokenInput<{ Credential: Record<string, unknown> }>, object>(
    'CompleteWebAuthnRegistration',
    false,
  ),
  ListWebAuthnCredentials: action<
    AccessTokenInput<{ NextToken?: string; MaxResults?: number }>,
    { Credentials: Record<string, unknown>[]; NextToken?: string }
  >('ListWebAuthnCredentials', true),
  DeleteWebAuthnCredential: action<AccessTokenInput<{ CredentialId: string }>, object>('DeleteWebAuthnCredential', true),
  UpdateAuthEventFeedback: action<
    { UserPoolId: string; Username: string; EventId: string; FeedbackToken: string; FeedbackValue: 'Valid' | 'Invalid' },
    object
  >('UpdateAuthEventFeedback', true),
} as const;

export type ActionName = keyof typeof Actions;
