/** Store records that unit tests and the bench build again and again: a mapped dataset, a run config, run settings. */
import type { Example } from '../../src/core/example';
import type { NewDataset, RunConfig } from '../../src/store/records';
import type { RunSettings } from '../../src/ui/run/types';

/** A dataset of `examples` read from prompt/response/label columns; `fields` override the rest. */
export function datasetOf(examples: Example[], fields: Partial<NewDataset> = {}): NewDataset {
  return {
    name: 'scripted',
    fileName: 'scripted.csv',
    rowCount: examples.length,
    columns: ['prompt', 'response', 'label'],
    mapping: { prompt: 'prompt', response: 'response', label: 'label' },
    benchmark: null,
    examples,
    nullResponseText: '',
    report: [],
    ...fields,
  };
}

/** A run config with a one-field template and robust extraction; `fields` override the rest. */
export function runConfigOf(fields: Partial<RunConfig> = {}): RunConfig {
  return {
    name: 'tiny',
    policy: { template: '{prompt}', outputField: 'User Safety', flaggedValue: 'unsafe' },
    extraction: 'robust',
    settings: { maxTokens: 10, temperature: 0, topP: 1 },
    earlyStop: true,
    score: true,
    nullResponseText: '',
    labelFlaggedValue: 'unsafe',
    snapshot: null,
    ...fields,
  };
}

/** Run settings for the scripted double: a user/agent template, robust extraction; `fields` override the rest. */
export function scriptedRunSettings(fields: Partial<RunSettings> = {}): RunSettings {
  return {
    name: 'scripted',
    policy: { template: 'User: {prompt}\nAgent: {response}\nOutput JSON:', outputField: 'User Safety', flaggedValue: 'unsafe' },
    extraction: 'robust',
    settings: { maxTokens: 100, temperature: 0, topP: 1 },
    labelFlaggedValue: 'unsafe',
    model: { id: 'scripted-model', weightsRevision: 'r1', engine: 'wllama' },
    ...fields,
  };
}
