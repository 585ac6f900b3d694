/**
 * The "choose a password" part every form that sets one shares (<cognito-new-password> in both
 * modes, <cognito-sign-up>, <cognito-account>'s change of password): a new password with the pool's
 * policy as a checklist that follows the typing, a confirmation, and a mismatch message on the
 * confirmation. One controller per form; the element puts `render()` inside its form and listens
 * with `onInput` on the form.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { FieldProblem } from './field-errors.ts';
import type { FieldConfig } from './form-fields.ts';
import { field, showPasswordToggle } from './form.ts';
import type { Translate } from './localize.ts';
import { checkPolicy, parsePolicy, policyChecklist } from './password-policy.ts';

export const PASSWORD = 'password';
export const CONFIRM_PASSWORD = 'confirm-password';

export interface PasswordFieldsOptions {
  t: Translate;
  idFor: (name: string) => string;
  /** The element's `password-policy` attribute, read at each render. */
  policy: () => string | undefined;
  /**
   * The inputs' names (and ids), `password` and `confirm-password` unless given: the account's form
   * keeps its own (`newPassword`, `confirmPassword`), which pages and password managers already know.
   */
  names?: { password: string; confirm: string };
}

export class PasswordFields implements ReactiveController {
  /** What the new-password input holds, for the checklist only (the submit reads the input itself). */
  #typed = '';
  #mismatch = false;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #o: PasswordFieldsOptions;
  readonly #password: string;
  readonly #confirm: string;

  constructor(host: ReactiveControllerHost & HTMLElement, o: PasswordFieldsOptions) {
    this.#host = host;
    this.#o = o;
    this.#password = o.names?.password ?? PASSWORD;
    this.#confirm = o.names?.confirm ?? CONFIRM_PASSWORD;
    host.addController(this);
  }

  /** Forget what was typed (the form that held it is gone). */
  reset(): void {
    this.#typed = '';
    this.#mismatch = false;
  }

  /** Listen on the form: keeps the checklist (and a shown mismatch) in step with the typing. */
  readonly onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (input.name !== this.#password && input.name !== this.#confirm) return;
    const form = input.form;
    if (input.name === this.#password) this.#typed = input.value;
    // Once the mismatch is shown, it goes away as soon as the two agree (never appears while typing).
    if (this.#mismatch && form) this.#mismatch = this.#read(form, this.#password) !== this.#read(form, this.#confirm);
    this.#host.requestUpdate();
  };

  /**
   * At submit: the new password, or undefined when the confirmation differs (the mismatch is then
   * shown and focus moves to the confirmation, and nothing is sent).
   */
  async accept(form: HTMLFormElement): Promise<string | undefined> {
    const password = this.#read(form, this.#password);
    this.#typed = password; // autofill may have filled it without an input event
    this.#mismatch = password !== this.#read(form, this.#confirm);
    this.#host.requestUpdate();
    if (!this.#mismatch) return password;
    await this.#host.updateComplete;
    form.querySelector<HTMLInputElement>(`[name="${this.#confirm}"]`)?.focus();
    return undefined;
  }

  /**
   * What is wrong with the new password before it is sent: spaces at either end (Cognito's
   * PasswordType pattern `^[\S]+.*[\S]+$` refuses them), and the policy, when the page stated it
   * (`password-policy`): the assumed default must not refuse what the pool would take.
   */
  problems(form: HTMLFormElement): FieldProblem[] {
    const password = this.#read(form, this.#password);
    if (!password) return [];
    if (password.trim() !== password) return [{ field: this.#password, key: 'field.passwordSpaces' }];
    const stated = this.#o.policy();
    if (stated && checkPolicy(parsePolicy(stated), password).some((rule) => !rule.met)) return [{ field: this.#password, key: 'error.InvalidPasswordException' }];
    return [];
  }

  /** The fields; `label` names the password ("New password" unless given, e.g. "Password" at sign-up). */
  render(options: { autofocus?: boolean; label?: string; fields?: Record<string, FieldConfig> } = {}): TemplateResult {
    const { t, idFor } = this.#o;
    const checklistId = idFor('policy');
    const mismatchId = idFor('mismatch');
    const rules = checkPolicy(parsePolicy(this.#o.policy()), this.#typed);
    return html`
      ${field({
        id: idFor(this.#password),
        name: this.#password,
        label: options.label ?? t('common.newPassword'),
        type: 'password',
        autocomplete: 'new-password',
        autofocus: options.autofocus,
        describedBy: rules.length ? checklistId : undefined,
        config: options.fields?.[this.#password],
      })}
      ${rules.length ? policyChecklist(checklistId, rules, t) : nothing}
      ${field({
        id: idFor(this.#confirm),
        name: this.#confirm,
        label: t('common.confirmPassword'),
        type: 'password',
        autocomplete: 'new-password',
        describedBy: mismatchId,
        config: options.fields?.[this.#confirm],
      })}
      <p class="cognito-error" id=${mismatchId} aria-live="assertive">${this.#mismatch ? t('policy.mismatch') : ''}</p>
      ${showPasswordToggle(t('common.showPassword'))}
    `;
  }

  /** field() cannot bind aria-invalid, so the confirmation gets it here, after each render. */
  hostUpdated(): void {
    const confirm = this.#host.querySelector<HTMLInputElement>(`#${CSS.escape(this.#o.idFor(this.#confirm))}`);
    if (!confirm) return;
    if (this.#mismatch) confirm.setAttribute('aria-invalid', 'true');
    else confirm.removeAttribute('aria-invalid');
  }

  #read(form: HTMLFormElement, name: string): string {
    const control = form.elements.namedItem(name);
    return control instanceof HTMLInputElement ? control.value : '';
  }
}
