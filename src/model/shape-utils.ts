import { formatShape, type Dim, type Shape } from './graph';
import { ShapeError, type WeightSpec } from './spec';

/** Spells a shape with `batch` for the leading dimension, as error messages do. */
export function describeShape(shape: Shape): string {
  const inner = shape.slice(1).map((d) => (d === null ? '?' : String(d)));
  return `[${['batch', ...inner].join(', ')}]`;
}

export function requireRank(input: Shape | undefined, rank: number, layout: string, hint: string): Shape {
  if (!input) throw new ShapeError('has no input; connect a layer to it', 0);
  if (input.length !== rank) {
    throw new ShapeError(
      `needs a ${rank}-D input ${layout} but receives ${describeShape(input)}${hint ? `; ${hint}` : ''}`,
      0,
    );
  }
  return input;
}

export function requireMinRank(input: Shape | undefined, rank: number, what: string): Shape {
  if (!input) throw new ShapeError('has no input; connect a layer to it', 0);
  if (input.length < rank) {
    throw new ShapeError(`needs an input of at least ${rank} dimensions (${what}) but receives ${describeShape(input)}`, 0);
  }
  return input;
}

/** Output length of a sliding window (conv/pool) along one axis, Keras semantics. */
export function windowOutput(
  length: Dim,
  window: number,
  stride: number,
  padding: string,
  dilation = 1,
): Dim {
  if (length === null) return null;
  const effective = (window - 1) * dilation + 1;
  if (padding === 'same') return Math.ceil(length / stride);
  return Math.floor((length - effective) / stride) + 1;
}

/** Output length of a transposed convolution along one axis, Keras `deconv_output_length`. */
export function transposedOutput(length: Dim, window: number, stride: number, padding: string): Dim {
  if (length === null) return null;
  if (padding === 'same') return length * stride;
  return length * stride + Math.max(window - stride, 0);
}

export function product(dims: readonly number[]): number {
  let p = 1;
  for (const d of dims) p *= d;
  return p;
}

/** Product of the known dims of a shape without the batch; null if any is unknown. */
export function featureSize(shape: Shape): number | null {
  let p = 1;
  for (const d of shape.slice(1)) {
    if (d === null) return null;
    p *= d;
  }
  return p;
}

export function lastDim(shape: Shape): Dim {
  return shape.length > 0 ? (shape[shape.length - 1] ?? null) : null;
}

/** A dim that must be known for weights to exist (a Dense's input features, say). */
export function knownDim(d: Dim, what: string): number {
  if (d === null) throw new ShapeError(`needs a known ${what} but it is unknown (?); give the Input a fixed shape`, 0);
  return d;
}

export function paramTotals(weights: readonly WeightSpec[]): { total: number; trainable: number; nonTrainable: number } {
  let trainable = 0;
  let nonTrainable = 0;
  for (const w of weights) {
    const n = product(w.shape);
    if (w.trainable) trainable += n;
    else nonTrainable += n;
  }
  return { total: trainable + nonTrainable, trainable, nonTrainable };
}

export { formatShape };
