/// <reference types="vite/client" />
// What the demo page knows about: the emulator and its seeded demo pool, the languages and themes
// it offers, and every event the elements fire.
import type { CognitoEventName } from '../src/index.ts';

/** Where the emulator is: `npm run demo` sets VITE_EMULATOR_URL; `?emulator=URL` overrides it. */
export const EMULATOR_URL = (new URLSearchParams(location.search).get('emulator') || import.meta.env.VITE_EMULATOR_URL || 'http://127.0.0.1:9229').replace(
  /\/+$/,
  '',
);

export interface PoolConfig {
  userPoolId: string;
  clientId: string;
  region?: string;
  /** Set for the emulator; absent for a real Cognito pool. */
  endpoint?: string;
}

export const EMULATOR_POOL: PoolConfig = {
  userPoolId: 'us-east-1_DemoPool1',
  clientId: 'democlient0000000000000001',
  endpoint: EMULATOR_URL,
};

/** The demo pool's password policy (emulator/seed.json), for the checklists. */
export const DEMO_PASSWORD_POLICY = 'min-length:8 lowercase uppercase numbers';

export interface DemoUser {
  username: string;
  password: string;
  title: string;
  text: string;
  /** The seeded TOTP secret (base32), for the live code. */
  totpSecret?: string;
}

/** The users emulator/seed.json creates in the demo pool (kept here by hand: the page does not read the seed). */
export const DEMO_USERS: DemoUser[] = [
  { username: 'demo', password: 'Passw0rd!', title: 'Plain', text: 'Confirmed, no MFA: signs straight in.' },
  {
    username: 'totp',
    password: 'Passw0rd!',
    title: 'Authenticator app',
    text: 'TOTP MFA. The code below is what an authenticator app would show for its secret.',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  },
  { username: 'sms', password: 'Passw0rd!', title: 'SMS MFA', text: 'The text message lands in the outbox.' },
  { username: 'email', password: 'Passw0rd!', title: 'Email MFA', text: 'The email lands in the outbox.' },
  {
    username: 'newpassword',
    password: 'TempPassw0rd',
    title: 'Temporary password',
    text: 'Created by an admin: must choose a new password first.',
  },
  {
    username: 'unconfirmed',
    password: 'Passw0rd!',
    title: 'Unconfirmed',
    text: 'Signed up but never confirmed: asks for the code ("Send a new code", then find it in the outbox).',
  },
];

export const LANGUAGES: { tag: string; name: string; dir?: 'rtl' }[] = [
  { tag: 'en', name: 'English' },
  { tag: 'de', name: 'Deutsch' },
  { tag: 'es', name: 'Español' },
  { tag: 'fr', name: 'Français' },
  { tag: 'ja', name: '日本語' },
  { tag: 'pt-BR', name: 'Português (Brasil)' },
  { tag: 'zh-CN', name: '中文 (简体)' },
  { tag: 'ar', name: 'العربية', dir: 'rtl' },
  { tag: 'he', name: 'עברית', dir: 'rtl' },
  { tag: 'id', name: 'Bahasa Indonesia' },
  { tag: 'it', name: 'Italiano' },
  { tag: 'ko', name: '한국어' },
  { tag: 'nb', name: 'Norsk bokmål' },
  { tag: 'nl', name: 'Nederlands' },
  { tag: 'pl', name: 'Polski' },
  { tag: 'ru', name: 'Русский' },
  { tag: 'sv', name: 'Svenska' },
  { tag: 'th', name: 'ไทย' },
  { tag: 'tr', name: 'Türkçe' },
  { tag: 'uk', name: 'Українська' },
];

export type Theme = 'light' | 'dark' | 'system' | 'brand';
export const THEMES: { id: Theme; name: string }[] = [
  { id: 'light', name: 'Light' },
  { id: 'dark', name: 'Dark' },
  { id: 'system', name: 'System' },
  { id: 'brand', name: 'Brand' },
];

/**
 * What each theme sets on the wrapper around the elements (shown on the page as an example).
 * Light and dark repeat the kit's own palettes (src/elements/shared/styles.ts) so they apply
 * whatever the OS prefers; "system" sets nothing and lets the kit follow prefers-color-scheme.
 */
export const THEME_CSS: Record<Theme, string> = {
  system: '/* nothing: the kit follows prefers-color-scheme */',
  light: `--cognito-background: #ffffff;
--cognito-color: #1b1f24;
--cognito-muted-color: #57606a;
--cognito-border-color: #8c959f;
--cognito-accent: #0a58ca;
--cognito-accent-color: #ffffff;
--cognito-danger: #b42318;
--cognito-success: #1a7f37;
--cognito-field-background: #ffffff;
--cognito-focus-ring: #0a58ca;`,
  dark: `--cognito-background: #161b22;
--cognito-color: #e6edf3;
--cognito-muted-color: #9da7b3;
--cognito-border-color: #6e7681;
--cognito-accent: #4493f8;
--cognito-accent-color: #0d1117;
--cognito-danger: #ff7b72;
--cognito-success: #3fb950;
--cognito-field-background: #0d1117;
--cognito-focus-ring: #4493f8;`,
  brand: `--cognito-accent: #6d28d9;
--cognito-accent-color: #ffffff;
--cognito-focus-ring: #6d28d9;
--cognito-background: #fbf9ff;
--cognito-color: #2e1065;
--cognito-muted-color: #5b4a86;
--cognito-border-color: #8b6fd6;
--cognito-field-background: #ffffff;
--cognito-danger: #b42318;
--cognito-success: #1a7f37;
--cognito-radius: 18px;
--cognito-font-family: Georgia, "DejaVu Serif", serif;`,
};

/** A theme's custom properties as name/value pairs, to set on the wrapper's style. */
export function themeProperties(theme: Theme): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const [, name, value] of THEME_CSS[theme].matchAll(/(--[\w-]+):\s*([^;]+);/g)) properties[name] = value.trim();
  return properties;
}

/** Every event the elements fire (src/elements/shared/events.ts); the type check below says if one is missing. */
export const EVENT_NAMES = [
  'cognito-signed-in',
  'cognito-signed-out',
  'cognito-challenge',
  'cognito-error',
  'cognito-navigate',
  'cognito-federated-sign-in',
  'cognito-signed-up',
  'cognito-sign-up-confirmed',
  'cognito-code-sent',
  'cognito-password-reset',
  'cognito-password-changed',
  'cognito-attributes-updated',
  'cognito-attribute-verified',
  'cognito-attribute-deleted',
  'cognito-mfa-changed',
  'cognito-totp-set-up',
  'cognito-passkey-added',
  'cognito-passkey-removed',
  'cognito-device-forgotten',
  'cognito-account-deleted',
  'cognito-dismiss',
] as const satisfies readonly CognitoEventName[];

type Unlogged = Exclude<CognitoEventName, (typeof EVENT_NAMES)[number]>;
/** Fails to compile (naming the event) when events.ts gains an event this list lacks. */
export const everyEventLogged: [Unlogged] extends [never] ? true : Unlogged = true;
