import type { DataValue } from './value';

/** One prepared example, as the reference harness's loaders produce it. */
export interface Example {
  /** 1-based position in the prepared dataset (the reference's `index` column). */
  index: number;
  prompt: string;
  /** `null` when the example has no response (the loader has none, or the row's value was null). */
  response: string | null;
  /** Ground-truth label after the loader's own conversion; `undefined` in a labeling-only run. */
  label?: DataValue;
}

/** What a benchmark loader or a mapped user file yields. */
export interface PreparedDataset {
  name: string;
  examples: Example[];
  /**
   * Text the reference harness sends to the model for a null response: `"None"` for loaders that
   * copy the response field, `""` for loaders that have none (reference-harness.md, parity note 4).
   */
  nullResponseText: 'None' | '';
}
