import type { DBCore, Middleware } from 'dexie';
import { describe, expect, it } from 'vitest';
import { GuardApiDouble, scriptedExamples, UNSAFE_TRIGGER } from '../../../tests/doubles/guard-api-double';
import { datasetOf } from '../../../tests/support/records';
import { useTestDbs } from '../../../tests/support/store';
import { evaluate } from '../../core/evaluation';
import { GuardError } from '../../core/errors';
import type { Example } from '../../core/example';
import { addDataset } from '../../store/datasets';
import type { GuardDb } from '../../store/db';
import type { DatasetRecord } from '../../store/records';
import { resultsOf } from '../../store/results';
import { listRuns } from '../../store/runs';
import { RunController } from './controller';
import type { RunProgress, RunSettings } from './types';

const openDb = useTestDbs('run');

const storeDataset = (db: GuardDb, examples: Example[] = scriptedExamples()): Promise<DatasetRecord> =>
  addDataset(db, datasetOf(examples, { fileName: 'scripted.jsonl', nullResponseText: 'None' }));

const settings: RunSettings = {
  name: 'scripted',
  policy: {
    template: '\n  Judge the talk.\nUser: {prompt}\nAgent: {response}\nAnswer as {{"User Safety": ...}}.\nOutput JSON:  \n',
    outputField: 'User Safety',
    flaggedValue: 'unsafe',
  },
  extraction: 'robust',
  settings: { maxTokens: 100, temperature: 0, topP: 1 },
  labelFlaggedValue: 'unsafe',
  model: { id: 'scripted-model', weightsRevision: 'r1', engine: 'wllama' },
};

/** Metrics of the same examples classified one by one, straight through the API (no controller). */
async function directMetrics(examples: Example[], run: RunSettings) {
  const api = new GuardApiDouble();
  const options = {
    policy: { ...run.policy, template: run.policy.template.trim() },
    extraction: run.extraction,
    settings: run.settings,
    nullResponseText: '' as const,
    earlyStop: run.earlyStop,
  };
  const results = [];
  for (const example of examples) results.push(await api.check(example, options));
  return evaluate(examples, results, { flaggedValue: 'unsafe' });
}

const distinctPrompts = (examples: Example[]) => new Set(examples.map((e) => `${e.prompt}\u0000${e.response}`)).size;

describe('a run from start to end', () => {
  it('stores one result per example, runs each distinct prompt once, and gets the direct metrics', async () => {
    const db = openDb();
    const dataset = await storeDataset(db);
    const api = new GuardApiDouble();
    const controller = new RunController(api, db);
    const events: RunProgress[] = [];
    controller.onProgress((p) => events.push(p));

    const run = await controller.start(dataset, settings);

    expect(run.status).toBe('done');
    const results = await resultsOf(db, run.id);
    expect(results.map((r) => r.index)).toEqual(dataset.examples.map((e) => e.index));
    // #28-#30 repeat #1: 30 examples, 27 distinct prompts, 27 model calls.
    expect(distinctPrompts(dataset.examples)).toBe(27);
    expect(api.modelCalls).toBe(27);
    expect(new Set(api.prompts).size).toBe(27);
    expect(results.filter((r) => r.duplicateOf === 1).map((r) => r.index)).toEqual([28, 29, 30]);
    expect(results.find((r) => r.index === 30)?.raw).toBe(results.find((r) => r.index === 1)?.raw);
    expect(run).toMatchObject({ done: 30, total: 30, cacheHits: 0, duplicates: 3, errors: 0 });
    expect(run.timings.finishedAt).not.toBeNull();

    const direct = await directMetrics(dataset.examples, settings);
    expect(run.metrics).toEqual({
      counts: direct.counts,
      precision: direct.metrics.precision,
      recall: direct.metrics.recall,
      f1: direct.metrics.f1,
      fpr: direct.metrics.fpr,
      total: 30,
      skipped: 1,
      unparsed: direct.unparsed,
    });
    // Hand count: unsafe said by #3, 6, ..., 27 (9), of which #6 is labelled safe (fp 1, tp 8); #4 is
    // labelled unsafe and said safe (fn 1); #7 and #14 are garbled (unparsed 2; #21 says the unsafe trigger);
    // #5 has no label (skipped 1); tn = 30 - 1 - 2 - 8 - 1 - 1 = 17.
    expect(run.metrics?.counts).toEqual({ tp: 8, fp: 1, fn: 1, tn: 17 });
    expect(run.metrics?.unparsed).toBe(2);

    const last = events.at(-1)!;
    expect(last).toMatchObject({ status: 'done', phase: 'stopped', done: 30, total: 30, cacheHits: 0, duplicates: 3 });
    expect(last.metrics?.f1).toBe(run.metrics?.f1);
    expect(events.some((e) => e.phase === 'preparing')).toBe(true);
    expect(events.filter((e) => e.examplesPerSecond !== null).length).toBeGreaterThan(0);
  });

  it('sends the model exactly the prompt its cache key was made from (the prepared template)', async () => {
    const db = openDb();
    const dataset = await storeDataset(db, scriptedExamples(12));
    const api = new GuardApiDouble();
    await new RunController(api, db).start(dataset, settings);
    expect(api.prompts[0]).toBe('Judge the talk.\nUser: hello there 1\nAgent: reply 1\nAnswer as {"User Safety": ...}.\nOutput JSON:');
    // robust mode sends an empty text for a null response (the reference's "None" only in reference mode)
    expect(api.prompts.find((p) => p.includes('hello there 8'))).toContain('Agent: \n');
  });

  it('writes results in few transactions, each a batch', async () => {
    let resultWrites = 0;
    const countWrites: Middleware<DBCore> = {
      stack: 'dbcore',
      name: 'count-result-writes',
      create: (down) => ({
        ...down,
        transaction: (stores, mode, options) => {
          if (mode === 'readwrite' && stores.includes('results')) resultWrites++;
          return down.transaction(stores, mode, options);
        },
      }),
    };
    const db = openDb({ middleware: [countWrites] });
    const examples = Array.from({ length: 200 }, (_, i): Example => ({ index: i + 1, prompt: `question ${i + 1}`, response: null, label: 'safe' }));
    const dataset = await storeDataset(db, examples);
    const run = await new RunController(new GuardApiDouble(), db, { batchSize: 25 }).start(dataset, settings);
    expect(run.done).toBe(200);
    expect(await resultsOf(db, run.id)).toHaveLength(200);
    // Each write holds at least a batch of 25 (only the last may hold fewer): at most 8 + 1, not 200.
    expect(resultWrites).toBeGreaterThanOrEqual(1);
    expect(resultWrites).toBeLessThanOrEqual(9);
  });

  it('records an example-level error, keeps going, and does not cache the failure', async () => {
    const db = openDb();
    const dataset = await storeDataset(db, scriptedExamples(12));
    const tooLong = (prompt: string) => prompt.includes('hello there 2\n');
    const first = await new RunController(new GuardApiDouble({ overflowWhen: tooLong }), db).start(dataset, settings);
    expect(first.status).toBe('done');
    expect(first.errors).toBe(1);
    const failed = (await resultsOf(db, first.id)).find((r) => r.index === 2);
    expect(failed?.error?.code).toBe('CONTEXT_OVERFLOW');
    expect(failed?.verdict.status).toBe('unparsed');

    const again = new GuardApiDouble();
    const second = await new RunController(again, db).start(dataset, settings);
    expect(again.modelCalls).toBe(1);
    expect(second.cacheHits).toBe(11);
  });

  it('refuses an invalid template before creating a run', async () => {
    const db = openDb();
    const dataset = await storeDataset(db);
    const bad = { ...settings, policy: { ...settings.policy, template: 'User: {prompt} {oops}' } };
    const failure = await new RunController(new GuardApiDouble(), db).start(dataset, bad).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GuardError);
    expect((failure as GuardError).code).toBe('BAD_TEMPLATE');
    expect(await listRuns(db)).toEqual([]);
  });

  it('refuses a second start while a run is going', async () => {
    const db = openDb();
    const dataset = await storeDataset(db);
    const controller = new RunController(new GuardApiDouble({ stallAfter: 2 }), db);
    const first = controller.start(dataset, settings);
    await expect(controller.start(dataset, settings)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await controller.cancel();
    expect((await first).status).toBe('cancelled');
  });
});

describe('the result cache', () => {
  it('serves a second run of the same benchmark with zero model calls and all cache hits', async () => {
    const db = openDb();
    const dataset = await storeDataset(db);
    const first = await new RunController(new GuardApiDouble(), db).start(dataset, settings);
    const api = new GuardApiDouble();
    const controller = new RunController(api, db);
    const events: RunProgress[] = [];
    controller.onProgress((p) => events.push(p));
    const second = await controller.start(dataset, settings);

    expect(second.id).not.toBe(first.id);
    expect(api.modelCalls).toBe(0);
    expect(api.checkManyCalls).toBe(0);
    expect(second).toMatchObject({ status: 'done', done: 30, cacheHits: 30 });
    expect(second.metrics).toEqual(first.metrics);
    expect(events.at(-1)).toMatchObject({ cacheHits: 30, done: 30, status: 'done' });
    expect((await resultsOf(db, second.id)).every((r) => r.fromCache)).toBe(true);
  });

  it('re-reads cached outputs with new parsing settings instead of running the model', async () => {
    const db = openDb();
    const dataset = await storeDataset(db);
    const full = { ...settings, earlyStop: false };
    await new RunController(new GuardApiDouble(), db).start(dataset, full);

    const api = new GuardApiDouble();
    const reference = await new RunController(api, db).start(dataset, { ...full, extraction: 'reference' });
    // Only #8 runs again: reference mode sends its null response as the dataset's "None", a different prompt.
    expect(api.prompts).toEqual([expect.stringContaining('User: hello there 8\nAgent: None\n')]);
    expect(reference.cacheHits).toBe(29);
    const garbled = (await resultsOf(db, reference.id)).find((r) => r.index === 7)!;
    // reference mode reads the leading word run of a reply without the field; robust mode said unparsed
    expect(garbled.verdict).toMatchObject({ value: 'I', status: 'safe' });
    expect(reference.metrics?.unparsed).toBe(0);

    const flipped = await new RunController(api, db).start(dataset, { ...full, policy: { ...full.policy, flaggedValue: 'safe' } });
    expect(api.modelCalls).toBe(1);
    expect(flipped.cacheHits).toBe(30);
    const flippedResults = await resultsOf(db, flipped.id);
    expect(flippedResults.find((r) => r.index === 1)?.verdict.status).toBe('flagged');
    expect(flippedResults.find((r) => r.index === 3)?.verdict.status).toBe('safe');
  });

  it('keeps the score only for the reading it was computed for', async () => {
    const db = openDb();
    const examples: Example[] = [{ index: 1, prompt: `${UNSAFE_TRIGGER} ${UNSAFE_TRIGGER}`, response: 'ok', label: 'unsafe' }];
    const dataset = await storeDataset(db, examples);
    const full = { ...settings, earlyStop: false };
    const first = await new RunController(new GuardApiDouble(), db).start(dataset, full);
    const [scored] = await resultsOf(db, first.id);
    expect(scored?.score).toBeCloseTo(0.8, 6);

    const reread = await new RunController(new GuardApiDouble(), db).start(dataset, { ...full, extraction: 'reference' });
    expect((await resultsOf(db, reread.id))[0]?.score).toBeCloseTo(0.8, 6);
    const other = await new RunController(new GuardApiDouble(), db).start(dataset, { ...full, policy: { ...full.policy, outputField: 'Response Safety' } });
    expect((await resultsOf(db, other.id))[0]?.score).toBeNull();
  });

  it('runs again only the outputs that early stop cut short for a different reading', async () => {
    const db = openDb();
    const dataset = await storeDataset(db);
    await new RunController(new GuardApiDouble(), db).start(dataset, settings);
    const api = new GuardApiDouble();
    const run = await new RunController(api, db).start(dataset, { ...settings, policy: { ...settings.policy, outputField: 'Response Safety' } });
    const results = await resultsOf(db, run.id);
    const rerun = results.filter((r) => !r.fromCache);
    expect(api.modelCalls).toBe(new Set(rerun.map((r) => r.cacheKey)).size);
    expect(results.filter((r) => r.fromCache).every((r) => r.finishReason !== 'early')).toBe(true);
    expect(run.status).toBe('done');
  });

  it('changes the key, and runs the model, when the model or its weights change', async () => {
    const db = openDb();
    const dataset = await storeDataset(db, scriptedExamples(9));
    await new RunController(new GuardApiDouble(), db).start(dataset, settings);
    const api = new GuardApiDouble();
    await new RunController(api, db).start(dataset, { ...settings, model: { ...settings.model, weightsRevision: 'r2' } });
    expect(api.modelCalls).toBe(distinctPrompts(dataset.examples));
    await new RunController(api, db).start(dataset, { ...settings, model: { ...settings.model, id: 'another-model' } });
    expect(api.modelCalls).toBe(2 * distinctPrompts(dataset.examples));
  });
});
