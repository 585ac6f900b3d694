// `cognito-elements doctor`: probes a user pool and app client the way the browser will, with no AWS
// credentials, and prints a checklist with the console setting to change for each problem.
//
// Plain Node ESM (Node 20+, global fetch), no build and no dependencies: it ships as it is.
// Every probe is an unauthenticated call a page could make, chosen so that Cognito's answer tells
// one configuration from another without signing anyone in:
// - the pool's OpenID configuration (public; a 4xx means no such pool in that region);
// - InitiateAuth for a username that should not exist, with a real SRP_A (g^a mod N): "User pool
//   client … does not exist." (ResourceNotFoundException) means no such client, "Client … is
//   configured with secret but SECRET_HASH was not received" a client secret, "USER_SRP_AUTH is not
//   enabled for the client." / "<FLOW> flow not enabled for this client" (InvalidParameterException)
//   a flow the client does not allow; anything else (a PASSWORD_VERIFIER challenge, UserNotFound,
//   NotAuthorized) means the flow is allowed;
// - a fake refresh token for REFRESH_TOKEN_AUTH (refused outright when rotation is on) and
//   GetTokensFromRefreshToken (an endpoint that does not know it says UnknownOperationException);
// - a CORS preflight with the page's Origin;
// - the hosted UI's /oauth2/authorize with the redirect URI, which Cognito answers with
//   redirect_mismatch (to its /error page) when the URI is not registered.
// What none of these can tell is listed in the report's last section.

import { randomBytes, randomUUID } from 'node:crypto';

/** RFC 3526's 3072-bit MODP prime, the N of Cognito's SRP (docs/cognito-protocol.md §3). */
const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);

function modPow(base, exponent, modulus) {
  let result = 1n;
  base %= modulus;
  for (; exponent > 0n; exponent >>= 1n) {
    if (exponent & 1n) result = (result * base) % modulus;
    base = (base * base) % modulus;
  }
  return result;
}

/** A valid SRP_A (g = 2), so a server that checks A answers about the flow, not about A. */
const srpA = () => modPow(2n, BigInt(`0x${randomBytes(128).toString('hex')}`), N).toString(16);

const CONSOLE = 'Amazon Cognito console > User pools > your pool';
const CLIENT_CONSOLE = `${CONSOLE} > App clients > your app client`;

/** Cognito's error code from the body or header: the text after the last '#' and before the first ':'. */
function errorType(json, headers) {
  const raw = String(json?.__type ?? json?.code ?? headers.get('x-amzn-errortype') ?? '');
  return raw.split('#').pop().split(':')[0];
}

/** One call of the user-pool API, as a page makes it; never throws for a refusal. */
async function call(endpoint, action, body, timeoutMs) {
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = undefined;
    }
    return {
      status: res.status,
      ok: res.ok,
      json,
      type: res.ok ? undefined : errorType(json, res.headers),
      message: String(json?.message ?? json?.Message ?? text.slice(0, 200)),
    };
  } catch (error) {
    return { status: 0, ok: false, type: 'NetworkError', message: error?.cause?.message ?? error?.message ?? String(error) };
  }
}

const notEnabled = (answer) => answer.type === 'InvalidParameterException' && /not enabled for (the|this) client/i.test(answer.message);
const secretMissing = (answer) => answer.type === 'NotAuthorizedException' && /configured with secret/i.test(answer.message);
const said = (answer) =>
  answer.type ? `${answer.type}: ${answer.message}` : answer.json?.ChallengeName ? `a ${answer.json.ChallengeName} challenge` : `HTTP ${answer.status}`;

/**
 * Runs every probe. Options: userPoolId, clientId, region?, endpoint?, origin?, domain?,
 * redirectUri?, timeoutMs? Returns { target, checks: [{ title, status: 'ok'|'fail'|'warn'|'info'|'unknown', detail, fix? }], unknowable }.
 */
export async function diagnose(options) {
  const { userPoolId, clientId, origin, redirectUri } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const checks = [];
  const add = (title, status, detail, fix) => checks.push({ title, status, detail, ...(fix ? { fix } : {}) });
  const unknowable = [
    'Whether the app client belongs to this pool: no unauthenticated call tells a client\'s pool (with --domain, the hosted UI checks it for the domain\'s pool). A wrong pool shows as "Incorrect username or password" at sign-in.',
    'Password policy, MFA settings, attributes the client may read and write, token lifetimes and RetryGracePeriodSeconds: read them with AWS credentials (aws cognito-idp describe-user-pool / describe-user-pool-client).',
  ];

  if (!/^[a-z]{2}(-[a-z]+)+-\d+_[0-9A-Za-z]+$/.test(userPoolId ?? '')) {
    add(
      'User pool id',
      'fail',
      `${JSON.stringify(userPoolId)} is not a user pool id, which looks like eu-west-1_AbC123 (region, underscore, id).`,
      `Copy the "User pool ID" from ${CONSOLE} (overview).`,
    );
    return { target: {}, checks, unknowable };
  }
  const region = options.region ?? userPoolId.split('_')[0];
  const endpoint = new URL(options.endpoint ?? `https://cognito-idp.${region}.amazonaws.com/`).href;
  const target = { userPoolId, clientId, region, endpoint };

  // 1. The pool: its OpenID configuration is public.
  let poolAnswer;
  try {
    poolAnswer = await fetch(new URL(`${userPoolId}/.well-known/openid-configuration`, endpoint), { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    add(
      'Cognito endpoint answers',
      'fail',
      `${endpoint} did not answer: ${error?.cause?.message ?? error?.message}.`,
      options.endpoint ? 'Check --endpoint (is the emulator running?).' : `Check the region (${region}, from the pool id or --region) and this machine's network.`,
    );
    return { target, checks, unknowable };
  }
  if (poolAnswer.ok) add('User pool exists', 'ok', `${userPoolId} answers its OpenID configuration in ${region}.`);
  else if (poolAnswer.status >= 400 && poolAnswer.status < 500) {
    add(
      'User pool exists',
      'fail',
      `There is no user pool ${userPoolId} in ${region} (HTTP ${poolAnswer.status} for its OpenID configuration).`,
      `Copy the "User pool ID" from ${CONSOLE} (overview); the region is its first part.`,
    );
  } else add('User pool exists', 'unknown', `The OpenID configuration answered HTTP ${poolAnswer.status}.`);

  // 2. The client, its secret and its flows, from InitiateAuth for a user who does not exist.
  const username = `cognito-elements-doctor-${randomUUID()}`;
  const initiate = (AuthFlow, AuthParameters) =>
    call(endpoint, 'InitiateAuth', { AuthFlow, ClientId: clientId, AuthParameters: { USERNAME: username, ...AuthParameters } }, timeoutMs);
  const srp = await initiate('USER_SRP_AUTH', { SRP_A: srpA() });
  if (srp.type === 'NetworkError') {
    add('App client exists', 'unknown', `InitiateAuth got no answer: ${srp.message}.`);
    return { target, checks, unknowable };
  }
  if (srp.type === 'ResourceNotFoundException') {
    add(
      'App client exists',
      'fail',
      `${said(srp)} (in ${region}).`,
      `Copy the "Client ID" from ${CONSOLE} > App clients, and check that the pool's region is ${region}.`,
    );
    return { target, checks, unknowable };
  }
  add('App client exists', 'ok', `${clientId} answers InitiateAuth.`);
  const password = await initiate('USER_PASSWORD_AUTH', { PASSWORD: randomUUID() });
  const choice = await initiate('USER_AUTH', {});

  // In which order Cognito checks the flow, the user and the secret is not documented: any answer may
  // name the secret, and only one that got past it (a challenge) shows there is none.
  const flows = [srp, password, choice];
  const asksSecret = flows.find(secretMissing);
  const secret = !!asksSecret;
  if (asksSecret) {
    add(
      'No client secret',
      'fail',
      `${said(asksSecret)}. A web page cannot keep a secret, so the elements cannot use this client.`,
      `${CONSOLE} > App clients > Create app client > "Single-page application (SPA)" (no client secret), and use its id.`,
    );
    unknowable.push('Which sign-in flows the client allows: Cognito asks for the secret first (use a client without one, then run the doctor again).');
  } else if (flows.some((answer) => answer.ok)) {
    add('No client secret', 'ok', `The client answered ${said(flows.find((answer) => answer.ok))} without SECRET_HASH.`);
  } else {
    add(
      'No client secret',
      'unknown',
      'Not known: every probe was refused before the secret was looked at (no flow allowed, or the user lookup came first). If sign-in says "configured with secret", use a client without one.',
    );
  }

  /** One flow's check from its InitiateAuth answer. */
  const flow = (title, answer, allowFlag, needed, whenOff) => {
    if (secretMissing(answer)) return add(title, 'unknown', 'Not known: the client asks for its secret first.');
    if (notEnabled(answer)) {
      return add(title, needed ? 'fail' : 'info', `${said(answer)}. ${whenOff}`, `${CLIENT_CONSOLE} > Edit > Authentication flows: allow ${allowFlag}.`);
    }
    if (answer.type === 'NetworkError') return add(title, 'unknown', `No answer: ${answer.message}.`);
    add(title, 'ok', `Allowed (the endpoint answered ${said(answer)} for a user that does not exist).`);
  };
  flow('Sign-in with SRP (USER_SRP_AUTH)', srp, 'ALLOW_USER_SRP_AUTH ("Sign in with username and SRP password")', true, 'The elements sign in with SRP by default.');
  if (flows.some((answer) => answer.type === 'UserNotFoundException')) {
    add(
      'User existence is not revealed',
      'warn',
      'UserNotFoundException: the client tells anyone whether a username exists.',
      `${CLIENT_CONSOLE} > Edit > "Prevent user existence errors": on.`,
    );
  }
  flow(
    'Sign-in with a plain password (USER_PASSWORD_AUTH)',
    password,
    'ALLOW_USER_PASSWORD_AUTH ("Sign in with username and password")',
    false,
    'Needed only with authFlow: USER_PASSWORD_AUTH (the default, SRP, does not send the password).',
  );
  flow(
    'Choice-based sign-in (USER_AUTH)',
    choice,
    'ALLOW_USER_AUTH ("Choice-based sign-in")',
    false,
    'Needed for passkeys, email or SMS one-time codes as a first factor (authFlow: USER_AUTH).',
  );

  // 3. Refresh: a fake token is refused either way; how it is refused is the information.
  const fake = randomBytes(32).toString('base64url');
  const legacy = await call(endpoint, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: fake } }, timeoutMs);
  const modern = await call(endpoint, 'GetTokensFromRefreshToken', { ClientId: clientId, RefreshToken: fake }, timeoutMs);
  if (secret) add('Refreshing sessions', 'unknown', 'Not known: the client asks for its secret first.');
  else if (notEnabled(legacy)) {
    add(
      'Refreshing sessions',
      'fail',
      `${said(legacy)}. Sessions would end when the access token expires.`,
      `${CLIENT_CONSOLE} > Edit > Authentication flows: allow ALLOW_REFRESH_TOKEN_AUTH ("Get new user tokens from existing authenticated sessions").`,
    );
  } else if (modern.type === 'UnknownOperationException') {
    add(
      'Refreshing sessions',
      'warn',
      `This endpoint does not know GetTokensFromRefreshToken (${modern.message}); the client falls back to REFRESH_TOKEN_AUTH, which a client with rotation refuses.`,
    );
  } else add('Refreshing sessions', 'ok', `GetTokensFromRefreshToken answers (${said(modern)} for a fake token).`);
  if (!secret && /rotation/i.test(legacy.message)) {
    add(
      'Refresh-token rotation',
      'info',
      `On (${said(legacy)}). Each refresh replaces the refresh token; a retried refresh works only within the client's grace period.`,
      `${CLIENT_CONSOLE} > Edit > Refresh token rotation: keep the retry grace period at 60 seconds (the most), so a refresh whose answer is lost can be repeated.`,
    );
  } else if (!secret) {
    add(
      'Refresh-token rotation',
      'unknown',
      `Not known: REFRESH_TOKEN_AUTH refused the fake token with ${said(legacy)}, which does not say (Cognito may check the token before the rotation setting). The elements refresh correctly either way.`,
    );
  }

  // 4. CORS, for the page's origin.
  if (origin) {
    try {
      const res = await fetch(endpoint, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-amz-target,x-amz-user-agent' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      const allowOrigin = res.headers.get('access-control-allow-origin');
      const allowHeaders = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      const headersOk = allowHeaders === '*' || ['content-type', 'x-amz-target'].every((h) => allowHeaders.includes(h));
      if ((allowOrigin === origin || allowOrigin === '*') && headersOk && res.status < 400)
        add(`CORS for ${origin}`, 'ok', `The endpoint lets pages on ${origin} call it.`);
      else {
        add(
          `CORS for ${origin}`,
          'fail',
          `The preflight answered HTTP ${res.status}, Access-Control-Allow-Origin ${allowOrigin ?? '(none)'}, Access-Control-Allow-Headers ${allowHeaders || '(none)'}: the browser will refuse every request (a fetch TypeError).`,
          options.endpoint
            ? `The endpoint (${endpoint}) refuses this origin: for the emulator, start it with --allow-origin ${origin}; for a proxy, allow the origin and the headers Content-Type and X-Amz-Target.`
            : "Cognito's API allows every origin: check for a proxy or browser extension in between, and the region.",
        );
      }
    } catch (error) {
      add(`CORS for ${origin}`, 'unknown', `The preflight got no answer: ${error?.cause?.message ?? error?.message}.`);
    }
  } else unknowable.push('CORS: give --origin https://your.app to check that the endpoint lets your page call it.');

  // 5. The hosted UI: the domain answers, and the redirect URI is registered for this client.
  if (options.domain) {
    const base = /^https?:\/\//.test(options.domain)
      ? options.domain
      : options.domain.includes('.')
        ? `https://${options.domain}`
        : `https://${options.domain}.auth.${region}.amazoncognito.com`;
    const authorize = new URL('/oauth2/authorize', base);
    const uri = redirectUri ?? '';
    for (const [k, v] of Object.entries({ response_type: 'code', client_id: clientId, redirect_uri: uri, scope: 'openid' })) authorize.searchParams.set(k, v);
    let res;
    try {
      res = await fetch(authorize, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      add(
        'Hosted UI domain answers',
        'fail',
        `${new URL(base).origin} did not answer: ${error?.cause?.message ?? error?.message}.`,
        `${CONSOLE} > Branding > Domain (or App integration > Domain): copy the Cognito or custom domain.`,
      );
    }
    if (res) {
      const location = res.headers.get('location') ?? '';
      const body = location ? '' : await res.text();
      const error =
        (location && new URL(location, base).searchParams.get('error')) ||
        /\b(redirect_mismatch|unauthorized_client|invalid_request|invalid_scope|invalid_client)\b/.exec(body)?.[1];
      add('Hosted UI domain answers', 'ok', `${new URL(base).origin} answers /oauth2/authorize (HTTP ${res.status}).`);
      if (!redirectUri) unknowable.push('Whether your redirect URI is registered: give --redirect-uri with --domain.');
      else if (error === 'redirect_mismatch') {
        add(
          `Redirect URI ${redirectUri} is registered`,
          'fail',
          'The hosted UI answered redirect_mismatch.',
          `${CLIENT_CONSOLE} > Login pages > Edit > Allowed callback URLs: add ${redirectUri} exactly (scheme, host, port, path).`,
        );
      } else if (error === 'unauthorized_client') {
        add(
          'Hosted UI enabled for the client',
          'fail',
          'The hosted UI answered unauthorized_client.',
          `${CLIENT_CONSOLE} > Login pages > Edit: choose the identity providers, the authorization code grant and the scopes.`,
        );
      } else if (error) {
        add(
          `Redirect URI ${redirectUri} is registered`,
          error === 'invalid_request' && !location ? 'fail' : 'warn',
          `The hosted UI answered ${error}${
            location
              ? ''
              : ` (${body
                  .replace(/<[^>]*>/g, ' ')
                  .replace(/\s+/g, ' ')
                  .trim()
                  .slice(0, 160)})`
          }.`,
          error === 'invalid_request' && !location
            ? `The app client is not one of the pool that owns ${new URL(base).host}: check --client-id and --domain.`
            : undefined,
        );
      } else if (res.status < 400) {
        // Cognito redirects to its /login page; the emulator shows the sign-in page at once (200).
        add(`Redirect URI ${redirectUri} is registered`, 'ok', 'The hosted UI accepted it.');
      } else add(`Redirect URI ${redirectUri} is registered`, 'unknown', `The hosted UI answered HTTP ${res.status} without a redirect.`);
    }
  } else unknowable.push('The hosted UI (federated sign-in): give --domain and --redirect-uri to check it.');

  return { target, checks, unknowable };
}

const MARK = { ok: '✔', fail: '✘', warn: '!', info: 'i', unknown: '?' };

/** The report as text for a terminal. */
export function formatReport({ target, checks, unknowable }) {
  const lines = [`cognito-elements doctor${target.userPoolId ? `: pool ${target.userPoolId}, app client ${target.clientId}, ${target.endpoint}` : ''}`, ''];
  for (const check of checks) {
    lines.push(`  ${MARK[check.status]} ${check.title}: ${check.detail}`);
    if (check.fix && check.status !== 'ok') lines.push(`      Fix: ${check.fix}`);
  }
  lines.push('', 'Could not be known without AWS credentials (or without more options):');
  for (const item of unknowable) lines.push(`  - ${item}`);
  const failed = checks.filter((c) => c.status === 'fail').length;
  lines.push('', failed ? `${failed} problem(s) to fix.` : 'Nothing to fix found.');
  return lines.join('\n');
}

export const DOCTOR_USAGE = `Usage: cognito-elements doctor --user-pool-id <region_id> --client-id <id> [options]

Checks a Cognito user pool and app client the way the browser will, without AWS credentials.

  --user-pool-id <id>     e.g. eu-west-1_AbC123
  --client-id <id>        the app client's id
  --region <region>       default: the pool id's first part
  --endpoint <url>        another endpoint than Cognito's (e.g. the emulator, http://127.0.0.1:9229)
  --origin <origin>       check CORS for the page's origin, e.g. https://app.example.com
  --domain <domain>       the hosted UI domain (prefix, host or URL), with
  --redirect-uri <url>    the redirect URI your app signs in with
  --json                  print the checks as JSON
Exit code: 0 nothing to fix, 1 a problem found, 2 wrong usage.`;
