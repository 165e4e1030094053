import * as tf from '@tensorflow/tfjs';
import { initializerFor, type SerializedObject } from './layer-weights';

/**
 * keras_hub's PositionEmbedding and TokenAndPositionEmbedding as tfjs layers, registered
 * under their class names (tf.serialization.registerClass): a plain tfjs app loading our
 * model.json needs this module imported first.
 */

export interface PositionEmbeddingConfig {
  name?: string;
  trainable?: boolean;
  sequenceLength: number;
  /** tfjs initializer identifier, or a serialised one from a Keras-style model.json. */
  initializer: string | SerializedObject;
}

/** The steps T of an input, checked against the positions there are. */
function stepsOf(x: tf.Tensor, sequenceLength: number, layer: string): number {
  const steps = x.shape[1] as number;
  if (steps > sequenceLength) {
    throw new Error(
      `${layer}: input has ${steps} steps but positions exist for ${sequenceLength}; raise sequence_length or shorten the input`,
    );
  }
  return steps;
}

/** [batch, T, dim] → the learned vectors of positions 0..T-1, broadcast to the input's shape. */
export class PositionEmbeddingLayer extends tf.layers.Layer {
  static readonly className = 'PositionEmbedding';
  readonly config: PositionEmbeddingConfig;
  private embeddings: tf.LayerVariable | null = null;

  constructor(config: PositionEmbeddingConfig) {
    super(config);
    this.config = config;
    this.supportsMasking = true;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const dim = shape[shape.length - 1] as number;
    this.embeddings = this.addWeight(
      'embeddings',
      [this.config.sequenceLength, dim],
      'float32',
      initializerFor(this.config.initializer),
    );
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      const steps = stepsOf(x, this.config.sequenceLength, `PositionEmbedding '${this.name}'`);
      const table = (this.embeddings as tf.LayerVariable).read();
      return tf.broadcastTo(tf.slice(table, [0, 0], [steps, -1]), x.shape);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const own = { sequenceLength: this.config.sequenceLength, initializer: this.config.initializer };
    return { ...super.getConfig(), ...(own as unknown as tf.serialization.ConfigDict) };
  }
}
tf.serialization.registerClass(PositionEmbeddingLayer);

export interface TokenAndPositionEmbeddingConfig {
  name?: string;
  trainable?: boolean;
  vocabularySize: number;
  sequenceLength: number;
  embeddingDim: number;
  /** tfjs initializer identifier (or serialised), for both tables (keras_hub clones it for the positions). */
  embeddingsInitializer: string | SerializedObject;
  maskZero: boolean;
}

/** int ids [batch, T] → token vector + position vector [batch, T, dim]; id 0 masked when maskZero. */
export class TokenAndPositionEmbeddingLayer extends tf.layers.Layer {
  static readonly className = 'TokenAndPositionEmbedding';
  readonly config: TokenAndPositionEmbeddingConfig;
  private tables: tf.LayerVariable[] = [];

  constructor(config: TokenAndPositionEmbeddingConfig) {
    super(config);
    this.config = config;
    this.supportsMasking = true;
  }

  override build(): void {
    const c = this.config;
    this.tables = [
      this.addWeight(
        'token_embedding/embeddings',
        [c.vocabularySize, c.embeddingDim],
        'float32',
        initializerFor(c.embeddingsInitializer),
      ),
      this.addWeight(
        'position_embedding/embeddings',
        [c.sequenceLength, c.embeddingDim],
        'float32',
        initializerFor(c.embeddingsInitializer),
      ),
    ];
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0] ?? null, shape[1] ?? null, this.config.embeddingDim];
  }

  /** tfjs's typing lacks the null it accepts for "no mask". */
  override computeMask(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    if (!this.config.maskZero) return null as unknown as tf.Tensor;
    const ids = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    return tf.notEqual(ids, 0);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const ids = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      const steps = stepsOf(ids, this.config.sequenceLength, `TokenAndPositionEmbedding '${this.name}'`);
      const [tokens, positions] = this.tables.map((t) => t.read()) as [tf.Tensor, tf.Tensor];
      const vectors = tf.gather(tokens, tf.cast(ids, 'int32'));
      return tf.add(vectors, tf.slice(positions, [0, 0], [steps, -1]));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { name: _n, trainable: _t, ...own } = this.config;
    return { ...super.getConfig(), ...(own as unknown as tf.serialization.ConfigDict) };
  }
}
tf.serialization.registerClass(TokenAndPositionEmbeddingLayer);
