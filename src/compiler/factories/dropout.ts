import * as tf from '@tensorflow/tfjs';
import type { LayerFactory } from './types';

type Args<F extends (...a: never[]) => unknown> = Parameters<F>[0];

interface SpatialDropoutArgs {
  name?: string;
  trainable?: boolean;
  rate: number;
  seed?: number;
}

/**
 * tfjs-layers 4.22 has SpatialDropout1D but no SpatialDropout2D, so this one stands in for it
 * under the Keras class name: while training it zeroes whole channels (noise shape
 * [batch, 1, 1, channels]); otherwise it passes its input through. A plain tfjs app loading
 * our model.json needs this class registered (tf.serialization.registerClass, done here).
 */
export class SpatialDropout2DLayer extends tf.layers.Layer {
  static readonly className = 'SpatialDropout2D';
  private readonly rate: number;
  private readonly seed: number | undefined;

  constructor(args: SpatialDropoutArgs) {
    super(args);
    this.rate = Math.max(Math.min(args.rate, 1), 0);
    this.seed = args.seed ?? undefined;
    this.inputSpec = [{ ndim: 4 }];
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (kwargs.training !== true || this.rate <= 0 || this.rate >= 1) return x;
    return tf.tidy(() => {
      const [batch, , , channels] = x.shape;
      return tf.dropout(x, this.rate, [batch as number, 1, 1, channels as number], this.seed);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, noiseShape: null, seed: this.seed ?? null };
  }
}
tf.serialization.registerClass(SpatialDropout2DLayer);

export const dropoutFactories: Record<string, LayerFactory> = {
  Dropout: (a) => tf.layers.dropout(a as unknown as Args<typeof tf.layers.dropout>),
  SpatialDropout1D: (a) => tf.layers.spatialDropout1d(a as unknown as Args<typeof tf.layers.spatialDropout1d>),
  SpatialDropout2D: (a) => new SpatialDropout2DLayer(a as unknown as SpatialDropoutArgs),
};
