import { useMemo, useRef } from 'react';
import { referenceMetrics } from '../../core/metrics';
import { publishedF1 } from '../../core/published-results';
import { ErrorNotice } from '../components/ErrorNotice';
import { runHash } from '../runs/run-links';
import { useRunData } from '../runs/use-runs';
import { safeFileName } from './download';
import { ExportPanel } from './ExportPanel';
import { LiveMetrics } from './LiveMetrics';
import { ResultsTable } from './ResultsTable';
import { buildResultViews, countsOfViews } from './result-view';
import { RunControls } from './RunControls';
import { RunProgressPanel } from './RunProgressPanel';
import type { RunControllerState } from './use-run-controller';

interface ResultsSectionProps {
  runId: number;
  runs: RunControllerState;
  loadedModelId: string | null;
}

/** The run of this page: progress, live confusion matrix and metrics, exports and every result. */
export function ResultsSection({ runId, runs, loadedModelId }: ResultsSectionProps) {
  const live = runs.progress?.runId === runId ? runs.progress : null;
  const { value, error, loading } = useRunData(runId, live ? `${live.status}:${live.phase}` : '');
  const charts = useRef<HTMLDivElement>(null);
  const views = useMemo(
    () => (value?.dataset ? buildResultViews(value.dataset.examples, value.results, value.run.config.labelFlaggedValue) : []),
    [value],
  );
  const stored = useMemo(() => {
    const counts = countsOfViews(views);
    const labeled = value?.run.config.labelFlaggedValue !== null;
    return { counts, metrics: labeled ? referenceMetrics(counts) : null, unparsed: views.filter((v) => v.verdict.status === 'unparsed').length };
  }, [views, value]);

  if (error) return <ErrorNotice error={error} />;
  const run = value?.run;
  const going = live !== null && live.phase !== 'stopped';
  const shown = going ? { counts: live.counts, metrics: live.metrics, unparsed: live.unparsed } : stored;
  return (
    <section className="panel" aria-labelledby="run-results-heading">
      <div className="section-head">
        <h3 id="run-results-heading">3. Results {run ? `of run #${run.id}` : ''}</h3>
        {run && <a href={runHash(run.id)}>Open the run's charts and comparisons</a>}
      </div>
      {live && (
        <RunControls
          progress={live}
          active={runs.active}
          resumeBlocked={run && loadedModelId !== run.model.id ? `Load ${run.model.id} on the Models page to resume this run.` : null}
          onPause={() => void runs.pause()}
          onResume={(id) => void runs.resume(id)}
          onCancel={(id) => void runs.cancel(id)}
        />
      )}
      {live ? <RunProgressPanel progress={live} /> : run && <p className="muted">{run.status === 'done' ? 'Finished' : `Status: ${run.status}`} — {run.done} of {run.total} examples, {run.cacheHits} from the cache.</p>}
      {loading && !value && <p className="muted">Loading results…</p>}
      <div ref={charts} className="charts">
        <LiveMetrics counts={shown.counts} metrics={shown.metrics} unparsed={shown.unparsed} publishedF1={run ? publishedF1(run.config.name) : null} />
      </div>
      {value?.dataset && run && (
        <>
          <ExportPanel examples={value.dataset.examples} records={value.results} config={run.config} fileStem={safeFileName(`${run.config.name}-run-${run.id}`)} charts={charts} />
          <ResultsTable views={views} total={run.total} />
          {going && <p className="muted small">The table is refreshed every few seconds while the run goes on.</p>}
        </>
      )}
    </section>
  );
}
