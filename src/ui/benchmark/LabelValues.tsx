import { useId } from 'react';
import type { LabelSummary } from './label-counts';

interface LabelValuesProps {
  summary: LabelSummary;
  flaggedValue: string;
  onChange(flaggedValue: string): void;
}

/**
 * The label value that means unsafe, with live counts of every value. Values are compared as the
 * reference does: Python's text of the label, lowercased, against the flagged value lowercased.
 */
export function LabelValues({ summary, flaggedValue, onChange }: LabelValuesProps) {
  const id = useId();
  const known = summary.values.filter((value) => !value.skipped).map((value) => value.text);
  return (
    <fieldset className="label-values">
      <legend>Flagged label value</legend>
      <div className="label-values-control">
        <label htmlFor={`${id}-flagged`}>Label value that means unsafe</label>
        <input
          id={`${id}-flagged`}
          type="text"
          list={`${id}-values`}
          value={flaggedValue}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={`${id}-help`}
          aria-invalid={flaggedValue.trim() === ''}
        />
        <datalist id={`${id}-values`}>
          {known.map((text) => (
            <option key={text} value={text} />
          ))}
        </datalist>
        <p id={`${id}-help`} className="muted small">
          Compared case-insensitively with Python's text of each label (<code>True</code>, <code>1</code>, <code>1.0</code> and <code>1</code> differ).
        </p>
      </div>
      <p className="label-totals" aria-live="polite">
        <strong>{summary.flagged}</strong> unsafe · <strong>{summary.notFlagged}</strong> safe
        {summary.skipped > 0 && (
          <>
            {' '}
            · <strong>{summary.skipped}</strong> skipped (missing or <code>null</code> label)
          </>
        )}
      </p>
      {summary.flagged === 0 && summary.values.length > 0 && (
        <p className="notice notice-warning small">No label has this value, so every example would count as safe. Pick one of the values below.</p>
      )}
      <table className="label-table">
        <caption className="visually-hidden">Count of each label value</caption>
        <thead>
          <tr>
            <th scope="col">Label value</th>
            <th scope="col">Examples</th>
            <th scope="col">Counts as</th>
          </tr>
        </thead>
        <tbody>
          {summary.values.map((value) => (
            <tr key={`${value.skipped}:${value.text}`}>
              <td>
                <code>{value.text}</code>
              </td>
              <td className="num">{value.count}</td>
              <td>{value.skipped ? 'skipped' : value.flagged ? 'unsafe' : 'safe'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}
