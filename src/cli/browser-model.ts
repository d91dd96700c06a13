/**
 * What `--engine browser` asks the worker to load, from `--model` and `--model-url`: a registry id, a
 * registry id with other weights, or a custom model. A local `.gguf` file is served on the app's origin.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ModelSpec } from '../core/engine';
import { GuardError } from '../core/errors';
import type { Route } from './static-server';

/** Registry ids (src/engines/registry.ts) used when `--model` is not given. */
export const DEFAULT_WEBGPU_MODEL = 'roguard-1.0-q4f16_1-MLC';
export const DEFAULT_CPU_MODEL = 'roguard-1.0-Q4_K_M-GGUF';

const LOCAL_PREFIX = '/cli-model/';
const GGUF = /\.gguf(?:$|[?#])/i;

export interface ModelChoice {
  /** The worker's `load()` argument once the page's URL and the device are known. */
  request(appUrl: string, webgpu: boolean): ModelSpec | string;
  /** Serves a local model file, when one was given. */
  route?: Route;
}

function localFileRoute(path: string, name: string): Route {
  const size = statSync(path).size;
  return (req, res) => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== `${LOCAL_PREFIX}${name}`) return false;
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(path).on('error', () => res.destroy()).pipe(res);
    return true;
  };
}

/**
 * @param model `--model`: a registry id (WebLLM builds on WebGPU, GGUF builds on the CPU engine) or, with a
 *   URL, any name; empty picks RoGuard (the MLC build when WebGPU works, else the GGUF build).
 * @param modelUrl `--model-url`: an http(s) URL of a `.gguf` file or an MLC weights folder, or a local `.gguf` path.
 * @throws GuardError BAD_INPUT when a local model file is missing or not a `.gguf` file.
 */
export function chooseModel(model: string, modelUrl: string | undefined, cwd: string): ModelChoice {
  if (modelUrl === undefined) {
    return { request: (_appUrl, webgpu) => model || (webgpu ? DEFAULT_WEBGPU_MODEL : DEFAULT_CPU_MODEL) };
  }
  if (/^https?:\/\//i.test(modelUrl)) {
    const engine = GGUF.test(modelUrl) ? 'wllama' : 'webllm';
    const id = model || basename(new URL(modelUrl).pathname).replace(GGUF, '') || 'custom-model';
    return { request: () => ({ id, engine, url: modelUrl }) };
  }
  const path = resolve(cwd, modelUrl);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new GuardError('BAD_INPUT', `Model file ${modelUrl} (from --model-url) was not found${existsSync(path) ? ' (it is a folder)' : ''}; give a .gguf file or an http(s) URL.`, {
      file: modelUrl,
    });
  }
  if (!GGUF.test(path)) {
    throw new GuardError('BAD_INPUT', `Model file ${modelUrl} (from --model-url) is not a .gguf file; serve MLC weight folders over http(s) and give their URL.`, { file: modelUrl });
  }
  const name = encodeURIComponent(basename(path));
  const id = model || basename(path).replace(GGUF, '');
  return {
    request: (appUrl) => ({ id, engine: 'wllama', url: `${appUrl}${LOCAL_PREFIX}${name}` }),
    route: localFileRoute(path, name),
  };
}
