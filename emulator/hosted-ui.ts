/**
 * The hosted UI's pages: plain HTML forms that work without JavaScript (and that a test can post
 * with fetch). Every form carries the OAuth parameters along as hidden fields, so each step can be
 * checked again on its own, like Cognito's /login?client_id=... pages.
 */
import { escapeHtml as h } from './http.ts';

const STYLE = `
  body { font: 16px/1.45 system-ui, sans-serif; background: #f2f3f3; color: #16191f; margin: 0; }
  main { max-width: 380px; margin: 48px auto; background: #fff; padding: 28px 32px; border-radius: 8px; box-shadow: 0 1px 4px #0002; }
  h1 { font-size: 20px; margin: 0 0 4px; } p.sub { margin: 0 0 18px; color: #545b64; font-size: 14px; }
  label { display: block; font-size: 14px; margin: 12px 0 4px; }
  input[type=text], input[type=email], input[type=password] { box-sizing: border-box; width: 100%; padding: 8px; border: 1px solid #aab7b8; border-radius: 4px; font: inherit; }
  button { margin-top: 18px; width: 100%; padding: 9px; border: 0; border-radius: 4px; background: #0972d3; color: #fff; font: inherit; cursor: pointer; }
  button.secondary, a.provider { display: block; box-sizing: border-box; background: #fff; color: #0972d3; border: 1px solid #0972d3; text-align: center; text-decoration: none; padding: 8px; border-radius: 4px; margin-top: 10px; }
  .error { background: #fff1f0; border: 1px solid #d91515; color: #d91515; padding: 8px 10px; border-radius: 4px; font-size: 14px; }
  .note { color: #545b64; font-size: 12px; margin-top: 18px; } code { word-break: break-all; }
`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${h(title)}</title><style>${STYLE}</style></head>
<body><main>
${body}
<p class="note">Local Cognito emulator: a stand-in for the Cognito hosted UI.</p>
</main></body>
</html>`;
}

const hidden = (fields: Record<string, string | undefined>) =>
  Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${h(k)}" value="${h(v!)}">`)
    .join('\n');

const errorBox = (error?: string) => (error ? `<p class="error" role="alert">${h(error)}</p>` : '');

export function errorPage(detail: string): string {
  return page('Error', `<h1>An error was encountered with the requested page.</h1>\n<p class="error" role="alert">${h(detail)}</p>`);
}

export interface SignInPageOptions {
  params: Record<string, string>;
  query: string;
  clientName: string;
  /** Sign-in with username and password offered (COGNITO is a supported provider). */
  cognito: boolean;
  /** External providers to offer as links (each re-enters /oauth2/authorize with identity_provider). */
  providers: { name: string; href: string }[];
  username?: string;
  error?: string;
}

export function signInPage(o: SignInPageOptions): string {
  const form = o.cognito
    ? `<form method="post" action="/login?${h(o.query)}">
${hidden(o.params)}
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" required value="${h(o.username ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" name="signin" value="1">Sign in</button>
</form>`
    : '';
  const providers = o.providers.map((p) => `<a class="provider" href="${h(p.href)}">Continue with ${h(p.name)}</a>`).join('\n');
  return page('Sign in', `<h1>Sign in</h1>\n<p class="sub">to ${h(o.clientName)}</p>\n${errorBox(o.error)}\n${form}\n${providers}`);
}

export interface ChallengePageOptions {
  params: Record<string, string>;
  query: string;
  challenge: string;
  session: string;
  username: string;
  error?: string;
  /** Where an SMS or email code went (masked). */
  destination?: string;
  /** MFA_SETUP: the authenticator secret to add. */
  secretCode?: string;
  issuer?: string;
  /** SELECT_MFA_TYPE: the factors to choose from (MFAS_CAN_CHOOSE, a JSON list). */
  choices?: string;
  /** NEW_PASSWORD_REQUIRED: attributes still missing (requiredAttributes, a JSON list of `userAttributes.<name>`). */
  requiredAttributes?: string;
}

const FACTOR_NAMES: Record<string, string> = { SMS_MFA: 'Text message (SMS)', SOFTWARE_TOKEN_MFA: 'Authenticator app', EMAIL_OTP: 'Email' };

export function challengePage(o: ChallengePageOptions): string {
  // What the page shows travels along, so a wrong answer can show the same page again.
  const carry = hidden({
    ...o.params,
    session: o.session,
    challenge: o.challenge,
    username: o.username,
    destination: o.destination,
    choices: o.choices,
    required: o.requiredAttributes,
  });
  const choices = o.choices ? (JSON.parse(o.choices) as string[]) : [];
  const required = o.requiredAttributes ? (JSON.parse(o.requiredAttributes) as string[]).map((a) => a.replace(/^userAttributes\./, '')) : [];
  const codeInput = `<label for="code">Code</label>\n<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required>`;
  let title = 'Verify';
  let inner = '';
  switch (o.challenge) {
    case 'SMS_MFA':
    case 'EMAIL_OTP':
      title = 'Enter your code';
      inner = `<p class="sub">We sent a code${o.destination ? ` to ${h(o.destination)}` : ''}.</p>\n${codeInput}\n<button type="submit">Sign in</button>`;
      break;
    case 'SOFTWARE_TOKEN_MFA':
      title = 'Enter your code';
      inner = `<p class="sub">Enter the code from your authenticator app.</p>\n${codeInput}\n<button type="submit">Sign in</button>`;
      break;
    case 'SELECT_MFA_TYPE':
      title = 'Choose how to verify';
      inner = choices.map((c) => `<button type="submit" name="mfa_choice" value="${h(c)}">${h(FACTOR_NAMES[c] ?? c)}</button>`).join('\n');
      break;
    case 'MFA_SETUP': {
      title = 'Set up an authenticator app';
      const uri = `otpauth://totp/${encodeURIComponent(o.issuer ?? 'Cognito')}:${encodeURIComponent(o.username)}?secret=${o.secretCode}&issuer=${encodeURIComponent(o.issuer ?? 'Cognito')}`;
      inner = `<p class="sub">Multi-factor authentication is required. Add this key to your authenticator app, then enter its code.</p>
<p><code>${h(o.secretCode ?? '')}</code></p><p class="note"><code>${h(uri)}</code></p>\n${codeInput}\n<button type="submit">Verify and sign in</button>`;
      break;
    }
    case 'NEW_PASSWORD_REQUIRED':
      title = 'Change your password';
      inner = `<p class="sub">Please enter a new password.</p>
<input type="text" name="username_display" autocomplete="username" value="${h(o.username)}" hidden>
<label for="new_password">New password</label>
<input id="new_password" name="new_password" type="password" autocomplete="new-password" required>
${required.map((a) => `<label for="attr-${h(a)}">${h(a)}</label>\n<input id="attr-${h(a)}" name="attr.${h(a)}" type="text" required>`).join('\n')}
<button type="submit">Change password and sign in</button>`;
      break;
  }
  return page(title, `<h1>${h(title)}</h1>\n${errorBox(o.error)}\n<form method="post" action="/login?${h(o.query)}">\n${carry}\n${inner}\n</form>`);
}

export interface ProviderPageOptions {
  params: Record<string, string>;
  provider: string;
  name: string;
  email: string;
  error?: string;
}

/** The stand-in external identity provider: who to be, then back to the "Cognito" side. */
export function providerPage(o: ProviderPageOptions): string {
  return page(
    `${o.provider}`,
    `<h1>${h(o.provider)}</h1>
<p class="sub">A stand-in external identity provider: pick who to be.</p>
${errorBox(o.error)}
<form method="post" action="/oauth2/idpresponse">
${hidden(o.params)}
<label for="name">Name</label>
<input id="name" name="name" type="text" autocomplete="name" required value="${h(o.name)}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" required value="${h(o.email)}">
<button type="submit" name="continue" value="1">Continue as ${h(o.name)}</button>
<button type="submit" class="secondary" name="cancel" value="1" formnovalidate>Cancel</button>
</form>`,
  );
}
