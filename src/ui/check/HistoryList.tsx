import { StatusBadge } from '../components/Badge';
import type { HistoryEntry } from './history';

interface HistoryListProps {
  history: HistoryEntry[];
  onUse(entry: HistoryEntry): void;
  onClear(): void;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

const snippet = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The last checks on this device, newest first; one click puts an entry back in the form. */
export function HistoryList({ history, onUse, onClear }: HistoryListProps) {
  return (
    <section className="panel history" aria-labelledby="history-title">
      <div className="row history-head">
        <h3 id="history-title">Recent checks</h3>
        {history.length > 0 && (
          <button type="button" className="danger" onClick={onClear}>
            Clear history
          </button>
        )}
      </div>
      {history.length === 0 ? (
        <p className="muted">Your last 20 checks appear here. They are kept only in this browser.</p>
      ) : (
        <ol className="history-list">
          {history.map((entry) => (
            <li key={entry.id} className="history-item">
              <div className="row">
                <StatusBadge status={entry.status} />
                <time className="muted small" dateTime={new Date(entry.at).toISOString()}>
                  {timeFormat.format(entry.at)}
                </time>
              </div>
              <p className="history-prompt">{snippet(entry.prompt)}</p>
              {entry.categories.length > 0 && <p className="small">Categories: {entry.categories.join(', ')}</p>}
              <p className="muted small">
                {entry.policyLabel} · {entry.modelId}
                {entry.score !== null ? ` · P(flagged) ${Math.round(entry.score * 100)}%` : ''}
              </p>
              <button type="button" className="link" onClick={() => onUse(entry)} aria-label={`Use again: ${snippet(entry.prompt, 60)}`}>
                Use again
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
