/** One batch of a run's progress written atomically: results, cache entries and the run's counters. */
import type { GuardDb } from './db';
import { approximateBytes, withQuotaCheck } from './quota';
import type { CacheRecord, ResultRecord, RunRecord } from './records';

export interface ResultBatch {
  runId: number;
  results: ResultRecord[];
  cacheEntries: CacheRecord[];
  /** Run fields to update with the batch (progress, counts, metrics). */
  run: Partial<Omit<RunRecord, 'id'>>;
}

/**
 * Writes the batch in ONE transaction: either every record lands or none does, so a crash or a
 * full disk never leaves a result without its run's counters (or the reverse).
 * @throws GuardError STORAGE_QUOTA when the browser has no room (nothing of the batch is written).
 */
export async function saveBatch(db: GuardDb, batch: ResultBatch, now: number = Date.now()): Promise<void> {
  await withQuotaCheck(
    () =>
      db.transaction('rw', db.results, db.cache, db.runs, async () => {
        if (batch.results.length > 0) await db.results.bulkPut(batch.results);
        if (batch.cacheEntries.length > 0) await db.cache.bulkPut(batch.cacheEntries);
        await db.runs.update(batch.runId, { ...batch.run, updatedAt: now });
      }),
    () => approximateBytes(batch.results) + approximateBytes(batch.cacheEntries),
    `${batch.results.length} result${batch.results.length === 1 ? '' : 's'} of run ${batch.runId}`,
  );
}
