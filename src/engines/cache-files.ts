/**
 * The MLC model files as WebLLM stores them in Cache Storage (its default "cache" backend): which
 * cache, which key, and how to check that a stored file is whole.
 */
import type { ModelSpec } from '../core/engine';
import { GuardError } from '../core/errors';
import { cleanModelUrl } from './webllm-request';

/** WebLLM 0.2.86's cache scopes. */
export const CACHE_NAMES = { model: 'webllm/model', config: 'webllm/config', wasm: 'webllm/wasm' } as const;
export type CacheName = (typeof CACHE_NAMES)[keyof typeof CACHE_NAMES];

export const CHAT_CONFIG = 'mlc-chat-config.json';
export const TENSOR_CACHE = 'tensor-cache.json';

export interface ShardRecord {
  dataPath: string;
  nbytes: number;
}

export interface ChatConfigFile {
  tokenizer_files: string[];
  context_window_size?: number;
}

/** WebLLM resolves relative weights URLs against the worker's origin. */
export function modelBaseUrl(spec: Pick<ModelSpec, 'url'>): string {
  return cleanModelUrl(spec.url ?? '', globalThis.location?.origin);
}

/** WebLLM caches a model library only for absolute URLs without "localhost" (it refetches those). */
export function wasmIsCached(modelLibUrl: string | undefined): modelLibUrl is string {
  return modelLibUrl !== undefined && modelLibUrl.startsWith('http') && !modelLibUrl.includes('localhost');
}

function parseJson(text: string, url: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new GuardError(
      'MODEL_LOAD_FAILED',
      `${what} at ${url} is not valid JSON (${(error as Error).message}); the file is damaged or the URL is not an MLC model folder.`,
      { url },
    );
  }
}

/**
 * The shard list of `tensor-cache.json`.
 * @throws GuardError MODEL_LOAD_FAILED when the text is not the expected JSON
 */
export function parseTensorCache(text: string, url: string): ShardRecord[] {
  const data = parseJson(text, url, TENSOR_CACHE) as { records?: unknown };
  const records = data && typeof data === 'object' ? data.records : undefined;
  if (!Array.isArray(records) || records.some((r) => typeof r?.dataPath !== 'string' || !Number.isFinite(r?.nbytes))) {
    throw new GuardError('MODEL_LOAD_FAILED', `${TENSOR_CACHE} at ${url} has no valid "records" list (dataPath, nbytes per shard).`, { url });
  }
  return records.map((r: ShardRecord) => ({ dataPath: r.dataPath, nbytes: r.nbytes }));
}

/**
 * The fields of `mlc-chat-config.json` we rely on.
 * @throws GuardError MODEL_LOAD_FAILED when the text is not the expected JSON
 */
export function parseChatConfig(text: string, url: string): ChatConfigFile {
  const data = parseJson(text, url, CHAT_CONFIG) as Partial<ChatConfigFile> | null;
  if (!data || typeof data !== 'object' || !Array.isArray(data.tokenizer_files)) {
    throw new GuardError('MODEL_LOAD_FAILED', `${CHAT_CONFIG} at ${url} lacks "tokenizer_files"; regenerate it with mlc_llm gen_config.`, { url });
  }
  return data as ChatConfigFile;
}

/** The tokenizer file WebLLM reads: tokenizer.json when listed, else tokenizer.model. */
export function tokenizerFileOf(config: ChatConfigFile): string | undefined {
  if (config.tokenizer_files.includes('tokenizer.json')) return 'tokenizer.json';
  if (config.tokenizer_files.includes('tokenizer.model')) return 'tokenizer.model';
  return undefined;
}

/** A stored response's byte size: its Content-Length, else the body's size. */
export async function storedSize(response: Response): Promise<number> {
  const header = Number(response.headers.get('Content-Length'));
  if (Number.isFinite(header) && header > 0 && !response.headers.get('Content-Encoding')) return header;
  return (await response.blob()).size;
}

/** WebAssembly's magic number `\0asm`. */
export async function looksLikeWasm(blob: Blob): Promise<boolean> {
  const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  return head.length === 4 && head[0] === 0x00 && head[1] === 0x61 && head[2] === 0x73 && head[3] === 0x6d;
}

/** Every key in the three WebLLM caches under a URL prefix. */
export async function keysUnder(prefix: string): Promise<{ cache: CacheName; url: string }[]> {
  const found: { cache: CacheName; url: string }[] = [];
  for (const name of Object.values(CACHE_NAMES)) {
    if (!(await caches.has(name))) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) if (request.url.startsWith(prefix)) found.push({ cache: name, url: request.url });
  }
  return found;
}
