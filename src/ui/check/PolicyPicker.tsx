import { useId } from 'react';
import type { PolicyOption, PolicyProblem } from './policies';

export const CUSTOM_POLICY_ID = 'custom';

interface PolicyPickerProps {
  options: PolicyOption[];
  problems: PolicyProblem[];
  value: string;
  onChange(id: string): void;
}

/** Chooses a shipped config's policy, or the custom one edited in place. */
export function PolicyPicker({ options, problems, value, onChange }: PolicyPickerProps) {
  const id = useId();
  const selected = options.find((option) => option.id === value);
  return (
    <div className="field">
      <label htmlFor={id}>Policy</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-describedby={`${id}-hint`}>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
        <option value={CUSTOM_POLICY_ID}>Custom policy (edit your own template)</option>
      </select>
      <p className="field-hint" id={`${id}-hint`}>
        {selected
          ? `Template ${selected.templatePath}; flagged when "${selected.policy.outputField}" is "${selected.policy.flaggedValue}".`
          : 'Write your own template, verdict key and categories below.'}
      </p>
      {selected && (
        <details className="template-preview">
          <summary>Show the template</summary>
          <pre className="verbatim">{selected.policy.template}</pre>
        </details>
      )}
      {problems.length > 0 && (
        <div className="notice notice-warning">
          <p className="notice-title">Some configs cannot be offered</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem.file}>
                {problem.file}: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
