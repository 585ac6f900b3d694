/**
 * Every action the emulator answers, one line each, alphabetical: the list of what is supported.
 * An action missing here is answered with UnknownOperationException, as AWS answers an unknown one.
 * The handlers live in one module per area of the API; each checks its own input (validate.ts).
 */
import type { HandlerMap } from '../context.ts';
import {
  adminConfirmSignUp, adminCreateUser, adminDeleteUser, adminDeleteUserAttributes, adminDisableUser,
  adminEnableUser, adminGetUser, adminResetUserPassword, adminSetUserPassword, adminUpdateUserAttributes,
  listUsers,
} from './admin.ts';
import { adminInitiateAuth, adminRespondToAuthChallenge, initiateAuth, respondToAuthChallenge } from './auth.ts';
import {
  adminForgetDevice, adminGetDevice, adminListDevices, adminUpdateDeviceStatus, confirmDevice, forgetDevice,
  getDevice, listDevices, updateDeviceStatus,
} from './devices.ts';
import { describeIdentity, describeIdentityPool, getCredentialsForIdentity, getId } from './identity.ts';
import {
  adminGetUserAuthFactors, adminSetUserMFAPreference, adminSetUserSettings, associateSoftwareToken,
  getUserAuthFactors, setUserMFAPreference, setUserSettings, verifySoftwareToken,
} from './mfa.ts';
import {
  createUserPool, createUserPoolClient, createUserPoolDomain, deleteUserPool, deleteUserPoolClient,
  deleteUserPoolDomain, describeUserPool, describeUserPoolClient, getUserPoolMfaConfig, listUserPoolClients,
  listUserPools, setUserPoolMfaConfig, updateUserPool, updateUserPoolClient,
} from './pools.ts';
import {
  changePassword, deleteUser, deleteUserAttributes, getUser, getUserAttributeVerificationCode,
  updateAuthEventFeedback, updateUserAttributes, verifyUserAttribute,
} from './profile.ts';
import {
  adminListUserSessions, adminRevokeUserSession, adminUserGlobalSignOut, getTokensFromRefreshToken,
  globalSignOut, listUserSessions, revokeToken, revokeUserSession,
} from './sessions.ts';
import { confirmForgotPassword, confirmSignUp, forgotPassword, resendConfirmationCode, signUp } from './sign-up.ts';
import {
  completeWebAuthnRegistration, deleteWebAuthnCredential, listWebAuthnCredentials, startWebAuthnRegistration,
} from './webauthn.ts';

/** Cognito user pools: `AWSCognitoIdentityProviderService.<Action>`. */
export const userPoolActions: HandlerMap = {
  AdminConfirmSignUp: adminConfirmSignUp,
  AdminCreateUser: adminCreateUser,
  AdminDeleteUser: adminDeleteUser,
  AdminDeleteUserAttributes: adminDeleteUserAttributes,
  AdminDisableUser: adminDisableUser,
  AdminEnableUser: adminEnableUser,
  AdminForgetDevice: adminForgetDevice,
  AdminGetDevice: adminGetDevice,
  AdminGetUser: adminGetUser,
  AdminGetUserAuthFactors: adminGetUserAuthFactors,
  AdminInitiateAuth: adminInitiateAuth,
  AdminListDevices: adminListDevices,
  AdminListUserSessions: adminListUserSessions,
  AdminResetUserPassword: adminResetUserPassword,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  AdminRevokeUserSession: adminRevokeUserSession,
  AdminSetUserMFAPreference: adminSetUserMFAPreference,
  AdminSetUserPassword: adminSetUserPassword,
  AdminSetUserSettings: adminSetUserSettings,
  AdminUpdateDeviceStatus: adminUpdateDeviceStatus,
  AdminUpdateUserAttributes: adminUpdateUserAttributes,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  AssociateSoftwareToken: associateSoftwareToken,
  ChangePassword: changePassword,
  CompleteWebAuthnRegistration: completeWebAuthnRegistration,
  ConfirmDevice: confirmDevice,
  ConfirmForgotPassword: confirmForgotPassword,
  ConfirmSignUp: confirmSignUp,
  CreateUserPool: createUserPool,
  CreateUserPoolClient: createUserPoolClient,
  CreateUserPoolDomain: createUserPoolDomain,
  DeleteUser: deleteUser,
  DeleteUserAttributes: deleteUserAttributes,
  DeleteUserPool: deleteUserPool,
  DeleteUserPoolClient: deleteUserPoolClient,
  DeleteUserPoolDomain: deleteUserPoolDomain,
  DeleteWebAuthnCredential: deleteWebAuthnCredential,
  DescribeUserPool: describeUserPool,
  DescribeUserPoolClient: describeUserPoolClient,
  ForgetDevice: forgetDevice,
  ForgotPassword: forgotPassword,
  GetDevice: getDevice,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  GetUser: getUser,
  GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
  GetUserAuthFactors: getUserAuthFactors,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  GlobalSignOut: globalSignOut,
  InitiateAuth: initiateAuth,
  ListDevices: listDevices,
  ListUserPoolClients: listUserPoolClients,
  ListUserPools: listUserPools,
  ListUserSessions: listUserSessions,
  ListUsers: listUsers,
  ListWebAuthnCredentials: listWebAuthnCredentials,
  ResendConfirmationCode: resendConfirmationCode,
  RespondToAuthChallenge: respondToAuthChallenge,
  RevokeToken: revokeToken,
  RevokeUserSession: revokeUserSession,
  SetUserMFAPreference: setUserMFAPreference,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
  SetUserSettings: setUserSettings,
  SignUp: signUp,
  StartWebAuthnRegistration: startWebAuthnRegistration,
  UpdateAuthEventFeedback: updateAuthEventFeedback,
  UpdateDeviceStatus: updateDeviceStatus,
  UpdateUserAttributes: updateUserAttributes,
  UpdateUserPool: updateUserPool,
  UpdateUserPoolClient: updateUserPoolClient,
  VerifySoftwareToken: verifySoftwareToken,
  VerifyUserAttribute: verifyUserAttribute,
};

/** Cognito identity pools: `AWSCognitoIdentityService.<Action>`. */
export const identityPoolActions: HandlerMap = {
  DescribeIdentity: describeIdentity,
  DescribeIdentityPool: describeIdentityPool,
  GetCredentialsForIdentity: getCredentialsForIdentity,
  GetId: getId,
};
