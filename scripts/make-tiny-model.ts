/**
 * Writes the tiny guard model every inference test runs on: a 2-block Llama-architecture GGUF (v3,
 * F32) built from scratch, byte-identical on every run. `npx tsx scripts/make-tiny-model.ts out.gguf`
 *
 * How the weights make it answer like a guard (greedy decoding after any filled template):
 *
 * - Residual stream. Dimension 0 holds a constant 1000 for every token. It dominates each RMS norm,
 *   so every norm is a near-fixed scale that the norm weights undo, and the network is in effect
 *   linear in hand-placed features: "prompt token", one dimension per answer piece, trigger keys and
 *   values, and four flags written by attention. A few filler dimensions carry seeded noise and the
 *   output of random feed-forward blocks; no weight reads them.
 * - Triggers by attention. Block 0 has three heads whose query is constant and whose key is large
 *   (score 20) only on BOS and on one class of trigger tokens; every other token scores 0. RoPE's
 *   base is 1e30, so the head dimension used does not rotate and scores do not depend on position.
 *   BOS is a sink, so a head outputs W / (1 + W), where W sums the trigger weights present anywhere in
 *   the prompt (strong 1, weak 1/4 through a key lowered by ln 4 / 20), independent of prompt length.
 *   Heads give: the trigger score, an "unparsed" flag and a "loop" flag. Block 1 has one head that
 *   flags whether the answer piece `", "Response Safety": "` has been written yet.
 * - Answer as a state machine. The output head maps the current piece to the next one, like a bigram
 *   table: after any prompt token comes `{"User Safety": "` (or, with the unparsed flag, `I am not
 *   sure`; with the loop flag, ` la la la` for ever). After `{"User Safety": "`, `", "Response Safety":
 *   "` or a lone `"`, the next token is `unsafe` or `safe`, with logit(unsafe) − logit(safe) =
 *   12 · (score − 0.35): P(unsafe) grows smoothly with the triggers (no trigger 0.015, one weak 0.14,
 *   three weak 0.72, one strong 0.86, two strong 0.98). After a value comes the response key, or, once
 *   the response flag is set, `", "Safety Categories": "` `S1` `"}` (unsafe) or `"}` (safe), then EOS.
 *
 * Outputs: `{"User Safety": "unsafe", "Response Safety": "unsafe", "Safety Categories": "S1"}`,
 * `{"User Safety": "safe", "Response Safety": "safe"}`, `I am not sure what to say.` (no verdict key),
 * or ` la la la…` repeated up to the token cap. docs/tiny-model.md lists the triggers and how to use them.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGguf, type GgufValue } from './tiny-model/gguf-writer';
import { buildVocab, PIECES, SPACE, TRIGGERS } from './tiny-model/vocab';
import { ALPHA, SHAPE, THETA, buildTensors } from './tiny-model/weights';

export const TINY_MODEL_TRIGGERS = TRIGGERS;

/** What the tiny model writes, decoded, for each behaviour. */
export const TINY_MODEL_OUTPUTS = {
  flagged: '{"User Safety": "unsafe", "Response Safety": "unsafe", "Safety Categories": "S1"}',
  safe: '{"User Safety": "safe", "Response Safety": "safe"}',
  unparsed: 'I am not sure what to say.',
  loopPiece: PIECES.loop.replaceAll(SPACE, ' '),
} as const;

export const TINY_MODEL_SHAPE = SHAPE;

/** P(unsafe) at a verdict position when the prompt's trigger weights sum to `weight` (strong 1, weak 1/4). */
export function tinyModelUnsafeProbability(weight: number): number {
  const score = weight / (1 + weight);
  return 1 / (1 + Math.exp(-ALPHA * (score - THETA)));
}

/** The GGUF bytes of the tiny model; deterministic. */
export function makeTinyModel(): Uint8Array {
  const vocab = buildVocab();
  const u32 = (value: number): GgufValue => ({ type: 'u32', value });
  const metadata: [string, GgufValue][] = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: 'roguard-tiny-test' }],
    ['general.file_type', u32(0)],
    ['llama.context_length', u32(SHAPE.contextLength)],
    ['llama.embedding_length', u32(SHAPE.embedding)],
    ['llama.block_count', u32(SHAPE.blocks)],
    ['llama.feed_forward_length', u32(SHAPE.feedForward)],
    ['llama.rope.dimension_count', u32(SHAPE.headDim)],
    ['llama.rope.freq_base', { type: 'f32', value: SHAPE.ropeFreqBase }],
    ['llama.attention.head_count', u32(SHAPE.heads)],
    ['llama.attention.head_count_kv', u32(SHAPE.heads)],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: SHAPE.rmsEps }],
    ['llama.vocab_size', u32(vocab.tokens.length)],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'string[]', value: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: 'f32[]', value: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: 'i32[]', value: vocab.types }],
    ['tokenizer.ggml.bos_token_id', u32(vocab.bos)],
    ['tokenizer.ggml.eos_token_id', u32(vocab.eos)],
    ['tokenizer.ggml.unknown_token_id', u32(vocab.unk)],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
    ['tokenizer.ggml.add_space_prefix', { type: 'bool', value: true }],
  ];
  return writeGguf(metadata, buildTensors(vocab));
}

async function main(argv: string[]): Promise<number> {
  const out = argv[0];
  if (!out) {
    console.error('usage: npx tsx scripts/make-tiny-model.ts <out.gguf>');
    return 2;
  }
  const bytes = makeTinyModel();
  await mkdir(dirname(resolve(out)), { recursive: true });
  await writeFile(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes)`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
