/**
 * What one sign-in step needs from <cognito-mfa>, and what the element needs from the step: one
 * module per step (or per family of steps) implements StepView, and views/index.ts collects them in
 * a table keyed by the steps the step-owner table gives to 'mfa'.
 */
import type { TemplateResult } from 'lit';
import type { ConfirmSignInInput } from '../../../core/index.ts';
import type { StepNameOf, StepOf } from '../../shared/step-owner.ts';
import type { MessageKey, TextKey } from '../../shared/localize.ts';
import type { QrMatrix } from '../qr.ts';
import type { FieldConfig } from '../../shared/form-fields.ts';

/** The steps <cognito-mfa> answers. */
export type MfaStep = StepOf<'mfa'>;
export type MfaStepName = StepNameOf<'mfa'>;

/**
 * `remember-device`: with an MFA code, offer "Remember this device" (ask), or answer for the user
 * (always / never). Cognito acts on it only in pools that remember devices on the user's prompt.
 */
export type RememberDevice = 'ask' | 'always' | 'never';

/** What is wrong with the form, said on one field (a translation key and its parameters). */
export interface Invalid {
  invalid: { key: MessageKey; params?: Record<string, string | number>; field: string };
}

/** The element's side, as a step view sees it: text, ids, the busy state and the actions it offers. */
export interface StepContext {
  t(key: TextKey, params?: Record<string, string | number>): string;
  idFor(name: string): string;
  readonly busy: boolean;
  readonly errorText: string;
  readonly statusText: string;
  /** The submit button (busy spinner, and Cancel on a slow call). */
  submit(label: string): TemplateResult;
  /** The form's submit listener: reads the form with the view and sends the answer. */
  readonly onSubmit: (event: SubmitEvent) => void;
  /** Gives up this sign-in and goes back to the sign-in form. */
  readonly backToSignIn: () => void;
  /**
   * How an MFA code step treats "Remember this device": a checkbox (ask), or the answer given
   * without one (always, never), or left to the client (its rememberDevices option is on).
   */
  readonly rememberDevice: RememberDevice | 'client';
  /** The option picked in this step's radio group so far ('' until one is), for views whose fields depend on it. */
  readonly choice: string;
  choose(value: string): void;
  /** The QR code for an otpauth:// URI, once drawn (it loads on demand). */
  qr(uri: string): QrMatrix | undefined;
  copySecret(secret: string): void;
  /** What the page configured for a field of the MFA code form or the TOTP set-up (`formFields`). */
  field(form: 'mfaCode' | 'totpSetup', name: string): FieldConfig | undefined;
}

export interface StepView<S extends MfaStep> {
  render(step: S, ctx: StepContext): TemplateResult;
  /** What to send for this step, read from the form at submit time; or what is wrong with it. */
  read(step: S, form: HTMLFormElement, ctx: StepContext): ConfirmSignInInput | Invalid;
  /** The input whose text is selected for retyping after a refused answer; without one, the submit button takes the focus. */
  retry?: string;
  /** When the step is first shown, before it renders (the choice to start with); `form` is its form once rendered. */
  shown?(step: S, ctx: StepContext, form: Promise<HTMLFormElement | null>): void;
}
