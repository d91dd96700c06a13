import { useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { areaUnder, prCurve, rocCurve } from '../../core/metrics';
import { publishedF1 } from '../../core/published-results';
import { ErrorNotice } from '../components/ErrorNotice';
import { ExportPanel } from '../benchmark/ExportPanel';
import { ResultsTable } from '../benchmark/ResultsTable';
import { buildResultViews } from '../benchmark/result-view';
import { formatDuration } from '../benchmark/preflight';
import { safeFileName } from '../benchmark/download';
import { CategoryBars } from '../charts/CategoryBars';
import { ConfusionHeatmap } from '../charts/ConfusionHeatmap';
import { CurveChart } from '../charts/CurveChart';
import { LatencyHistogram } from '../charts/LatencyHistogram';
import { MetricBars } from '../charts/MetricBars';
import { formatDate } from './RunHistory';
import { RUN_STATUS_TEXT } from './run-status';
import { categoryCounts, metricsAt, modelLatencies, pointAtThreshold, scoredPoints } from './run-analysis';
import { useRunData } from './use-runs';

/** One run: its settings, metrics beside the published figure, charts, threshold, exports and results. */
export function RunDetail({ runId }: { runId: number }) {
  const id = useId();
  const { value, error, loading } = useRunData(runId);
  const charts = useRef<HTMLDivElement>(null);
  const [useThreshold, setUseThreshold] = useState(false);
  const [threshold, setThreshold] = useState(0.5);
  const liveThreshold = useDeferredValue(threshold);

  const views = useMemo(
    () => (value?.dataset ? buildResultViews(value.dataset.examples, value.results, value.run.config.labelFlaggedValue) : []),
    [value],
  );
  const points = useMemo(() => scoredPoints(views), [views]);
  const curves = useMemo(() => {
    if (points.length === 0) return null;
    const pr = prCurve(points);
    const roc = rocCurve(points);
    return { pr, roc, ap: areaUnder(pr), auc: areaUnder(roc) };
  }, [points]);
  const active = useThreshold && curves !== null ? liveThreshold : null;
  const shown = useMemo(() => metricsAt(views, active), [views, active]);
  const categories = useMemo(() => categoryCounts(views), [views]);
  const latencies = useMemo(() => modelLatencies(views), [views]);

  if (error) return <ErrorNotice error={error} />;
  if (loading || !value) return <p className="muted">Loading run #{runId}…</p>;
  const { run, dataset } = value;
  const labeled = run.config.labelFlaggedValue !== null;
  const published = publishedF1(run.config.name);
  const marker = (kind: 'pr' | 'roc') => {
    if (active === null || !curves) return null;
    return pointAtThreshold(curves[kind].points, active);
  };

  return (
    <div className="run-detail">
      <section className="panel" aria-label="Run settings">
        <dl className="facts run-facts">
          <dt>Dataset</dt>
          <dd>
            {run.datasetName} ({run.total} examples{dataset ? '' : ' — the dataset was deleted, so examples cannot be shown'})
          </dd>
          <dt>Benchmark / name</dt>
          <dd>{run.config.name}</dd>
          <dt>Model</dt>
          <dd>
            {run.model.id} {run.model.engine ? `(${run.model.engine})` : ''}
          </dd>
          <dt>Verdict</dt>
          <dd>
            <code>{run.config.policy.outputField}</code> = <code>{run.config.policy.flaggedValue}</code>, {run.config.extraction} reading, temperature{' '}
            {run.config.settings.temperature}
          </dd>
          <dt>Label</dt>
          <dd>{labeled ? <code>{run.config.labelFlaggedValue}</code> : 'none (labeling-only run)'}</dd>
          <dt>Status</dt>
          <dd>
            {RUN_STATUS_TEXT[run.status]}: {run.done} of {run.total} examples, {run.cacheHits} from the cache
            {run.errors > 0 ? `, ${run.errors} with errors` : ''}
          </dd>
          <dt>Started</dt>
          <dd>
            {formatDate(run.createdAt)} · ran for {formatDuration(run.timings.activeMs)}
          </dd>
        </dl>
        {run.error && <ErrorNotice error={run.error} />}
      </section>

      {labeled && (
        <section className="panel" aria-labelledby={`${id}-threshold`}>
          <h3 id={`${id}-threshold`}>Decision threshold</h3>
          {curves ? (
            <>
              <label className="choice">
                <input type="checkbox" checked={useThreshold} onChange={(event) => setUseThreshold(event.target.checked)} />
                Flag by the model's probability of “{run.config.policy.flaggedValue}” instead of its verdict
              </label>
              <div className="threshold-row">
                <label htmlFor={`${id}-slider`}>Threshold</label>
                <input
                  id={`${id}-slider`}
                  type="range"
                  min={0}
                  max={1}
                  step={0.01}
                  value={threshold}
                  disabled={!useThreshold}
                  onChange={(event) => setThreshold(Number(event.target.value))}
                  aria-valuetext={`${threshold.toFixed(2)}`}
                />
                <output htmlFor={`${id}-slider`} data-testid="threshold-value">
                  {threshold.toFixed(2)}
                </output>
              </div>
              <p className="muted small">
                {useThreshold ? `Every metric below is recomputed over the ${points.length} labeled examples that have a score.` : `Metrics below follow the verdicts (${shown.counted} counted examples).`}
              </p>
            </>
          ) : (
            <p className="muted small">This run has no scores (the engine gave no probabilities), so there is no threshold to move and no PR or ROC curve.</p>
          )}
        </section>
      )}

      <section className="panel" aria-labelledby={`${id}-charts`}>
        <h3 id={`${id}-charts`}>Charts</h3>
        <div ref={charts} className="chart-grid charts">
          {labeled && <MetricBars metrics={shown.metrics} publishedF1={published} title={active === null ? 'Metrics (%)' : `Metrics at threshold ${active.toFixed(2)} (%)`} />}
          {labeled && <ConfusionHeatmap counts={shown.counts} />}
          {curves && labeled && <CurveChart curve={curves.pr} area={curves.ap} marker={marker('pr')} />}
          {curves && labeled && <CurveChart curve={curves.roc} area={curves.auc} marker={marker('roc')} />}
          <LatencyHistogram latencies={latencies} />
          <CategoryBars counts={categories} {...(run.config.policy.categories ? { names: run.config.policy.categories } : {})} />
        </div>
        {labeled && published === null && <p className="muted small">No published RoGuard figure exists for “{run.config.name}”.</p>}
      </section>

      {dataset && (
        <section className="panel" aria-label="Exports and results">
          <ExportPanel examples={dataset.examples} records={value.results} config={run.config} fileStem={safeFileName(`${run.config.name}-run-${run.id}`)} charts={charts} />
          <ResultsTable views={views} total={run.total} />
        </section>
      )}
    </div>
  );
}
