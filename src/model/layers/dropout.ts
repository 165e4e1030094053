import type { Params } from '../graph';
import type { ParamDef } from '../params';
import { requireMinRank, requireRank } from '../shape-utils';
import type { LayerSpec } from '../spec';
import { ShapeError } from '../spec';
import {
  channelsLastOnly,
  IMAGE_LAYOUT,
  readImportOnly,
  rejectImportOnly,
  SEQUENCE_LAYOUT,
  writeImportOnly,
} from './conv-shared';
import { num } from './common';

/**
 * Dropout layers: no weights, shape unchanged; they only act while training. Keras
 * `noise_shape` is not offered (the spatial variants cover its real uses) and is dropped on import.
 */

const dropoutParams: ParamDef[] = [
  {
    kind: 'float',
    key: 'rate',
    label: 'Rate',
    default: 0.5,
    min: 0,
    max: 1,
    help: 'Fraction of values set to zero at each training step, from 0 up to (not including) 1. 0.2–0.5 is common.',
  },
  {
    kind: 'int',
    key: 'seed',
    label: 'Seed',
    default: null,
    nullable: true,
    min: 0,
    help: 'Fixes the random pattern for repeatable runs. Empty: a new pattern each time.',
  },
];

/** A rate of 1 would zero everything (and divide by 0 to rescale); Keras and tfjs refuse it too. */
function requireRate(p: Params) {
  const rate = num(p, 'rate', 0.5);
  if (rate >= 1)
    throw new ShapeError(`has rate ${rate}, which would drop every value; use a rate below 1 (0.5 is common)`);
}

/** Keras 2 and tfjs write noise_shape even though it is always null here. */
const withNoiseShape = (generic: Record<string, unknown>) => ({ ...generic, noise_shape: null });

const Dropout: LayerSpec = {
  type: 'Dropout',
  category: 'Normalization & Regularization',
  description: 'Randomly zeroes a fraction of the values while training, so the model cannot lean on any single one.',
  inputs: { min: 1, max: 1 },
  params: dropoutParams,
  summary: (p) => String(num(p, 'rate', 0.5)),
  inferShape(inputs, p) {
    const x = requireMinRank(inputs[0], 2, 'batch and features');
    requireRate(p);
    return x;
  },
  weights: () => [],
  keras: { className: 'Dropout', toConfig: (_p, generic) => withNoiseShape(generic) },
};

const SpatialDropout1D: LayerSpec = {
  type: 'SpatialDropout1D',
  category: 'Normalization & Regularization',
  description: 'Dropout for sequences: zeroes whole channels (the same ones at every step) instead of single values.',
  inputs: { min: 1, max: 1 },
  params: dropoutParams,
  summary: (p) => String(num(p, 'rate', 0.5)),
  inferShape(inputs, p) {
    const n = inputs[0]?.length;
    const x = requireRank(
      inputs[0],
      3,
      SEQUENCE_LAYOUT,
      n === 4 ? 'use SpatialDropout2D for images' : 'use Dropout for flat features',
    );
    requireRate(p);
    return x;
  },
  weights: () => [],
  keras: { className: 'SpatialDropout1D', toConfig: (_p, generic) => withNoiseShape(generic) },
};

const SpatialDropout2D: LayerSpec = {
  type: 'SpatialDropout2D',
  category: 'Normalization & Regularization',
  description: 'Dropout for images: zeroes whole feature maps (channels) instead of single pixels.',
  inputs: { min: 1, max: 1 },
  params: dropoutParams,
  summary: (p) => String(num(p, 'rate', 0.5)),
  inferShape(inputs, p) {
    const n = inputs[0]?.length;
    const x = requireRank(
      inputs[0],
      4,
      IMAGE_LAYOUT,
      n === 3 ? 'use SpatialDropout1D for sequences' : 'use Dropout for flat features',
    );
    rejectImportOnly([channelsLastOnly], p);
    requireRate(p);
    return x;
  },
  weights: () => [],
  keras: {
    className: 'SpatialDropout2D',
    toConfig: (p, generic) => {
      const config = withNoiseShape(generic);
      writeImportOnly([channelsLastOnly], p, config);
      return config;
    },
    fromConfig: (config, generic) => {
      const out = { ...generic };
      readImportOnly([channelsLastOnly], config, out);
      return out;
    },
  },
};

export const dropoutSpecs: LayerSpec[] = [Dropout, SpatialDropout1D, SpatialDropout2D];
