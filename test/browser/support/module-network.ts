// The page's module network, test-controlled (the 'module-network' plugin in web-test-runner.config.mjs):
// slow every module response, hold some until released, or fail them, to show what the elements'
// on-demand code does over a slow or broken network. The emulator's own faults are another thing.
import { executeServerCommand } from '@web/test-runner-commands';

const command = <T = boolean>(payload: Record<string, unknown>) => executeServerCommand<T, Record<string, unknown>>('module-network', payload);

/** Every module response from now on waits `delay` ms (the page's first load is over by then). */
export const slowModules = (delay: number) => command({ action: 'slow', delay });
/** Responses for paths containing `match` wait until releaseModules(). */
export const holdModules = (match: string) => command({ action: 'hold', match });
export const releaseModules = () => command({ action: 'release' });
/** Requests for paths containing `match` fail (HTTP 503), as offline, until normalModules(). */
export const failModules = (match: string) => command({ action: 'fail', match });
/** Back to a normal network; forgets the paths touched. */
export const normalModules = () => command({ action: 'normal' });
/** The module paths answered slowly, held or failed since the last normalModules(). */
export const touchedModules = () => command<string[]>({ action: 'slowed' });

/** Counts the frames in which `el`'s view showed nothing (no form, no status, no alert) until stopped. */
export function watchForBlank(el: HTMLElement): { blanks: number; stop: () => void } {
  let watching = true;
  const seen = { blanks: 0, stop: () => (watching = false) };
  const frame = () => {
    if (!watching) return;
    const ui = el.querySelector('.cognito-authenticator-ui');
    if (!ui?.querySelector('form, [role="status"], [role="alert"]')) seen.blanks += 1;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return seen;
}
