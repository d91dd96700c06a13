/**
 * Before WebLLM's own load: repair the cache, fetch the small model files ourselves (config, shard
 * list, model library) with clear errors (which file, which HTTP status), store them only when they
 * are valid so a bad response never poisons the cache, and check storage for what is left to download.
 */
import type { ModelSpec, Progress } from '../core/engine';
import { abortedError, GuardError } from '../core/errors';
import { repairModelCache } from './cache';
import { CACHE_NAMES, CHAT_CONFIG, modelBaseUrl, parseChatConfig, parseTensorCache, TENSOR_CACHE, wasmIsCached, type ChatConfigFile, type CacheName } from './cache-files';
import { ensureStorageFor } from './storage';

export interface PreparedFiles {
  config: ChatConfigFile;
  /** All weight bytes (tensor-cache.json). */
  weightBytes: number;
  /** Weight bytes not yet in the cache. */
  missingBytes: number;
  /** Damaged cache entries that were deleted, for the notes. */
  repaired: string[];
}

const RETRIES = 2;

function httpAdvice(status: number): string {
  if (status === 404) return 'not found: check the URL (a Hugging Face folder URL is https://huggingface.co/<org>/<repo>)';
  if (status === 401 || status === 403) return 'access denied: the files must be public or served to this origin (CORS)';
  if (status >= 500) return 'the server failed: try again later';
  return 'the server refused the request';
}

/**
 * Fetches one file, retrying network failures (not HTTP errors) twice.
 * @throws GuardError DOWNLOAD_FAILED (status or network, with the URL), ABORTED
 */
export async function fetchFile(url: string, what: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw abortedError('Loading the model');
    let response: Response;
    try {
      response = await fetch(url, { signal });
      if (!response.ok) {
        throw new GuardError('DOWNLOAD_FAILED', `Downloading ${what} failed with HTTP ${response.status} (${httpAdvice(response.status)}): ${url}`, {
          url,
          status: response.status,
        });
      }
      return await response.arrayBuffer();
    } catch (error) {
      if (signal?.aborted) throw abortedError('Loading the model');
      if (error instanceof GuardError) throw error;
      if (attempt >= RETRIES) {
        throw new GuardError(
          'DOWNLOAD_FAILED',
          `Downloading ${what} failed (${(error as Error).message}): ${url}. The connection dropped, the download was cut off, ` +
            'or the server does not allow this origin (CORS). Check the connection and load again.',
          { url, attempts: attempt + 1 },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}

async function cached(cache: CacheName, url: string): Promise<Response | undefined> {
  return (await caches.has(cache)) ? (await caches.open(cache)).match(url) : undefined;
}

async function store(cache: CacheName, url: string, bytes: ArrayBuffer, type: string): Promise<void> {
  await (await caches.open(cache)).put(new Request(url), new Response(bytes, { headers: { 'Content-Type': type, 'Content-Length': String(bytes.byteLength) } }));
}

/** A JSON file from the cache when stored (already checked by the repair), else fetched, parsed, then stored. */
async function jsonFile<T>(cache: CacheName, url: string, parse: (text: string, url: string) => T, signal?: AbortSignal): Promise<T> {
  const hit = await cached(cache, url);
  if (hit) return parse(await hit.text(), url);
  const bytes = await fetchFile(url, url.slice(url.lastIndexOf('/') + 1), signal);
  const value = parse(new TextDecoder().decode(bytes), url);
  await store(cache, url, bytes, 'application/json');
  return value;
}

/**
 * Checks the model library: fetched and validated unless already stored, stored when WebLLM would cache it.
 * @throws GuardError MODEL_LOAD_FAILED when it is not WebAssembly, DOWNLOAD_FAILED, ABORTED
 */
async function modelLibrary(url: string, signal?: AbortSignal): Promise<number> {
  if (wasmIsCached(url) && (await cached(CACHE_NAMES.wasm, url))) return 0;
  const absolute = new URL(url, globalThis.location?.origin).href;
  const bytes = await fetchFile(absolute, 'the model library', signal);
  if (!WebAssembly.validate(new Uint8Array(bytes))) {
    throw new GuardError(
      'MODEL_LOAD_FAILED',
      `The model library at ${url} is not a valid WebAssembly module (${bytes.byteLength} bytes: truncated, or not a .wasm file). ` +
        'Check the model library URL; it must be a library built for this WebLLM version.',
      { url, bytes: bytes.byteLength },
    );
  }
  if (wasmIsCached(url)) await store(CACHE_NAMES.wasm, url, bytes, 'application/wasm');
  return bytes.byteLength;
}

/**
 * Everything before WebLLM's load that we can check ourselves.
 * @throws GuardError DOWNLOAD_FAILED, MODEL_LOAD_FAILED, STORAGE_QUOTA, ABORTED
 */
export async function prepareModelFiles(spec: ModelSpec, signal?: AbortSignal, onProgress?: (p: Progress) => void): Promise<PreparedFiles> {
  const report = await repairModelCache(spec);
  const base = modelBaseUrl(spec);
  onProgress?.({ phase: 'download', loaded: 0, total: 0, text: 'Checking the model files…' });
  const config = await jsonFile(CACHE_NAMES.config, new URL(CHAT_CONFIG, base).href, parseChatConfig, signal);
  const shards = await jsonFile(CACHE_NAMES.model, new URL(TENSOR_CACHE, base).href, parseTensorCache, signal);
  await modelLibrary(spec.modelLibUrl ?? '', signal);
  const weightBytes = shards.reduce((sum, s) => sum + s.nbytes, 0);
  let missingBytes = 0;
  for (const shard of shards) if (!(await cached(CACHE_NAMES.model, new URL(shard.dataPath, base).href))) missingBytes += shard.nbytes;
  if (missingBytes > 0) await ensureStorageFor(missingBytes, `${spec.id} (${shards.length} weight files)`);
  return { config, weightBytes, missingBytes, repaired: report.damaged.map((p) => `${p.url} ${p.reason}`) };
}
