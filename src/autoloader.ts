/**
 * The script-tag autoloader (dist/cognito-elements.js): defines no element up front. It looks for
 * cognito-* tags in the document, and in everything added to it later, and imports each one's
 * define module from its own chunk beside this file (dist/cdn/cognito-<name>.js, resolved from the
 * loader's own URL, so it works from any CDN path). An element upgraded this way keeps the attributes
 * and the properties set on it before its code arrived (Lit applies pre-set properties on upgrade).
 *
 * Searched: the light DOM, and the open shadow roots of elements it sees being added (a component
 * library's shadow root attached later is not watched). What a kit element renders in its own shadow
 * root its define module imports itself (the authenticator registers the sign-in journey).
 */

/** Each tag's define module: literal imports, so the build gives each its own chunk (and checks every element is here). */
const defineModules = new Map<string, () => Promise<unknown>>([
  ['cognito-account', () => import('./elements/account/account.ts')],
  ['cognito-attributes', () => import('./elements/attributes/attributes.ts')],
  ['cognito-authenticator', () => import('./elements/authenticator/authenticator.ts')],
  ['cognito-forgot-password', () => import('./elements/forgot-password/forgot-password.ts')],
  ['cognito-mfa', () => import('./elements/mfa/mfa.ts')],
  ['cognito-new-password', () => import('./elements/new-password/new-password.ts')],
  ['cognito-sign-in', () => import('./elements/sign-in/sign-in.ts')],
  ['cognito-sign-up', () => import('./elements/sign-up/sign-up.ts')],
]);

/** Each tag's import, started once: a second sighting of the tag waits on the same one. */
const loading = new Map<string, Promise<unknown>>();

function load(tag: string, defineModule: () => Promise<unknown>): void {
  if (loading.has(tag) || customElements.get(tag)) return;
  const started = defineModule().catch((error: unknown) => {
    // Forgotten, so the next sighting of the tag tries again (a flaky network, say).
    loading.delete(tag);
    console.error(`[cognito-elements] could not load <${tag}>:`, error);
  });
  loading.set(tag, started);
}

const watched = new WeakSet<Node>();

/** Loads every kit tag in `root` and under it, and watches the open shadow roots found there. */
function discover(root: Element | Document | ShadowRoot): void {
  const elements = root instanceof Element ? [root, ...root.querySelectorAll('*')] : [...root.querySelectorAll('*')];
  for (const element of elements) {
    const defineModule = defineModules.get(element.localName);
    if (defineModule) load(element.localName, defineModule);
    if (element.shadowRoot) watch(element.shadowRoot);
  }
}

const observer =
  typeof MutationObserver === 'undefined'
    ? undefined
    : new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) if (node instanceof Element) discover(node);
        }
      });

function watch(root: Document | ShadowRoot): void {
  if (watched.has(root)) return;
  watched.add(root);
  observer?.observe(root, { childList: true, subtree: true });
  discover(root);
}

/** Starts the autoloader on this document: what is there now, and what is added later. */
export function autoload(document: Document): void {
  watch(document);
}
