/**
 * How many wasm threads to train with, from timed steps rather than from a cap.
 *
 * tfjs-backend-wasm's binary sizes its XNNPACK pool at min(asked, navigator.hardwareConcurrency / 2),
 * so on a 2-core machine it runs 1 thread whatever setThreadsCount asks. Measured on such a
 * machine (`npm run bench -- vs-pytorch`, Chromium worker, our kernels): 2 threads made CNN B 20%
 * faster and MLP A 49% slower, so the count has to be a per-model choice. How to time both in one
 * worker: raise hardwareConcurrency before the threaded backend starts, then switch the pool with
 * the backend's `wasm.tfjs.initWithThreadsCount(n)` between timed steps (both checked in Chromium;
 * the threaded binary also needs an unminified worker bundle, see setupWasm's `threads`).
 */

export interface ThreadTiming {
  threads: number;
  /** Mean wall time of one timed training step; null when that count could not be timed. */
  msPerStep: number | null;
}

/**
 * More threads must win by this share of the step time to be taken: two threads on two cores
 * compete with the main thread and everything else on the machine, and a 3-step trial varies by
 * about 5%.
 */
export const MIN_THREAD_GAIN = 0.1;

/**
 * The thread count to train with: the fastest timed count, except that a count with more threads
 * must beat every count with fewer by more than `minGain`; ties and untimed counts go to fewer
 * threads. 1 when nothing was timed.
 */
export function chooseThreads(timings: readonly ThreadTiming[], minGain = MIN_THREAD_GAIN): number {
  const timed = timings
    .filter(
      (t): t is ThreadTiming & { msPerStep: number } =>
        t.msPerStep !== null && Number.isFinite(t.msPerStep) && t.msPerStep > 0,
    )
    .sort((a, b) => a.threads - b.threads);
  let best: { threads: number; msPerStep: number } | null = null;
  for (const t of timed) {
    if (best === null || t.msPerStep < best.msPerStep * (1 - minGain)) best = t;
  }
  return best?.threads ?? 1;
}
