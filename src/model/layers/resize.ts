import type { Dim, Params } from '../graph';
import type { EnumParam, IntsParam } from '../params';
import type { LayerSpec } from '../spec';
import { ShapeError } from '../spec';
import { ints, join, str } from './common';
import {
  channelsLastOnly,
  compactTuple,
  readImportOnly,
  rejectImportOnly,
  requireImage,
  spatialTuple,
  writeImportOnly,
} from './conv-shared';

const importOnly = [channelsLastOnly];

/** Our form of ZeroPadding2D padding and Cropping2D cropping: [top, bottom, left, right]. */
const sides = (key: string, label: string, def: number, help: string): IntsParam => ({
  kind: 'ints',
  key,
  label,
  length: 4,
  default: [def, def, def, def],
  min: 0,
  max: 4096,
  help,
});

const isPair = (v: unknown): v is [number, number] =>
  Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number');

/**
 * Keras takes an int (all four sides), a pair (height, width: both sides of each) or
 * ((top, bottom), (left, right)); tfjs writes the nested form.
 */
export function readSides(raw: unknown): number[] | undefined {
  if (typeof raw === 'number') return [raw, raw, raw, raw];
  if (isPair(raw)) return [raw[0], raw[0], raw[1], raw[1]];
  if (Array.isArray(raw) && raw.length === 2 && isPair(raw[0]) && isPair(raw[1])) {
    return [raw[0][0], raw[0][1], raw[1][0], raw[1][1]];
  }
  if (Array.isArray(raw) && raw.length === 4 && raw.every((x) => typeof x === 'number')) return raw as number[];
  return undefined;
}

const nested = (s: readonly number[]) => [
  [s[0] ?? 0, s[1] ?? 0],
  [s[2] ?? 0, s[3] ?? 0],
];

/** `2` when all sides match, else the non-zero sides with arrows: `↓1 →1`. */
function sidesText(s: readonly number[]): string {
  if (s.every((v) => v === s[0])) return String(s[0] ?? 0);
  return ['↑', '↓', '←', '→']
    .map((arrow, i) => ((s[i] ?? 0) === 0 ? '' : `${arrow}${s[i]}`))
    .filter(Boolean)
    .join(' ');
}

function sidesKeras(key: string) {
  return {
    toConfig: (p: Params, generic: Record<string, unknown>) => {
      writeImportOnly(importOnly, p, generic);
      return { ...generic, [key]: nested(ints(p, key)) };
    },
    fromConfig: (config: Record<string, unknown>, generic: Record<string, unknown>) => {
      const out = { ...generic };
      const read = readSides(config[key]);
      if (read) out[key] = read;
      readImportOnly(importOnly, config, out);
      return out;
    },
  };
}

const add = (d: Dim, n: number): Dim => (d === null ? null : d + n);

const ZeroPadding2D: LayerSpec = {
  type: 'ZeroPadding2D',
  category: 'Reshape',
  description: 'Adds rows and columns of zeros around the image, e.g. so a valid convolution keeps the border.',
  inputs: { min: 1, max: 1 },
  params: [sides('padding', 'Padding', 1, 'Rows/columns of zeros to add: top, bottom, left, right.')],
  summary: (p) => `pad ${sidesText(ints(p, 'padding'))}`,
  inferShape(inputs, p) {
    rejectImportOnly(importOnly, p);
    const x = requireImage(inputs[0]);
    const [t = 0, b = 0, l = 0, r = 0] = ints(p, 'padding');
    return [x[0] ?? null, add(x[1] ?? null, t + b), add(x[2] ?? null, l + r), x[3] ?? null];
  },
  weights: () => [],
  keras: { className: 'ZeroPadding2D', ...sidesKeras('padding') },
};

function cropAxis(length: Dim, a: number, b: number, axis: 'height' | 'width'): Dim {
  if (length === null) return null;
  if (length - a - b >= 1) return length - a - b;
  const [first, second, unit] = axis === 'height' ? ['top', 'bottom', 'row'] : ['left', 'right', 'column'];
  throw new ShapeError(
    `crops ${a + b} ${unit}s (${first} ${a} + ${second} ${b}) from a ${axis} of ${length}, leaving nothing; ` +
      `crop fewer than ${length} ${unit}s in total`,
    0,
  );
}

const Cropping2D: LayerSpec = {
  type: 'Cropping2D',
  category: 'Reshape',
  description: 'Cuts rows and columns off the edges of the image, e.g. to match a skip connection in a U-Net.',
  inputs: { min: 1, max: 1 },
  params: [sides('cropping', 'Cropping', 0, 'Rows/columns to remove: top, bottom, left, right.')],
  summary: (p) => `crop ${sidesText(ints(p, 'cropping'))}`,
  inferShape(inputs, p) {
    rejectImportOnly(importOnly, p);
    const x = requireImage(inputs[0]);
    const [t = 0, b = 0, l = 0, r = 0] = ints(p, 'cropping');
    return [x[0] ?? null, cropAxis(x[1] ?? null, t, b, 'height'), cropAxis(x[2] ?? null, l, r, 'width'), x[3] ?? null];
  },
  weights: () => [],
  keras: { className: 'Cropping2D', ...sidesKeras('cropping') },
};

const interpolation: EnumParam = {
  kind: 'enum',
  key: 'interpolation',
  label: 'Interpolation',
  options: ['nearest', 'bilinear'],
  default: 'nearest',
  help: 'nearest repeats each pixel (blocky); bilinear blends neighbours (smooth).',
};

const UpSampling2D: LayerSpec = {
  type: 'UpSampling2D',
  category: 'Reshape',
  description: 'Enlarges the image by repeating (or blending) pixels; no weights. Often followed by a Conv2D.',
  inputs: { min: 1, max: 1 },
  params: [spatialTuple('size', 'Size', 2, 2, 'Factor to enlarge height and width by.'), interpolation],
  summary: (p) => join([`×${compactTuple(ints(p, 'size'))}`, str(p, 'interpolation') === 'bilinear' && 'bilinear']),
  inferShape(inputs, p) {
    rejectImportOnly(importOnly, p);
    const x = requireImage(inputs[0]);
    const [h = 1, w = 1] = ints(p, 'size');
    const scale = (d: Dim, f: number): Dim => (d === null ? null : d * f);
    return [x[0] ?? null, scale(x[1] ?? null, h), scale(x[2] ?? null, w), x[3] ?? null];
  },
  weights: () => [],
  keras: {
    className: 'UpSampling2D',
    toConfig: (p, generic) => {
      writeImportOnly(importOnly, p, generic);
      return generic;
    },
    fromConfig: (config, generic) => {
      const out = { ...generic };
      readImportOnly(importOnly, config, out);
      return out;
    },
  },
};

export const resizeSpecs: LayerSpec[] = [ZeroPadding2D, Cropping2D, UpSampling2D];
