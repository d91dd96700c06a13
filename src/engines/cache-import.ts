/**
 * Offline use: a local folder of MLC files (picked with `<input type=file webkitdirectory>`) is put
 * into Cache Storage under the keys WebLLM will look up for the model's URL, so loading finds every
 * file cached and never goes to the network. Checked first: nothing is stored unless the folder is whole.
 */
import type { ModelSpec } from '../core/engine';
import { GuardError } from '../core/errors';
import {
  CACHE_NAMES,
  CHAT_CONFIG,
  looksLikeWasm,
  modelBaseUrl,
  parseChatConfig,
  parseTensorCache,
  TENSOR_CACHE,
  tokenizerFileOf,
  wasmIsCached,
  type CacheName,
} from './cache-files';

/** A picked file: `File` has both; `webkitRelativePath` is "folder/sub/name" for folder picks. */
export type FolderFile = Blob & { name: string; webkitRelativePath?: string };

export interface ImportSummary {
  /** The URL the files were stored under (WebLLM's cleaned weights URL). */
  modelUrl: string;
  files: number;
  bytes: number;
  /** True when a .wasm in the folder was stored as the model library. */
  library: boolean;
}

function baseName(file: FolderFile): string {
  const path = file.webkitRelativePath || file.name;
  return path.slice(path.lastIndexOf('/') + 1);
}

function typeOf(name: string): string {
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.wasm')) return 'application/wasm';
  return 'application/octet-stream';
}

/**
 * Stores a local MLC folder for `spec` (its `url` decides the cache keys; `modelLibUrl` receives a
 * `.wasm` found in the folder).
 * @throws GuardError BAD_INPUT naming each missing or wrong-sized file; MODEL_LOAD_FAILED for invalid JSON
 */
export async function importModelFolder(files: FolderFile[], spec: ModelSpec): Promise<ImportSummary> {
  const byName = new Map(files.map((file) => [baseName(file), file]));
  const need = (name: string): FolderFile => {
    const file = byName.get(name);
    if (!file) throw new GuardError('BAD_INPUT', `The folder has no ${name}; pick the folder mlc_llm wrote (it holds ${CHAT_CONFIG} and ${TENSOR_CACHE}).`, { file: name });
    return file;
  };
  const configFile = need(CHAT_CONFIG);
  const config = parseChatConfig(await configFile.text(), `local file ${CHAT_CONFIG}`);
  const shards = parseTensorCache(await need(TENSOR_CACHE).text(), `local file ${TENSOR_CACHE}`);
  const tokenizer = tokenizerFileOf(config);
  if (!tokenizer) throw new GuardError('BAD_INPUT', `${CHAT_CONFIG} lists no tokenizer.json or tokenizer.model.`, { file: CHAT_CONFIG });
  const problems: string[] = [];
  for (const shard of shards) {
    const file = byName.get(shard.dataPath);
    if (!file) problems.push(`${shard.dataPath} is missing`);
    else if (file.size !== shard.nbytes) problems.push(`${shard.dataPath} has ${file.size} bytes, ${TENSOR_CACHE} says ${shard.nbytes}`);
  }
  if (!byName.has(tokenizer)) problems.push(`${tokenizer} is missing`);
  if (problems.length) {
    throw new GuardError('BAD_INPUT', `The model folder is incomplete: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}.`, {
      problems: problems.length,
    });
  }
  const wasm = files.find((file) => baseName(file).endsWith('.wasm'));
  if (wasm && !(await looksLikeWasm(wasm))) throw new GuardError('BAD_INPUT', `${baseName(wasm)} is not a WebAssembly file.`, { file: baseName(wasm) });

  const base = modelBaseUrl(spec);
  const put = async (cache: CacheName, url: string, file: Blob, name: string): Promise<number> => {
    const headers = { 'Content-Type': typeOf(name), 'Content-Length': String(file.size) };
    await (await caches.open(cache)).put(new Request(url), new Response(file, { headers }));
    return file.size;
  };
  let bytes = await put(CACHE_NAMES.config, new URL(CHAT_CONFIG, base).href, configFile, CHAT_CONFIG);
  for (const name of [TENSOR_CACHE, tokenizer, ...shards.map((s) => s.dataPath)]) {
    bytes += await put(CACHE_NAMES.model, new URL(name, base).href, need(name), name);
  }
  let library = false;
  if (wasm && wasmIsCached(spec.modelLibUrl)) {
    bytes += await put(CACHE_NAMES.wasm, spec.modelLibUrl, wasm, baseName(wasm));
    library = true;
  }
  return { modelUrl: base, files: 3 + shards.length + (library ? 1 : 0), bytes, library };
}
