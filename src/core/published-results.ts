/**
 * The F1 scores (%) RoGuard's authors publish for each guard model and benchmark
 * (shared/spec/reference-harness.md, "Published results"), so a browser run can be shown beside them.
 */

export type PublishedBenchmark =
  | 'toxic_chat'
  | 'openai_mod'
  | 'aegis'
  | 'xstest'
  | 'wildguard_prompt'
  | 'beavertails'
  | 'safeRLHF'
  | 'wildguard_response'
  | 'harmbench';

/** Column order and titles of the published table. */
export const PUBLISHED_BENCHMARKS: readonly { id: PublishedBenchmark; title: string }[] = [
  { id: 'toxic_chat', title: 'ToxicChat' },
  { id: 'openai_mod', title: 'OAI' },
  { id: 'aegis', title: 'Aegis' },
  { id: 'xstest', title: 'XSTest' },
  { id: 'wildguard_prompt', title: 'WildGuard prompt' },
  { id: 'beavertails', title: 'BeaverTails' },
  { id: 'safeRLHF', title: 'SafeRLHF' },
  { id: 'wildguard_response', title: 'WildGuard response' },
  { id: 'harmbench', title: 'HarmBench' },
];

export const ROGUARD_MODEL = 'RoGuard 1.0';

/** Rows in the published order; `null` where the table has a dash. */
const TABLE: readonly [model: string, f1: readonly (number | null)[]][] = [
  ['LlamaGuard2-8B', [42.7, 77.6, 73.8, 88.6, 70.9, 71.8, 51.6, 65.2, 78.5]],
  ['LlamaGuard3-8B', [50.9, 79.4, 74.8, 88.3, 70.1, 69.7, 53.7, 70.2, 84.9]],
  ['MD-Judge-7B', [null, null, null, null, null, 86.7, 64.8, 76.8, 81.2]],
  ['WildGuard-7B', [70.8, 72.1, 89.4, 94.4, 88.9, 84.4, 64.2, 75.4, 86.2]],
  ['ShieldGemma-7B', [70.2, 82.1, 88.7, 92.5, 88.1, 84.8, 66.6, 77.8, 84.8]],
  ['GPT-4o', [68.1, 70.4, 83.2, 90.2, 87.9, 83.8, 67.9, 73.1, 83.5]],
  ['BingoGuard-phi3-3B', [72.5, 72.8, 90.0, 90.8, 88.9, 86.2, 69.9, 79.7, 85.1]],
  ['BingoGuard-llama3.1-8B', [75.7, 77.9, 90.4, 94.9, 88.9, 86.4, 68.7, 80.1, 86.4]],
  [ROGUARD_MODEL, [75.8, 70.5, 91.1, 90.2, 88.7, 87.5, 69.7, 80.0, 80.7]],
];

export const PUBLISHED_MODELS: readonly string[] = TABLE.map(([model]) => model);

/**
 * Config names (the `name` field) and config file stems that denote each published benchmark.
 * aegis2, RoGuardEval and simpleST have no published figure.
 */
const ALIASES: Record<PublishedBenchmark, readonly string[]> = {
  toxic_chat: ['toxic_chat', 'toxicchat'],
  openai_mod: ['openai_mod', 'oai'],
  aegis: ['aegis'],
  xstest: ['xstest'],
  wildguard_prompt: ['wildguard_prompt'],
  beavertails: ['beavertails'],
  safeRLHF: ['saferlhf'],
  wildguard_response: ['wildguard_response'],
  harmbench: ['harmbench'],
};

/**
 * The published benchmark a config refers to, from its `name` or its file name
 * (`configs/beaverTails.json`, `beavertails`, `BeaverTails` all give `beavertails`); null when none.
 */
export function publishedBenchmarkOf(configNameOrFile: string): PublishedBenchmark | null {
  const stem = configNameOrFile
    .replace(/^.*[\\/]/, '')
    .replace(/\.json$/i, '')
    .trim()
    .toLowerCase();
  for (const { id } of PUBLISHED_BENCHMARKS) {
    if (ALIASES[id].includes(stem)) return id;
  }
  return null;
}

/** Published F1 (%) of `model` (default RoGuard 1.0) on a benchmark; null when not published. */
export function publishedF1(configNameOrFile: string, model: string = ROGUARD_MODEL): number | null {
  const benchmark = publishedBenchmarkOf(configNameOrFile);
  if (benchmark === null) return null;
  const row = TABLE.find(([name]) => name === model);
  if (!row) return null;
  const column = PUBLISHED_BENCHMARKS.findIndex(({ id }) => id === benchmark);
  return row[1][column] ?? null;
}

/** Every published model's F1 on a benchmark, in table order, dashes left out. */
export function publishedF1Column(configNameOrFile: string): { model: string; f1: number }[] {
  const benchmark = publishedBenchmarkOf(configNameOrFile);
  if (benchmark === null) return [];
  const column = PUBLISHED_BENCHMARKS.findIndex(({ id }) => id === benchmark);
  return TABLE.flatMap(([model, row]) => {
    const f1 = row[column];
    return f1 === null || f1 === undefined ? [] : [{ model, f1 }];
  });
}
