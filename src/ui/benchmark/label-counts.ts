/** Live counts of each label value, as the reference compares them (Python text, lowercased). */
import type { Example } from '../../core/example';
import { isActualUnsafe, isSkippedLabel, labelText } from '../../core/labels';

export interface LabelValueCount {
  /** Python's text of the value (`True`, `1`, `unsafe`, `None`). */
  text: string;
  count: number;
  /** Counts as unsafe under the chosen flagged value. */
  flagged: boolean;
  /** Skipped by the reference's rule (missing, None, or the text `null`). */
  skipped: boolean;
}

export interface LabelSummary {
  values: LabelValueCount[];
  flagged: number;
  notFlagged: number;
  skipped: number;
}

/**
 * Groups the examples' labels by their Python text, most frequent first (ties by text), and says how
 * many count as unsafe, safe, or skipped when `flaggedValue` means unsafe.
 */
export function countLabelValues(examples: readonly Pick<Example, 'label'>[], flaggedValue: string): LabelSummary {
  const groups = new Map<string, LabelValueCount>();
  let flagged = 0;
  let notFlagged = 0;
  let skipped = 0;
  for (const { label } of examples) {
    const isSkipped = isSkippedLabel(label);
    const text = label === undefined ? 'None' : labelText(label);
    const key = `${isSkipped ? 's' : 'k'}:${text}`;
    let group = groups.get(key);
    if (!group) {
      const isFlagged = !isSkipped && isActualUnsafe(label ?? null, flaggedValue);
      group = { text, count: 0, flagged: isFlagged, skipped: isSkipped };
      groups.set(key, group);
    }
    group.count++;
    if (group.skipped) skipped++;
    else if (group.flagged) flagged++;
    else notFlagged++;
  }
  const values = [...groups.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
  return { values, flagged, notFlagged, skipped };
}

/**
 * The label value to offer as "flagged" first: the config's value when the file has it, else a value
 * that reads like "unsafe", else null (the person picks).
 */
export function suggestFlaggedValue(values: readonly LabelValueCount[], preferred?: string): string | null {
  const usable = values.filter((value) => !value.skipped);
  if (preferred !== undefined && usable.some((value) => value.text.toLowerCase() === preferred.toLowerCase())) return preferred;
  const likely = ['unsafe', 'harmful', 'toxic', 'flagged', 'violation', 'true', '1'];
  for (const word of likely) {
    const hit = usable.find((value) => value.text.toLowerCase() === word);
    if (hit) return hit.text;
  }
  return null;
}
