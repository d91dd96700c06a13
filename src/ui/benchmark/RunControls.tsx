import type { RunRecord } from '../../store/records';
import type { RunProgress } from '../run/types';

interface RunControlsProps {
  /** Why Start is not possible now, or null. */
  blocked: string | null;
  progress: RunProgress | null;
  active: boolean;
  onStart(): void;
  onPause(): void;
  onResume(runId: number): void;
  onCancel(runId?: number): void;
}

/** Start, pause, resume and cancel, each offered only when it applies. */
export function RunControls({ blocked, progress, active, onStart, onPause, onResume, onCancel }: RunControlsProps) {
  const running = active && progress?.status === 'running';
  const paused = !active && progress?.status === 'paused';
  return (
    <div className="run-controls">
      <div className="row">
        {!active && !paused && (
          <button type="button" className="primary" onClick={onStart} disabled={blocked !== null}>
            Start run
          </button>
        )}
        {active && (
          <button type="button" onClick={onPause} disabled={!running}>
            Pause
          </button>
        )}
        {paused && progress && (
          <button type="button" className="primary" onClick={() => onResume(progress.runId)} disabled={blocked !== null}>
            Resume
          </button>
        )}
        {(active || paused) && progress && (
          <button type="button" className="danger" onClick={() => onCancel(progress.runId)}>
            Cancel run
          </button>
        )}
      </div>
      {blocked && !active && <p className="field-hint">{blocked}</p>}
    </div>
  );
}

interface ResumableRunsProps {
  runs: readonly RunRecord[];
  loadedModelId: string | null;
  busy: boolean;
  onResume(runId: number): void;
  onCancel(runId: number): void;
}

/** Runs a reload, a closed tab or a pause left unfinished, offered to go on from where they stopped. */
export function ResumableRuns({ runs, loadedModelId, busy, onResume, onCancel }: ResumableRunsProps) {
  if (runs.length === 0) return null;
  return (
    <div className="notice notice-warning resumable">
      <p className="notice-title">Unfinished runs</p>
      <ul>
        {runs.map((run) => {
          const modelMismatch = loadedModelId !== run.model.id;
          return (
            <li key={run.id}>
              <a href={`#/runs/${run.id}`}>Run #{run.id}</a> — {run.datasetName}, {run.done} of {run.total} done ({run.status}), model {run.model.id}.{' '}
              <button type="button" className="small-button" onClick={() => onResume(run.id)} disabled={busy || modelMismatch}>
                Resume
              </button>{' '}
              <button type="button" className="small-button danger" onClick={() => onCancel(run.id)} disabled={busy}>
                Cancel
              </button>
              {modelMismatch && <span className="muted small"> Load {run.model.id} on the Models page to resume it.</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
