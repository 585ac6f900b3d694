/**
 * Helpers the element tests share, in every engine: typing into an element's light-DOM form the way
 * a user does, waiting for what a render brings, and reading what the page shows.
 */
import { waitUntil } from '@open-wc/testing';

/** What `find` returns once it returns something (within 8 s). */
export async function waitFor<T>(find: () => T | null | undefined): Promise<T> {
  let found: T | null | undefined;
  await waitUntil(() => (found = find()), 'element did not appear', { timeout: 8000 });
  return found as T;
}

/** Types `value` into the input named `name` under `root` (once it is there), firing `input` as typing does. */
export async function fill(root: ParentNode, name: string, value: string): Promise<void> {
  const input = await waitFor(() => root.querySelector<HTMLInputElement>(`input[name="${name}"]`));
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
}

/** Submits the form of the element `selector` names under `root`, as Enter would. */
export function submit(root: ParentNode, selector: string): void {
  root.querySelector<HTMLFormElement>(`${selector} form`)!.requestSubmit();
}

export const visible = (el: Element | null) => !!el && getComputedStyle(el).display !== 'none';

/** An account element's section (`data-section`), or a thrown error naming it. */
export function section(el: HTMLElement, name: string): HTMLElement {
  const found = el.querySelector<HTMLElement>(`[data-section="${name}"]`);
  if (!found) throw new Error(`no ${name} section`);
  return found;
}

/** The text a node shows, white space folded. */
export function text(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
