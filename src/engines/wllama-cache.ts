/**
 * The CPU engine's downloaded models. wllama keeps each GGUF file it downloads in the origin's
 * private file system (OPFS), keyed by a hash of its URL, with the URL in a metadata file beside it.
 * These helpers find a model's files by URL (every shard of a split model), report their sizes and
 * delete them. They run on the page, like the WebLLM cache helpers: OPFS is shared with the worker.
 */
import { CacheManager, ModelManager, type CacheEntry } from '@wllama/wllama';
import type { CachedModel } from './cache';
import type { ModelEntry } from './registry';
import { parseModelUrls, planSource } from './wllama-source';

export interface GgufCacheFile {
  url: string;
  /** Bytes stored; differs from `expectedBytes` when a download was cut off. */
  bytes: number;
  expectedBytes: number;
}

export interface GgufCacheReport {
  /** Every file of the model is stored whole. */
  cached: boolean;
  /** Bytes stored for this model (partial files count too). */
  bytes: number;
  files: GgufCacheFile[];
}

/** The files wllama itself downloads and caches for a model URL; none when the app fetches them (blob: or other naming). */
export function cachedFileUrls(url: string | undefined): string[] {
  let urls: string[];
  try {
    urls = parseModelUrls(url);
  } catch {
    return [];
  }
  const source = planSource(urls);
  return source.kind === 'wllama' ? source.urls : [];
}

/** Which of `entries` hold `urls`, matched by the recorded URL or by the storage key wllama derives from it. */
export function summariseGgufCache(entries: readonly CacheEntry[], urls: readonly string[], keys: readonly string[]): GgufCacheReport {
  const files: GgufCacheFile[] = [];
  let verified = true;
  urls.forEach((url, i) => {
    const entry = entries.find((e) => e.metadata?.originalURL === url || e.name === keys[i]);
    if (!entry) return;
    // wllama records a file's URL and size only once its download ends: a file without them was cut off.
    if (entry.metadata?.originalURL !== url) verified = false;
    files.push({ url, bytes: entry.size, expectedBytes: entry.metadata?.originalSize ?? entry.size });
  });
  const whole = verified && files.length === urls.length && urls.length > 0 && files.every((f) => f.bytes === f.expectedBytes);
  return { cached: whole, bytes: files.reduce((sum, f) => sum + f.bytes, 0), files };
}

/** wllama's cache on this origin, or undefined where the browser has no OPFS. */
function defaultManager(): CacheManager | undefined {
  try {
    return new CacheManager();
  } catch {
    return undefined;
  }
}

async function keysOf(manager: CacheManager, urls: readonly string[]): Promise<string[]> {
  return Promise.all(urls.map((url) => manager.getNameFromURL(url)));
}

/** What of a GGUF model (one URL, or the first shard of a split set) the CPU engine has stored. */
export async function inspectGgufCache(url: string | undefined, manager = defaultManager()): Promise<GgufCacheReport> {
  const urls = cachedFileUrls(url);
  if (!manager || urls.length === 0) return { cached: false, bytes: 0, files: [] };
  return summariseGgufCache(await manager.list(), urls, await keysOf(manager, urls));
}

/** The CPU-engine models of the registry with what is stored of each. */
export async function listCachedGgufModels(entries: readonly ModelEntry[], manager = defaultManager()): Promise<CachedModel[]> {
  const list: CachedModel[] = [];
  if (!manager) return list;
  const stored = await manager.list();
  for (const entry of entries) {
    if (entry.engine !== 'wllama' || entry.urlIsPlaceholder) continue;
    const urls = cachedFileUrls(entry.url);
    if (urls.length === 0) continue;
    const report = summariseGgufCache(stored, urls, await keysOf(manager, urls));
    list.push({ id: entry.id, cached: report.cached, bytes: report.bytes });
  }
  return list;
}

/**
 * Deletes every stored file (and its metadata) of a GGUF model, so the next load downloads it again.
 * @throws whatever the browser's file system raises when an entry cannot be removed
 */
export async function deleteGgufCache(url: string | undefined, manager = defaultManager()): Promise<void> {
  const urls = cachedFileUrls(url);
  if (!manager || urls.length === 0) return;
  const keys = new Set(await keysOf(manager, urls));
  await manager.deleteMany((e) => keys.has(e.name) || urls.includes(e.metadata?.originalURL ?? ''));
}
