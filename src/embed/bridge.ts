/**
 * Starts the guard worker for the library and talks to it with comlink. Callbacks cross as comlink
 * proxies; a worker that fails to start (a wrong `workerUrl`, a script error) is reported instead of
 * leaving every call hanging.
 */
import { proxy, wrap } from 'comlink';
import type { Progress } from '../core/engine';
import { GuardError } from '../core/errors';
import type { GuardApi } from '../worker/api';
import { registerGuardErrorTransfer } from '../worker/errors-transfer';

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

function startWorker(workerUrl: string | URL | undefined): Worker {
  if (workerUrl !== undefined) return new Worker(workerUrl, { type: 'module', name: 'roguard-guard' });
  if (typeof __ROGUARD_WORKER_FILE__ === 'string') return new Worker(new URL(__ROGUARD_WORKER_FILE__, import.meta.url), { type: 'module', name: 'roguard-guard' });
  throw new GuardError('BAD_CONFIG', 'This copy of the guard has no bundled worker: pass workerUrl (the guard.worker.js of the roguard-web build).', { field: 'workerUrl' });
}

function startFailure(workerUrl: string | URL | undefined, event: Event): GuardError {
  const where = workerUrl === undefined ? 'the bundled guard.worker.js' : String(workerUrl);
  const detail = event instanceof ErrorEvent && event.message ? `: ${event.message}` : '';
  return new GuardError(
    'MODEL_LOAD_FAILED',
    `The guard worker could not start from ${where}${detail}. Check that the file is served (with a JavaScript content type) from the page's origin, or pass workerUrl.`,
    { workerUrl: where },
  );
}

/**
 * Starts a worker and wraps it.
 * @throws GuardError BAD_CONFIG when there is no worker to start
 */
export function connectWorker(workerUrl?: string | URL): Connection {
  registerGuardErrorTransfer();
  const worker = startWorker(workerUrl);
  const remote = wrap<GuardApi>(worker);
  let answered = false;
  // A first answer means the script runs; an error before it means the worker never started. Later
  // errors belong to a call, which reports them itself.
  void remote.status().then(() => (answered = true), () => {});
  const failed = new Promise<never>((_resolve, reject) => {
    worker.addEventListener('error', (event) => {
      if (answered) return;
      event.preventDefault();
      reject(startFailure(workerUrl, event));
    });
  });
  failed.catch(() => {});
  const guarded = <T>(call: Promise<T>): Promise<T> => Promise.race([call, failed]);
  const api: WorkerApi = {
    probe: () => guarded(remote.probe()),
    load: (model, onProgress?: (progress: Progress) => void) => guarded(remote.load(model, onProgress ? proxy(onProgress) : undefined)),
    check: (input, options) => guarded(remote.check(input, options)),
    checkMany: (examples, options, onResult) => guarded(remote.checkMany(examples, options, proxy(onResult))),
    abort: () => guarded(remote.abort()),
  };
  return { api, terminate: () => worker.terminate() };
}
