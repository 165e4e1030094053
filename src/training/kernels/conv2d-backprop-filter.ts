import * as tf from '@tensorflow/tfjs';
import { filterGradAxis, type AxisFit } from './conv-geometry';
import { composite, noteFallback, type Info, type Shape4, type WasmScope } from './wasm-scope';

/**
 * Conv2DBackpropFilter for wasm, which tfjs-backend-wasm 4.22 lacks (so CNNs could not train):
 *   dW[kh,kw,ci,co] = Σ_{b,y,x} X[b, y·sh+kh−top, x·sw+kw−left, ci] · dY[b,y,x,co]
 * is one forward Conv2D (XNNPACK) whose input is X as [ci,H,W,b] and whose filter is dY as
 * [oh,ow,b,co], dilated by the stride; its [ci,kh,kw,co] result is transposed to [kh,kw,ci,co].
 * `conv2dBackpropFilterGeneric` (strided slices + MatMul) is the fallback should XNNPACK refuse.
 */
export function conv2dBackpropFilter(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): Info {
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  try {
    return composite(args.backend, (s) => viaConvolution(s, args.inputs, attrs));
  } catch (err) {
    noteFallback(tf.Conv2DBackpropFilter, err);
    return composite(args.backend, (s) => viaMatMul(s, args.inputs, attrs));
  }
}

/** Exported for tests: the fallback, checked against the cpu backend on its own. */
export function conv2dBackpropFilterGeneric(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): Info {
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  return composite(args.backend, (s) => viaMatMul(s, args.inputs, attrs));
}

interface Prepared {
  x: Info;
  dy: Info;
  info: tf.backend_util.Conv2DInfo;
  rows: AxisFit;
  cols: AxisFit;
}

function prepare(s: WasmScope, inputs: tf.NamedTensorInfoMap, attrs: tf.Conv2DBackpropFilterAttrs): Prepared {
  let x = inputs.x!;
  let dy = inputs.dy!;
  if (attrs.dataFormat === 'NCHW') {
    x = s.transpose(x, [0, 2, 3, 1]);
    dy = s.transpose(dy, [0, 2, 3, 1]);
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as Shape4,
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const rows = filterGradAxis({
    inSize: info.inHeight,
    outSize: info.outHeight,
    filterSize: info.filterHeight,
    stride: info.strideHeight,
    dilation: 1,
    padBefore: info.padInfo.top,
  });
  const cols = filterGradAxis({
    inSize: info.inWidth,
    outSize: info.outWidth,
    filterSize: info.filterWidth,
    stride: info.strideWidth,
    dilation: 1,
    padBefore: info.padInfo.left,
  });
  return { x, dy, info, rows, cols };
}

function viaConvolution(s: WasmScope, inputs: tf.NamedTensorInfoMap, attrs: tf.Conv2DBackpropFilterAttrs): Info {
  const { x, dy, info, rows, cols } = prepare(s, inputs, attrs);
  const xT = s.cropSpatial(s.transpose(x, [3, 1, 2, 0]), rows, cols); // [ci, H, W, b]
  const dyT = s.transpose(dy, [1, 2, 0, 3]); // [oh, ow, b, co]
  const grad = s.conv2d(xT, dyT, [1, 1], [info.strideHeight, info.strideWidth], [rows.pad, cols.pad]); // [ci, kh, kw, co]
  return s.transpose(grad, [1, 2, 0, 3]);
}

/**
 * dW[kh,kw] = patch(kh,kw)ᵀ · dY, where patch(kh,kw) is the strided slice of padded X that meets
 * filter tap (kh,kw): [b·oh·ow, ci]ᵀ × [b·oh·ow, co] per tap, stacked.
 */
function viaMatMul(s: WasmScope, inputs: tf.NamedTensorInfoMap, attrs: tf.Conv2DBackpropFilterAttrs): Info {
  const { x, dy, info, rows, cols } = prepare(s, inputs, attrs);
  const { batchSize: b, outHeight: oh, outWidth: ow, inChannels: ci, outChannels: co } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  let padded = s.cropSpatial(x, rows, cols);
  if (rows.pad.some(Boolean) || cols.pad.some(Boolean)) padded = s.pad(padded, [[0, 0], rows.pad, cols.pad, [0, 0]]);
  const dy2 = s.reshape(dy, [1, b * oh * ow, co]);
  const taps: Info[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const patch = s.run(
        tf.StridedSlice,
        { x: padded },
        {
          begin: [0, i, j, 0],
          end: [b, i + (oh - 1) * sh + 1, j + (ow - 1) * sw + 1, ci],
          strides: [1, sh, sw, 1],
          beginMask: 0,
          endMask: 0,
          ellipsisMask: 0,
          newAxisMask: 0,
          shrinkAxisMask: 0,
        },
      );
      const a = s.reshape(patch, [1, b * oh * ow, ci]);
      taps.push(s.run(tf.BatchMatMul, { a, b: dy2 }, { transposeA: true, transposeB: false }));
    }
  }
  const stacked =
    taps.length === 1 ? taps[0]! : s.run(tf.Concat, taps as unknown as tf.NamedTensorInfoMap, { axis: 0 });
  return s.reshape(stacked, [kh, kw, ci, co]);
}

export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc,
};
