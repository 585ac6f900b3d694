/**
 * Device tracking: a device key is issued at sign-in (NewDeviceMetadata), the client confirms it with
 * an SRP verifier of its own random password (ConfirmDevice), and a remembered device can later sign
 * in with DEVICE_SRP_AUTH instead of MFA. These actions manage the user's devices.
 */
import type { AccessTokenInput, AdminUserInput } from '../api-shapes.ts';
import type { Emulator, RequestContext } from '../context.ts';
import * as E from '../errors.ts';
import { requirePool, requireUser } from '../model.ts';
import { authorizeUser } from '../rules/signed-in.ts';
import type { Device, Pool, User } from '../state.ts';
import { required } from '../validate.ts';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Cognito's DeviceType for a stored device (dates in epoch seconds). */
export function deviceType(device: Device) {
  return {
    DeviceKey: device.DeviceKey,
    DeviceAttributes: [
      { Name: 'device_status', Value: 'valid' },
      ...(device.DeviceName ? [{ Name: 'device_name', Value: device.DeviceName }] : []),
      ...(device.lastIp ? [{ Name: 'last_ip_used', Value: device.lastIp }] : []),
      { Name: 'dev:device_remembered_status', Value: device.remembered ? 'remembered' : 'not_remembered' },
    ],
    DeviceCreateDate: seconds(device.createdAt),
    DeviceLastModifiedDate: seconds(device.lastModifiedAt),
    DeviceLastAuthenticatedDate: seconds(device.lastAuthenticatedAt),
  };
}

const NO_DEVICE = 'Device does not exist.';

/**
 * A confirmed device of this user. A key issued at sign-in but never confirmed is not a device yet
 * as far as these actions are concerned (only ConfirmDevice and ForgetDevice accept it).
 */
function requireDevice(user: User, deviceKey: unknown, allowUnconfirmed = false): Device {
  const device = typeof deviceKey === 'string' && Object.hasOwn(user.devices, deviceKey) ? user.devices[deviceKey] : undefined;
  if (!device || (!device.confirmed && !allowUnconfirmed)) throw E.ResourceNotFound(NO_DEVICE);
  return device;
}

/** The user an admin action names (UserPoolId + Username). */
function adminUser(emu: Emulator, input: AdminUserInput): User {
  required(input, 'UserPoolId', 'Username');
  return requireUser(requirePool(emu, input.UserPoolId), input.Username);
}

function setRememberedStatus(emu: Emulator, device: Device, status: unknown): void {
  if (status !== 'remembered' && status !== 'not_remembered') {
    throw E.InvalidParameter(
      `1 validation error detected: Value '${String(status)}' at 'deviceRememberedStatus' failed to satisfy constraint: Member must satisfy enum value set: [remembered, not_remembered]`,
    );
  }
  device.remembered = status === 'remembered';
  device.lastModifiedAt = emu.now();
  emu.changed();
}

const MAX_LIMIT = 60;

/** ListDevices: confirmed devices, newest first, `Limit` (0 to 60) per page and an opaque offset token. */
function devicePage(user: User, limit: unknown, paginationToken: unknown) {
  const pageSize = limit === undefined || limit === null ? MAX_LIMIT : Number(limit);
  if (!Number.isInteger(pageSize) || pageSize < 0 || pageSize > MAX_LIMIT) {
    throw E.InvalidParameter(
      `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${MAX_LIMIT}`,
    );
  }
  const devices = Object.values(user.devices)
    .filter((d) => d.confirmed)
    .sort((a, b) => b.createdAt - a.createdAt || a.DeviceKey.localeCompare(b.DeviceKey));
  let start = 0;
  if (paginationToken !== undefined && paginationToken !== null) {
    start = Number.parseInt(Buffer.from(String(paginationToken), 'base64url').toString('utf8'), 10);
    if (!Number.isInteger(start) || start < 0 || start > devices.length) throw E.InvalidParameter('Invalid pagination token.');
  }
  const end = start + pageSize;
  return {
    Devices: devices.slice(start, end).map(deviceType),
    ...(pageSize > 0 && end < devices.length ? { PaginationToken: Buffer.from(String(end)).toString('base64url') } : {}),
  };
}

/** Finds a device by key alone (ForgetDevice without an access token): keys are unguessable and unique. */
function findDeviceOwner(emu: Emulator, deviceKey: string): { pool: Pool; user: User } | undefined {
  for (const pool of Object.values(emu.state.pools)) {
    for (const user of Object.values(pool.users)) {
      if (Object.hasOwn(user.devices, deviceKey)) return { pool, user };
    }
  }
  return undefined;
}

function forget(emu: Emulator, user: User, deviceKey: unknown): void {
  requireDevice(user, deviceKey, true);
  delete user.devices[deviceKey as string];
  emu.changed();
}

function confirmTrackedDevice(emu: Emulator, pool: Pool, user: User, input: ConfirmDeviceInput, ctx: RequestContext) {
  required(input, 'DeviceKey');
  const device = requireDevice(user, input.DeviceKey, true);
  const config = input.DeviceSecretVerifierConfig;
  if (!config || typeof config.PasswordVerifier !== 'string' || typeof config.Salt !== 'string' || !config.PasswordVerifier || !config.Salt) {
    throw E.InvalidParameter('DeviceSecretVerifierConfig must contain PasswordVerifier and Salt.');
  }
  // The client sends base64 of the padHex bytes; DEVICE_SRP_AUTH works with hex, as for users.
  device.salt = Buffer.from(config.Salt, 'base64').toString('hex');
  device.verifier = Buffer.from(config.PasswordVerifier, 'base64').toString('hex');
  if (typeof input.DeviceName === 'string' && input.DeviceName) device.DeviceName = input.DeviceName;
  const now = emu.now();
  device.confirmed = true;
  device.lastModifiedAt = now;
  device.lastIp ??= ctx.sourceIp;
  // With "remember only on user prompt" the app must ask and call UpdateDeviceStatus; otherwise
  // every confirmed device is remembered straight away.
  const UserConfirmationNecessary = pool.config.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt === true;
  device.remembered = !UserConfirmationNecessary;
  emu.changed();
  return { UserConfirmationNecessary };
}

export interface ConfirmDeviceInput extends AccessTokenInput {
  DeviceKey: string;
  DeviceSecretVerifierConfig?: { PasswordVerifier?: string; Salt?: string };
  DeviceName?: string;
}

export async function confirmDevice(input: ConfirmDeviceInput, ctx: RequestContext) {
  const { pool, user } = await authorizeUser(ctx.emu, input);
  return confirmTrackedDevice(ctx.emu, pool, user, input, ctx);
}

export interface UpdateDeviceStatusInput extends AccessTokenInput {
  DeviceKey: string;
  DeviceRememberedStatus?: 'remembered' | 'not_remembered';
}

export async function updateDeviceStatus(input: UpdateDeviceStatusInput, { emu }: RequestContext) {
  const { user } = await authorizeUser(emu, input);
  required(input, 'DeviceKey');
  setRememberedStatus(emu, requireDevice(user, input.DeviceKey), input.DeviceRememberedStatus);
  return {};
}

export interface AdminUpdateDeviceStatusInput extends AdminUserInput {
  DeviceKey: string;
  DeviceRememberedStatus?: 'remembered' | 'not_remembered';
}

export function adminUpdateDeviceStatus(input: AdminUpdateDeviceStatusInput, { emu }: RequestContext) {
  const user = adminUser(emu, input);
  required(input, 'DeviceKey');
  setRememberedStatus(emu, requireDevice(user, input.DeviceKey), input.DeviceRememberedStatus);
  return {};
}

export interface GetDeviceInput extends AccessTokenInput {
  DeviceKey: string;
}

export async function getDevice(input: GetDeviceInput, { emu }: RequestContext) {
  const { user } = await authorizeUser(emu, input);
  required(input, 'DeviceKey');
  return { Device: deviceType(requireDevice(user, input.DeviceKey)) };
}

export interface AdminGetDeviceInput extends AdminUserInput {
  DeviceKey: string;
}

export function adminGetDevice(input: AdminGetDeviceInput, { emu }: RequestContext) {
  const user = adminUser(emu, input);
  required(input, 'DeviceKey');
  return { Device: deviceType(requireDevice(user, input.DeviceKey)) };
}

export interface ListDevicesInput extends AccessTokenInput {
  Limit?: number;
  PaginationToken?: string;
}

export async function listDevices(input: ListDevicesInput, { emu }: RequestContext) {
  const { user } = await authorizeUser(emu, input);
  return devicePage(user, input.Limit, input.PaginationToken);
}

export interface AdminListDevicesInput extends AdminUserInput {
  Limit?: number;
  PaginationToken?: string;
}

export function adminListDevices(input: AdminListDevicesInput, { emu }: RequestContext) {
  return devicePage(adminUser(emu, input), input.Limit, input.PaginationToken);
}

export interface ForgetDeviceInput {
  /** Optional on AWS too: without it the device key alone names the device. */
  AccessToken?: string;
  DeviceKey: string;
}

export async function forgetDevice(input: ForgetDeviceInput, { emu }: RequestContext) {
  required(input, 'DeviceKey');
  if (input.AccessToken !== undefined && input.AccessToken !== null) {
    const { user } = await authorizeUser(emu, input);
    forget(emu, user, input.DeviceKey);
    return {};
  }
  // AccessToken is optional in the API: the device key alone names the device.
  const owner = findDeviceOwner(emu, String(input.DeviceKey));
  if (!owner) throw E.ResourceNotFound(NO_DEVICE);
  forget(emu, owner.user, input.DeviceKey);
  return {};
}

export interface AdminForgetDeviceInput extends AdminUserInput {
  DeviceKey: string;
}

export function adminForgetDevice(input: AdminForgetDeviceInput, { emu }: RequestContext) {
  const user = adminUser(emu, input);
  required(input, 'DeviceKey');
  forget(emu, user, input.DeviceKey);
  return {};
}
