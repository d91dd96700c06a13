import type { ClassifyResult, Policy } from '../../core/result';
import { StatusBadge } from '../components/Badge';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScoreBar } from '../components/ScoreBar';
import { CategoryList } from './CategoryList';
import { categoryViews, verdictBadges } from './verdict-view';

interface CheckResultViewProps {
  result: ClassifyResult;
  policy: Policy;
  policyLabel: string;
  modelId: string;
}

const FINISH_TEXT: Record<ClassifyResult['finishReason'], string> = {
  stop: 'the model stopped',
  length: 'the token limit was reached',
  abort: 'cancelled',
  early: 'stopped once the verdict was read',
};

/** One check's verdict: a badge per side, categories by name, P(flagged), timing and the raw output. */
export function CheckResultView({ result, policy, policyLabel, modelId }: CheckResultViewProps) {
  const badges = verdictBadges(result.verdict, policy);
  const categories = categoryViews(result.verdict.categories, policy.categories);
  const { usage } = result;
  return (
    <section className="panel result" aria-labelledby="result-title">
      <h3 id="result-title">Result</h3>
      {result.error && <ErrorNotice error={result.error} />}
      <ul className="verdicts" aria-label="Verdicts">
        {badges.map((badge) => (
          <li key={badge.field} className="verdict">
            <span className="verdict-subject">{badge.subject}</span>
            <StatusBadge status={badge.status} />
            <span className="verdict-field muted small">
              {badge.field}: {badge.value === '' ? '(no answer)' : `"${badge.value}"`}
            </span>
          </li>
        ))}
      </ul>
      {result.verdict.status === 'unparsed' && (
        <p className="notice notice-warning">
          The model's answer could not be read as a verdict, so it counts as neither safe nor flagged. See the raw output below.
        </p>
      )}
      <h4>Violated categories</h4>
      <CategoryList categories={categories} />
      <ScoreBar score={result.score} flaggedValue={policy.flaggedValue} />
      <dl className="facts small">
        <dt>Latency</dt>
        <dd>{formatMs(result.latencyMs)}</dd>
        <dt>Tokens</dt>
        <dd>
          {usage.promptTokens.toLocaleString()} in, {usage.completionTokens.toLocaleString()} out
          {usage.cachedPromptTokens ? ` (${usage.cachedPromptTokens.toLocaleString()} prompt tokens reused)` : ''}
        </dd>
        <dt>Finished</dt>
        <dd>{FINISH_TEXT[result.finishReason]}</dd>
        <dt>Policy</dt>
        <dd>{policyLabel}</dd>
        <dt>Model</dt>
        <dd>{modelId}</dd>
      </dl>
      <details className="raw-output">
        <summary>Raw model output</summary>
        <pre className="verbatim" data-testid="raw-output">
          {result.raw === '' ? '(empty)' : result.raw}
        </pre>
      </details>
    </section>
  );
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
