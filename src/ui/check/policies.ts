/** The policies a person can pick on the Check page: one per shipped config, with its template. */
import { parseConfig } from '../../core/config';
import { isGuardError } from '../../core/errors';
import type { Policy } from '../../core/result';
import { policyFromConfig } from '../../core/taxonomies';
import { prepareTemplate } from '../../core/template';

export interface PolicyOption {
  /** The config's file name, e.g. `aegis.json`. */
  id: string;
  label: string;
  policy: Policy;
  /** The config's `max_output_tokens`. */
  maxTokens: number;
  /** The template file the config names, e.g. `prompts/aegis.txt`. */
  templatePath: string;
}

export interface PolicyProblem {
  file: string;
  message: string;
}

export interface PolicyList {
  options: PolicyOption[];
  /** Configs that could not be offered, and why (shown on the page, not thrown). */
  problems: PolicyProblem[];
}

/** The config offered first: it judges both prompt and response and names categories. */
export const DEFAULT_POLICY_ID = 'aegis.json';

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

function findTemplate(prompts: Record<string, string>, evalPrompt: string): string | undefined {
  const wanted = evalPrompt.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  const exact = Object.keys(prompts).find((key) => key.replace(/^(\.\.\/)+|^\/+/g, '') === wanted || key.endsWith(`/${wanted}`));
  const key = exact ?? Object.keys(prompts).find((k) => baseName(k) === baseName(wanted));
  return key === undefined ? undefined : prompts[key];
}

/**
 * Builds the policy list from config files and template files keyed by path (as `import.meta.glob`
 * gives them). A config that does not parse or whose template is missing becomes a problem; the
 * others are still offered.
 */
export function buildPolicyList(configs: Record<string, string>, prompts: Record<string, string>): PolicyList {
  const options: PolicyOption[] = [];
  const problems: PolicyProblem[] = [];
  for (const [path, text] of Object.entries(configs)) {
    const file = baseName(path);
    try {
      const { config } = parseConfig(text, `configs/${file}`);
      const template = findTemplate(prompts, config.eval_prompt);
      if (template === undefined) {
        problems.push({ file: `configs/${file}`, message: `its template ${config.eval_prompt} is not in prompts/.` });
        continue;
      }
      const policy = policyFromConfig(config, prepareTemplate(template));
      options.push({
        id: file,
        label: `${file.replace(/\.json$/, '')} — ${policy.outputField} = ${policy.flaggedValue}`,
        policy,
        maxTokens: config.max_output_tokens,
        templatePath: config.eval_prompt,
      });
    } catch (error) {
      problems.push({ file: `configs/${file}`, message: isGuardError(error) || error instanceof Error ? error.message : String(error) });
    }
  }
  options.sort((a, b) => Number(b.id === DEFAULT_POLICY_ID) - Number(a.id === DEFAULT_POLICY_ID) || a.id.localeCompare(b.id));
  return { options, problems };
}
