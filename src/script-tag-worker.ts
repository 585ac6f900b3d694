/**
 * Chooses the SRP worker for the script-tag builds: the script tag's `data-worker` URL if it has
 * one, otherwise the built worker's code started from a blob: URL. Called by the entry module itself
 * (script-tag.ts, script-tag-bundle.ts) before any element exists, because elements already in the
 * page create their clients as soon as their tag is defined; the entry passes its own URL, which is
 * how the tag that loaded it is found (a module script has no document.currentScript).
 *
 * Without data-worker, `blobWorker` is used: the single file's blob: URL of the code it carries, or
 * the loader's stand-in that starts the worker once its code has arrived (script-tag-lazy-worker.ts).
 */
import { configureClients } from './elements/shared/client-registry.ts';

export function configureScriptTagWorker(entryUrl: string, blobWorker: string | (() => Worker)): void {
  configureClients({ srpWorker: namedWorker(entryUrl) ?? blobWorker });
}

function namedWorker(entryUrl: string): string | undefined {
  const scripts = typeof document === 'undefined' ? [] : [...document.querySelectorAll<HTMLScriptElement>('script[data-worker]')];
  const named = scripts.find((script) => script.src === entryUrl)?.dataset.worker;
  return named ? new URL(named, document.baseURI).href : undefined;
}

/** A blob: URL for the worker's code (the CSP's worker-src must allow blob:). */
export const blobUrl = (code: string): string => URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
