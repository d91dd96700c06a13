/** Ground-truth labels compared as the reference compares them: as Python text, case-insensitively. */
import { pyStr } from './python';
import type { DataValue } from './value';

/** Python `str()` of a label after its loader: `True`, `1`, `1.0`, `None`, `unsafe`. A missing label reads `None`. */
export function labelText(label: DataValue | undefined): string {
  return label === undefined ? 'None' : pyStr(label);
}

/**
 * `str(label).lower() == str(eval_flagged_value).lower()`: in toxic_chat, `true` and `1.0` are not `1`.
 * The flagged value is turned into text the same way (a config may hold `1` as a JSON number).
 */
export function isActualUnsafe(label: DataValue | undefined, evalFlaggedValue: DataValue): boolean {
  return labelText(label).toLowerCase() === pyStr(evalFlaggedValue).toLowerCase();
}

/**
 * The reference skips an example whose label is missing, None, or exactly the text `null`
 * (`label in [None, "null"]`): `NULL` and `none` are counted, not skipped.
 */
export function isSkippedLabel(label: DataValue | undefined): boolean {
  return label === undefined || label === null || label === 'null';
}
