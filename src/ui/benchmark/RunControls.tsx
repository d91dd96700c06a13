import type { RunRecord } from '../../store/records';
import type { RunProgress } from '../run/types';
import { useRunsElsewhere } from './use-run-controller';

interface RunControlsProps {
  progress: RunProgress;
  active: boolean;
  /** Why Resume is not possible now (e.g. another model is loaded), or null. */
  resumeBlocked: string | null;
  onPause(): void;
  onResume(runId: number): void;
  onCancel(runId: number): void;
}

/** Pause, resume and cancel beside the progress bar, each offered only when it applies. */
export function RunControls({ progress, active, resumeBlocked, onPause, onResume, onCancel }: RunControlsProps) {
  const paused = !active && progress.status === 'paused';
  if (!active && !paused) return null;
  return (
    <div className="run-controls">
      <div className="row">
        {active && (
          <button type="button" onClick={onPause} disabled={progress.status !== 'running'}>
            Pause
          </button>
        )}
        {paused && (
          <button type="button" className="primary" onClick={() => onResume(progress.runId)} disabled={resumeBlocked !== null}>
            Resume
          </button>
        )}
        <button type="button" className="danger" onClick={() => onCancel(progress.runId)}>
          Cancel run
        </button>
      </div>
      {paused && resumeBlocked && <p className="field-hint">{resumeBlocked}</p>}
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
  const elsewhere = useRunsElsewhere();
  if (runs.length === 0) return null;
  return (
    <div className="notice notice-warning resumable">
      <p className="notice-title">Unfinished runs</p>
      <ul>
        {runs.map((run) => {
          const modelMismatch = loadedModelId !== run.model.id;
          const inOtherTab = elsewhere.has(run.id);
          return (
            <li key={run.id}>
              <a href={`#/runs/${run.id}`}>Run #{run.id}</a> — {run.datasetName}, {run.done} of {run.total} done ({run.status}), model {run.model.id}.{' '}
              <button type="button" className="small-button" onClick={() => onResume(run.id)} disabled={busy || modelMismatch || inOtherTab}>
                Resume
              </button>{' '}
              <button type="button" className="small-button danger" onClick={() => onCancel(run.id)} disabled={busy || inOtherTab}>
                Cancel
              </button>
              {inOtherTab ? (
                <strong className="small run-elsewhere" role="status">
                  {' '}
                  Running in another tab: its progress shows here; close that tab to go on with it here.
                </strong>
              ) : (
                modelMismatch && <span className="muted small"> Load {run.model.id} on the Models page to resume it.</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
