/**
 * Learning BPE merges from the training texts' chunks. Pair counts are kept up to date as merges
 * change the chunks (only the chunks that hold the merged pair are revisited), and the next merge
 * comes from a heap: the most frequent pair, ties to the lower left id, then the lower right id, so
 * the same texts always give the same merges.
 */

/** A pair of token ids as one number (ids stay below 2^20; see tokenize.js). */
const PAIR = 1048576;

export interface BpeTraining {
  /** Token texts after the base alphabet, in merge order (a merge that makes a known text adds none). */
  readonly tokens: string[];
  readonly merges: [number, number, number][];
}

/**
 * Merges until the vocabulary holds `maxVocab` tokens or no pair occurs twice. `chunks` are the
 * distinct chunks with their counts; `vocab` the tokens so far (specials and base characters) and
 * `base(ch)` the id of a base character (UNK for one outside the alphabet, which never merges).
 */
export function trainMerges(
  chunks: ReadonlyMap<string, number>,
  vocab: readonly string[],
  idOf: (ch: string) => number,
  unkId: number,
  maxVocab: number,
): BpeTraining {
  const words: number[][] = [];
  const freq: number[] = [];
  for (const [chunk, count] of chunks) {
    words.push(Array.from(chunk, idOf));
    freq.push(count);
  }
  const counts = new Map<number, number>();
  const where = new Map<number, Set<number>>();
  const addPairs = (w: number, sign: number, changed: Set<number>) => {
    const ids = words[w]!;
    for (let i = 0; i + 1 < ids.length; i++) {
      if (ids[i] === unkId || ids[i + 1] === unkId) continue;
      const key = ids[i]! * PAIR + ids[i + 1]!;
      counts.set(key, (counts.get(key) ?? 0) + sign * freq[w]!);
      changed.add(key);
      if (sign > 0) {
        let set = where.get(key);
        if (!set) where.set(key, (set = new Set()));
        set.add(w);
      }
    }
  };
  const heap = new PairHeap();
  const initial = new Set<number>();
  for (let w = 0; w < words.length; w++) addPairs(w, 1, initial);
  for (const key of initial) heap.push(counts.get(key)!, key);

  const texts = [...vocab];
  const known = new Map<string, number>();
  texts.forEach((t, id) => {
    if (id > unkId) known.set(t, id);
  });
  const tokens: string[] = [];
  const merges: [number, number, number][] = [];
  while (texts.length < maxVocab) {
    const top = heap.popValid(counts);
    if (!top || top.count < 2) break;
    const a = Math.floor(top.key / PAIR);
    const b = top.key % PAIR;
    const text = texts[a]! + texts[b]!;
    let merged = known.get(text);
    if (merged === undefined) {
      merged = texts.length;
      texts.push(text);
      tokens.push(text);
      known.set(text, merged);
    }
    merges.push([a, b, merged]);
    const changed = new Set<number>();
    for (const w of [...where.get(top.key)!].sort((x, y) => x - y)) {
      const ids = words[w]!;
      if (!hasPair(ids, a, b)) continue;
      addPairs(w, -1, changed);
      words[w] = mergePair(ids, a, b, merged);
      addPairs(w, 1, changed);
    }
    for (const key of changed) {
      const c = counts.get(key)!;
      if (c > 0) heap.push(c, key);
      else counts.delete(key);
    }
  }
  return { tokens, merges };
}

function hasPair(ids: readonly number[], a: number, b: number): boolean {
  for (let i = 0; i + 1 < ids.length; i++) if (ids[i] === a && ids[i + 1] === b) return true;
  return false;
}

/** Every non-overlapping (a, b) from left to right becomes `merged`: the rule tokenize.js applies. */
export function mergePair(ids: readonly number[], a: number, b: number, merged: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
      out.push(merged);
      i++;
    } else out.push(ids[i]!);
  }
  return out;
}

/** A max-heap of (count, pair key); stale entries (the count has changed since) are skipped on pop. */
class PairHeap {
  private readonly counts: number[] = [];
  private readonly keys: number[] = [];

  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
    let i = this.counts.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  popValid(current: ReadonlyMap<number, number>): { count: number; key: number } | null {
    while (this.counts.length > 0) {
      const count = this.counts[0]!;
      const key = this.keys[0]!;
      this.removeTop();
      if (current.get(key) === count) return { count, key };
    }
    return null;
  }

  /** Higher count first; equal counts: the lower key (left id, then right id). */
  private before(i: number, j: number): boolean {
    const ci = this.counts[i]!;
    const cj = this.counts[j]!;
    return ci > cj || (ci === cj && this.keys[i]! < this.keys[j]!);
  }

  private swap(i: number, j: number): void {
    [this.counts[i], this.counts[j]] = [this.counts[j]!, this.counts[i]!];
    [this.keys[i], this.keys[j]] = [this.keys[j]!, this.keys[i]!];
  }

  private removeTop(): void {
    const last = this.counts.length - 1;
    this.swap(0, last);
    this.counts.pop();
    this.keys.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < this.counts.length && this.before(l, top)) top = l;
      if (r < this.counts.length && this.before(r, top)) top = r;
      if (top === i) break;
      this.swap(i, top);
      i = top;
    }
  }
}
