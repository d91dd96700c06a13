/** Which model the guard loads, from the page's query string (the defaults load RoGuard on WebGPU). */
import type { EngineKind, GuardOptions } from 'roguard-web';

const ENGINES: readonly EngineKind[] = ['webllm', 'wllama', 'openai'];

/**
 * `?model=<registry id>&weights=<url>&engine=<webllm|wllama|openai>&lib=<model library url>&worker=<worker script url>`.
 * RoGuard has no public download: give the URL of your converted weights with `weights`.
 */
export function modelOptions(search: string): Pick<GuardOptions, 'model' | 'engine' | 'weightsUrl' | 'modelLibUrl' | 'workerUrl'> {
  const query = new URLSearchParams(search);
  const engine = query.get('engine');
  const weightsUrl = query.get('weights');
  const modelLibUrl = query.get('lib');
  const workerUrl = query.get('worker');
  return {
    model: query.get('model') ?? 'roguard-1.0-q4f16_1-MLC',
    ...(engine && (ENGINES as readonly string[]).includes(engine) ? { engine: engine as EngineKind } : {}),
    ...(weightsUrl ? { weightsUrl } : {}),
    ...(modelLibUrl ? { modelLibUrl } : {}),
    ...(workerUrl ? { workerUrl } : {}),
  };
}
