/** SETUP_EMAIL and CUSTOM_CHALLENGE: one text answer (the address for email codes, or the Lambda's question). */
import { field, formValue } from '../../shared/form.ts';
import type { MfaStep, StepView } from './view.ts';
import { stepForm } from './parts.ts';

export const setupEmail: StepView<Extract<MfaStep, { step: 'SETUP_EMAIL' }>> = {
  render: (_step, ctx) =>
    stepForm(
      ctx,
      ctx.t('mfa.setupEmail.title'),
      ctx.t('mfa.setupEmail.text'),
      field({
        id: ctx.idFor('email'),
        name: 'email',
        label: ctx.t('common.email'),
        type: 'email',
        inputmode: 'email',
        autocomplete: 'email',
        autofocus: true,
        dir: 'ltr',
        describedBy: ctx.idFor('error'),
      }),
      ctx.t('common.continue'),
    ),
  read(_step, form) {
    const email = formValue(form, 'email').trim();
    return email ? { email } : { invalid: { key: 'mfa.setupEmail.empty', field: 'email' } };
  },
  retry: 'email',
};

export const customChallenge: StepView<Extract<MfaStep, { step: 'CUSTOM_CHALLENGE' }>> = {
  render: (step, ctx) =>
    stepForm(
      ctx,
      ctx.t('mfa.title'),
      undefined,
      field({
        id: ctx.idFor('answer'),
        name: 'answer',
        // The prompt comes from the pool's Lambda; it is shown as text, never as HTML.
        label: step.parameters.prompt || ctx.t('mfa.custom.answer'),
        autocomplete: 'one-time-code',
        autofocus: true,
        describedBy: ctx.idFor('error'),
      }),
      ctx.t('mfa.submit'),
    ),
  read(_step, form) {
    const answer = formValue(form, 'answer').trim();
    return answer ? { answer } : { invalid: { key: 'mfa.custom.empty', field: 'answer' } };
  },
  retry: 'answer',
};
