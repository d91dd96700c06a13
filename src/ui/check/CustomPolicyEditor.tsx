import { useId } from 'react';
import { Badge } from '../components/Badge';
import type { CustomPolicyCheck, CustomPolicyDraft } from './custom-policy';

interface CustomPolicyEditorProps {
  draft: CustomPolicyDraft;
  check: CustomPolicyCheck;
  onChange(draft: CustomPolicyDraft): void;
  onReset(): void;
}

/** The offending template line with a caret under the column, so the error is easy to find. */
function TemplateErrorLine({ template, line, column }: { template: string; line: number; column: number }) {
  const text = template.split(/\r\n|\r|\n/)[line - 1];
  if (text === undefined) return null;
  return (
    <pre className="verbatim error-line" aria-hidden="true">
      {text}
      {'\n'}
      {' '.repeat(Math.max(0, column - 1))}^
    </pre>
  );
}

/** A one-line text input with its label and, when invalid, its error tied to it for screen readers. */
function TextField({ id, label, value, error, onChange }: { id: string; label: string; value: string; error: string | null; onChange(value: string): void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Edits a custom template, verdict key, flagged value and categories, validated as you type. */
export function CustomPolicyEditor({ draft, check, onChange, onReset }: CustomPolicyEditorProps) {
  const id = useId();
  const set = (patch: Partial<CustomPolicyDraft>) => onChange({ ...draft, ...patch });
  const templateError = check.templateError;
  const where =
    templateError?.line !== undefined && !/line \d+/i.test(templateError.message)
      ? `Line ${templateError.line}${templateError.column !== undefined ? `, column ${templateError.column}` : ''}: `
      : '';
  return (
    <fieldset className="custom-policy stack">
      <legend>Custom policy</legend>
      <div className="field">
        <label htmlFor={`${id}-template`}>Template</label>
        <p className="field-hint" id={`${id}-template-hint`}>
          Python <code>str.format</code> syntax: <code>{'{prompt}'}</code> and <code>{'{response}'}</code> are filled in; write
          literal braces as <code>{'{{'}</code> and <code>{'}}'}</code>.
        </p>
        <textarea
          id={`${id}-template`}
          className="mono"
          rows={12}
          spellCheck={false}
          value={draft.template}
          aria-invalid={templateError ? true : undefined}
          aria-describedby={`${id}-template-hint${templateError ? ` ${id}-template-error` : ''}`}
          onChange={(event) => set({ template: event.target.value })}
        />
        {templateError && (
          <div className="field-error" id={`${id}-template-error`} role="alert" data-testid="template-error">
            <p>
              {where}
              {templateError.message}
            </p>
            {templateError.line !== undefined && (
              <TemplateErrorLine template={draft.template} line={templateError.line} column={templateError.column ?? 1} />
            )}
          </div>
        )}
      </div>
      <div className="row custom-fields">
        <TextField id={`${id}-field`} label="Verdict key" value={draft.outputField} error={check.outputFieldError} onChange={(outputField) => set({ outputField })} />
        <TextField id={`${id}-flagged`} label="Flagged value" value={draft.flaggedValue} error={check.flaggedValueError} onChange={(flaggedValue) => set({ flaggedValue })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-taxonomy`}>Categories</label>
        <p className="field-hint" id={`${id}-taxonomy-hint`}>
          One a line, as <code>S1: Violence</code>. Used to name the categories the model reports.
        </p>
        <textarea
          id={`${id}-taxonomy`}
          className="mono"
          rows={5}
          spellCheck={false}
          value={draft.taxonomy}
          aria-invalid={check.taxonomyErrors.length > 0 ? true : undefined}
          aria-describedby={`${id}-taxonomy-hint${check.taxonomyErrors.length ? ` ${id}-taxonomy-error` : ''}`}
          onChange={(event) => set({ taxonomy: event.target.value })}
        />
        {check.taxonomyErrors.length > 0 && (
          <ul className="field-error" id={`${id}-taxonomy-error`}>
            {check.taxonomyErrors.map((problem) => (
              <li key={problem.line}>{problem.message}</li>
            ))}
          </ul>
        )}
      </div>
      {check.warnings.length > 0 && (
        <ul className="notice notice-warning warnings">
          {check.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <p className="row">
        {check.policy ? <Badge tone="safe">Policy is valid</Badge> : <Badge tone="flagged">Fix the errors above</Badge>}
        <button type="button" className="link" onClick={onReset}>
          Start again from the selected config
        </button>
      </p>
    </fieldset>
  );
}
