/**
 * The page side of the worker: starts it, wraps it with comlink, and passes callbacks as proxies.
 * Imports the worker's API as a type only, so no worker code lands in the page bundle.
 */
import { proxy, proxyMarker, wrap, type Remote } from 'comlink';
import type { GuardApi } from './api';
import { registerGuardErrorTransfer } from './errors-transfer';

export interface GuardClient {
  /** Every call queues in the worker; errors arrive as `GuardError` with their `code`. */
  api: Remote<GuardApi>;
  /** Stops the worker at once (an unfinished load or run is dropped). */
  terminate(): void;
}

export interface GuardClientOptions {
  /** A different worker script (e.g. an embedder's copy); default: the bundled guard worker. */
  workerUrl?: string | URL;
}

/** Functions cannot be cloned: hand them over as comlink proxies (the worker releases them after the call). */
function asProxy<T>(callback: T): T {
  if (typeof callback !== 'function' || proxyMarker in callback) return callback;
  return proxy(callback as T & object);
}

const CALLBACK_AT: Partial<Record<keyof GuardApi, number>> = { load: 1, checkMany: 2 };

export function createGuardClient(options: GuardClientOptions = {}): GuardClient {
  registerGuardErrorTransfer();
  const worker = options.workerUrl
    ? new Worker(options.workerUrl, { type: 'module', name: 'roguard-guard' })
    : new Worker(new URL('./guard.worker.ts', import.meta.url), { type: 'module', name: 'roguard-guard' });
  const remote = wrap<GuardApi>(worker);
  const api = new Proxy(remote, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      const at = typeof property === 'string' ? CALLBACK_AT[property as keyof GuardApi] : undefined;
      if (at === undefined || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (args.length > at) args[at] = asProxy(args[at]);
        return (value as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  return { api, terminate: () => worker.terminate() };
}
