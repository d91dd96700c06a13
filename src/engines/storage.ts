/**
 * Room for a multi-GB download: ask the browser to keep our storage (so weights are not evicted
 * under pressure) and refuse up front when the quota cannot hold the model.
 */
import { GuardError } from '../core/errors';

const GB = 1024 ** 3;

/** `persist()` exists only on pages (the worker lib has no type for it). */
interface StorageLike {
  estimate(): Promise<{ usage?: number; quota?: number }>;
  persisted?(): Promise<boolean>;
  persist?(): Promise<boolean>;
}

function storageManager(): StorageLike | undefined {
  return (globalThis.navigator as { storage?: StorageLike } | undefined)?.storage;
}

function gb(bytes: number): string {
  return `${(bytes / GB).toFixed(bytes < GB ? 2 : 1)} GB`;
}

export interface StorageCheck {
  persisted: boolean;
  usage: number;
  quota: number;
}

/**
 * Requests persistent storage (best effort) and checks `navigator.storage.estimate()` for `bytes` more.
 * Without the Storage API there is nothing to check and the download goes ahead.
 * @throws GuardError STORAGE_QUOTA with `needed`/`available` bytes in `details`
 */
export async function ensureStorageFor(bytes: number, what: string): Promise<StorageCheck | undefined> {
  const storage = storageManager();
  if (!storage?.estimate) return undefined;
  let persisted = false;
  try {
    persisted = storage.persisted ? await storage.persisted() : false;
    // Workers have no `persist()`: there the page's earlier request (requestPersistentStorage) is what counts.
    if (!persisted && typeof storage.persist === 'function') persisted = await storage.persist();
  } catch {
    persisted = false;
  }
  const { usage = 0, quota = 0 } = await storage.estimate();
  const available = Math.max(0, quota - usage);
  // Cache Storage keeps response metadata next to each file: leave a little headroom.
  const needed = Math.ceil(bytes * 1.02);
  if (quota > 0 && needed > available) {
    throw new GuardError(
      'STORAGE_QUOTA',
      `Downloading ${what} needs about ${gb(needed)} of browser storage, but only ${gb(available)} is free ` +
        `(${gb(usage)} used of ${gb(quota)}). Delete cached models on the Models page, free disk space, ` +
        'or use a smaller model, then try again.',
      { needed, available, usage, quota },
    );
  }
  return { persisted, usage, quota };
}

/** Asks the browser to keep this site's storage; call from the page on a user action before a big download. */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = storageManager();
  try {
    if (await storage?.persisted?.()) return true;
    return typeof storage?.persist === 'function' ? await storage.persist() : false;
  } catch {
    return false;
  }
}
