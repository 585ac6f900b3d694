/**
 * Pool-administrator user actions (AdminCreateUser, AdminGetUser, ListUsers, ...). On AWS these
 * need SigV4; here they are accepted unsigned so tests and tooling can manage users directly.
 */
import { randomInt } from 'node:crypto';
import type { AdminUserInput, AttributeType, ClientMetadata } from '../api-shapes.ts';
import type { Emulator, RequestContext } from '../context.ts';
import * as E from '../errors.ts';
import {
  addUser,
  caseSensitive,
  CODE_LIFETIME_MS,
  deliver,
  deliveryFor,
  newUser,
  recordSuccessfulSignIn,
  requirePool,
  requireUser,
  schemaAttribute,
  setPassword,
  userNamed,
  usernameForNewUser,
  validateAttributes,
  validatePassword,
} from '../model.ts';
import { deleteAttributes, updateAttributes } from '../rules/attribute-changes.ts';
import { recoveryTarget, sendAttributeCode } from '../rules/attribute-codes.ts';
import { deleteUserEverywhere } from '../rules/delete-user.ts';
import { checkUsernameAttributesFree, checkUsernameFormat, claimAliases } from '../rules/sign-in-names.ts';
import { mfaView, seconds, userType } from '../rules/user-view.ts';
import type { PasswordPolicy, Pool, User } from '../state.ts';
import { revokeAllForUser } from '../tokens.ts';
import { attributeList, required, toAttributeList } from '../validate.ts';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '^$*.[]{}()?!@#%&/,><:;|_~=+-';

/** A temporary password that satisfies the pool's policy, with one of every character class. */
function temporaryPassword(policy: PasswordPolicy): string {
  const pick = (set: string) => set[randomInt(set.length)];
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), ...(policy.RequireSymbols ? [pick(SYMBOLS)] : [])];
  const all = UPPER + LOWER + DIGITS + (policy.RequireSymbols ? SYMBOLS : '');
  while (chars.length < Math.max(policy.MinimumLength, 12)) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

type Target = { medium: 'EMAIL' | 'SMS'; destination: string; attribute: string };

/**
 * Where the invitation goes. Cognito's default medium is SMS; a medium asked for explicitly needs
 * its attribute, while the default falls back to whatever address the user has.
 */
function invitationTargets(attributes: Record<string, string>, mediums: unknown): Target[] {
  if (mediums !== undefined && (!Array.isArray(mediums) || mediums.some((m) => m !== 'SMS' && m !== 'EMAIL'))) {
    throw E.InvalidParameter(
      "1 validation error detected: Value at 'desiredDeliveryMediums' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [SMS, EMAIL]]",
    );
  }
  const targets: Target[] = [];
  for (const medium of (mediums as ('SMS' | 'EMAIL')[] | undefined) ?? ['SMS']) {
    const attribute = medium === 'EMAIL' ? 'email' : 'phone_number';
    if (attributes[attribute]) targets.push({ medium, destination: attributes[attribute], attribute });
    else if (mediums !== undefined) {
      throw E.InvalidParameter(`No ${attribute} provided but desired delivery medium was ${medium === 'EMAIL' ? 'Email' : 'Sms'}`);
    }
  }
  if (targets.length === 0) {
    const fallback = deliveryFor({ Attributes: attributes } as User);
    if (fallback) targets.push(fallback);
  }
  return targets;
}

/** Gives the user a (new) temporary password that expires after the pool's validity days. */
function setTemporaryPassword(emu: Emulator, pool: Pool, user: User, password: string): void {
  setPassword(emu, pool, user, password);
  user.UserStatus = 'FORCE_CHANGE_PASSWORD';
  user.temporaryPasswordExpiresAt = emu.now() + pool.config.Policies.PasswordPolicy.TemporaryPasswordValidityDays * 86400_000;
}

/** Admins may set `*_verified`, but immutable attributes only when the user is created. */
function checkAdminUpdate(pool: Pool, changes: Record<string, string>): void {
  validateAttributes(pool, changes, 'admin');
  for (const name of Object.keys(changes)) {
    if (schemaAttribute(pool, name)?.Mutable === false) {
      throw E.InvalidParameter(`Attributes did not conform to the schema: ${name}: Attribute cannot be updated. (changing an immutable attribute)\n`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// ListUsers filters: `attribute = "value"` (exact) or `attribute ^= "value"` (prefix)

const SEARCHABLE = ['username', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username', 'cognito:user_status', 'status', 'sub'];

type Filter = (user: User) => boolean;

function parseFilter(pool: Pool, text: unknown): Filter {
  if (text === undefined || text === null || (typeof text === 'string' && text.trim() === '')) return () => true;
  const match = typeof text === 'string' ? /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(text) : null;
  if (!match) throw E.InvalidParameter('Error while parsing filter.');
  const [, name, op, raw] = match;
  if (!SEARCHABLE.includes(name)) throw E.InvalidParameter(`Invalid search attribute: ${name}`);
  const wanted = raw.replace(/\\(.)/g, '$1');
  // Usernames follow the pool's case sensitivity, statuses are case-insensitive, the rest exact.
  const fold = (name === 'username' && !caseSensitive(pool)) || name === 'cognito:user_status';
  const norm = (v: string) => (fold ? v.toLowerCase() : v);
  const valueOf = (u: User): string | undefined =>
    name === 'username' ? u.Username : name === 'cognito:user_status' ? u.UserStatus : name === 'status' ? (u.Enabled ? 'Enabled' : 'Disabled') : u.Attributes[name];
  return (user) => {
    const value = valueOf(user);
    if (value === undefined) return false;
    return op === '=' ? norm(value) === norm(wanted) : norm(value).startsWith(norm(wanted));
  };
}

// ---------------------------------------------------------------------------------------------

export interface AdminCreateUserInput {
  UserPoolId: string;
  Username: string;
  UserAttributes?: AttributeType[];
  ValidationData?: AttributeType[];
  TemporaryPassword?: string;
  ForceAliasCreation?: boolean;
  MessageAction?: 'RESEND' | 'SUPPRESS';
  DesiredDeliveryMediums?: ('SMS' | 'EMAIL')[];
  ClientMetadata?: ClientMetadata;
}

export function adminCreateUser(input: AdminCreateUserInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username');
  const pool = requirePool(emu, input.UserPoolId);
  const action = input.MessageAction;
  if (action !== undefined && action !== 'RESEND' && action !== 'SUPPRESS') {
    throw E.InvalidParameter(
      `1 validation error detected: Value '${action}' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]`,
    );
  }
  const password = input.TemporaryPassword !== undefined ? validatePassword(pool, input.TemporaryPassword) : temporaryPassword(pool.config.Policies.PasswordPolicy);

  if (action === 'RESEND') {
    // A new invitation (and a fresh expiry) for someone who has not signed in yet.
    const user = requireUser(pool, input.Username);
    if (user.UserStatus !== 'FORCE_CHANGE_PASSWORD') {
      throw new E.ServiceError('UnsupportedUserStateException', `Resend not possible. ${user.Username} status is not FORCE_CHANGE_PASSWORD.`);
    }
    const targets = invitationTargets(user.Attributes, input.DesiredDeliveryMediums);
    setTemporaryPassword(emu, pool, user, password);
    for (const to of targets) deliver(emu, pool, user, 'invitation', password, to);
    emu.changed();
    return { User: userType(user) };
  }

  const given = String(input.Username);
  checkUsernameFormat(pool, given);
  const attributes = attributeList(input.UserAttributes);
  const username = usernameForNewUser(pool, given, attributes);
  validateAttributes(pool, attributes, 'admin');
  for (const flag of ['email_verified', 'phone_number_verified']) {
    if (attributes[flag] !== undefined && attributes[flag] !== 'true' && attributes[flag] !== 'false') {
      throw E.InvalidParameter(`Invalid value for ${flag}: must be true or false.`);
    }
  }
  if (userNamed(pool, username)) throw E.UsernameExists('User account already exists');
  checkUsernameAttributesFree(pool, attributes);
  if ((pool.config.UsernameAttributes ?? []).length) attributes.sub = username; // such users are named by their sub
  const targets = action === 'SUPPRESS' ? [] : invitationTargets(attributes, input.DesiredDeliveryMediums);

  const user = newUser(emu, pool, username, attributes);
  setTemporaryPassword(emu, pool, user, password);
  claimAliases(emu, pool, user, user.Attributes, input.ForceAliasCreation === true);
  addUser(pool, user);
  for (const to of targets) deliver(emu, pool, user, 'invitation', password, to);
  emu.changed();
  return { User: userType(user) };
}

export interface AdminSetUserPasswordInput extends AdminUserInput {
  Password: string;
  Permanent?: boolean;
}

export function adminSetUserPassword(input: AdminSetUserPasswordInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username', 'Password');
  const pool = requirePool(emu, input.UserPoolId);
  const user = requireUser(pool, input.Username);
  const password = validatePassword(pool, input.Password);
  if (input.Permanent === true) {
    setPassword(emu, pool, user, password);
    user.UserStatus = 'CONFIRMED';
    delete user.temporaryPasswordExpiresAt;
    delete user.codes.forgot_password;
    recordSuccessfulSignIn(user);
  } else {
    setTemporaryPassword(emu, pool, user, password);
  }
  emu.changed();
  return {};
}

export interface AdminConfirmSignUpInput extends AdminUserInput {
  ClientMetadata?: ClientMetadata;
}

export function adminConfirmSignUp(input: AdminConfirmSignUpInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username');
  const pool = requirePool(emu, input.UserPoolId);
  const user = requireUser(pool, input.Username);
  if (user.UserStatus !== 'UNCONFIRMED') throw E.NotAuthorized(`User cannot be confirmed. Current status is ${user.UserStatus}`);
  claimAliases(emu, pool, user, user.Attributes);
  user.UserStatus = 'CONFIRMED';
  user.UserLastModifiedDate = emu.now();
  delete user.codes.signup;
  emu.changed();
  return {};
}

export type AdminGetUserInput = AdminUserInput;

export function adminGetUser(input: AdminGetUserInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username');
  const user = requireUser(requirePool(emu, input.UserPoolId), input.Username);
  return {
    Username: user.Username,
    UserAttributes: toAttributeList(user.Attributes),
    UserCreateDate: seconds(user.UserCreateDate),
    UserLastModifiedDate: seconds(user.UserLastModifiedDate),
    Enabled: user.Enabled,
    UserStatus: user.UserStatus,
    ...mfaView(user),
  };
}

export type AdminDeleteUserInput = AdminUserInput;

export function adminDeleteUser(input: AdminDeleteUserInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username');
  const pool = requirePool(emu, input.UserPoolId);
  deleteUserEverywhere(emu, pool, requireUser(pool, input.Username));
  return {};
}

export interface AdminUpdateUserAttributesInput extends AdminUserInput {
  UserAttributes: AttributeType[];
  ClientMetadata?: ClientMetadata;
}

export function adminUpdateUserAttributes(input: AdminUpdateUserAttributesInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username', 'UserAttributes');
  const pool = requirePool(emu, input.UserPoolId);
  const user = requireUser(pool, input.Username);
  const changes = attributeList(input.UserAttributes);
  checkAdminUpdate(pool, changes);
  updateAttributes(emu, pool, user, changes, true);
  return {};
}

export interface AdminDeleteUserAttributesInput extends AdminUserInput {
  UserAttributeNames: string[];
}

export function adminDeleteUserAttributes(input: AdminDeleteUserAttributesInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username', 'UserAttributeNames');
  const pool = requirePool(emu, input.UserPoolId);
  deleteAttributes(emu, pool, requireUser(pool, input.Username), input.UserAttributeNames, true);
  return {};
}

export type AdminDisableUserInput = AdminUserInput;

export function adminDisableUser(input: AdminDisableUserInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username');
  const pool = requirePool(emu, input.UserPoolId);
  const user = requireUser(pool, input.Username);
  user.Enabled = false;
  user.UserLastModifiedDate = emu.now();
  // Cognito revokes the user's tokens on deactivation; re-enabling does not bring them back.
  revokeAllForUser(emu, pool, user);
  emu.changed();
  return {};
}

export type AdminEnableUserInput = AdminUserInput;

export function adminEnableUser(input: AdminEnableUserInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username');
  const user = requireUser(requirePool(emu, input.UserPoolId), input.Username);
  user.Enabled = true;
  user.UserLastModifiedDate = emu.now();
  emu.changed();
  return {};
}

export interface AdminResetUserPasswordInput extends AdminUserInput {
  ClientMetadata?: ClientMetadata;
}

export function adminResetUserPassword(input: AdminResetUserPasswordInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username');
  const pool = requirePool(emu, input.UserPoolId);
  const user = requireUser(pool, input.Username);
  if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') throw E.NotAuthorized('User password cannot be reset in the current state.');
  const target = recoveryTarget(pool, user);
  // The old password stops working: sign-in now answers PasswordResetRequiredException.
  user.UserStatus = 'RESET_REQUIRED';
  user.UserLastModifiedDate = emu.now();
  sendAttributeCode(emu, pool, user, 'forgot_password', target.attr, target.value, CODE_LIFETIME_MS.forgot_password);
  emu.changed();
  return {};
}

export interface ListUsersInput {
  UserPoolId: string;
  AttributesToGet?: string[];
  Limit?: number;
  PaginationToken?: string;
  Filter?: string;
}

export function listUsers(input: ListUsersInput, { emu }: RequestContext) {
  required(input, 'UserPoolId');
  const pool = requirePool(emu, input.UserPoolId);
  const limit = input.Limit ?? 60;
  if (!Number.isInteger(limit) || limit < 0 || limit > 60) {
    throw E.InvalidParameter(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`,
    );
  }
  if (input.AttributesToGet !== undefined && !Array.isArray(input.AttributesToGet)) {
    throw E.InvalidParameter('AttributesToGet must be a list of attribute names.');
  }
  const filter = parseFilter(pool, input.Filter);
  // The token is the last key returned; keys are sorted, so pages stay stable as users come and go.
  let after = '';
  if (input.PaginationToken !== undefined) {
    try {
      after = JSON.parse(Buffer.from(String(input.PaginationToken), 'base64url').toString('utf8')).after;
    } catch {
      after = '';
    }
    if (typeof after !== 'string' || after === '') throw E.InvalidParameter('Invalid pagination token.');
  }
  const keys = Object.keys(pool.users)
    .sort()
    .filter((k) => k > after && filter(pool.users[k]));
  const page = keys.slice(0, limit);
  const more = keys.length > page.length && page.length > 0;
  return {
    Users: page.map((k) => userType(pool.users[k], input.AttributesToGet)),
    ...(more ? { PaginationToken: Buffer.from(JSON.stringify({ after: page[page.length - 1] })).toString('base64url') } : {}),
  };
}
