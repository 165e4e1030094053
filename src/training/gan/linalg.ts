/**
 * The little linear algebra the Fréchet distance needs, in float64: means and covariances of
 * feature rows, a symmetric eigen-decomposition (cyclic Jacobi) and the square root of a
 * symmetric positive semi-definite matrix. Matrices are row-major `Float64Array`s of n × n.
 */

export interface Eigen {
  readonly values: Float64Array;
  /** Column j is the eigenvector of values[j] (row-major n × n). */
  readonly vectors: Float64Array;
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations: each rotation
 * zeroes one off-diagonal pair, and sweeps repeat until the off-diagonal mass is negligible
 * against the diagonal. Converges quadratically; 128 × 128 takes well under a second.
 */
export function symmetricEigen(matrix: Float64Array, n: number, maxSweeps = 60): Eigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += a[i * n + i]! ** 2;
      for (let j = i + 1; j < n; j++) off += a[i * n + j]! ** 2;
    }
    if (off <= 1e-24 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const app = a[p * n + p]!;
        const aqq = a[q * n + q]!;
        // The rotation angle that zeroes a[p][q] (Golub & Van Loan's stable form).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i]!;
  return { values, vectors: v };
}

/** V · diag(f(λ)) · Vᵀ for a symmetric matrix. */
function applyToEigenvalues(matrix: Float64Array, n: number, f: (value: number) => number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, n);
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const w = f(values[k]!);
    if (w === 0) continue;
    for (let i = 0; i < n; i++) {
      const vik = vectors[i * n + k]! * w;
      for (let j = 0; j < n; j++) out[i * n + j]! += vik * vectors[j * n + k]!;
    }
  }
  return out;
}

/**
 * The symmetric square root of a positive semi-definite matrix. Eigenvalues a hair below zero
 * (rounding in a rank-deficient covariance) count as zero.
 */
export function sqrtSymmetric(matrix: Float64Array, n: number): Float64Array {
  return applyToEigenvalues(matrix, n, (value) => Math.sqrt(Math.max(value, 0)));
}

export function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j]! += aik * b[k * n + j]!;
    }
  }
  return out;
}

export interface Moments {
  readonly dim: number;
  readonly mean: Float64Array;
  /** Sample covariance (divided by n − 1), row-major dim × dim. */
  readonly covariance: Float64Array;
}

/** Mean and covariance of `n` rows of `features` (row-major, each `features.length / n` long). */
export function moments(features: Float32Array, n: number): Moments {
  if (n < 2) throw new Error(`A covariance needs at least 2 samples; got ${n}`);
  const dim = features.length / n;
  const mean = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let i = 0; i < dim; i++) mean[i]! += features[r * dim + i]!;
  for (let i = 0; i < dim; i++) mean[i]! /= n;
  const covariance = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < dim; i++) centred[i] = features[r * dim + i]! - mean[i]!;
    for (let i = 0; i < dim; i++) {
      const ci = centred[i]!;
      if (ci === 0) continue;
      for (let j = i; j < dim; j++) covariance[i * dim + j]! += ci * centred[j]!;
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const c = covariance[i * dim + j]! / (n - 1);
      covariance[i * dim + j] = c;
      covariance[j * dim + i] = c;
    }
  }
  return { dim, mean, covariance };
}

/**
 * The Fréchet distance between two Gaussians: |μ1 − μ2|² + tr(Σ1) + tr(Σ2) − 2 tr((Σ1 Σ2)^½).
 * tr((Σ1 Σ2)^½) is taken as tr((√Σ1 Σ2 √Σ1)^½), the same number (the two matrices are similar)
 * but from a symmetric PSD matrix, so the trace is the sum of the square roots of its eigenvalues.
 */
export function frechetDistance(a: Moments, b: Moments): number {
  const n = a.dim;
  if (b.dim !== n) throw new Error(`The two feature sets differ in size: ${n} and ${b.dim}`);
  let meanTerm = 0;
  let traces = 0;
  for (let i = 0; i < n; i++) {
    meanTerm += (a.mean[i]! - b.mean[i]!) ** 2;
    traces += a.covariance[i * n + i]! + b.covariance[i * n + i]!;
  }
  const root = sqrtSymmetric(a.covariance, n);
  const inner = multiply(multiply(root, b.covariance, n), root, n);
  // Rounding leaves the product a hair off symmetric; average it with its transpose.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = (inner[i * n + j]! + inner[j * n + i]!) / 2;
      inner[i * n + j] = m;
      inner[j * n + i] = m;
    }
  }
  const { values } = symmetricEigen(inner, n);
  let cross = 0;
  for (const v of values) cross += Math.sqrt(Math.max(v, 0));
  return Math.max(meanTerm + traces - 2 * cross, 0);
}
