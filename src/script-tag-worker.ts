/**
 * Chooses the SRP worker for the script-tag build: the script tag's `data-worker` URL if it has one,
 * otherwise the worker code the build put inline, started from a blob: URL. Evaluated before the
 * element modules (script-tag.ts imports it first), because elements already in the page create
 * their clients as soon as their tag is defined.
 */
import { configureClients } from './elements/shared/client-registry.ts';

/** The built worker's code, put here by scripts/build.ts. */
declare const __SRP_WORKER_SOURCE__: string;

function srpWorkerUrl(): string {
  // A module script has no document.currentScript: find the tag that loaded this file.
  const scripts = typeof document === 'undefined' ? [] : [...document.querySelectorAll<HTMLScriptElement>('script[data-worker]')];
  const named = scripts.find((script) => script.src === import.meta.url)?.dataset.worker;
  if (named) return new URL(named, document.baseURI).href;
  return URL.createObjectURL(new Blob([__SRP_WORKER_SOURCE__], { type: 'text/javascript' }));
}

configureClients({ srpWorker: srpWorkerUrl() });
