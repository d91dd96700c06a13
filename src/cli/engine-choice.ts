/** Which engine `roguard eval` drives, and how it is connected. One case per `--engine` value. */
import type { Engine, ModelSpec } from '../core/engine';
import { GuardError } from '../core/errors';
import { OpenAIEngine } from '../engines/openai';
import type { EvalOptions } from './eval-options';

export interface ChosenEngine {
  engine: Engine;
  spec: ModelSpec;
  /** Shown in the run's header line. */
  description: string;
}

/**
 * @throws GuardError ENGINE_UNREACHABLE for an engine the CLI cannot run yet.
 */
export function chooseEngine(options: EvalOptions): ChosenEngine {
  switch (options.engine) {
    case 'openai': {
      const engine = new OpenAIEngine(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
      const spec: ModelSpec = {
        id: options.model,
        engine: 'openai',
        url: options.baseUrl,
        options: { model: options.model, ...(options.apiKey ? { apiKey: options.apiKey } : {}) },
      };
      return { engine, spec, description: `OpenAI-compatible server ${options.baseUrl}` };
    }
    case 'browser':
      throw new GuardError(
        'ENGINE_UNREACHABLE',
        'The browser engine (--engine browser) is not available in the CLI yet; use --engine openai with a vLLM, llama.cpp or Ollama server.',
        { engine: 'browser' },
      );
  }
}
