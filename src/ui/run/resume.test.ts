import { describe, expect, it } from 'vitest';
import { GuardApiDouble, scriptedExamples } from '../../../tests/doubles/guard-api-double';
import { datasetOf, scriptedRunSettings } from '../../../tests/support/records';
import { quotaWhen, useTestDbs } from '../../../tests/support/store';
import { until } from '../../../tests/support/until';
import { GuardError } from '../../core/errors';
import { addDataset, getDataset } from '../../store/datasets';
import type { GuardDb } from '../../store/db';
import type { DatasetRecord, RunRecord } from '../../store/records';
import { countResults, resultsOf } from '../../store/results';
import { getRun } from '../../store/runs';
import { RunController } from './controller';

const openDb = useTestDbs('resume');

const examples = scriptedExamples(30);
const DISTINCT = 27; // #28-#30 repeat #1

const storeDataset = (db: GuardDb): Promise<DatasetRecord> => addDataset(db, datasetOf(examples));

const settings = scriptedRunSettings();

async function uninterruptedRun(): Promise<RunRecord> {
  const db = openDb();
  return new RunController(new GuardApiDouble(), db).start(await storeDataset(db), settings);
}

async function expectOneResultPerExample(db: GuardDb, run: RunRecord): Promise<void> {
  const results = await resultsOf(db, run.id);
  expect(results.map((r) => r.index)).toEqual(examples.map((e) => e.index));
  expect(run).toMatchObject({ status: 'done', done: examples.length, total: examples.length });
}

describe('pause and resume', () => {
  it('pauses mid-run keeping finished results, then resumes to the same metrics as an uninterrupted run', async () => {
    const db = openDb();
    const dataset = await storeDataset(db);
    const stalling = new GuardApiDouble({ stallAfter: 12 });
    const controller = new RunController(stalling, db, { flushMs: 5 });
    const running = controller.start(dataset, settings);
    await until(() => stalling.modelCalls > 12);
    const paused = await controller.pause();
    expect(paused?.status).toBe('paused');
    expect(await running).toEqual(paused);
    // The 12 finished prompts are kept (with #1's duplicates if #1 was among them); the stalled one is not.
    const kept = await countResults(db, paused!.id);
    expect(kept).toBeGreaterThanOrEqual(12);
    expect(paused!.done).toBe(kept);

    const healthy = new GuardApiDouble();
    const resumed = await new RunController(healthy, db).resume(paused!.id);
    expect(resumed.id).toBe(paused!.id);
    await expectOneResultPerExample(db, resumed);
    expect(healthy.modelCalls).toBe(DISTINCT - 12);
    expect(resumed.metrics).toEqual((await uninterruptedRun()).metrics);
  });

  it('cancels a run, keeps what finished, and will not resume it', async () => {
    const db = openDb();
    const dataset = await storeDataset(db);
    const stalling = new GuardApiDouble({ stallAfter: 5 });
    const controller = new RunController(stalling, db, { flushMs: 5 });
    const running = controller.start(dataset, settings);
    await until(() => stalling.modelCalls > 5);
    const cancelled = await controller.cancel();
    expect(cancelled?.status).toBe('cancelled');
    expect((await running).status).toBe('cancelled');
    expect(await countResults(db, cancelled!.id)).toBe(cancelled!.done);
    await expect(controller.resume(cancelled!.id)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    // A new start of the same benchmark is a new run, served from the cache as far as it got.
    const api = new GuardApiDouble();
    const fresh = await new RunController(api, db).start(dataset, settings);
    expect(fresh.id).not.toBe(cancelled!.id);
    expect(fresh.cacheHits).toBeGreaterThanOrEqual(5);
    expect(api.modelCalls).toBe(DISTINCT - 5);
  });

  it('cancels a stored paused run by id', async () => {
    const db = openDb();
    const dataset = await storeDataset(db);
    const stalling = new GuardApiDouble({ stallAfter: 3 });
    const controller = new RunController(stalling, db);
    const running = controller.start(dataset, settings);
    await until(() => stalling.modelCalls > 3);
    const paused = (await controller.pause())!;
    await running;
    expect((await controller.cancel(paused.id))?.status).toBe('cancelled');
    expect((await getRun(db, paused.id))?.status).toBe('cancelled');
  });
});

describe('resume after the page went away', () => {
  it('picks up a run left "running" by a closed tab: one result per example, nothing run twice, same metrics', async () => {
    const name = `crash-${crypto.randomUUID()}`;
    const tab1 = openDb({ name });
    const dataset = await storeDataset(tab1);
    const dying = new GuardApiDouble({ stallAfter: 15 });
    const doomed = new RunController(dying, tab1, { flushMs: 5 }).start(dataset, settings);
    doomed.catch(() => undefined); // the old page's promise dies with its database connection
    await until(async () => dying.modelCalls > 15 && (await countResults(tab1, 1)) > 0);
    tab1.close(); // the tab is gone: nothing more is written from it

    const tab2 = openDb({ name });
    const api = new GuardApiDouble();
    const controller = new RunController(api, tab2);
    const [left] = await controller.resumableRuns();
    expect(left).toMatchObject({ status: 'running', datasetId: dataset.id });
    const storedBefore = await countResults(tab2, left!.id);
    const cachedBefore = await tab2.cache.count();
    expect(storedBefore).toBeGreaterThan(0);
    expect(left!.done).toBe(storedBefore);

    // Starting the same benchmark again finds the unfinished run and resumes it.
    const finished = await controller.start((await getDataset(tab2, dataset.id))!, settings);
    expect(finished.id).toBe(left!.id);
    await expectOneResultPerExample(tab2, finished);
    expect(api.modelCalls).toBe(DISTINCT - cachedBefore);
    expect(new Set(api.prompts).size).toBe(api.prompts.length);
    expect(finished.metrics).toEqual((await uninterruptedRun()).metrics);
    expect(await controller.resumableRuns()).toEqual([]);
  });

  it('pauses on a lost device with the reason, and resumes to completion', async () => {
    const db = openDb();
    const dataset = await storeDataset(db);
    const lost = new GuardError('DEVICE_LOST', 'The GPU was lost; reload the model to go on.');
    const failing = new GuardApiDouble({ failAfter: { calls: 8, error: lost } });
    const stopped = await new RunController(failing, db).start(dataset, settings);
    expect(stopped.status).toBe('paused');
    expect(stopped.error).toMatchObject({ code: 'DEVICE_LOST', message: lost.message });
    expect(stopped.done).toBe(await countResults(db, stopped.id));
    expect(stopped.done).toBeGreaterThanOrEqual(8);

    const api = new GuardApiDouble();
    const resumed = await new RunController(api, db).resume(stopped.id);
    await expectOneResultPerExample(db, resumed);
    expect(resumed.error).toBeNull();
    expect(api.modelCalls).toBe(DISTINCT - 8);
    expect(resumed.metrics).toEqual((await uninterruptedRun()).metrics);
  });

  it('pauses when storage is full, says how much is needed, never half-writes, and resumes once there is room', async () => {
    let roomForBatches = 2;
    const quota = quotaWhen((table) => table === 'results' && roomForBatches-- <= 0);
    const db = openDb({ middleware: [quota] });
    const dataset = await storeDataset(db);
    const stopped = await new RunController(new GuardApiDouble(), db, { batchSize: 5 }).start(dataset, settings);
    expect(stopped.status).toBe('paused');
    expect(stopped.error?.code).toBe('STORAGE_QUOTA');
    expect(stopped.error?.message).toMatch(/needs about [\d.]+ (B|KB|MB) more/);
    expect(stopped.error?.details?.bytesNeeded).toBeGreaterThan(0);
    // Two batches landed whole; the run's counters match them exactly.
    const stored = await countResults(db, stopped.id);
    expect(stored).toBeGreaterThanOrEqual(10);
    expect(stored).toBeLessThan(examples.length);
    expect(stopped.done).toBe(stored);
    expect(await db.cache.count()).toBe(new Set((await resultsOf(db, stopped.id)).map((r) => r.cacheKey)).size);

    roomForBatches = Number.POSITIVE_INFINITY;
    const resumed = await new RunController(new GuardApiDouble(), db).resume(stopped.id);
    await expectOneResultPerExample(db, resumed);
    expect(resumed.metrics).toEqual((await uninterruptedRun()).metrics);
  });
});
