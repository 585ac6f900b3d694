/**
 * Helpers the element tests share, in every engine: a client for the element, typing into its light-DOM
 * form the way a user does, waiting for what a render brings, and reading what the page shows.
 */
import { waitUntil } from '@open-wc/testing';
import type { CognitoClient, CognitoClientOptions, SessionStore } from '../../../src/core/index.ts';
import { newClient } from './core.ts';

/**
 * A client to hand an element: the demo pool on the test emulator, a memory store unless given, no refresh
 * timers (a test that wants them says so), disposed by disposeClients() in a file that calls it.
 */
export function elementClient(options: Partial<CognitoClientOptions> & { store?: SessionStore } = {}): CognitoClient {
  return newClient({ autoRefresh: false, ...options }).client;
}

/** What `find` returns once it returns something (within 8 s). */
export async function waitFor<T>(find: () => T | null | undefined): Promise<T> {
  let found: T | null | undefined;
  await waitUntil(() => (found = find()), 'element did not appear', { timeout: 8000 });
  return found as T;
}

/** Types `text` into `input` as a user does: focus, the new value, then the `input` event typing fires. */
export async function type(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
}

/** Types `value` into the input named `name` under `root` (once it is there), firing `input` as typing does. */
export async function fill(root: ParentNode, name: string, value: string): Promise<void> {
  await type(await waitFor(() => root.querySelector<HTMLInputElement>(`input[name="${name}"]`)), value);
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
