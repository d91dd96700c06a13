/**
 * Guards on one page that use the same model (and worker script) share one worker, one loaded model and
 * one queue. Each guard holds a lease; the last one released stops the worker.
 */
import type { ModelSpec, Progress } from '../core/engine';
import { GuardError } from '../core/errors';
import type { DeviceProbe } from '../engines/device';
import type { LoadedModel } from '../worker/api';
import type { Connection, WorkerApi } from './bridge';
import { createTaskQueue, type TaskQueue } from './queue';

export type Connect = (workerUrl?: string | URL) => Connection;

interface LoadProgress {
  listeners: Set<(progress: Progress) => void>;
  /** The latest event, replayed to a guard that joins while the model loads. */
  last: Progress | null;
}

interface SharedModel {
  connection: Connection;
  queue: TaskQueue;
  loaded: Promise<LoadedModel>;
  holders: Set<object>;
  progress: LoadProgress;
}

export interface ModelLease {
  /** The model load every guard on this worker waits for; rejects with the load failure. */
  readonly loaded: Promise<LoadedModel>;
  /** Runs `work` in the shared queue, after the load and every task queued before it. @throws GuardError ABORTED */
  run<T>(work: (api: WorkerApi) => Promise<T>, signal?: AbortSignal): Promise<T>;
  probe(): Promise<DeviceProbe>;
  /** Ends this lease: its queued work is dropped, its running work stopped; the last lease stops the worker. */
  release(): void;
}

const models = new Map<string, SharedModel>();

function tell(listener: (progress: Progress) => void, progress: Progress): void {
  try {
    listener(progress);
  } catch {
    // One embedder's progress handler failing must not stop the load for the others.
  }
}

function open(key: string, model: ModelSpec | string, workerUrl: string | URL | undefined, connect: Connect): SharedModel {
  const connection = connect(workerUrl);
  const queue = createTaskQueue();
  const progress: LoadProgress = { listeners: new Set(), last: null };
  const broadcast = (event: Progress) => {
    progress.last = event;
    for (const listener of progress.listeners) tell(listener, event);
  };
  const loaded = queue.push(progress, () => connection.api.load(model, broadcast), () => void connection.api.abort().catch(() => {}));
  const shared: SharedModel = { connection, queue, loaded, holders: new Set(), progress };
  // A failed load is not shared with guards created later: they start afresh.
  loaded.catch(() => {
    if (models.get(key) === shared) models.delete(key);
  });
  models.set(key, shared);
  return shared;
}

/**
 * Joins the worker for `key`, starting it and the model load when no guard holds it yet.
 * @throws GuardError BAD_CONFIG when no worker can be started
 */
export function leaseModel(key: string, model: ModelSpec | string, workerUrl: string | URL | undefined, connect: Connect, onProgress?: (progress: Progress) => void): ModelLease {
  const shared = models.get(key) ?? open(key, model, workerUrl, connect);
  const holder = {};
  shared.holders.add(holder);
  if (onProgress) {
    shared.progress.listeners.add(onProgress);
    if (shared.progress.last) tell(onProgress, shared.progress.last);
  }
  const { connection, queue } = shared;
  const stop = () => void connection.api.abort().catch(() => {});
  let released = false;
  return {
    loaded: shared.loaded,
    run: (work, signal) => queue.push(holder, () => work(connection.api), stop, signal),
    probe: () => connection.api.probe(),
    release() {
      if (released) return;
      released = true;
      const error = new GuardError('ABORTED', 'Cancelled: the guard was disposed.');
      shared.holders.delete(holder);
      if (onProgress) shared.progress.listeners.delete(onProgress);
      queue.cancelOwner(holder, error);
      if (shared.holders.size > 0) return;
      queue.close(error);
      connection.terminate();
      if (models.get(key) === shared) models.delete(key);
    },
  };
}
