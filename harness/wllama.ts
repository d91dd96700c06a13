/**
 * Playwright harness for the wllama engine: `window.wllamaHarness` loads a GGUF model and generates
 * with the real engine. Results come back as plain `{ ok, value | error }` objects because class
 * instances (GuardError) do not survive `page.evaluate`.
 */
import type { Generation, GenerationSettings, ModelSpec, Progress } from '../src/core/engine';
import { isGuardError, type GuardErrorData } from '../src/core/errors';
import { WllamaEngine, type WllamaRuntimeInfo } from '../src/engines/wllama';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: GuardErrorData };

export interface LoadOutcome {
  info: WllamaRuntimeInfo;
  progress: Progress[];
  crossOriginIsolated: boolean;
}

export interface WllamaHarness {
  load(url: string, spec?: Partial<ModelSpec>): Promise<Outcome<LoadOutcome>>;
  /** Fetches `url` into a File and loads it as a picked local .gguf file would be. */
  loadFile(url: string, name: string): Promise<Outcome<LoadOutcome>>;
  /** Fetches `url` into a `blob:` URL and loads that URL. */
  loadBlobUrl(url: string): Promise<Outcome<LoadOutcome>>;
  /** `stopAfter`: end generation once the text contains it (the engine's `stopWhen`). */
  generate(prompt: string, settings: GenerationSettings, stopAfter?: string): Promise<Outcome<Generation>>;
  countTokens(text: string): Promise<Outcome<number>>;
  /** Aborts the load or generation in flight. */
  abort(): void;
  unload(): Promise<void>;
}

const engine = new WllamaEngine();
let controller = new AbortController();

async function outcome<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (isGuardError(error)) return { ok: false, error: error.toData() };
    return { ok: false, error: { code: 'ENGINE_ERROR', message: `not a GuardError: ${String(error)}` } };
  }
}

function fresh(): AbortSignal {
  controller = new AbortController();
  return controller.signal;
}

async function loaded(run: (onProgress: (p: Progress) => void, signal: AbortSignal) => Promise<void>): Promise<LoadOutcome> {
  const progress: Progress[] = [];
  await run((p) => progress.push(p), fresh());
  return { info: engine.runtimeInfo()!, progress, crossOriginIsolated };
}

const harness: WllamaHarness = {
  load: (url, spec = {}) =>
    outcome(() => loaded((onProgress, signal) => engine.load({ id: 'harness', engine: 'wllama', ...spec, url }, onProgress, signal))),
  loadFile: (url, name) =>
    outcome(async () => {
      const file = new File([await (await fetch(url)).blob()], name);
      return loaded((onProgress, signal) => engine.loadFiles([file], { id: name }, onProgress, signal));
    }),
  loadBlobUrl: (url) =>
    outcome(async () => {
      const blobUrl = URL.createObjectURL(await (await fetch(url)).blob());
      return loaded((onProgress, signal) => engine.load({ id: 'blob', engine: 'wllama', url: blobUrl }, onProgress, signal));
    }),
  generate: (prompt, settings, stopAfter) =>
    outcome(() => engine.generate({ prompt, settings, signal: fresh(), ...(stopAfter ? { stopWhen: (text: string) => text.includes(stopAfter) } : {}) })),
  countTokens: (text) => outcome(() => engine.countTokens(text)),
  abort: () => controller.abort(),
  unload: () => engine.unload(),
};

declare global {
  interface Window {
    wllamaHarness: WllamaHarness;
  }
}

window.wllamaHarness = harness;
document.body.dataset.ready = 'true';
