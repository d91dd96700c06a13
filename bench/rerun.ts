/**
 * Time to re-run a benchmark whose every example is in the result cache, through the page's run
 * controller and the IndexedDB store (in Node on fake-indexeddb). The cache is filled first with the
 * tiny model's answers to these prompts; the worker API given to the controller fails if it is called.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { TINY_MODEL_OUTPUTS, TINY_MODEL_TRIGGERS } from '../scripts/make-tiny-model';
import type { Example } from '../src/core/example';
import { extractVerdict } from '../src/core/verdict';
import { scoreSignature, stopSignature } from '../src/store/cache';
import { addDataset } from '../src/store/datasets';
import { GuardDb } from '../src/store/db';
import type { CacheRecord } from '../src/store/records';
import { RunController } from '../src/ui/run/controller';
import { planPrompts, runConfigFor } from '../src/ui/run/plan';
import type { RunApi, RunSettings } from '../src/ui/run/types';
import { datasetOf } from '../tests/support/records';
import { withTriggers, type BenchInputs } from './inputs';

export interface RerunTiming {
  examples: number;
  ms: number;
  cacheHits: number;
  modelCalls: number;
  status: string;
}

/** `count` distinct examples cycled from the sample, half of them with a trigger word the tiny model flags. */
function manyExamples(sample: readonly Example[], count: number): Example[] {
  const base = withTriggers(sample);
  return Array.from({ length: count }, (_, i) => {
    const from = base[i % base.length]!;
    return { ...from, index: i + 1, prompt: `${from.prompt} [${i + 1}]` };
  });
}

/** The tiny model's answer, cut where our early stop cuts it in reference reading. */
function tinyAnswer(prompt: string): string {
  const flagged = TINY_MODEL_TRIGGERS.strong.some((word) => prompt.toLowerCase().includes(word));
  const full = flagged ? TINY_MODEL_OUTPUTS.flagged : TINY_MODEL_OUTPUTS.safe;
  return full.slice(0, full.indexOf('"Response Safety"'));
}

/**
 * Runs `count` cached examples through a fresh RunController and store, timed from start to the stored run.
 * @throws Error when the run did not finish from the cache alone.
 */
export async function timeCachedRerun(inputs: BenchInputs, count: number): Promise<RerunTiming> {
  const db = new GuardDb(`roguard-bench-${Date.now()}`);
  try {
    const examples = manyExamples(inputs.examples, count);
    const dataset = await addDataset(db, datasetOf(examples, { name: 'bench', fileName: 'bench.csv' }));
    const settings: RunSettings = {
      name: 'aegis',
      policy: inputs.policy,
      extraction: 'reference',
      settings: { maxTokens: inputs.config.max_output_tokens, temperature: 0, topP: 1 },
      labelFlaggedValue: 'unsafe',
      model: { id: 'tiny-guard', weightsRevision: 'bench', engine: 'wllama' },
    };
    const config = runConfigFor(settings, dataset.nullResponseText);
    const groups = await planPrompts(examples, config, { ...settings.model, engine: 'wllama' });
    const entries: CacheRecord[] = groups.map((group) => {
      const raw = tinyAnswer(group.prompt);
      return {
        key: group.key,
        raw,
        score: extractVerdict(raw, config.policy, 'reference').status === 'flagged' ? 0.858 : 0.015,
        scoreFor: scoreSignature(config.policy),
        usage: { promptTokens: 2200, completionTokens: 3, cachedPromptTokens: 2100 },
        finishReason: 'early',
        stopFor: stopSignature(config.policy, 'reference'),
        latencyMs: 50,
        createdAt: Date.now(),
      };
    });
    await db.cache.bulkPut(entries);

    let modelCalls = 0;
    const api: RunApi = {
      checkMany: async () => {
        modelCalls++;
        throw new Error('The bench expected every example to come from the cache.');
      },
      abort: async () => {},
    };
    const started = performance.now();
    const run = await new RunController(api, db).start(dataset, settings);
    const ms = performance.now() - started;
    if (run.status !== 'done' || run.cacheHits !== count) {
      throw new Error(`The cached re-run ended ${run.status} with ${run.cacheHits} of ${count} examples from the cache${run.error ? `: ${run.error.message}` : ''}.`);
    }
    return { examples: count, ms, cacheHits: run.cacheHits, modelCalls, status: run.status };
  } finally {
    db.close();
    await Dexie.delete(db.name);
  }
}
