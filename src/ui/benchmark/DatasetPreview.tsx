import { pyStr } from '../../core/python';
import type { DataValue } from '../../core/value';

interface DatasetPreviewProps {
  columns: readonly string[];
  rows: readonly { row: number; values: Record<string, DataValue> }[];
  /** Rows shown; the rest are counted. */
  limit?: number;
  /** The mapped columns, highlighted in the header. */
  mapped?: { prompt?: string; response?: string; label?: string };
}

const CELL_MAX = 240;

/** A cell as text: strings exactly (cut short), other values as Python prints them, missing as empty. */
function previewCell(value: DataValue | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : pyStr(value);
  return text.length > CELL_MAX ? `${text.slice(0, CELL_MAX)}…` : text;
}

/** The first rows of the file as read, before any mapping. Values are shown as text, never as markup. */
export function DatasetPreview({ columns, rows, limit = 8, mapped = {} }: DatasetPreviewProps) {
  const shown = rows.slice(0, limit);
  const role = (column: string) =>
    column === mapped.prompt ? 'prompt' : column === mapped.response ? 'response' : column === mapped.label ? 'label' : null;
  return (
    <div className="preview">
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Preview of the first rows">
        <table className="preview-table">
          <caption className="visually-hidden">First {shown.length} rows of the file</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              {columns.map((column) => (
                <th scope="col" key={column} className={role(column) ? 'mapped' : undefined}>
                  {column}
                  {role(column) && <span className="mapped-as"> ({role(column)})</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map(({ row, values }) => (
              <tr key={row}>
                <th scope="row">{row}</th>
                {columns.map((column) => (
                  <td key={column} className={values[column] === null ? 'null-cell' : undefined}>
                    {values[column] === null ? 'null' : previewCell(values[column])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length && <p className="muted small">…and {rows.length - shown.length} more rows.</p>}
    </div>
  );
}
