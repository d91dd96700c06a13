/** The `datasets` table: prepared datasets the user added, kept across reloads. */
import { normaliseSummary, summaryOf } from './dataset-summary';
import type { GuardDb } from './db';
import { normaliseDataset } from './normalise';
import { approximateBytes, withQuotaCheck } from './quota';
import type { DatasetRecord, DatasetSummary, NewDataset } from './records';
import { deleteResultsOf } from './results';

export type { DatasetSummary };

/**
 * Stores a prepared dataset and returns it with its new id.
 * @throws GuardError STORAGE_QUOTA when the browser has no room for it (nothing is written).
 */
export async function addDataset(db: GuardDb, dataset: NewDataset): Promise<DatasetRecord> {
  const record = { ...dataset, createdAt: dataset.createdAt ?? Date.now() };
  const id = await withQuotaCheck(
    () => db.transaction('rw', db.datasets, db.datasetSummaries, () => storeDataset(db, record)),
    () => approximateBytes(record),
    `the dataset “${dataset.name}”`,
  );
  return normaliseDataset({ ...record, id });
}

export async function getDataset(db: GuardDb, id: number): Promise<DatasetRecord | undefined> {
  const raw = await db.datasets.get(id);
  return raw === undefined ? undefined : normaliseDataset(raw);
}

/** Adds a dataset and its summary; call inside a transaction over both tables. Returns the new id. */
export async function storeDataset(db: GuardDb, record: Omit<DatasetRecord, 'id'>): Promise<number> {
  const id = await db.datasets.add(record);
  await db.datasetSummaries.put(summaryOf(normaliseDataset({ ...record, id })));
  return id;
}

/**
 * Every dataset, newest first, as summaries: reads the stored summaries, not the examples. A dataset
 * stored without one (written by hand, or by a build that crashed between versions) gets it now.
 */
export async function listDatasets(db: GuardDb): Promise<DatasetSummary[]> {
  const summaries = (await db.datasetSummaries.toArray()).map(normaliseSummary);
  if ((await db.datasets.count()) !== summaries.length) {
    const known = new Set(summaries.map((summary) => summary.id));
    for (const id of (await db.datasets.toCollection().primaryKeys()) as number[]) {
      if (known.has(id)) continue;
      const dataset = await getDataset(db, id);
      if (!dataset) continue;
      const summary = summaryOf(dataset);
      await db.datasetSummaries.put(summary);
      summaries.push(summary);
    }
  }
  return summaries.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}

/** Deletes a dataset together with its runs and their results, in one transaction. */
export async function deleteDataset(db: GuardDb, id: number): Promise<void> {
  await db.transaction('rw', db.datasets, db.datasetSummaries, db.runs, db.results, async () => {
    const runIds = (await db.runs.where('datasetId').equals(id).primaryKeys()) as number[];
    for (const runId of runIds) await deleteResultsOf(db, runId);
    await db.runs.bulkDelete(runIds);
    await db.datasets.delete(id);
    await db.datasetSummaries.delete(id);
  });
}
