import * as tf from '@tensorflow/tfjs';
import { isRegularizer, type Params, type RegularizerValue } from '../../model/graph';
import { bool, ints, num } from '../../model/params';
import { attentionProbabilities, multiHeadAttention, type AttentionWeights } from './attention-ops';
import { PositionEmbeddingLayer, TokenAndPositionEmbeddingLayer } from './position-embedding';
import { initializerFor, regularizerFor, type SerializedObject } from './layer-weights';
import type { LayerFactory } from './types';

/** Serialisable config: plain JSON, so `model.toJSON()` → `modelFromJSON` rebuilds the layer. */
export interface MultiHeadAttentionConfig {
  name?: string;
  trainable?: boolean;
  numHeads: number;
  keyDim: number;
  valueDim: number | null;
  dropout: number;
  useBias: boolean;
  outputShape: number | null;
  attentionAxes: number[] | null;
  useCausalMask: boolean;
  /** tfjs initializer identifiers (`glorotUniform`, `zeros`, …), or serialised ones from a Keras-style model.json. */
  kernelInitializer: string | SerializedObject;
  biasInitializer: string | SerializedObject;
  kernelRegularizer: RegularizerValue | SerializedObject | null;
  biasRegularizer: RegularizerValue | SerializedObject | null;
}

type Shape = (number | null)[];

/** tfjs hands `build`/`computeOutputShape` one shape for one input and a list for several. */
const shapeList = (s: tf.Shape | tf.Shape[]): Shape[] =>
  Array.isArray(s[0]) || s[0] === undefined ? (s as Shape[]) : [s as Shape];

const tensorList = (x: tf.Tensor | tf.Tensor[]): tf.Tensor[] => (Array.isArray(x) ? x : [x]);

/**
 * Keras 3 MultiHeadAttention as a tfjs layer (tfjs-layers 4.22 has none), registered under the
 * Keras class name: a plain tfjs app loading our model.json needs this module imported so the
 * class is registered (tf.serialization.registerClass). Inputs: [query], [query, value] or
 * [query, value, key]. Padding masks (mask_zero) from the inputs are honoured as in Keras.
 */
export class MultiHeadAttentionLayer extends tf.layers.Layer {
  static readonly className = 'MultiHeadAttention';
  readonly config: MultiHeadAttentionConfig;
  private vars: tf.LayerVariable[] = [];

  constructor(config: MultiHeadAttentionConfig) {
    super(config);
    this.config = {
      ...config,
      attentionAxes: config.attentionAxes && config.attentionAxes.length > 0 ? config.attentionAxes : null,
    };
    const axes = this.config.attentionAxes;
    if (axes && !(axes.length === 1 && (axes[0] === 1 || axes[0] === -2))) {
      throw new Error(
        `MultiHeadAttention '${config.name ?? ''}': attention_axes ${JSON.stringify(axes)} is not supported; only the sequence axis (null or [1]) runs here`,
      );
    }
    this.supportsMasking = true;
  }

  private get valueDim(): number {
    return this.config.valueDim ?? this.config.keyDim;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const [q, v = q, k = v] = shapeList(inputShape) as [Shape, Shape?, Shape?];
    const c = this.config;
    const h = c.numHeads;
    const out = c.outputShape ?? (q[2] as number);
    const kernel = (name: string, shape: number[]) =>
      this.addWeight(
        name,
        shape,
        'float32',
        initializerFor(c.kernelInitializer),
        regularizerFor(c.kernelRegularizer),
        true,
      );
    const bias = (name: string, shape: number[]) =>
      c.useBias
        ? [
            this.addWeight(
              name,
              shape,
              'float32',
              initializerFor(c.biasInitializer),
              regularizerFor(c.biasRegularizer),
              true,
            ),
          ]
        : [];
    this.vars = [
      kernel('query/kernel', [q[2] as number, h, c.keyDim]),
      ...bias('query/bias', [h, c.keyDim]),
      kernel('key/kernel', [(k as Shape)[2] as number, h, c.keyDim]),
      ...bias('key/bias', [h, c.keyDim]),
      kernel('value/kernel', [(v as Shape)[2] as number, h, this.valueDim]),
      ...bias('value/bias', [h, this.valueDim]),
      kernel('attention_output/kernel', [h, this.valueDim, out]),
      ...bias('attention_output/bias', [out]),
    ];
    this.built = true;
  }

  /** The current weights under their roles, for `attentionProbabilities`. */
  attentionWeights(): AttentionWeights {
    const read = this.vars.map((v) => v.read());
    const step = this.config.useBias ? 2 : 1;
    const at = (i: number) => read[i * step] as tf.Tensor;
    const biasAt = (i: number) => (this.config.useBias ? read[i * step + 1] : undefined);
    return {
      queryKernel: at(0),
      queryBias: biasAt(0),
      keyKernel: at(1),
      keyBias: biasAt(1),
      valueKernel: at(2),
      valueBias: biasAt(2),
      outputKernel: at(3),
      outputBias: biasAt(3),
    };
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const q = shapeList(inputShape)[0] as Shape;
    return [q[0] ?? null, q[1] ?? null, this.config.outputShape ?? (q[2] as number)];
  }

  /** The query's mask goes on, as in Keras. tfjs's typing lacks the null it accepts for "no mask". */
  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return ((Array.isArray(mask) ? mask[0] : mask) ?? null) as tf.Tensor;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const [query, value, key] = tensorList(inputs) as [tf.Tensor, tf.Tensor?, tf.Tensor?];
      const masks = (Array.isArray(kwargs.mask) ? kwargs.mask : [kwargs.mask]) as (tf.Tensor | null | undefined)[];
      const valueMask = value ? masks[1] : masks[0];
      const keyMask = key ? masks[2] : valueMask;
      const both =
        valueMask && keyMask && valueMask !== keyMask ? tf.logicalAnd(valueMask, keyMask) : (valueMask ?? keyMask);
      return multiHeadAttention(
        { query, value, key, queryMask: masks[0] ?? undefined, valueMask: both ?? undefined },
        this.attentionWeights(),
        { useCausalMask: this.config.useCausalMask, dropout: this.config.dropout, training: kwargs.training === true },
      );
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { name: _n, trainable: _t, ...own } = this.config;
    return { ...super.getConfig(), ...(own as unknown as tf.serialization.ConfigDict) };
  }
}
tf.serialization.registerClass(MultiHeadAttentionLayer);

/**
 * Attention maps of a built MultiHeadAttention layer: probabilities [batch, heads, Tq, Tk]
 * for the given inputs with the layer's current weights (inference, so no dropout).
 */
export function layerAttentionScores(
  layer: MultiHeadAttentionLayer,
  query: tf.Tensor,
  value?: tf.Tensor,
  key?: tf.Tensor,
): tf.Tensor4D {
  return attentionProbabilities({ query, value, key }, layer.attentionWeights(), layer.config.useCausalMask);
}

const regularizerParam = (p: Params, key: string) => {
  const v = p[key];
  return isRegularizer(v) && (v.l1 !== 0 || v.l2 !== 0) ? v : null;
};

const nullableNum = (p: Params, key: string) => (typeof p[key] === 'number' ? (p[key] as number) : null);

export const attentionFactories: Record<string, LayerFactory> = {
  MultiHeadAttention: (a, p) =>
    new MultiHeadAttentionLayer({
      name: a.name as string,
      trainable: a.trainable as boolean,
      numHeads: num(p, 'num_heads', 2),
      keyDim: num(p, 'key_dim', 16),
      valueDim: nullableNum(p, 'value_dim'),
      dropout: num(p, 'dropout', 0),
      useBias: bool(p, 'use_bias', true),
      outputShape: nullableNum(p, 'output_shape'),
      attentionAxes: ints(p, 'attention_axes').length > 0 ? [...ints(p, 'attention_axes')] : null,
      useCausalMask: bool(p, 'use_causal_mask', false),
      kernelInitializer: a.kernelInitializer as string,
      biasInitializer: a.biasInitializer as string,
      kernelRegularizer: regularizerParam(p, 'kernel_regularizer'),
      biasRegularizer: regularizerParam(p, 'bias_regularizer'),
    }),
  PositionEmbedding: (a, p) =>
    new PositionEmbeddingLayer({
      name: a.name as string,
      trainable: a.trainable as boolean,
      sequenceLength: num(p, 'sequence_length', 128),
      initializer: a.initializer as string,
    }),
  TokenAndPositionEmbedding: (a, p) =>
    new TokenAndPositionEmbeddingLayer({
      name: a.name as string,
      trainable: a.trainable as boolean,
      vocabularySize: num(p, 'vocabulary_size', 1000),
      sequenceLength: num(p, 'sequence_length', 128),
      embeddingDim: num(p, 'embedding_dim', 64),
      embeddingsInitializer: a.embeddingsInitializer as string,
      maskZero: bool(p, 'mask_zero', false),
    }),
};
