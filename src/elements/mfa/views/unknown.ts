/** UNKNOWN_CHALLENGE: a challenge this version does not know; there is nothing the user can answer. */
import type { MfaStep, StepView } from './view.ts';
import { unsupported } from './parts.ts';

export const unknownChallenge: StepView<Extract<MfaStep, { step: 'UNKNOWN_CHALLENGE' }>> = {
  render: (_step, ctx) => unsupported(ctx),
  read: () => ({ challengeResponses: {} }),
};
