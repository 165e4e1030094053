import { describe, expect, it } from 'vitest';
import { chooseThreads, MIN_THREAD_GAIN } from './wasm-threads';

describe('chooseThreads', () => {
  it('takes 2 threads when they are clearly faster (CNN B: 74 vs 62 ms/step)', () => {
    expect(
      chooseThreads([
        { threads: 1, msPerStep: 74 },
        { threads: 2, msPerStep: 62 },
      ]),
    ).toBe(2);
  });

  it('keeps 1 thread when 2 are slower (MLP A: 2.3 vs 4.4 ms/step)', () => {
    expect(
      chooseThreads([
        { threads: 1, msPerStep: 2.3 },
        { threads: 2, msPerStep: 4.4 },
      ]),
    ).toBe(1);
  });

  it('keeps fewer threads when more win by less than the margin', () => {
    const slightly = 100 * (1 - MIN_THREAD_GAIN / 2);
    expect(
      chooseThreads([
        { threads: 1, msPerStep: 100 },
        { threads: 2, msPerStep: slightly },
      ]),
    ).toBe(1);
    expect(
      chooseThreads(
        [
          { threads: 1, msPerStep: 100 },
          { threads: 2, msPerStep: slightly },
        ],
        0,
      ),
    ).toBe(2);
  });

  it('compares each count with the best fewer-thread count, in any input order', () => {
    const timings = [
      { threads: 4, msPerStep: 50 },
      { threads: 1, msPerStep: 100 },
      { threads: 2, msPerStep: 60 },
    ];
    expect(chooseThreads(timings)).toBe(4);
    expect(chooseThreads([{ threads: 4, msPerStep: 57 }, ...timings.slice(1)])).toBe(2);
  });

  it('ignores counts that could not be timed and falls back to 1', () => {
    expect(
      chooseThreads([
        { threads: 1, msPerStep: null },
        { threads: 2, msPerStep: 40 },
      ]),
    ).toBe(2);
    expect(
      chooseThreads([
        { threads: 2, msPerStep: Number.NaN },
        { threads: 1, msPerStep: 0 },
      ]),
    ).toBe(1);
    expect(chooseThreads([])).toBe(1);
  });
});
