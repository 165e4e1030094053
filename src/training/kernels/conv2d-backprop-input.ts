import * as tf from '@tensorflow/tfjs';
import { inputGradAxis, type AxisFit } from './conv-geometry';
import { composite, noteFallback, type Info, type Shape4, type WasmScope } from './wasm-scope';

/**
 * Spreads dY [b,oh,ow,c] to [b, oh·sh, ow·sw, c] with sh−1 / sw−1 zeros after every element (a
 * free reshape, one Pad, a free reshape), so a strided gradient becomes a stride-1 convolution.
 */
export function spreadByStride(s: WasmScope, dy: Info, sh: number, sw: number): Info {
  if (sh === 1 && sw === 1) return dy;
  const [b, oh, ow, c] = dy.shape as Shape4;
  const split = s.reshape(dy, [b, oh, 1, ow, 1, c]);
  const spread = s.pad(split, [
    [0, 0],
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]);
  return s.reshape(spread, [b, oh * sh, ow * sw, c]);
}

/** Row and column plans for an input gradient, from the forward convolution's geometry. */
export function inputGradPlan(info: tf.backend_util.Conv2DInfo): { rows: AxisFit; cols: AxisFit } {
  return {
    rows: inputGradAxis({
      inSize: info.inHeight,
      outSize: info.outHeight,
      filterSize: info.filterHeight,
      stride: info.strideHeight,
      dilation: info.dilationHeight,
      padBefore: info.padInfo.top,
    }),
    cols: inputGradAxis({
      inSize: info.inWidth,
      outSize: info.outWidth,
      filterSize: info.filterWidth,
      stride: info.strideWidth,
      dilation: info.dilationWidth,
      padBefore: info.padInfo.left,
    }),
  };
}

function viaConvolution(s: WasmScope, inputs: tf.NamedTensorInfoMap, attrs: tf.Conv2DBackpropInputAttrs): Info {
  const nchw = attrs.dataFormat === 'NCHW';
  const inputShape = (nchw ? [0, 2, 3, 1].map((a) => attrs.inputShape[a]!) : attrs.inputShape) as Shape4;
  const dy = nchw ? s.transpose(inputs.dy!, [0, 2, 3, 1]) : inputs.dy!;
  const filter = inputs.filter!;
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as Shape4,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const { rows, cols } = inputGradPlan(info);
  const spread = s.cropSpatial(spreadByStride(s, dy, info.strideHeight, info.strideWidth), rows, cols);
  // Reversed taps with in/out swapped: [kh,kw,ci,co] → [kh,kw,co,ci].
  const flipped = s.transpose(s.reverse(filter, [0, 1]), [0, 1, 3, 2]);
  const dx = s.conv2d(spread, flipped, [1, 1], [1, 1], [rows.pad, cols.pad]);
  return nchw ? s.transpose(dx, [0, 3, 1, 2]) : dx;
}

/**
 * Replaces wasm's Conv2DBackpropInput (a plain C loop, about half of a CNN training step) with
 *   dX = Conv2D(spread(dY, stride) padded by k−1−pad, reverse(W) with in/out swapped)
 * on XNNPACK. The stock kernel stays as the fallback should the fast path throw. Conv2DTranspose's
 * forward pass runs through this kernel too.
 */
export function makeConv2dBackpropInput(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const backend = args.backend as tf.KernelBackend;
    try {
      return composite(backend, (s) => viaConvolution(s, args.inputs, attrs));
    } catch (err) {
      noteFallback(tf.Conv2DBackpropInput, err);
      return stock(args);
    }
  };
}
