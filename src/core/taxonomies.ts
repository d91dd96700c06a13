/**
 * The two category lists our templates use, and how a config plus a template becomes a `Policy`.
 * Which list applies is read from the verdict keys the template asks for (reference-harness.md).
 */
import type { GuardConfig } from './config';
import type { Policy } from './result';

/** Aegis-style categories (aegis, aegis2, RoGuardEval, harmbench, openai_mod, safeRLHF, simpleST, xstest). */
export const AEGIS_CATEGORIES: Readonly<Record<string, string>> = Object.freeze({
  S1: 'Violence',
  S2: 'Sexual',
  S3: 'Criminal Planning/Confessions',
  S4: 'Guns and Illegal Weapons',
  S5: 'Controlled/Regulated Substances',
  S6: 'Suicide and Self Harm',
  S7: 'Sexual (minor)',
  S8: 'Hate/Identity Hate',
  S9: 'PII/Privacy',
  S10: 'Harassment',
  S11: 'Threat',
  S12: 'Profanity',
  S13: 'Needs Caution',
  S14: 'Other',
});

/** MLCommons-style hazard categories (wildguard templates). */
export const MLCOMMONS_CATEGORIES: Readonly<Record<string, string>> = Object.freeze({
  S1: 'Violent Crimes',
  S2: 'Non-Violent Crimes',
  S3: 'Sex Crimes',
  S4: 'Child Exploitation',
  S5: 'Defamation',
  S6: 'Specialized Advice',
  S7: 'Privacy',
  S8: 'Intellectual Property',
  S9: 'Indiscriminate Weapons',
  S10: 'Hate',
  S11: 'Self-Harm',
  S12: 'Sexual Content',
  S13: 'Elections',
  S14: 'Code Interpreter Abuse',
});

/** The verdict format a template asks for. `other`: a format of the user's own, with no known category list. */
export type TemplateStyle = 'aegis' | 'wildguard' | 'toxic_chat' | 'beavertails' | 'other';

const STYLE_KEYS: [TemplateStyle, string[]][] = [
  ['wildguard', ['Harmful request', 'Harmful response', 'Response refusal']],
  ['aegis', ['User Safety', 'Response Safety']],
  ['toxic_chat', ['User Toxicity']],
  ['beavertails', ['is_safe']],
];

/**
 * The style of a template: the first style whose verdict key is the config's output field, else the
 * first whose key the template text names in double quotes.
 */
export function templateStyle(outputField: string, templateText: string): TemplateStyle {
  for (const [style, keys] of STYLE_KEYS) if (keys.includes(outputField)) return style;
  for (const [style, keys] of STYLE_KEYS) if (keys.some((key) => templateText.includes(`"${key}"`))) return style;
  return 'other';
}

export function categoriesFor(style: TemplateStyle): Readonly<Record<string, string>> | undefined {
  if (style === 'aegis') return AEGIS_CATEGORIES;
  if (style === 'wildguard') return MLCOMMONS_CATEGORIES;
  return undefined;
}

/** The policy a config describes, with the template text as read from its file (not yet stripped or filled). */
export function policyFromConfig(config: GuardConfig, templateText: string): Policy {
  const categories = categoriesFor(templateStyle(config.llm_output_field, templateText));
  return {
    template: templateText,
    outputField: config.llm_output_field,
    flaggedValue: config.llm_flagged_value,
    ...(categories ? { categories: { ...categories } } : {}),
  };
}
