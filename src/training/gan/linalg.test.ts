import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/random';
import { frechetDistance, moments, multiply, sqrtSymmetric, symmetricEigen, type Moments } from './linalg';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, digits = 9) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, digits);
};

/** A random symmetric positive definite n × n matrix: B Bᵀ + 0.1 I. */
function spd(n: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  const b = Float64Array.from({ length: n * n }, () => rng() - 0.5);
  const bt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) bt[j * n + i] = b[i * n + j]!;
  const out = multiply(b, bt, n);
  for (let i = 0; i < n; i++) out[i * n + i]! += 0.1;
  return out;
}

describe('symmetric linear algebra', () => {
  it('finds the eigenvalues of a hand case', () => {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
    const { values } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    close([...values].sort(), [1, 3]);
  });

  it('square root by hand: √[[5, 4], [4, 5]] = [[2, 1], [1, 2]]', () => {
    close(sqrtSymmetric(Float64Array.from([5, 4, 4, 5]), 2), [2, 1, 1, 2]);
  });

  it('the square root of a 40 × 40 positive definite matrix squares back to it', () => {
    const a = spd(40, 3);
    const root = sqrtSymmetric(a, 40);
    close(multiply(root, root, 40), a, 8);
  });

  it('eigenvectors diagonalise: A v = λ v for each pair', () => {
    const n = 12;
    const a = spd(n, 9);
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 0; k < n; k++) {
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += a[i * n + j]! * vectors[j * n + k]!;
        expect(av).toBeCloseTo(values[k]! * vectors[i * n + k]!, 9);
      }
    }
  });
});

describe('frechetDistance', () => {
  const gaussian = (mean: number[], variances: number[]): Moments => {
    const n = mean.length;
    const covariance = new Float64Array(n * n);
    variances.forEach((v, i) => (covariance[i * n + i] = v));
    return { dim: n, mean: Float64Array.from(mean), covariance };
  };

  it('matches the closed form for diagonal covariances: |Δμ|² + Σ(σ1 − σ2)²', () => {
    // N(0, 1) vs N(3, 4) in one dimension: 9 + (1 − 2)² = 10; a second dimension adds 1 + (2 − 3)² = 2.
    expect(frechetDistance(gaussian([0], [1]), gaussian([3], [4]))).toBeCloseTo(10, 9);
    expect(frechetDistance(gaussian([0, 1], [1, 4]), gaussian([3, 0], [4, 9]))).toBeCloseTo(12, 9);
  });

  it('handles covariances that do not commute (a rotated one), agreeing with the 2 × 2 formula', () => {
    // For 2 × 2 PSD matrices, tr √M = √(tr M + 2 √det M) with M = Σ1 Σ2.
    const s1 = Float64Array.from([2, 0.5, 0.5, 1]);
    const s2 = Float64Array.from([1, -0.3, -0.3, 3]);
    const m = multiply(s1, s2, 2);
    const trRoot = Math.sqrt(m[0]! + m[3]! + 2 * Math.sqrt(m[0]! * m[3]! - m[1]! * m[2]!));
    const expected = 1 + 3 + 4 - 2 * trRoot;
    const a = { dim: 2, mean: Float64Array.from([0, 0]), covariance: s1 };
    const b = { dim: 2, mean: Float64Array.from([1, 0]), covariance: s2 };
    expect(frechetDistance(a, b)).toBeCloseTo(expected, 9);
  });

  it('is about 0 between a set and itself, and moments reads mean and sample covariance', () => {
    const rng = mulberry32(4);
    const rows = Float32Array.from({ length: 300 * 16 }, () => rng());
    const m = moments(rows, 300);
    expect(frechetDistance(m, m)).toBeLessThan(1e-9);
    const tiny = moments(Float32Array.from([1, 2, 3, 6]), 2);
    close(tiny.mean, [2, 4]);
    close(tiny.covariance, [2, 4, 4, 8]);
  });
});
