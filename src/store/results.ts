/** The `results` table: one record per (run, example index), written in batches by the run controller. */
import { Dexie } from 'dexie';
import type { GuardDb } from './db';
import { normaliseResult } from './normalise';
import type { ResultRecord } from './records';

/** Bounds of one run's results in the `[runId+index]` key. */
export function runRange(runId: number): [[number, unknown], [number, unknown]] {
  return [
    [runId, Dexie.minKey],
    [runId, Dexie.maxKey],
  ];
}

function ofRun(db: GuardDb, runId: number) {
  const [lower, upper] = runRange(runId);
  return db.results.where('[runId+index]').between(lower, upper, true, true);
}

/** A run's results in index order. */
export async function resultsOf(db: GuardDb, runId: number): Promise<ResultRecord[]> {
  return (await ofRun(db, runId).toArray()).map(normaliseResult);
}

/** Indices of the examples a run has a stored result for (read from keys only). */
export async function finishedIndices(db: GuardDb, runId: number): Promise<Set<number>> {
  const keys = (await ofRun(db, runId).primaryKeys()) as [number, number][];
  return new Set(keys.map(([, index]) => index));
}

export async function countResults(db: GuardDb, runId: number): Promise<number> {
  return ofRun(db, runId).count();
}

/** Deletes every result of a run (inside the caller's transaction when there is one). */
export async function deleteResultsOf(db: GuardDb, runId: number): Promise<number> {
  return ofRun(db, runId).delete();
}
