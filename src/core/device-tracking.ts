/**
 * Confirms a device Cognito started tracking (NewDeviceMetadata, at sign-in or on a refresh), so the
 * next sign-in on it can skip MFA with device SRP. Loaded on demand: only pools that track devices
 * need it. Imports only types: a value import from the core would split that module out of the core
 * bundle into a shared chunk (see passkeys.ts).
 */
import type { StoredDevice } from './session.ts';
import type { SrpEngine } from './srp-engine.ts';

export interface DeviceTracking {
  srp: SrpEngine;
  /** ConfirmDevice / UpdateDeviceStatus through the client's wire. */
  call(action: 'ConfirmDevice' | 'UpdateDeviceStatus', input: Record<string, unknown>): Promise<{ UserConfirmationNecessary?: boolean }>;
  /** The client's options: deviceName, and rememberDevices (mark it remembered when Cognito leaves that to the user). */
  options: { deviceName?: string; rememberDevices?: boolean };
  warn(message: string, cause?: unknown): void;
  /** Keeps the device's secret, and its key in the session it was issued for. */
  keep(device: StoredDevice): Promise<void>;
}

/** Never throws: the sign-in (or refresh) itself succeeded, and a device that could not be confirmed only means MFA next time. */
export async function confirmDevice(t: DeviceTracking, accessToken: string, metadata: { DeviceKey: string; DeviceGroupKey: string }): Promise<void> {
  try {
    const secrets = await t.srp.deviceVerifier(metadata.DeviceGroupKey, metadata.DeviceKey);
    const confirmed = await t.call('ConfirmDevice', {
      AccessToken: accessToken,
      DeviceKey: metadata.DeviceKey,
      DeviceSecretVerifierConfig: secrets.verifierConfig,
      DeviceName: t.options.deviceName ?? (await import('./device-name.ts')).defaultDeviceName(),
    });
    await t.keep({ deviceKey: metadata.DeviceKey, deviceGroupKey: metadata.DeviceGroupKey, randomPassword: secrets.randomPassword });
    if (confirmed.UserConfirmationNecessary && t.options.rememberDevices) {
      await t.call('UpdateDeviceStatus', { AccessToken: accessToken, DeviceKey: metadata.DeviceKey, DeviceRememberedStatus: 'remembered' });
    }
  } catch (error) {
    t.warn('This device could not be registered with Cognito; the user will be asked for MFA next time.', error);
  }
}
