// Types for server.mjs (imported by test/node/jwt-backend.test.ts).
export interface TokenVerifier {
  verify(token: string): Promise<Record<string, unknown>>;
}

export function createVerifier(options: {
  userPoolId?: string;
  clientId: string;
  tokenUse?: 'id' | 'access';
  /** For a Cognito-compatible server that is not AWS, e.g. `http://127.0.0.1:9229/us-east-1_DemoPool1`. */
  issuer?: string;
  jwksUri?: string;
}): TokenVerifier;

export function startServer(options: {
  verifier: TokenVerifier;
  port?: number;
  host?: string;
  allowOrigin?: string;
}): Promise<{ url: string; close(): Promise<void> }>;
