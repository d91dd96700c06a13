/**
 * A small re-statement of llama.cpp's SentencePiece (tokenizer model "llama") encoding, used by the
 * tests to check the tiny vocabulary offline: a leading space is added, spaces become `▁`, adjacent
 * symbols merge best-score-first (ties: leftmost) while their concatenation is a token, and what
 * stays unknown falls back to `<0xNN>` byte tokens. Control-token parsing is not modelled.
 */
import { SPACE } from './vocab';

interface Bigram {
  left: number;
  right: number;
  score: number;
  size: number;
}

/** Max-heap on score, then min on left position, as llama.cpp's work queue orders merges. */
class BigramQueue {
  private items: Bigram[] = [];
  get size(): number {
    return this.items.length;
  }
  private before(a: Bigram, b: Bigram): boolean {
    return a.score > b.score || (a.score === b.score && a.left < b.left);
  }
  push(item: Bigram): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  pop(): Bigram {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && this.before(items[l]!, items[best]!)) best = l;
        if (r < items.length && this.before(items[r]!, items[best]!)) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best]!, items[i]!];
        i = best;
      }
    }
    return top;
  }
}

export interface SpmVocab {
  tokens: string[];
  scores: ArrayLike<number>;
  bos: number;
}

/** Token ids for `text` as llama.cpp would encode it with BOS and the space prefix. */
export function spmEncode(vocab: SpmVocab, text: string, addBos = true): number[] {
  const ids = new Map<string, number>();
  vocab.tokens.forEach((token, id) => ids.set(token, id));
  const symbols = [...(' ' + text).replaceAll(' ', SPACE)];
  const texts = symbols.slice();
  const next = symbols.map((_, i) => (i + 1 < symbols.length ? i + 1 : -1));
  const prev = symbols.map((_, i) => i - 1);
  const length = symbols.map(() => 1);
  const queue = new BigramQueue();
  const tryAdd = (left: number, right: number) => {
    if (left < 0 || right < 0) return;
    const id = ids.get(texts[left]! + texts[right]!);
    if (id === undefined) return;
    queue.push({ left, right, score: vocab.scores[id]!, size: length[left]! + length[right]! });
  };
  for (let i = 1; i < symbols.length; i++) tryAdd(i - 1, i);
  while (queue.size > 0) {
    const { left, right, size } = queue.pop();
    if (length[left] === 0 || length[right] === 0 || length[left]! + length[right]! !== size) continue;
    texts[left] = texts[left]! + texts[right]!;
    length[left] = size;
    length[right] = 0;
    next[left] = next[right]!;
    if (next[right]! >= 0) prev[next[right]!] = left;
    tryAdd(prev[left]!, left);
    tryAdd(left, next[left]!);
  }
  const out = addBos ? [vocab.bos] : [];
  const utf8 = new TextEncoder();
  for (let i = 0; i !== -1 && i < symbols.length; i = next[i]!) {
    const id = ids.get(texts[i]!);
    if (id !== undefined) out.push(id);
    else for (const byte of utf8.encode(texts[i]!)) out.push(ids.get(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`)!);
  }
  return out;
}
