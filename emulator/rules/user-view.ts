/**
 * How a user looks in answers: Cognito's UserType (AdminCreateUser, ListUsers), the MFA part of
 * GetUser / AdminGetUser / GetUserAuthFactors, and the attributes an app client may read.
 */
import type { ClientConfig, User } from '../state.ts';
import { toAttributeList } from '../validate.ts';

export const seconds = (ms: number) => Math.floor(ms / 1000);

/** The MFA part of GetUser / AdminGetUser: legacy MFAOptions (SMS) plus mfaSettings below. */
export function mfaView(user: User): Record<string, unknown> {
  return {
    ...(user.mfa.smsEnabled ? { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] } : {}),
    ...mfaSettings(user),
  };
}

/** Cognito's UserType (AdminCreateUser, ListUsers), dates in epoch seconds. */
export function userType(user: User, attributesToGet?: string[]): Record<string, unknown> {
  const attributes = attributesToGet ? Object.fromEntries(Object.entries(user.Attributes).filter(([name]) => attributesToGet.includes(name))) : user.Attributes;
  return {
    Username: user.Username,
    Attributes: toAttributeList(attributes),
    UserCreateDate: seconds(user.UserCreateDate),
    UserLastModifiedDate: seconds(user.UserLastModifiedDate),
    Enabled: user.Enabled,
    UserStatus: user.UserStatus,
    ...(user.mfa.smsEnabled ? { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] } : {}),
  };
}

/** Only the attributes the token's app client may read (all of them unless ReadAttributes is set). */
export function readable(client: ClientConfig | undefined, attributes: Record<string, string>): Record<string, string> {
  const allowed = client?.ReadAttributes?.length ? client.ReadAttributes : undefined;
  if (!allowed) return attributes;
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => name === 'sub' || allowed.includes(name)));
}

export type MfaName = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';

/** `{PreferredMfaSetting?, UserMFASettingList?}` as GetUser, AdminGetUser and GetUserAuthFactors return them. */
export function mfaSettings(user: User): { PreferredMfaSetting?: MfaName; UserMFASettingList?: MfaName[] } {
  const list: MfaName[] = [];
  if (user.mfa.smsEnabled) list.push('SMS_MFA');
  if (user.mfa.totpEnabled) list.push('SOFTWARE_TOKEN_MFA');
  if (user.mfa.emailEnabled) list.push('EMAIL_OTP');
  return {
    ...(user.mfa.preferred && list.includes(user.mfa.preferred) ? { PreferredMfaSetting: user.mfa.preferred } : {}),
    ...(list.length ? { UserMFASettingList: list } : {}),
  };
}
