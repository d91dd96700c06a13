import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenLocal } from '../../tests/support/http';
import { isGuardError } from '../core/errors';
import { generationError, loadError, overflowTokens } from './wllama-errors';
import { fetchFiles, parseModelUrls, planSource, preflight } from './wllama-source';

let server: Server;
let base = '';
const BODY = Buffer.alloc(100_000, 7);

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/m.gguf' || req.url === '/m.bin') {
      res.writeHead(200, { 'Content-Length': BODY.length });
      res.end(req.method === 'HEAD' ? undefined : BODY);
    } else if (req.url === '/no-head.gguf' && req.method === 'HEAD') {
      res.writeHead(405).end();
    } else {
      res.writeHead(404).end('not found');
    }
  });
  base = await listenLocal(server);
});
afterAll(() => closeServer(server));

async function guardCode(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'resolved';
  } catch (error) {
    return isGuardError(error) ? error.code : `not a GuardError: ${String(error)}`;
  }
}

describe('model sources', () => {
  it('splits several URLs on whitespace and rejects an empty one', async () => {
    expect(parseModelUrls(' a.gguf\n b.gguf ')).toEqual(['a.gguf', 'b.gguf']);
    expect(await guardCode(Promise.resolve().then(() => parseModelUrls('  ')))).toBe('BAD_CONFIG');
  });

  it('lets wllama fetch .gguf URLs and standard split sets; fetches blob:, other names and odd shard lists itself', () => {
    expect(planSource(['https://h/m.gguf'])).toEqual({ kind: 'wllama', url: 'https://h/m.gguf', urls: ['https://h/m.gguf'] });
    const split = ['https://h/m-00001-of-00002.gguf', 'https://h/m-00002-of-00002.gguf'];
    expect(planSource([split[0]!])).toEqual({ kind: 'wllama', url: split[0], urls: split });
    expect(planSource(split)).toEqual({ kind: 'wllama', url: split[0], urls: split });
    expect(planSource(['https://h/a.gguf', 'https://h/b.gguf']).kind).toBe('fetch');
    expect(planSource(['blob:https://h/123']).kind).toBe('fetch');
    expect(planSource(['https://h/model.bin']).kind).toBe('fetch');
  });

  it('preflight sums sizes, skips hosts that refuse HEAD and names the URL and status of a 404', async () => {
    expect(await preflight([`${base}/m.gguf`, `${base}/no-head.gguf`])).toBe(BODY.length);
    const url = `${base}/missing.gguf`;
    const error = await preflight([url]).catch((e: unknown) => e);
    expect(isGuardError(error) && error.code).toBe('MODEL_LOAD_FAILED');
    expect(isGuardError(error) && error.details).toEqual({ url, status: 404 });
    expect((error as Error).message).toContain(url);
  });

  it('preflight reports an unreachable host as DOWNLOAD_FAILED and an aborted one as ABORTED', async () => {
    expect(await guardCode(preflight(['http://127.0.0.1:9/m.gguf']))).toBe('DOWNLOAD_FAILED');
    const controller = new AbortController();
    controller.abort();
    expect(await guardCode(preflight([`${base}/m.gguf`], controller.signal))).toBe('ABORTED');
  });

  it('fetchFiles downloads into named Files with byte progress', async () => {
    const seen: [number, number][] = [];
    const files = await fetchFiles([`${base}/m.bin`], (loaded, total) => seen.push([loaded, total]), undefined, BODY.length);
    expect(files.map((f) => [f.name, f.size])).toEqual([['m.bin', BODY.length]]);
    expect(seen.at(-1)).toEqual([BODY.length, BODY.length]);
    expect(await guardCode(fetchFiles([`${base}/gone.bin`], () => {}))).toBe('MODEL_LOAD_FAILED');
  });
});

describe('wllama error mapping', () => {
  it('reads llama-server context overflow into CONTEXT_OVERFLOW with both sizes', () => {
    const raw = new Error('request (402 tokens) exceeds the available context size (256 tokens), try increasing it');
    expect(overflowTokens(raw)).toEqual({ promptTokens: 402, contextWindow: 256 });
    const mapped = generationError(raw);
    expect(mapped.code).toBe('CONTEXT_OVERFLOW');
    expect(mapped.details).toEqual({ promptTokens: 402, contextWindow: 256 });
  });

  it('maps aborts, HTTP failures and anything else', () => {
    expect(generationError(Object.assign(new Error('x'), { name: 'WllamaAbortError' })).code).toBe('ABORTED');
    expect(generationError(new Error('boom')).code).toBe('ENGINE_ERROR');
    expect(loadError(new Error('Failed to fetch https://h/m.gguf: HTTP 403'), 'https://h/m.gguf').details).toEqual({ url: 'https://h/m.gguf', status: 403 });
    const bad = loadError(new Error('llama_model_load: unknown architecture'), 'https://h/m.gguf');
    expect(bad.code).toBe('MODEL_LOAD_FAILED');
    expect(bad.message).toContain('https://h/m.gguf');
  });
});
