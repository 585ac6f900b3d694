// The demo's "Customize" tab: one <cognito-authenticator> bent to a made-up product's brand with what a
// page can set: a logo header, a per-view line and a legal footer (slot="header" / "sign-up-header" /
// "footer"), --cognito-* custom properties scoped to it, formFields (labels, hints, order, a phone
// number with a country selector, a plan select sent as custom:plan, a terms box that must be ticked
// and is not sent), hooks (an async check with messages on the fields, a lower-casing transform) and
// routing="hash". main.ts renders it; test/browser/demo-customize.test.ts mounts the same template
// against the emulator. The page shows this configuration as code (customizeSource), from the very
// objects and functions below, so what it shows is what runs.
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CognitoClient, FieldErrors, FormFields, FormValues, Hooks } from '../src/index.ts';

/** The attributes the sign-up form asks for (the demo pool declares custom:plan: emulator/seed.json). */
export const SIGN_UP_ATTRIBUTES = 'email name phone_number';

/** Every plan the select offers; the value is what Cognito stores in custom:plan. */
export const PLANS = [
  { value: 'free', label: 'Free' },
  { value: 'pro', label: 'Pro' },
  { value: 'team', label: 'Team' },
];

export const FORM_FIELDS: FormFields = {
  signIn: {
    fields: { username: { label: 'Username or email', placeholder: 'jane.doe' } },
  },
  signUp: {
    fields: {
      username: { order: 1, placeholder: 'jane.doe', hint: 'No spaces. Stored in lower case.' },
      email: { order: 2, label: 'Work email', placeholder: 'jane@example.com' },
      name: { order: 3, label: 'Display name', hint: 'How your team sees you.' },
      phone_number: { order: 4, label: 'Mobile phone', phoneCountry: 'US', required: false, hint: 'Optional, for codes by text message.' },
    },
    custom: [
      { name: 'plan', type: 'select', label: 'Plan', placeholder: 'Choose a plan', required: true, order: 5, options: PLANS, mapTo: { attribute: 'custom:plan' } },
      // No mapTo: the box must be ticked to submit, and nothing about it is sent.
      { name: 'terms', type: 'checkbox', label: 'I accept the terms', required: true },
    ],
  },
};

/** Stands in for the app's backend, which a real page would fetch from (the wait is the round trip): names no one may take. */
async function isReserved(username: string): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 150));
  return ['admin', 'root', 'support', 'northpeak'].includes(username.toLowerCase());
}

/** Sign-up's own rules, checked before anything is sent: a message per field, shown on that field. */
export async function checkSignUp(values: FormValues): Promise<FieldErrors> {
  const errors: Record<string, string> = {};
  const username = String(values.username ?? '');
  if (/\s/.test(username)) errors.username = 'No spaces, please: try jane.doe.';
  else if (await isReserved(username)) errors.username = 'That name is reserved: pick another.';
  if (String(values.name ?? '').trim().length < 2) errors.name = 'At least 2 characters, please.';
  return errors;
}

/** Usernames and email addresses are sent trimmed and in lower case (the password is left as typed). */
export function tidyNames(values: FormValues): FormValues {
  const tidied = { ...values };
  for (const key of ['username', 'email']) {
    const value = tidied[key];
    if (typeof value === 'string') tidied[key] = value.trim().toLowerCase();
  }
  return tidied;
}

export const HOOKS: Hooks = {
  signIn: { transform: tidyNames },
  signUp: { validate: checkSignUp, transform: tidyNames },
  forgotPassword: { transform: tidyNames },
};

/**
 * The brand, on this authenticator only (the class): an accent for light pages and a lighter one
 * for dark ones (light-dark() follows the page's color-scheme), squarer corners and its own font;
 * then the header's and footer's own look.
 */
export const BRAND_CSS = `cognito-authenticator.northpeak {
  --cognito-accent: light-dark(#0f766e, #2dd4bf);
  --cognito-accent-color: light-dark(#ffffff, #042f2e);
  --cognito-focus-ring: light-dark(#0f766e, #2dd4bf);
  --cognito-radius: 3px;
  --cognito-font-family: 'Trebuchet MS', 'Avenir Next', Verdana, 'DejaVu Sans Condensed', sans-serif;
}
.northpeak-header {
  display: flex;
  align-items: center;
  gap: 0.625rem;
}
.northpeak-logo {
  flex: none;
  color: var(--cognito-accent);
}
.northpeak-name {
  margin: 0;
  font-size: 1.25rem;
  font-weight: 700;
  letter-spacing: 0.02em;
  line-height: 1.2;
}
.northpeak-tagline {
  margin: 0;
  font-size: 0.875rem;
}
.northpeak-offer {
  margin-block-start: 0;
  padding: 0.5rem 0.75rem;
  border-inline-start: 3px solid var(--cognito-accent);
  font-size: 0.875rem;
}
.northpeak-footer {
  margin-block-end: 0;
  font-size: 0.8125rem;
  text-align: center;
}
.northpeak-footer a {
  color: var(--cognito-accent);
}`;

let adopted = false;

/** Adds BRAND_CSS to the document's style sheets, once (the page shows the same text). */
export function adoptBrandStyles(): void {
  if (adopted) return;
  adopted = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(BRAND_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

const logo = html`<svg class="northpeak-logo" viewBox="0 0 32 32" width="36" height="36" aria-hidden="true" focusable="false">
  <rect width="32" height="32" rx="7" fill="currentColor" />
  <path d="M5 24 13 11l4 6 3-4 7 11Z" fill="#ffffff" />
  <circle cx="23" cy="9" r="2.5" fill="#ffffff" />
</svg>`;

export interface BrandedOptions {
  userPoolId: string;
  clientId: string;
  region?: string;
  endpoint?: string;
  /** A client to use instead of the page's shared one for these attributes (the tests give their own). */
  client?: CognitoClient;
  passwordPolicy?: string;
  /** What signed-in users see: the app's content. */
  content?: TemplateResult;
}

/** The tab's authenticator: the brand, its header and footer, formFields, hooks and routing="hash". */
export function brandedAuthenticator(o: BrandedOptions): TemplateResult {
  return html`<cognito-authenticator
    class="northpeak"
    user-pool-id=${o.userPoolId}
    client-id=${o.clientId}
    region=${ifDefined(o.region)}
    endpoint=${ifDefined(o.endpoint)}
    .client=${o.client}
    routing="hash"
    sign-up-attributes=${SIGN_UP_ATTRIBUTES}
    password-policy=${ifDefined(o.passwordPolicy)}
    .formFields=${FORM_FIELDS}
    .hooks=${HOOKS}
  >
    <div slot="header" class="northpeak-header">
      ${logo}
      <div>
        <p class="northpeak-name">Northpeak</p>
        <p class="northpeak-tagline">Plans and projects for small teams</p>
      </div>
    </div>
    <p slot="sign-up-header" class="northpeak-offer">Every plan is free for 14 days.</p>
    <p slot="footer" class="northpeak-footer">
      Northpeak is a made-up brand. <a href="https://example.com/terms">Terms</a> ·
      <a href="mailto:help@example.com">Help</a>
    </p>
    <div class="signed-in">${o.content ?? nothing}</div>
  </cognito-authenticator>`;
}

/** JSON on one line, with a space after each comma and colon. */
function inlineJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${JSON.stringify(key)}: ${inlineJson(item)}`)
    .join(', ')}}`;
}

/** JSON indented by level, with each value that fits on a short line written on one line. */
function compactJson(value: unknown, indent = ''): string {
  const line = inlineJson(value);
  if (indent.length + line.length <= 100 || value === null || typeof value !== 'object') return line;
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((item) => inner + compactJson(item, inner))
    : Object.entries(value).map(([key, item]) => `${inner}${JSON.stringify(key)}: ${compactJson(item, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${items.join(',\n')}\n${indent}${close}`;
}

/** A function's source as the page runs it (the types gone), indented with spaces. */
const source = (fn: (...args: never[]) => unknown) => String(fn).replace(/\t/g, '  ');

/** The configuration as a page would write it: the markup, the script that sets formFields and hooks, and the CSS. */
export function customizeSource(attributes: string, passwordPolicy: string): { markup: string; script: string; css: string } {
  const markup = `<cognito-authenticator class="northpeak" ${attributes}
  routing="hash"
  sign-up-attributes="${SIGN_UP_ATTRIBUTES}"
  password-policy="${passwordPolicy}">
  <div slot="header" class="northpeak-header">
    <svg class="northpeak-logo" aria-hidden="true" …></svg>
    <div>
      <p class="northpeak-name">Northpeak</p>
      <p class="northpeak-tagline">Plans and projects for small teams</p>
    </div>
  </div>
  <p slot="sign-up-header" class="northpeak-offer">Every plan is free for 14 days.</p>
  <p slot="footer" class="northpeak-footer">… <a href="…">Terms</a> · <a href="…">Help</a></p>
  <main>…what signed-in users see…</main>
</cognito-authenticator>`;
  // The hooks by the names of their functions (whose source is shown above them).
  const hooksByName = Object.entries(HOOKS)
    .map(
      ([form, hooks]) =>
        `  ${form}: { ${Object.entries(hooks as Record<string, () => unknown>)
          .map(([hook, fn]) => `${hook}: ${fn.name}`)
          .join(', ')} },`,
    )
    .join('\n');
  const script = `const auth = document.querySelector('cognito-authenticator.northpeak');

auth.formFields = ${compactJson(FORM_FIELDS)};

${source(isReserved)}

${source(checkSignUp)}

${source(tidyNames)}

auth.hooks = {
${hooksByName}
};`;
  return { markup, script, css: BRAND_CSS };
}
