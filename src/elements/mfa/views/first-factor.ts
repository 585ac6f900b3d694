/** CHOOSE_FIRST_FACTOR (choice-based sign-in): a passkey, the password, or a code by email or text message. */
import { html, nothing } from 'lit';
import type { FirstFactor } from '../../../core/index.ts';
import { field, formValue, heading, showPasswordToggle } from '../../shared/form.ts';
import type { MfaStep, StepContext, StepView } from './view.ts';
import { backLink, checked, choices, stepForm } from './parts.ts';

/** What the user can choose: 'password' stands for PASSWORD_SRP or PASSWORD. */
type FactorChoice = 'password' | 'WEB_AUTHN' | 'EMAIL_OTP' | 'SMS_OTP';

/** A passkey first when the account has one; one "Password" choice whatever Cognito calls it. */
function factorChoices(options: FirstFactor[], ctx: StepContext): { value: FactorChoice; label: string }[] {
  const out: { value: FactorChoice; label: string }[] = [];
  if (options.includes('WEB_AUTHN')) out.push({ value: 'WEB_AUTHN', label: ctx.t('mfa.factor.WEB_AUTHN') });
  if (options.includes('PASSWORD_SRP') || options.includes('PASSWORD')) out.push({ value: 'password', label: ctx.t('mfa.factor.password') });
  if (options.includes('EMAIL_OTP')) out.push({ value: 'EMAIL_OTP', label: ctx.t('mfa.factor.EMAIL_OTP') });
  if (options.includes('SMS_OTP')) out.push({ value: 'SMS_OTP', label: ctx.t('mfa.factor.SMS_OTP') });
  return out;
}

export const firstFactor: StepView<Extract<MfaStep, { step: 'CHOOSE_FIRST_FACTOR' }>> = {
  shown: (step, ctx) => ctx.choose(factorChoices(step.options, ctx)[0]?.value ?? 'password'),
  render(step, ctx) {
    const options = factorChoices(step.options, ctx);
    if (options.length === 0) {
      return html`${heading(ctx.t('mfa.factor.title'))}<p class="cognito-text">${ctx.t('mfa.factor.none')}</p>${backLink(ctx)}`;
    }
    const selected = options.find((c) => c.value === ctx.choice)?.value ?? options[0].value;
    const onChange = (event: Event) => ctx.choose((event.target as HTMLInputElement).value);
    return stepForm(
      ctx,
      ctx.t('mfa.factor.title'),
      undefined,
      html`${choices('factor', ctx.t('mfa.factor.legend'), options, selected, onChange)}
      ${
        selected === 'password'
          ? html`${field({ id: ctx.idFor('password'), name: 'password', label: ctx.t('common.password'), type: 'password', autocomplete: 'current-password', describedBy: ctx.idFor('error') })}
            ${showPasswordToggle(ctx.t('common.showPassword'))}`
          : nothing
      }`,
      ctx.t('common.continue'),
    );
  },
  read(step, form) {
    const choice = checked(form, 'factor') as FactorChoice;
    if (choice !== 'password') return { factor: choice };
    const password = formValue(form, 'password');
    if (!password) return { invalid: { key: 'mfa.password.empty', field: 'password' } };
    return { factor: step.options.includes('PASSWORD_SRP') ? 'PASSWORD_SRP' : 'PASSWORD', password };
  },
  retry: 'password',
};
