/** A policy the person writes on the Check page: template, verdict field, flagged value, categories. */
import { isGuardError } from '../../core/errors';
import type { Policy } from '../../core/result';
import { fillTemplate, prepareTemplate } from '../../core/template';

export interface CustomPolicyDraft {
  template: string;
  outputField: string;
  flaggedValue: string;
  /** One category a line, `S1: Violence`. */
  taxonomy: string;
}

export interface TemplateProblem {
  message: string;
  line?: number;
  column?: number;
}

export interface LineProblem {
  line: number;
  message: string;
}

export interface CustomPolicyCheck {
  /** The usable policy, or null while an error remains. */
  policy: Policy | null;
  templateError: TemplateProblem | null;
  outputFieldError: string | null;
  flaggedValueError: string | null;
  taxonomyErrors: LineProblem[];
  /** Things that work but are probably not meant (no `{prompt}`, the verdict key never mentioned). */
  warnings: string[];
}

/** Reads `ID: name` lines (also `ID - name`, `ID. name`); blank lines are skipped. */
export function parseTaxonomy(text: string): { categories: Record<string, string>; errors: LineProblem[] } {
  const categories: Record<string, string> = {};
  const errors: LineProblem[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const match = /^([A-Za-z]*\d+|[A-Za-z][\w-]*)\s*[:.\-–]\s*(.+)$/.exec(line);
    if (!match) {
      errors.push({ line: i + 1, message: `Line ${i + 1}: write a category as "S1: Violence".` });
      return;
    }
    const id = match[1]!;
    if (id in categories) errors.push({ line: i + 1, message: `Line ${i + 1}: category ${id} is listed twice.` });
    else categories[id] = match[2]!.trim();
  });
  return { categories, errors };
}

const numberDetail = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** Validates a draft the way the worker will use it; never throws. */
export function checkCustomPolicy(draft: CustomPolicyDraft): CustomPolicyCheck {
  const warnings: string[] = [];
  let templateError: TemplateProblem | null = null;
  let template = '';
  try {
    template = prepareTemplate(draft.template);
    if (template === '') throw new Error('The template is empty. Write the instructions the model should follow.');
    const marker = { prompt: '\u0001PROMPT\u0001', response: '\u0001RESPONSE\u0001' };
    const filled = fillTemplate(template, marker);
    if (!filled.includes(marker.prompt)) warnings.push('The template has no {prompt} placeholder, so the model never sees the prompt.');
    if (!filled.includes(marker.response)) warnings.push('The template has no {response} placeholder; only the prompt is judged.');
  } catch (error) {
    templateError = {
      message: error instanceof Error ? error.message : String(error),
      ...(isGuardError(error) ? { line: numberDetail(error.details?.line), column: numberDetail(error.details?.column) } : {}),
    };
  }
  const outputField = draft.outputField.trim();
  const flaggedValue = draft.flaggedValue.trim();
  const outputFieldError = outputField === '' ? 'Name the JSON key that holds the verdict, e.g. User Safety.' : null;
  const flaggedValueError =
    flaggedValue === ''
      ? 'Give the value that means flagged, e.g. unsafe.'
      : /\s/.test(flaggedValue)
        ? 'The flagged value must be one word: the verdict is read as a single word.'
        : null;
  if (!templateError && outputField && !template.includes(outputField)) {
    warnings.push(`The template never mentions "${outputField}", so the model may not answer under that key.`);
  }
  const { categories, errors: taxonomyErrors } = parseTaxonomy(draft.taxonomy);
  const ok = !templateError && !outputFieldError && !flaggedValueError && taxonomyErrors.length === 0;
  return {
    policy: ok ? { template, outputField, flaggedValue, categories } : null,
    templateError,
    outputFieldError,
    flaggedValueError,
    taxonomyErrors,
    warnings,
  };
}

/** A draft to start editing from: an existing policy written out. */
export function draftFromPolicy(policy: Policy): CustomPolicyDraft {
  return {
    template: policy.template,
    outputField: policy.outputField,
    flaggedValue: policy.flaggedValue,
    taxonomy: Object.entries(policy.categories ?? {})
      .map(([id, name]) => `${id}: ${name}`)
      .join('\n'),
  };
}
