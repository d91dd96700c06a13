/**
 * Cached models: inspect, repair, list, delete. A download that was cut off or a file that was
 * stored damaged must never need manual clearing: before a load, every file the model's
 * `tensor-cache.json` lists is checked against its expected size, JSON files must parse and the
 * model library must be WebAssembly; damaged entries are deleted so the next load fetches them again,
 * whole entries are kept so an interrupted download resumes instead of starting over.
 */
import type { ModelSpec } from '../core/engine';
import { GuardError } from '../core/errors';
import {
  CACHE_NAMES,
  CHAT_CONFIG,
  keysUnder,
  looksLikeWasm,
  modelBaseUrl,
  parseChatConfig,
  parseTensorCache,
  storedSize,
  TENSOR_CACHE,
  tokenizerFileOf,
  wasmIsCached,
  type CacheName,
  type ShardRecord,
} from './cache-files';
import type { ModelEntry } from './registry';
import { appConfigOf } from './webllm-request';

export interface CacheProblem {
  cache: CacheName;
  url: string;
  reason: string;
}

export interface CacheReport {
  /** `absent`: nothing stored; `partial`: some files missing or damaged; `complete`: ready to load offline. */
  state: 'absent' | 'partial' | 'complete';
  /** Bytes of this model's files now in the cache (weights, config, tokenizer, library). */
  cachedBytes: number;
  /** Bytes of all weight shards, when tensor-cache.json is known. */
  weightBytes?: number;
  /** Weight bytes still to download. */
  missingBytes?: number;
  missing: string[];
  damaged: CacheProblem[];
}

async function match(cache: CacheName, url: string): Promise<Response | undefined> {
  if (!(await caches.has(cache))) return undefined;
  return (await caches.open(cache)).match(url);
}

async function readJson<T>(cache: CacheName, url: string, parse: (text: string, url: string) => T, report: CacheReport): Promise<T | undefined> {
  const response = await match(cache, url);
  if (!response) {
    report.missing.push(url);
    return undefined;
  }
  const text = await response.text();
  report.cachedBytes += text.length;
  try {
    return parse(text, url);
  } catch (error) {
    report.damaged.push({ cache, url, reason: error instanceof GuardError ? error.message : String(error) });
    return undefined;
  }
}

async function checkShards(base: string, shards: ShardRecord[], report: CacheReport): Promise<void> {
  report.weightBytes = shards.reduce((sum, s) => sum + s.nbytes, 0);
  report.missingBytes = 0;
  for (const shard of shards) {
    const url = new URL(shard.dataPath, base).href;
    const response = await match(CACHE_NAMES.model, url);
    if (!response) {
      report.missing.push(url);
      report.missingBytes += shard.nbytes;
      continue;
    }
    const size = await storedSize(response);
    if (size !== shard.nbytes) {
      report.damaged.push({ cache: CACHE_NAMES.model, url, reason: `holds ${size} bytes, ${TENSOR_CACHE} says ${shard.nbytes}` });
      report.missingBytes += shard.nbytes;
    } else {
      report.cachedBytes += size;
    }
  }
}

/** What of a WebLLM model is in Cache Storage, and what is damaged. Reads metadata and sizes, not weights. */
export async function inspectModelCache(spec: ModelSpec): Promise<CacheReport> {
  const base = modelBaseUrl(spec);
  const report: CacheReport = { state: 'absent', cachedBytes: 0, missing: [], damaged: [] };
  const config = await readJson(CACHE_NAMES.config, new URL(CHAT_CONFIG, base).href, parseChatConfig, report);
  const shards = await readJson(CACHE_NAMES.model, new URL(TENSOR_CACHE, base).href, parseTensorCache, report);
  if (shards) await checkShards(base, shards, report);
  const tokenizer = config ? tokenizerFileOf(config) : undefined;
  if (tokenizer) {
    const url = new URL(tokenizer, base).href;
    const response = await match(CACHE_NAMES.model, url);
    if (!response) report.missing.push(url);
    else {
      const size = await storedSize(response);
      if (size === 0) report.damaged.push({ cache: CACHE_NAMES.model, url, reason: 'is empty' });
      report.cachedBytes += size;
    }
  }
  if (wasmIsCached(spec.modelLibUrl)) {
    const response = await match(CACHE_NAMES.wasm, spec.modelLibUrl);
    if (response) {
      const blob = await response.blob();
      if (!(await looksLikeWasm(blob))) report.damaged.push({ cache: CACHE_NAMES.wasm, url: spec.modelLibUrl, reason: 'is not WebAssembly' });
      else report.cachedBytes += blob.size;
    } else report.missing.push(spec.modelLibUrl);
  }
  // The library is shared by every model built on the same base, so it alone does not make a model "stored".
  const metadata = [new URL(CHAT_CONFIG, base).href, new URL(TENSOR_CACHE, base).href];
  const nothing = metadata.every((url) => report.missing.includes(url)) && !report.damaged.some((p) => metadata.includes(p.url));
  const whole = report.missing.length === 0 && report.damaged.length === 0 && shards !== undefined;
  report.state = nothing ? 'absent' : whole ? 'complete' : 'partial';
  return report;
}

/** Deletes the damaged entries `inspectModelCache` finds; returns the report taken before the repair. */
export async function repairModelCache(spec: ModelSpec): Promise<CacheReport> {
  const report = await inspectModelCache(spec);
  for (const problem of report.damaged) await (await caches.open(problem.cache)).delete(problem.url);
  return report;
}

/** Forgets a model's stored config and library (small files) so a failed load fetches them again. */
export async function forgetModelMetadata(spec: ModelSpec): Promise<void> {
  const base = modelBaseUrl(spec);
  if (await caches.has(CACHE_NAMES.config)) await (await caches.open(CACHE_NAMES.config)).delete(new URL(CHAT_CONFIG, base).href);
  if (wasmIsCached(spec.modelLibUrl) && (await caches.has(CACHE_NAMES.wasm))) await (await caches.open(CACHE_NAMES.wasm)).delete(spec.modelLibUrl);
}

export interface CachedModel {
  id: string;
  /** All weights present (WebLLM's `hasModelInCache`). */
  cached: boolean;
  /** Bytes stored under the model's URL (a partial download counts too). */
  bytes: number;
}

function specOf(entry: ModelEntry): ModelSpec {
  return { id: entry.id, engine: entry.engine, url: entry.url, modelLibUrl: entry.modelLibUrl };
}

async function bytesUnder(prefix: string): Promise<number> {
  let bytes = 0;
  for (const { cache, url } of await keysUnder(prefix)) {
    const response = await match(cache, url);
    if (response) bytes += await storedSize(response);
  }
  return bytes;
}

/** The WebGPU models of the registry with what is stored of each. */
export async function listCachedModels(entries: ModelEntry[]): Promise<CachedModel[]> {
  const { hasModelInCache } = await import('@mlc-ai/web-llm');
  const list: CachedModel[] = [];
  for (const entry of entries) {
    if (entry.engine !== 'webllm' || !entry.url || entry.urlIsPlaceholder) continue;
    const spec = specOf(entry);
    const cached = await hasModelInCache(entry.id, appConfigOf(spec)).catch(() => false);
    list.push({ id: entry.id, cached, bytes: await bytesUnder(modelBaseUrl(spec)) });
  }
  return list;
}

/**
 * Deletes everything stored for a model: WebLLM's own deletion when the model is whole, then every
 * remaining key under its URL (a partial download has no complete list for WebLLM to follow) and its library.
 */
export async function deleteCachedModel(spec: ModelSpec): Promise<void> {
  const { deleteModelAllInfoInCache, hasModelInCache } = await import('@mlc-ai/web-llm');
  const appConfig = appConfigOf(spec);
  if (await hasModelInCache(spec.id, appConfig).catch(() => false)) await deleteModelAllInfoInCache(spec.id, appConfig);
  for (const { cache, url } of await keysUnder(modelBaseUrl(spec))) await (await caches.open(cache)).delete(url);
  await forgetModelMetadata(spec);
}
