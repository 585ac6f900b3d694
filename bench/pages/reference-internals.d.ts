// amazon-cognito-identity-js ships no types for the internals the SRP bench calls directly
// (the same classes CognitoUser uses during authenticateUser).
declare module 'amazon-cognito-identity-js/es/AuthenticationHelper.js' {
  export default class AuthenticationHelper {
    constructor(poolName: string);
    smallAValue: unknown;
    largeAValue: unknown;
    getPasswordAuthenticationKey(
      username: string,
      password: string,
      serverBValue: unknown,
      salt: unknown,
      callback: (err: Error | null, hkdf: Uint8Array) => void,
    ): void;
  }
}
declare module 'amazon-cognito-identity-js/es/DateHelper.js' {
  export default class DateHelper {
    getNowString(): string;
  }
}
declare module 'amazon-cognito-identity-js/es/BigInteger.js' {
  export default class BigInteger {
    constructor(digits: string, radix: number);
  }
}
