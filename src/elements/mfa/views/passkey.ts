/** PASSKEY: the browser asks for the user's passkey; the button is there for when it needs a click (Safari). */
import { html } from 'lit';
import type { MfaStep, StepView } from './view.ts';
import { stepForm } from './parts.ts';

export const passkey: StepView<Extract<MfaStep, { step: 'PASSKEY' }>> = {
  render: (_step, ctx) => stepForm(ctx, ctx.t('mfa.passkey.title'), ctx.t('mfa.passkey.text'), html``, ctx.t('mfa.passkey.submit')),
  read: () => ({ passkey: true }),
  // Asks the browser at once; if it cannot without a click, the button is there.
  shown: (_step, _ctx, form) => void form.then((f) => f?.requestSubmit()),
};
