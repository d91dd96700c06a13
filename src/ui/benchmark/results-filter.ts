/** Filtering and searching the results table, kept apart from React so 100k rows can be tested directly. */
import type { ResultView } from './result-view';

export type ResultFilter = 'all' | 'correct' | 'false-positive' | 'false-negative' | 'unparsed' | 'errors';

export const RESULT_FILTERS: readonly { id: ResultFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'correct', label: 'Correct' },
  { id: 'false-positive', label: 'False positives' },
  { id: 'false-negative', label: 'False negatives' },
  { id: 'unparsed', label: 'Unparsed' },
  { id: 'errors', label: 'Errors' },
];

function matchesFilter(view: ResultView, filter: ResultFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'correct':
      return view.outcome === 'tp' || view.outcome === 'tn';
    case 'false-positive':
      return view.outcome === 'fp';
    case 'false-negative':
      return view.outcome === 'fn';
    case 'unparsed':
      return view.verdict.status === 'unparsed';
    case 'errors':
      return view.error !== null;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A matcher for the search box: case-insensitive text in the prompt, response, raw output or verdict
 * value; `#12` (or a bare number) also matches example 12. An empty query matches everything.
 */
export function searchMatcher(query: string): (view: ResultView) => boolean {
  const trimmed = query.trim();
  if (trimmed === '') return () => true;
  const indexQuery = /^#?(\d+)$/.exec(trimmed);
  const index = indexQuery ? Number(indexQuery[1]) : null;
  // A regular expression with the `i` flag searches without lowercasing a copy of every cell.
  const pattern = new RegExp(escapeRegExp(trimmed), 'iu');
  return (view) =>
    view.index === index ||
    pattern.test(view.prompt) ||
    (view.response !== null && pattern.test(view.response)) ||
    pattern.test(view.raw) ||
    pattern.test(view.verdict.value);
}

/** The rows to show, in their original order. */
export function filterResults(views: readonly ResultView[], filter: ResultFilter, query: string): ResultView[] {
  const matches = searchMatcher(query);
  return views.filter((view) => matchesFilter(view, filter) && matches(view));
}

/** How many rows each filter would show (the counts on the filter buttons). */
export function filterCounts(views: readonly ResultView[]): Record<ResultFilter, number> {
  const counts: Record<ResultFilter, number> = { all: 0, correct: 0, 'false-positive': 0, 'false-negative': 0, unparsed: 0, errors: 0 };
  for (const view of views) {
    for (const { id } of RESULT_FILTERS) if (matchesFilter(view, id)) counts[id]++;
  }
  return counts;
}
