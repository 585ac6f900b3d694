/**
 * TOTP_CODE, SMS_CODE and EMAIL_CODE: a code from the authenticator app, or one Cognito sent, and
 * (remember-device="ask") whether to remember this device, so later sign-ins on it skip the code.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConfirmSignInInput } from '../../../core/index.ts';
import type { Invalid, MfaStep, StepContext, StepView } from './view.ts';
import { backLink, codeInput, readCode, rememberChoice, rememberDeviceBox, SENT_CODE_DIGITS, stepForm, TOTP_DIGITS } from './parts.ts';

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
  const fields = html`${codeInput(ctx, ctx.t('common.code'))}${ctx.rememberDevice === 'ask' ? rememberDeviceBox(ctx) : nothing}`;
  return stepForm(ctx, ctx.t('mfa.title'), text, fields, ctx.t('mfa.submit'), after);
}

/** The code, and the answer to "Remember this device". */
function readAnswer(form: HTMLFormElement, ctx: StepContext, digits: { min: number; max: number }): ConfirmSignInInput | Invalid {
  const code = readCode(form, digits);
  return 'invalid' in code ? code : { ...code, ...rememberChoice(form, ctx) };
}

export const totpCode: StepView<Extract<MfaStep, { step: 'TOTP_CODE' }>> = {
  render: (_step, ctx) => codeForm(ctx, ctx.t('mfa.totp.text'), false),
  read: (_step, form, ctx) => readAnswer(form, ctx, TOTP_DIGITS),
  retry: 'code',
};

/** A code sent by text message or email, saying where to when Cognito tells. */
export const sentCode: StepView<SentStep> = {
  render(step, ctx) {
    const to = step.delivery.destination;
    const medium = step.step === 'SMS_CODE' ? 'sms' : 'email';
    return codeForm(ctx, to ? ctx.t(`mfa.${medium}.sentTo`, { destination: to }) : ctx.t(`mfa.${medium}.sent`), true);
  },
  read: (_step, form, ctx) => readAnswer(form, ctx, SENT_CODE_DIGITS),
  retry: 'code',
};
