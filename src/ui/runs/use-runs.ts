/** Runs from the database as React state, kept current as runs are written (in this tab or another). */
import { useEffect, useState } from 'react';
import { liveQuery } from 'dexie';
import type { GuardErrorData } from '../../core/errors';
import { guardDb } from '../../store/db';
import { getDataset } from '../../store/datasets';
import type { DatasetRecord, ResultRecord, RunRecord } from '../../store/records';
import { resultsOf } from '../../store/results';
import { getRun, listRuns } from '../../store/runs';

export interface Loaded<T> {
  value: T | null;
  error: GuardErrorData | null;
  loading: boolean;
}

function failure(error: unknown): GuardErrorData {
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'ENGINE_ERROR', message: `Could not read the saved runs: ${message}` };
}

/** Every run, newest first, updated live. */
export function useRunList(): Loaded<RunRecord[]> {
  const [state, setState] = useState<Loaded<RunRecord[]>>({ value: null, error: null, loading: true });
  useEffect(() => {
    const subscription = liveQuery(() => listRuns(guardDb())).subscribe({
      next: (runs) => setState({ value: runs, error: null, loading: false }),
      error: (error: unknown) => setState({ value: null, error: failure(error), loading: false }),
    });
    return () => subscription.unsubscribe();
  }, []);
  return state;
}

export interface RunData {
  run: RunRecord;
  dataset: DatasetRecord | null;
  results: ResultRecord[];
}

/** How often a running run's results are read again: every 2 s, less often for big runs (reading 100k results takes a while). */
const refreshMs = (results: number) => Math.max(2_000, results / 5);

/**
 * One run with its dataset and results; read again every few seconds while it runs, and whenever
 * `refreshKey` changes (e.g. the run was resumed in this page).
 */
export function useRunData(runId: number | null, refreshKey = ''): Loaded<RunData> {
  const [state, setState] = useState<Loaded<RunData>>({ value: null, error: null, loading: true });
  useEffect(() => {
    if (runId === null) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const db = guardDb();
    const read = async () => {
      try {
        const run = await getRun(db, runId);
        if (!live) return;
        if (!run) {
          setState({ value: null, error: { code: 'BAD_INPUT', message: `There is no run #${runId}. It may have been deleted.` }, loading: false });
          return;
        }
        const [dataset, results] = await Promise.all([getDataset(db, run.datasetId), resultsOf(db, runId)]);
        if (!live) return;
        setState({ value: { run, dataset: dataset ?? null, results }, error: null, loading: false });
        if (run.status === 'running') timer = setTimeout(read, refreshMs(results.length));
      } catch (error) {
        if (live) setState({ value: null, error: failure(error), loading: false });
      }
    };
    setState((current) => (current.value?.run.id === runId ? current : { value: null, error: null, loading: true }));
    void read();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [runId, refreshKey]);
  return state;
}

/** Several runs at once (for a comparison), read once. */
export function useRunsData(runIds: readonly number[]): Loaded<RunData[]> {
  const [state, setState] = useState<Loaded<RunData[]>>({ value: null, error: null, loading: true });
  const key = runIds.join(',');
  useEffect(() => {
    let live = true;
    const db = guardDb();
    const ids = key.split(',').map(Number);
    setState({ value: null, error: null, loading: true });
    Promise.all(
      ids.map(async (id) => {
        const run = await getRun(db, id);
        if (!run) throw new Error(`there is no run #${id} (it may have been deleted)`);
        const [dataset, results] = await Promise.all([getDataset(db, run.datasetId), resultsOf(db, id)]);
        return { run, dataset: dataset ?? null, results };
      }),
    ).then(
      (value) => live && setState({ value, error: null, loading: false }),
      (error: unknown) => live && setState({ value: null, error: failure(error), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}
