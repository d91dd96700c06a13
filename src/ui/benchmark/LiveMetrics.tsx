import type { Counts, ReferenceMetrics } from '../../core/metrics';
import { ConfusionHeatmap } from '../charts/ConfusionHeatmap';
import { MetricBars } from '../charts/MetricBars';

interface LiveMetricsProps {
  counts: Counts;
  metrics: ReferenceMetrics | null;
  unparsed: number;
  publishedF1: number | null;
}

/** The confusion matrix and the reference's metrics, as they stand now. */
export function LiveMetrics({ counts, metrics, unparsed, publishedF1 }: LiveMetricsProps) {
  return (
    <div className="live-metrics">
      <ConfusionHeatmap counts={counts} />
      {metrics ? (
        <div className="metric-block">
          <dl className="metric-numbers" aria-label="Metrics">
            <div>
              <dt>Precision</dt>
              <dd data-testid="metric-precision">{metrics.precision}%</dd>
            </div>
            <div>
              <dt>Recall</dt>
              <dd data-testid="metric-recall">{metrics.recall}%</dd>
            </div>
            <div>
              <dt>F1</dt>
              <dd data-testid="metric-f1">{metrics.f1}%</dd>
            </div>
            <div>
              <dt>False-positive rate</dt>
              <dd data-testid="metric-fpr">{metrics.fpr}%</dd>
            </div>
            <div>
              <dt>Unparsed</dt>
              <dd data-testid="metric-unparsed">{unparsed}</dd>
            </div>
          </dl>
          <MetricBars metrics={metrics} publishedF1={publishedF1} />
        </div>
      ) : (
        <p className="muted">A labeling-only run has no metrics: the results list each verdict.</p>
      )}
    </div>
  );
}
