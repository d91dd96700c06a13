/**
 * Collects llama-server's streamed completion chunks (as wllama forwards them) into our Generation
 * parts: text, per-token logprobs with alternatives, finish reason and token usage. Usage comes from
 * the final chunk, or, when generation is stopped early, from the per-token timings.
 */
import type { FinishReason, TokenLogprob, Usage } from '../core/engine';

interface WireLogprob {
  id?: number;
  token: string;
  logprob: number;
}

/** The parts of a streamed chunk we read; wllama's own types leave out what llama-server adds. */
export interface WireChunk {
  choices?: {
    text?: string;
    finish_reason?: string | null;
    logprobs?: { content?: (WireLogprob & { top_logprobs?: WireLogprob[] })[] | null } | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } } | null;
  timings?: { cache_n?: number; prompt_n?: number; predicted_n?: number };
  prompt_progress?: { total?: number; cache?: number };
}

export class StreamCollector {
  text = '';
  readonly logprobs: TokenLogprob[] = [];
  private finish: 'stop' | 'length' | null = null;
  private usage: Usage | null = null;
  private promptTotal = 0;
  private cached = 0;
  private predicted = 0;

  /**
   * @param endTokens token ids that end generation (EOS, EOT): they are not text, so not listed
   * @param topLogprobs how many alternatives to keep per position; undefined keeps no logprobs
   */
  constructor(private readonly endTokens: ReadonlySet<number>, private readonly topLogprobs: number | undefined) {}

  /** Adds a chunk; returns the text it added. */
  add(chunk: WireChunk): string {
    const choice = chunk.choices?.[0];
    const piece = choice?.text ?? '';
    this.text += piece;
    if (choice?.finish_reason === 'stop' || choice?.finish_reason === 'length') this.finish = choice.finish_reason;
    if (this.topLogprobs !== undefined) {
      for (const entry of choice?.logprobs?.content ?? []) {
        if (entry.id !== undefined && this.endTokens.has(entry.id)) continue;
        this.logprobs.push({
          token: entry.token,
          logprob: entry.logprob,
          top: (entry.top_logprobs ?? []).slice(0, this.topLogprobs).map((t) => ({ token: t.token, logprob: t.logprob })),
        });
      }
    }
    if (chunk.prompt_progress?.total !== undefined) {
      this.promptTotal = chunk.prompt_progress.total;
      this.cached = chunk.prompt_progress.cache ?? this.cached;
    }
    if (chunk.timings) {
      const { cache_n = 0, prompt_n = 0, predicted_n = 0 } = chunk.timings;
      this.promptTotal = Math.max(this.promptTotal, cache_n + prompt_n);
      this.cached = cache_n || this.cached;
      this.predicted = predicted_n;
    }
    if (chunk.usage) {
      this.usage = {
        promptTokens: chunk.usage.prompt_tokens ?? this.promptTotal,
        completionTokens: chunk.usage.completion_tokens ?? this.predicted,
        cachedPromptTokens: chunk.usage.prompt_tokens_details?.cached_tokens ?? this.cached,
      };
    }
    return piece;
  }

  finishReason(stoppedEarly: boolean): FinishReason {
    if (stoppedEarly) return 'early';
    return this.finish ?? 'stop';
  }

  tokenUsage(): Usage {
    return this.usage ?? { promptTokens: this.promptTotal, completionTokens: this.predicted, cachedPromptTokens: this.cached };
  }
}
