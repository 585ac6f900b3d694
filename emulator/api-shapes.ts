/**
 * Member shapes that several actions' inputs share, named as the Cognito API reference names them
 * (AttributeType, MFAOptionType, ...). The inputs themselves sit beside their handlers.
 */

/** AttributeType: one `{Name, Value}` pair of UserAttributes / ValidationData. */
export interface AttributeType {
  Name: string;
  Value?: string;
}

/** ClientMetadata: free-form pairs for Lambda triggers (there are none here; accepted and ignored). */
export type ClientMetadata = Record<string, string>;

/** MFAOptionType (the legacy SetUserSettings / AdminSetUserSettings member). */
export interface MFAOptionType {
  DeliveryMedium?: 'SMS' | 'EMAIL';
  AttributeName?: string;
}

/** SMSMfaSettingsType / SoftwareTokenMfaSettingsType / EmailMfaSettingsType. */
export interface MfaSettingsType {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

/** The members of (Admin)SetUserMFAPreference that carry a factor's settings. */
export interface MfaPreferenceInput {
  SMSMfaSettings?: MfaSettingsType;
  SoftwareTokenMfaSettings?: MfaSettingsType;
  EmailMfaSettings?: MfaSettingsType;
}

/** Every access-token (self-service) action carries the user's access token. */
export interface AccessTokenInput {
  AccessToken: string;
}

/** Admin actions on one user name the pool and the user. */
export interface AdminUserInput {
  UserPoolId: string;
  Username: string;
}
