/**
 * The single-file script-tag build (dist/cognito-elements.bundle.js): every element and the core
 * in one module, defined as soon as it runs, with every element class exported. For a page that
 * wants one request instead of the loader's few, or imports the element classes; what even it loads
 * on demand (languages, the QR encoder, the in-thread SRP) comes from dist/cdn/ beside it.
 *
 *   <script type="module" src="/js/cognito-elements.bundle.js" data-worker="/js/srp.worker.js"></script>
 *
 * The worker must be chosen before any element exists, so it is set in the first module evaluated.
 */
import './script-tag-inline-worker.ts';

export * from './index.ts';
