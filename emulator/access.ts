/**
 * Who may drive the emulator. It answers admin actions unsigned, its test controls read codes
 * from the outbox and move the clock, and its state holds the pools' private keys: a page on
 * another site (or one reached by DNS rebinding) must not reach any of that through the
 * developer's browser. Real Cognito needs no such gate (admin actions need SigV4 there), so
 * this is the emulator's own policy, kept in one place:
 *
 * - `Host` must name this machine: loopback, the bound address (every interface address when
 *   bound to 0.0.0.0 / ::), `allowHosts`, or the host of an `allowOrigins` entry. A rebinding
 *   page reaches us under its own name, so this refuses it.
 * - A browser request (one with an `Origin`) is answered, and granted CORS, only for a loopback
 *   origin (any port), an `allowOrigins` entry, or the emulator's own origin. Without an
 *   `Origin`, `Sec-Fetch-Site: cross-site` on the API or a control is refused too (a no-cors GET
 *   from some page), except a top-level navigation (the user opening the outbox in a tab).
 * - Admin actions and test controls from a page that is allowed but not on a loopback origin
 *   also need `X-Emulator-Token` (printed at start-up): allowing a staging site to sign in
 *   against the emulator should not let every script on it reset pools or read the outbox.
 * - Callers with no browser signs (the AWS SDK and CLI, curl, test runners) are let through as
 *   before: they run on the machine, which already trusts them.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';

export const TOKEN_HEADER = 'x-emulator-token';

/**
 * The user-pool and identity-pool actions that Cognito answers without SigV4 (public, or
 * authorised by a session or access token). Every other action is admin: on AWS it needs IAM
 * credentials. Source: each operation's note in the Cognito API reference ("Amazon Cognito
 * doesn't evaluate IAM policies in requests for this API operation") and the developer guide,
 * "Authorization models for API and SDK authentication"; Cognito Identity API reference for
 * GetId / GetCredentialsForIdentity (public) versus DescribeIdentity(Pool) ("developer credentials").
 */
const PUBLIC_ACTIONS = new Set([
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'ForgotPassword',
  'ConfirmForgotPassword',
  'InitiateAuth',
  'RespondToAuthChallenge',
  'GetTokensFromRefreshToken',
  'RevokeToken',
  'AssociateSoftwareToken',
  'VerifySoftwareToken',
  'SetUserMFAPreference',
  'SetUserSettings',
  'ChangePassword',
  'GetUser',
  'UpdateUserAttributes',
  'DeleteUser',
  'DeleteUserAttributes',
  'GetUserAttributeVerificationCode',
  'VerifyUserAttribute',
  'GlobalSignOut',
  'GetUserAuthFactors',
  'ConfirmDevice',
  'ForgetDevice',
  'GetDevice',
  'ListDevices',
  'UpdateDeviceStatus',
  'UpdateAuthEventFeedback',
  'StartWebAuthnRegistration',
  'CompleteWebAuthnRegistration',
  'ListWebAuthnCredentials',
  'DeleteWebAuthnCredential',
  // API reference, ListUserSessions / RevokeUserSession: authorised with the user's access token.
  'ListUserSessions',
  'RevokeUserSession',
  // Cognito Identity (AWSCognitoIdentityService.*)
  'GetId',
  'GetCredentialsForIdentity',
  'GetOpenIdToken',
]);

export interface AccessOptions {
  /** The address the server is bound to. */
  host: string;
  /** Origins (scheme://host[:port]) besides loopback whose pages may call the emulator. */
  allowOrigins?: readonly string[];
  /** Further names the emulator may be reached by (e.g. a docker-compose service name). */
  allowHosts?: readonly string[];
}

/** Who is calling, as far as the emulator trusts them. */
export type Caller =
  /** No browser signs: an SDK, the CLI, curl, a test runner. */
  | { kind: 'tool' }
  /** A page on a loopback origin: the demo, the browser tests, an app on the developer's machine. */
  | { kind: 'local-page'; origin: string }
  /** A page on an `allowOrigins` origin, or the emulator's own origin on a non-loopback address. */
  | { kind: 'allowed-page'; origin: string }
  /** `readableBy`: an allowed origin that gets CORS headers on the refusal, so the page can say why. */
  | { kind: 'refused'; reason: string; readableBy?: string };

/**
 * What the request asks for. 'admin' (admin actions, test controls) needs the token from a
 * non-loopback page; 'admin' and 'public-api' are kept from cross-site requests without an Origin;
 * 'other' (JWKS, hosted UI, the SigV4 stand-ins) gets the Host and Origin checks only.
 */
export type Surface = 'admin' | 'public-api' | 'other';

const WILDCARD = new Set(['0.0.0.0', '::', '']);

/** The host name of a `Host` header or bare host, normalised as a URL would (or undefined if it is not one). */
function hostnameOf(host: string): string | undefined {
  if (host === '' || /[@/\\?#\s]/.test(host)) return undefined;
  // A bare IPv6 address (as os.networkInterfaces gives it) needs brackets to parse as a host.
  const bracketed = !host.startsWith('[') && host.split(':').length > 2 ? `[${host}]` : host;
  try {
    return new URL(`http://${bracketed}`).hostname.replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

function isLoopbackName(hostname: string): boolean {
  // *.localhost resolves to loopback without DNS (RFC 6761; Chrome and Firefox hard-code it), so
  // no rebinding page can be served under such a name.
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** An `Origin` value as an origin URL, or undefined ("null", garbage, not http(s)). */
function parseOrigin(origin: string): URL | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Checks an `--allow-origin` value: a bare origin, no wildcard, no path. */
export function normaliseOrigin(value: string): string {
  const url = parseOrigin(value);
  if (!url || url.origin === 'null' || value.replace(/\/$/, '') !== url.origin) {
    throw new Error(
      `--allow-origin ${JSON.stringify(value)}: give an origin such as https://app.example.test:8443 (scheme, host, optional port; no path, no wildcard)`,
    );
  }
  return url.origin;
}

export class AccessPolicy {
  /** Browser pages on allowed non-loopback origins send this with admin actions and test controls. */
  readonly token = randomBytes(24).toString('base64url');
  readonly #origins: Set<string>;
  readonly #hosts = new Set(['localhost', '[::1]']);

  constructor(options: AccessOptions) {
    this.#origins = new Set((options.allowOrigins ?? []).map(normaliseOrigin));
    const bound = hostnameOf(options.host);
    if (bound) this.#hosts.add(bound);
    if (WILDCARD.has(options.host)) {
      for (const address of Object.values(networkInterfaces()).flat()) {
        const name = address && hostnameOf(address.address);
        if (name) this.#hosts.add(name);
      }
    }
    for (const host of options.allowHosts ?? []) {
      const name = hostnameOf(host);
      if (!name) throw new Error(`--allow-host ${JSON.stringify(host)} is not a host name`);
      this.#hosts.add(name);
    }
    for (const origin of this.#origins) this.#hosts.add(new URL(origin).hostname);
  }

  /** What a request to this path asks for; `target` is its X-Amz-Target. */
  static surface(method: string, path: string, target: string): Surface {
    // A preflight cannot carry the token (nor X-Amz-Target): the request it announces is checked.
    if (method === 'OPTIONS') return 'other';
    if (path === '/' && method === 'POST') {
      return PUBLIC_ACTIONS.has(target.slice(target.lastIndexOf('.') + 1)) ? 'public-api' : 'admin';
    }
    // The SigV4 stand-ins check their own signatures; everything else under /__emulator/ is a control.
    if (path.startsWith('/__emulator/') && !path.startsWith('/__emulator/aws/') && !path.startsWith('/__emulator/s3/')) return 'admin';
    return 'other';
  }

  /** Who sent `req`, or why it is refused. */
  caller(req: IncomingMessage, surface: Surface): Caller {
    const hostHeader = req.headers.host ?? '';
    const host = hostnameOf(hostHeader);
    if (!host || !(isLoopbackName(host) || this.#hosts.has(host))) {
      return {
        kind: 'refused',
        reason: `Host ${JSON.stringify(hostHeader)} is not a name of this emulator (DNS rebinding?); start it with --allow-host to add one`,
      };
    }
    const origin = req.headers.origin;
    if (origin === undefined) {
      const site = req.headers['sec-fetch-site'];
      const navigation = req.headers['sec-fetch-mode'] === 'navigate' && req.method === 'GET';
      if (surface !== 'other' && site === 'cross-site' && !navigation) {
        return { kind: 'refused', reason: 'a cross-site browser request without an Origin may not reach the API or the test controls' };
      }
      return { kind: 'tool' };
    }
    const url = parseOrigin(origin);
    if (url && isLoopbackName(url.hostname)) return { kind: 'local-page', origin };
    if (url && (this.#origins.has(url.origin) || url.host === hostHeader.toLowerCase())) {
      if (surface === 'admin' && !this.#tokenMatches(req.headers[TOKEN_HEADER])) {
        return {
          kind: 'refused',
          reason: `origin ${origin} needs the ${TOKEN_HEADER} header (printed when the emulator starts) for admin actions and test controls`,
          readableBy: origin,
        };
      }
      return { kind: 'allowed-page', origin };
    }
    return { kind: 'refused', reason: `origin ${origin} is not allowed (loopback origins are; add others with --allow-origin)` };
  }

  #tokenMatches(value: string | string[] | undefined): boolean {
    if (typeof value !== 'string') return false;
    const given = Buffer.from(value);
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
