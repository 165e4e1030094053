import type { Dim, Params, ParamValue, Shape } from '../graph';
import type { EnumParam, IntParam, IntsParam } from '../params';
import { requireRank } from '../shape-utils';
import { ShapeError } from '../spec';
import { padding, str } from './common';

/**
 * Helpers shared by the spatial families (convolution, pooling, padding/resizing): rank
 * checks with hints that fit what arrived, window-fit checks, and the Keras options that
 * TensorFlow.js cannot build.
 */

export const IMAGE_LAYOUT = '[batch, height, width, channels]';
export const SEQUENCE_LAYOUT = '[batch, steps, channels]';

/** A 4-D channels_last input; `sequenceAlternative` is the 1-D layer to suggest for 3-D data. */
export function requireImage(input: Shape | undefined, sequenceAlternative?: string): Shape {
  const rank = input?.length ?? 4;
  let hint = 'add a Reshape before it';
  if (sequenceAlternative) {
    hint =
      rank === 3
        ? `use ${sequenceAlternative} for sequence data, or add a Reshape before it`
        : `add a Reshape before it or use ${sequenceAlternative}`;
  }
  return requireRank(input, 4, IMAGE_LAYOUT, hint);
}

/** A 3-D channels_last input; `imageAlternative` is the 2-D layer to suggest for images. */
export function requireSequence(input: Shape | undefined, imageAlternative: string): Shape {
  let hint = 'add a Reshape before it';
  if (input?.length === 2) {
    const n = input[1];
    hint = `add a Reshape before it${typeof n === 'number' ? ` (to [${n}, 1] for one channel)` : ''}`;
  } else if (input?.length === 4) {
    hint = `use ${imageAlternative} for images, or add a Reshape before it`;
  }
  return requireRank(input, 3, SEQUENCE_LAYOUT, hint);
}

const text = (dims: readonly (number | null)[]) => dims.map((d) => (d === null ? '?' : String(d))).join('×');

/** `2` when every axis is the same, else `2×1`. */
export function compactTuple(values: readonly number[]): string {
  return values.every((v) => v === values[0]) ? String(values[0] ?? '') : values.join('×');
}

export const allOnes = (values: readonly number[]) => values.every((v) => v === 1);

/**
 * With padding 'valid' a window (dilated kernel or pool) must fit inside the input. `what`
 * is `kernel` or `pool`; the message names both sizes so the fix is obvious.
 */
export function requireFit(
  what: 'kernel' | 'pool',
  spatial: readonly Dim[],
  window: readonly number[],
  padding: string,
  dilation: readonly number[] = [],
) {
  if (padding !== 'valid') return;
  const spans = window.map((w, i) => (w - 1) * (dilation[i] ?? 1) + 1);
  const tooLarge = spans.some((s, i) => {
    const len = spatial[i];
    return len !== null && len !== undefined && s > len;
  });
  if (!tooLarge) return;
  const dilated = spans.some((s, i) => s !== window[i]);
  const size = dilated
    ? `${what} ${text(window)} with dilation ${compactTuple(dilation)} spans ${text(spans)}, which`
    : `${what} ${text(window)}`;
  const smaller = what === 'kernel' ? `a smaller kernel${dilated ? ' or dilation' : ''}` : 'a smaller pool size';
  throw new ShapeError(
    `${size} is larger than its ${text(spatial)} input; use ${smaller}, padding 'same', or a larger input`,
    0,
  );
}

/** Keras and TensorFlow.js both refuse strides > 1 combined with dilation > 1. */
export function requireStridesOrDilation(strides: readonly number[], dilation: readonly number[]) {
  if (!allOnes(strides) && !allOnes(dilation)) {
    throw new ShapeError(
      `uses strides ${compactTuple(strides)} together with dilation ${compactTuple(dilation)}; ` +
        'TensorFlow.js (like Keras) needs one of them to be 1, so set the strides or the dilation back to 1',
    );
  }
}

/**
 * A Keras option TensorFlow.js cannot build (channels_first, grouped convolution, …). It is not
 * a param, since nobody should pick it, but an imported model that uses it keeps the value
 * under `key`, so validation names the problem instead of silently building another model.
 */
export interface ImportOnly {
  readonly key: string;
  /** What export writes when the value is absent (the buildable default). */
  readonly written: unknown;
  /** True for the values we can build. */
  readonly fine: (v: unknown) => boolean;
  readonly problem: (v: ParamValue) => string;
}

const show = (v: ParamValue) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));
const isOneOrOnes = (v: unknown) => v === 1 || (Array.isArray(v) && v.every((x) => x === 1));

export const channelsLastOnly: ImportOnly = {
  key: 'data_format',
  written: 'channels_last',
  fine: (v) => v === null || v === 'channels_last',
  problem: (v) =>
    `uses data_format ${show(v)}; Layerloom builds channels_last models only, so save the Keras model ` +
    "with data_format='channels_last' (inputs as height, width, channels)",
};

export const noGroups: ImportOnly = {
  key: 'groups',
  written: 1,
  fine: (v) => v === null || v === 1,
  problem: (v) =>
    `uses groups=${show(v)} (grouped convolution), which TensorFlow.js cannot build; set groups to 1, ` +
    'or split the channels over separate convolutions joined with Concatenate',
};

export const noDilation = (layer: string, alternative: string): ImportOnly => ({
  key: 'dilation_rate',
  written: [1, 1],
  fine: (v) => v === null || isOneOrOnes(v),
  problem: (v) =>
    `uses dilation_rate ${show(v)}, which TensorFlow.js ${layer} cannot apply; set it to 1, or use ${alternative}`,
});

export const noOutputPadding: ImportOnly = {
  key: 'output_padding',
  written: null,
  fine: (v) => v === null,
  problem: (v) =>
    `uses output_padding ${show(v)}, which TensorFlow.js Conv2DTranspose does not support; ` +
    'remove it and add a ZeroPadding2D after this layer',
};

function asParamValue(v: unknown): ParamValue {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  return JSON.stringify(v);
}

/** Keeps the unbuildable values of an imported config (see ImportOnly). */
export function readImportOnly(
  list: readonly ImportOnly[],
  config: Record<string, unknown>,
  out: Record<string, unknown>,
) {
  for (const o of list) {
    const v = config[o.key];
    if (v !== undefined && !o.fine(v)) out[o.key] = asParamValue(v);
  }
}

export function writeImportOnly(list: readonly ImportOnly[], p: Params, config: Record<string, unknown>) {
  for (const o of list) config[o.key] = p[o.key] === undefined ? o.written : p[o.key];
}

export function rejectImportOnly(list: readonly ImportOnly[], p: Params) {
  for (const o of list) {
    const v = p[o.key];
    if (v !== undefined && !o.fine(v)) throw new ShapeError(o.problem(v));
  }
}

/** Keras writes padding modes in lower case, but older configs and hand edits may not. */
export function lowerPadding(config: Record<string, unknown>, out: Record<string, unknown>) {
  if (typeof config.padding === 'string') out.padding = config.padding.toLowerCase();
}

/** A tuple param whose Keras form may be one int (kernel sizes, strides, dilation). */
export const spatialTuple = (
  key: string,
  label: string,
  rank: number,
  def: number,
  help: string,
  min = 1,
): IntsParam => ({
  kind: 'ints',
  key,
  label,
  length: rank,
  default: Array.from({ length: rank }, () => def),
  min,
  max: 4096,
  scalarInKeras: true,
  help,
});

export const paddingText = (p: Params) => {
  const mode = str(p, 'padding', 'valid');
  return mode === 'valid' ? false : mode;
};

/* Params of the convolution family. */

export const filters: IntParam = {
  kind: 'int',
  key: 'filters',
  label: 'Filters',
  default: 32,
  min: 1,
  max: 65_536,
  help: 'Number of output channels: how many different patterns the layer learns to detect.',
};

export const depthMultiplier: IntParam = {
  kind: 'int',
  key: 'depth_multiplier',
  label: 'Depth multiplier',
  default: 1,
  min: 1,
  max: 1024,
  help: 'Output channels made from each input channel by the per-channel step.',
};

export const causalPadding: EnumParam = {
  ...padding,
  options: ['valid', 'same', 'causal'],
  help:
    `${padding.help} causal: pad only at the start, so step t never sees later steps ` +
    '(for forecasting and WaveNet-style models).',
};

export const kernelSize = (rank: 1 | 2) =>
  spatialTuple(
    'kernel_size',
    'Kernel size',
    rank,
    3,
    rank === 1
      ? 'Length of the window slid along the sequence.'
      : 'Height and width of the window slid over the image.',
  );
export const strides = (rank: 1 | 2) =>
  spatialTuple('strides', 'Strides', rank, 1, 'Step between windows; 2 halves the output size.');
export const dilation = (rank: 1 | 2) =>
  spatialTuple(
    'dilation_rate',
    'Dilation',
    rank,
    1,
    'Spacing between kernel taps: sees a wider area with the same weights. Must be 1 when strides are above 1.',
  );
