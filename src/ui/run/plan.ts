/**
 * Before a run: the exact prompt each unfinished example sends, its cache key, and the groups of
 * examples that send the same prompt (run once, result shared).
 */
import { resultCacheKey } from '../../core/cache-key';
import type { GenerationSettings } from '../../core/engine';
import type { Example } from '../../core/example';
import type { ClassifyOptions } from '../../core/result';
import { fillTemplate, prepareTemplate } from '../../core/template';
import type { RunConfig, RunModel } from '../../store/records';
import type { RunSettings } from './types';

export interface PromptGroup {
  key: string;
  prompt: string;
  /** Example indices sending this prompt, in dataset order; the first one is run. */
  indices: number[];
}

/**
 * The run's config as stored: the template prepared (stripped like the reference), defaults filled in.
 * @throws GuardError BAD_TEMPLATE when the template is not a valid `str.format` template.
 */
export function runConfigFor(settings: RunSettings, datasetNullResponseText: 'None' | ''): RunConfig {
  const template = prepareTemplate(settings.policy.template);
  // Fail before the run starts, not on the first example.
  fillTemplate(template, { prompt: '', response: '' });
  return {
    name: settings.name,
    policy: { ...settings.policy, template },
    extraction: settings.extraction,
    settings: { ...settings.settings },
    earlyStop: settings.earlyStop ?? true,
    score: settings.score ?? true,
    nullResponseText: settings.nullResponseText ?? (settings.extraction === 'reference' ? datasetNullResponseText : ''),
    labelFlaggedValue: settings.labelFlaggedValue,
    snapshot: settings.snapshot ?? null,
  };
}

export function classifyOptionsFor(config: RunConfig): ClassifyOptions {
  return {
    policy: config.policy,
    extraction: config.extraction,
    settings: config.settings,
    nullResponseText: config.nullResponseText,
    earlyStop: config.earlyStop,
    score: config.score,
  };
}

/** The generation settings as they decide the output: logprobs are asked for when a score is wanted. */
export function keySettings(config: RunConfig): GenerationSettings {
  const { topLogprobs } = config.settings;
  return { ...config.settings, topLogprobs: config.score ? topLogprobs || 5 : (topLogprobs ?? 0) };
}

/** The text the model sees for an example: the same fill the worker's classify step makes. */
export function promptOf(example: Example, config: RunConfig): string {
  return fillTemplate(config.policy.template, { prompt: example.prompt, response: example.response ?? config.nullResponseText });
}

/** Groups the examples by the prompt they send, first occurrence first, with each group's cache key. */
export async function planPrompts(examples: readonly Example[], config: RunConfig, model: RunModel): Promise<PromptGroup[]> {
  const settings = keySettings(config);
  const byPrompt = new Map<string, PromptGroup>();
  for (const example of examples) {
    const prompt = promptOf(example, config);
    const group = byPrompt.get(prompt);
    if (group) group.indices.push(example.index);
    else byPrompt.set(prompt, { key: '', prompt, indices: [example.index] });
  }
  const groups = [...byPrompt.values()];
  for (const group of groups) {
    group.key = await resultCacheKey({
      modelId: model.id,
      weightsRevision: model.weightsRevision,
      prompt: group.prompt,
      settings,
      earlyStop: config.earlyStop,
    });
  }
  return groups;
}
