import type { DatasetRead } from '../../core/dataset/types';
import type { PreparedDraft } from './dataset-draft';

const SHOWN = 200;

const ENCODING_TEXT: Record<DatasetRead['encoding'], string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with a byte-order mark',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  binary: 'binary (Parquet)',
  unreadable: 'unreadable',
};

const delimiterName = (delimiter: string) => ({ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' })[delimiter] ?? JSON.stringify(delimiter);

interface ReadReportProps {
  read: DatasetRead;
  prepared: PreparedDraft;
  onDownload(): void;
}

/** Every row accounted for: how the file was read, how many rows became examples, and why the others did not. */
export function ReadReport({ read, prepared, onDownload }: ReadReportProps) {
  const fileLevel = prepared.reported.filter((r) => r.row === null);
  const rowLevel = prepared.reported.filter((r) => r.row !== null);
  return (
    <section className="read-report" aria-labelledby="read-report-heading">
      <h4 id="read-report-heading">What was read</h4>
      <dl className="facts">
        <dt>File</dt>
        <dd>{read.file}</dd>
        <dt>Format</dt>
        <dd>
          {read.format.toUpperCase()}
          {read.formatNote && <span className="muted"> — {read.formatNote}</span>}
        </dd>
        <dt>Encoding</dt>
        <dd>{ENCODING_TEXT[read.encoding]}</dd>
        {read.delimiter !== undefined && (
          <>
            <dt>Delimiter</dt>
            <dd>
              {delimiterName(read.delimiter)}
              {read.delimiterNote && <span className="muted"> — {read.delimiterNote}</span>}
            </dd>
          </>
        )}
        <dt>Columns</dt>
        <dd>{read.columns.length === 0 ? 'none' : read.columns.join(', ')}</dd>
        <dt>Examples kept</dt>
        <dd data-testid="kept-count">
          <strong>{prepared.examples.length}</strong>
        </dd>
        <dt>Rows reported</dt>
        <dd data-testid="reported-count">
          <strong>{rowLevel.length}</strong>
        </dd>
      </dl>
      {read.notes.length > 0 && (
        <ul className="read-notes small muted">
          {read.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {fileLevel.map((r) => (
        <p key={r.reason} className="notice notice-error" role="alert">
          {r.reason}
        </p>
      ))}
      {rowLevel.length > 0 && (
        <details className="reported-rows">
          <summary>
            {rowLevel.length} row{rowLevel.length === 1 ? '' : 's'} not kept, with the reason
          </summary>
          <ul className="small">
            {rowLevel.slice(0, SHOWN).map((r, i) => (
              <li key={`${r.row}-${i}`}>{r.reason}</li>
            ))}
          </ul>
          {rowLevel.length > SHOWN && <p className="muted small">…and {rowLevel.length - SHOWN} more in the downloaded report.</p>}
        </details>
      )}
      <button type="button" onClick={onDownload}>
        Download the report (JSON)
      </button>
      <p className="muted small">The same object as <code>roguard inspect --json</code> prints for this file.</p>
    </section>
  );
}
