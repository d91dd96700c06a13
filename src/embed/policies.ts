/**
 * The policy a guard checks against: a shipped config by name, a template in a shipped verdict format,
 * or a policy of the embedder's own; plus which verdict keys judge the prompt and the response.
 */
import type { GuardConfig } from '../core/config';
import { GuardError } from '../core/errors';
import type { Policy } from '../core/result';
import { categoriesFor, policyFromConfig, templateStyle, type TemplateStyle } from '../core/taxonomies';
import { prepareTemplate } from '../core/template';
import type { BuiltInPolicyName, CustomPolicy } from './types';

const configFiles = import.meta.glob<string>('../../configs/*.json', { query: '?raw', import: 'default', eager: true });
const promptFiles = import.meta.glob<string>('../../prompts/*.txt', { query: '?raw', import: 'default', eager: true });

export const BUILT_IN_POLICIES: readonly BuiltInPolicyName[] = [
  'RoGuardEval',
  'aegis',
  'aegis2_prompt',
  'aegis2_response',
  'beaverTails',
  'harmbench',
  'openai_mod',
  'safeRLHF',
  'simpleST',
  'toxic_chat',
  'wildguard_prompt',
  'wildguard_response',
  'xstest',
];

export const DEFAULT_POLICY: BuiltInPolicyName = 'aegis';
const DEFAULT_MAX_TOKENS = 100;

/** A policy ready to use: the core policy plus the verdict keys for the prompt and the response. */
export interface GuardPolicy {
  policy: Policy;
  maxTokens: number;
  /** Verdict key judging the prompt; absent when the template judges the response alone. */
  promptField?: string;
  responseField?: string;
}

/** Verdict keys of the shipped formats, in the order the model writes them. */
const FORMATS: Record<Exclude<TemplateStyle, 'other'>, { promptField?: string; responseField?: string; flaggedValue: string }> = {
  aegis: { promptField: 'User Safety', responseField: 'Response Safety', flaggedValue: 'unsafe' },
  wildguard: { promptField: 'Harmful request', responseField: 'Harmful response', flaggedValue: 'harmful' },
  toxic_chat: { promptField: 'User Toxicity', flaggedValue: 'toxic' },
  beavertails: { responseField: 'is_safe', flaggedValue: 'false' },
};

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

function fileNamed(files: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(files).find((path) => baseName(path) === name);
  return key === undefined ? undefined : files[key];
}

function builtIn(name: string): GuardPolicy {
  const text = (BUILT_IN_POLICIES as readonly string[]).includes(name) ? fileNamed(configFiles, `${name}.json`) : undefined;
  if (text === undefined) {
    throw new GuardError('BAD_CONFIG', `Unknown policy "${name}". Use one of: ${BUILT_IN_POLICIES.join(', ')}, or pass { template, outputField, flaggedValue }.`, { field: 'config' });
  }
  // Shipped files, checked against parseConfig by this module's tests; not parsed with zod here, which
  // would triple the page-side bundle.
  const config = JSON.parse(text) as GuardConfig;
  const template = fileNamed(promptFiles, baseName(config.eval_prompt));
  if (template === undefined) throw new GuardError('BAD_CONFIG', `Policy "${name}": its template ${config.eval_prompt} is not bundled.`, { field: 'config' });
  const policy = policyFromConfig(config, prepareTemplate(template));
  const style = templateStyle(policy.outputField, policy.template);
  const fields = style === 'other' ? { promptField: policy.outputField } : FORMATS[style];
  return { policy, maxTokens: config.max_output_tokens, ...pick(fields) };
}

function pick(fields: { promptField?: string; responseField?: string }): Pick<GuardPolicy, 'promptField' | 'responseField'> {
  return { ...(fields.promptField ? { promptField: fields.promptField } : {}), ...(fields.responseField ? { responseField: fields.responseField } : {}) };
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new GuardError('BAD_CONFIG', `config.${field} must be non-empty text.`, { field: `config.${field}` });
  }
  return value;
}

function custom(input: CustomPolicy): GuardPolicy {
  const template = prepareTemplate(text(input.template, 'template'));
  const outputField = text(input.outputField, 'outputField');
  const flaggedValue = text(input.flaggedValue, 'flaggedValue');
  const responseField = input.responseField === undefined ? undefined : text(input.responseField, 'responseField');
  const { categories, maxTokens = DEFAULT_MAX_TOKENS } = input;
  if (categories !== undefined && (typeof categories !== 'object' || categories === null || Object.values(categories).some((name) => typeof name !== 'string'))) {
    throw new GuardError('BAD_CONFIG', 'config.categories must map category ids to names, e.g. { S1: "Violence" }.', { field: 'config.categories' });
  }
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new GuardError('BAD_CONFIG', `config.maxTokens must be a positive whole number, got ${String(maxTokens)}.`, { field: 'config.maxTokens' });
  }
  const policy: Policy = { template, outputField, flaggedValue, ...(categories ? { categories: { ...categories } } : {}) };
  return { policy, maxTokens, promptField: outputField, ...(responseField ? { responseField } : {}) };
}

function fromTemplate(input: string): GuardPolicy {
  const template = prepareTemplate(text(input, 'template'));
  const style = templateStyle('', template);
  if (style === 'other') {
    throw new GuardError(
      'BAD_CONFIG',
      'The template asks for no verdict key the guard knows ("User Safety", "Harmful request", "User Toxicity" or "is_safe"). ' +
        'Pass config: { template, outputField, flaggedValue } to say how to read its answer.',
      { field: 'template' },
    );
  }
  const format = FORMATS[style];
  const categories = categoriesFor(style);
  const outputField = (format.promptField ?? format.responseField)!;
  const policy: Policy = { template, outputField, flaggedValue: format.flaggedValue, ...(categories ? { categories: { ...categories } } : {}) };
  return { policy, maxTokens: DEFAULT_MAX_TOKENS, ...pick(format) };
}

/**
 * The policy named by a guard's `config` or `template` option (neither: the default `aegis`).
 * @throws GuardError BAD_CONFIG (unknown name, both options, a missing field), BAD_TEMPLATE (with line and column)
 */
export function resolvePolicy(config: BuiltInPolicyName | CustomPolicy | undefined, template: string | undefined): GuardPolicy {
  if (config !== undefined && template !== undefined) {
    throw new GuardError('BAD_CONFIG', 'Pass either config or template, not both (a custom config carries its own template).', { field: 'template' });
  }
  if (template !== undefined) return fromTemplate(template);
  if (config === undefined) return builtIn(DEFAULT_POLICY);
  if (typeof config === 'string') return builtIn(config);
  if (typeof config !== 'object' || config === null) {
    throw new GuardError('BAD_CONFIG', 'config must be a policy name such as "aegis" or { template, outputField, flaggedValue }.', { field: 'config' });
  }
  return custom(config);
}
