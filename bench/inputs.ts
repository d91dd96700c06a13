/**
 * What the bench runs: the aegis config (its template, verdict field and token cap) over the bundled
 * sample dataset, read through the same core readers the app uses.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig, type GuardConfig } from '../src/core/config';
import { applyMapping, detectMapping } from '../src/core/dataset/mapping';
import { readDataset } from '../src/core/dataset/read';
import type { Example } from '../src/core/example';
import type { Policy } from '../src/core/result';
import { policyFromConfig } from '../src/core/taxonomies';
import { prepareTemplate } from '../src/core/template';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CONFIG_PATH = 'configs/aegis.json';
export const SAMPLE_PATH = 'public/samples/roguard-sample.csv';

export interface BenchInputs {
  config: GuardConfig;
  /** The template prepared as the reference harness uses it (stripped). */
  policy: Policy;
  examples: Example[];
}

/** `limit` examples spread evenly over the dataset (the sample lists its safe rows first), dataset indices kept. */
function spread(examples: Example[], limit: number): Example[] {
  if (limit >= examples.length) return examples;
  return Array.from({ length: limit }, (_, i) => examples[Math.floor((i * examples.length) / limit)]!);
}

/**
 * The aegis config and the sample dataset, `limit` examples at most (spread over the file).
 * @throws GuardError BAD_CONFIG / BAD_TEMPLATE when the shipped files are broken; Error when rows were dropped.
 */
export async function aegisSample(limit = Number.POSITIVE_INFINITY): Promise<BenchInputs> {
  const { config } = parseConfig(readFileSync(resolve(ROOT, CONFIG_PATH), 'utf8'), CONFIG_PATH);
  const template = prepareTemplate(readFileSync(resolve(ROOT, config.eval_prompt), 'utf8'));
  const policy = { ...policyFromConfig(config, template), template };
  const read = await readDataset({ name: SAMPLE_PATH, bytes: readFileSync(resolve(ROOT, SAMPLE_PATH)) });
  const { examples, reported } = applyMapping(read, detectMapping(read.columns));
  if (reported.length > 0 || read.reported.length > 0) throw new Error(`${SAMPLE_PATH}: rows left out: ${JSON.stringify([...read.reported, ...reported])}`);
  return { config, policy, examples: spread(examples, limit) };
}

/**
 * The sample with a tiny-model trigger word added to every unsafe-labelled prompt, so the tiny model
 * answers those with a flagged verdict and categories (the sample alone reads as safe to it).
 */
export function withTriggers(examples: readonly Example[], word = 'walrus'): Example[] {
  return examples.map((example) => (example.label === 'unsafe' ? { ...example, prompt: `${example.prompt} (${word})` } : example));
}
