import { useId } from 'react';

export interface MappingChoice {
  prompt: string;
  response?: string;
  label?: string;
}

interface MappingEditorProps {
  columns: readonly string[];
  mapping: MappingChoice;
  /** Columns the auto-detection chose, to say so beside each control. */
  detected: Partial<MappingChoice>;
  onChange(mapping: MappingChoice): void;
}

const NONE = '';

/** Which column is the prompt, the response and the label; auto-detected, editable. */
export function MappingEditor({ columns, mapping, detected, onChange }: MappingEditorProps) {
  const id = useId();
  const field = (key: keyof MappingChoice, title: string, optional: string | null) => {
    const value = mapping[key] ?? NONE;
    const note = detected[key] !== undefined && detected[key] === mapping[key] ? 'auto-detected' : null;
    return (
      <div className="field">
        <label htmlFor={`${id}-${key}`}>{title}</label>
        <select
          id={`${id}-${key}`}
          value={value}
          aria-describedby={`${id}-${key}-note`}
          onChange={(event) => {
            const chosen = event.target.value;
            const next: MappingChoice = { ...mapping };
            if (chosen === NONE && key !== 'prompt') delete next[key];
            else next[key] = chosen;
            onChange(next);
          }}
        >
          {optional !== null && <option value={NONE}>{optional}</option>}
          {key === 'prompt' && value === NONE && <option value={NONE}>Choose a column…</option>}
          {columns.map((column) => (
            <option key={column} value={column}>
              {column}
            </option>
          ))}
        </select>
        <span id={`${id}-${key}-note`} className="muted small">
          {note ?? (optional === null ? 'required' : 'optional')}
        </span>
      </div>
    );
  };
  return (
    <fieldset className="mapping">
      <legend>Column mapping</legend>
      <div className="mapping-grid">
        {field('prompt', 'Prompt column', null)}
        {field('response', 'Response column', '— no response —')}
        {field('label', 'Label column', '— no label (labeling-only run) —')}
      </div>
    </fieldset>
  );
}
