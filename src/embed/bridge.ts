/**
 * The library's connection to its worker: starts the `guard.worker.js` the library build ships beside
 * its page side (or the script at `workerUrl`) and connects through the shared `connectGuardWorker`.
 */
import { GuardError } from '../core/errors';
import type { GuardApi } from '../worker/api';
import { connectGuardWorker } from '../worker/connect';

/** The part of the worker's API the library uses, with callbacks as plain functions. */
export type WorkerApi = Pick<GuardApi, 'probe' | 'load' | 'check' | 'checkMany' | 'abort'>;

export interface Connection {
  api: WorkerApi;
  terminate(): void;
}

/**
 * The bundled worker's file beside the library build (set by `vite.lib.config.ts`). Written out as
 * `new Worker(new URL("./guard.worker.js", import.meta.url), …)` in the build, the form consumers'
 * bundlers (Vite, webpack 5) recognise and bundle; undefined when this source is used unbuilt.
 */
declare const __ROGUARD_WORKER_FILE__: string | undefined;

/**
 * Starts the library's bundled worker, or the script at `workerUrl`.
 * @throws GuardError BAD_CONFIG when there is no worker to start
 */
export function connectWorker(workerUrl?: string | URL): Connection {
  if (workerUrl !== undefined) return connectGuardWorker(new Worker(workerUrl, { type: 'module', name: 'roguard-guard' }), String(workerUrl));
  if (typeof __ROGUARD_WORKER_FILE__ !== 'string') {
    throw new GuardError('BAD_CONFIG', 'This copy of the guard has no bundled worker: pass workerUrl (the guard.worker.js of the roguard-web build).', { field: 'workerUrl' });
  }
  const worker = new Worker(new URL(__ROGUARD_WORKER_FILE__, import.meta.url), { type: 'module', name: 'roguard-guard' });
  return connectGuardWorker(worker, 'the bundled guard.worker.js');
}
