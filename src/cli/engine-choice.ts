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
 * @throws GuardError ENGINE_UNREACHABLE for `browser`, which is not an engine driven from Node.
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
      // The browser engine is not driven from Node: eval.ts hands the run to the worker through browser-run.ts.
      throw new GuardError('ENGINE_UNREACHABLE', 'The browser engine runs through openBrowserRunner (src/cli/browser-run.ts).', { engine: 'browser' });
  }
}
