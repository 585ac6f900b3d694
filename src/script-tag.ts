/**
 * The script-tag build's loader (dist/cognito-elements.js), for
 *
 *   <script type="module" src="/js/cognito-elements.js"></script>
 *
 * It defines no element itself: each cognito-* tag the page uses loads its own code from dist/cdn/
 * when it first appears in the document (autoloader.ts). Up front come only this file and the core
 * (every element needs a client); the SRP worker's code is a chunk of its own, fetched when SRP
 * first runs.
 *
 * The worker starts from a blob: URL made from that code. A page whose CSP forbids
 * blob: workers names a same-origin copy of dist/srp.worker.js instead:
 *
 *   <script type="module" src="/js/cognito-elements.js" data-worker="/js/srp.worker.js"></script>
 *
 * The page's own scripts import the headless API from here (sharedClient, configureClients, the
 * core, the locale functions). The element classes are not exported: an element's class is
 * `await customElements.whenDefined('cognito-sign-in')`, or every class at once from the single-file
 * build, dist/cognito-elements.bundle.js (script-tag-bundle.ts).
 */
import { autoload } from './autoloader.ts';
import { workerOnceLoaded } from './script-tag-lazy-worker.ts';
import { configureScriptTagWorker } from './script-tag-worker.ts';

export * from './core/index.ts';
export { configureClients, sharedClient } from './elements/shared/client-registry.ts';
export { setMessages, registerLocale, localeReady } from './elements/shared/localize.ts';
export type { ChallengeStep, CognitoEventDetails, CognitoEventName } from './elements/shared/events.ts';
export { InvalidFieldError } from './elements/shared/field-errors.ts';

// The worker first: an element defined from here on creates its client with it. Its code is a
// chunk of its own (script-tag-worker-code.ts), fetched when SRP first runs.
configureScriptTagWorker(
  import.meta.url,
  workerOnceLoaded(() => import('./script-tag-worker-code.ts').then((m) => m.default)),
);
if (typeof document !== 'undefined') autoload(document);
