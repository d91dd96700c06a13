/** The `datasets` table: prepared datasets the user added, kept across reloads. */
import type { GuardDb } from './db';
import { normaliseDataset } from './normalise';
import { approximateBytes, withQuotaCheck } from './quota';
import type { DatasetRecord, NewDataset } from './records';
import { deleteResultsOf } from './results';

/** What a list of datasets shows, without the examples. */
export type DatasetSummary = Omit<DatasetRecord, 'examples' | 'report'> & { exampleCount: number; reportedCount: number };

/**
 * Stores a prepared dataset and returns it with its new id.
 * @throws GuardError STORAGE_QUOTA when the browser has no room for it (nothing is written).
 */
export async function addDataset(db: GuardDb, dataset: NewDataset): Promise<DatasetRecord> {
  const record = { ...dataset, createdAt: dataset.createdAt ?? Date.now() };
  const id = await withQuotaCheck(
    () => db.datasets.add(record),
    () => approximateBytes(record),
    `the dataset “${dataset.name}”`,
  );
  return normaliseDataset({ ...record, id });
}

export async function getDataset(db: GuardDb, id: number): Promise<DatasetRecord | undefined> {
  const raw = await db.datasets.get(id);
  return raw === undefined ? undefined : normaliseDataset(raw);
}

/** Every dataset, newest first, as summaries. */
export async function listDatasets(db: GuardDb): Promise<DatasetSummary[]> {
  const all = (await db.datasets.toArray()).map(normaliseDataset);
  return all
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    .map(({ examples, report, ...summary }) => ({ ...summary, exampleCount: examples.length, reportedCount: report.length }));
}

/** Deletes a dataset together with its runs and their results, in one transaction. */
export async function deleteDataset(db: GuardDb, id: number): Promise<void> {
  await db.transaction('rw', db.datasets, db.runs, db.results, async () => {
    const runIds = (await db.runs.where('datasetId').equals(id).primaryKeys()) as number[];
    for (const runId of runIds) await deleteResultsOf(db, runId);
    await db.runs.bulkDelete(runIds);
    await db.datasets.delete(id);
  });
}
