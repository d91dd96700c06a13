/**
 * Storage room: how much the browser lets us keep, asking to keep it, and turning a full disk into
 * one clear `STORAGE_QUOTA` error that says how much more space the work needs.
 */
import { GuardError } from '../core/errors';

export interface StorageInfo {
  /** Bytes this origin uses. */
  usage: number;
  /** Bytes this origin may use. */
  quota: number;
  /** `quota - usage`, never negative. */
  available: number;
  /** Whether the browser promised not to evict our data; null when it cannot tell. */
  persisted: boolean | null;
}

/** The slice of `navigator.storage` we use, so callers and tests can pass their own. */
export type StorageManagerLike = Pick<StorageManager, 'estimate'> & Partial<Pick<StorageManager, 'persist' | 'persisted'>>;

function defaultStorage(): StorageManagerLike | undefined {
  return (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator?.storage;
}

/** `navigator.storage.estimate()`, or null where the browser has no Storage API. */
export async function estimateStorage(storage: StorageManagerLike | undefined = defaultStorage()): Promise<StorageInfo | null> {
  if (!storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await storage.estimate();
  const persisted = storage.persisted ? await storage.persisted().catch(() => null) : null;
  return { usage, quota, available: Math.max(0, quota - usage), persisted };
}

/**
 * Asks the browser to keep our data under storage pressure (`navigator.storage.persist()`).
 * Resolves false where it refuses or cannot; never throws.
 */
export async function requestPersistence(storage: StorageManagerLike | undefined = defaultStorage()): Promise<boolean> {
  if (!storage?.persist) return false;
  try {
    if (storage.persisted && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/** True for a browser quota error, whether raw (`DOMException`) or wrapped by Dexie (in `inner`, at any depth). */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { name, code, inner } = e as { name?: unknown; code?: unknown; inner?: unknown };
    if (typeof name === 'string' && QUOTA_NAMES.has(name)) return true;
    // Legacy DOMException code QUOTA_EXCEEDED_ERR (22) / Firefox's 1014.
    if (name === undefined && (code === 22 || code === 1014)) return true;
    e = inner;
  }
  return false;
}

/** Bytes as a person reads them: `812 B`, `3.4 MB`, `1.2 GB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A rough size of records once stored (UTF-16 text plus structure), for "how much is needed". */
export function approximateBytes(value: unknown): number {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return text === undefined ? 0 : text.length * 2;
}

/** The `STORAGE_QUOTA` error for a write of about `bytesNeeded` bytes that did not fit. */
export async function storageQuotaError(
  cause: unknown,
  bytesNeeded: number,
  what: string,
  storage: StorageManagerLike | undefined = defaultStorage(),
): Promise<GuardError> {
  const info = await estimateStorage(storage).catch(() => null);
  const room = info ? ` ${formatBytes(info.usage)} of the ${formatBytes(info.quota)} this site may use is taken.` : '';
  return new GuardError(
    'STORAGE_QUOTA',
    `Browser storage is full: saving ${what} needs about ${formatBytes(bytesNeeded)} more.${room} ` +
      'Nothing was half-written. Delete old runs or datasets, or clear the result cache, then resume.',
    { bytesNeeded, usage: info?.usage ?? null, quota: info?.quota ?? null },
    { cause },
  );
}

/**
 * Runs a write and turns a quota failure into `GuardError('STORAGE_QUOTA')`; other errors pass through.
 * The write should be one transaction, so a failure leaves nothing half-written.
 * @throws GuardError STORAGE_QUOTA when the browser refuses the space.
 */
export async function withQuotaCheck<T>(write: () => Promise<T>, bytesNeeded: () => number, what: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw await storageQuotaError(error, bytesNeeded(), what);
    throw error;
  }
}
