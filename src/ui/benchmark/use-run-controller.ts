/**
 * The page's one run controller, kept outside React: a run goes on while the person visits another
 * page, and coming back shows it again (a second controller would not know the run is going).
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { GuardError, isGuardError, type GuardErrorData } from '../../core/errors';
import { guardDb } from '../../store/db';
import type { DatasetRecord, RunRecord } from '../../store/records';
import { RunController } from '../run/controller';
import type { RunApi, RunProgress, RunSettings } from '../run/types';

interface Shared {
  api: RunApi;
  controller: RunController;
  progress: RunProgress | null;
  /** The last run that stopped in this page session, as stored. */
  finished: RunRecord | null;
  /** Unfinished runs another tab is driving now (they hold the run's lock). */
  elsewhere: ReadonlySet<number>;
  listeners: Set<() => void>;
}

let shared: Shared | null = null;
const NONE: ReadonlySet<number> = new Set();
/** How often the page rereads runs another tab drives: their progress, and whether that tab let go. */
const ELSEWHERE_POLL_MS = 1000;

function sharedFor(api: RunApi): Shared {
  if (shared?.api === api) return shared;
  const controller = new RunController(api, guardDb());
  const next: Shared = { api, controller, progress: null, finished: null, elsewhere: NONE, listeners: new Set() };
  controller.onProgress((progress) => {
    next.progress = progress;
    notify(next);
  });
  shared = next;
  return next;
}

function sameIds(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

/** The unfinished runs another tab is driving, for components beside the page's controller. */
export function useRunsElsewhere(): ReadonlySet<number> {
  const subscribe = useCallback((listener: () => void) => {
    const state = shared;
    if (!state) return () => {};
    state.listeners.add(listener);
    return () => state.listeners.delete(listener);
  }, []);
  return useSyncExternalStore(subscribe, () => shared?.elsewhere ?? NONE);
}

function notify(state: Shared) {
  for (const listener of state.listeners) listener();
}

function toErrorData(error: unknown): GuardErrorData {
  if (isGuardError(error)) {
    const { code, message, details } = error as GuardError;
    return { code, message, ...(details ? { details } : {}) };
  }
  return { code: 'ENGINE_ERROR', message: error instanceof Error ? error.message : String(error) };
}

export interface RunControllerState {
  progress: RunProgress | null;
  finished: RunRecord | null;
  /** True while a run of this page is going (or being prepared). */
  active: boolean;
  error: GuardErrorData | null;
  resumable: RunRecord[];
  /** Ids of the unfinished runs another tab is driving now; they cannot be resumed here until it lets go. */
  elsewhere: ReadonlySet<number>;
  start(dataset: DatasetRecord, settings: RunSettings): Promise<void>;
  pause(): Promise<void>;
  resume(runId: number): Promise<void>;
  cancel(runId?: number): Promise<void>;
  refreshResumable(): Promise<void>;
}

/** Start, pause, resume and cancel runs, with live progress; null `api` until the worker is up. */
export function useRunController(api: RunApi | null): RunControllerState {
  const state = api ? sharedFor(api) : null;
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!state) return () => {};
      state.listeners.add(listener);
      return () => state.listeners.delete(listener);
    },
    [state],
  );
  const progress = useSyncExternalStore(subscribe, () => state?.progress ?? null);
  const finished = useSyncExternalStore(subscribe, () => state?.finished ?? null);
  const elsewhere = useSyncExternalStore(subscribe, () => state?.elsewhere ?? NONE);
  const [launching, setLaunching] = useState(false);
  const [error, setError] = useState<GuardErrorData | null>(null);
  const [resumable, setResumable] = useState<RunRecord[]>([]);

  const refreshResumable = useCallback(async () => {
    if (!state) return;
    try {
      const runs = (await state.controller.resumableRuns()).filter((run) => run.id !== state.controller.activeRunId);
      const busy = await state.controller.runningElsewhere(runs.map((run) => run.id));
      if (!sameIds(busy, state.elsewhere)) {
        state.elsewhere = busy.size === 0 ? NONE : busy;
        notify(state);
      }
      setResumable(runs);
    } catch (e) {
      setError(toErrorData(e));
    }
  }, [state]);

  useEffect(() => {
    void refreshResumable();
  }, [refreshResumable]);

  // While another tab drives a run, follow its stored progress and notice when that tab lets go.
  useEffect(() => {
    if (elsewhere.size === 0) return;
    const timer = setInterval(() => void refreshResumable(), ELSEWHERE_POLL_MS);
    return () => clearInterval(timer);
  }, [elsewhere, refreshResumable]);

  const launch = useCallback(
    async (go: (controller: RunController) => Promise<RunRecord | null>) => {
      if (!state) {
        setError({ code: 'NOT_LOADED', message: 'The guard worker has not started yet. Wait a moment and try again.' });
        return;
      }
      setError(null);
      setLaunching(true);
      try {
        const run = await go(state.controller);
        if (run) {
          state.finished = run;
          if (run.error) setError(run.error);
          notify(state);
        }
      } catch (e) {
        setError(toErrorData(e));
      } finally {
        setLaunching(false);
        void refreshResumable();
      }
    },
    [state, refreshResumable],
  );

  return {
    progress,
    finished,
    active: launching || (state?.controller.activeRunId ?? null) !== null,
    error,
    resumable,
    elsewhere,
    start: (dataset, settings) => launch((controller) => controller.start(dataset, settings)),
    resume: (runId) => launch((controller) => controller.resume(runId)),
    pause: async () => {
      await state?.controller.pause();
    },
    cancel: async (runId) => {
      try {
        const run = (await state?.controller.cancel(runId)) ?? null;
        // A paused run is cancelled in the database only: no progress event tells the page.
        if (state && run && state.controller.activeRunId === null) {
          state.finished = run;
          if (state.progress?.runId === run.id) state.progress = { ...state.progress, status: run.status, phase: 'stopped' };
          notify(state);
        }
      } catch (e) {
        setError(toErrorData(e));
      }
      void refreshResumable();
    },
    refreshResumable,
  };
}
