import type { Params, Shape } from './graph';
import type { ParamDef } from './params';

export type LayerCategory =
  | 'Input/Output'
  | 'Core'
  | 'Activation'
  | 'Convolution'
  | 'Pooling'
  | 'Recurrent'
  | 'Attention'
  | 'Normalization & Regularization'
  | 'Merge'
  | 'Reshape';

/**
 * Thrown by `inferShape` when the inputs do not fit. The message completes the sentence
 * "<Type> '<name>' …", e.g. "needs a 4-D input [batch, height, width, channels] but receives
 * [batch, 64]; add a Reshape before it or use Conv1D".
 */
export class ShapeError extends Error {
  constructor(
    message: string,
    /** Which input the problem is on, when it is one input's fault. */
    readonly port?: number,
  ) {
    super(message);
    this.name = 'ShapeError';
  }
}

/** One weight variable, in the order tfjs/Keras list `layer.weights`. */
export interface WeightSpec {
  /** Path relative to the layer, e.g. `kernel`, `forward_lstm/lstm_cell/bias`. */
  readonly name: string;
  readonly shape: readonly number[];
  readonly trainable: boolean;
}

/** What a spec must know to read its params back from a Keras layer config. */
export interface KerasMapping {
  /** Keras `class_name` written on export. */
  readonly className: string;
  /** Other class names accepted on import (aliases from Keras 3 or tfjs). */
  readonly aliases?: readonly string[];
  /**
   * Overrides of the generic mapping in `keras-config.ts`. `toConfig` gets the generic
   * config and returns the final one; `fromConfig` gets the generic params and the raw config.
   */
  readonly toConfig?: (params: Params, generic: Record<string, unknown>) => Record<string, unknown>;
  readonly fromConfig?: (config: Record<string, unknown>, generic: Record<string, unknown>) => Record<string, unknown>;
}

export interface LayerSpec {
  /** Registry key and default Keras class name. */
  readonly type: string;
  readonly category: LayerCategory;
  /** One line for the palette tooltip. */
  readonly description: string;
  /** How many incoming edges the layer takes. Input: 0–0; most layers: 1–1; merges: 2–∞. */
  readonly inputs: { readonly min: number; readonly max: number };
  /** Every param except `trainable`, which all layers share. */
  readonly params: readonly ParamDef[];
  /** Key params in short form for the node face, e.g. `32 · 3×3 · relu`. */
  summary(params: Params): string;
  /** Output shape (batch first). Throws ShapeError when the inputs do not fit. */
  inferShape(inputs: readonly Shape[], params: Params): Shape;
  /**
   * Weight variables in Keras order. Param counts derive from this, so the count and the
   * weights written on export can never disagree.
   */
  weights(inputs: readonly Shape[], params: Params): readonly WeightSpec[];
  readonly keras: KerasMapping;
}
