import * as tf from '@tensorflow/tfjs';

/**
 * Multi-head attention as Keras 3 computes it, in batched tfjs ops (no loop over heads):
 * project, scale the query by 1/√key_dim, softmax over keys, weight the values, project back.
 * Kernels have Keras 3's shapes: query/key/value [dim, heads, size], output [heads, value_dim, out].
 */

/** The layer's weights by Keras 3 name; biases are absent when use_bias is false. */
export interface AttentionWeights {
  readonly queryKernel: tf.Tensor;
  readonly queryBias?: tf.Tensor;
  readonly keyKernel: tf.Tensor;
  readonly keyBias?: tf.Tensor;
  readonly valueKernel: tf.Tensor;
  readonly valueBias?: tf.Tensor;
  readonly outputKernel: tf.Tensor;
  readonly outputBias?: tf.Tensor;
}

export interface AttentionInputs {
  /** [batch, Tq, dim_q] */
  readonly query: tf.Tensor;
  /** [batch, Tv, dim_v]; the query when absent (self-attention). */
  readonly value?: tf.Tensor;
  /** [batch, Tv, dim_k]; the value when absent. */
  readonly key?: tf.Tensor;
  /** [batch, Tq] padding mask of the query (true = real step), e.g. from mask_zero. */
  readonly queryMask?: tf.Tensor;
  /** [batch, Tv] padding mask of the value/key steps. */
  readonly valueMask?: tf.Tensor;
}

export interface AttentionOptions {
  readonly useCausalMask: boolean;
  /** Rate of dropout on the attention probabilities; applied only when `training`. */
  readonly dropout?: number;
  readonly training?: boolean;
}

/** Keras 3's `_large_negative_number` for float32: what a masked score gets added. */
const MASKED = -1e9;

/** x [b, t, d] · kernel [d, h, s] (+ bias [h, s]) → [b, h, t, s]: one matmul for all heads. */
function project(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | undefined): tf.Tensor {
  const [b, t, d] = x.shape as [number, number, number];
  const [, h, s] = kernel.shape as [number, number, number];
  let y = tf.matMul(tf.reshape(x, [b * t, d]), tf.reshape(kernel, [d, h * s]));
  if (bias) y = tf.add(y, tf.reshape(bias, [h * s]));
  return tf.transpose(tf.reshape(y, [b, t, h, s]), [0, 2, 1, 3]);
}

/** 1 where a query step may see a key step, else 0: [b|1, 1, Tq, Tk], or null when all may. */
function allowedMask(inputs: AttentionInputs, tq: number, tk: number, causal: boolean): tf.Tensor | null {
  let allowed: tf.Tensor | null = null;
  const and = (m: tf.Tensor) => (allowed = allowed ? tf.logicalAnd(allowed, m) : m);
  if (causal) {
    // Key index ≤ query index, as Keras 3's `_compute_causal_mask`.
    and(
      tf.reshape(
        tf.lessEqual(tf.range(0, tk, 1, 'int32').reshape([1, tk]), tf.range(0, tq, 1, 'int32').reshape([tq, 1])),
        [1, 1, tq, tk],
      ),
    );
  }
  if (inputs.queryMask) and(tf.reshape(tf.cast(inputs.queryMask, 'bool'), [-1, 1, tq, 1]));
  if (inputs.valueMask) and(tf.reshape(tf.cast(inputs.valueMask, 'bool'), [-1, 1, 1, tk]));
  return allowed;
}

/** Attention probabilities [batch, heads, Tq, Tk] and the projected values, before dropout. */
function probabilitiesAndValues(inputs: AttentionInputs, w: AttentionWeights, causal: boolean) {
  const value = inputs.value ?? inputs.query;
  const key = inputs.key ?? value;
  const keyDim = w.queryKernel.shape[2] as number;
  const q = tf.mul(project(inputs.query, w.queryKernel, w.queryBias), 1 / Math.sqrt(keyDim));
  const k = project(key, w.keyKernel, w.keyBias);
  const v = project(value, w.valueKernel, w.valueBias);
  let scores = tf.matMul(q, k, false, true);
  const allowed = allowedMask(inputs, scores.shape[2] as number, scores.shape[3] as number, causal);
  if (allowed) scores = tf.add(scores, tf.mul(tf.sub(1, tf.cast(allowed, 'float32')), MASKED));
  return { probabilities: tf.softmax(scores, -1), v };
}

/** The layer's output [batch, Tq, out]. */
export function multiHeadAttention(inputs: AttentionInputs, w: AttentionWeights, o: AttentionOptions): tf.Tensor {
  return tf.tidy(() => {
    const { probabilities, v } = probabilitiesAndValues(inputs, w, o.useCausalMask);
    const rate = o.dropout ?? 0;
    const dropped = o.training === true && rate > 0 ? tf.dropout(probabilities, rate) : probabilities;
    const context = tf.transpose(tf.matMul(dropped, v), [0, 2, 1, 3]); // [b, Tq, h, dv]
    const [b, tq, h, dv] = context.shape as [number, number, number, number];
    const out = w.outputKernel.shape[2] as number;
    let y = tf.matMul(tf.reshape(context, [b * tq, h * dv]), tf.reshape(w.outputKernel, [h * dv, out]));
    if (w.outputBias) y = tf.add(y, w.outputBias);
    return tf.reshape(y, [b, tq, out]);
  });
}

/**
 * Attention probabilities [batch, heads, Tq, Tk] for given inputs and weights (inference: no
 * dropout). The Evaluate page draws these as attention maps.
 */
export function attentionProbabilities(
  inputs: AttentionInputs,
  w: AttentionWeights,
  useCausalMask: boolean,
): tf.Tensor4D {
  return tf.tidy(() => probabilitiesAndValues(inputs, w, useCausalMask).probabilities as tf.Tensor4D);
}

/** A stored weight (as `extractWeights` gives them): Keras 3 name, shape and values. */
export interface StoredWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/**
 * A MultiHeadAttention node's stored weights (a run's LayerWeights entry) as tensors for
 * `attentionProbabilities`; the caller disposes them. Throws when a kernel is missing.
 */
export function attentionWeightsFromStored(list: readonly StoredWeight[]): AttentionWeights {
  const get = (name: string, required: boolean) => {
    const w = list.find((x) => x.name === name);
    if (!w && required)
      throw new Error(`MultiHeadAttention weights lack '${name}'; pass the layer's stored weights (query/kernel, …)`);
    return w ? tf.tensor(w.values, [...w.shape], 'float32') : undefined;
  };
  return {
    queryKernel: get('query/kernel', true)!,
    queryBias: get('query/bias', false),
    keyKernel: get('key/kernel', true)!,
    keyBias: get('key/bias', false),
    valueKernel: get('value/kernel', true)!,
    valueBias: get('value/bias', false),
    outputKernel: get('attention_output/kernel', true)!,
    outputBias: get('attention_output/bias', false),
  };
}
