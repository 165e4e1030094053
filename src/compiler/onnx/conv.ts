import type { Dim, Params } from '../../model/graph';
import { ints, str } from '../../model/params';
import { activationRefusal, applyActivation } from './activations';
import { permuteValues, range, type ConvertContext, type LayerBuilder, type LayerConverter } from './builder';
import { attr, type AttributeValue } from './proto';

/**
 * The convolution family. ONNX Conv runs channels-first, so each layer is
 * Transpose(NHWC→NCHW) → Conv → Transpose back; kernels are reordered at export time
 * (Keras [kh, kw, in, out] → ONNX [out, in, kh, kw]).
 */

/**
 * Begin and end padding per spatial axis, as TensorFlow pads: 'same' puts the odd extra at the
 * end (ONNX's SAME_UPPER), 'causal' puts it all before the first step. Null when a size is not
 * known until run time; then 'same' falls back on auto_pad SAME_UPPER, which computes the same.
 */
export function windowPads(
  mode: string,
  spatial: readonly Dim[],
  kernel: readonly number[],
  strides: readonly number[],
  dilation: readonly number[],
): number[] | null {
  const rank = kernel.length;
  const spans = kernel.map((k, i) => (k - 1) * (dilation[i] ?? 1) + 1);
  if (mode === 'valid') return new Array<number>(2 * rank).fill(0);
  if (mode === 'causal') return [spans[0]! - 1, 0];
  if (spatial.some((d) => d === null)) return null;
  const begin: number[] = [];
  const end: number[] = [];
  spatial.forEach((d, i) => {
    const s = strides[i] ?? 1;
    const out = Math.ceil((d as number) / s);
    const total = Math.max((out - 1) * s + spans[i]! - (d as number), 0);
    begin.push(Math.floor(total / 2));
    end.push(total - Math.floor(total / 2));
  });
  return [...begin, ...end];
}

/** pads or auto_pad, whichever the sizes allow (see windowPads). */
export function padAttributes(pads: number[] | null): Record<string, AttributeValue> {
  return pads === null ? { auto_pad: attr.string('SAME_UPPER') } : { pads: attr.ints(pads) };
}

const ones = (n: number) => new Array<number>(n).fill(1);

interface ConvGeometry {
  readonly rank: number;
  readonly kernel: readonly number[];
  readonly strides: readonly number[];
  readonly dilation: readonly number[];
  readonly spatial: readonly Dim[];
}

function geometry(ctx: ConvertContext): ConvGeometry {
  const x = ctx.inShapes[0]!;
  const rank = x.length - 2;
  const p = ctx.node.params;
  return {
    rank,
    kernel: ints(p, 'kernel_size'),
    strides: ints(p, 'strides', ones(rank)),
    dilation: ints(p, 'dilation_rate', ones(rank)),
    spatial: x.slice(1, 1 + rank),
  };
}

/** Keras kernel [...k, a, b] → ONNX [b, a, ...k] (Conv's [out, in, ...k]). */
function kernelToOnnx(values: Float32Array, shape: readonly number[]): { values: Float32Array; shape: number[] } {
  const rank = shape.length - 2;
  const perm = [rank + 1, rank, ...range(0, rank)];
  return { values: permuteValues(values, shape, perm), shape: perm.map((i) => shape[i]!) };
}

function biasInput(ctx: ConvertContext): string[] {
  if (!ctx.hasWeight('bias')) return [];
  const bias = ctx.weight('bias');
  return [ctx.b.floats('bias', bias.shape, bias.values)];
}

function conv(
  b: LayerBuilder,
  x: string,
  w: { values: Float32Array; shape: number[] },
  bias: string[],
  g: ConvGeometry,
  pads: number[] | null,
  group: number,
): string {
  return b.op('Conv', [x, b.floats('W', w.shape, w.values), ...bias], {
    kernel_shape: attr.ints(g.kernel),
    strides: attr.ints(g.strides),
    dilations: attr.ints(g.dilation),
    group: attr.int(group),
    ...padAttributes(pads),
  });
}

/** Runs `inner` on the channels-first form of the layer's input and applies the activation. */
function channelsFirst(ctx: ConvertContext, inner: (x: string, g: ConvGeometry) => string): string {
  const g = geometry(ctx);
  const { b } = ctx;
  const y = inner(b.toChannelsFirst(ctx.inputs[0]!, g.rank + 2), g);
  return applyActivation(b, b.toChannelsLast(y, g.rank + 2), str(ctx.node.params, 'activation', 'linear'));
}

const pads = (p: Params, g: ConvGeometry) =>
  windowPads(str(p, 'padding', 'valid'), g.spatial, g.kernel, g.strides, g.dilation);

/** Depthwise kernel [...k, C, M] → grouped Conv weight [C·M, 1, ...k]; output channel c·M + m, as in tfjs. */
function depthwiseWeight(values: Float32Array, shape: readonly number[]): { values: Float32Array; shape: number[] } {
  const w = kernelToOnnx(values, shape); // [M, C, ...k]
  const [m, c, ...k] = w.shape as [number, number, ...number[]];
  return { values: permuteValues(w.values, w.shape, [1, 0, ...range(2, w.shape.length)]), shape: [c * m, 1, ...k] };
}

/**
 * Conv2DTranspose: Keras kernel [kh, kw, out, in] → ConvTranspose [in, out, kh, kw]. Keras's
 * output size is in·s ('same') or in·s + max(k − s, 0) ('valid'); ONNX gives s·(in − 1) + k − pads
 * + output_padding, so a kernel longer than the stride is cropped (more at the end for 'same', as
 * TensorFlow does) and a shorter one is extended with output_padding.
 */
function convTranspose(ctx: ConvertContext, x: string, g: ConvGeometry): string {
  const k = ctx.weight('kernel');
  const w = {
    values: permuteValues(k.values, k.shape, [3, 2, 0, 1]),
    shape: [k.shape[3]!, k.shape[2]!, k.shape[0]!, k.shape[1]!],
  };
  const same = str(ctx.node.params, 'padding', 'valid') === 'same';
  const begin: number[] = [];
  const end: number[] = [];
  const extra: number[] = [];
  g.kernel.forEach((kk, i) => {
    const s = g.strides[i] ?? 1;
    const crop = same ? kk - s : 0;
    begin.push(crop > 0 ? Math.floor(crop / 2) : 0);
    end.push(crop > 0 ? crop - Math.floor(crop / 2) : 0);
    extra.push(Math.max(s - kk, 0));
  });
  return ctx.b.op('ConvTranspose', [x, ctx.b.floats('W', w.shape, w.values), ...biasInput(ctx)], {
    kernel_shape: attr.ints(g.kernel),
    strides: attr.ints(g.strides),
    pads: attr.ints([...begin, ...end]),
    output_padding: attr.ints(extra),
  });
}

const withActivation = (convert: LayerConverter['convert']): LayerConverter => ({
  refuse: (node) => activationRefusal(str(node.params, 'activation', 'linear')),
  convert,
});

const plainConv = withActivation((ctx) =>
  channelsFirst(ctx, (x, g) => {
    const k = ctx.weight('kernel');
    return conv(ctx.b, x, kernelToOnnx(k.values, k.shape), biasInput(ctx), g, pads(ctx.node.params, g), 1);
  }),
);

export const convConverters: Record<string, LayerConverter> = {
  Conv1D: plainConv,
  Conv2D: plainConv,
  Conv2DTranspose: withActivation((ctx) => channelsFirst(ctx, (x, g) => convTranspose(ctx, x, g))),
  DepthwiseConv2D: withActivation((ctx) =>
    channelsFirst(ctx, (x, g) => {
      const k = ctx.weight('depthwise_kernel');
      return conv(
        ctx.b,
        x,
        depthwiseWeight(k.values, k.shape),
        biasInput(ctx),
        g,
        pads(ctx.node.params, g),
        k.shape[2]!,
      );
    }),
  ),
  // Depthwise step (strides, dilation and padding apply here), then a 1×1 pointwise Conv with the bias.
  SeparableConv2D: withActivation((ctx) =>
    channelsFirst(ctx, (x, g) => {
      const dw = ctx.weight('depthwise_kernel');
      const pw = ctx.weight('pointwise_kernel');
      const depthwise = conv(
        ctx.b,
        x,
        depthwiseWeight(dw.values, dw.shape),
        [],
        g,
        pads(ctx.node.params, g),
        dw.shape[2]!,
      );
      const one = { rank: g.rank, kernel: ones(g.rank), strides: ones(g.rank), dilation: ones(g.rank), spatial: [] };
      return conv(
        ctx.b,
        depthwise,
        kernelToOnnx(pw.values, pw.shape),
        biasInput(ctx),
        one,
        new Array<number>(2 * g.rank).fill(0),
        1,
      );
    }),
  ),
};
