import { useId, useState, type FormEvent } from 'react';
import type { GuardError } from '../../core/errors';
import { customWebLLMSpec } from '../../engines/registry-resolve';
import { ErrorNotice } from '../components/ErrorNotice';
import { useGuard } from '../guard/context';
import { toGuardError } from '../guard/to-guard-error';

/** Any MLC model (another guard someone compiled): its weights folder and a model library for this WebLLM. */
export function CustomModelForm() {
  const id = useId();
  const { load, loadModel, settings } = useGuard();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [modelLibUrl, setModelLibUrl] = useState('');
  const [f16, setF16] = useState(false);
  const [error, setError] = useState<GuardError | null>(null);
  const [loadedId, setLoadedId] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const spec = customWebLLMSpec({ id: name, url: url.trim(), modelLibUrl: modelLibUrl.trim(), contextWindow: settings.contextWindow, f16 });
      setLoadedId(spec.id);
      void loadModel(spec);
    } catch (failure) {
      setError(toGuardError(failure, 'BAD_CONFIG'));
    }
  };
  const loadError = load.phase === 'failed' && load.modelId === loadedId ? load.error : null;

  return (
    <form className="panel stack" aria-labelledby={`${id}-title`} onSubmit={onSubmit} noValidate>
      <h3 id={`${id}-title`}>Custom WebGPU model</h3>
      <p className="muted small">
        Any model compiled with MLC: give its weights folder and a model library (<code>.wasm</code>) built for WebLLM 0.2.86.
      </p>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} type="text" value={name} placeholder="custom-model" onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>Weights folder URL</label>
        <input id={`${id}-url`} type="text" inputMode="url" spellCheck={false} value={url} onChange={(event) => setUrl(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-lib`}>Model library URL (.wasm)</label>
        <input id={`${id}-lib`} type="text" inputMode="url" spellCheck={false} value={modelLibUrl} onChange={(event) => setModelLibUrl(event.target.value)} />
      </div>
      <div className="radio">
        <input id={`${id}-f16`} type="checkbox" checked={f16} onChange={(event) => setF16(event.target.checked)} />
        <label htmlFor={`${id}-f16`}>Needs shader-f16 (a q4f16 build)</label>
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={load.phase === 'loading'}>
          Load custom model
        </button>
      </div>
      {error && <ErrorNotice error={error} hideLinkTo="models" />}
      {loadError && <ErrorNotice error={loadError} hideLinkTo="models" />}
    </form>
  );
}
