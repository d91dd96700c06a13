/**
 * One request at a time per model, in arrival order (WebLLM holds one lock per model anyway; order
 * matters to the page). `abort()` cancels the running task through its signal and every queued one.
 */
import { abortedError } from '../core/errors';

export interface SerialQueue {
  run<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Aborts the running task and the queued ones; later tasks run normally. */
  abort(): void;
  readonly busy: boolean;
  readonly queued: number;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let current: AbortController | null = null;
  let epoch = 0;
  let waiting = 0;
  return {
    run<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T> {
      const mine = epoch;
      waiting++;
      const result = tail.then(async () => {
        waiting--;
        if (mine !== epoch) throw abortedError('The queued request');
        const controller = new AbortController();
        current = controller;
        try {
          return await task(controller.signal);
        } finally {
          if (current === controller) current = null;
        }
      });
      tail = result.catch(() => undefined);
      return result;
    },
    abort(): void {
      epoch++;
      current?.abort(abortedError());
    },
    get busy() {
      return current !== null;
    },
    get queued() {
      return waiting;
    },
  };
}
