/**
 * A plain TypeScript forward pass of a Llama-architecture GGUF (RMSNorm, RoPE in ggml's "normal"
 * pair order, causal multi-head attention, SwiGLU), used by the tests to check the tiny model's
 * greedy answers offline. It reads the weights back from the file bytes, so it checks what was written.
 */
import { readGguf, type GgufFile } from './gguf-reader';

interface Layer {
  attnNorm: Float32Array;
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  o: Float32Array;
  ffnNorm: Float32Array;
  gate: Float32Array;
  up: Float32Array;
  down: Float32Array;
}

/** y = W·x for a ggml [cols, rows] tensor stored row by row. */
function matVec(w: Float32Array, x: Float64Array, rows: number): Float64Array {
  const cols = x.length;
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += w[r * cols + c]! * x[c]!;
    y[r] = sum;
  }
  return y;
}

function rmsNorm(x: Float64Array, weight: Float32Array, eps: number): Float64Array {
  let sum = 0;
  for (const value of x) sum += value * value;
  const scale = 1 / Math.sqrt(sum / x.length + eps);
  return x.map((value, i) => value * scale * weight[i]!);
}

export class ReferenceModel {
  private readonly file: GgufFile;
  private readonly embd: number;
  private readonly heads: number;
  private readonly headDim: number;
  private readonly ff: number;
  private readonly eps: number;
  private readonly base: number;
  private readonly layers: Layer[] = [];
  private readonly tokenEmbd: Float32Array;
  private readonly outputNorm: Float32Array;
  private readonly output: Float32Array;
  readonly vocabSize: number;

  constructor(bytes: Uint8Array) {
    this.file = readGguf(bytes);
    const meta = (key: string) => Number(this.file.metadata.get(key));
    this.embd = meta('llama.embedding_length');
    this.heads = meta('llama.attention.head_count');
    this.headDim = this.embd / this.heads;
    this.ff = meta('llama.feed_forward_length');
    this.eps = meta('llama.attention.layer_norm_rms_epsilon');
    this.base = meta('llama.rope.freq_base');
    const t = (name: string) => this.file.tensorData(name);
    for (let b = 0; b < meta('llama.block_count'); b++) {
      const p = `blk.${b}.`;
      this.layers.push({
        attnNorm: t(`${p}attn_norm.weight`), q: t(`${p}attn_q.weight`), k: t(`${p}attn_k.weight`), v: t(`${p}attn_v.weight`),
        o: t(`${p}attn_output.weight`), ffnNorm: t(`${p}ffn_norm.weight`), gate: t(`${p}ffn_gate.weight`), up: t(`${p}ffn_up.weight`),
        down: t(`${p}ffn_down.weight`),
      });
    }
    this.tokenEmbd = t('token_embd.weight');
    this.outputNorm = t('output_norm.weight');
    this.output = t('output.weight');
    this.vocabSize = this.tokenEmbd.length / this.embd;
  }

  private rope(x: Float64Array, pos: number): void {
    const hd = this.headDim;
    for (let h = 0; h < this.heads; h++) {
      for (let i = 0; i < hd; i += 2) {
        const theta = pos * Math.pow(this.base, -i / hd);
        const a = x[h * hd + i]!;
        const b = x[h * hd + i + 1]!;
        x[h * hd + i] = a * Math.cos(theta) - b * Math.sin(theta);
        x[h * hd + i + 1] = a * Math.sin(theta) + b * Math.cos(theta);
      }
    }
  }

  /** Logits after each token of `tokens`, decoding greedily for `maxNew` more tokens until `stop`. */
  greedy(tokens: number[], maxNew: number, stop: number): { generated: number[]; logits: Float64Array[] } {
    const cacheK: Float64Array[][] = this.layers.map(() => []);
    const cacheV: Float64Array[][] = this.layers.map(() => []);
    const step = (token: number, pos: number): Float64Array => {
      let x = Float64Array.from(this.tokenEmbd.subarray(token * this.embd, (token + 1) * this.embd));
      this.layers.forEach((layer, l) => {
        const n = rmsNorm(x, layer.attnNorm, this.eps);
        const q = matVec(layer.q, n, this.embd);
        const k = matVec(layer.k, n, this.embd);
        const v = matVec(layer.v, n, this.embd);
        this.rope(q, pos);
        this.rope(k, pos);
        cacheK[l]!.push(k);
        cacheV[l]!.push(v);
        const attn = new Float64Array(this.embd);
        const hd = this.headDim;
        for (let h = 0; h < this.heads; h++) {
          const scores = cacheK[l]!.map((key) => {
            let s = 0;
            for (let i = 0; i < hd; i++) s += q[h * hd + i]! * key[h * hd + i]!;
            return s / Math.sqrt(hd);
          });
          const max = Math.max(...scores);
          const weights = scores.map((s) => Math.exp(s - max));
          const total = weights.reduce((a, b) => a + b, 0);
          cacheV[l]!.forEach((value, j) => {
            for (let i = 0; i < hd; i++) attn[h * hd + i]! += (weights[j]! / total) * value[h * hd + i]!;
          });
        }
        const projected = matVec(layer.o, attn, this.embd);
        x = x.map((value, i) => value + projected[i]!);
        const m = rmsNorm(x, layer.ffnNorm, this.eps);
        const gate = matVec(layer.gate, m, this.ff);
        const up = matVec(layer.up, m, this.ff);
        const hidden = gate.map((g, i) => (g / (1 + Math.exp(-g))) * up[i]!);
        const down = matVec(layer.down, hidden, this.embd);
        x = x.map((value, i) => value + down[i]!);
      });
      return x;
    };
    const head = (x: Float64Array) => matVec(this.output, rmsNorm(x, this.outputNorm, this.eps), this.vocabSize);
    let last: Float64Array = new Float64Array(0);
    tokens.forEach((token, pos) => (last = step(token, pos)));
    const generated: number[] = [];
    const logits: Float64Array[] = [];
    for (let i = 0; i < maxNew; i++) {
      const l = head(last);
      logits.push(l);
      let best = 0;
      for (let t = 1; t < l.length; t++) if (l[t]! > l[best]!) best = t;
      if (best === stop) break;
      generated.push(best);
      last = step(best, tokens.length + generated.length - 1);
    }
    return { generated, logits };
  }
}
