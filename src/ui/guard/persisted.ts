/** JSON values in localStorage, normalised on read so an old or hand-edited entry never crashes the app. */

/** The part of the Web Storage API we use (tests pass an in-memory one). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The page's localStorage, or null where it is unavailable (blocked cookies, some embeds). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readPersisted<T>(storage: KeyValueStorage | null, key: string, normalise: (raw: unknown) => T): T {
  let raw: unknown;
  try {
    const text = storage?.getItem(key);
    raw = text == null ? undefined : JSON.parse(text);
  } catch {
    raw = undefined;
  }
  return normalise(raw);
}

/** Writes a value; a full or blocked storage loses only the saved copy, never the session's state. */
export function writePersisted(storage: KeyValueStorage | null, key: string, value: unknown): boolean {
  try {
    storage?.setItem(key, JSON.stringify(value));
    return storage !== null;
  } catch {
    return false;
  }
}

export function removePersisted(storage: KeyValueStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing to undo: the entry stays until storage works again.
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
