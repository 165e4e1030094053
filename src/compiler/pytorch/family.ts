import type { LayerNode, Shape } from '../../model/graph';
import type { WeightSpec } from '../../model/spec';

/**
 * One layer family of the PyTorch export: the Python classes model.py needs for it, and how a
 * node of it becomes a constructor call. Tensors stay in Keras layout (NHWC, NWC) between
 * layers; a family that needs torch's channels-first layout permutes inside its own forward.
 */

export interface PlannedLayer {
  readonly node: LayerNode;
  /** Shapes of the inputs, batch first, in input order. */
  readonly inShapes: readonly Shape[];
  readonly outShape: Shape;
  /** The weights in tfjs order; `trainable` is the spec's (false for statistics such as moving_mean). */
  readonly weights: readonly WeightSpec[];
}

export interface LayerCall {
  /** The Python class (defined by the family's `python`). */
  readonly cls: string;
  /** Keyword arguments after the common ones, as Python literals. */
  readonly kwargs: readonly (readonly [string, string])[];
}

export interface LayerFamily {
  readonly types: readonly string[];
  /**
   * Python source of the family's classes and helpers (using the runtime's Layer and ACTIVATIONS),
   * as snippets: a snippet two families share is written once.
   */
  readonly python: readonly string[];
  /** Why this node cannot be exported to PyTorch, or null when it can. */
  readonly refuse?: (layer: PlannedLayer) => string | null;
  readonly call: (layer: PlannedLayer) => LayerCall;
}
