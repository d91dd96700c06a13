/**
 * What must hold between the two pipelines: the same verdict for every example (our early-stopped
 * output is the start of the reference's full one), and no token decoded after the verdict could be
 * read. The second check splits the reference output into the tokens the tiny model wrote (its answers
 * are made of fixed answer pieces) and finds the first token after which the stop condition holds.
 */
import type { ClassifyResult } from '../src/core/result';
import { PIECES, SPACE } from '../scripts/tiny-model/vocab';

export interface Agreement {
  compared: number;
  sameVerdict: number;
  /** Our output is the reference output cut short (or equal to it). */
  sameText: number;
  mismatches: string[];
}

function byIndex(results: readonly ClassifyResult[]): Map<number, ClassifyResult> {
  return new Map(results.map((result) => [result.index, result]));
}

export function compareVerdicts(reference: readonly ClassifyResult[], ours: readonly ClassifyResult[]): Agreement {
  const theirs = byIndex(reference);
  const agreement: Agreement = { compared: 0, sameVerdict: 0, sameText: 0, mismatches: [] };
  for (const mine of ours) {
    const other = theirs.get(mine.index);
    if (!other) {
      agreement.mismatches.push(`example ${mine.index}: no reference-style result`);
      continue;
    }
    agreement.compared++;
    const same = mine.verdict.value === other.verdict.value && mine.verdict.status === other.verdict.status;
    if (same) agreement.sameVerdict++;
    else agreement.mismatches.push(`example ${mine.index}: reference-style ${JSON.stringify(other.verdict.value)}, ours ${JSON.stringify(mine.verdict.value)}`);
    if (other.raw.startsWith(mine.raw)) agreement.sameText++;
    else agreement.mismatches.push(`example ${mine.index}: our output ${JSON.stringify(mine.raw)} is not the start of ${JSON.stringify(other.raw)}`);
  }
  if (agreement.compared !== reference.length) agreement.mismatches.push(`${reference.length} reference-style results, ${agreement.compared} matched`);
  return agreement;
}

const PIECE_TEXTS = [...new Set(Object.values(PIECES).map((piece) => piece.replaceAll(SPACE, ' ')))].sort((a, b) => b.length - a.length);

/** The tiny model's answer split into the tokens it generated; null when the text is not made of its pieces. */
export function tinyAnswerTokens(text: string): string[] | null {
  const tokens: string[] = [];
  for (let at = 0; at < text.length; ) {
    const piece = PIECE_TEXTS.find((candidate) => text.startsWith(candidate, at));
    if (!piece) return null;
    tokens.push(piece);
    at += piece.length;
  }
  return tokens;
}

export interface StopAccount {
  examples: number;
  /** Decode steps the verdict needed: up to the token after which `stop` holds (or every step, EOS included). */
  neededTokens: number;
  decodedTokens: number;
  /** Examples whose decoding went past the point where the verdict could be read. */
  late: number[];
  /** Outputs not made of the tiny model's answer pieces (another model): not checked. */
  unchecked: number;
}

/** Compares the tokens our pipeline decoded with the fewest that reach the stop condition on the full output. */
export function stopAccount(reference: readonly ClassifyResult[], ours: readonly ClassifyResult[], stop: (text: string) => boolean): StopAccount {
  const theirs = byIndex(reference);
  const account: StopAccount = { examples: 0, neededTokens: 0, decodedTokens: 0, late: [], unchecked: 0 };
  for (const mine of ours) {
    const full = theirs.get(mine.index);
    const tokens = full ? tinyAnswerTokens(full.raw) : null;
    if (!full || !tokens) {
      account.unchecked++;
      continue;
    }
    let needed = full.usage.completionTokens;
    for (let k = 1; k <= tokens.length; k++) {
      if (stop(tokens.slice(0, k).join(''))) {
        needed = k;
        break;
      }
    }
    account.examples++;
    account.neededTokens += needed;
    account.decodedTokens += mine.usage.completionTokens;
    if (mine.usage.completionTokens > needed) account.late.push(mine.index);
  }
  return account;
}
