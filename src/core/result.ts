import type { FinishReason, GenerationSettings, Usage } from './engine';
import type { GuardErrorData } from './errors';

/** `reference`: bit-exact with RoGuard's script. `robust`: tolerant parsing, categories, `unparsed` when unreadable. */
export type ExtractionMode = 'reference' | 'robust';

export type VerdictStatus = 'flagged' | 'safe' | 'unparsed';

export interface Verdict {
  /** Extracted value of the verdict field (`""` when nothing was found). */
  value: string;
  status: VerdictStatus;
  /** Violated category ids, e.g. `["S1", "S9"]` (robust mode; empty in reference mode). */
  categories: string[];
  /** Every key → value the parser read, e.g. `{ "User Safety": "unsafe", "Response Safety": "safe" }`. */
  fields: Record<string, string>;
}

/** The policy a guard checks against: a template plus how to read its verdict. */
export interface Policy {
  /** Template text with `{prompt}` and `{response}` (Python `str.format` syntax). */
  template: string;
  /** JSON key holding the verdict (`llm_output_field`). */
  outputField: string;
  /** Verdict value that means flagged (`llm_flagged_value`). */
  flaggedValue: string;
  /** Category id → name, for showing violated categories by name. */
  categories?: Record<string, string>;
}

export interface ClassifyOptions {
  policy: Policy;
  extraction: ExtractionMode;
  settings: GenerationSettings;
  /** What a null response becomes in the prompt; `"None"` reproduces the reference loaders that copy the field. */
  nullResponseText?: 'None' | '';
  /** Stop generating once the verdict (and categories, when wanted) has been read. Default true. */
  earlyStop?: boolean;
  /** Compute P(flagged) from logprobs. Default true where the engine gives logprobs. */
  score?: boolean;
}

export interface ClassifyResult {
  /** The example's 1-based index. */
  index: number;
  /** Raw model output, special tokens skipped. */
  raw: string;
  verdict: Verdict;
  /** Probability the model put on the flagged value at the verdict position, or null when unknown. */
  score: number | null;
  usage: Usage;
  latencyMs: number;
  finishReason: FinishReason;
  /** True when served from the result cache without running the model. */
  fromCache?: boolean;
  /** Set when this example failed (e.g. CONTEXT_OVERFLOW); the run goes on. */
  error?: GuardErrorData;
}

export type { GenerationSettings };
