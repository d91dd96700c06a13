import { useDeferredValue, useId, useMemo, useState } from 'react';
import { StatusBadge } from '../components/Badge';
import { oneLine } from '../components/one-line';
import { ExpandButton, VirtualRows } from '../components/VirtualRows';
import { labelText } from '../../core/labels';
import type { Outcome, ResultView } from './result-view';
import { RESULT_FILTERS, filterCounts, filterResults, type ResultFilter } from './results-filter';

const OUTCOME_TEXT: Record<Outcome, string> = {
  tp: 'True positive',
  tn: 'True negative',
  fp: 'False positive',
  fn: 'False negative',
  unparsed: 'Unparsed',
  skipped: 'Skipped (no label)',
  unlabeled: '—',
};

interface ResultsTableProps {
  views: readonly ResultView[];
  /** Example count of the dataset, for "12 of 40 done". */
  total: number;
}

/**
 * Every result of a run, virtualized so 100k rows scroll smoothly: filter by outcome, search text,
 * expand a row to read the full prompt, response and raw output. All text is rendered as text.
 */
export function ResultsTable({ views, total }: ResultsTableProps) {
  const id = useId();
  const [filter, setFilter] = useState<ResultFilter>('all');
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const counts = useMemo(() => filterCounts(views), [views]);
  const rows = useMemo(() => filterResults(views, filter, deferredQuery), [views, filter, deferredQuery]);
  const toggle = (index: number) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });

  return (
    <section className="results" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Results</h3>
      <div className="results-toolbar">
        <div role="group" aria-label="Show" className="filter-buttons">
          {RESULT_FILTERS.map(({ id, label }) => (
            <button key={id} type="button" aria-pressed={filter === id} onClick={() => setFilter(id)} className="filter-button">
              {label} <span className="filter-count">{counts[id]}</span>
            </button>
          ))}
        </div>
        <label className="results-search">
          <span className="visually-hidden">Search results</span>
          <input type="search" placeholder="Search the text or #index" value={query} onChange={(event) => setQuery(event.target.value)} />
        </label>
      </div>
      <p className="muted small" aria-live="polite">
        Showing {rows.length} of {views.length} results{views.length < total ? ` (${total - views.length} examples not run yet)` : ''}.
      </p>
      <div className="results-table" role="table" aria-label="Results" aria-rowcount={rows.length + 1}>
        <div role="rowgroup">
          <div role="row" className="results-row results-head" aria-rowindex={1}>
            <span role="columnheader">#</span>
            <span role="columnheader">Prompt</span>
            <span role="columnheader" className="col-response">Response</span>
            <span role="columnheader" className="col-label">Label</span>
            <span role="columnheader">Verdict</span>
            <span role="columnheader" className="col-outcome">Outcome</span>
            <span role="columnheader" className="col-num">Score</span>
            <span role="columnheader" className="col-num col-latency">ms</span>
          </div>
        </div>
        <VirtualRows
          rows={rows}
          rowKey={(view) => view.index}
          rowClassName={(view) => `results-row outcome-${view.outcome}${expanded.has(view.index) ? ' open' : ''}`}
          label="Result rows (scrollable)"
          resetKey={`${filter}\u0000${deferredQuery}`}
          renderCells={(view) => {
            const open = expanded.has(view.index);
            return (
              <>
                <span role="cell">
                  <ExpandButton index={view.index} open={open} what="details" onToggle={() => toggle(view.index)} />
                </span>
                <span role="cell" className="cell-text">{oneLine(view.prompt)}</span>
                <span role="cell" className="cell-text col-response">{oneLine(view.response)}</span>
                <span role="cell" className="col-label">{view.label === undefined ? '' : labelText(view.label)}</span>
                <span role="cell">
                  <StatusBadge status={view.verdict.status} />
                </span>
                <span role="cell" className="col-outcome">{OUTCOME_TEXT[view.outcome]}</span>
                <span role="cell" className="col-num">{view.score === null ? '' : view.score.toFixed(2)}</span>
                <span role="cell" className="col-num col-latency">{view.fromCache ? 'cache' : Math.round(view.latencyMs)}</span>
                {open && <ResultDetails view={view} />}
              </>
            );
          }}
        />
      </div>
    </section>
  );
}

function ResultDetails({ view }: { view: ResultView }) {
  return (
    <div className="result-details" role="cell">
      <h4>Prompt</h4>
      <pre className="verbatim">{view.prompt}</pre>
      <h4>Response</h4>
      {view.response === null ? <p className="muted">No response.</p> : <pre className="verbatim">{view.response}</pre>}
      <h4>Raw model output</h4>
      <pre className="verbatim">{view.raw}</pre>
      <dl className="facts">
        <dt>Verdict value</dt>
        <dd>{view.verdict.value === '' ? '(empty)' : view.verdict.value}</dd>
        {view.verdict.categories.length > 0 && (
          <>
            <dt>Categories</dt>
            <dd>{view.verdict.categories.join(', ')}</dd>
          </>
        )}
        <dt>Tokens</dt>
        <dd>
          {view.promptTokens} prompt, {view.completionTokens} output
        </dd>
        {view.error && (
          <>
            <dt>Error</dt>
            <dd>
              <code>{view.error.code}</code> {view.error.message}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
