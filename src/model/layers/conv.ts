import type { Params, Shape } from '../graph';
import { bool, type ParamDef } from '../params';
import { knownDim, transposedOutput, windowOutput } from '../shape-utils';
import type { LayerSpec, WeightSpec } from '../spec';
import {
  activation,
  activationSuffix,
  initializer,
  ints,
  join,
  kernelAndBias,
  num,
  padding,
  regularizer,
  str,
  times,
  useBias,
} from './common';
import {
  allOnes,
  causalPadding,
  channelsLastOnly,
  compactTuple,
  depthMultiplier,
  dilation,
  filters,
  type ImportOnly,
  kernelSize,
  lowerPadding,
  noDilation,
  noGroups,
  noOutputPadding,
  paddingText,
  readImportOnly,
  rejectImportOnly,
  requireFit,
  requireImage,
  requireSequence,
  requireStridesOrDilation,
  strides,
  writeImportOnly,
} from './conv-shared';

/**
 * conv: Conv1D/Conv2D. transpose: Conv2DTranspose (kernel stores filters before input channels).
 * separable: depthwise then 1×1 pointwise. depthwise: per-channel only, no filters.
 */
type ConvKind = 'conv' | 'transpose' | 'separable' | 'depthwise';

interface ConvOptions {
  readonly type: string;
  readonly kind: ConvKind;
  readonly rank: 1 | 2;
  readonly description: string;
  readonly params: readonly ParamDef[];
  readonly importOnly: readonly ImportOnly[];
  readonly aliases?: readonly string[];
}

function convInput(o: ConvOptions, inputs: readonly Shape[]): Shape {
  return o.rank === 1 ? requireSequence(inputs[0], 'Conv2D') : requireImage(inputs[0], 'Conv1D');
}

const ones = (rank: number) => Array.from({ length: rank }, () => 1);
/** Layers without a dilation param (Conv2DTranspose, DepthwiseConv2D) always run undilated in tfjs. */
const dilationOf = (o: ConvOptions, p: Params) =>
  o.params.some((d) => d.key === 'dilation_rate') ? ints(p, 'dilation_rate', ones(o.rank)) : ones(o.rank);

function inferConv(o: ConvOptions, inputs: readonly Shape[], p: Params): Shape {
  rejectImportOnly(o.importOnly, p);
  const x = convInput(o, inputs);
  const k = ints(p, 'kernel_size');
  const s = ints(p, 'strides');
  const d = dilationOf(o, p);
  const pad = str(p, 'padding', 'valid');
  requireStridesOrDilation(s, d);
  const spatial = x.slice(1, 1 + o.rank);
  let out;
  if (o.kind === 'transpose') {
    out = spatial.map((len, i) => transposedOutput(len, k[i] ?? 1, s[i] ?? 1, pad));
  } else {
    requireFit('kernel', spatial, k, pad, d);
    // Causal padding keeps the length exactly as 'same' does; it only moves the zeros to the start.
    const mode = pad === 'causal' ? 'same' : pad;
    out = spatial.map((len, i) => windowOutput(len, k[i] ?? 1, s[i] ?? 1, mode, d[i] ?? 1));
  }
  const cin = x[1 + o.rank] ?? null;
  const depthwiseOut = cin === null ? null : cin * num(p, 'depth_multiplier', 1);
  const channels = o.kind === 'depthwise' ? depthwiseOut : num(p, 'filters');
  return [x[0] ?? null, ...out, channels];
}

function convWeights(o: ConvOptions, inputs: readonly Shape[], p: Params): WeightSpec[] {
  const x = convInput(o, inputs);
  const cin = knownDim(x[1 + o.rank] ?? null, 'number of input channels (last dimension)');
  const k = [...ints(p, 'kernel_size')];
  const f = num(p, 'filters');
  const dm = num(p, 'depth_multiplier', 1);
  const bias = (n: number): WeightSpec[] =>
    bool(p, 'use_bias', true) ? [{ name: 'bias', shape: [n], trainable: true }] : [];
  switch (o.kind) {
    case 'conv':
      return [{ name: 'kernel', shape: [...k, cin, f], trainable: true }, ...bias(f)];
    case 'transpose':
      return [{ name: 'kernel', shape: [...k, f, cin], trainable: true }, ...bias(f)];
    case 'separable':
      return [
        { name: 'depthwise_kernel', shape: [...k, cin, dm], trainable: true },
        { name: 'pointwise_kernel', shape: [...ones(o.rank), cin * dm, f], trainable: true },
        ...bias(f),
      ];
    case 'depthwise':
      return [{ name: 'depthwise_kernel', shape: [...k, cin, dm], trainable: true }, ...bias(cin * dm)];
  }
}

function convSummary(o: ConvOptions, p: Params): string {
  const s = ints(p, 'strides');
  const d = dilationOf(o, p);
  const dm = num(p, 'depth_multiplier', 1);
  return join([
    o.kind !== 'depthwise' && num(p, 'filters'),
    times(p, 'kernel_size'),
    !allOnes(s) && `stride ${compactTuple(s)}`,
    !allOnes(d) && `dilation ${compactTuple(d)}`,
    paddingText(p),
    o.params.includes(depthMultiplier) && dm !== 1 && `depth ×${dm}`,
    ...activationSuffix(p),
  ]);
}

function convSpec(o: ConvOptions): LayerSpec {
  return {
    type: o.type,
    category: 'Convolution',
    description: o.description,
    inputs: { min: 1, max: 1 },
    params: o.params,
    summary: (p) => convSummary(o, p),
    inferShape: (inputs, p) => inferConv(o, inputs, p),
    weights: (inputs, p) => convWeights(o, inputs, p),
    keras: {
      className: o.type,
      ...(o.aliases ? { aliases: o.aliases } : {}),
      toConfig: (p, generic) => {
        writeImportOnly(o.importOnly, p, generic);
        return generic;
      },
      fromConfig: (config, generic) => {
        const out = { ...generic };
        lowerPadding(config, out);
        readImportOnly(o.importOnly, config, out);
        return out;
      },
    },
  };
}

export const convSpecs: LayerSpec[] = [
  convSpec({
    type: 'Conv2D',
    kind: 'conv',
    rank: 2,
    description: 'Slides learned filters over an image to detect local patterns such as edges and textures.',
    params: [filters, kernelSize(2), strides(2), padding, dilation(2), activation(), ...kernelAndBias()],
    importOnly: [channelsLastOnly, noGroups],
    aliases: ['Convolution2D'],
  }),
  convSpec({
    type: 'Conv1D',
    kind: 'conv',
    rank: 1,
    description: 'Slides learned filters along a sequence (time series, embedded text) to detect local patterns.',
    params: [filters, kernelSize(1), strides(1), causalPadding, dilation(1), activation(), ...kernelAndBias()],
    importOnly: [channelsLastOnly, noGroups],
    aliases: ['Convolution1D'],
  }),
  convSpec({
    type: 'Conv2DTranspose',
    kind: 'transpose',
    rank: 2,
    description: 'Learned upsampling, the reverse of a strided Conv2D: used in decoders and U-Nets.',
    params: [filters, kernelSize(2), strides(2), padding, activation(), ...kernelAndBias()],
    importOnly: [
      channelsLastOnly,
      noDilation('Conv2DTranspose', 'an UpSampling2D followed by a dilated Conv2D'),
      noOutputPadding,
    ],
    aliases: ['Convolution2DTranspose'],
  }),
  convSpec({
    type: 'SeparableConv2D',
    kind: 'separable',
    rank: 2,
    description: 'A Conv2D split into a per-channel spatial filter and a 1×1 channel mix: far fewer weights.',
    params: [
      filters,
      kernelSize(2),
      strides(2),
      padding,
      dilation(2),
      depthMultiplier,
      activation(),
      useBias,
      initializer('depthwise_initializer', 'Depthwise initializer', 'GlorotUniform'),
      initializer('pointwise_initializer', 'Pointwise initializer', 'GlorotUniform'),
      initializer('bias_initializer', 'Bias initializer', 'Zeros'),
      regularizer('depthwise_regularizer', 'Depthwise regularizer'),
      regularizer('pointwise_regularizer', 'Pointwise regularizer'),
      regularizer('bias_regularizer', 'Bias regularizer'),
    ],
    importOnly: [channelsLastOnly],
    aliases: ['SeparableConvolution2D'],
  }),
  convSpec({
    type: 'DepthwiseConv2D',
    kind: 'depthwise',
    rank: 2,
    description: 'Filters each channel on its own without mixing channels, as in MobileNet blocks.',
    params: [
      kernelSize(2),
      strides(2),
      padding,
      depthMultiplier,
      activation(),
      useBias,
      initializer('depthwise_initializer', 'Depthwise initializer', 'GlorotUniform'),
      initializer('bias_initializer', 'Bias initializer', 'Zeros'),
      regularizer('depthwise_regularizer', 'Depthwise regularizer'),
      regularizer('bias_regularizer', 'Bias regularizer'),
    ],
    importOnly: [channelsLastOnly, noDilation('DepthwiseConv2D', 'a SeparableConv2D, which supports dilation')],
  }),
];
