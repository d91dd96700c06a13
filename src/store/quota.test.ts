import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { runConfigOf } from '../../tests/support/records';
import { quotaWhen, useTestDbs } from '../../tests/support/store';
import { GuardError } from '../core/errors';
import { saveBatch } from './batch';
import { createRun, getRun } from './runs';
import {
  approximateBytes,
  estimateStorage,
  formatBytes,
  isQuotaError,
  requestPersistence,
  storageQuotaError,
  type StorageManagerLike,
} from './quota';
import type { ResultRecord } from './records';

const openDb = useTestDbs('quota');

const fullDisk: StorageManagerLike = {
  estimate: async () => ({ usage: 1_999_000_000, quota: 2_000_000_000 }),
  persisted: async () => false,
  persist: async () => true,
};

describe('quota errors', () => {
  it('recognises the browser error by name, raw or wrapped by Dexie', () => {
    const raw = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isQuotaError(raw)).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('wrapped', raw))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', raw))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError(new Dexie.ConstraintError('Key already exists'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });

  it('says how much space is needed and how much is taken', async () => {
    const error = await storageQuotaError(new Error('x'), 3_400_000, 'the results', fullDisk);
    expect(error).toBeInstanceOf(GuardError);
    expect(error.code).toBe('STORAGE_QUOTA');
    expect(error.message).toContain('needs about 3.4 MB more');
    expect(error.message).toContain('2.0 GB of the 2.0 GB');
    expect(error.message).toMatch(/clear the result cache, then resume/);
    expect(error.details).toMatchObject({ bytesNeeded: 3_400_000, usage: 1_999_000_000, quota: 2_000_000_000 });
  });

  it('maps a quota failure inside a Dexie transaction and writes nothing of the batch', async () => {
    let failCache = false;
    const db = openDb({ middleware: [quotaWhen((table) => failCache && table === 'cache')] });
    const run = await createRun(db, {
      datasetId: 1,
      datasetName: 'd',
      total: 2,
      model: { id: 'm', weightsRevision: 'r', engine: null },
      config: runConfigOf({ name: 'x', labelFlaggedValue: null }),
    });
    const result: ResultRecord = {
      runId: run.id,
      index: 1,
      raw: 'x'.repeat(1000),
      verdict: { value: 'safe', status: 'safe', categories: [], fields: {} },
      score: null,
      latencyMs: 1,
      usage: { promptTokens: 1, completionTokens: 1 },
      finishReason: 'stop',
      error: null,
      fromCache: false,
      duplicateOf: null,
      cacheKey: 'k',
    };
    const entry = { key: 'k', raw: result.raw, score: null, scoreFor: null, usage: result.usage, finishReason: 'stop' as const, stopFor: null, latencyMs: 1, createdAt: 1 };
    failCache = true;
    const failure = await saveBatch(db, { runId: run.id, results: [result], cacheEntries: [entry], run: { done: 1 } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GuardError);
    expect((failure as GuardError).code).toBe('STORAGE_QUOTA');
    expect((failure as GuardError).details?.bytesNeeded).toBe(approximateBytes([result]) + approximateBytes([entry]));
    // The results write came first in the transaction and was rolled back with it.
    expect(await db.results.count()).toBe(0);
    expect(await db.cache.count()).toBe(0);
    expect((await getRun(db, run.id))?.done).toBe(0);

    failCache = false;
    await saveBatch(db, { runId: run.id, results: [result], cacheEntries: [entry], run: { done: 1 } });
    expect(await db.results.count()).toBe(1);
    expect((await getRun(db, run.id))?.done).toBe(1);
  });
});

describe('storage estimate and persistence', () => {
  it('reports usage, quota, room left and persistence', async () => {
    expect(await estimateStorage(fullDisk)).toEqual({ usage: 1_999_000_000, quota: 2_000_000_000, available: 1_000_000, persisted: false });
    expect(await estimateStorage(undefined)).toBeNull();
  });

  it('asks for persistence only when not already persisted, and never throws', async () => {
    let asked = 0;
    const storage: StorageManagerLike = { estimate: async () => ({}), persisted: async () => false, persist: async () => (asked++, true) };
    expect(await requestPersistence(storage)).toBe(true);
    expect(asked).toBe(1);
    expect(await requestPersistence({ ...storage, persisted: async () => true })).toBe(true);
    expect(asked).toBe(1);
    expect(await requestPersistence({ ...storage, persist: async () => Promise.reject(new Error('denied')) })).toBe(false);
    expect(await requestPersistence(undefined)).toBe(false);
  });

  it('formats byte counts for people', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(3_400_000)).toBe('3.4 MB');
    expect(formatBytes(1_200_000_000)).toBe('1.2 GB');
  });
});
