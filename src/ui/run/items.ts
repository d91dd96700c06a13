/** The records a finished prompt becomes: one result per example sending it, and its cache entry. */
import type { ClassifyResult } from '../../core/result';
import { extractVerdict } from '../../core/verdict';
import { scoreForReading, scoreSignature, stopSignature } from '../../store/cache';
import type { CacheRecord, ResultRecord, RunConfig } from '../../store/records';
import type { PromptGroup } from './plan';
import type { WriteItem } from './writer';

/** A cached output, read again with the run's CURRENT parsing settings. */
export function itemsFromCache(runId: number, group: PromptGroup, entry: CacheRecord, config: RunConfig): WriteItem[] {
  const verdict = extractVerdict(entry.raw, config.policy, config.extraction);
  const score = scoreForReading(entry, config.policy);
  const [first] = group.indices;
  return group.indices.map((index) => ({
    result: {
      runId,
      index,
      raw: entry.raw,
      verdict,
      score,
      latencyMs: entry.latencyMs,
      usage: entry.usage,
      finishReason: entry.finishReason,
      error: null,
      fromCache: true,
      duplicateOf: index === first ? null : first!,
      cacheKey: group.key,
    },
    cacheEntry: null,
  }));
}

/** A prompt that did not really finish (aborted): it stays unfinished and runs again on resume. */
export function isUnfinished(result: ClassifyResult): boolean {
  return result.finishReason === 'abort' || result.error?.code === 'ABORTED';
}

/** The model's answer for a group's first example, shared with the group's duplicates. */
export function itemsFromModel(runId: number, group: PromptGroup, result: ClassifyResult, config: RunConfig, now: number): WriteItem[] {
  const [first] = group.indices;
  const cacheEntry: CacheRecord | null = result.error
    ? null
    : {
        key: group.key,
        raw: result.raw,
        score: result.score,
        scoreFor: config.score ? scoreSignature(config.policy) : null,
        usage: result.usage,
        finishReason: result.finishReason,
        stopFor: result.finishReason === 'early' ? stopSignature(config.policy, config.extraction) : null,
        latencyMs: result.latencyMs,
        createdAt: now,
      };
  return group.indices.map((index): WriteItem => {
    const record: ResultRecord = {
      runId,
      index,
      raw: result.raw,
      verdict: result.verdict,
      score: result.score,
      latencyMs: result.latencyMs,
      usage: result.usage,
      finishReason: result.finishReason,
      error: result.error ?? null,
      fromCache: false,
      duplicateOf: index === first ? null : first!,
      cacheKey: group.key,
    };
    return { result: record, cacheEntry: index === first ? cacheEntry : null };
  });
}
