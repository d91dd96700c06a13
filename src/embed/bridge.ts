/**
 * The library's connection to its worker: the shared client of `src/worker/client.ts` (start-failure
 * detection and callback proxies included), seen through the part of the API the library uses.
 */
import type { GuardApi } from '../worker/api';
import { createGuardClient } from '../worker/client';

/** The part of the worker's API the library uses, with callbacks as plain functions. */
export type WorkerApi = Pick<GuardApi, 'probe' | 'load' | 'check' | 'checkMany' | 'abort'>;

export interface Connection {
  api: WorkerApi;
  terminate(): void;
}

/** Starts the library's bundled worker, or the script at `workerUrl`. */
export function connectWorker(workerUrl?: string | URL): Connection {
  return createGuardClient(workerUrl === undefined ? {} : { workerUrl });
}
