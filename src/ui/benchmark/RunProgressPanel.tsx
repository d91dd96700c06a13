import { ProgressBar } from '../components/ProgressBar';
import type { RunProgress } from '../run/types';
import { formatDuration } from './preflight';

const STATUS_TEXT: Record<RunProgress['status'], string> = {
  running: 'Running',
  paused: 'Paused',
  done: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Done/total, speed, time left and cache hits of the run in progress. */
export function RunProgressPanel({ progress }: { progress: RunProgress }) {
  const { done, total, cacheHits, examplesPerSecond, etaSeconds, status, phase } = progress;
  const label = phase === 'preparing' ? 'Preparing prompts and looking up the cache' : `${STATUS_TEXT[status]}: ${done} of ${total} examples`;
  const speed = examplesPerSecond === null ? '–' : examplesPerSecond >= 10 ? examplesPerSecond.toFixed(0) : examplesPerSecond.toFixed(2);
  const eta = status !== 'running' || etaSeconds === null ? '–' : formatDuration(etaSeconds * 1_000);
  return (
    <div className="run-progress" aria-live="polite">
      <ProgressBar label={label} fraction={phase === 'preparing' ? null : total === 0 ? 1 : done / total} valueText={`${done} of ${total} done`} showValueText={false} />
      <dl className="facts run-stats">
        <dt>Done</dt>
        <dd data-testid="run-done">
          {done} / {total}
        </dd>
        <dt>Examples per second</dt>
        <dd>{speed}</dd>
        <dt>Time left</dt>
        <dd>{eta}</dd>
        <dt>From cache</dt>
        <dd data-testid="run-cache-hits">{cacheHits}</dd>
        {progress.duplicates > 0 && (
          <>
            <dt>Repeated prompts (run once)</dt>
            <dd>{progress.duplicates}</dd>
          </>
        )}
        {progress.errors > 0 && (
          <>
            <dt>Examples with errors</dt>
            <dd>{progress.errors}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
