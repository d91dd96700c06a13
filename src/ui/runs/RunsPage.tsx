import type { PageProps } from '../shell/pages';
import { RunCompare } from './RunCompare';
import { RunDetail } from './RunDetail';
import { RunHistory } from './RunHistory';
import { parseRunsView } from './run-links';
import '../benchmark/benchmark.css';
import '../benchmark/results-table.css';
import './runs.css';

/** `#/runs`: the history; `#/runs/<id>`: one run's charts; `#/runs/<id>,<id>…`: a comparison. */
export function RunsPage({ runId }: PageProps) {
  const view = parseRunsView(runId);
  return (
    <section aria-labelledby="page-title" className="runs-page">
      <div className="page-head">
        <h2 id="page-title" tabIndex={-1}>
          {view.kind === 'run' ? `Run #${view.id}` : view.kind === 'compare' ? `Compare runs ${view.ids.map((id) => `#${id}`).join(', ')}` : 'Runs'}
        </h2>
        {view.kind !== 'history' && (
          <p>
            <a href="#/runs">← All runs</a>
          </p>
        )}
        {view.kind === 'history' && <p>Every benchmark run kept in this browser. Open one for its charts, or compare runs side by side.</p>}
      </div>
      {view.kind === 'history' && <RunHistory />}
      {view.kind === 'run' && <RunDetail runId={view.id} />}
      {view.kind === 'compare' && <RunCompare runIds={view.ids} />}
      {view.kind === 'invalid' && (
        <p className="notice notice-error" role="alert">
          “{view.text}” is not a run. Runs are numbered: open one from the list of runs.
        </p>
      )}
    </section>
  );
}
