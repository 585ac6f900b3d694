/**
 * `<cognito-authenticator variation="modal">`: its forms, with the page's header and footer, in a
 * native <dialog> opened with showModal(), so the browser makes the rest of the page inert (focus
 * cannot leave it, nor can a screen reader's cursor) and gives it the top layer. Loaded on demand,
 * only with the modal variation; it imports nothing of the first view (see core/kit.ts for why), so
 * what it needs of it is handed in.
 *
 * Escape asks the page first: a cancelable `cognito-dismiss` event; unless it is prevented (a page
 * that cannot be used signed out), the dialog closes and the element's `open` turns false until the
 * page sets it again (a "Sign in" button). The browser may close a dialog on a repeated Escape
 * without asking (Chromium's close watcher); a dialog that must stay open is then shown again.
 */

/** What the frame reads and sets of its element (public members; the rest is handed in). */
export interface ModalElement extends HTMLElement {
  variation?: string;
  open: boolean;
}

const STYLES = /* css */ `
.cognito-authenticator-dialog {
  inline-size: min(var(--_width), calc(100vw - 2rem)); max-inline-size: none; box-sizing: border-box;
  padding: calc(var(--_space) * 1.5); border-radius: var(--_radius); border: 1px solid color-mix(in srgb, var(--_border) 45%, transparent);
  color: var(--_fg); background: var(--_bg);
}
.cognito-authenticator-dialog::backdrop { background: var(--cognito-backdrop, rgb(0 0 0 / 0.5)); }
.cognito-authenticator-dialog > [slot$=header] { margin-block-end: var(--_space); }
.cognito-authenticator-dialog > [slot$=footer] { margin-block-start: var(--_space); }
`;

/**
 * The header and footer children a framework rendered into the element live in the dialog while it is
 * used. A framework that remembers the element as their parent (React, Angular's renderer) then calls
 * `element.removeChild(header)` or `element.insertBefore(node, footer)`, which the DOM refuses for a
 * node one level down. The element answers those calls itself: a child of the dialog is removed (or
 * replaced) there, and a node to go before one is added to the element, whose header and footer
 * children shared/slots.ts then places (app content stays in the element, outside the dialog).
 */
function keepFrameworksWorking(host: HTMLElement, dialog: HTMLDialogElement): void {
  const { insertBefore, removeChild } = Node.prototype;
  const inDialog = (node: Node | null) => node?.parentNode === dialog;
  Object.assign(host, {
    removeChild: <T extends Node>(child: T): T => removeChild.call(inDialog(child) ? dialog : host, child) as T,
    insertBefore: <T extends Node>(node: T, child: Node | null): T => insertBefore.call(host, node, inDialog(child) ? null : child) as T,
    replaceChild: <T extends Node>(node: Node, child: T): T => {
      if (!inDialog(child)) return Node.prototype.replaceChild.call(host, node, child) as T;
      host.insertBefore(node, child);
      return removeChild.call(dialog, child) as T;
    },
  });
}

export class ModalFrame {
  readonly dialog: HTMLDialogElement = document.createElement('dialog');
  readonly #host: ModalElement;
  readonly #container: HTMLElement;
  /** Whether the element shows a form now (not while loading or signed in). */
  readonly #showsForm: () => boolean;
  /** The dialog just opened: the form's first field takes the focus. */
  readonly #opened: () => void;
  /** Names the dialog after the form's heading ("Sign in", "Create account", ...), as it changes. */
  readonly #headings = new MutationObserver(() => this.#label());

  constructor(
    host: ModalElement,
    container: HTMLElement,
    addStyles: (rules: string) => void,
    /** frame.ts's header and footer rules for the children in the dialog (handed in: see core/kit.ts). */
    slottedRules: string,
    showsForm: () => boolean,
    opened: () => void,
  ) {
    this.#host = host;
    this.#container = container;
    this.#showsForm = showsForm;
    this.#opened = opened;
    addStyles(STYLES + slottedRules);
    this.dialog.className = 'cognito-authenticator-dialog';
    this.dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      if (host.dispatchEvent(new CustomEvent('cognito-dismiss', { detail: {}, bubbles: true, composed: true, cancelable: true }))) host.open = false;
    });
    // Closed by the browser without asking (a repeated Escape, or the element moved in the page, which
    // takes a dialog out of the top layer): shown again, modally, if it must stay open.
    this.dialog.addEventListener('close', () => this.sync());
    this.#headings.observe(container, { childList: true, subtree: true });
    keepFrameworksWorking(host, this.dialog);
  }

  /**
   * Follows the element: with variation="modal" the forms and the page's header and footer are in the
   * dialog (shared/slots.ts places them around the forms), opened while there is a form to show and
   * `open` is true; otherwise they are back in the page and the dialog is gone.
   */
  sync(): void {
    const host = this.#host;
    const dialog = this.dialog;
    const modal = host.variation === 'modal';
    if (modal && dialog.parentNode !== host) {
      host.prepend(dialog);
      dialog.append(this.#container);
      this.#label();
    } else if (!modal && dialog.parentNode) {
      dialog.close();
      host.prepend(this.#container);
      host.append(...[...dialog.children].filter((child) => child !== this.#container));
      dialog.remove();
    }
    const wanted = modal && host.open && this.#showsForm();
    if (wanted && !dialog.open) {
      dialog.showModal();
      this.#opened();
    } else if (!wanted && dialog.open) dialog.close();
  }

  #label(): void {
    const heading = this.#container.querySelector('.cognito-heading');
    if (!heading) return;
    heading.id ||= `${this.#host.localName}-dialog-${Math.random().toString(36).slice(2)}`;
    this.dialog.setAttribute('aria-labelledby', heading.id);
  }
}
