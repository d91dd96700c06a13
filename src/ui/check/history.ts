/** Recent checks, newest first, kept in localStorage (the last 20). */
import type { VerdictStatus } from '../../core/result';
import { isRecord, readPersisted, removePersisted, writePersisted, type KeyValueStorage } from '../guard/persisted';

export const HISTORY_KEY = 'roguard.check-history.v1';
export const HISTORY_LIMIT = 20;

export interface HistoryEntry {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  prompt: string;
  response: string | null;
  /** Id of the policy used (a config file name, or `custom`). */
  policyId: string;
  policyLabel: string;
  modelId: string;
  status: VerdictStatus;
  /** Violated categories by name. */
  categories: string[];
  score: number | null;
}

const STATUSES: readonly VerdictStatus[] = ['flagged', 'safe', 'unparsed'];

function normaliseEntry(raw: unknown): HistoryEntry | null {
  if (!isRecord(raw)) return null;
  const { id, at, prompt, response, policyId, policyLabel, modelId, status, categories, score } = raw;
  if (typeof id !== 'string' || typeof prompt !== 'string' || typeof at !== 'number') return null;
  return {
    id,
    at,
    prompt,
    response: typeof response === 'string' ? response : null,
    policyId: typeof policyId === 'string' ? policyId : '',
    policyLabel: typeof policyLabel === 'string' ? policyLabel : '',
    modelId: typeof modelId === 'string' ? modelId : '',
    status: STATUSES.includes(status as VerdictStatus) ? (status as VerdictStatus) : 'unparsed',
    categories: Array.isArray(categories) ? categories.filter((c): c is string => typeof c === 'string') : [],
    score: typeof score === 'number' && Number.isFinite(score) ? score : null,
  };
}

/** Entries that cannot be read are dropped one by one; the rest are kept. */
function normaliseHistory(raw: unknown): HistoryEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .map(normaliseEntry)
    .filter((entry): entry is HistoryEntry => entry !== null)
    .slice(0, HISTORY_LIMIT);
}

export function loadHistory(storage: KeyValueStorage | null): HistoryEntry[] {
  return readPersisted(storage, HISTORY_KEY, normaliseHistory);
}

/** Puts an entry first, drops an older one with the same input and policy, keeps the newest 20. */
export function addToHistory(history: HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  const sameCheck = (other: HistoryEntry) =>
    other.prompt === entry.prompt && other.response === entry.response && other.policyId === entry.policyId;
  return [entry, ...history.filter((other) => !sameCheck(other))].slice(0, HISTORY_LIMIT);
}

export function saveHistory(storage: KeyValueStorage | null, history: HistoryEntry[]): void {
  writePersisted(storage, HISTORY_KEY, history);
}

export function clearHistory(storage: KeyValueStorage | null): void {
  removePersisted(storage, HISTORY_KEY);
}
