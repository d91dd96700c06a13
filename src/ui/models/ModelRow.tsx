import { useState } from 'react';
import type { ModelEntry } from '../../engines/registry';
import { estimateVramMB } from '../../engines/registry';
import { Badge } from '../components/Badge';
import { formatBytes } from '../components/download-stats';

interface ModelRowProps {
  entry: ModelEntry;
  contextWindow: number;
  loaded: boolean;
  selected: boolean;
  busy: boolean;
  /** Why this model cannot load here (missing URL, missing GPU feature), or null. */
  blocker: string | null;
  /** Cache state: true when whole, false when not (see cachedBytes), null when this engine cannot tell. */
  cached: boolean | null;
  cachedBytes?: number;
  onLoad(): void;
  onDelete?: () => void;
}

/** One model: what it is, how big, whether it is cached, and its Load / Delete buttons. */
export function ModelRow({ entry, contextWindow, loaded, selected, busy, blocker, cached, cachedBytes, onLoad, onDelete }: ModelRowProps) {
  const vram = estimateVramMB(entry, Math.min(contextWindow, entry.maxContextWindow));
  const titleId = `model-${entry.id}`;
  const [confirming, setConfirming] = useState(false);
  return (
    <li className={`model-row${selected ? ' selected' : ''}`} aria-labelledby={titleId}>
      <div className="model-main">
        <p className="model-title" id={titleId}>
          {entry.label}
        </p>
        <p className="muted small model-id">
          <code>{entry.id}</code> · {entry.quantization}
          {vram !== undefined && ` · about ${formatBytes(vram * 2 ** 20)} of GPU memory at ${Math.min(contextWindow, entry.maxContextWindow).toLocaleString()} tokens`}
        </p>
        {entry.url && (
          <p className="muted small model-url" title={entry.url}>
            {entry.url}
          </p>
        )}
        <p className="row model-badges">
          {loaded && <Badge tone="safe">Loaded</Badge>}
          {selected && !loaded && <Badge tone="info">Selected</Badge>}
          {/* Cache badges never say "loaded": that word is the Loaded badge's alone (people and tests look for it). */}
          {cached === true && <Badge tone="info">Cached{cachedBytes ? ` · ${formatBytes(cachedBytes)}` : ''}</Badge>}
          {cached === false && (cachedBytes ?? 0) > 0 && <Badge tone="unparsed">Partly cached · {formatBytes(cachedBytes!)}</Badge>}
          {cached === false && !cachedBytes && <Badge tone="neutral">Not cached</Badge>}
          {blocker && <Badge tone="unparsed">{blocker}</Badge>}
        </p>
      </div>
      <div className="model-actions">
        <button type="button" className={selected ? 'primary' : undefined} onClick={onLoad} disabled={busy} aria-describedby={titleId}>
          {loaded ? 'Reload' : 'Load'}
        </button>
        {onDelete && (cached || (cachedBytes ?? 0) > 0) && !confirming && (
          <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={busy || loaded} aria-describedby={titleId}>
            Delete download
          </button>
        )}
        {onDelete && confirming && (
          <span className="row" role="group" aria-label={`Delete ${entry.label}?`}>
            <span className="small">Delete {cachedBytes ? formatBytes(cachedBytes) : 'the files'}?</span>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirming(false);
                onDelete();
              }}
            >
              Yes, delete
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        )}
      </div>
    </li>
  );
}
