import * as tf from '@tensorflow/tfjs';
import type { RegularizerValue } from '../../model/graph';
import { tfjsRegularizer } from '../args';

/**
 * Initializers and regularizers of the custom tfjs layers. The app builds them from plain
 * identifiers (so `model.toJSON` stays plain JSON); a Keras-style model.json (what the export
 * writes) hands them over as `{className, config}` objects, which tfjs's own registry rebuilds.
 */

type Initializer = NonNullable<Parameters<tf.layers.Layer['addWeight']>[3]>;
type Regularizer = NonNullable<Parameters<tf.layers.Layer['addWeight']>[4]>;
type InitializerMaker = (args?: object) => Initializer;

/** A serialised Keras object, in tfjs (`className`) or Keras (`class_name`) spelling. */
export interface SerializedObject {
  readonly className?: string;
  readonly class_name?: string;
  readonly config?: Record<string, unknown>;
}

/** Rebuilds an object tfjs has registered (GlorotUniform, VarianceScaling, L1L2, …). */
function fromRegistry<T>(o: SerializedObject, what: string): T {
  const name = o.className ?? o.class_name ?? '';
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[name];
  if (!entry) throw new Error(`unknown ${what} '${name}' in the layer config; tfjs has no class of that name`);
  const [cls, fromConfig] = entry;
  return fromConfig(cls, (o.config ?? {}) as tf.serialization.ConfigDict) as T;
}

/** A tfjs initializer identifier (`glorotUniform`, `zeros`, … as `tfjsInitializer` returns) or a serialised initializer. */
export function initializerFor(id: string | SerializedObject): Initializer {
  if (typeof id !== 'string') return fromRegistry<Initializer>(id, 'initializer');
  const make = (tf.initializers as unknown as Record<string, InitializerMaker | undefined>)[id];
  if (typeof make !== 'function') {
    throw new Error(
      `unknown tfjs initializer '${id}'; use one of glorotUniform, heNormal, randomUniform, zeros, ones, …`,
    );
  }
  return id === 'zeros' || id === 'ones' ? make() : make({});
}

/** `{l1, l2}` as the app keeps it, or a serialised L1L2; null or zero penalties: none. */
export function regularizerFor(r: RegularizerValue | SerializedObject | null | undefined): Regularizer | undefined {
  if (!r) return undefined;
  if ('l1' in r || 'l2' in r) return tfjsRegularizer(r as RegularizerValue);
  return fromRegistry<Regularizer>(r as SerializedObject, 'regularizer');
}
