import { Dexie, type DBCore, type Middleware } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { GuardDb, LATEST_VERSION, defineSchema } from './db';
import { getRun, listRuns } from './runs';
import { getCacheEntries } from './cache';
import { addDataset, deleteDataset, listDatasets } from './datasets';

const opened: Dexie[] = [];
function track<T extends Dexie>(db: T): T {
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const uniqueName = () => `roguard-test-${crypto.randomUUID()}`;

describe('schema', () => {
  it('opens at the latest version with the five tables and their keys', async () => {
    const db = track(new GuardDb(uniqueName()));
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['cache', 'datasetSummaries', 'datasets', 'results', 'runs']);
    expect(db.results.schema.primKey.keyPath).toEqual(['runId', 'index']);
    expect(db.runs.schema.primKey.auto).toBe(true);
    expect(db.runs.schema.indexes.map((i) => i.name).sort()).toEqual(['datasetId', 'status', 'updatedAt']);
    expect(db.cache.schema.primKey.keyPath).toBe('key');
    expect(db.cache.schema.indexes.map((i) => i.name)).toEqual(['createdAt']);
  });

  it('keeps one result per (run, index): a second write replaces, never duplicates', async () => {
    const db = track(new GuardDb(uniqueName()));
    const result = { runId: 1, index: 3, raw: 'a', verdict: { value: 'safe', status: 'safe' as const, categories: [], fields: {} } };
    await db.results.put(result as never);
    await db.results.put({ ...result, raw: 'b' } as never);
    expect(await db.results.count()).toBe(1);
    expect((await db.results.get([1, 3]))?.raw).toBe('b');
    await expect(db.results.add(result as never)).rejects.toThrow(/Constraint/);
  });
});

describe('migration from version 1', () => {
  it('upgrades old runs and cache entries in place, and new code reads them', async () => {
    const name = uniqueName();
    const old = new Dexie(name);
    defineSchema(old, 1);
    await old.open();
    expect(old.verno).toBe(1);
    const runId = (await old.table('runs').add({
      datasetId: 4,
      status: 'paused',
      modelId: 'roguard-1.0-q4f32_1-MLC',
      createdAt: 1000,
      config: { name: 'xstest', policy: { template: 'T {prompt}', outputField: 'User Safety', flaggedValue: 'unsafe' } },
    })) as number;
    const verdict = { value: 'safe', status: 'safe', categories: [], fields: {} };
    await old.table('results').bulkAdd([
      { runId, index: 1, raw: 'x', verdict, fromCache: true },
      { runId, index: 2, raw: 'y', verdict, fromCache: false },
      { runId, index: 3, raw: 'z', verdict, fromCache: true },
      { runId: runId + 1, index: 1, raw: 'other run', verdict, fromCache: true },
    ]);
    await old.table('cache').add({ key: 'k1', raw: '{"User Safety": "safe"}' });
    old.close();

    const before = Date.now();
    const db = track(new GuardDb(name));
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);

    const run = await getRun(db, runId);
    expect(run?.model).toEqual({ id: 'roguard-1.0-q4f32_1-MLC', weightsRevision: 'unknown', engine: null });
    expect(run?.cacheHits).toBe(2);
    expect(run?.updatedAt).toBe(1000);
    expect(run?.status).toBe('paused');
    expect(run?.config.policy.outputField).toBe('User Safety');
    expect((await db.runs.get(runId)) as unknown as Record<string, unknown>).not.toHaveProperty('modelId');
    // The new index works on migrated records.
    expect((await listRuns(db)).map((r) => r.id)).toEqual([runId]);

    const entry = (await getCacheEntries(db, ['k1'])).get('k1');
    expect(entry?.createdAt).toBeGreaterThanOrEqual(before);
    expect(await db.cache.where('createdAt').aboveOrEqual(before).count()).toBe(1);
  });
});

/** Counts reads of the `datasets` table (where the examples live). */
function countDatasetReads(): { reads: number; middleware: Middleware<DBCore> } {
  const counter = { reads: 0, middleware: null as unknown as Middleware<DBCore> };
  counter.middleware = {
    stack: 'dbcore',
    name: 'count-dataset-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'datasets') return table;
        return {
          ...table,
          get: (req) => (counter.reads++, table.get(req)),
          getMany: (req) => (counter.reads++, table.getMany(req)),
          query: (req) => (req.values ? counter.reads++ : 0, table.query(req)),
          openCursor: (req) => (req.values ? counter.reads++ : 0, table.openCursor(req)),
        };
      },
    }),
  };
  return counter;
}

describe('migration from version 2: dataset summaries', () => {
  it('computes a summary for every stored dataset, and listing then reads no examples', async () => {
    const name = uniqueName();
    const old = new Dexie(name);
    defineSchema(old, 2);
    await old.open();
    const example = (index: number) => ({ index, prompt: `p${index}`, response: null, label: 'safe' });
    const first = (await old.table('datasets').add({
      name: 'old one',
      fileName: 'old.csv',
      rowCount: 4,
      columns: ['prompt', 'label'],
      mapping: { prompt: 'prompt', label: 'label' },
      benchmark: null,
      examples: [example(1), example(2), example(3)],
      nullResponseText: '',
      report: [{ row: 4, reason: 'no prompt' }],
      createdAt: 10,
    })) as number;
    // A partial record from an early build: no report, no row count, no date.
    const second = (await old.table('datasets').add({ name: 'partial', examples: [example(1)] })) as number;
    old.close();

    const counter = countDatasetReads();
    const db = track(new GuardDb(name));
    db.use(counter.middleware);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    counter.reads = 0;
    const list = await listDatasets(db);
    expect(counter.reads).toBe(0);
    expect(list).toEqual([
      { id: first, name: 'old one', fileName: 'old.csv', rowCount: 4, columns: ['prompt', 'label'], mapping: { prompt: 'prompt', label: 'label' }, benchmark: null, nullResponseText: '', createdAt: 10, exampleCount: 3, reportedCount: 1 },
      { id: second, name: 'partial', fileName: '', rowCount: 1, columns: [], mapping: null, benchmark: null, nullResponseText: '', createdAt: 0, exampleCount: 1, reportedCount: 0 },
    ]);

    const added = await addDataset(db, { name: 'new', fileName: 'new.jsonl', rowCount: 1, columns: ['prompt'], mapping: null, benchmark: null, examples: [example(1)], nullResponseText: 'None', report: [], createdAt: 20 });
    counter.reads = 0;
    expect((await listDatasets(db)).map((d) => [d.id, d.exampleCount])).toEqual([[added.id, 1], [first, 3], [second, 1]]);
    expect(counter.reads).toBe(0);
    await deleteDataset(db, first);
    expect((await listDatasets(db)).map((d) => d.id)).toEqual([added.id, second]);
    expect(await db.datasetSummaries.count()).toBe(2);
    // The counter does see a read of the examples.
    await db.datasets.toArray();
    expect(counter.reads).toBeGreaterThan(0);
  });

  it('gives a summary to a dataset written without one', async () => {
    const db = track(new GuardDb(uniqueName()));
    const id = await db.datasets.add({ name: 'by hand', examples: [{ index: 1, prompt: 'p', response: null, label: null }], report: [] } as never);
    expect((await listDatasets(db)).map((d) => [d.id, d.name, d.exampleCount])).toEqual([[id, 'by hand', 1]]);
    expect(await db.datasetSummaries.get(id)).toMatchObject({ id, exampleCount: 1 });
  });
});

describe('records normalised on read', () => {
  it('reads partial records from older builds without crashing', async () => {
    const db = track(new GuardDb(uniqueName()));
    const id = await db.runs.add({ status: 'weird', datasetId: 1 } as never);
    const run = await getRun(db, id);
    expect(run).toMatchObject({
      id,
      status: 'paused',
      done: 0,
      cacheHits: 0,
      metrics: null,
      error: null,
      model: { id: '', weightsRevision: 'unknown', engine: null },
      config: { extraction: 'robust', earlyStop: true, score: true, labelFlaggedValue: null },
    });
    expect(run?.config.settings).toEqual({ maxTokens: 100, temperature: 0.2, topP: 1 });
  });
});
