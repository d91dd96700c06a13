import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { GuardDb, LATEST_VERSION, defineSchema } from './db';
import { getRun, listRuns } from './runs';
import { getCacheEntries } from './cache';

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
  it('opens at the latest version with the four tables and their keys', async () => {
    const db = track(new GuardDb(uniqueName()));
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['cache', 'datasets', 'results', 'runs']);
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
    expect(db.verno).toBe(2);

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
