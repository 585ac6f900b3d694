/**
 * Cognito's error shape. Every refusal the emulator gives is one of these, serialised as
 * `{"__type": name, "message": message}` with the same name in `x-amzn-ErrorType`.
 */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

const make =
  (type: string, status = 400) =>
  (message: string) =>
    new ServiceError(type, message, status);

export const NotAuthorized = make('NotAuthorizedException');
export const InvalidParameter = make('InvalidParameterException');
export const InvalidPassword = make('InvalidPasswordException');
export const ResourceNotFound = make('ResourceNotFoundException');
export const UserNotFound = make('UserNotFoundException');
export const UsernameExists = make('UsernameExistsException');
export const AliasExists = make('AliasExistsException');
export const UserNotConfirmed = make('UserNotConfirmedException');
export const PasswordResetRequired = make('PasswordResetRequiredException');
export const CodeMismatch = make('CodeMismatchException');
export const ExpiredCode = make('ExpiredCodeException');
export const TooManyFailedAttempts = make('TooManyFailedAttemptsException');
export const LimitExceeded = make('LimitExceededException');
export const InvalidUserPoolConfiguration = make('InvalidUserPoolConfigurationException');
export const EnableSoftwareTokenMFA = make('EnableSoftwareTokenMFAException');
export const SoftwareTokenMFANotFound = make('SoftwareTokenMFANotFoundException');
export const RefreshTokenReuse = make('RefreshTokenReuseException');
export const UnsupportedOperation = make('UnsupportedOperationException');
export const UnsupportedTokenType = make('UnsupportedTokenTypeException');
export const InvalidParameterValue = InvalidParameter;
export const InternalError = make('InternalErrorException', 500);
export const Serialization = make('SerializationException');
export const UnknownOperation = make('UnknownOperationException');

/** The message Cognito gives for a wrong password and, with PreventUserExistenceErrors, for an unknown user. */
export const WRONG_CREDENTIALS = 'Incorrect username or password.';
