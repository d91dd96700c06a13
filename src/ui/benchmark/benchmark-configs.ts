/** The shipped benchmark configs with where to get each one's data, bundled at build time. */
import { parseConfig, type GuardConfig } from '../../core/config';
import { benchmarkSources, isBenchmarkName, type BenchmarkSource } from '../../core/dataset/benchmarks/specs';

export interface BenchmarkChoice {
  /** The config's file name, e.g. `toxic_chat.json` (also the id of its policy in the policy list). */
  id: string;
  config: GuardConfig;
  source: BenchmarkSource | null;
}

const configFiles = import.meta.glob<string>('../../../configs/*.json', { query: '?raw', import: 'default', eager: true });

/** Builds the list from config texts keyed by path; configs that do not parse are listed apart with the reason. */
function buildBenchmarkChoices(files: Record<string, string>): { choices: BenchmarkChoice[]; problems: string[] } {
  const choices: BenchmarkChoice[] = [];
  const problems: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const id = path.slice(path.lastIndexOf('/') + 1);
    try {
      const { config } = parseConfig(text, `configs/${id}`);
      choices.push({ id, config, source: isBenchmarkName(config.name) ? benchmarkSources[config.name] : null });
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  choices.sort((a, b) => a.id.localeCompare(b.id, 'en', { sensitivity: 'base' }));
  return { choices, problems };
}

let shipped: ReturnType<typeof buildBenchmarkChoices> | undefined;

export function shippedBenchmarks(): ReturnType<typeof buildBenchmarkChoices> {
  shipped ??= buildBenchmarkChoices(configFiles);
  return shipped;
}

/** One line on where the data comes from: the split to download, or the local file the reference reads. */
export function downloadHint(choice: BenchmarkChoice): string {
  if (choice.source) return choice.source.download;
  return `Config "${choice.config.name}" has no known loader; its data comes from ${choice.config.eval_dataset}.`;
}
