/**
 * The hosted UI and OAuth 2.0 endpoints of a Cognito domain, served at the emulator's root:
 * `/oauth2/authorize`, `/login`, `/oauth2/idpresponse`, `/oauth2/token`, `/oauth2/userInfo`, `/logout`.
 *
 * Cognito's rules: the client must be enabled for OAuth; an unknown client or a redirect_uri that
 * is not registered gets an error page, never a redirect; other errors go back to the redirect_uri
 * with `error`, `error_description` and `state`. Codes are single-use and live five minutes; a
 * code_challenge (S256 only) binds the code to its verifier. Sign-in itself reuses the API's rules
 * (password, lock-out, account status, MFA, new password), and the hosted UI keeps its own session
 * in a cookie for an hour, so a second authorize does not ask again until /logout.
 *
 * Emulator extensions, for local development: a callback or logout URL registered as
 * `http://localhost/*` matches that scheme and host on any port and path (real Cognito wants exact
 * URLs); `EmulatorIdP` is a stand-in external provider (a form asking for a name and email, users
 * `EmulatorIdP_<id>` with status EXTERNAL_PROVIDER), and `login_hint=error:<code>` makes it fail
 * with that OAuth error.
 *
 * This file holds the browser side (pages, forms, redirects, the session and /logout); the authorize
 * request's checks are in authorize-request.ts, the token endpoint and userInfo in oauth-tokens.ts.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { respondToAuthChallenge } from './actions/auth.ts';
import { associateSoftwareToken, verifySoftwareToken } from './actions/mfa.ts';
import { type AuthorizeRequest, checkAuthorize, errorLocation, oauthParams, PageError, RedirectError, supports, urlAllowed } from './authorize-request.ts';
import type { Emulator } from './context.ts';
import * as E from './errors.ts';
import { ServiceError } from './errors.ts';
import { challengePage, errorPage, providerPage, signInPage } from './hosted-ui.ts';
import { BodyTooLarge, redirect, send } from './http.ts';
import { addUser, checkNotLocked, findUserByLogin, hidesUserExistence, newUser, passwordMatches, recordFailedSignIn, secretHash, userNamed } from './model.ts';
import { context, findClient, mintForCode, readForm, token, userInfo } from './oauth-tokens.ts';
import { type AuthResponse, newSession } from './sign-in/session.ts';
import { afterPassword } from './sign-in/steps.ts';
import type { Pool, User } from './state.ts';
import type { AuthenticationResult } from './tokens.ts';

export const EXTERNAL_PROVIDER = 'EmulatorIdP';
const CODE_LIFETIME_MS = 5 * 60_000;
const HOSTED_SESSION_MS = 3600_000;
const PATHS = new Set(['/oauth2/authorize', '/login', '/oauth2/idpresponse', '/oauth2/token', '/oauth2/userInfo', '/oauth2/userinfo', '/logout']);

export const isOAuthPath = (path: string) => PATHS.has(path);

// ---------------------------------------------------------------------------------------------
// The hosted UI's session cookie (named per port: browsers share cookies between ports of a host)

const cookieName = (emu: Emulator) => `cognito-emulator-${new URL(emu.url).port}`;

function sessionFromCookie(emu: Emulator, req: IncomingMessage, pool: Pool): { id: string; user: User; authTime: number } | undefined {
  const pair = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([name]) => name === cookieName(emu));
  const record = pair ? emu.state.hostedUiSessions[pair[1]] : undefined;
  if (!record || record.poolId !== pool.config.Id || record.expiresAt < emu.now()) return undefined;
  const user = userNamed(pool, record.username);
  if (!user || !user.Enabled) return undefined;
  return { id: pair![1], user, authTime: record.authTime };
}

function startHostedSession(emu: Emulator, pool: Pool, user: User, authTime: number): string {
  const now = emu.now();
  for (const [id, old] of Object.entries(emu.state.hostedUiSessions)) if (old.expiresAt < now) delete emu.state.hostedUiSessions[id];
  const id = randomBytes(32).toString('base64url');
  emu.state.hostedUiSessions[id] = { poolId: pool.config.Id, username: user.Username, authTime, expiresAt: now + HOSTED_SESSION_MS };
  emu.changed();
  return `${cookieName(emu)}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${HOSTED_SESSION_MS / 1000}`;
}

// ---------------------------------------------------------------------------------------------
// Finishing a sign-in: a code (or, implicit grant, tokens) back to the app

async function complete(emu: Emulator, res: ServerResponse, request: AuthorizeRequest, user: User, authTime: number, cookie?: string): Promise<void> {
  const { pool, client, params, redirectUri } = request;
  const headers: Record<string, string> = cookie ? { 'Set-Cookie': cookie } : {};
  const url = new URL(redirectUri);
  if (request.responseType === 'token') {
    const tokens = await mintForCode(emu, pool, client, user, request.scopes, authTime, params.nonce, false);
    const fragment = new URLSearchParams({
      ...(tokens.id_token ? { id_token: tokens.id_token } : {}),
      access_token: tokens.access_token,
      token_type: 'Bearer',
      expires_in: String(tokens.expires_in),
      ...(params.state !== undefined ? { state: params.state } : {}),
    });
    url.hash = fragment.toString();
    return redirect(res, url.toString(), 302, headers);
  }
  const now = emu.now();
  for (const [old, record] of Object.entries(emu.state.oauthCodes)) if (record.expiresAt < now) delete emu.state.oauthCodes[old];
  const code = randomUUID();
  emu.state.oauthCodes[code] = {
    poolId: pool.config.Id,
    clientId: client.ClientId,
    username: user.Username,
    redirectUri,
    scopes: request.scopes,
    nonce: params.nonce,
    codeChallenge: params.code_challenge,
    codeChallengeMethod: params.code_challenge_method,
    authTime,
    expiresAt: now + CODE_LIFETIME_MS,
  };
  emu.changed();
  url.searchParams.set('code', code);
  if (params.state !== undefined) url.searchParams.set('state', params.state);
  redirect(res, url.toString(), 302, headers);
}

// ---------------------------------------------------------------------------------------------
// Pages

function showSignIn(res: ServerResponse, request: AuthorizeRequest, status = 200, error?: string, username?: string): void {
  const { client, params } = request;
  const providers = ((client.SupportedIdentityProviders as string[] | undefined) ?? [])
    .filter((p) => p !== 'COGNITO')
    .map((name) => ({ name, href: `/oauth2/authorize?${new URLSearchParams({ ...params, identity_provider: name })}` }));
  const { identity_provider: _provider, ...carried } = params;
  const html = signInPage({
    params: carried,
    query: new URLSearchParams(carried).toString(),
    clientName: client.ClientName,
    cognito: supports(client, 'COGNITO'),
    providers,
    username: username ?? params.login_hint,
    error,
  });
  send(res, status, html, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
}

function showProvider(res: ServerResponse, request: AuthorizeRequest, status = 200, error?: string, name?: string, email?: string): void {
  const hint = request.params.login_hint;
  const html = providerPage({
    params: request.params,
    provider: EXTERNAL_PROVIDER,
    name: name ?? 'Emulator User',
    email: email ?? (hint && hint.includes('@') ? hint : 'user@example.com'),
    error,
  });
  send(res, status, html, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
}

/** Renders the page for a challenge the sign-in stopped at (MFA code, MFA choice or set-up, new password). */
async function showChallenge(emu: Emulator, res: ServerResponse, request: AuthorizeRequest, response: AuthResponse, error?: string): Promise<void> {
  const name = response.ChallengeName!;
  const p = response.ChallengeParameters ?? {};
  let session = response.Session!;
  const username = emu.state.sessions[session]?.username ?? p.USER_ID_FOR_SRP ?? '';
  let secretCode: string | undefined;
  if (name === 'MFA_SETUP') {
    const stored = emu.state.sessions[session];
    const pending = stored?.challenge === 'MFA_SETUP' ? stored.pendingTotpSecret : undefined;
    if (pending) secretCode = pending;
    else
      ({ SecretCode: secretCode, Session: session } = (await associateSoftwareToken({ Session: session }, context(emu, 'AssociateSoftwareToken'))) as {
        SecretCode: string;
        Session: string;
      });
  }
  const html = challengePage({
    params: request.params,
    query: new URLSearchParams(request.params).toString(),
    challenge: name,
    session,
    username,
    error,
    destination: p.CODE_DELIVERY_DESTINATION,
    secretCode,
    issuer: request.pool.config.Name,
    choices: p.MFAS_CAN_CHOOSE,
    requiredAttributes: p.requiredAttributes,
  });
  send(res, error ? 400 : 200, html, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
}

// ---------------------------------------------------------------------------------------------
// Endpoints

async function authorize(emu: Emulator, req: IncomingMessage, res: ServerResponse, query: Record<string, string>): Promise<void> {
  const request = checkAuthorize(emu, query);
  const { params, pool } = request;
  if (params.identity_provider === EXTERNAL_PROVIDER) {
    const hint = params.login_hint ?? '';
    if (hint.startsWith('error:')) {
      const error = hint.slice('error:'.length) || 'access_denied';
      throw new RedirectError(request.redirectUri, error, `${EXTERNAL_PROVIDER} refused the sign-in (${error})`, params.state);
    }
    return showProvider(res, request);
  }
  const session = params.prompt === 'login' ? undefined : sessionFromCookie(emu, req, pool);
  if (session) return complete(emu, res, request, session.user, session.authTime);
  if (params.prompt === 'none') throw new RedirectError(request.redirectUri, 'login_required', 'The user is not signed in to the hosted UI', params.state);
  showSignIn(res, request);
}

/** The API's tokens from a hosted sign-in are not handed out: the app gets its own through the code. */
function discardApiTokens(emu: Emulator, user: User, response: AuthResponse): void {
  const result = response.AuthenticationResult as (AuthenticationResult & { NewDeviceMetadata?: { DeviceKey: string } }) | undefined;
  if (result?.RefreshToken) delete emu.state.refreshTokens[result.RefreshToken];
  // The hosted UI does not track devices.
  if (result?.NewDeviceMetadata) delete user.devices[result.NewDeviceMetadata.DeviceKey];
  emu.changed();
}

/** Username and password, checked with the API's rules; then whatever the account needs next. */
async function passwordSignIn(emu: Emulator, request: AuthorizeRequest, login: string, password: string): Promise<{ user: User; response: AuthResponse }> {
  const { pool, client } = request;
  const user = findUserByLogin(pool, login);
  if (!user) throw hidesUserExistence(client) ? E.NotAuthorized(E.WRONG_CREDENTIALS) : E.UserNotFound('User does not exist.');
  checkNotLocked(emu, user);
  if (!passwordMatches(pool, user, password)) {
    recordFailedSignIn(emu, user);
    emu.changed();
    throw E.NotAuthorized(E.WRONG_CREDENTIALS);
  }
  const session = newSession(emu, pool, client, user.Username, 'HOSTED_UI');
  return { user, response: await afterPassword({ emu, pool, client, user, session }) };
}

/** One answer to the challenge page, through RespondToAuthChallenge as any client would. */
async function answerChallenge(emu: Emulator, request: AuthorizeRequest, form: Record<string, string>): Promise<AuthResponse> {
  const { client } = request;
  let session = form.session;
  const username = emu.state.sessions[session]?.username ?? form.username ?? '';
  const responses: Record<string, string> = { USERNAME: username };
  if (client.ClientSecret) responses.SECRET_HASH = secretHash(client.ClientSecret, username, client.ClientId);
  const name = form.challenge;
  switch (name) {
    case 'SMS_MFA':
      responses.SMS_MFA_CODE = form.code ?? '';
      break;
    case 'EMAIL_OTP':
      responses.EMAIL_OTP_CODE = form.code ?? '';
      break;
    case 'SOFTWARE_TOKEN_MFA':
      responses.SOFTWARE_TOKEN_MFA_CODE = form.code ?? '';
      break;
    case 'SELECT_MFA_TYPE':
      responses.ANSWER = form.mfa_choice ?? '';
      break;
    case 'NEW_PASSWORD_REQUIRED':
      responses.NEW_PASSWORD = form.new_password ?? '';
      for (const [key, value] of Object.entries(form)) if (key.startsWith('attr.')) responses[`userAttributes.${key.slice(5)}`] = value;
      break;
    case 'MFA_SETUP': {
      const verified = (await verifySoftwareToken({ Session: session, UserCode: form.code ?? '' }, context(emu, 'VerifySoftwareToken'))) as { Session: string };
      session = verified.Session;
      break;
    }
    default:
      throw E.InvalidParameter(`Unsupported challenge ${name}`);
  }
  return await respondToAuthChallenge(
    { ClientId: client.ClientId, ChallengeName: name, Session: session, ChallengeResponses: responses },
    context(emu, 'RespondToAuthChallenge'),
  );
}

async function loginSubmit(emu: Emulator, req: IncomingMessage, res: ServerResponse, query: Record<string, string>): Promise<void> {
  const form = await readForm(req);
  const request = checkAuthorize(emu, { ...query, ...form });
  if (!supports(request.client, 'COGNITO')) {
    throw new RedirectError(request.redirectUri, 'invalid_request', 'identity_provider COGNITO is not supported for this client', request.params.state);
  }
  let user: User | undefined;
  let response: AuthResponse;
  if (form.session) {
    // The session ends with the sign-in, so note whose it is first.
    const username = emu.state.sessions[form.session]?.username ?? form.username ?? '';
    try {
      response = await answerChallenge(emu, request, form);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      // A wrong code keeps the conversation (same page, same session); anything else starts over.
      if (emu.state.sessions[form.session]) {
        const again: AuthResponse = {
          ChallengeName: form.challenge,
          Session: form.session,
          ChallengeParameters: {
            ...(form.destination ? { CODE_DELIVERY_DESTINATION: form.destination } : {}),
            ...(form.choices ? { MFAS_CAN_CHOOSE: form.choices } : {}),
            ...(form.required ? { requiredAttributes: form.required } : {}),
          },
        };
        return showChallenge(emu, res, request, again, error.message);
      }
      return showSignIn(res, request, 400, error.message, form.username);
    }
    user = userNamed(request.pool, username);
  } else {
    try {
      ({ user, response } = await passwordSignIn(emu, request, form.username ?? '', form.password ?? ''));
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return showSignIn(res, request, 400, error.message, form.username);
    }
  }
  if (response.ChallengeName) return showChallenge(emu, res, request, response);
  if (!user) return showSignIn(res, request, 400, E.WRONG_CREDENTIALS);
  discardApiTokens(emu, user, response);
  const authTime = Math.floor(emu.now() / 1000);
  await complete(emu, res, request, user, authTime, startHostedSession(emu, request.pool, user, authTime));
}

/** The stand-in provider's answer: find or create the federated user, then finish like a sign-in. */
async function idpResponse(emu: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req);
  const request = checkAuthorize(emu, { ...form, identity_provider: EXTERNAL_PROVIDER });
  if (form.cancel) throw new RedirectError(request.redirectUri, 'access_denied', 'The user cancelled the sign-in at the identity provider', request.params.state);
  const name = (form.name ?? '').trim();
  const email = (form.email ?? '').trim().toLowerCase();
  if (!name || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return showProvider(res, request, 400, 'Enter a name and a valid email address.', form.name, form.email);
  const { pool } = request;
  // The provider's user id is stable per email, so signing in again finds the same user.
  const providerUserId = BigInt(`0x${createHash('sha256').update(email).digest('hex').slice(0, 15)}`).toString();
  const username = `${EXTERNAL_PROVIDER}_${providerUserId}`;
  let user = userNamed(pool, username);
  const now = emu.now();
  if (!user) {
    const identities = [{ userId: providerUserId, providerName: EXTERNAL_PROVIDER, providerType: 'OIDC', issuer: null, primary: 'true', dateCreated: String(now) }];
    // Cognito does not trust a provider's email as verified unless mapped; email_verified starts false.
    user = newUser(emu, pool, username, { email, email_verified: 'false', name, identities: JSON.stringify(identities) });
    user.UserStatus = 'EXTERNAL_PROVIDER';
    addUser(pool, user);
    emu.log(`hosted UI: created federated user ${username} (${email})`);
  } else {
    // Mapped attributes are refreshed from the provider at every sign-in.
    Object.assign(user.Attributes, { email, name });
    user.UserLastModifiedDate = now;
  }
  emu.changed();
  if (!user.Enabled) return showProvider(res, request, 400, 'User is disabled.', name, email);
  const authTime = Math.floor(now / 1000);
  await complete(emu, res, request, user, authTime, startHostedSession(emu, pool, user, authTime));
}

// ---------------------------------------------------------------------------------------------
// /logout

function logout(emu: Emulator, req: IncomingMessage, res: ServerResponse, query: Record<string, string>): void {
  const found = findClient(emu, query.client_id);
  if (!found) throw new PageError(`invalid_request: client_id ${query.client_id ?? '(missing)'} is not a client of any user pool.`);
  const { client, pool } = found;
  let location: string;
  if (query.logout_uri !== undefined) {
    if (!urlAllowed(client.LogoutURLs, query.logout_uri)) throw new PageError("redirect_mismatch: logout_uri is not one of the client's sign-out URLs.");
    location = query.logout_uri;
  } else if (query.redirect_uri !== undefined && query.response_type !== undefined) {
    // Sign out, then straight back to sign-in (for switching users): the authorize rules apply.
    checkAuthorize(emu, query);
    location = `/oauth2/authorize?${new URLSearchParams(oauthParams(query))}`;
  } else {
    throw new PageError('invalid_request: logout needs logout_uri, or redirect_uri and response_type.');
  }
  const session = sessionFromCookie(emu, req, pool);
  if (session) {
    delete emu.state.hostedUiSessions[session.id];
    emu.changed();
  }
  redirect(res, location, 302, { 'Set-Cookie': `${cookieName(emu)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` });
}

// ---------------------------------------------------------------------------------------------

/** Routes one hosted-UI / OAuth request (the paths in `isOAuthPath`). */
export async function handleOAuth(emu: Emulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const query = Object.fromEntries(url.searchParams);
  const path = url.pathname === '/oauth2/userinfo' ? '/oauth2/userInfo' : url.pathname;
  const method = req.method ?? 'GET';
  try {
    switch (`${method} ${path}`) {
      case 'GET /oauth2/authorize':
        return await authorize(emu, req, res, query);
      case 'GET /login':
        return showSignIn(res, checkAuthorize(emu, { ...query, identity_provider: 'COGNITO' }));
      case 'POST /login':
        return await loginSubmit(emu, req, res, query);
      case 'POST /oauth2/idpresponse':
        return await idpResponse(emu, req, res);
      case 'POST /oauth2/token':
        return await token(emu, req, res);
      case 'GET /oauth2/userInfo':
      case 'POST /oauth2/userInfo':
        return await userInfo(emu, req, res);
      case 'GET /logout':
        return logout(emu, req, res, query);
      default:
        return send(res, 405, `${method} is not allowed on ${path}`, {
          'Content-Type': 'text/plain',
          Allow: path === '/oauth2/token' || path === '/oauth2/idpresponse' ? 'POST' : 'GET',
        });
    }
  } catch (error) {
    if (error instanceof PageError) return send(res, 400, errorPage(error.message), { 'Content-Type': 'text/html; charset=utf-8' });
    if (error instanceof RedirectError) return redirect(res, errorLocation(error));
    if (error instanceof BodyTooLarge)
      return send(res, 413, errorPage('invalid_request: the form is too large.'), { 'Content-Type': 'text/html; charset=utf-8', Connection: 'close' });
    throw error;
  }
}
