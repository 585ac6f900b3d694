/**
 * Starts loading what the elements need only after the user acts (the errors' texts), so it is
 * there by the time it is used: when the browser is first idle after an element connects, and at
 * the latest when a request is sent (a refusal takes a round trip; the chunk is smaller). A load
 * that fails is tried again when needed; what needs it has a fallback of its own.
 */
import { loadErrorTexts } from './messages.ts';

let idle = false;

/** Loads now (a request is being sent). */
export function warm(): void {
  loadErrorTexts().catch(() => undefined);
}

/** Loads once the browser is idle, once per page. */
export function warmWhenIdle(): void {
  if (idle) return;
  idle = true;
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 2000 });
  else setTimeout(warm, 200);
}
