/**
 * The script-tag build (dist/cognito-elements.js): every element and the core in one module, for
 *
 *   <script type="module" src="/js/cognito-elements.js"></script>
 *
 * The SRP worker travels inside it and starts from a blob: URL. A page whose CSP forbids blob:
 * workers names a same-origin copy of dist/srp.worker.js instead:
 *
 *   <script type="module" src="/js/cognito-elements.js" data-worker="/js/srp.worker.js"></script>
 *
 * The worker must be chosen before any element exists, so it is set in the first module evaluated.
 */
import './script-tag-worker.ts';

export * from './index.ts';
