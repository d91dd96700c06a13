import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from '../guard/persisted';
import { addToHistory, clearHistory, HISTORY_KEY, HISTORY_LIMIT, loadHistory, saveHistory, type HistoryEntry } from './history';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

function entry(n: number, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: `e${n}`,
    at: 1_700_000_000_000 + n,
    prompt: `prompt ${n}`,
    response: null,
    policyId: 'aegis.json',
    policyLabel: 'Aegis',
    modelId: 'tiny-test',
    status: 'safe',
    categories: [],
    score: null,
    ...overrides,
  };
}

describe('check history', () => {
  it('keeps the newest first and at most 20', () => {
    let history: HistoryEntry[] = [];
    for (let n = 1; n <= 25; n++) history = addToHistory(history, entry(n));
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history[0]!.id).toBe('e25');
    expect(history.at(-1)!.id).toBe('e6');
  });

  it('replaces an earlier check of the same input and policy', () => {
    let history = addToHistory([], entry(1, { prompt: 'same' }));
    history = addToHistory(history, entry(2));
    history = addToHistory(history, entry(3, { prompt: 'same', status: 'flagged' }));
    expect(history.map((e) => e.id)).toEqual(['e3', 'e2']);
    history = addToHistory(history, entry(4, { prompt: 'same', policyId: 'xstest.json' }));
    expect(history.map((e) => e.id)).toEqual(['e4', 'e3', 'e2']);
  });

  it('round-trips through storage and clears', () => {
    const storage = memoryStorage();
    const history = [entry(2, { status: 'flagged', categories: ['Violence'], score: 0.93, response: 'r' }), entry(1)];
    saveHistory(storage, history);
    expect(loadHistory(storage)).toEqual(history);
    clearHistory(storage);
    expect(storage.data.has(HISTORY_KEY)).toBe(false);
    expect(loadHistory(storage)).toEqual([]);
  });

  it('drops unreadable entries and keeps the good ones', () => {
    const storage = memoryStorage();
    storage.setItem(
      HISTORY_KEY,
      JSON.stringify([
        entry(1),
        { id: 3 },
        'junk',
        { ...entry(2), status: 'exploded', categories: ['S1', 5], score: 'high' },
      ]),
    );
    expect(loadHistory(storage)).toEqual([entry(1), { ...entry(2), status: 'unparsed', categories: ['S1'], score: null }]);
    storage.setItem(HISTORY_KEY, '{"not":"a list"}');
    expect(loadHistory(storage)).toEqual([]);
    storage.setItem(HISTORY_KEY, 'not json');
    expect(loadHistory(storage)).toEqual([]);
  });
});
