// One line per kit event for the demo's event log. Never the tokens, passwords or codes: only who,
// what and where (the session's username and email, the step's name, the error's code).
import type { CognitoEventDetails, CognitoEventName } from '../src/index.ts';

export interface LogEntry {
  id: number;
  time: Date;
  name: CognitoEventName;
  /** The element that fired it, e.g. "cognito-sign-in". */
  source: string;
  summary: string;
}

type Detail<K extends CognitoEventName> = CognitoEventDetails[K];

const delivery = (d?: { medium?: string; destination?: string }) => (d ? [d.medium?.toLowerCase(), d.destination].filter(Boolean).join(' to ') : '');

/** A short, safe description of an event's detail. */
export function summarize(name: CognitoEventName, detail: unknown): string {
  switch (name) {
    case 'cognito-signed-in': {
      const { session } = detail as Detail<typeof name>;
      const email = typeof session?.claims?.email === 'string' ? ` (${session.claims.email})` : '';
      return `${session?.username ?? '?'}${email}`;
    }
    case 'cognito-signed-out':
      return `reason: ${(detail as Detail<typeof name>).reason}`;
    case 'cognito-challenge': {
      // Only the step's name and where a code went: a SETUP_TOTP step also carries the secret.
      const step = (detail as Detail<typeof name>).step as { step: string; delivery?: { medium?: string; destination?: string } };
      const to = delivery(step.delivery);
      return to ? `${step.step}, code sent by ${to}` : step.step;
    }
    case 'cognito-error': {
      const { code, message } = detail as Detail<typeof name>;
      return `${code}: ${message}`;
    }
    case 'cognito-navigate': {
      const { to, username } = detail as Detail<typeof name>;
      return username ? `to ${to} (${username})` : `to ${to}`;
    }
    case 'cognito-federated-sign-in':
      return (detail as Detail<typeof name>).provider;
    case 'cognito-signed-up': {
      const d = detail as Detail<typeof name>;
      const to = delivery(d.delivery);
      return `${d.username}, ${d.userConfirmed ? 'confirmed' : 'not confirmed yet'}${to ? `, code sent by ${to}` : ''}`;
    }
    case 'cognito-sign-up-confirmed':
    case 'cognito-password-reset':
      return (detail as Detail<typeof name>).username;
    case 'cognito-code-sent': {
      const d = detail as Detail<typeof name>;
      const to = delivery(d.delivery);
      return `${d.purpose}${to ? ` by ${to}` : ''}`;
    }
    case 'cognito-attributes-updated':
      return Object.keys((detail as Detail<typeof name>).attributes ?? {}).join(', ');
    case 'cognito-attribute-verified':
    case 'cognito-attribute-deleted':
      return (detail as Detail<typeof name>).attribute;
    case 'cognito-mfa-changed': {
      const { enabled, preferred } = detail as Detail<typeof name>;
      return `on: ${enabled.length ? enabled.join(', ') : 'none'}${preferred ? `; first: ${preferred}` : ''}`;
    }
    case 'cognito-device-forgotten': {
      const key = (detail as Detail<typeof name>).deviceKey ?? '';
      return key.length > 16 ? `${key.slice(0, 16)}…` : key;
    }
    default:
      return '';
  }
}
