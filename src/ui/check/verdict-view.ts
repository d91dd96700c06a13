/** Turns a verdict into what the Check page shows: one badge per judged side, categories by name. */
import type { Policy, Verdict, VerdictStatus } from '../../core/result';

export type Subject = 'Prompt' | 'Response' | 'Verdict';

export interface VerdictBadgeView {
  subject: Subject;
  /** The JSON key the model answered under, e.g. `User Safety`. */
  field: string;
  /** The value as the model wrote it (`""` when the field is missing). */
  value: string;
  status: VerdictStatus;
}

/** Values that mean "not flagged" in the shipped templates' side fields. */
const CLEAR_VALUES = new Set(['safe', 'unharmful', 'harmless', 'non-toxic', 'nontoxic', 'not toxic', 'benign']);
/** Values that mean "this side was not judged" (no response given). */
const ABSENT_VALUES = new Set(['', 'null', 'none', 'n/a', 'na']);

const squash = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');

function subjectOf(field: string): Subject | null {
  if (/refusal|categor/i.test(field)) return null;
  if (/user|request|prompt/i.test(field)) return 'Prompt';
  if (/response|answer|assistant/i.test(field)) return 'Response';
  return null;
}

function findKey(fields: Record<string, string>, field: string): string | undefined {
  return Object.keys(fields).find((key) => key === field) ?? Object.keys(fields).find((key) => squash(key) === squash(field));
}

function sideStatus(value: string, flaggedValue: string): VerdictStatus | null {
  const v = value.trim().toLowerCase().replace(/[."']+$/g, '');
  if (ABSENT_VALUES.has(v)) return null;
  if (v === flaggedValue.trim().toLowerCase()) return 'flagged';
  return CLEAR_VALUES.has(v) ? 'safe' : 'unparsed';
}

/**
 * The policy's own verdict field takes the verdict's status (the parser's word is final, so
 * `unparsed` never turns into safe); other prompt/response fields are read against the flagged value.
 */
export function verdictBadges(verdict: Verdict, policy: Policy): VerdictBadgeView[] {
  const mainKey = findKey(verdict.fields, policy.outputField);
  const main: VerdictBadgeView = {
    subject: subjectOf(policy.outputField) ?? 'Verdict',
    field: policy.outputField,
    value: mainKey === undefined ? verdict.value : verdict.fields[mainKey]!,
    status: verdict.status,
  };
  const badges = [main];
  for (const [key, value] of Object.entries(verdict.fields)) {
    if (key === mainKey) continue;
    const subject = subjectOf(key);
    if (!subject || badges.some((badge) => badge.subject === subject)) continue;
    const status = sideStatus(value, policy.flaggedValue);
    if (status) badges.push({ subject, field: key, value, status });
  }
  const order: Record<Subject, number> = { Prompt: 0, Response: 1, Verdict: 2 };
  return badges.sort((a, b) => order[a.subject] - order[b.subject]);
}

export interface CategoryView {
  id: string;
  name: string;
}

/** Category ids with their names from the policy; an id the policy does not list keeps its id as name. */
export function categoryViews(ids: readonly string[], categories: Policy['categories']): CategoryView[] {
  const names = new Map(Object.entries(categories ?? {}).map(([id, name]) => [id.toUpperCase(), name]));
  return [...new Set(ids)].map((id) => ({ id, name: names.get(id.toUpperCase()) ?? id }));
}
