/**
 * The page side of the one-worker queue: tasks of every guard sharing a worker run one at a time, in
 * call order, and only one is ever in flight in the worker. So a stopped task is precise: a queued one
 * is dropped before it is sent, and the running one is ended with the worker's `abort()`, which then
 * cannot touch anyone else's work.
 */
import { abortedError, type GuardError } from '../core/errors';

export interface TaskQueue {
  /**
   * Runs `work` once the tasks before it have settled. On `signal`, a queued task is dropped and a running
   * one calls `cancel` and rejects at once; the next task still waits until the running work settles.
   * @throws GuardError ABORTED (rejects) when stopped
   */
  push<T>(owner: object, work: () => Promise<T>, cancel: () => void, signal?: AbortSignal): Promise<T>;
  /** Rejects the owner's queued tasks and stops its running one. */
  cancelOwner(owner: object, error: GuardError): void;
  /** Rejects every task; nothing runs any more. */
  close(error: GuardError): void;
}

interface Entry {
  owner: object;
  work: () => Promise<unknown>;
  cancel: () => void;
  settle: (outcome: { value: unknown } | { error: unknown }) => void;
  onAbort?: () => void;
}

export function createTaskQueue(): TaskQueue {
  const waiting: Entry[] = [];
  let running: Entry | null = null;
  let closed: GuardError | null = null;

  function stopRunning(entry: Entry, error: unknown): void {
    entry.cancel();
    entry.settle({ error });
  }

  function pump(): void {
    if (running || closed) return;
    const entry = waiting.shift();
    if (!entry) return;
    running = entry;
    const started = entry.work();
    started.then(
      (value) => entry.settle({ value }),
      (error: unknown) => entry.settle({ error }),
    ).finally(() => {
      running = null;
      pump();
    });
  }

  return {
    push<T>(owner: object, work: () => Promise<T>, cancel: () => void, signal?: AbortSignal): Promise<T> {
      if (closed) return Promise.reject(closed);
      if (signal?.aborted) return Promise.reject(abortedError('The check'));
      return new Promise<T>((resolve, reject) => {
        let settled = false;
        const entry: Entry = {
          owner,
          work,
          cancel,
          settle(outcome) {
            if (settled) return;
            settled = true;
            if (entry.onAbort) signal?.removeEventListener('abort', entry.onAbort);
            if ('value' in outcome) resolve(outcome.value as T);
            else reject(outcome.error);
          },
        };
        if (signal) {
          entry.onAbort = () => {
            const at = waiting.indexOf(entry);
            if (at >= 0) {
              waiting.splice(at, 1);
              entry.settle({ error: abortedError('The check') });
            } else if (running === entry) {
              stopRunning(entry, abortedError('The check'));
            }
          };
          signal.addEventListener('abort', entry.onAbort, { once: true });
        }
        waiting.push(entry);
        pump();
      });
    },

    cancelOwner(owner: object, error: GuardError): void {
      for (const entry of waiting.filter((e) => e.owner === owner)) {
        waiting.splice(waiting.indexOf(entry), 1);
        entry.settle({ error });
      }
      if (running?.owner === owner) stopRunning(running, error);
    },

    close(error: GuardError): void {
      closed = error;
      for (const entry of waiting.splice(0)) entry.settle({ error });
      running?.settle({ error });
    },
  };
}
