/** The `runs` table: one record per benchmark run, with its settings, progress and metrics. */
import type { GuardDb } from './db';
import { normaliseRun } from './normalise';
import { approximateBytes, withQuotaCheck } from './quota';
import type { NewRun, RunRecord, RunStatus } from './records';
import { deleteResultsOf } from './results';

/** Statuses of a run that has not finished and can be resumed. */
export const UNFINISHED: readonly RunStatus[] = ['running', 'paused'];

/**
 * Creates a run in status `running`, with nothing done yet.
 * @throws GuardError STORAGE_QUOTA when the browser has no room for it.
 */
export async function createRun(db: GuardDb, run: NewRun, now: number = Date.now()): Promise<RunRecord> {
  const record: Omit<RunRecord, 'id'> = {
    ...run,
    templateText: run.config.policy.template,
    status: 'running',
    done: 0,
    cacheHits: 0,
    duplicates: 0,
    errors: 0,
    metrics: null,
    timings: { startedAt: now, finishedAt: null, activeMs: 0, modelMs: 0 },
    error: null,
    createdAt: now,
    updatedAt: now,
  };
  const id = await withQuotaCheck(() => db.runs.add(record), () => approximateBytes(record), 'the new run');
  return normaliseRun({ ...record, id });
}

export async function getRun(db: GuardDb, id: number): Promise<RunRecord | undefined> {
  const raw = await db.runs.get(id);
  return raw === undefined ? undefined : normaliseRun(raw);
}

/** Every run, most recently updated first. */
export async function listRuns(db: GuardDb): Promise<RunRecord[]> {
  return (await db.runs.orderBy('updatedAt').reverse().toArray()).map(normaliseRun);
}

/** Runs left `running` (the tab closed or crashed) or `paused`, most recently updated first. */
export async function unfinishedRuns(db: GuardDb, datasetId?: number): Promise<RunRecord[]> {
  const runs = (await db.runs.where('status').anyOf([...UNFINISHED]).toArray()).map(normaliseRun);
  return runs.filter((run) => datasetId === undefined || run.datasetId === datasetId).sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Changes some fields of a run and stamps `updatedAt`. */
export async function updateRun(db: GuardDb, id: number, changes: Partial<Omit<RunRecord, 'id'>>, now: number = Date.now()): Promise<void> {
  await db.runs.update(id, { ...changes, updatedAt: now });
}

/** Deletes a run and its results in one transaction. */
export async function deleteRun(db: GuardDb, id: number): Promise<void> {
  await db.transaction('rw', db.runs, db.results, async () => {
    await deleteResultsOf(db, id);
    await db.runs.delete(id);
  });
}
