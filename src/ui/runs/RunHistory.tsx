import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { guardDb } from '../../store/db';
import type { RunRecord } from '../../store/records';
import { deleteRun } from '../../store/runs';
import { compareHash, runHash } from './run-links';
import { RUN_STATUS_TEXT } from './run-status';
import { useRunList } from './use-runs';

export function formatDate(time: number): string {
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Every saved run, newest first; pick two or more to compare. */
export function RunHistory() {
  const { value: runs, error, loading } = useRunList();
  const [selected, setSelected] = useState<number[]>([]);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const toggle = (id: number) => setSelected((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  const remove = async (run: RunRecord) => {
    if (!window.confirm(`Delete run #${run.id} (${run.datasetName}) and its ${run.done} results? Cached model outputs are kept.`)) return;
    try {
      await deleteRun(guardDb(), run.id);
      setSelected((ids) => ids.filter((x) => x !== run.id));
    } catch (e) {
      setDeleteError(e instanceof Error ? e.message : String(e));
    }
  };

  if (error) return <ErrorNotice error={error} />;
  if (loading || !runs) return <p className="muted">Loading runs…</p>;
  if (runs.length === 0) {
    return (
      <div className="empty-state">
        <p>No runs yet.</p>
        <p>
          <a href="#/benchmark">Run a benchmark</a> — the bundled sample dataset takes a single click.
        </p>
      </div>
    );
  }
  return (
    <section aria-labelledby="history-heading">
      <div className="section-head">
        <h3 id="history-heading">History</h3>
        <a
          className={`button-link${selected.length < 2 ? ' disabled' : ''}`}
          href={selected.length >= 2 ? compareHash(selected) : undefined}
          aria-disabled={selected.length < 2}
        >
          Compare {selected.length >= 2 ? `${selected.length} runs` : 'selected runs'}
        </a>
      </div>
      <p className="muted small">Tick two or more runs over the same dataset to compare them.</p>
      {deleteError && (
        <p className="notice notice-error" role="alert">
          {deleteError}
        </p>
      )}
      <div className="table-scroll" role="region" aria-label="Saved runs" tabIndex={0}>
        <table className="runs-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Compare</span>
              </th>
              <th scope="col">Run</th>
              <th scope="col">Dataset</th>
              <th scope="col">Model</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Done
              </th>
              <th scope="col" className="num">
                F1 %
              </th>
              <th scope="col">Started</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td>
                  <input
                    type="checkbox"
                    checked={selected.includes(run.id)}
                    onChange={() => toggle(run.id)}
                    aria-label={`Select run ${run.id} for comparison`}
                  />
                </td>
                <td>
                  <a href={runHash(run.id)}>#{run.id}</a>
                </td>
                <td>
                  {run.datasetName}
                  <span className="muted small"> · {run.config.name}</span>
                </td>
                <td>
                  {run.model.id}
                  <span className="muted small"> · {run.config.extraction}</span>
                </td>
                <td>{RUN_STATUS_TEXT[run.status]}</td>
                <td className="num">
                  {run.done}/{run.total}
                </td>
                <td className="num">{run.metrics ? run.metrics.f1 : '–'}</td>
                <td>{formatDate(run.createdAt)}</td>
                <td>
                  <button type="button" className="danger small-button" onClick={() => void remove(run)} aria-label={`Delete run ${run.id}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
