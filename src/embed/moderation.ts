/** A guard result in the shape of OpenAI's moderation API result, for apps that already read that shape. */
import type { GuardCheckResult, ModerationResult } from './types';

/**
 * Converts a check result. Keys are category names. The model gives one probability per verdict, not
 * per category, so a violated category scores the verdict's P(flagged) (1 when unknown) and the others 0.
 * @param categories The policy's category list (`guard.categories`); when given, every category is a key.
 * @throws TypeError only when `result` is not a check result
 */
export function toModeration(result: GuardCheckResult, categories: Readonly<Record<string, string>> = {}): ModerationResult {
  const flags: Record<string, boolean> = {};
  const scores: Record<string, number> = {};
  for (const name of Object.values(categories)) {
    flags[name] = false;
    scores[name] = 0;
  }
  const known = [result.scores.response, result.scores.prompt].find((score): score is number => typeof score === 'number');
  for (const { name } of result.categories) {
    flags[name] = true;
    scores[name] = known ?? 1;
  }
  return { flagged: result.flagged, categories: flags, category_scores: scores };
}
