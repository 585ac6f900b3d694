/**
 * The view of every step <cognito-mfa> answers, in one table: the only place that decides which
 * code renders a step. Keyed by the steps the step-owner table gives to 'mfa', so a step given to
 * the element without a view here fails to compile.
 */
import { chooseMfa, chooseMfaSetup } from './choose-mfa.ts';
import { customChallenge, setupEmail } from './answer.ts';
import { sentCode, totpCode } from './code.ts';
import { firstFactor } from './first-factor.ts';
import { passkey } from './passkey.ts';
import { setupTotp } from './setup-totp.ts';
import { unknownChallenge } from './unknown.ts';
import type { MfaStep, MfaStepName, StepView } from './view.ts';

const STEP_VIEWS = {
  TOTP_CODE: totpCode,
  SMS_CODE: sentCode,
  EMAIL_CODE: sentCode,
  CHOOSE_MFA: chooseMfa,
  CHOOSE_MFA_SETUP: chooseMfaSetup,
  SETUP_TOTP: setupTotp,
  SETUP_EMAIL: setupEmail,
  CUSTOM_CHALLENGE: customChallenge,
  CHOOSE_FIRST_FACTOR: firstFactor,
  PASSKEY: passkey,
  UNKNOWN_CHALLENGE: unknownChallenge,
} satisfies { [K in MfaStepName]: StepView<Extract<MfaStep, { step: K }>> };

/** The view for this step. */
export const viewFor = <S extends MfaStep>(step: S): StepView<S> => STEP_VIEWS[step.step] as unknown as StepView<S>;
