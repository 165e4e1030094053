import { describe, expect, it } from 'vitest';
import { mulberry32, rngFor, sequentialIndices, shuffledIndices, withSeededRandom } from './random';

// Golden values recorded from the generators this module replaced (data's closure, training's
// class and the kernel tests' inline copy): seeded results, checkpoints and pinned tests depend
// on the stream staying bit-identical.
describe('the one seeded random source', () => {
  it('gives the recorded mulberry32 sequence', () => {
    expect(Array.from({ length: 4 }, mulberry32(42))).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693,
    ]);
  });

  it('derives the recorded state and first draw for each training stream', () => {
    const got = (['init', 'shuffle', 'noise', 'augment'] as const).map((s) => {
      const rng = rngFor(7, s);
      return [rng.state, rng()];
    });
    expect(got).toEqual([
      [1478832577, 0.47330482909455895],
      [975949828, 0.22842525341548026],
      [4219833327, 0.12624154426157475],
      [1509818830, 0.4139084410853684],
    ]);
  });

  it('shuffles indices in the recorded order', () => {
    expect(Array.from(shuffledIndices(10, rngFor(7, 'shuffle')))).toEqual([0, 1, 7, 6, 5, 3, 4, 9, 8, 2]);
    expect(Array.from(sequentialIndices(4))).toEqual([0, 1, 2, 3]);
  });

  it('resumes from a saved state exactly where it left off (checkpoints)', () => {
    const a = mulberry32(5);
    a();
    a();
    const saved = a.state;
    const ahead = [a(), a()];
    const b = mulberry32(0);
    b.state = saved;
    expect([b(), b()]).toEqual(ahead);
  });

  it('swaps Math.random only for the synchronous call, even when it throws', () => {
    const original = Math.random;
    const drawn = withSeededRandom(mulberry32(42), () => Math.random());
    expect(drawn).toBe(0.6011037519201636);
    expect(Math.random).toBe(original);
    expect(() =>
      withSeededRandom(mulberry32(1), () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(Math.random).toBe(original);
    expect(() => withSeededRandom(mulberry32(1), () => Promise.resolve(1))).toThrow('synchronous');
  });
});
