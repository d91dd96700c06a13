import { describe, expect, it } from 'vitest';
import { GuardApiDouble, scriptedExamples } from '../../../tests/doubles/guard-api-double';
import { datasetOf, scriptedRunSettings } from '../../../tests/support/records';
import { useTestDbs } from '../../../tests/support/store';
import { until } from '../../../tests/support/until';
import { GuardError } from '../../core/errors';
import type { Example } from '../../core/example';
import type { ClassifyOptions, ClassifyResult } from '../../core/result';
import { addDataset } from '../../store/datasets';
import { resultsOf } from '../../store/results';
import { getRun, listRuns } from '../../store/runs';
import { RunController } from './controller';
import { memoryLocks } from './lock';
import type { RunApi } from './types';

const openDb = useTestDbs('lock');
const examples = scriptedExamples(30);
const DISTINCT = 27; // #28-#30 repeat #1

const settings = scriptedRunSettings();

/** The double behind a gate: its first `checkMany` waits until `open()`, so a run is surely going meanwhile. */
function gated(api: GuardApiDouble): RunApi & { open(): void } {
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  return {
    open: () => open(),
    async checkMany(batch: Example[], options: ClassifyOptions, onResult: (result: ClassifyResult) => void) {
      await gate;
      return api.checkMany(batch, options, onResult);
    },
    abort: () => api.abort(),
  };
}

async function rejection(promise: Promise<unknown>): Promise<GuardError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GuardError);
  return error as GuardError;
}

describe('one controller drives a run at a time', () => {
  it('a second controller on the same database neither starts nor resumes a run the first holds', async () => {
    const db = openDb();
    const dataset = await addDataset(db, datasetOf(examples));
    const locks = memoryLocks();
    const firstApi = new GuardApiDouble();
    const secondApi = new GuardApiDouble();
    const first = gated(firstApi);
    const firstTab = new RunController(first, db, { ...locks, flushMs: 5 });
    const secondTab = new RunController(secondApi, db, { ...locks, flushMs: 5 });

    const running = firstTab.start(dataset, settings);
    await until(() => firstTab.activeRunId !== null);
    const runId = firstTab.activeRunId!;
    expect(await secondTab.runningElsewhere([runId])).toEqual(new Set([runId]));
    expect(await firstTab.runningElsewhere([runId])).toEqual(new Set());

    const refused = await rejection(secondTab.start(dataset, settings));
    expect(refused.code).toBe('BAD_INPUT');
    expect(refused.details).toMatchObject({ runId, elsewhere: true });
    expect(refused.message).toContain('running in another tab');
    expect((await rejection(secondTab.resume(runId))).details).toMatchObject({ runId, elsewhere: true });
    expect(secondTab.activeRunId).toBeNull();
    expect((await getRun(db, runId))?.status).toBe('running');

    first.open();
    const run = await running;
    expect(run).toMatchObject({ id: runId, status: 'done', done: examples.length, total: examples.length });
    expect((await listRuns(db)).map((r) => r.id)).toEqual([runId]);
    expect(secondApi.modelCalls).toBe(0);
    expect(firstApi.modelCalls + secondApi.modelCalls).toBe(DISTINCT);
    expect((await resultsOf(db, runId)).map((r) => r.index)).toEqual(examples.map((e) => e.index));
    expect(await secondTab.runningElsewhere([runId])).toEqual(new Set());
  });

  it('takes a run over once the controller holding it lets go, and finishes it with one result per example', async () => {
    const db = openDb();
    const dataset = await addDataset(db, datasetOf(examples));
    const locks = memoryLocks();
    const stalling = new GuardApiDouble({ stallAfter: 10 });
    const firstTab = new RunController(stalling, db, { ...locks, flushMs: 5 });
    const secondApi = new GuardApiDouble();
    const secondTab = new RunController(secondApi, db, { ...locks, flushMs: 5 });

    const running = firstTab.start(dataset, settings);
    await until(() => stalling.modelCalls > 10);
    const runId = firstTab.activeRunId!;
    await rejection(secondTab.resume(runId));
    expect(secondApi.modelCalls).toBe(0);

    // The first tab goes away: its lock is released, and the run is left unfinished in the store.
    await firstTab.pause();
    await running;
    expect(await secondTab.runningElsewhere([runId])).toEqual(new Set());
    const finished = await secondTab.resume(runId);
    expect(finished).toMatchObject({ id: runId, status: 'done', done: examples.length });
    expect((await resultsOf(db, runId)).map((r) => r.index)).toEqual(examples.map((e) => e.index));
    // The second tab ran only what the first had not finished: each distinct prompt finished once in all.
    const finishedFirst = stalling.prompts.slice(0, 10);
    expect(new Set([...finishedFirst, ...secondApi.prompts]).size).toBe(DISTINCT);
    expect(finishedFirst.length + secondApi.modelCalls).toBe(DISTINCT);
  });
});
