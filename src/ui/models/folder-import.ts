/** Where an imported MLC folder is stored, and a first look at a picked folder before storing it. */
import type { ModelEntry } from '../../engines/registry';

/** The folder is stored under the entry's URL; an unset (placeholder) URL becomes a path on this site. */
export function importUrlFor(entry: Pick<ModelEntry, 'id' | 'url' | 'urlIsPlaceholder'>, origin: string): string {
  if (entry.url && !entry.urlIsPlaceholder) return entry.url;
  return `${origin}/local-models/${encodeURIComponent(entry.id)}/`;
}

/** The weights-URL setting that makes the RoGuard MLC entries point at locally imported folders. */
export function localRoguardMlcSetting(origin: string): string {
  return `${origin}/local-models/roguard-1.0-{quant}-MLC/`;
}

export interface FolderSummary {
  files: number;
  bytes: number;
  /** The folder's name (the first part of the relative paths). */
  folder: string;
  hasConfig: boolean;
  hasTensorCache: boolean;
  hasLibrary: boolean;
}

type PickedFile = { name: string; size: number; webkitRelativePath?: string };

/** Counts a picked folder and looks for the files an MLC build must have. */
export function summariseFolder(files: readonly PickedFile[]): FolderSummary {
  const names = new Set(files.map((file) => file.name));
  const first = files[0]?.webkitRelativePath ?? '';
  return {
    files: files.length,
    bytes: files.reduce((sum, file) => sum + file.size, 0),
    folder: first.includes('/') ? first.slice(0, first.indexOf('/')) : '',
    hasConfig: names.has('mlc-chat-config.json'),
    hasTensorCache: names.has('tensor-cache.json') || names.has('ndarray-cache.json'),
    hasLibrary: files.some((file) => file.name.endsWith('.wasm')),
  };
}
