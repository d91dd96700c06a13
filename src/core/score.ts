/**
 * How sure the model was: P(flagged) read from the token logprobs at the position where the verdict value
 * starts. The rule (docs/parity.md, "Score"):
 * 1. find the verdict value's first character in the output (robust reading, else the reference pattern);
 * 2. take the token covering it, and its top alternatives (the chosen token included);
 * 3. an alternative's word is its text minus leading spaces/quotes/punctuation; it is a FLAGGED start when
 *    it begins a flagged value (`unsafe`, `Unsafe`, ` unsafe`) and no known safe value, a SAFE start the other way;
 * 4. score = the summed probability of the flagged starts when any is present, else 1 − the summed
 *    probability of the safe starts when any is present, else null. Null without logprobs.
 */
import type { Generation } from './engine';
import type { Policy } from './result';
import { referenceMatch } from './verdict';
import { findVerdictPair, knownValues } from './verdict-robust';

/** Offset in `text` of the verdict value's first character, or null when there is none. */
export function verdictValueStart(text: string, policy: Policy): number | null {
  const { pair } = findVerdictPair(text, policy);
  if (pair && pair.value.trim() !== '') return pair.valueStart + (/^\s*/.exec(text.slice(pair.valueStart))?.[0].length ?? 0);
  try {
    return referenceMatch(text, policy.outputField).start;
  } catch {
    return null;
  }
}

function startsOf(word: string, values: readonly string[]): boolean {
  return values.some((value) => value.startsWith(word));
}

/**
 * P(flagged) at the verdict position, by the rule above; null when the engine gave no logprobs, the value
 * cannot be found, or no alternative there starts a known value.
 */
export function flaggedScore(generation: Generation, policy: Policy): number | null {
  const logprobs = generation.logprobs;
  if (!logprobs || logprobs.length === 0) return null;
  const start = verdictValueStart(generation.text, policy);
  if (start === null) return null;
  let offset = 0;
  const position = logprobs.find((entry) => {
    offset += entry.token.length;
    return offset > start;
  });
  if (!position) return null;
  const known = knownValues(policy.flaggedValue);
  const candidates = new Map<string, number>([[position.token, position.logprob]]);
  for (const alternative of position.top) if (!candidates.has(alternative.token)) candidates.set(alternative.token, alternative.logprob);
  let flaggedMass = 0;
  let safeMass = 0;
  let sawFlagged = false;
  let sawSafe = false;
  for (const [token, logprob] of candidates) {
    const word = /^[^\p{L}\p{N}_]*([\p{L}\p{N}_-]*)/u.exec(token)![1]!.toLowerCase();
    if (word === '' || Number.isNaN(logprob)) continue;
    const flagged = startsOf(word, known.flagged);
    const safe = startsOf(word, known.safe);
    if (flagged && !safe) {
      sawFlagged = true;
      flaggedMass += Math.exp(logprob);
    } else if (safe && !flagged) {
      sawSafe = true;
      safeMass += Math.exp(logprob);
    }
  }
  if (sawFlagged) return Math.min(1, flaggedMass);
  if (sawSafe) return Math.max(0, 1 - safeMass);
  return null;
}
