import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeServer, listenLocal } from '../../tests/support/http';
import { DEFAULT_CPU_MODEL, DEFAULT_WEBGPU_MODEL, chooseModel } from './browser-model';
import type { Route } from './static-server';

const work = mkdtempSync(join(tmpdir(), 'roguard-browser-model-'));
writeFileSync(join(work, 'my model.gguf'), Buffer.from('GGUF and some bytes'));
writeFileSync(join(work, 'weights.bin'), 'x');
mkdirSync(join(work, 'folder.gguf'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Sends one request through a route on a real server; returns the status, length header and body. */
async function fetchThrough(route: Route, method: string, path: string): Promise<{ status: number; length: string | undefined; body: string }> {
  const server = createServer(async (req, res) => {
    if (!(await route(req, res))) res.writeHead(404).end('not mine');
  });
  const { port } = new URL(await listenLocal(server));
  try {
    return await new Promise((done, fail) => {
      request({ host: '127.0.0.1', port, method, path }, (res: IncomingMessage) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, length: res.headers['content-length'], body }));
      })
        .on('error', fail)
        .end();
    });
  } finally {
    await closeServer(server);
  }
}

describe('chooseModel', () => {
  it('picks RoGuard for the device when nothing is given, and keeps a registry id as given', () => {
    expect(chooseModel('', undefined, work).request('http://127.0.0.1:1', true)).toBe(DEFAULT_WEBGPU_MODEL);
    expect(chooseModel('', undefined, work).request('http://127.0.0.1:1', false)).toBe(DEFAULT_CPU_MODEL);
    expect(chooseModel('Llama-3.2-1B-Instruct-q4f32_1-MLC', undefined, work).request('http://127.0.0.1:1', false)).toBe('Llama-3.2-1B-Instruct-q4f32_1-MLC');
  });

  it('loads a .gguf URL with wllama and a folder URL with WebLLM, named by --model or the file', () => {
    expect(chooseModel('', 'https://example.org/m/RoGuard-Q4_K_M.gguf?download=1', work).request('http://app', true)).toEqual({
      id: 'RoGuard-Q4_K_M',
      engine: 'wllama',
      url: 'https://example.org/m/RoGuard-Q4_K_M.gguf?download=1',
    });
    expect(chooseModel('roguard-1.0-q4f32_1-MLC', 'https://example.org/RoGuard-q4f32_1-MLC/', work).request('http://app', true)).toEqual({
      id: 'roguard-1.0-q4f32_1-MLC',
      engine: 'webllm',
      url: 'https://example.org/RoGuard-q4f32_1-MLC/',
    });
  });

  it('serves a local .gguf file on the app origin (HEAD and GET) and nothing else', async () => {
    const choice = chooseModel('tiny-test', 'my model.gguf', work);
    const spec = choice.request('http://127.0.0.1:4321', false);
    expect(spec).toEqual({ id: 'tiny-test', engine: 'wllama', url: 'http://127.0.0.1:4321/cli-model/my%20model.gguf' });
    const route = choice.route!;
    expect(await fetchThrough(route, 'GET', '/cli-model/my%20model.gguf')).toEqual({ status: 200, length: '19', body: 'GGUF and some bytes' });
    expect(await fetchThrough(route, 'HEAD', '/cli-model/my%20model.gguf')).toEqual({ status: 200, length: '19', body: '' });
    expect((await fetchThrough(route, 'GET', '/cli-model/other.gguf')).body).toBe('not mine');
    expect(chooseModel('', join(work, 'my model.gguf'), '/').request('http://a', false)).toMatchObject({ id: 'my model' });
  });

  it('names a local model that is missing, a folder, or not GGUF', () => {
    expect(() => chooseModel('', 'none.gguf', work)).toThrow('Model file none.gguf (from --model-url) was not found; give a .gguf file or an http(s) URL.');
    expect(() => chooseModel('', 'folder.gguf', work)).toThrow('Model file folder.gguf (from --model-url) was not found (it is a folder)');
    expect(() => chooseModel('', 'weights.bin', work)).toThrow(/weights\.bin \(from --model-url\) is not a \.gguf file/);
  });
});
