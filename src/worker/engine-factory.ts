/** One engine per kind, constructed on demand; the CPU engine's module is loaded only when chosen. */
import type { Engine, EngineKind } from '../core/engine';
import { GuardError } from '../core/errors';
import { OpenAIEngine } from '../engines/openai';
import { WebLLMEngine } from '../engines/webllm';

/** @throws GuardError BAD_CONFIG for an unknown kind, MODEL_LOAD_FAILED when the wllama module fails to load */
export async function createEngine(kind: EngineKind): Promise<Engine> {
  switch (kind) {
    case 'webllm':
      return new WebLLMEngine();
    case 'wllama': {
      try {
        const { WllamaEngine } = await import('../engines/wllama');
        return new WllamaEngine();
      } catch (error) {
        throw new GuardError('MODEL_LOAD_FAILED', `The CPU engine (wllama) could not be started: ${String(error)}. Reload the page and try again.`);
      }
    }
    case 'openai':
      return new OpenAIEngine();
    default:
      throw new GuardError('BAD_CONFIG', `Unknown engine "${String(kind)}": use webllm, wllama or openai.`);
  }
}
