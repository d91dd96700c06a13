import { useId, useState, type RefObject } from 'react';
import type { Example } from '../../core/example';
import type { ResultRecord, RunConfig } from '../../store/records';
import { chartsToPng } from '../charts/chart-png';
import { downloadBlob, downloadText } from './download';
import { runFiles } from './run-exports';

interface ExportPanelProps {
  examples: readonly Example[];
  records: readonly ResultRecord[];
  config: RunConfig;
  /** File name stem when the config names no output file, e.g. `sample-run-4`. */
  fileStem: string;
  /** The element holding the charts, for the PNG. */
  charts: RefObject<HTMLElement | null>;
}

/** Downloads: the reference's results and summary CSV, the full JSONL, and a PNG of the charts. */
export function ExportPanel({ examples, records, config, fileStem, charts }: ExportPanelProps) {
  const id = useId();
  const [exact, setExact] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const files = () => runFiles(examples, records, config, fileStem, exact);
  const safely = async (action: () => void | Promise<void>) => {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const save = (file: { name: string; text: string }, type: string) => downloadText(file.text, file.name, type);
  const labeled = config.labelFlaggedValue !== null;
  return (
    <section className="exports" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>Export</h4>
      <div className="row">
        <button type="button" onClick={() => void safely(() => save(files().results, 'text/csv'))} disabled={records.length === 0}>
          Results CSV
        </button>
        {labeled && (
          <button
            type="button"
            onClick={() => void safely(() => save(files().summary!, 'text/csv'))}
            disabled={records.length === 0}
          >
            Summary CSV
          </button>
        )}
        <button type="button" onClick={() => void safely(() => save(files().jsonl, 'application/jsonl'))} disabled={records.length === 0}>
          Full JSONL
        </button>
        <button
          type="button"
          onClick={() =>
            void safely(async () => {
              if (!charts.current) throw new Error('There is no chart to export yet.');
              downloadBlob(await chartsToPng(charts.current), `${fileStem}-charts.png`);
            })
          }
        >
          Charts PNG
        </button>
      </div>
      <label className="choice">
        <input type="checkbox" checked={exact} onChange={(event) => setExact(event.target.checked)} aria-describedby={`${id}-exact`} />
        Exact reference format
      </label>
      <p id={`${id}-exact`} className="muted small">
        {exact
          ? "Byte for byte what RoGuard's script writes. A cell starting with =, +, -, @, tab or carriage return is left as it is, and a spreadsheet may run it as a formula: open the file as text."
          : "Safe for spreadsheets: a cell starting with =, +, -, @, tab or carriage return gets a leading ' so it is never run as a formula. Tick “Exact reference format” for byte-for-byte parity with RoGuard's script."}
      </p>
      {records.length > 0 && records.length < examples.length && (
        <p className="muted small">The files hold the {records.length} examples finished so far.</p>
      )}
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
