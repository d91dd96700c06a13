/**
 * Links within the Runs page. One run is `#/runs/<id>`; a comparison reuses the same route with the
 * ids joined by commas (`#/runs/3,5`), so it can be bookmarked and shared like a run.
 */
import { routeHash } from '../shell/route';

export type RunsView = { kind: 'history' } | { kind: 'run'; id: number } | { kind: 'compare'; ids: number[] } | { kind: 'invalid'; text: string };

export function runHash(id: number): string {
  return routeHash({ page: 'runs', runId: String(id) });
}

export function compareHash(ids: readonly number[]): string {
  return routeHash({ page: 'runs', runId: ids.join(',') });
}

/** What `#/runs/<runId>` asks for. */
export function parseRunsView(runId: string | undefined): RunsView {
  if (runId === undefined || runId.trim() === '') return { kind: 'history' };
  const parts = runId.split(',').map((part) => part.trim());
  if (!parts.every((part) => /^\d+$/.test(part))) return { kind: 'invalid', text: runId };
  const ids = [...new Set(parts.map(Number))];
  return ids.length === 1 ? { kind: 'run', id: ids[0]! } : { kind: 'compare', ids };
}
