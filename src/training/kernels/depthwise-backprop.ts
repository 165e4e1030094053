import * as tf from '@tensorflow/tfjs';
import { filterGradAxis } from './conv-geometry';
import { inputGradPlan, spreadByStride } from './conv2d-backprop-input';
import { composite, noteFallback, type Info, type Shape4, type WasmScope } from './wasm-scope';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap };

function depthwiseInfo(
  xShape: Shape4,
  filterShape: Shape4,
  attrs: {
    strides: number | [number, number];
    dilations: number | [number, number];
    pad: tf.Conv2DBackpropInputAttrs['pad'];
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  },
): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
    'channelsLast',
  );
}

/**
 * DepthwiseConv2dNativeBackpropInput for wasm (missing in 4.22). Every output channel c·m+q reads
 * input channel c only, so dX = a depthwise convolution of spread dY with the reversed filter laid
 * out as [kh,kw,c·m,1], then a sum over the m multiplier channels of each input channel.
 */
export function depthwiseBackpropInput(args: KernelArgs): Info {
  const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  return composite(args.backend, (s) => {
    const { dy, filter } = args.inputs as { dy: Info; filter: Info };
    const [kh, kw, c, m] = filter.shape as Shape4;
    const info = depthwiseInfo(attrs.inputShape, filter.shape as Shape4, attrs);
    const { rows, cols } = inputGradPlan(info);
    const spread = s.cropSpatial(spreadByStride(s, dy, info.strideHeight, info.strideWidth), rows, cols);
    const flipped = s.reshape(s.reverse(filter, [0, 1]), [kh, kw, c * m, 1]);
    const dilations: [number, number] = [info.dilationHeight, info.dilationWidth];
    const perChannel = s.depthwiseConv2d(spread, flipped, [1, 1], dilations, [rows.pad, cols.pad]);
    if (m === 1) return perChannel;
    const [b, h, w] = attrs.inputShape;
    return s.sum(s.reshape(perChannel, [b, h, w, c, m]), [4]);
  });
}

/**
 * DepthwiseConv2dNativeBackpropFilter for wasm (missing in 4.22):
 *   dW[kh,kw,c,q] = Σ_{b,y,x} X[b, y·s+kh·d−top, x·s+kw·d−left, c] · dY[b,y,x,c·m+q].
 * Treating each (batch, channel) pair as a channel, that is one depthwise convolution of X as
 * [1,H,W,b·c] with dY as a [oh,ow,b·c,m] filter (dilated by the stride), summed over the batch.
 * Falls back to strided slices should the fast path throw.
 */
export function depthwiseBackpropFilter(args: KernelArgs): Info {
  const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  try {
    return composite(args.backend, (s) => filterViaConvolution(s, args.inputs, attrs));
  } catch (err) {
    noteFallback(tf.DepthwiseConv2dNativeBackpropFilter, err);
    return composite(args.backend, (s) => filterViaSlices(s, args.inputs, attrs));
  }
}

/** Exported for tests: the fallback on its own. */
export function depthwiseBackpropFilterGeneric(args: KernelArgs): Info {
  const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  return composite(args.backend, (s) => filterViaSlices(s, args.inputs, attrs));
}

function filterPlan(x: Info, attrs: tf.DepthwiseConv2dNativeBackpropFilterAttrs) {
  const info = depthwiseInfo(x.shape as Shape4, attrs.filterShape, attrs);
  const axis = (
    inSize: number,
    outSize: number,
    filterSize: number,
    stride: number,
    dilation: number,
    padBefore: number,
  ) => filterGradAxis({ inSize, outSize, filterSize, stride, dilation, padBefore });
  const rows = axis(
    info.inHeight,
    info.outHeight,
    info.filterHeight,
    info.strideHeight,
    info.dilationHeight,
    info.padInfo.top,
  );
  const cols = axis(
    info.inWidth,
    info.outWidth,
    info.filterWidth,
    info.strideWidth,
    info.dilationWidth,
    info.padInfo.left,
  );
  return { info, rows, cols };
}

function filterViaConvolution(
  s: WasmScope,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.DepthwiseConv2dNativeBackpropFilterAttrs,
): Info {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const [kh, kw, c, m] = attrs.filterShape;
  const { info, rows, cols } = filterPlan(x, attrs);
  const b = info.batchSize;
  const xT = s.reshape(s.transpose(x, [1, 2, 0, 3]), [1, info.inHeight, info.inWidth, b * c]);
  const dy5 = s.reshape(dy, [b, info.outHeight, info.outWidth, c, m]);
  const dyT = s.reshape(s.transpose(dy5, [1, 2, 0, 3, 4]), [info.outHeight, info.outWidth, b * c, m]);
  const strides: [number, number] = [info.dilationHeight, info.dilationWidth];
  const dilations: [number, number] = [info.strideHeight, info.strideWidth];
  const grad = s.depthwiseConv2d(s.cropSpatial(xT, rows, cols), dyT, strides, dilations, [rows.pad, cols.pad]);
  const perBatch = s.reshape(grad, [kh, kw, b, c * m]);
  return s.reshape(s.sum(perBatch, [2]), [kh, kw, c, m]);
}

/** One strided slice of padded X per filter tap, times dY, summed over batch and positions. */
function filterViaSlices(
  s: WasmScope,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.DepthwiseConv2dNativeBackpropFilterAttrs,
): Info {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const [kh, kw, c, m] = attrs.filterShape;
  const { info, rows, cols } = filterPlan(x, attrs);
  const { batchSize: b, outHeight: oh, outWidth: ow } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  let padded = s.cropSpatial(x, rows, cols);
  if (rows.pad.some(Boolean) || cols.pad.some(Boolean)) padded = s.pad(padded, [[0, 0], rows.pad, cols.pad, [0, 0]]);
  const dy5 = s.reshape(dy, [b, oh, ow, c, m]);
  const taps: Info[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const [r, q] = [i * dh, j * dw];
      const patch = s.run(
        tf.StridedSlice,
        { x: padded },
        {
          begin: [0, r, q, 0],
          end: [b, r + (oh - 1) * sh + 1, q + (ow - 1) * sw + 1, c],
          strides: [1, sh, sw, 1],
          beginMask: 0,
          endMask: 0,
          ellipsisMask: 0,
          newAxisMask: 0,
          shrinkAxisMask: 0,
        },
      );
      const product = s.run(tf.Multiply, { a: s.reshape(patch, [b, oh, ow, c, 1]), b: dy5 });
      taps.push(s.reshape(s.sum(product, [0, 1, 2]), [1, c, m]));
    }
  }
  const stacked =
    taps.length === 1 ? taps[0]! : s.run(tf.Concat, taps as unknown as tf.NamedTensorInfoMap, { axis: 0 });
  return s.reshape(stacked, [kh, kw, c, m]);
}

export const depthwiseBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropInput as unknown as tf.KernelFunc,
};

export const depthwiseBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropFilter as unknown as tf.KernelFunc,
};
