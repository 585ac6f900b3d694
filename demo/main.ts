/// <reference types="vite/client" />
// The demo page, plain DOM, until the elements land: shows the emulator's demo pool, signs a user
// in with USER_PASSWORD_AUTH over fetch and shows the ID token's claims, and lists the outbox.

/** Where the emulator is: `npm run demo` sets VITE_EMULATOR_URL; `?emulator=URL` overrides it. */
const EMULATOR_URL = (
  new URLSearchParams(location.search).get('emulator') ||
  import.meta.env.VITE_EMULATOR_URL ||
  'http://127.0.0.1:9229'
).replace(/\/+$/, '');

const POOL_ID = 'us-east-1_DemoPool1';
const CLIENT_ID = 'democlient0000000000000001';
const REGION = POOL_ID.split('_')[0];

/** The users emulator/seed.json creates in the demo pool (kept here by hand: the page does not read the seed). */
const DEMO_USERS = [
  { username: 'demo', password: 'Passw0rd!', notes: 'confirmed, no MFA: signs straight in' },
  { username: 'totp', password: 'Passw0rd!', notes: 'TOTP MFA (secret JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP)' },
  { username: 'sms', password: 'Passw0rd!', notes: 'SMS MFA: the code lands in the outbox' },
  { username: 'email', password: 'Passw0rd!', notes: 'email MFA: the code lands in the outbox' },
  { username: 'newpassword', password: 'TempPassw0rd', notes: 'must set a new password first' },
  { username: 'unconfirmed', password: 'Passw0rd!', notes: 'sign-up not confirmed yet' },
];

interface OutboxMessage {
  pool: string;
  username: string;
  destination: string;
  medium: string;
  purpose: string;
  code: string;
  time: string | number;
}

interface CognitoErrorBody {
  __type?: string;
  message?: string;
}

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** One Cognito user-pool API call, as the AWS SDKs make it. Throws with Cognito's error name. */
async function cognito<T>(action: string, body: unknown): Promise<T> {
  const res = await fetch(`${EMULATOR_URL}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  });
  const data: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = data as CognitoErrorBody;
    const name = err.__type?.split('#').pop() || res.headers.get('x-amzn-ErrorType')?.split(':')[0] || `HTTP ${res.status}`;
    throw Object.assign(new Error(err.message || res.statusText), { name });
  }
  return data as T;
}

/** The payload of a JWT, decoded (not verified: this is a display). */
function decodeJwt(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

function formatClaim(key: string, value: unknown): string {
  if ((key === 'exp' || key === 'iat' || key === 'auth_time') && typeof value === 'number') {
    return `${value}  (${new Date(value * 1000).toLocaleString()})`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function networkHint(error: unknown): string {
  return error instanceof TypeError
    ? `Cannot reach the emulator at ${EMULATOR_URL}. Start it with \`npm run demo\` (or \`npm run emulator\`).`
    : String((error as Error)?.message ?? error);
}

// --- pool facts and users -------------------------------------------------------------------

function renderPool(): void {
  $('emulator-url').textContent = EMULATOR_URL;
  $('region').textContent = REGION;
  $('pool-id').textContent = POOL_ID;
  $('client-id').textContent = CLIENT_ID;
}

function renderUsers(form: HTMLFormElement): void {
  const tbody = $('users');
  for (const user of DEMO_USERS) {
    const use = el('button', { type: 'button', className: 'secondary', textContent: 'Use' });
    use.addEventListener('click', () => {
      (form.elements.namedItem('username') as HTMLInputElement).value = user.username;
      (form.elements.namedItem('password') as HTMLInputElement).value = user.password;
      form.querySelector('button')?.focus();
    });
    tbody.append(
      el(
        'tr',
        {},
        el('td', { className: 'mono', textContent: user.username }),
        el('td', { className: 'mono', textContent: user.password }),
        el('td', { textContent: user.notes }),
        el('td', {}, use),
      ),
    );
  }
}

// --- sign in --------------------------------------------------------------------------------

interface InitiateAuthResponse {
  AuthenticationResult?: { IdToken?: string; AccessToken?: string; RefreshToken?: string; ExpiresIn?: number; TokenType?: string };
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
}

function wireSignIn(form: HTMLFormElement): void {
  const out = $('sign-in-result');
  const button = form.querySelector('button') as HTMLButtonElement;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // Read the inputs at submit time: password managers may fill them without firing events.
    const username = (form.elements.namedItem('username') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    out.replaceChildren(el('p', { className: 'muted', textContent: 'Signing in…' }));
    button.disabled = true;
    try {
      const res = await cognito<InitiateAuthResponse>('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { USERNAME: username, PASSWORD: password },
      });
      const tokens = res.AuthenticationResult;
      if (tokens?.IdToken) {
        const claims = decodeJwt(tokens.IdToken);
        const rows = Object.entries(claims).map(([k, v]) =>
          el('tr', {}, el('th', { className: 'mono', textContent: k }), el('td', { className: 'mono', textContent: formatClaim(k, v) })),
        );
        out.replaceChildren(
          el('p', { className: 'status ok', textContent: `Signed in as ${String(claims['cognito:username'] ?? username)}.` }),
          el('p', {
            className: 'muted',
            textContent: `Tokens: ID, access${tokens.RefreshToken ? ', refresh' : ''}; ${tokens.TokenType ?? 'Bearer'}, expires in ${tokens.ExpiresIn ?? '?'} s. ID token claims (decoded, not verified):`,
          }),
          el('table', {}, el('tbody', {}, ...rows)),
        );
      } else if (res.ChallengeName) {
        out.replaceChildren(
          el('p', { className: 'status', textContent: `The pool answered with the challenge ${res.ChallengeName}.` }),
          el('p', { className: 'muted', textContent: 'This page only does the plain password flow; the elements will handle every challenge.' }),
          el('pre', { textContent: JSON.stringify(res.ChallengeParameters ?? {}, null, 2) }),
        );
      } else {
        out.replaceChildren(el('pre', { textContent: JSON.stringify(res, null, 2) }));
      }
    } catch (error) {
      const name = error instanceof TypeError ? 'NetworkError' : (error as Error).name;
      out.replaceChildren(el('p', { className: 'status bad', textContent: `${name}: ${networkHint(error)}` }));
    } finally {
      button.disabled = false;
      void refreshOutbox();
    }
  });
}

// --- outbox ---------------------------------------------------------------------------------

async function refreshOutbox(): Promise<void> {
  const box = $('outbox');
  const status = $('emulator-status');
  try {
    const res = await fetch(`${EMULATOR_URL}/__emulator/outbox`);
    if (!res.ok) throw new Error(`GET /__emulator/outbox answered HTTP ${res.status}`);
    const messages = (await res.json()) as OutboxMessage[];
    status.textContent = 'reachable';
    status.className = 'status ok';
    if (messages.length === 0) {
      box.replaceChildren(el('p', { className: 'muted', textContent: 'Empty: no message sent yet.' }));
      return;
    }
    const head = el('tr', {}, ...['Time', 'Pool', 'User', 'Medium', 'Destination', 'Purpose', 'Code'].map((h) => el('th', { textContent: h })));
    const rows = [...messages].reverse().map((m) =>
      el(
        'tr',
        {},
        el('td', { textContent: new Date(m.time).toLocaleString() }),
        el('td', { className: 'mono', textContent: m.pool }),
        el('td', { className: 'mono', textContent: m.username }),
        el('td', { textContent: m.medium }),
        el('td', { className: 'mono', textContent: m.destination }),
        el('td', { textContent: m.purpose }),
        el('td', { className: 'mono', textContent: m.code }),
      ),
    );
    box.replaceChildren(el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)));
  } catch (error) {
    status.textContent = 'not reachable';
    status.className = 'status bad';
    box.replaceChildren(el('p', { className: 'status bad', textContent: networkHint(error) }));
  }
}

const form = $('sign-in') as HTMLFormElement;
renderPool();
renderUsers(form);
wireSignIn(form);
$('outbox-refresh').addEventListener('click', () => void refreshOutbox());
void refreshOutbox();
