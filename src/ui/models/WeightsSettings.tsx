import { useId, useState, type FormEvent } from 'react';
import { defaultWeightUrls } from '../../engines/registry-urls';
import { useGuard } from '../guard/context';
import { urlProblem, type GuardSettings } from '../guard/settings';

type UrlField = 'mlcWeightsUrl' | 'ggufWeightsUrl' | 'tinyTestUrl';

interface FieldSpec {
  key: UrlField;
  label: string;
  hint: string;
  placeholder: string;
}

/** Where the RoGuard weights (and the tiny test model) are fetched from; kept in this browser. */
export function WeightsSettings() {
  const id = useId();
  const { settings, updateSettings } = useGuard();
  const stored = { mlcWeightsUrl: settings.mlcWeightsUrl, ggufWeightsUrl: settings.ggufWeightsUrl, tinyTestUrl: settings.tinyTestUrl };
  const [values, setValues] = useState<Pick<GuardSettings, UrlField>>(stored);
  const [shown, setShown] = useState(stored);
  // A setting changed elsewhere (a folder import points the MLC URL at it): show the new value.
  if ((Object.keys(stored) as UrlField[]).some((key) => stored[key] !== shown[key])) {
    setShown(stored);
    setValues(stored);
  }
  const [saved, setSaved] = useState(false);
  const defaults = defaultWeightUrls();
  const fields: FieldSpec[] = [
    {
      key: 'mlcWeightsUrl',
      label: 'RoGuard MLC weights URL (WebGPU)',
      hint: 'The folder holding mlc-chat-config.json and tensor-cache.json. Write {quant} where q4f16_1 or q4f32_1 goes. Empty: the build default.',
      placeholder: defaults.roguardMlc,
    },
    {
      key: 'ggufWeightsUrl',
      label: 'RoGuard GGUF URL (CPU)',
      hint: 'One .gguf file, or split parts separated by spaces. Empty: the build default.',
      placeholder: defaults.roguardGguf,
    },
    {
      key: 'tinyTestUrl',
      label: 'Tiny test model URL (GGUF)',
      hint: 'The tiny model written by scripts/make-tiny-model.ts, served from a URL you choose.',
      placeholder: 'http://127.0.0.1:8080/tiny.gguf',
    },
  ];
  const problems = Object.fromEntries(
    fields.map((field) => [field.key, values[field.key].trim().split(/\s+/).map(urlProblem).find(Boolean) ?? null]),
  ) as Record<UrlField, string | null>;
  const valid = Object.values(problems).every((problem) => problem === null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    updateSettings({
      mlcWeightsUrl: values.mlcWeightsUrl.trim(),
      ggufWeightsUrl: values.ggufWeightsUrl.trim(),
      tinyTestUrl: values.tinyTestUrl.trim(),
    });
    setSaved(true);
  };

  return (
    <form className="panel stack" aria-labelledby={`${id}-title`} onSubmit={onSubmit} noValidate>
      <h3 id={`${id}-title`}>Weights URLs</h3>
      {fields.map((field) => (
        <div className="field" key={field.key}>
          <label htmlFor={`${id}-${field.key}`}>{field.label}</label>
          <input
            id={`${id}-${field.key}`}
            type="text"
            inputMode="url"
            spellCheck={false}
            value={values[field.key]}
            placeholder={field.placeholder}
            aria-invalid={problems[field.key] ? true : undefined}
            aria-describedby={`${id}-${field.key}-hint${problems[field.key] ? ` ${id}-${field.key}-error` : ''}`}
            onChange={(event) => {
              setSaved(false);
              setValues({ ...values, [field.key]: event.target.value });
            }}
          />
          <p className="field-hint" id={`${id}-${field.key}-hint`}>
            {field.hint}
          </p>
          {problems[field.key] && (
            <p className="field-error" id={`${id}-${field.key}-error`}>
              {problems[field.key]}
            </p>
          )}
        </div>
      ))}
      <div className="row">
        <button type="submit" className="primary" disabled={!valid}>
          Save URLs
        </button>
        <span role="status" className="muted small">
          {saved ? 'Saved. Load a model to use them.' : ''}
        </span>
      </div>
    </form>
  );
}
