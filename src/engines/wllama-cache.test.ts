import { CacheManager } from '@wllama/wllama';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ModelEntry } from './registry';
import { cachedFileUrls, deleteGgufCache, inspectGgufCache, listCachedGgufModels, summariseGgufCache } from './wllama-cache';

type Backend = NonNullable<ConstructorParameters<typeof CacheManager>[0]>[number];

/** wllama's storage backend contract kept in a Map, so the real CacheManager runs without OPFS. */
class MemoryBackend implements Backend {
  readonly files = new Map<string, Blob>();
  isSupported() {
    return true;
  }
  async read(key: string) {
    return this.files.get(key) ?? null;
  }
  async write(key: string, stream: ReadableStream) {
    this.files.set(key, await new Response(stream).blob());
  }
  async getSize(key: string) {
    return this.files.get(key)?.size ?? -1;
  }
  async list() {
    return [...this.files].map(([key, blob]) => ({ key, size: blob.size }));
  }
  async delete(key: string) {
    this.files.delete(key);
  }
}

const BASE = 'https://models.example.org/roguard';
const SPLIT = `${BASE}/roguard-00001-of-00002.gguf`;
const SPLIT_2 = `${BASE}/roguard-00002-of-00002.gguf`;
const TINY = `${BASE}/tiny.gguf`;

async function store(manager: CacheManager, url: string, bytes: number, originalSize = bytes): Promise<void> {
  const name = await manager.getNameFromURL(url);
  await manager.write(name, new Blob([new Uint8Array(bytes)]).stream(), { etag: 'x', originalSize, originalURL: url });
}

function entry(id: string, url: string | undefined, extra: Partial<ModelEntry> = {}): ModelEntry {
  return { id, engine: 'wllama', url, ...extra } as ModelEntry;
}

describe('cachedFileUrls', () => {
  it('expands the first shard of a split set into every shard', () => {
    expect(cachedFileUrls(SPLIT)).toEqual([SPLIT, SPLIT_2]);
  });
  it('returns nothing for files the app fetches itself or for no URL', () => {
    expect(cachedFileUrls('blob:http://x/1')).toEqual([]);
    expect(cachedFileUrls(`${BASE}/model.bin`)).toEqual([]);
    expect(cachedFileUrls(undefined)).toEqual([]);
  });
});

describe('summariseGgufCache', () => {
  it('calls a model cached only when every file is whole', () => {
    const meta = (url: string, originalSize: number) => ({ etag: '', originalSize, originalURL: url });
    const partial = summariseGgufCache([{ name: 'a', size: 10, metadata: meta(SPLIT, 10) }], [SPLIT, SPLIT_2], ['a', 'b']);
    expect(partial).toMatchObject({ cached: false, bytes: 10 });
    const cut = summariseGgufCache([{ name: 'a', size: 4, metadata: meta(TINY, 10) }], [TINY], ['a']);
    expect(cut).toEqual({ cached: false, bytes: 4, files: [{ url: TINY, bytes: 4, expectedBytes: 10 }] });
    const unrecorded = summariseGgufCache([{ name: 'k', size: 10, metadata: meta('', 10) }], [TINY], ['k']);
    expect(unrecorded).toMatchObject({ cached: false, bytes: 10 });
    const whole = summariseGgufCache([{ name: 'k', size: 10, metadata: meta(TINY, 10) }], [TINY], ['k']);
    expect(whole).toMatchObject({ cached: true, bytes: 10 });
  });
});

describe('the CPU engine cache through wllama’s CacheManager', () => {
  let backend: MemoryBackend;
  let manager: CacheManager;
  beforeEach(() => {
    backend = new MemoryBackend();
    manager = new CacheManager([backend]);
  });

  it('calls a file stored without its metadata (a cut-off download) partial', async () => {
    await backend.write(await manager.getNameFromURL(TINY), new Blob([new Uint8Array(40)]).stream());
    expect(await inspectGgufCache(TINY, manager)).toMatchObject({ cached: false, bytes: 40 });
  });

  it('reports sizes of a stored model, by URL', async () => {
    await store(manager, TINY, 300);
    await store(manager, `${BASE}/other.gguf`, 50);
    expect(await inspectGgufCache(TINY, manager)).toEqual({ cached: true, bytes: 300, files: [{ url: TINY, bytes: 300, expectedBytes: 300 }] });
    expect(await inspectGgufCache(`${BASE}/absent.gguf`, manager)).toEqual({ cached: false, bytes: 0, files: [] });
  });

  it('lists the wllama entries of the registry, skipping placeholders and WebGPU models', async () => {
    await store(manager, SPLIT, 100);
    await store(manager, TINY, 30, 60);
    const list = await listCachedGgufModels(
      [entry('split', SPLIT), entry('tiny', TINY), entry('unset', TINY, { urlIsPlaceholder: true }), entry('gpu', TINY, { engine: 'webllm' }), entry('none', undefined)],
      manager,
    );
    expect(list).toEqual([
      { id: 'split', cached: false, bytes: 100 },
      { id: 'tiny', cached: false, bytes: 30 },
    ]);
  });

  it('deletes every shard and its metadata, leaving other models', async () => {
    await store(manager, SPLIT, 100);
    await store(manager, SPLIT_2, 80);
    await store(manager, TINY, 30);
    expect(await inspectGgufCache(SPLIT, manager)).toMatchObject({ cached: true, bytes: 180 });
    await deleteGgufCache(SPLIT, manager);
    expect(await inspectGgufCache(SPLIT, manager)).toEqual({ cached: false, bytes: 0, files: [] });
    expect(await inspectGgufCache(TINY, manager)).toMatchObject({ cached: true, bytes: 30 });
    expect(backend.files.size).toBe(2);
  });
});
