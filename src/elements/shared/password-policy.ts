/**
 * The pool's password policy, shown as a checklist while the user types. A browser client cannot
 * read the policy from Cognito (DescribeUserPool needs AWS credentials), so the page states it
 * with the `password-policy` attribute; Cognito's default policy is assumed otherwise.
 */
import { html, type TemplateResult } from 'lit';
import { type MessageKey, registerMessages, type Translate } from './localize.ts';
import { passwordMessages } from './password-messages.ts';
import { addStyles, ELEMENTS } from './styles.ts';

registerMessages(passwordMessages);

// The checklist's look, in the shared sheet once a form with a new password loads.
addStyles(/* css */ `
:where(${ELEMENTS}) .cognito-policy { list-style: none; margin: 0; padding: 0; font-size: 0.875em; color: var(--_muted); display: grid; gap: 0.125rem; }
:where(${ELEMENTS}) .cognito-policy [data-met="true"] { color: var(--_success); }
:where(${ELEMENTS}) .cognito-policy [data-met]::before { content: "○ "; }
:where(${ELEMENTS}) .cognito-policy [data-met="true"]::before { content: "✓ "; }
`);

export interface PasswordPolicy {
  minLength: number;
  requireLowercase: boolean;
  requireUppercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
}

/** Cognito's default: 8 characters with lower and upper case, a number and a symbol. */
export const DEFAULT_POLICY: PasswordPolicy = { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true };

/**
 * Reads the `password-policy` attribute: space-separated words `min-length:N`, `lowercase`,
 * `uppercase`, `numbers`, `symbols` (e.g. "min-length:12 lowercase numbers"), or "none".
 */
export function parsePolicy(text: string | null | undefined): PasswordPolicy {
  if (!text) return DEFAULT_POLICY;
  const words = text.trim().toLowerCase().split(/\s+/);
  const length = words.find((w) => w.startsWith('min-length:'));
  return {
    minLength: length ? Math.max(Number(length.split(':')[1]) || 0, 0) : words.includes('none') ? 0 : 8,
    requireLowercase: words.includes('lowercase'),
    requireUppercase: words.includes('uppercase'),
    requireNumbers: words.includes('numbers'),
    requireSymbols: words.includes('symbols'),
  };
}

// Cognito's symbol set: ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + - and space.
const SYMBOL = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

export interface PolicyRule {
  key: MessageKey;
  params?: Record<string, number>;
  met: boolean;
}

export function checkPolicy(policy: PasswordPolicy, password: string): PolicyRule[] {
  const rules: PolicyRule[] = [];
  if (policy.minLength > 0) rules.push({ key: 'policy.minLength', params: { count: policy.minLength }, met: [...password].length >= policy.minLength });
  if (policy.requireLowercase) rules.push({ key: 'policy.lowercase', met: /\p{Ll}/u.test(password) });
  if (policy.requireUppercase) rules.push({ key: 'policy.uppercase', met: /\p{Lu}/u.test(password) });
  if (policy.requireNumbers) rules.push({ key: 'policy.number', met: /[0-9]/.test(password) });
  if (policy.requireSymbols) rules.push({ key: 'policy.symbol', met: SYMBOL.test(password) });
  return rules;
}

/** The checklist, with each rule's state also said in words for screen readers. */
export function policyChecklist(id: string, rules: PolicyRule[], t: Translate): TemplateResult {
  return html`<div id=${id}>
    <p class="cognito-hint">${t('policy.title')}</p>
    <ul class="cognito-policy">
      ${rules.map(
        (rule) => html`<li data-met=${String(rule.met)}>
          ${t(rule.key, rule.params)}<span class="cognito-visually-hidden"> (${t(rule.met ? 'policy.met' : 'policy.notMet')})</span>
        </li>`,
      )}
    </ul>
  </div>`;
}
