/**
 * The app's bridge to its guard worker: starts the worker Vite bundles with the app (or the script at
 * `workerUrl`) and connects to it. The embed library starts its own worker file (`src/embed/bridge.ts`).
 */
import { connectGuardWorker, type GuardClient } from './connect';

export type { GuardClient } from './connect';

export interface GuardClientOptions {
  /** A different worker script (e.g. an embedder's copy); default: the bundled guard worker. */
  workerUrl?: string | URL;
}

/**
 * Starts the guard worker (the bundled one, or `workerUrl`) and wraps it. Every call rejects with a
 * `GuardError` MODEL_LOAD_FAILED naming the script when the worker cannot start.
 */
export function createGuardClient(options: GuardClientOptions = {}): GuardClient {
  const { workerUrl } = options;
  if (workerUrl !== undefined) return connectGuardWorker(new Worker(workerUrl, { type: 'module', name: 'roguard-guard' }), String(workerUrl));
  // Vite reads this line at build time to bundle the worker; its options must stay a literal.
  const worker = new Worker(new URL('./guard.worker.ts', import.meta.url), { type: 'module', name: 'roguard-guard' });
  return connectGuardWorker(worker, 'the bundled guard worker script');
}
