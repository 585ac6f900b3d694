/** The built SRP worker's code, put here by scripts/build.ts: its own chunk of the loader, fetched when SRP first runs. */
declare const __SRP_WORKER_SOURCE__: string;

export default __SRP_WORKER_SOURCE__;
