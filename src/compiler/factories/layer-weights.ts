import * as tf from '@tensorflow/tfjs';
import type { RegularizerValue } from '../../model/graph';
import { tfjsRegularizer } from '../args';

/**
 * Initializers and regularizers of the custom tfjs layers, built from the plain identifiers
 * their configs store (so the configs stay JSON and survive `model.toJSON`).
 */

type Initializer = NonNullable<Parameters<tf.layers.Layer['addWeight']>[3]>;
type Regularizer = NonNullable<Parameters<tf.layers.Layer['addWeight']>[4]>;
type InitializerMaker = (args?: object) => Initializer;

/** A tfjs initializer identifier (`glorotUniform`, `zeros`, … as `tfjsInitializer` returns) → the initializer. */
export function initializerFor(id: string): Initializer {
  const make = (tf.initializers as unknown as Record<string, InitializerMaker | undefined>)[id];
  if (typeof make !== 'function') {
    throw new Error(
      `unknown tfjs initializer '${id}'; use one of glorotUniform, heNormal, randomUniform, zeros, ones, …`,
    );
  }
  return id === 'zeros' || id === 'ones' ? make() : make({});
}

export function regularizerFor(r: RegularizerValue | null | undefined): Regularizer | undefined {
  return tfjsRegularizer(r);
}
