import type { Page } from '@playwright/test';

/** Every value of a run's weights (run given by its place in the runs list), sorted: order-free comparison with weights.bin. */
export function runValues(page: Page, index: number): Promise<number[]> {
  return page.evaluate((i) => {
    type W = Record<string, { values: Float32Array }[]>;
    const s = (
      window as unknown as { __layerloom: { getState(): { runs: { id: string }[]; runWeights: Record<string, W> } } }
    ).__layerloom.getState();
    const w = s.runWeights[s.runs[i]!.id]!;
    return Object.values(w)
      .flatMap((list) => list.flatMap((t) => Array.from(t.values)))
      .sort((a, b) => a - b);
  }, index);
}

/** weights.bin's float32 values, sorted. */
export function binValues(bin: Uint8Array): number[] {
  const copy = bin.slice();
  return Array.from(new Float32Array(copy.buffer, 0, copy.byteLength / 4)).sort((a, b) => a - b);
}
