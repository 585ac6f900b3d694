/**
 * Cognito's shapes on the wire (AttributeType lists, CodeDeliveryDetails, MFA setting names,
 * DeviceType) to the client's, and back. Loaded with the account actions (account.ts), on demand.
 */
import type { AttributeType, CodeDeliveryDetails, DeviceType } from './actions.ts';
import type { CodeDelivery, MfaType } from './steps.ts';

export interface UserAttributes {
  [name: string]: string;
}

export interface MfaPreference {
  enabled: MfaType[];
  preferred?: MfaType;
}

export interface DeviceInfo {
  deviceKey: string;
  name?: string;
  remembered: boolean;
  lastIp?: string;
  createdAt?: Date;
  lastAuthenticatedAt?: Date;
  /** This browser's device. */
  current: boolean;
}

/** Cognito's MFA name to ours (steps.ts's mfaTypeOf, the one table; passed in, see account.ts). */
export type MfaTypeOf = (name: string) => MfaType | undefined;

export const toDelivery = (d?: CodeDeliveryDetails): CodeDelivery | undefined =>
  d && { destination: d.Destination, medium: d.DeliveryMedium, attribute: d.AttributeName };

export const toAttributes = (list: AttributeType[] = []): UserAttributes => Object.fromEntries(list.map((a) => [a.Name, a.Value ?? '']));

export const fromAttributes = (attributes: UserAttributes): AttributeType[] => Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));

/** UserMFASettingList and PreferredMfaSetting (GetUser, GetUserAuthFactors). */
export function toMfaPreference(mfaTypeOf: MfaTypeOf, list: string[] = [], preferred?: string): MfaPreference {
  return {
    enabled: list.map(mfaTypeOf).filter((m): m is MfaType => !!m),
    preferred: preferred ? mfaTypeOf(preferred) : undefined,
  };
}

/** A DeviceType of ListDevices; `currentKey` is this browser's device. */
export function toDeviceInfo(d: DeviceType, currentKey?: string): DeviceInfo {
  const attr = toAttributes(d.DeviceAttributes);
  const date = (s?: number) => (typeof s === 'number' ? new Date(s * 1000) : undefined);
  return {
    deviceKey: d.DeviceKey,
    name: attr.device_name,
    remembered: attr['dev:device_remembered_status'] === 'remembered',
    lastIp: attr.last_ip_used,
    createdAt: date(d.DeviceCreateDate),
    lastAuthenticatedAt: date(d.DeviceLastAuthenticatedDate),
    current: d.DeviceKey === currentKey,
  };
}
