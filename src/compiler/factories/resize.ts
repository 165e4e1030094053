import * as tf from '@tensorflow/tfjs';
import type { Params } from '../../model/graph';
import { ints } from '../../model/params';
import type { TfjsArgs } from '../args';
import type { LayerFactory } from './types';

type Args<F extends (a: never) => unknown> = Parameters<F>[0];
type ShapeLike = (number | null)[];

/** [top, bottom, left, right] → tfjs's [[top, bottom], [left, right]]. */
function nested(p: Params, key: string): [[number, number], [number, number]] {
  const [t = 0, b = 0, l = 0, r = 0] = ints(p, key);
  return [
    [t, b],
    [l, r],
  ];
}

/**
 * tfjs 4.22 Cropping2D subtracts the crop from an unknown (null) height or width and reports
 * a negative size; Keras keeps it unknown. Keep unknown dims unknown.
 */
function cropping2d(a: TfjsArgs, p: Params): tf.layers.Layer {
  const layer = tf.layers.cropping2D({ ...a, cropping: nested(p, 'cropping') } as Args<typeof tf.layers.cropping2D>);
  const outputShape = layer.computeOutputShape.bind(layer);
  layer.computeOutputShape = (shape) => {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as ShapeLike;
    return (outputShape(s) as ShapeLike).map((d, i) => (s[i] === null || s[i] === undefined ? null : d));
  };
  return layer;
}

export const resizeFactories: Record<string, LayerFactory> = {
  ZeroPadding2D: (a, p) =>
    tf.layers.zeroPadding2d({ ...a, padding: nested(p, 'padding') } as Args<typeof tf.layers.zeroPadding2d>),
  Cropping2D: cropping2d,
  UpSampling2D: (a) => tf.layers.upSampling2d(a as Args<typeof tf.layers.upSampling2d>),
};
