/**
 * The single-file build's worker choice: the worker's code inline (put here by scripts/build.ts).
 * A module of its own, imported first by script-tag-bundle.ts, so it runs before index.ts defines
 * the elements; bundled into that one file, its import.meta.url is the file's URL.
 */
import { blobUrl, configureScriptTagWorker } from './script-tag-worker.ts';

declare const __SRP_WORKER_SOURCE__: string;

configureScriptTagWorker(import.meta.url, blobUrl(__SRP_WORKER_SOURCE__));
