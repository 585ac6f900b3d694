/**
 * Where the focus goes after a render, for every element: to the new step's first field (or its
 * heading, whose title is announced in a polite live region), or to the first field marked wrong.
 * Focus is never left on the body: each change of step or failed check asks for one of the two,
 * and it happens once the element (and any inner element that renders the step) has rendered.
 */
import type { ReactiveElement } from 'lit';

export class StepFocus {
  #host: HTMLElement & Pick<ReactiveElement, 'requestUpdate'>;
  #pending = false;
  #invalid = false;
  #announcer?: HTMLElement;

  constructor(host: HTMLElement & Pick<ReactiveElement, 'requestUpdate'>) {
    this.#host = host;
  }

  /** Asks for focus to move to the new step's first field (or heading) after the next render. */
  step(): void {
    this.#pending = true;
    // Also when the step was rendered already (its state changed in an earlier update).
    this.#host.requestUpdate();
    // The live region is there before its text arrives (after the render), or it may not be read.
    // It goes before Lit's own content (never inside it), so no re-render removes it.
    if (!this.#announcer) {
      this.#announcer = Object.assign(document.createElement('p'), { className: 'cognito-visually-hidden' });
      this.#announcer.setAttribute('aria-live', 'polite');
      this.#announcer.dataset.announce = '';
    }
    if (this.#announcer.parentNode !== this.#host) this.#host.prepend(this.#announcer);
  }

  /** Asks for focus to go to the first field marked wrong after the next render (it wins over a step's). */
  invalid(): void {
    this.#invalid = true;
  }

  /** Called by the element once it has rendered and marked its fields. */
  rendered(): void {
    if (this.#invalid) {
      this.#invalid = this.#pending = false;
      this.#host.querySelector<HTMLElement>('[data-field-error]')?.focus();
    }
    if (this.#pending) {
      this.#pending = false;
      void this.#focusStep();
    }
  }

  /**
   * Focuses the new step's first field (or its heading) and announces its title. The step may be
   * an inner element (the authenticator's forms, the reset form inside forgot-password) that
   * renders after this one: wait for it.
   */
  async #focusStep(): Promise<void> {
    for (const inner of this.#host.querySelectorAll('*')) if (isReactive(inner)) await inner.updateComplete;
    const target = this.#host.querySelector<HTMLElement>('[data-autofocus]') ?? this.#host.querySelector<HTMLElement>('.cognito-heading');
    target?.focus();
    const title = this.#host.querySelector('.cognito-heading')?.textContent?.trim();
    if (this.#announcer && title) this.#announcer.textContent = title;
  }
}

/** An inner Lit element (one of ours), whose render may still be on its way. */
const isReactive = (node: Element): node is Element & { updateComplete: Promise<unknown> } => node.localName.startsWith('cognito-') && 'updateComplete' in node;
