/**
 * Which element answers each sign-in step: the one table every element that hands a step on
 * (sign-in, mfa, new-password, authenticator) reads. A step added to SignInStep fails to compile
 * here until it is given an owner; one given to 'mfa' then fails in mfa's step views until it has one.
 */
import type { SignInStep } from '../../core/index.ts';

export type StepName = SignInStep['step'];

/**
 * `sign-in`: no step to answer, the sign-in is over (DONE). `mfa` and `new-password` continue the
 * sign-in in place of the sign-in form; `sign-up` and `forgot-password` are account states Cognito
 * reports at sign-in (not confirmed, password reset by an administrator) that other journeys fix.
 */
export type StepOwner = 'sign-in' | 'mfa' | 'new-password' | 'sign-up' | 'forgot-password';

export const STEP_OWNER = {
  DONE: 'sign-in',
  TOTP_CODE: 'mfa',
  SMS_CODE: 'mfa',
  EMAIL_CODE: 'mfa',
  CHOOSE_MFA: 'mfa',
  CHOOSE_MFA_SETUP: 'mfa',
  SETUP_TOTP: 'mfa',
  SETUP_EMAIL: 'mfa',
  CUSTOM_CHALLENGE: 'mfa',
  CHOOSE_FIRST_FACTOR: 'mfa',
  PASSKEY: 'mfa',
  UNKNOWN_CHALLENGE: 'mfa',
  NEW_PASSWORD: 'new-password',
  CONFIRM_SIGN_UP: 'sign-up',
  RESET_PASSWORD: 'forgot-password',
} as const satisfies Record<StepName, StepOwner>;

type Owners = typeof STEP_OWNER;

/** The names of the steps one element answers. */
export type StepNameOf<O extends StepOwner> = { [K in StepName]: Owners[K] extends O ? K : never }[StepName];

/** The steps one element answers, e.g. `StepOf<'mfa'>`. */
export type StepOf<O extends StepOwner> = Extract<SignInStep, { step: StepNameOf<O> }>;

/** The element that answers this step. */
export const stepOwner = (step: { step: StepName }): StepOwner => STEP_OWNER[step.step];

/** Is this step one of `owner`'s? Narrows the step to that element's steps. */
export const isStepOf = <O extends StepOwner>(owner: O, step: SignInStep): step is StepOf<O> => STEP_OWNER[step.step] === owner;

/** A step that continues the sign-in in a challenge form (mfa, new-password), not a form of its own journey. */
export const continuesSignIn = (step: { step: StepName }): boolean => STEP_OWNER[step.step] === 'mfa' || STEP_OWNER[step.step] === 'new-password';
