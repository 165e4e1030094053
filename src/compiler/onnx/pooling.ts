import { bool, ints, str } from '../../model/params';
import { INT64_MAX, range, type ConvertContext, type LayerConverter } from './builder';
import { padAttributes, windowPads } from './conv';
import { attr } from './proto';

/**
 * Pooling, padding, cropping and upsampling. Window pooling and Resize run channels-first in ONNX
 * and are wrapped in Transposes; the global pools, Pad and Slice work on the channels-last tensor.
 * Average pooling with padding 'same' leaves the padded zeros out of the mean, as TensorFlow does
 * (ONNX's count_include_pad = 0).
 */

function windowPool(op: 'MaxPool' | 'AveragePool'): LayerConverter {
  return {
    convert: (ctx: ConvertContext) => {
      const { b, node } = ctx;
      const x = ctx.inShapes[0]!;
      const rank = x.length - 2;
      const kernel = ints(node.params, 'pool_size');
      const given = ints(node.params, 'strides');
      // Empty strides is Keras's None: step by the pool size.
      const strides = given.length === 0 ? kernel : given;
      const pads = windowPads(str(node.params, 'padding', 'valid'), x.slice(1, 1 + rank), kernel, strides, []);
      const y = b.op(op, [b.toChannelsFirst(ctx.inputs[0]!, rank + 2)], {
        kernel_shape: attr.ints(kernel),
        strides: attr.ints(strides),
        ...padAttributes(pads),
      });
      return b.toChannelsLast(y, rank + 2);
    },
  };
}

function globalPool(op: 'ReduceMean' | 'ReduceMax'): LayerConverter {
  return {
    convert: ({ b, node, inputs, inShapes }) =>
      b.op(op, [inputs[0]!], {
        axes: attr.ints(range(1, inShapes[0]!.length - 1)),
        keepdims: attr.int(bool(node.params, 'keepdims') ? 1 : 0),
      }),
  };
}

/** [top, bottom, left, right] of the params. */
const sides = (ctx: ConvertContext, key: string) => {
  const [t = 0, bottom = 0, l = 0, r = 0] = ints(ctx.node.params, key);
  return { t, bottom, l, r };
};

export const poolingConverters: Record<string, LayerConverter> = {
  MaxPooling1D: windowPool('MaxPool'),
  MaxPooling2D: windowPool('MaxPool'),
  AveragePooling1D: windowPool('AveragePool'),
  AveragePooling2D: windowPool('AveragePool'),
  GlobalAveragePooling1D: globalPool('ReduceMean'),
  GlobalAveragePooling2D: globalPool('ReduceMean'),
  GlobalMaxPooling1D: globalPool('ReduceMax'),
  GlobalMaxPooling2D: globalPool('ReduceMax'),
  // Pad's pads are all the begins, then all the ends, over [N, H, W, C].
  ZeroPadding2D: {
    convert: (ctx) => {
      const { t, bottom, l, r } = sides(ctx, 'padding');
      return ctx.b.op('Pad', [ctx.inputs[0]!, ctx.b.int64s('pads', [0, t, l, 0, 0, bottom, r, 0])], {
        mode: attr.string('constant'),
      });
    },
  },
  // Ends counted from the end, so an unknown height or width works too.
  Cropping2D: {
    convert: (ctx) => {
      const { t, bottom, l, r } = sides(ctx, 'cropping');
      const { b } = ctx;
      const ends = [bottom > 0 ? -bottom : INT64_MAX, r > 0 ? -r : INT64_MAX];
      return b.op('Slice', [
        ctx.inputs[0]!,
        b.int64s('starts', [t, l]),
        b.int64s('ends', ends),
        b.int64s('axes', [1, 2]),
      ]);
    },
  },
  // tfjs resizes with align_corners and half_pixel_centers off: source = destination / scale.
  UpSampling2D: {
    convert: (ctx) => {
      const { b, node } = ctx;
      const [h = 1, w = 1] = ints(node.params, 'size');
      const bilinear = str(node.params, 'interpolation', 'nearest') === 'bilinear';
      const y = b.op('Resize', [b.toChannelsFirst(ctx.inputs[0]!, 4), '', b.floats('scales', [4], [1, 1, h, w])], {
        mode: attr.string(bilinear ? 'linear' : 'nearest'),
        coordinate_transformation_mode: attr.string('asymmetric'),
        ...(bilinear ? {} : { nearest_mode: attr.string('floor') }),
      });
      return b.toChannelsLast(y, 4);
    },
  },
};
