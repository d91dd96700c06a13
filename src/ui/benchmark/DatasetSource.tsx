import { useId, useRef, useState, type DragEvent } from 'react';
import { downloadHint, shippedBenchmarks, type BenchmarkChoice } from './benchmark-configs';

const ACCEPTED = '.csv,.tsv,.txt,.jsonl,.ndjson,.json,.parquet';

interface DatasetSourceProps {
  busy: boolean;
  onFile(file: File, benchmark: BenchmarkChoice | null): void;
  onSample(): void;
}

/** The three ways in: the bundled sample, a file of one's own, or a standard benchmark's file. */
export function DatasetSource({ busy, onFile, onSample }: DatasetSourceProps) {
  const id = useId();
  const { choices, problems } = shippedBenchmarks();
  const [benchmarkId, setBenchmarkId] = useState('');
  const benchmark = choices.find((choice) => choice.id === benchmarkId) ?? null;
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>1. Choose a dataset</h3>
      <div className="source-grid">
        <div className="source-option">
          <h4>Try the sample</h4>
          <p className="muted small">40 short prompt/response pairs we wrote, half of them unsafe (nothing graphic).</p>
          <button type="button" className="primary" onClick={onSample} disabled={busy}>
            Load the sample dataset
          </button>
        </div>
        <div className="source-option">
          <h4>Your own file</h4>
          <DropZone label="Drop a CSV, JSONL, JSON or Parquet file here" busy={busy} onFile={(file) => onFile(file, null)} />
        </div>
        <div className="source-option">
          <h4>A standard benchmark</h4>
          <label htmlFor={`${id}-benchmark`}>Benchmark config</label>
          <select id={`${id}-benchmark`} value={benchmarkId} onChange={(event) => setBenchmarkId(event.target.value)}>
            <option value="">Choose one of {choices.length} configs…</option>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.id.replace(/\.json$/, '')} — {choice.config.eval_dataset}
              </option>
            ))}
          </select>
          {benchmark && (
            <>
              <p className="small benchmark-hint">{downloadHint(benchmark)}</p>
              <p className="muted small">
                Label <code>{benchmark.config.eval_label_field ?? '(none)'}</code> = <code>{benchmark.config.eval_flagged_value ?? '–'}</code>; verdict{' '}
                <code>{benchmark.config.llm_output_field}</code> = <code>{benchmark.config.llm_flagged_value}</code>. Nothing is downloaded by this page.
              </p>
              <DropZone label={`Drop the ${benchmark.config.name} file here`} busy={busy} onFile={(file) => onFile(file, benchmark)} />
            </>
          )}
        </div>
      </div>
      {problems.length > 0 && (
        <div className="notice notice-warning">
          <p className="notice-title">Some configs could not be offered</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

interface DropZoneProps {
  label: string;
  busy: boolean;
  onFile(file: File): void;
}

/** A file picker that also takes a dropped file; keyboard users use the button. */
function DropZone({ label, busy, onFile }: DropZoneProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (file) onFile(file);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!busy) take(event.dataTransfer.files);
  };
  return (
    <div
      className={`drop-zone${over ? ' over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="small">{label}</p>
      <button type="button" onClick={() => input.current?.click()} disabled={busy}>
        Choose a file…
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPTED}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={label}
        onChange={(event) => {
          take(event.target.files);
          event.target.value = '';
        }}
      />
    </div>
  );
}
