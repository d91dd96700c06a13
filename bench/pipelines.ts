/**
 * The two pipelines the bench compares on the same engine and model, and what is counted per pass.
 * reference-style: what RoGuard's script does — the full prompt computed for every example, no early
 * stop, up to `max_output_tokens`, no score. ours: the template prefix reused, generation stopped once
 * the verdict is read, P(flagged) read in the same pass. Both decode greedily, so verdicts must agree.
 */
import type { ClassifyOptions, ClassifyResult, ExtractionMode, Policy } from '../src/core/result';
import type { PassOutcome } from './browser';

export interface Pipeline {
  key: 'reference' | 'ours';
  title: string;
  /** Engine option: keep the KV cache of a shared prompt start between examples. */
  prefixReuse: boolean;
  options(policy: Policy, maxTokens: number, extraction?: ExtractionMode): ClassifyOptions;
}

const greedy = (maxTokens: number) => ({ maxTokens, temperature: 0, topP: 1 });

export const REFERENCE_STYLE: Pipeline = {
  key: 'reference',
  title: 'reference-style',
  prefixReuse: false,
  options: (policy, maxTokens, extraction = 'reference') => ({ policy, extraction, settings: greedy(maxTokens), earlyStop: false, score: false }),
};

export const OURS: Pipeline = {
  key: 'ours',
  title: 'ours',
  prefixReuse: true,
  options: (policy, maxTokens, extraction = 'reference') => ({ policy, extraction, settings: greedy(maxTokens), earlyStop: true, score: true }),
};

/** Totals over every pass of one pipeline. */
export interface Totals {
  examples: number;
  wallMs: number;
  /** Time inside the engine's generate calls (their own `latencyMs`). */
  engineMs: number;
  promptTokens: number;
  reusedTokens: number;
  decodeTokens: number;
  scored: number;
  failed: number;
}

export const emptyTotals = (): Totals => ({ examples: 0, wallMs: 0, engineMs: 0, promptTokens: 0, reusedTokens: 0, decodeTokens: 0, scored: 0, failed: 0 });

export function addPass(totals: Totals, pass: PassOutcome): void {
  totals.examples += pass.results.length;
  totals.wallMs += pass.wallMs;
  for (const result of pass.results) addResult(totals, result);
}

function addResult(totals: Totals, result: ClassifyResult): void {
  totals.engineMs += result.latencyMs;
  totals.promptTokens += result.usage.promptTokens;
  totals.reusedTokens += result.usage.cachedPromptTokens ?? 0;
  totals.decodeTokens += result.usage.completionTokens;
  if (result.score !== null) totals.scored++;
  if (result.error) totals.failed++;
}

/** Per-example figures of a pipeline's totals. */
export interface PerExample {
  prefillTokens: number;
  decodeTokens: number;
  msPerExample: number;
  examplesPerSecond: number;
  engineMs: number;
  overheadMs: number;
}

export function perExample(totals: Totals): PerExample {
  const n = Math.max(1, totals.examples);
  return {
    prefillTokens: (totals.promptTokens - totals.reusedTokens) / n,
    decodeTokens: totals.decodeTokens / n,
    msPerExample: totals.wallMs / n,
    examplesPerSecond: totals.examples / (totals.wallMs / 1000),
    engineMs: totals.engineMs / n,
    overheadMs: (totals.wallMs - totals.engineMs) / n,
  };
}
