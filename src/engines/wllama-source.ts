/**
 * Where the GGUF bytes come from. A `.gguf` URL (or the first shard of a `-00001-of-0000N.gguf` split)
 * goes to wllama, which downloads the shards in parallel and keeps them in OPFS so the next load is
 * instant. `blob:` URLs, URLs not ending in `.gguf` and explicit shard lists in another naming are
 * downloaded here into Files. Every URL is checked first, so a bad one fails with its HTTP status.
 */
import { ModelManager, isValidGgufFile } from '@wllama/wllama';
import { GuardError } from '../core/errors';
import { httpError, isAbortError, networkError } from './wllama-errors';

export type ModelSource = { kind: 'wllama'; url: string; urls: string[] } | { kind: 'fetch'; urls: string[] };

/** The URLs in a ModelSpec `url`: one URL, or several separated by whitespace. */
export function parseModelUrls(url: string | undefined): string[] {
  const urls = (url ?? '').split(/\s+/).filter(Boolean);
  if (urls.length === 0) throw new GuardError('BAD_CONFIG', 'No GGUF model URL was given. Set the model URL (or pick local .gguf files).');
  return urls;
}

export function planSource(urls: string[]): ModelSource {
  const first = urls[0]!;
  if (first.startsWith('blob:') || !urls.every((u) => isValidGgufFile(u))) return { kind: 'fetch', urls };
  const expanded = ModelManager.parseModelUrl(first);
  if (urls.length === 1 || (expanded.length === urls.length && expanded.every((u, i) => u === urls[i]))) {
    return { kind: 'wllama', url: first, urls: expanded };
  }
  return { kind: 'fetch', urls };
}

/**
 * HEAD-checks each URL and sums the sizes it reports.
 * @throws GuardError MODEL_LOAD_FAILED (HTTP error, with url and status), DOWNLOAD_FAILED (unreachable), ABORTED
 */
export async function preflight(urls: string[], signal?: AbortSignal): Promise<number> {
  let total = 0;
  for (const url of urls) {
    if (url.startsWith('blob:')) continue;
    let response: Response;
    try {
      response = await fetch(url, { method: 'HEAD', signal });
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) throw new GuardError('ABORTED', 'Loading the model was cancelled.');
      throw networkError(url, error);
    }
    // Some static hosts refuse HEAD; the download itself will tell.
    if (response.status === 405 || response.status === 501) continue;
    if (!response.ok) throw httpError(url, response.status);
    total += Number(response.headers.get('content-length') ?? 0);
  }
  return total;
}

/**
 * Downloads each URL into a File (named after its last path segment, as wllama sorts shards by name).
 * @throws GuardError MODEL_LOAD_FAILED, DOWNLOAD_FAILED, ABORTED
 */
export async function fetchFiles(urls: string[], onBytes: (loaded: number, total: number) => void, signal?: AbortSignal, total = 0): Promise<File[]> {
  const files: File[] = [];
  let loaded = 0;
  for (const url of urls) {
    try {
      const response = await fetch(url, { signal });
      if (!response.ok || !response.body) throw httpError(url, response.status);
      const parts: Uint8Array[] = [];
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        loaded += value.byteLength;
        onBytes(loaded, Math.max(total, loaded));
      }
      const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'model.gguf');
      files.push(new File(parts as BlobPart[], name));
    } catch (error) {
      if (error instanceof GuardError) throw error;
      if (isAbortError(error) || signal?.aborted) throw new GuardError('ABORTED', 'Loading the model was cancelled.');
      throw networkError(url, error);
    }
  }
  return files;
}
