/**
 * The page side of a started guard worker, for the app and the embed library alike: wraps it with
 * comlink, passes callbacks as proxies, and reports a worker that never starts (a wrong URL, a script
 * error) on every call instead of leaving them hanging. Starting the worker is the caller's: the app
 * and the library each bundle their own (`client.ts`, `src/embed/bridge.ts`).
 */
import { proxy, proxyMarker, wrap, type Remote } from 'comlink';
import { GuardError } from '../core/errors';
import type { GuardApi } from './api';
import { registerGuardErrorTransfer } from './errors-transfer';

export interface GuardClient {
  /** Every call queues in the worker; errors arrive as `GuardError` with their `code`. */
  api: Remote<GuardApi>;
  /** Stops the worker at once (an unfinished load or run is dropped). */
  terminate(): void;
}

/** Where each method takes a callback; functions cannot be cloned, so they cross as comlink proxies. */
const CALLBACK_AT: Record<keyof GuardApi, number | null> = {
  probe: null,
  load: 1,
  check: null,
  checkMany: 2,
  abort: null,
  unload: null,
  status: null,
};

function asProxy<T>(callback: T): T {
  if (typeof callback !== 'function' || proxyMarker in callback) return callback;
  return proxy(callback as T & object);
}

function isMethod(property: string | symbol): property is keyof GuardApi {
  return typeof property === 'string' && Object.hasOwn(CALLBACK_AT, property);
}

function startFailure(where: string, event: Event): GuardError {
  const detail = event instanceof ErrorEvent && event.message ? `: ${event.message}` : '';
  return new GuardError(
    'MODEL_LOAD_FAILED',
    `The guard worker could not start from ${where}${detail}. Check that the file is served (with a JavaScript content type) from the page's origin, or pass workerUrl.`,
    { workerUrl: where },
  );
}

/**
 * Rejects with the start failure when the worker reports an error before its first answer (`status()`);
 * later errors belong to a call, which reports them itself.
 */
function watchStart(worker: Worker, remote: Remote<GuardApi>, where: string): Promise<never> {
  let answered = false;
  void remote.status().then(() => (answered = true), () => {});
  const failed = new Promise<never>((_resolve, reject) => {
    worker.addEventListener('error', (event) => {
      if (answered) return;
      event.preventDefault();
      reject(startFailure(where, event));
    });
  });
  failed.catch(() => {});
  return failed;
}

/**
 * Wraps a started guard worker. Every call rejects with a `GuardError` MODEL_LOAD_FAILED naming
 * `where` when the worker cannot start.
 */
export function connectGuardWorker(worker: Worker, where: string): GuardClient {
  registerGuardErrorTransfer();
  const remote = wrap<GuardApi>(worker);
  const failed = watchStart(worker, remote, where);
  const api = new Proxy(remote, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (!isMethod(property) || typeof value !== 'function') return value;
      const at = CALLBACK_AT[property];
      return (...args: unknown[]) => {
        if (at !== null && args.length > at) args[at] = asProxy(args[at]);
        return Promise.race([(value as (...a: unknown[]) => Promise<unknown>)(...args), failed]);
      };
    },
  });
  return { api, terminate: () => worker.terminate() };
}
