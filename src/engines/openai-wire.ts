/**
 * Reading what OpenAI-compatible servers send back from `/v1/completions`: server-sent events or one
 * JSON body, usage, and logprobs in either the legacy completions form (vLLM, OpenAI) or the chat form
 * (`content: [...]`, recent llama.cpp server).
 */
import type { FinishReason, TokenLogprob, Usage } from '../core/engine';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first 200 characters of a body, on one line, for error messages. */
export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** The human message inside an error body (`{"error": {"message"}}`, `{"error": "..."}`, `{"message"}`, `{"detail"}`), or the body itself. */
export function errorMessageOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isObject(parsed)) {
      const error = parsed.error;
      if (isObject(error) && typeof error.message === 'string') return error.message;
      if (typeof error === 'string') return error;
      if (typeof parsed.message === 'string') return parsed.message;
      if (typeof parsed.detail === 'string') return parsed.detail;
    }
  } catch {
    // not JSON: the text itself is the message
  }
  return snippet(body);
}

/** Phrases vLLM, llama.cpp, OpenAI and proxies use when a prompt does not fit the context window. */
const OVERFLOW = /maximum context length|context length|context size|context window|exceeds? the (?:available )?context|too long|too large to process|max_model_len|n_ctx/i;

export function isContextOverflow(message: string): boolean {
  return OVERFLOW.test(message);
}

function logprobValue(value: Json | undefined): number {
  return typeof value === 'number' ? value : Number.NEGATIVE_INFINITY;
}

function legacyLogprobs(block: JsonObject): TokenLogprob[] {
  const tokens = Array.isArray(block.tokens) ? block.tokens : [];
  const values = Array.isArray(block.token_logprobs) ? block.token_logprobs : [];
  const tops = Array.isArray(block.top_logprobs) ? block.top_logprobs : [];
  return tokens.map((token, i) => {
    const top = tops[i];
    return {
      token: String(token),
      logprob: logprobValue(values[i]),
      top: isObject(top) ? Object.entries(top).map(([t, lp]) => ({ token: t, logprob: logprobValue(lp) })) : [],
    };
  });
}

function chatLogprobs(content: Json[]): TokenLogprob[] {
  return content.filter(isObject).map((entry) => ({
    token: String(entry.token ?? ''),
    logprob: logprobValue(entry.logprob),
    top: (Array.isArray(entry.top_logprobs) ? entry.top_logprobs : [])
      .filter(isObject)
      .map((alt) => ({ token: String(alt.token ?? ''), logprob: logprobValue(alt.logprob) })),
  }));
}

/** Token logprobs of one choice (or one streamed chunk of it), in whichever form the server used. */
export function logprobsOf(block: Json | undefined): TokenLogprob[] {
  if (!isObject(block)) return [];
  if (Array.isArray(block.content)) return chatLogprobs(block.content);
  return legacyLogprobs(block);
}

/** Accumulates a completion from its chunks (a non-streamed reply is one chunk). */
export class CompletionAccumulator {
  text = '';
  finishReason: FinishReason = 'stop';
  usage: Usage | null = null;
  logprobs: TokenLogprob[] = [];
  sawLogprobs = false;
  chunks = 0;

  /**
   * Adds one parsed chunk.
   * @returns the error message the server put in the stream, if any.
   */
  add(chunk: unknown): string | null {
    if (!isObject(chunk)) return 'a reply chunk is not a JSON object';
    if (chunk.error !== undefined) return errorMessageOf(JSON.stringify(chunk));
    const usage = chunk.usage;
    if (isObject(usage) && typeof usage.prompt_tokens === 'number') {
      const details = usage.prompt_tokens_details;
      const cached = isObject(details) && typeof details.cached_tokens === 'number' ? details.cached_tokens : undefined;
      this.usage = {
        promptTokens: usage.prompt_tokens,
        completionTokens: typeof usage.completion_tokens === 'number' ? usage.completion_tokens : 0,
        ...(cached !== undefined ? { cachedPromptTokens: cached } : {}),
      };
    }
    const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
    if (!isObject(choice)) return null;
    if (typeof choice.text === 'string' && choice.text !== '') {
      this.text += choice.text;
      this.chunks++;
    }
    if (choice.logprobs !== undefined && choice.logprobs !== null) {
      this.sawLogprobs = true;
      this.logprobs.push(...logprobsOf(choice.logprobs));
    }
    if (choice.finish_reason === 'length') this.finishReason = 'length';
    else if (choice.finish_reason === 'abort') this.finishReason = 'abort';
    return null;
  }

  /** Usage as reported, else what the stream shows: one token per chunk (or per logprob), prompt unknown (0). */
  finalUsage(): Usage {
    return this.usage ?? { promptTokens: 0, completionTokens: this.sawLogprobs ? this.logprobs.length : this.chunks };
  }
}

/**
 * Splits a server-sent-events byte stream into the `data` payloads of its events (`[DONE]` included).
 * Lines may end in `\n`, `\r\n` or `\r`; an event ends at a blank line.
 */
export async function* sseData(body: ReadableStream<Uint8Array>, onBytes: () => void): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const lines = function* (final: boolean): Generator<string | null> {
    for (;;) {
      const match = /\r\n|\r|\n/.exec(buffer);
      if (!match || (match[0] === '\r' && match.index === buffer.length - 1 && !final)) break;
      const line = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      yield line;
    }
    if (final && buffer !== '') {
      yield buffer;
      buffer = '';
    }
    if (final) yield null;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (!done) onBytes();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      for (const line of lines(done)) {
        if (line === null || line === '') {
          if (data.length > 0) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}
