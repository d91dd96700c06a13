/**
 * Hand-set weights of the tiny guard model (see the construction in make-tiny-model.ts). Residual
 * dimensions have fixed meanings (`Dim`); every tensor is written in ggml order, a row per output unit.
 */
import { seededRandom } from '../../src/core/compare';
import type { GgufTensor } from './gguf-writer';
import type { PieceName, TinyVocab } from './vocab';

export const SHAPE = {
  embedding: 32,
  heads: 4,
  headDim: 8,
  feedForward: 64,
  blocks: 2,
  contextLength: 8192,
  rmsEps: 1e-5,
  /** So large that RoPE leaves the head dimensions we use (6 and 7) still at any position. */
  ropeFreqBase: 1e30,
} as const;

/** Meaning of each residual-stream dimension. */
export const Dim = {
  anchor: 0,
  prompt: 1,
  state: { open: 2, response: 3, quote: 4, unsafe: 5, safe: 6, categories: 7, category: 8, close: 9, unsure: 10, unsureEnd: 11, loop: 12 } satisfies Partial<Record<PieceName, number>>,
  keyTrigger: 13,
  valueTrigger: 14,
  keyUnparsed: 15,
  valueUnparsed: 16,
  keyLoop: 17,
  valueLoop: 18,
  keyResponse: 19,
  valueResponse: 20,
  score: 21,
  unparsedFlag: 22,
  loopFlag: 23,
  responseFlag: 24,
  fillerStart: 25,
} as const;

/** The constant held in the anchor dimension; it dominates RMS norms so each norm is a near-fixed scale. */
export const ANCHOR = 1000;
/** Attention score of the BOS sink and of a weight-1 trigger. */
const SINK_SCORE = 20;
/** Logit margin of the intended next piece. */
const A = 40;
const B = 40;
const OFFSET = 10;
const MARGIN = 10;
/** Slope and threshold of logit(unsafe) − logit(safe) = ALPHA · (score − THETA). */
export const ALPHA = 12;
export const THETA = 0.35;
/** Weight of one weak trigger relative to a strong one. */
const WEAK_WEIGHT = 0.25;
const SEED = 0x5eed;

class Matrix {
  readonly data: Float32Array;
  constructor(readonly rows: number, readonly cols: number) {
    this.data = new Float32Array(rows * cols);
  }
  set(row: number, col: number, value: number): void {
    this.data[row * this.cols + col] = value;
  }
  tensor(name: string): GgufTensor {
    return { name, dims: [this.cols, this.rows], data: this.data };
  }
}

const vector = (name: string, values: Float32Array): GgufTensor => ({ name, dims: [values.length], data: values });

/** Token embeddings: the anchor, one feature for "this is prompt text" or for the answer piece, trigger keys/values. */
function embeddings(vocab: TinyVocab, random: () => number): Matrix {
  const d = SHAPE.embedding;
  const m = new Matrix(vocab.tokens.length, d);
  const stateOf = new Map<number, number>();
  for (const [name, dim] of Object.entries(Dim.state)) stateOf.set(vocab.piece[name as PieceName], dim);
  const weakKey = 1 + Math.log(WEAK_WEIGHT) / SINK_SCORE;
  for (let id = 0; id < vocab.tokens.length; id++) {
    m.set(id, Dim.anchor, ANCHOR);
    for (let f = Dim.fillerStart; f < d; f++) m.set(id, f, (random() - 0.5) * 0.2);
    const state = stateOf.get(id);
    if (state !== undefined) m.set(id, state, 1);
    else m.set(id, Dim.prompt, 1);
  }
  for (const key of [Dim.keyTrigger, Dim.keyUnparsed, Dim.keyLoop, Dim.keyResponse]) m.set(vocab.bos, key, 1);
  const mark = (ids: number[], key: number, keyValue: number, value: number) => {
    for (const id of ids) {
      m.set(id, key, keyValue);
      m.set(id, value, 1);
    }
  };
  mark(vocab.triggerIds.strong, Dim.keyTrigger, 1, Dim.valueTrigger);
  mark(vocab.triggerIds.weak, Dim.keyTrigger, weakKey, Dim.valueTrigger);
  mark(vocab.triggerIds.unparsed, Dim.keyUnparsed, 1, Dim.valueUnparsed);
  mark(vocab.triggerIds.loop, Dim.keyLoop, 1, Dim.valueLoop);
  mark([vocab.piece.response], Dim.keyResponse, 1, Dim.valueResponse);
  return m;
}

/** One attention head that attends to its key feature (BOS being the sink) and copies its value feature out. */
interface HeadWiring {
  head: number;
  key: number;
  value: number;
  output: number;
}

function attention(block: number, heads: HeadWiring[]): GgufTensor[] {
  const d = SHAPE.embedding;
  const hd = SHAPE.headDim;
  const q = new Matrix(SHAPE.heads * hd, d);
  const k = new Matrix(SHAPE.heads * hd, d);
  const v = new Matrix(SHAPE.heads * hd, d);
  const o = new Matrix(d, SHAPE.heads * hd);
  // llama.cpp scales scores by 1/sqrt(head_dim); dimension 6 sits in the slowest RoPE pair.
  const still = 6;
  for (const { head, key, value, output } of heads) {
    q.set(head * hd + still, Dim.anchor, (SINK_SCORE * Math.sqrt(hd)) / ANCHOR);
    k.set(head * hd + still, key, 1);
    v.set(head * hd, value, 1);
    o.set(output, head * hd, 1);
  }
  const p = `blk.${block}.`;
  return [q.tensor(`${p}attn_q.weight`), k.tensor(`${p}attn_k.weight`), v.tensor(`${p}attn_v.weight`), o.tensor(`${p}attn_output.weight`)];
}

/** A feed-forward block with seeded random weights that writes only to the filler dimensions nothing reads. */
function feedForward(block: number, random: () => number): GgufTensor[] {
  const d = SHAPE.embedding;
  const gate = new Matrix(SHAPE.feedForward, d);
  const up = new Matrix(SHAPE.feedForward, d);
  const down = new Matrix(d, SHAPE.feedForward);
  for (let r = 0; r < SHAPE.feedForward; r++) {
    for (let c = 1; c < d; c++) {
      gate.set(r, c, random() - 0.5);
      up.set(r, c, random() - 0.5);
    }
  }
  for (let r = Dim.fillerStart; r < d; r++) for (let c = 0; c < SHAPE.feedForward; c++) down.set(r, c, (random() - 0.5) * 0.1);
  const p = `blk.${block}.`;
  return [gate.tensor(`${p}ffn_gate.weight`), up.tensor(`${p}ffn_up.weight`), down.tensor(`${p}ffn_down.weight`)];
}

/** The output head: a logit for each next piece, from the current piece and the attention flags. */
function outputHead(vocab: TinyVocab): Matrix {
  const m = new Matrix(vocab.tokens.length, SHAPE.embedding);
  const p = vocab.piece;
  const s = Dim.state;
  const anchor = (id: number, value: number) => m.set(id, Dim.anchor, value / ANCHOR);

  m.set(p.open, Dim.prompt, A);
  m.set(p.open, Dim.unparsedFlag, -B);
  m.set(p.open, Dim.loopFlag, -B);

  m.set(p.unsure, Dim.prompt, A);
  m.set(p.unsure, Dim.unparsedFlag, B);
  anchor(p.unsure, -OFFSET);
  m.set(p.unsureEnd, s.unsure, A);

  m.set(p.loop, Dim.prompt, A);
  m.set(p.loop, s.loop, A);
  m.set(p.loop, Dim.loopFlag, 2 * B);
  anchor(p.loop, -OFFSET);

  for (const [id, sign] of [[p.unsafe, 1], [p.safe, -1]] as const) {
    for (const at of [s.open, s.response, s.quote]) m.set(id, at, A);
    m.set(id, Dim.score, (sign * ALPHA) / 2);
    anchor(id, (-sign * ALPHA * THETA) / 2);
  }

  m.set(p.response, s.unsafe, A);
  m.set(p.response, s.safe, A);
  m.set(p.response, Dim.responseFlag, -4 * MARGIN);
  anchor(p.response, MARGIN);
  m.set(p.categories, s.unsafe, A);
  m.set(p.category, s.categories, A);
  m.set(p.close, s.safe, A);
  m.set(p.close, s.category, A);

  m.set(vocab.eos, s.close, A);
  m.set(vocab.eos, s.unsureEnd, A);
  return m;
}

/** All tensors of the model, in the order llama.cpp lists them. */
export function buildTensors(vocab: TinyVocab): GgufTensor[] {
  const random = seededRandom(SEED);
  const d = SHAPE.embedding;
  // RMSNorm divides by about ANCHOR/sqrt(d); this gain undoes it so features keep their designed size.
  const gain = new Float32Array(d).fill(ANCHOR / Math.sqrt(d));
  const tensors: GgufTensor[] = [embeddings(vocab, random).tensor('token_embd.weight')];
  const wiring: HeadWiring[][] = [
    [
      { head: 0, key: Dim.keyTrigger, value: Dim.valueTrigger, output: Dim.score },
      { head: 1, key: Dim.keyUnparsed, value: Dim.valueUnparsed, output: Dim.unparsedFlag },
      { head: 2, key: Dim.keyLoop, value: Dim.valueLoop, output: Dim.loopFlag },
    ],
    [{ head: 0, key: Dim.keyResponse, value: Dim.valueResponse, output: Dim.responseFlag }],
  ];
  for (let block = 0; block < SHAPE.blocks; block++) {
    tensors.push(vector(`blk.${block}.attn_norm.weight`, gain.slice()));
    tensors.push(...attention(block, wiring[block]!));
    tensors.push(vector(`blk.${block}.ffn_norm.weight`, gain.slice()));
    tensors.push(...feedForward(block, random));
  }
  tensors.push(vector('output_norm.weight', gain.slice()));
  tensors.push(outputHead(vocab).tensor('output.weight'));
  return tensors;
}
