// Layerloom export: the layers of Layerloom models that TensorFlow.js itself lacks, for running
// (not training) an exported model.json in a plain TensorFlow.js: MultiHeadAttention (Keras 3),
// PositionEmbedding and TokenAndPositionEmbedding (keras_hub), Subtract and SpatialDropout2D.
// The page imports this file only when tf.loadLayersModel meets one of them. The math follows the
// app's own layers (src/compiler/factories): a test loads exported models with this file in a
// separate stock TensorFlow.js and compares every output with the app's.
// Plain ES module, no DOM: `registerLayers(tf)` with the page's (or Node's) tf.

/** Weights are loaded from weights.bin, so what they start as does not matter. */
const inferenceOnly = (tf) => tf.initializers.zeros();

/** Keras 3's `_large_negative_number` for float32: added to a masked attention score. */
const MASKED = -1e9;

const first = (x) => (Array.isArray(x) ? x[0] : x);

function stepsOf(x, sequenceLength, layer) {
  const steps = x.shape[1];
  if (steps > sequenceLength) {
    throw new Error(`${layer}: input has ${steps} steps but positions exist for ${sequenceLength}`);
  }
  return steps;
}

/** x [b, t, d] · kernel [d, h, s] (+ bias [h, s]) → [b, h, t, s]. */
function project(tf, x, kernel, bias) {
  const [b, t, d] = x.shape;
  const [, h, s] = kernel.shape;
  let y = tf.matMul(tf.reshape(x, [b * t, d]), tf.reshape(kernel, [d, h * s]));
  if (bias) y = tf.add(y, tf.reshape(bias, [h * s]));
  return tf.transpose(tf.reshape(y, [b, t, h, s]), [0, 2, 1, 3]);
}

/** 1 where a query step may see a key step: causal (key ≤ query) and the padding masks. */
function allowedMask(tf, queryMask, valueMask, tq, tk, causal) {
  let allowed = null;
  const and = (m) => (allowed = allowed ? tf.logicalAnd(allowed, m) : m);
  if (causal) {
    const keys = tf.reshape(tf.range(0, tk, 1, 'int32'), [1, tk]);
    const queries = tf.reshape(tf.range(0, tq, 1, 'int32'), [tq, 1]);
    and(tf.reshape(tf.lessEqual(keys, queries), [1, 1, tq, tk]));
  }
  if (queryMask) and(tf.reshape(tf.cast(queryMask, 'bool'), [-1, 1, tq, 1]));
  if (valueMask) and(tf.reshape(tf.cast(valueMask, 'bool'), [-1, 1, 1, tk]));
  return allowed;
}

export function registerLayers(tf) {
  class MultiHeadAttention extends tf.layers.Layer {
    static className = 'MultiHeadAttention';
    constructor(config) {
      super(config);
      this.config = config;
      const axes = config.attentionAxes;
      if (axes && axes.length > 0 && !(axes.length === 1 && (axes[0] === 1 || axes[0] === -2))) {
        throw new Error(`MultiHeadAttention: attention_axes ${JSON.stringify(axes)} is not supported here`);
      }
      this.supportsMasking = true;
    }

    build(inputShape) {
      const shapes = Array.isArray(inputShape[0]) ? inputShape : [inputShape];
      const [q, v = q, k = v] = shapes;
      const c = this.config;
      const h = c.numHeads;
      const valueDim = c.valueDim ?? c.keyDim;
      const out = c.outputShape ?? q[2];
      const add = (name, shape) => this.addWeight(name, shape, 'float32', inferenceOnly(tf));
      const bias = (name, shape) => (c.useBias ? add(name, shape) : null);
      this.w = {
        queryKernel: add('query/kernel', [q[2], h, c.keyDim]),
        queryBias: bias('query/bias', [h, c.keyDim]),
        keyKernel: add('key/kernel', [k[2], h, c.keyDim]),
        keyBias: bias('key/bias', [h, c.keyDim]),
        valueKernel: add('value/kernel', [v[2], h, valueDim]),
        valueBias: bias('value/bias', [h, valueDim]),
        outputKernel: add('attention_output/kernel', [h, valueDim, out]),
        outputBias: bias('attention_output/bias', [out]),
      };
      this.built = true;
    }

    computeOutputShape(inputShape) {
      const q = Array.isArray(inputShape[0]) ? inputShape[0] : inputShape;
      return [q[0] ?? null, q[1] ?? null, this.config.outputShape ?? q[2]];
    }

    computeMask(_inputs, mask) {
      return (Array.isArray(mask) ? mask[0] : mask) ?? null;
    }

    call(inputs, kwargs) {
      return tf.tidy(() => {
        const list = Array.isArray(inputs) ? inputs : [inputs];
        const [query, value = query, key = value] = list;
        const masks = Array.isArray(kwargs.mask) ? kwargs.mask : [kwargs.mask];
        const valueMask = list.length > 1 ? masks[1] : masks[0];
        const keyMask = list.length > 2 ? masks[2] : valueMask;
        const both =
          valueMask && keyMask && valueMask !== keyMask ? tf.logicalAnd(valueMask, keyMask) : (valueMask ?? keyMask);
        const w = Object.fromEntries(Object.entries(this.w).map(([name, v]) => [name, v ? v.read() : null]));
        const q = tf.mul(project(tf, query, w.queryKernel, w.queryBias), 1 / Math.sqrt(this.config.keyDim));
        const k = project(tf, key, w.keyKernel, w.keyBias);
        const v = project(tf, value, w.valueKernel, w.valueBias);
        let scores = tf.matMul(q, k, false, true);
        const allowed = allowedMask(tf, masks[0], both, scores.shape[2], scores.shape[3], this.config.useCausalMask);
        if (allowed) scores = tf.add(scores, tf.mul(tf.sub(1, tf.cast(allowed, 'float32')), MASKED));
        const context = tf.transpose(tf.matMul(tf.softmax(scores, -1), v), [0, 2, 1, 3]);
        const [b, tq, h, dv] = context.shape;
        const out = w.outputKernel.shape[2];
        let y = tf.matMul(tf.reshape(context, [b * tq, h * dv]), tf.reshape(w.outputKernel, [h * dv, out]));
        if (w.outputBias) y = tf.add(y, w.outputBias);
        return tf.reshape(y, [b, tq, out]);
      });
    }

    getConfig() {
      return { ...super.getConfig(), ...this.config };
    }
  }

  class PositionEmbedding extends tf.layers.Layer {
    static className = 'PositionEmbedding';
    constructor(config) {
      super(config);
      this.config = config;
      this.supportsMasking = true;
    }

    build(inputShape) {
      const shape = first(Array.isArray(inputShape[0]) ? inputShape : [inputShape]);
      const dim = shape[shape.length - 1];
      this.table = this.addWeight('embeddings', [this.config.sequenceLength, dim], 'float32', inferenceOnly(tf));
      this.built = true;
    }

    call(inputs) {
      return tf.tidy(() => {
        const x = first(inputs);
        const steps = stepsOf(x, this.config.sequenceLength, 'PositionEmbedding');
        return tf.broadcastTo(tf.slice(this.table.read(), [0, 0], [steps, -1]), x.shape);
      });
    }

    getConfig() {
      return { ...super.getConfig(), ...this.config };
    }
  }

  class TokenAndPositionEmbedding extends tf.layers.Layer {
    static className = 'TokenAndPositionEmbedding';
    constructor(config) {
      super(config);
      this.config = config;
      this.supportsMasking = true;
    }

    build() {
      const c = this.config;
      this.tokens = this.addWeight(
        'token_embedding/embeddings',
        [c.vocabularySize, c.embeddingDim],
        'float32',
        inferenceOnly(tf),
      );
      this.positions = this.addWeight(
        'position_embedding/embeddings',
        [c.sequenceLength, c.embeddingDim],
        'float32',
        inferenceOnly(tf),
      );
      this.built = true;
    }

    computeOutputShape(inputShape) {
      const shape = first(Array.isArray(inputShape[0]) ? inputShape : [inputShape]);
      return [shape[0] ?? null, shape[1] ?? null, this.config.embeddingDim];
    }

    computeMask(inputs) {
      return this.config.maskZero ? tf.notEqual(first(inputs), 0) : null;
    }

    call(inputs) {
      return tf.tidy(() => {
        const ids = first(inputs);
        const steps = stepsOf(ids, this.config.sequenceLength, 'TokenAndPositionEmbedding');
        const vectors = tf.gather(this.tokens.read(), tf.cast(ids, 'int32'));
        return tf.add(vectors, tf.slice(this.positions.read(), [0, 0], [steps, -1]));
      });
    }

    getConfig() {
      return { ...super.getConfig(), ...this.config };
    }
  }

  class Subtract extends tf.layers.Layer {
    static className = 'Subtract';
    computeOutputShape(inputShape) {
      return inputShape[0].length >= inputShape[1].length ? inputShape[0] : inputShape[1];
    }

    call(inputs) {
      return tf.tidy(() => {
        // Keras aligns a lower-rank input after the batch axis.
        const rank = Math.max(inputs[0].rank, inputs[1].rank);
        const grow = (x) => {
          let y = x;
          while (y.rank < rank) y = tf.expandDims(y, 1);
          return y;
        };
        return tf.sub(grow(inputs[0]), grow(inputs[1]));
      });
    }
  }

  /** Dropout only acts in training: running a model, it passes its input through. */
  class SpatialDropout2D extends tf.layers.Layer {
    static className = 'SpatialDropout2D';
    constructor(config) {
      super(config);
      this.config = config;
      this.supportsMasking = true;
    }

    call(inputs) {
      return first(inputs);
    }

    getConfig() {
      return { ...super.getConfig(), rate: this.config.rate, noiseShape: null, seed: this.config.seed ?? null };
    }
  }

  for (const layer of [MultiHeadAttention, PositionEmbedding, TokenAndPositionEmbedding, Subtract, SpatialDropout2D]) {
    tf.serialization.registerClass(layer);
  }
}

/** The class names registerLayers adds: a model.json naming one of them needs this file. */
export const LAYERLOOM_LAYERS = [
  'MultiHeadAttention',
  'PositionEmbedding',
  'TokenAndPositionEmbedding',
  'Subtract',
  'SpatialDropout2D',
];
