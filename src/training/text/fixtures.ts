import type { PreparedDataset, Split } from '../../data/types';

/**
 * A next-token dataset made in code: windows of `seqLen` ids cut from a stream that repeats
 * `pattern` (ids into `vocab`), each window's labels being the stream shifted by one. Windows start
 * at successive offsets, so every phase of the pattern is seen.
 */
export function repeatingText(
  pattern: readonly number[],
  vocab: readonly string[],
  seqLen: number,
  sizes: [number, number, number] = [48, 12, 12],
): PreparedDataset {
  let offset = 0;
  const part = (n: number): Split => {
    const x = new Float32Array(n * seqLen);
    const y = new Float32Array(n * seqLen);
    for (let w = 0; w < n; w++, offset++) {
      for (let t = 0; t < seqLen; t++) {
        x[w * seqLen + t] = pattern[(offset + t) % pattern.length]!;
        y[w * seqLen + t] = pattern[(offset + t + 1) % pattern.length]!;
      }
    }
    return { n, x, y };
  };
  return {
    id: 'synthetic-next-token',
    name: 'repeating text',
    kind: 'text',
    task: 'next-token',
    inputShape: [seqLen],
    classNames: vocab,
    train: part(sizes[0]),
    validation: part(sizes[1]),
    test: part(sizes[2]),
    transform: null,
  };
}
