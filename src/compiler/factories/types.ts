import type * as tf from '@tensorflow/tfjs';
import type { Params } from '../../model/graph';
import type { TfjsArgs } from '../args';

/** Builds the tfjs layer for one node from its generic args (see args.ts) and raw params. */
export type LayerFactory = (args: TfjsArgs, params: Params) => tf.layers.Layer;
