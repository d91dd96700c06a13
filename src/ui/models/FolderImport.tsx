import { useId, useState, type ChangeEvent } from 'react';
import type { GuardError } from '../../core/errors';
import { importModelFolder, type ImportSummary } from '../../engines/cache-import';
import type { ModelEntry } from '../../engines/registry';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatBytes } from '../components/download-stats';
import { specFor } from '../guard/catalog';
import { useGuard } from '../guard/context';
import { toGuardError } from '../guard/to-guard-error';
import { importUrlFor, localRoguardMlcSetting, summariseFolder, type FolderSummary } from './folder-import';

// `webkitdirectory` is not in React's input attributes; spread it so the folder picker opens.
const folderPicker = { webkitdirectory: '', directory: '' } as Record<string, string>;

/** Offline use: a local MLC folder is stored in the browser's cache under a model's URL. */
export function FolderImport({ onImported }: { onImported(): void }) {
  const id = useId();
  const { entries, settings, updateSettings } = useGuard();
  const targets = (entries ?? []).filter((entry) => entry.engine === 'webllm' && entry.kind === 'roguard');
  const [targetId, setTargetId] = useState<string>('');
  const [files, setFiles] = useState<File[]>([]);
  const [summary, setSummary] = useState<FolderSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<GuardError | null>(null);
  const target: ModelEntry | undefined = targets.find((entry) => entry.id === targetId) ?? targets[0];

  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = [...(event.target.files ?? [])];
    setFiles(picked);
    setSummary(picked.length ? summariseFolder(picked) : null);
    setDone(null);
    setError(null);
  };

  const onImport = async () => {
    if (!target || files.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const url = importUrlFor(target, location.origin);
      const result = await importModelFolder(files, { ...specFor(target, target.contextWindow), url });
      if (target.urlIsPlaceholder && !settings.mlcWeightsUrl) updateSettings({ mlcWeightsUrl: localRoguardMlcSetting(location.origin) });
      setDone(result);
      onImported();
    } catch (failure) {
      setError(toGuardError(failure, 'BAD_INPUT'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel stack folder-import" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Import a model folder</h3>
      <p className="muted small">
        Have the converted RoGuard files on disk (from <code>scripts/convert-roguard-mlc.sh</code>)? Pick the folder: the files are
        checked, then kept in this browser so the model loads without a download. Include the model library (<code>.wasm</code>) to
        work fully offline.
      </p>
      <div className="field">
        <label htmlFor={`${id}-target`}>Import as</label>
        <select id={`${id}-target`} value={target?.id ?? ''} onChange={(event) => setTargetId(event.target.value)}>
          {targets.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-folder`}>Model folder</label>
        <input id={`${id}-folder`} type="file" multiple onChange={onPick} {...folderPicker} />
      </div>
      {summary && (
        <p className="small" role="status">
          {summary.folder ? `${summary.folder}: ` : ''}
          {summary.files} files, {formatBytes(summary.bytes)}.
          {!summary.hasConfig && ' No mlc-chat-config.json here.'}
          {!summary.hasTensorCache && ' No tensor-cache.json here.'}
          {summary.hasLibrary ? ' Includes a model library.' : ' No model library (.wasm): it will be downloaded on first load.'}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" disabled={busy || !target || files.length === 0} onClick={() => void onImport()}>
          {busy ? 'Importing…' : 'Import folder'}
        </button>
      </div>
      {done && (
        <p className="notice" role="status">
          Imported {done.files} files ({formatBytes(done.bytes)}) for {target?.label}. Load it from the list above.
        </p>
      )}
      {error && <ErrorNotice error={error} hideLinkTo="models" />}
    </section>
  );
}
