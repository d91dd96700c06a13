/**
 * Both pipelines on one engine in one browser: each gets a worker of its own with the same model
 * (prefix reuse off for the reference style), and they take turns over the same examples, round
 * after round, so both see the same machine load. Then the checks: same verdicts, no late tokens.
 */
import type { ModelSpec } from '../src/core/engine';
import { verdictStopCondition } from '../src/core/classify';
import type { Example } from '../src/core/example';
import type { ClassifyResult, ExtractionMode } from '../src/core/result';
import type { BenchBrowser, PassOutcome } from './browser';
import { compareVerdicts, stopAccount, type Agreement, type StopAccount } from './checks';
import { withTriggers, type BenchInputs } from './inputs';
import { OURS, REFERENCE_STYLE, addPass, emptyTotals, type Pipeline, type Totals } from './pipelines';

export interface EngineBenchOptions {
  rounds: number;
  /** The model to load in both workers, without `options.prefixReuse` (set per pipeline). */
  model: ModelSpec;
  /** Also run the sample with trigger words (only meaningful on the tiny model). */
  flaggedVariant: boolean;
}

export interface EngineBench {
  examples: number;
  rounds: number;
  totals: Record<Pipeline['key'], Totals>;
  agreement: Agreement;
  /** Our early stop in reference reading on the sample. */
  stop: StopAccount;
  /** The sample with trigger words on its unsafe rows, ours in robust reading (stops after the closing brace when flagged). */
  flagged: { examples: number; flaggedVerdicts: number; agreement: Agreement; stop: StopAccount } | null;
}

function merge(into: Agreement, from: Agreement): void {
  into.compared += from.compared;
  into.sameVerdict += from.sameVerdict;
  into.sameText += from.sameText;
  into.mismatches.push(...from.mismatches);
}

/**
 * @throws Error when the reference-style worker reused prompt tokens (an app built before prefix reuse
 * could be turned off), or a pass was cut short.
 */
export async function benchEngine(browser: BenchBrowser, inputs: BenchInputs, options: EngineBenchOptions): Promise<EngineBench> {
  const maxTokens = inputs.config.max_output_tokens;
  for (const pipeline of [REFERENCE_STYLE, OURS]) {
    await browser.load(pipeline.key, { ...options.model, options: { ...options.model.options, prefixReuse: pipeline.prefixReuse } });
  }
  const run = async (pipeline: Pipeline, examples: Example[], extraction: ExtractionMode = 'reference'): Promise<PassOutcome> => {
    const pass = await browser.pass(pipeline.key, examples, pipeline.options(inputs.policy, maxTokens, extraction));
    if (pass.summary.aborted || pass.results.length !== examples.length) throw new Error(`The ${pipeline.title} pass ended after ${pass.results.length} of ${examples.length} examples.`);
    return pass;
  };

  const totals = { reference: emptyTotals(), ours: emptyTotals() };
  const agreement: Agreement = { compared: 0, sameVerdict: 0, sameText: 0, mismatches: [] };
  let stop: StopAccount | null = null;
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? [REFERENCE_STYLE, OURS] : [OURS, REFERENCE_STYLE];
    const results: Partial<Record<Pipeline['key'], ClassifyResult[]>> = {};
    for (const pipeline of order) {
      const pass = await run(pipeline, inputs.examples);
      addPass(totals[pipeline.key], pass);
      results[pipeline.key] = pass.results;
    }
    merge(agreement, compareVerdicts(results.reference!, results.ours!));
    stop ??= stopAccount(results.reference!, results.ours!, verdictStopCondition(inputs.policy, 'reference'));
  }
  if (totals.reference.reusedTokens > 0) {
    throw new Error('The reference-style worker reused prompt tokens: the built app predates the prefixReuse option. Rebuild it (npm run build) and run the bench again.');
  }

  return { examples: inputs.examples.length, rounds: options.rounds, totals, agreement, stop: stop!, flagged: options.flaggedVariant ? await flaggedVariant() : null };

  async function flaggedVariant(): Promise<NonNullable<EngineBench['flagged']>> {
    const triggered = withTriggers(inputs.examples);
    const full = (await run(REFERENCE_STYLE, triggered)).results;
    const robust = (await run(OURS, triggered, 'robust')).results;
    return {
      examples: triggered.length,
      flaggedVerdicts: robust.filter((result) => result.verdict.status === 'flagged').length,
      agreement: compareVerdicts(full, robust),
      stop: stopAccount(full, robust, verdictStopCondition(inputs.policy, 'robust')),
    };
  }
}
