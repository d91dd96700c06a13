import { useId } from 'react';
import type { ExtractionMode } from '../../core/result';
import type { PolicyOption } from '../check/policies';

export interface SetupChoice {
  policyId: string;
  extraction: ExtractionMode;
}

interface RunSetupProps {
  policies: readonly PolicyOption[];
  choice: SetupChoice;
  onChange(choice: SetupChoice): void;
  /** The benchmark's own policy, when the dataset came with a config. */
  benchmarkPolicyId: string | null;
  modelLabel: string | null;
  disabled: boolean;
}

/** Which policy (template and verdict field) and which reading of the verdict the run uses. */
export function RunSetup({ policies, choice, onChange, benchmarkPolicyId, modelLabel, disabled }: RunSetupProps) {
  const id = useId();
  const policy = policies.find((option) => option.id === choice.policyId);
  return (
    <fieldset className="run-setup" disabled={disabled}>
      <legend>Policy and settings</legend>
      <div className="field">
        <label htmlFor={`${id}-policy`}>Policy (template)</label>
        <select id={`${id}-policy`} value={choice.policyId} onChange={(event) => onChange({ ...choice, policyId: event.target.value })}>
          {policies.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
              {option.id === benchmarkPolicyId ? ' (this benchmark)' : ''}
            </option>
          ))}
        </select>
        {policy && (
          <p className="field-hint">
            Verdict read from <code>{policy.policy.outputField}</code>; <code>{policy.policy.flaggedValue}</code> means flagged. Template{' '}
            <code>{policy.templatePath}</code>, up to {policy.maxTokens} output tokens.
          </p>
        )}
      </div>
      <div className="field" role="radiogroup" aria-labelledby={`${id}-mode`}>
        <span id={`${id}-mode`} className="field-label">
          Verdict reading
        </span>
        <label className="choice">
          <input type="radio" name={`${id}-extraction`} checked={choice.extraction === 'robust'} onChange={() => onChange({ ...choice, extraction: 'robust' })} />
          Robust <span className="muted small">— greedy decoding; tolerant parsing; an unreadable verdict is “unparsed”, never “safe”.</span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-extraction`}
            checked={choice.extraction === 'reference'}
            onChange={() => onChange({ ...choice, extraction: 'reference' })}
          />
          Reference <span className="muted small">— exactly as RoGuard's script: sampling at temperature 0.2, its regular expression and fallback.</span>
        </label>
      </div>
      <p className="small">
        Model: {modelLabel ? <strong>{modelLabel}</strong> : <span>none loaded — <a href="#/models">load one on the Models page</a></span>}
      </p>
    </fieldset>
  );
}
