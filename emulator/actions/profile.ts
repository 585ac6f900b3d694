/**
 * What a signed-in user may do with their own account (access-token actions): ChangePassword,
 * GetUser, attribute updates and verification, DeleteUser; and UpdateAuthEventFeedback.
 */
import type { AccessTokenInput, AttributeType, ClientMetadata } from '../api-shapes.ts';
import type { RequestContext } from '../context.ts';
import * as E from '../errors.ts';
import {
  checkCode,
  CODE_LIFETIME_MS,
  passwordMatches,
  recordFailedSignIn,
  recordSuccessfulSignIn,
  requirePool,
  requireUser,
  setPassword,
  validateAttributes,
  validatePassword,
} from '../model.ts';
import { checkClientMayWrite, deleteAttributes, updateAttributes } from '../rules/attribute-changes.ts';
import { noteCodeRequest, sendAttributeCode } from '../rules/attribute-codes.ts';
import { deleteUserEverywhere } from '../rules/delete-user.ts';
import { claimAliases, isVerifiable } from '../rules/sign-in-names.ts';
import { signedIn } from '../rules/signed-in.ts';
import { mfaView, readable } from '../rules/user-view.ts';
import { attributeList, required, toAttributeList } from '../validate.ts';

export interface ChangePasswordInput extends AccessTokenInput {
  PreviousPassword?: string;
  ProposedPassword: string;
}

export async function changePassword(input: ChangePasswordInput, { emu }: RequestContext) {
  required(input, 'ProposedPassword', 'AccessToken');
  const { pool, user } = await signedIn(emu, input.AccessToken);
  // Repeated wrong passwords lock the account for a while; here that shows as a rate limit.
  if (user.lockedUntil && emu.now() < user.lockedUntil) throw E.LimitExceeded('Attempt limit exceeded, please try after some time.');
  const passwordless = !user.verifier && input.PreviousPassword === undefined;
  if (!passwordless && !passwordMatches(pool, user, input.PreviousPassword)) {
    recordFailedSignIn(emu, user);
    emu.changed();
    throw E.NotAuthorized(E.WRONG_CREDENTIALS);
  }
  setPassword(emu, pool, user, validatePassword(pool, input.ProposedPassword));
  recordSuccessfulSignIn(user);
  emu.changed();
  return {};
}

export type GetUserInput = AccessTokenInput;

export async function getUser(input: GetUserInput, { emu }: RequestContext) {
  required(input, 'AccessToken');
  const { user, client } = await signedIn(emu, input.AccessToken);
  return { Username: user.Username, UserAttributes: toAttributeList(readable(client, user.Attributes)), ...mfaView(user) };
}

export interface UpdateUserAttributesInput extends AccessTokenInput {
  UserAttributes: AttributeType[];
  ClientMetadata?: ClientMetadata;
}

export async function updateUserAttributes(input: UpdateUserAttributesInput, { emu }: RequestContext) {
  required(input, 'UserAttributes', 'AccessToken');
  const { pool, user, client } = await signedIn(emu, input.AccessToken);
  const changes = attributeList(input.UserAttributes);
  validateAttributes(pool, changes, 'update');
  checkClientMayWrite(client, Object.keys(changes));
  return { CodeDeliveryDetailsList: updateAttributes(emu, pool, user, changes, false) };
}

export interface DeleteUserAttributesInput extends AccessTokenInput {
  UserAttributeNames: string[];
}

export async function deleteUserAttributes(input: DeleteUserAttributesInput, { emu }: RequestContext) {
  required(input, 'UserAttributeNames', 'AccessToken');
  const { pool, user, client } = await signedIn(emu, input.AccessToken);
  if (Array.isArray(input.UserAttributeNames)) checkClientMayWrite(client, input.UserAttributeNames);
  deleteAttributes(emu, pool, user, input.UserAttributeNames, false);
  return {};
}

export interface GetUserAttributeVerificationCodeInput extends AccessTokenInput {
  AttributeName: string;
  ClientMetadata?: ClientMetadata;
}

export async function getUserAttributeVerificationCode(input: GetUserAttributeVerificationCodeInput, { emu }: RequestContext) {
  required(input, 'AccessToken', 'AttributeName');
  const { pool, user } = await signedIn(emu, input.AccessToken);
  const attr = String(input.AttributeName);
  if (!isVerifiable(attr)) throw E.InvalidParameter(`Invalid attribute name: ${attr} cannot be verified.`);
  const value = user.pendingAttributes?.[attr] ?? user.Attributes[attr];
  if (!value) throw E.InvalidParameter(`User does not have a value for the attribute: ${attr}`);
  noteCodeRequest(emu, user, `verify_${attr}`);
  return { CodeDeliveryDetails: sendAttributeCode(emu, pool, user, `verify_${attr}`, attr, value, CODE_LIFETIME_MS.verify) };
}

export interface VerifyUserAttributeInput extends AccessTokenInput {
  AttributeName: string;
  Code: string;
}

export async function verifyUserAttribute(input: VerifyUserAttributeInput, { emu }: RequestContext) {
  required(input, 'AccessToken', 'AttributeName', 'Code');
  const { pool, user } = await signedIn(emu, input.AccessToken);
  const attr = String(input.AttributeName);
  if (!isVerifiable(attr)) throw E.InvalidParameter(`Invalid attribute name: ${attr} cannot be verified.`);
  const code = user.codes[`verify_${attr}`];
  checkCode(emu, code, input.Code);
  const value = user.pendingAttributes?.[attr] ?? user.Attributes[attr];
  // The code was for a value the user has since changed: it proves nothing about the current one.
  if (!value || (code?.value !== undefined && code.value !== value)) {
    throw E.ExpiredCode('Invalid code provided, please request a code again.');
  }
  const next = { ...user.Attributes, [attr]: value, [`${attr}_verified`]: 'true' };
  claimAliases(emu, pool, user, next, false, [attr]);
  user.Attributes = next;
  if (user.pendingAttributes) {
    delete user.pendingAttributes[attr];
    if (Object.keys(user.pendingAttributes).length === 0) delete user.pendingAttributes;
  }
  delete user.codes[`verify_${attr}`];
  user.UserLastModifiedDate = emu.now();
  emu.changed();
  return {};
}

export type DeleteUserInput = AccessTokenInput;

export async function deleteUser(input: DeleteUserInput, { emu }: RequestContext) {
  required(input, 'AccessToken');
  const { pool, user } = await signedIn(emu, input.AccessToken);
  deleteUserEverywhere(emu, pool, user);
  return {};
}

export interface UpdateAuthEventFeedbackInput {
  UserPoolId: string;
  Username: string;
  EventId: string;
  FeedbackToken: string;
  FeedbackValue: 'Valid' | 'Invalid';
}

export function updateAuthEventFeedback(input: UpdateAuthEventFeedbackInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'Username', 'EventId', 'FeedbackToken', 'FeedbackValue');
  const pool = requirePool(emu, input.UserPoolId);
  if (!['Valid', 'Invalid'].includes(input.FeedbackValue)) {
    throw E.InvalidParameter(
      `1 validation error detected: Value '${input.FeedbackValue}' at 'feedbackValue' failed to satisfy constraint: Member must satisfy enum value set: [Valid, Invalid]`,
    );
  }
  const mode = (pool.config.UserPoolAddOns as { AdvancedSecurityMode?: string } | undefined)?.AdvancedSecurityMode;
  if (!mode || mode === 'OFF') {
    throw new E.ServiceError('UserPoolAddOnNotEnabledException', 'Advanced security features are not enabled for this user pool.');
  }
  requireUser(pool, input.Username);
  // The emulator records no authentication events, so no event id can match.
  throw E.ResourceNotFound(`Auth event ${input.EventId} not found.`);
}
