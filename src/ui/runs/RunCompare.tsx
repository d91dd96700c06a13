import { useEffect, useMemo, useState } from 'react';
import type { RateName } from '../../core/compare';
import { ErrorNotice } from '../components/ErrorNotice';
import { buildResultViews } from '../benchmark/result-view';
import { compareRuns, type RunComparison, type RunSide } from './align';
import { DisagreementList } from './DisagreementList';
import { runHash } from './run-links';
import { useRunsData, type RunData } from './use-runs';

const RATE_TEXT: Record<RateName, string> = { precision: 'Precision', recall: 'Recall', f1: 'F1', fpr: 'False-positive rate', accuracy: 'Accuracy' };

/** Fewer resamples for big runs keep the page responsive: 2000 up to 10k pairs, never below 200. */
const resamplesFor = (pairs: number) => Math.max(200, Math.min(2000, Math.round(2e7 / Math.max(1, pairs))));

const pct = (value: number) => `${value.toFixed(1)}`;
const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(1)}`;
const pValue = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3));

function sideOf(data: RunData): RunSide {
  const views = data.dataset ? buildResultViews(data.dataset.examples, data.results, data.run.config.labelFlaggedValue) : [];
  return { runId: data.run.id, datasetId: data.run.datasetId, views };
}

const describe = (data: RunData) => `#${data.run.id} ${data.run.model.id} · ${data.run.config.extraction}`;

/** Two or more runs side by side: the first is the baseline, each other run is compared with it. */
export function RunCompare({ runIds }: { runIds: readonly number[] }) {
  const { value, error, loading } = useRunsData(runIds);
  const sides = useMemo(() => value?.map(sideOf) ?? null, [value]);
  const [comparisons, setComparisons] = useState<RunComparison[] | null>(null);

  useEffect(() => {
    setComparisons(null);
    if (!sides || sides.length < 2) return;
    // Let the page paint "Comparing…" before the bootstrap takes the main thread for a moment.
    const timer = setTimeout(() => {
      const base = sides[0]!;
      setComparisons(sides.slice(1).map((side) => compareRuns(base, side, { resamples: resamplesFor(Math.min(base.views.length, side.views.length)) })));
    }, 0);
    return () => clearTimeout(timer);
  }, [sides]);

  if (error) return <ErrorNotice error={error} />;
  if (loading || !value || !sides) return <p className="muted">Loading runs…</p>;
  const missing = value.filter((data) => !data.dataset);
  const base = value[0]!;
  return (
    <div className="run-compare">
      {missing.length > 0 && (
        <p className="notice notice-warning">
          The dataset of {missing.map((data) => `run #${data.run.id}`).join(', ')} was deleted: its examples cannot be compared.
        </p>
      )}
      <p>
        Baseline: <a href={runHash(base.run.id)}>{describe(base)}</a> on {base.run.datasetName}. Each other run is compared with it on the examples both have.
      </p>
      {!comparisons && <p aria-live="polite">Comparing…</p>}
      {comparisons?.map((comparison, i) => (
        <ComparisonPanel key={value[i + 1]!.run.id} base={base} other={value[i + 1]!} comparison={comparison} />
      ))}
    </div>
  );
}

function ComparisonPanel({ base, other, comparison }: { base: RunData; other: RunData; comparison: RunComparison }) {
  const { mcnemar: test } = comparison;
  const outcome = comparison.mcnemarOn === 'correctness' ? 'judged right' : 'flagged';
  const level = Math.round((comparison.deltas[0]?.level ?? 0.95) * 100);
  const headingId = `compare-${other.run.id}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <a href={runHash(other.run.id)}>{describe(other)}</a> against #{base.run.id}
      </h3>
      <p className="small muted">
        {comparison.pairs.length} examples paired by {comparison.pairedBy === 'index' ? 'example number (same dataset)' : 'prompt and response text (different datasets)'}
        {comparison.onlyInA + comparison.onlyInB > 0 ? `; ${comparison.onlyInA} only in #${base.run.id}, ${comparison.onlyInB} only in #${other.run.id}` : ''}
        {comparison.unparsedPairs > 0 ? `; ${comparison.unparsedPairs} left out of the statistics because a verdict is unparsed` : ''}.
      </p>
      {comparison.labeled ? (
        <div className="table-scroll" role="region" aria-label="Metric differences" tabIndex={0}>
          <table className="compare-table">
            <caption className="visually-hidden">Metrics of both runs, their difference and its {level}% bootstrap interval</caption>
            <thead>
              <tr>
                <th scope="col">Metric (%)</th>
                <th scope="col" className="num">
                  #{base.run.id}
                </th>
                <th scope="col" className="num">
                  #{other.run.id}
                </th>
                <th scope="col" className="num">
                  Difference
                </th>
                <th scope="col" className="num">
                  {level}% interval
                </th>
              </tr>
            </thead>
            <tbody>
              {comparison.deltas.map((d) => (
                <tr key={d.metric}>
                  <th scope="row">{RATE_TEXT[d.metric]}</th>
                  <td className="num">{pct(d.a)}</td>
                  <td className="num">{pct(d.b)}</td>
                  <td className="num">{signed(d.delta)}</td>
                  <td className="num">
                    {signed(d.low)} to {signed(d.high)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted small">Neither run has labels, so only the verdicts themselves are compared.</p>
      )}
      <p className="mcnemar" data-testid={`mcnemar-${other.run.id}`}>
        McNemar test on the paired {comparison.mcnemarOn === 'correctness' ? 'correct/incorrect outcomes' : 'flagged/not-flagged verdicts'} (
        {test.method === 'exact' ? 'exact binomial' : 'χ² with continuity correction'}):{' '}
        {`${test.onlyA} ${outcome} only by #${base.run.id}, ${test.onlyB} only by #${other.run.id}, `}
        <strong>p = {pValue(test.pValue)}</strong>
        {test.pValue < 0.05 ? ' — the runs differ beyond chance at the 5% level.' : ' — no difference beyond chance at the 5% level.'}
      </p>
      <DisagreementList disagreements={comparison.disagreements} baseId={base.run.id} otherId={other.run.id} />
    </section>
  );
}
