import { describe, expect, it } from 'vitest';
import { runConfigOf } from '../../tests/support/records';
import { useTestDbs } from '../../tests/support/store';
import { saveBatch } from './batch';
import { cacheSize, clearCache, clearCacheBefore, getCacheEntries, scoreForReading, servesReading } from './cache';
import { addDataset, deleteDataset, getDataset, listDatasets } from './datasets';
import type { CacheRecord, NewDataset, ResultRecord } from './records';
import { countResults, finishedIndices } from './results';
import { createRun, deleteRun, getRun, listRuns, unfinishedRuns, updateRun } from './runs';

const openDb = useTestDbs('manage');

const dataset: NewDataset = {
  name: 'tiny',
  fileName: 'tiny.csv',
  rowCount: 3,
  columns: ['prompt', 'label'],
  mapping: { prompt: 'prompt', label: 'label' },
  benchmark: null,
  examples: [
    { index: 1, prompt: 'a', response: null, label: 'safe' },
    { index: 2, prompt: 'b', response: null, label: 'unsafe' },
  ],
  nullResponseText: '',
  report: [{ row: 3, reason: 'row 3: "prompt" is empty' }],
};

const config = runConfigOf();

function result(runId: number, index: number): ResultRecord {
  return {
    runId,
    index,
    raw: '{"User Safety": "safe"}',
    verdict: { value: 'safe', status: 'safe', categories: [], fields: { 'User Safety': 'safe' } },
    score: 0.1,
    latencyMs: 5,
    usage: { promptTokens: 3, completionTokens: 4 },
    finishReason: 'stop',
    error: null,
    fromCache: false,
    duplicateOf: null,
    cacheKey: `k${index}`,
  };
}

function entry(key: string, createdAt: number, extra: Partial<CacheRecord> = {}): CacheRecord {
  return { key, raw: 'x', score: 0.4, scoreFor: null, usage: { promptTokens: 1, completionTokens: 1 }, finishReason: 'stop', stopFor: null, latencyMs: 1, createdAt, ...extra };
}

describe('datasets and runs', () => {
  it('lists datasets newest first without their examples, and deletes one with its runs and results', async () => {
    const db = openDb();
    const older = await addDataset(db, { ...dataset, createdAt: 1 });
    const newer = await addDataset(db, { ...dataset, name: 'newer', createdAt: 2 });
    const list = await listDatasets(db);
    expect(list.map((d) => d.name)).toEqual(['newer', 'tiny']);
    expect(list[1]).toMatchObject({ exampleCount: 2, reportedCount: 1, rowCount: 3 });
    expect(list[1]).not.toHaveProperty('examples');

    const run = await createRun(db, { datasetId: older.id, datasetName: older.name, config, model: { id: 'm', weightsRevision: 'r', engine: null }, total: 2 });
    const keep = await createRun(db, { datasetId: newer.id, datasetName: newer.name, config, model: { id: 'm', weightsRevision: 'r', engine: null }, total: 2 });
    await saveBatch(db, { runId: run.id, results: [result(run.id, 1), result(run.id, 2)], cacheEntries: [], run: { done: 2 } });
    await saveBatch(db, { runId: keep.id, results: [result(keep.id, 1)], cacheEntries: [], run: { done: 1 } });
    expect([...(await finishedIndices(db, run.id))]).toEqual([1, 2]);

    await deleteDataset(db, older.id);
    expect(await getDataset(db, older.id)).toBeUndefined();
    expect(await getRun(db, run.id)).toBeUndefined();
    expect(await countResults(db, run.id)).toBe(0);
    expect(await countResults(db, keep.id)).toBe(1);
  });

  it('lists runs by last update, finds unfinished ones, and deletes a run with its results only', async () => {
    const db = openDb();
    const ds = await addDataset(db, dataset);
    const model = { id: 'm', weightsRevision: 'r', engine: null };
    const a = await createRun(db, { datasetId: ds.id, datasetName: ds.name, config, model, total: 2 }, 100);
    const b = await createRun(db, { datasetId: ds.id, datasetName: ds.name, config, model, total: 2 }, 200);
    await updateRun(db, a.id, { status: 'paused' }, 300);
    await updateRun(db, b.id, { status: 'done' }, 250);
    expect((await listRuns(db)).map((r) => r.id)).toEqual([a.id, b.id]);
    expect((await unfinishedRuns(db)).map((r) => r.id)).toEqual([a.id]);
    expect(await unfinishedRuns(db, ds.id + 1)).toEqual([]);

    await saveBatch(db, { runId: a.id, results: [result(a.id, 1)], cacheEntries: [entry('k1', 1)], run: { done: 1 } });
    await deleteRun(db, a.id);
    expect(await getRun(db, a.id)).toBeUndefined();
    expect(await countResults(db, a.id)).toBe(0);
    expect(await cacheSize(db)).toBe(1); // the cache outlives the run
  });
});

describe('the cache table', () => {
  it('clears everything, or only entries older than a time', async () => {
    const db = openDb();
    await db.cache.bulkPut([entry('old', 10), entry('mid', 20), entry('new', 30)]);
    expect(await clearCacheBefore(db, 25)).toBe(2);
    expect([...(await getCacheEntries(db, ['old', 'mid', 'new'])).keys()]).toEqual(['new']);
    await clearCache(db);
    expect(await cacheSize(db)).toBe(0);
  });

  it('serves a complete output to any reading, an early-stopped one only to its own', () => {
    const policy = { outputField: 'User Safety', flaggedValue: 'unsafe' };
    const reading = { policy, extraction: 'robust' as const };
    const early = entry('e', 1, { finishReason: 'early', stopFor: JSON.stringify(['User Safety', 'unsafe', 'robust']) });
    expect(servesReading(entry('c', 1), reading)).toBe(true);
    expect(servesReading(entry('c', 1, { finishReason: 'length' }), { ...reading, extraction: 'reference' })).toBe(true);
    expect(servesReading(early, reading)).toBe(true);
    expect(servesReading(early, { ...reading, policy: { ...policy, flaggedValue: 'UNSAFE' } })).toBe(true);
    expect(servesReading(early, { ...reading, extraction: 'reference' })).toBe(false);
    expect(servesReading(early, { ...reading, policy: { ...policy, outputField: 'Response Safety' } })).toBe(false);
    expect(servesReading(entry('old', 1, { finishReason: 'early', stopFor: null }), reading)).toBe(false);
  });

  it('returns a stored score only for the field and flagged value it was computed for', () => {
    const scored = entry('s', 1, { score: 0.7, scoreFor: JSON.stringify(['User Safety', 'unsafe']) });
    expect(scoreForReading(scored, { outputField: 'User Safety', flaggedValue: 'Unsafe' })).toBe(0.7);
    expect(scoreForReading(scored, { outputField: 'User Safety', flaggedValue: 'safe' })).toBeNull();
    expect(scoreForReading(entry('n', 1), { outputField: 'User Safety', flaggedValue: 'unsafe' })).toBeNull();
  });
});
