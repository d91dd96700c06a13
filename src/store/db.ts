/**
 * The one Dexie database of the app. Every schema version lives here, oldest first; a new version
 * adds a `version(n).stores(...)` (only the tables whose indexes change) and, when stored records
 * change shape, an `upgrade` that rewrites them. Readers still normalise records (`normalise.ts`),
 * so a field added later never crashes on an older record.
 */
import { Dexie, type Table } from 'dexie';
import { normaliseDataset } from './normalise';
import type { CacheRecord, DatasetRecord, DatasetSummary, ResultRecord, RunRecord } from './records';
import { summaryOf } from './dataset-summary';

export const DB_NAME = 'roguard';

/** Version 1: the first schema. Runs carried the model as a flat `modelId` and no cache-hit count. */
function version1(db: Dexie): void {
  db.version(1).stores({
    datasets: '++id, name',
    runs: '++id, datasetId, status',
    results: '[runId+index]',
    cache: 'key',
  });
}

/**
 * Version 2: runs list newest first (`updatedAt` index) and old cache entries can be cleared by age
 * (`createdAt` index). Upgrade: a run's flat `modelId` becomes `model: { id, weightsRevision, engine }`
 * and its `cacheHits` is counted from its results; cache entries without a date get the upgrade's time.
 */
function version2(db: Dexie): void {
  db.version(2)
    .stores({
      runs: '++id, datasetId, status, updatedAt',
      cache: 'key, createdAt',
    })
    .upgrade(async (tx) => {
      const now = Date.now();
      const results = tx.table('results');
      await tx.table('runs').toCollection().modify((run: Record<string, unknown>) => {
        if (typeof run.modelId === 'string' && typeof run.model !== 'object') {
          run.model = { id: run.modelId, weightsRevision: 'unknown', engine: null };
        }
        delete run.modelId;
        if (typeof run.updatedAt !== 'number') run.updatedAt = typeof run.createdAt === 'number' ? run.createdAt : now;
      });
      const runIds = (await tx.table('runs').toCollection().primaryKeys()) as number[];
      for (const runId of runIds) {
        const cacheHits = await results
          .where('[runId+index]')
          .between([runId, Dexie.minKey], [runId, Dexie.maxKey])
          .filter((result: { fromCache?: unknown }) => result.fromCache === true)
          .count();
        await tx.table('runs').update(runId, { cacheHits });
      }
      await tx.table('cache').toCollection().modify((entry: Record<string, unknown>) => {
        if (typeof entry.createdAt !== 'number') entry.createdAt = now;
      });
    });
}

/**
 * Version 3: a `datasetSummaries` table (key: the dataset's id) so listing datasets reads no examples.
 * Upgrade: a summary is computed for every stored dataset, reading one dataset at a time.
 */
function version3(db: Dexie): void {
  db.version(3)
    .stores({ datasetSummaries: 'id' })
    .upgrade(async (tx) => {
      const datasets = tx.table('datasets');
      const ids = (await datasets.toCollection().primaryKeys()) as number[];
      for (const id of ids) {
        const raw: unknown = await datasets.get(id);
        if (raw !== undefined) await tx.table('datasetSummaries').put(summaryOf(normaliseDataset(raw)));
      }
    });
}

const VERSIONS = [version1, version2, version3] as const;
export const LATEST_VERSION = VERSIONS.length;

/** Declares schema versions 1..`upTo` on a Dexie instance (the app uses all; a migration test stops early). */
export function defineSchema(db: Dexie, upTo: number = LATEST_VERSION): void {
  for (const declare of VERSIONS.slice(0, upTo)) declare(db);
}

export class GuardDb extends Dexie {
  datasets!: Table<DatasetRecord, number, Omit<DatasetRecord, 'id'>>;
  datasetSummaries!: Table<DatasetSummary, number>;
  runs!: Table<RunRecord, number, Omit<RunRecord, 'id'>>;
  results!: Table<ResultRecord, [number, number]>;
  cache!: Table<CacheRecord, string>;

  constructor(name: string = DB_NAME) {
    super(name);
    defineSchema(this);
  }
}

let shared: GuardDb | null = null;

/** The page's database, opened on first use. */
export function guardDb(): GuardDb {
  shared ??= new GuardDb();
  return shared;
}
