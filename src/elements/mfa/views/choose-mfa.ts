/** CHOOSE_MFA and CHOOSE_MFA_SETUP: which MFA type to use now, or to set up. */
import type { MfaType } from '../../../core/index.ts';
import type { MfaStep, StepContext, StepView } from './view.ts';
import { checked, choices, stepForm, unsupported } from './parts.ts';

function chooseForm(ctx: StepContext, title: string, text: string | undefined, legend: string, options: MfaType[]) {
  const labelled = options.map((o) => ({ value: o, label: ctx.t(`mfa.type.${o}`) }));
  return stepForm(ctx, title, text, choices('mfaType', legend, labelled, options[0]), ctx.t('common.continue'));
}

const read = (_step: unknown, form: HTMLFormElement) => ({ mfaType: checked(form, 'mfaType') as MfaType });

export const chooseMfa: StepView<Extract<MfaStep, { step: 'CHOOSE_MFA' }>> = {
  render: (step, ctx) => chooseForm(ctx, ctx.t('mfa.choose.title'), undefined, ctx.t('mfa.choose.legend'), step.options),
  read,
};

export const chooseMfaSetup: StepView<Extract<MfaStep, { step: 'CHOOSE_MFA_SETUP' }>> = {
  render(step, ctx) {
    // SMS MFA is set up by verifying a phone number, which cannot happen inside a sign-in.
    const options = step.options.filter((o) => o !== 'SMS');
    if (options.length === 0) return unsupported(ctx);
    return chooseForm(ctx, ctx.t('mfa.chooseSetup.title'), ctx.t('mfa.chooseSetup.text'), ctx.t('mfa.chooseSetup.legend'), options);
  },
  read,
};
