import * as tf from '@tensorflow/tfjs';

export interface TokenImportanceOptions {
  /** The padding id, never occluded and appended after a removal. Default 0. */
  readonly padId?: number;
  /** Variants per forward pass (default 256), so long texts do not build one huge batch. */
  readonly chunkSize?: number;
}

export interface TokenImportance {
  /** The model's probability of `classIndex` for the unchanged ids. */
  readonly probability: number;
  /**
   * Per position: probability − probability with that token removed. Positive: the token pushes
   * towards the class. 0 at padding positions, which are not occluded.
   */
  readonly drops: Float32Array;
}

/**
 * The ids with position `i` removed: the tokens after it shift left one place and one padding id
 * is appended, so the window keeps its length and the text stays contiguous (no pad in the middle
 * the model never saw in training).
 */
export function withoutToken(ids: ArrayLike<number>, i: number, padId: number): number[] {
  const out = Array.from(ids);
  out.splice(i, 1);
  out.push(padId);
  return out;
}

/** Probability of `classIndex` from one output row; a single sigmoid unit is p(class 1). */
function classProbability(row: ArrayLike<number>, units: number, classIndex: number): number {
  if (units === 1) return classIndex === 1 ? row[0]! : 1 - row[0]!;
  return row[classIndex]!;
}

/**
 * Occlusion importance for a text classifier: how much the probability of `classIndex` drops when
 * each non-padding token is removed. The original and every occluded variant are scored together,
 * `chunkSize` rows per predict (one predict for texts up to chunkSize − 1 tokens), not once per token.
 */
export async function tokenImportance(
  model: tf.LayersModel,
  ids: ArrayLike<number>,
  classIndex: number,
  options: TokenImportanceOptions = {},
): Promise<TokenImportance> {
  const padId = options.padId ?? 0;
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? 256));
  const seqLen = model.inputs[0]?.shape[1];
  if (model.inputs[0]?.shape.length !== 2 || (seqLen !== null && seqLen !== ids.length)) {
    throw new Error(
      `tokenImportance() takes one window of token ids for a model whose Input is [length]; the model's Input is [${model.inputs[0]?.shape.slice(1).join(', ')}] and ${ids.length} ids were given. Pad or cut the ids to the Input's length.`,
    );
  }
  const units = (model.outputs[0]?.shape[1] as number | null | undefined) ?? 1;
  if (model.outputs[0]?.shape.length !== 2 || !(classIndex >= 0 && classIndex < Math.max(units, 2))) {
    throw new Error(
      `Class ${classIndex} is not an output of this classifier (output shape [${model.outputs[0]?.shape.slice(1).join(', ')}]); pass a class index from 0 to ${Math.max(units, 2) - 1}.`,
    );
  }
  const positions: number[] = [];
  for (let i = 0; i < ids.length; i++) if (Math.round(ids[i]!) !== padId) positions.push(i);
  // Row 0 is the unchanged text; row j + 1 has positions[j] removed.
  const rows = [Array.from(ids), ...positions.map((i) => withoutToken(ids, i, padId))];
  const dtype = model.inputs[0]?.dtype === 'int32' ? 'int32' : 'float32';
  const probabilities = new Float32Array(rows.length);
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const out = tf.tidy(() => model.predict(tf.tensor2d(chunk, [chunk.length, ids.length], dtype)) as tf.Tensor);
    const values = await out.data();
    out.dispose();
    for (let r = 0; r < chunk.length; r++) {
      probabilities[start + r] = classProbability(values.subarray(r * units, (r + 1) * units), units, classIndex);
    }
  }
  const probability = probabilities[0]!;
  const drops = new Float32Array(ids.length);
  positions.forEach((i, j) => (drops[i] = probability - probabilities[j + 1]!));
  return { probability, drops };
}
