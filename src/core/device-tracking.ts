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
  /** The client's options: deviceName. */
  options: { deviceName?: string };
  warn(message: string, cause?: unknown): void;
  /** Keeps the device's secret, and its key in the session it was issued for. */
  keep(device: StoredDevice): Promise<void>;
  /** The device whose secret this browser keeps for the user, if any. */
  kept(): Promise<StoredDevice | undefined>;
}

/**
 * Never throws: the sign-in (or refresh) itself succeeded, and a device that could not be confirmed
 * or remembered only means MFA next time; each is said through `warn` (the client's `warning` event).
 * `remember`: the user's choice (or the rememberDevices option), acted on only where Cognito leaves
 * it to the user (UserConfirmationNecessary: the pool's DeviceOnlyRememberedOnUserPrompt); otherwise
 * Cognito remembered the device already, and an unticked choice leaves it not_remembered as it is.
 */
export async function confirmDevice(
  t: DeviceTracking,
  accessToken: string,
  metadata: { DeviceKey: string; DeviceGroupKey: string },
  remember: boolean,
): Promise<void> {
  let confirmed: { UserConfirmationNecessary?: boolean };
  try {
    const secrets = await t.srp.deviceVerifier(metadata.DeviceGroupKey, metadata.DeviceKey);
    confirmed = await t.call('ConfirmDevice', {
      AccessToken: accessToken,
      DeviceKey: metadata.DeviceKey,
      DeviceSecretVerifierConfig: secrets.verifierConfig,
      DeviceName: t.options.deviceName ?? (await import('./device-name.ts')).defaultDeviceName(),
    });
    await t.keep({ deviceKey: metadata.DeviceKey, deviceGroupKey: metadata.DeviceGroupKey, randomPassword: secrets.randomPassword });
  } catch (error) {
    t.warn('This device could not be registered with Cognito; the user will be asked for MFA next time.', error);
    return;
  }
  if (confirmed.UserConfirmationNecessary && remember) await markRemembered(t, accessToken, metadata.DeviceKey);
}

/**
 * The user ticked "Remember this device" on a device Cognito tracks already (confirmed at an
 * earlier sign-in, when they did not): no NewDeviceMetadata comes this time, so it is remembered
 * here, if this browser keeps its secret (a device it cannot prove would not skip MFA). Never throws.
 */
export async function rememberTrackedDevice(t: DeviceTracking, accessToken: string, deviceKey: string): Promise<void> {
  const kept = await t.kept().catch(() => undefined);
  if (kept?.deviceKey === deviceKey) await markRemembered(t, accessToken, deviceKey);
}

async function markRemembered(t: DeviceTracking, accessToken: string, deviceKey: string): Promise<void> {
  try {
    await t.call('UpdateDeviceStatus', { AccessToken: accessToken, DeviceKey: deviceKey, DeviceRememberedStatus: 'remembered' });
  } catch (error) {
    // Tracked but not remembered: the user is signed in, and rememberDevice() can try again.
    t.warn('This device could not be remembered; the user will be asked for MFA next time.', error);
  }
}
