/**
 * The `cache` table: a model's raw output per cache key (`core/cache-key.ts`), so a rerun or a change
 * of parsing settings needs no model call. Which reading an entry can serve is decided here.
 */
import type { ExtractionMode, Policy } from '../core/result';
import type { GuardDb } from './db';
import { normaliseCacheEntry } from './normalise';
import type { CacheRecord } from './records';

/** Identifies what a score was computed for: the verdict field and the value that means flagged. */
export function scoreSignature(policy: Pick<Policy, 'outputField' | 'flaggedValue'>): string {
  return JSON.stringify([policy.outputField, policy.flaggedValue.toLowerCase()]);
}

/** Identifies an early-stop condition: it ends generation once this reading has what it needs. */
export function stopSignature(policy: Pick<Policy, 'outputField' | 'flaggedValue'>, mode: ExtractionMode): string {
  return JSON.stringify([policy.outputField, policy.flaggedValue.toLowerCase(), mode]);
}

export interface CacheReading {
  policy: Pick<Policy, 'outputField' | 'flaggedValue'>;
  extraction: ExtractionMode;
}

/**
 * Whether an entry serves this reading. A complete output serves any reading; one cut short by early
 * stop (its key already says early stop was on) may lack what a different reading looks for.
 */
export function servesReading(entry: CacheRecord, reading: CacheReading): boolean {
  return entry.finishReason !== 'early' || entry.stopFor === stopSignature(reading.policy, reading.extraction);
}

/** The score stored with an entry when it was computed for this policy's reading, else null. */
export function scoreForReading(entry: CacheRecord, policy: Pick<Policy, 'outputField' | 'flaggedValue'>): number | null {
  return entry.scoreFor === scoreSignature(policy) ? entry.score : null;
}

/** Entries for these keys (missing keys absent from the map). */
export async function getCacheEntries(db: GuardDb, keys: readonly string[]): Promise<Map<string, CacheRecord>> {
  const found = new Map<string, CacheRecord>();
  const raws = await db.cache.bulkGet([...keys]);
  raws.forEach((raw, i) => {
    if (raw !== undefined) found.set(keys[i]!, normaliseCacheEntry(raw));
  });
  return found;
}

export async function cacheSize(db: GuardDb): Promise<number> {
  return db.cache.count();
}

/** Empties the result cache; runs and their results stay. */
export async function clearCache(db: GuardDb): Promise<void> {
  await db.cache.clear();
}

/** Deletes entries created before `time` (ms since epoch); returns how many. */
export async function clearCacheBefore(db: GuardDb, time: number): Promise<number> {
  return db.cache.where('createdAt').below(time).delete();
}
