/**
 * What every section of <cognito-account> shares: its own action state (so two sections can be busy,
 * or failing, at once, and each message shows in the section it is about), running one action
 * with a Cancel once it is slow, its live regions, and its frame (a titled <section>).
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CognitoClient, SignOutReason } from '../../../core/index.ts';
import type { CognitoElement } from '../../shared/base.ts';
import { emit } from '../../shared/events.ts';
import type { FieldProblem } from '../../shared/field-errors.ts';
import type { TextKey, Translate } from '../../shared/localize.ts';
import { errorRegion, statusRegion, submitButton } from '../../shared/form.ts';
import { withErrorTexts } from '../../shared/messages.ts';
import type { User } from '../../shared/user-controller.ts';

export type AccountSection = 'password' | 'mfa' | 'passkeys' | 'devices' | 'sign-out' | 'delete';

/** What a section needs of the element: it reaches the element's protected parts only through this. */
export interface AccountHost {
  readonly el: ReactiveControllerHost & HTMLElement;
  client(): CognitoClient | undefined;
  t: Translate;
  idFor(name: string): string;
  /** The signed-in user shown (the sections render only while there is one). */
  user(): User;
  /** The user's MFA settings changed here: show them without reading the user again. */
  patchUser(change: Partial<User>): void;
  /** The element's check of a form before it is sent (see CognitoElement.invalid). */
  invalid(form: HTMLFormElement, more: FieldProblem[]): boolean;
  /** The error to show for a failed call (a configuration fault becomes one; see CognitoElement.explain). */
  explain(error: unknown, client: CognitoClient): Promise<unknown>;
  /** The user signed out here (or deleted the account): the signed-out view, with focus on it. */
  signedOut(reason: SignOutReason): void;
  formatDate(date: Date): string;
}

/** One section's state: `Busy` names what it may be busy doing. */
export type SectionState<Busy extends string> =
  { is: 'idle' } | { is: 'busy'; doing: Busy; call: AbortController; slow: boolean } | { is: 'failed'; error: string } | { is: 'done'; status: string };

/** A section of the account page; each section's module extends it with its actions and template. */
export class Section<Busy extends string, Extra extends { is: string } = never> implements ReactiveController {
  state: SectionState<Busy> | Extra = { is: 'idle' };

  protected readonly host: AccountHost;
  readonly #name: AccountSection;
  /** A section's own wording for an error key, e.g. the password form's "current password is not right". */
  readonly #reword?: (key: TextKey) => TextKey | undefined;

  constructor(host: AccountHost, name: AccountSection, reword?: (key: TextKey) => TextKey | undefined) {
    this.host = host;
    this.#name = name;
    this.#reword = reword;
    host.el.addController(this);
  }

  get busy(): boolean {
    return this.state.is === 'busy';
  }

  doing(action: Busy): boolean {
    return this.state.is === 'busy' && (this.state as { doing: Busy }).doing === action;
  }

  set(state: SectionState<Busy> | Extra): void {
    this.state = state;
    this.host.el.requestUpdate();
  }

  /**
   * Runs one action of this section (none while another of its own runs): the section is busy until
   * it ends, then shows `status(result)` or the error, which is fired as `cognito-error` too.
   * Focus that the disabled button dropped comes back.
   */
  async run<T>(doing: Busy, task: (client: CognitoClient, signal: AbortSignal) => Promise<T>, status?: (result: T) => string): Promise<T | undefined> {
    if (this.busy) return undefined;
    const client = this.host.client();
    if (!client) return void this.set({ is: 'failed', error: this.host.t('common.notConfigured') });
    const { el } = this.host;
    const focused = document.activeElement instanceof HTMLElement && el.contains(document.activeElement) ? document.activeElement : undefined;
    const call = new AbortController();
    const mine = () => this.state.is === 'busy' && (this.state as { call: AbortController }).call === call;
    this.set({ is: 'busy', doing, call, slow: false });
    const slow = setTimeout(() => mine() && this.set({ is: 'busy', doing, call, slow: true }), (el.constructor as typeof CognitoElement).cancelAfterMs);
    try {
      const result = await task(client, call.signal);
      if (mine()) this.set(status ? { is: 'done', status: status(result) } : { is: 'idle' });
      return result;
    } catch (error) {
      // A call the user ended is no failure to report.
      if (call.signal.aborted) {
        if (mine()) this.set({ is: 'idle' });
        return undefined;
      }
      const shown = await this.host.explain(error, client);
      if (mine()) this.fail(shown);
      return undefined;
    } finally {
      clearTimeout(slow);
      void el.updateComplete.then(() => {
        if ((!document.activeElement || document.activeElement === document.body) && focused?.isConnected) focused.focus();
      });
    }
  }

  /** Shows a failure in this section and fires it as `cognito-error`. */
  fail(error: unknown): void {
    // The errors' texts load on demand (messages.ts); a failure is seldom the first thing, but if
    // they are not there yet this waits for them, and shows the generic message if they cannot load.
    withErrorTexts(
      (texts) => {
        const { code, key } = texts.describeError(error);
        this.#failWith(error, code, key);
      },
      () => this.#failWith(error, (error as { code?: string }).code ?? 'Error', 'error.generic'),
    );
  }

  #failWith(error: unknown, code: string, key: TextKey): void {
    const message = this.host.t(this.#reword?.(key) ?? key);
    this.set({ is: 'failed', error: message });
    emit(this.host.el, 'cognito-error', { error, code, message });
  }

  /** Refuses what the form holds before anything is sent (the message only: nothing failed). */
  refuse(message: string): void {
    this.set({ is: 'failed', error: message });
  }

  /** Forgets the section's state (signed out, another user); a call in flight ends. */
  reset(): void {
    this.cancel();
    this.set({ is: 'idle' });
  }

  readonly cancel = (): void => {
    if (this.state.is === 'busy') (this.state as { call: AbortController }).call.abort();
  };

  hostDisconnected(): void {
    this.cancel();
  }

  /** The section's error and status live regions (always there, so new text is announced). */
  regions(): TemplateResult {
    const { state } = this;
    const { idFor } = this.host;
    return html`${errorRegion(idFor(`${this.#name}-error`), state.is === 'failed' ? (state as { error: string }).error : '')}
    ${statusRegion(idFor(`${this.#name}-status`), state.is === 'done' ? (state as { status: string }).status : '')}`;
  }

  /** The form's submit button, busy while `action` runs, with a Cancel once it is slow. */
  submit(action: Busy, label: string, busyLabel: string): TemplateResult {
    const busy = this.doing(action);
    const slow = busy && (this.state as { slow: boolean }).slow;
    return html`${submitButton(label, busy, busyLabel)}${
      slow
        ? html`<button class="cognito-button cognito-button--secondary" type="button" data-cancel @click=${this.cancel}>${this.host.t('common.cancel')}</button>`
        : nothing
    }`;
  }

  /** A button's content while `action` runs: a spinner and `busyLabel`. */
  spinning(action: Busy, label: string, busyLabel: string): TemplateResult | string {
    return this.doing(action) ? html`<span class="cognito-spinner" aria-hidden="true"></span><span>${busyLabel}</span>` : label;
  }

  /** The titled <section> the body goes in (`data-section` names it for pages and tests). */
  frame(title: string, body: TemplateResult): TemplateResult {
    const headingId = this.host.idFor(`${this.#name}-title`);
    return html`<section class="cognito-section" data-section=${this.#name} aria-labelledby=${headingId}>
      <h3 class="cognito-subheading" id=${headingId}>${title}</h3>
      ${body}
    </section>`;
  }
}
