import type { LoadState } from '../guard/context';
import { describeDownload, downloadStats } from './download-stats';
import { ProgressBar } from './ProgressBar';

const PHASE_TEXT: Record<string, string> = {
  probe: 'Checking the device',
  download: 'Downloading',
  compile: 'Compiling GPU shaders',
  load: 'Loading into memory',
  ready: 'Ready',
  run: 'Running',
};

/** The progress of a model load: phase, bytes, speed and time left, read out politely. */
export function LoadProgress({ load, onCancel }: { load: LoadState; onCancel?: () => void }) {
  if (load.phase !== 'loading') return null;
  const last = load.samples.at(-1)?.progress;
  const stats = downloadStats(load.samples);
  const label = `${last ? PHASE_TEXT[last.phase] ?? last.phase : 'Starting'} ${load.modelId ?? ''}`.trim();
  // A byte count already says what the engine's own text would; other phases keep the engine's words.
  const detail = [stats ? describeDownload(stats) : '', stats?.bytes ? '' : (last?.text ?? '')].filter(Boolean).join(' — ');
  return (
    <div className="load-progress" aria-live="polite">
      <ProgressBar label={label} fraction={stats?.fraction ?? null} valueText={detail || 'Starting…'} />
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel load
        </button>
      )}
    </div>
  );
}
