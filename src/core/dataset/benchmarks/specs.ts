/** The 12 reference benchmarks as data: which file to download, which columns it has, which labels its loader makes. */

export const benchmarkNames = [
  'aegis',
  'aegis2',
  'openai_mod',
  'beavertails',
  'RoGuardEval',
  'toxic_chat',
  'wildguard_prompt',
  'wildguard_response',
  'harmbench',
  'xstest',
  'safeRLHF',
  'simpleST',
] as const;

export type BenchmarkName = (typeof benchmarkNames)[number];

export interface BenchmarkSource {
  /** Hugging Face dataset id, or for local files the file the reference expects. */
  dataset: string;
  /** `hub`: download the split (Parquet, JSONL or CSV); `local`: a file outside the hub. */
  kind: 'hub' | 'local';
  config?: string;
  split?: string;
  revision?: string;
  /** Columns (keys) the loader reads from each row. */
  columns: string[];
  /** Label fields the prepared examples carry (a config's `eval_label_field` must be one of them). */
  labelFields: string[];
  /** The label field of the shipped config(s), first one for the default config. */
  defaultLabelField: string;
  /** What the reference sends for a null response (reference-harness.md, parity note 4). */
  nullResponseText: 'None' | '';
  /** One sentence telling a person which file to get. */
  download: string;
}

const hub = (dataset: string, split: string, extra: Partial<BenchmarkSource> = {}): string =>
  `Download the "${split}" split${extra.config ? ` of the "${extra.config}" config` : ''}${extra.revision ? ` at revision "${extra.revision}"` : ''} ` +
  `of ${dataset} from Hugging Face (its Parquet file, or the split exported as JSONL/CSV).`;

const wildguard: Omit<BenchmarkSource, 'defaultLabelField'> = {
  dataset: 'allenai/wildguardmix',
  kind: 'hub',
  config: 'wildguardtest',
  split: 'test',
  columns: ['prompt', 'response', 'prompt_harm_label', 'response_harm_label'],
  labelFields: ['prompt_harm_label', 'response_harm_label'],
  nullResponseText: 'None',
  download: hub('allenai/wildguardmix', 'test', { config: 'wildguardtest' }),
};

export const benchmarkSources: Record<BenchmarkName, BenchmarkSource> = {
  aegis: {
    dataset: 'nvidia/Aegis-AI-Content-Safety-Dataset-1.0',
    kind: 'hub',
    split: 'test',
    columns: ['text_type', 'text', 'labels_0', 'labels_1', 'labels_2'],
    labelFields: ['prompt_label'],
    defaultLabelField: 'prompt_label',
    nullResponseText: '',
    download: hub('nvidia/Aegis-AI-Content-Safety-Dataset-1.0', 'test'),
  },
  aegis2: {
    dataset: 'nvidia/Aegis-AI-Content-Safety-Dataset-2.0',
    kind: 'hub',
    split: 'test',
    columns: ['prompt', 'response', 'prompt_label', 'response_label'],
    labelFields: ['prompt_label', 'response_label'],
    defaultLabelField: 'prompt_label',
    nullResponseText: 'None',
    download: hub('nvidia/Aegis-AI-Content-Safety-Dataset-2.0', 'test'),
  },
  openai_mod: {
    dataset: 'samples-1680.jsonl',
    kind: 'local',
    columns: ['prompt'],
    labelFields: ['prompt_label'],
    defaultLabelField: 'prompt_label',
    nullResponseText: '',
    download:
      "Use OpenAI's moderation evaluation set samples-1680.jsonl (from the openai/moderation-api-release repository, unzipped): one JSON object per line with \"prompt\" and the category flags.",
  },
  beavertails: {
    dataset: 'PKU-Alignment/BeaverTails',
    kind: 'hub',
    split: '330k_test',
    columns: ['prompt', 'response', 'is_safe'],
    labelFields: ['is_safe'],
    defaultLabelField: 'is_safe',
    nullResponseText: 'None',
    download: hub('PKU-Alignment/BeaverTails', '330k_test'),
  },
  RoGuardEval: {
    dataset: 'Roblox/RoGuard-Eval',
    kind: 'hub',
    split: 'test',
    columns: ['prompt', 'response', 'violation'],
    labelFields: ['violation'],
    defaultLabelField: 'violation',
    nullResponseText: 'None',
    download: hub('Roblox/RoGuard-Eval', 'test'),
  },
  toxic_chat: {
    dataset: 'lmsys/toxic-chat',
    kind: 'hub',
    config: 'toxicchat0124',
    split: 'test',
    columns: ['user_input', 'model_output', 'toxicity'],
    labelFields: ['toxicity'],
    defaultLabelField: 'toxicity',
    nullResponseText: 'None',
    download: hub('lmsys/toxic-chat', 'test', { config: 'toxicchat0124' }),
  },
  wildguard_prompt: { ...wildguard, defaultLabelField: 'prompt_harm_label' },
  wildguard_response: { ...wildguard, defaultLabelField: 'response_harm_label' },
  harmbench: {
    dataset: 'text_behaviors_val_set.json',
    kind: 'local',
    columns: ['test_case', 'generation', 'human_0', 'human_1', 'human_2'],
    labelFields: ['violation'],
    defaultLabelField: 'violation',
    nullResponseText: 'None',
    download:
      "Use HarmBench's classifier validation file text_behaviors_val_set.json (from the centerforaisafety/HarmBench repository): a JSON object whose values are lists of items with test_case, generation and human_0..human_2.",
  },
  xstest: {
    dataset: 'Paul/XSTest',
    kind: 'hub',
    split: 'train',
    columns: ['prompt', 'label'],
    labelFields: ['label'],
    defaultLabelField: 'label',
    nullResponseText: '',
    download: hub('Paul/XSTest', 'train'),
  },
  safeRLHF: {
    dataset: 'PKU-Alignment/PKU-SafeRLHF',
    kind: 'hub',
    split: 'test',
    revision: 'v0',
    columns: ['prompt', 'response_0', 'response_1', 'is_response_0_safe', 'is_response_1_safe'],
    labelFields: ['is_safe'],
    defaultLabelField: 'is_safe',
    nullResponseText: 'None',
    download: hub('PKU-Alignment/PKU-SafeRLHF', 'test', { revision: 'v0' }),
  },
  simpleST: {
    dataset: 'Bertievidgen/SimpleSafetyTests',
    kind: 'hub',
    split: 'test',
    columns: ['prompt'],
    labelFields: ['violation'],
    defaultLabelField: 'violation',
    nullResponseText: '',
    download: hub('Bertievidgen/SimpleSafetyTests', 'test'),
  },
};

export function isBenchmarkName(name: string): name is BenchmarkName {
  return (benchmarkNames as readonly string[]).includes(name);
}
