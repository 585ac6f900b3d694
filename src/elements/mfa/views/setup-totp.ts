/** SETUP_TOTP: add the secret to an authenticator app, then prove it with a code. */
import { totpForm } from '../totp-form.ts';
import { formValue } from '../../shared/form.ts';
import type { MfaStep, StepView } from './view.ts';
import { backLink, readCode, TOTP_DIGITS } from './parts.ts';

export const setupTotp: StepView<Extract<MfaStep, { step: 'SETUP_TOTP' }>> = {
  render: (step, ctx) => totpForm(ctx, step.secret, step.uri, ctx.onSubmit, backLink(ctx)),
  read(_step, form) {
    const code = readCode(form, TOTP_DIGITS);
    if ('invalid' in code) return code;
    return { ...code, deviceName: formValue(form, 'deviceName').trim() || undefined };
  },
  retry: 'code',
};
