/** TOTP_CODE, SMS_CODE and EMAIL_CODE: a code from the authenticator app, or one Cognito sent. */
import { html, type TemplateResult } from 'lit';
import type { MfaStep, StepContext, StepView } from './view.ts';
import { backLink, codeInput, readCode, SENT_CODE_DIGITS, stepForm, TOTP_DIGITS } from './parts.ts';

type SentStep = Extract<MfaStep, { step: 'SMS_CODE' | 'EMAIL_CODE' }>;

function codeForm(ctx: StepContext, text: string, sent: boolean): TemplateResult {
  // Cognito has no "send again" inside a challenge: a new code means a new sign-in.
  const after = sent
    ? html`<div class="cognito-links">
        <p class="cognito-hint" id=${ctx.idFor('no-code')}>${ctx.t('mfa.noCode')}</p>
        <button class="cognito-link" type="button" aria-describedby=${ctx.idFor('no-code')} ?disabled=${ctx.busy} @click=${ctx.backToSignIn}>
          ${ctx.t('mfa.startOver')}
        </button>
      </div>`
    : backLink(ctx);
  return stepForm(ctx, ctx.t('mfa.title'), text, codeInput(ctx, ctx.t('common.code')), ctx.t('mfa.submit'), after);
}

export const totpCode: StepView<Extract<MfaStep, { step: 'TOTP_CODE' }>> = {
  render: (_step, ctx) => codeForm(ctx, ctx.t('mfa.totp.text'), false),
  read: (_step, form) => readCode(form, TOTP_DIGITS),
  retry: 'code',
};

/** A code sent by text message or email, saying where to when Cognito tells. */
export const sentCode: StepView<SentStep> = {
  render(step, ctx) {
    const to = step.delivery.destination;
    const medium = step.step === 'SMS_CODE' ? 'sms' : 'email';
    return codeForm(ctx, to ? ctx.t(`mfa.${medium}.sentTo`, { destination: to }) : ctx.t(`mfa.${medium}.sent`), true);
  },
  read: (_step, form) => readCode(form, SENT_CODE_DIGITS),
  retry: 'code',
};
