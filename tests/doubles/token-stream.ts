/** TEST DOUBLE helper (never shipped): scripted tokens streamed the way an engine streams them. */
import type { GenerateRequest, Generation, TokenLogprob } from '../../src/core/engine';

/**
 * Appends `tokens` one at a time, asking `request.stopWhen` after each (finish reason `early` when it
 * says stop), and records every token with the alternatives `topOf` gives it; the token's own logprob is
 * read from those alternatives (0 when it is not among them).
 */
export function streamTokens(
  tokens: readonly string[],
  request: GenerateRequest,
  topOf: (token: string, position: number) => TokenLogprob['top'],
): { text: string; finishReason: Generation['finishReason']; logprobs: TokenLogprob[] } {
  let text = '';
  const logprobs: TokenLogprob[] = [];
  for (const [position, token] of tokens.entries()) {
    text += token;
    const top = topOf(token, position);
    logprobs.push({ token, logprob: top.find((alternative) => alternative.token === token)?.logprob ?? 0, top });
    if (request.stopWhen?.(text)) return { text, finishReason: 'early', logprobs };
  }
  return { text, finishReason: 'stop', logprobs };
}
