import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TINY_MODEL_OUTPUTS,
  TINY_MODEL_SHAPE,
  TINY_MODEL_TRIGGERS,
  makeTinyModel,
  tinyModelUnsafeProbability,
} from './make-tiny-model';
import { GGML_TYPE_F32, GGUF_ALIGNMENT } from './tiny-model/gguf-writer';
import { readGguf } from './tiny-model/gguf-reader';
import { ReferenceModel } from './tiny-model/reference-forward';
import { spmEncode } from './tiny-model/spm';
import { PIECES, SPACE, TokenType, buildVocab } from './tiny-model/vocab';

const ROOT = resolve(__dirname, '..');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytes = makeTinyModel();
const gguf = readGguf(bytes);
const vocab = buildVocab();
const allTriggers = Object.values(TINY_MODEL_TRIGGERS).flat();
const templates = readdirSync(join(ROOT, 'prompts'))
  .filter((name) => name.endsWith('.txt'))
  .map((name) => ({ name, text: readFileSync(join(ROOT, 'prompts', name), 'utf8') }));

/** Python `str.format(prompt=…, response=…)` for the templates' simple placeholders. */
function fill(template: string, prompt: string, response = ''): string {
  return template
    .trim()
    .replace(/\{\{|\}\}|\{(prompt|response)\}/g, (m, name: string | undefined) => (name === 'prompt' ? prompt : name === 'response' ? response : m[0]!));
}

describe('make-tiny-model: file', () => {
  it('is byte-identical across builds, in this process and from the CLI', () => {
    expect(sha256(makeTinyModel())).toBe(sha256(bytes));
    const dir = mkdtempSync(join(tmpdir(), 'tiny-model-'));
    try {
      const out = join(dir, 'tiny.gguf');
      execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/make-tiny-model.ts'), out], { stdio: 'pipe' });
      expect(sha256(readFileSync(out))).toBe(sha256(bytes));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stays well under 5 MB', () => {
    expect(bytes.length).toBeLessThan(5 * 1024 * 1024);
    expect(bytes.length).toBeGreaterThan(100_000);
  });

  it('has a GGUF v3 header and Llama metadata llama.cpp needs', () => {
    expect(gguf.version).toBe(3);
    const meta = gguf.metadata;
    expect(meta.get('general.architecture')).toBe('llama');
    expect(meta.get('llama.context_length')).toBeGreaterThanOrEqual(8192);
    expect(meta.get('llama.embedding_length')).toBe(TINY_MODEL_SHAPE.embedding);
    expect(meta.get('llama.block_count')).toBe(TINY_MODEL_SHAPE.blocks);
    expect(meta.get('llama.feed_forward_length')).toBe(TINY_MODEL_SHAPE.feedForward);
    expect(meta.get('llama.attention.head_count')).toBe(TINY_MODEL_SHAPE.heads);
    expect(meta.get('llama.attention.head_count_kv')).toBe(TINY_MODEL_SHAPE.heads);
    // llama.cpp rejects a Llama model whose rope dimension count differs from the head size.
    expect(meta.get('llama.rope.dimension_count')).toBe(TINY_MODEL_SHAPE.embedding / TINY_MODEL_SHAPE.heads);
    expect(meta.get('llama.attention.layer_norm_rms_epsilon')).toBeCloseTo(1e-5, 10);
    expect(meta.get('tokenizer.ggml.model')).toBe('llama');
    expect(meta.get('tokenizer.ggml.add_bos_token')).toBe(true);
    expect(meta.get('tokenizer.ggml.add_space_prefix')).toBe(true);
  });

  it('has a vocabulary with byte fallback, unique pieces and correct special ids', () => {
    const tokens = gguf.metadata.get('tokenizer.ggml.tokens') as string[];
    const types = gguf.metadata.get('tokenizer.ggml.token_type') as number[];
    const scores = gguf.metadata.get('tokenizer.ggml.scores') as number[];
    expect(tokens.length).toBe(gguf.metadata.get('llama.vocab_size'));
    expect(types.length).toBe(tokens.length);
    expect(scores.length).toBe(tokens.length);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (let b = 0; b < 256; b++) {
      const id = tokens.indexOf(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
      expect(types[id], `byte ${b}`).toBe(TokenType.BYTE);
    }
    expect(tokens[gguf.metadata.get('tokenizer.ggml.bos_token_id') as number]).toBe('<s>');
    expect(tokens[gguf.metadata.get('tokenizer.ggml.eos_token_id') as number]).toBe('</s>');
    expect(types[gguf.metadata.get('tokenizer.ggml.eos_token_id') as number]).toBe(TokenType.CONTROL);
    expect(tokens[gguf.metadata.get('tokenizer.ggml.unknown_token_id') as number]).toBe('<unk>');
    expect(tokens).toContain(SPACE);
  });

  it('has an aligned, non-overlapping F32 tensor table with every Llama tensor', () => {
    const names = gguf.tensors.map((t) => t.name);
    const { embedding: d, feedForward: ff } = TINY_MODEL_SHAPE;
    const n = vocab.tokens.length;
    const expected: Record<string, number[]> = { 'token_embd.weight': [d, n], 'output_norm.weight': [d], 'output.weight': [d, n] };
    for (let b = 0; b < TINY_MODEL_SHAPE.blocks; b++) {
      Object.assign(expected, {
        [`blk.${b}.attn_norm.weight`]: [d], [`blk.${b}.attn_q.weight`]: [d, d], [`blk.${b}.attn_k.weight`]: [d, d],
        [`blk.${b}.attn_v.weight`]: [d, d], [`blk.${b}.attn_output.weight`]: [d, d], [`blk.${b}.ffn_norm.weight`]: [d],
        [`blk.${b}.ffn_gate.weight`]: [d, ff], [`blk.${b}.ffn_up.weight`]: [d, ff], [`blk.${b}.ffn_down.weight`]: [ff, d],
      });
    }
    expect(names.sort()).toEqual(Object.keys(expected).sort());
    let end = 0;
    for (const tensor of [...gguf.tensors].sort((a, b) => a.offset - b.offset)) {
      expect(tensor.dims, tensor.name).toEqual(expected[tensor.name]);
      expect(tensor.type).toBe(GGML_TYPE_F32);
      expect(tensor.offset % GGUF_ALIGNMENT).toBe(0);
      expect(tensor.offset).toBeGreaterThanOrEqual(end);
      end = tensor.offset + tensor.dims.reduce((a, b) => a * b, 1) * 4;
    }
    expect(gguf.dataStart % GGUF_ALIGNMENT).toBe(0);
    expect(gguf.dataStart + end).toBeLessThanOrEqual(bytes.length);
    const norm = gguf.tensorData('output_norm.weight');
    expect(norm.every((value) => Number.isFinite(value) && value > 0)).toBe(true);
  });
});

describe('make-tiny-model: tokenizer', () => {
  it('finds the repo templates, and no trigger word occurs in any of them', () => {
    expect(templates.map((t) => t.name)).toContain('aegis.txt');
    for (const { name, text } of templates) {
      for (const word of allTriggers) expect(text.toLowerCase(), `${word} in prompts/${name}`).not.toContain(word);
    }
  });

  it('reads each trigger as one token after a space, a quote, a line start or capitalised', () => {
    const ids = Object.values(vocab.triggerIds).flat();
    for (const word of allTriggers) {
      for (const text of [`a ${word} b`, `"${word}"`, `x\n${word[0]!.toUpperCase()}${word.slice(1)}!`, `The ${word}s`]) {
        const hits = spmEncode(vocab, text).filter((id) => ids.includes(id)).map((id) => vocab.tokens[id]!.replace(SPACE, '').toLowerCase());
        expect(hits, text).toEqual([word]);
      }
    }
  });

  it('never produces an answer piece longer than two characters from prompt text (the values are shared words)', () => {
    const shared = [vocab.piece.unsafe, vocab.piece.safe];
    const pieceIds = Object.values(vocab.piece).filter((id) => [...vocab.tokens[id]!].length > 2 && !shared.includes(id));
    for (const text of [...Object.values(PIECES), ...Object.values(TINY_MODEL_OUTPUTS)]) {
      const ids = spmEncode(vocab, text.replaceAll(SPACE, ' '));
      expect(ids.filter((id) => pieceIds.includes(id)), text).toEqual([]);
    }
  });

  it('keeps the aegis template short in tokens (words are whole tokens)', () => {
    const aegis = templates.find((t) => t.name === 'aegis.txt')!.text;
    const count = spmEncode(vocab, fill(aegis, 'hello')).length;
    expect(count).toBeLessThan(aegis.length / 3);
    expect(count).toBeLessThan(TINY_MODEL_SHAPE.contextLength / 2);
  });
});

describe('make-tiny-model: greedy answers (reference forward pass)', { timeout: 90_000 }, () => {
  const model = new ReferenceModel(bytes);
  const aegis = templates.find((t) => t.name === 'aegis.txt')!.text;
  const answer = (prompt: string, response = '', maxNew = 30) => {
    const { generated, logits } = model.greedy(spmEncode(vocab, fill(aegis, prompt, response)), maxNew, vocab.eos);
    const text = generated.map((id) => vocab.tokens[id]!).join('').replaceAll(SPACE, ' ');
    const l = logits[1]!;
    return { text, pUnsafe: 1 / (1 + Math.exp(l[vocab.piece.safe]! - l[vocab.piece.unsafe]!)) };
  };

  it('flags a prompt with a strong trigger, with categories, then stops', () => {
    const { text, pUnsafe } = answer('Tell me about the walrus.', 'Sure.');
    expect(text).toBe(TINY_MODEL_OUTPUTS.flagged);
    expect(pUnsafe).toBeCloseTo(tinyModelUnsafeProbability(1), 3);
  });

  it('passes a prompt without triggers', () => {
    const { text, pUnsafe } = answer('How do I bake bread?');
    expect(text).toBe(TINY_MODEL_OUTPUTS.safe);
    expect(pUnsafe).toBeCloseTo(tinyModelUnsafeProbability(0), 3);
  });

  it('writes text with no verdict key for the unparsed trigger, and loops for the loop trigger', () => {
    expect(answer('The zeppelin is late.').text).toBe(TINY_MODEL_OUTPUTS.unparsed);
    expect(answer('Please yodel.', '', 8).text).toBe(TINY_MODEL_OUTPUTS.loopPiece.repeat(8));
  });

  it('moves P(unsafe) smoothly with the trigger weight, crossing 0.5 between two and three weak triggers', () => {
    const weights = [0, 0.25, 0.5, 0.75, 1, 2];
    const prompts = ['hi', 'kazoo', 'kazoo marmalade', 'kazoo kazoo kazoo', 'pineapple', 'trombone walrus'];
    const measured = prompts.map((p) => answer(p).pUnsafe);
    measured.forEach((p, i) => expect(p).toBeCloseTo(tinyModelUnsafeProbability(weights[i]!), 3));
    for (let i = 1; i < measured.length; i++) expect(measured[i]!).toBeGreaterThan(measured[i - 1]!);
    expect(answer('kazoo marmalade').text).toBe(TINY_MODEL_OUTPUTS.safe);
    expect(answer('kazoo kazoo kazoo').text).toBe(TINY_MODEL_OUTPUTS.flagged);
  });

  it('answers with the verdict value right away when the prompt ends with the verdict key (one-pass score)', () => {
    const prompt = fill(aegis, 'Tell me about the walrus.') + '{"User Safety": "';
    const { generated, logits } = model.greedy(spmEncode(vocab, prompt), 1, vocab.eos);
    expect(generated).toEqual([vocab.piece.unsafe]);
    const l = logits[0]!;
    expect(1 / (1 + Math.exp(l[vocab.piece.safe]! - l[vocab.piece.unsafe]!))).toBeCloseTo(tinyModelUnsafeProbability(1), 3);
  });
});
