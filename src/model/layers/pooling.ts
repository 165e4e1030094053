import type { Params, Shape } from '../graph';
import type { BoolParam, IntsParam } from '../params';
import { bool, ints } from '../params';
import { windowOutput } from '../shape-utils';
import type { LayerSpec } from '../spec';
import { ShapeError } from '../spec';
import { join, padding, str, times } from './common';
import {
  channelsLastOnly,
  compactTuple,
  lowerPadding,
  paddingText,
  readImportOnly,
  rejectImportOnly,
  requireFit,
  requireImage,
  requireSequence,
  spatialTuple,
  writeImportOnly,
} from './conv-shared';

const importOnly = [channelsLastOnly];

/**
 * Keras strides=None means "step by the pool size". Params have no nullable tuple, so an empty
 * list stands for None: it follows the pool size when that changes, as Keras does.
 */
const poolStrides: IntsParam = {
  kind: 'ints',
  key: 'strides',
  label: 'Strides',
  length: null,
  default: [],
  min: 1,
  max: 4096,
  help: 'Step between windows. Leave empty to step by the pool size (the Keras default), so windows do not overlap.',
};

const keepdims: BoolParam = {
  kind: 'bool',
  key: 'keepdims',
  label: 'Keep dims',
  default: false,
  help: 'Keep the pooled axes as size 1 ([batch, 1, 1, channels]) instead of dropping them.',
};

type Mode = 'Max' | 'Average';

const poolInput = (rank: 1 | 2, mode: Mode, inputs: readonly Shape[], global: boolean) => {
  const prefix = global ? `Global${mode}Pooling` : `${mode}Pooling`;
  return rank === 1 ? requireSequence(inputs[0], `${prefix}2D`) : requireImage(inputs[0], `${prefix}1D`);
};

function strideList(p: Params, rank: number): readonly number[] {
  const s = ints(p, 'strides');
  if (s.length !== 0 && s.length !== rank) {
    throw new ShapeError(
      `has ${s.length} stride values but needs ${rank} (or none, to step by the pool size); fix Strides`,
    );
  }
  return s.length === 0 ? ints(p, 'pool_size') : s;
}

function windowPool(mode: Mode, rank: 1 | 2): LayerSpec {
  const type = `${mode}Pooling${rank}D`;
  const pool = spatialTuple(
    'pool_size',
    'Pool size',
    rank,
    2,
    rank === 1
      ? 'Length of the window each output summarises.'
      : 'Height and width of the window each output summarises.',
  );
  const what = rank === 1 ? 'sequence' : 'image';
  return {
    type,
    category: 'Pooling',
    description:
      mode === 'Max'
        ? `Keeps the largest value in each window: shrinks the ${what} and keeps the strongest responses.`
        : `Averages each window: shrinks the ${what} smoothly.`,
    inputs: { min: 1, max: 1 },
    params: [pool, poolStrides, padding],
    summary: (p) => {
      const s = ints(p, 'strides');
      const k = ints(p, 'pool_size');
      const differs = s.length > 0 && s.some((v, i) => v !== k[i]);
      return join([times(p, 'pool_size'), differs && `stride ${compactTuple(s)}`, paddingText(p)]);
    },
    inferShape(inputs, p) {
      rejectImportOnly(importOnly, p);
      const x = poolInput(rank, mode, inputs, false);
      const k = ints(p, 'pool_size');
      const s = strideList(p, rank);
      const pad = str(p, 'padding', 'valid');
      const spatial = x.slice(1, 1 + rank);
      requireFit('pool', spatial, k, pad);
      const out = spatial.map((len, i) => windowOutput(len, k[i] ?? 1, s[i] ?? 1, pad));
      return [x[0] ?? null, ...out, x[1 + rank] ?? null];
    },
    weights: () => [],
    keras: {
      className: type,
      aliases: [`${mode === 'Max' ? 'Max' : 'Avg'}Pool${rank}D`],
      toConfig: (p, generic) => {
        const s = ints(p, 'strides');
        writeImportOnly(importOnly, p, generic);
        return { ...generic, strides: s.length === 0 ? null : [...s] };
      },
      fromConfig: (config, generic) => {
        const out = { ...generic };
        if (typeof config.strides === 'number') out.strides = Array.from({ length: rank }, () => config.strides);
        lowerPadding(config, out);
        readImportOnly(importOnly, config, out);
        return out;
      },
    },
  };
}

function globalPool(mode: Mode, rank: 1 | 2): LayerSpec {
  const type = `Global${mode}Pooling${rank}D`;
  const over = rank === 1 ? 'all steps' : 'the whole height and width';
  return {
    type,
    category: 'Pooling',
    description: `${mode === 'Max' ? 'Takes the maximum' : 'Averages'} over ${over}: one value per channel.`,
    inputs: { min: 1, max: 1 },
    params: [keepdims],
    summary: (p) => (bool(p, 'keepdims') ? 'keepdims' : ''),
    inferShape(inputs, p) {
      rejectImportOnly(importOnly, p);
      const x = poolInput(rank, mode, inputs, true);
      const channels = x[1 + rank] ?? null;
      const kept = bool(p, 'keepdims') ? Array.from({ length: rank }, () => 1) : [];
      return [x[0] ?? null, ...kept, channels];
    },
    weights: () => [],
    keras: {
      className: type,
      aliases: [`Global${mode === 'Max' ? 'Max' : 'Avg'}Pool${rank}D`],
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
}

export const poolingSpecs: LayerSpec[] = [
  windowPool('Max', 2),
  windowPool('Average', 2),
  globalPool('Average', 2),
  globalPool('Max', 2),
  windowPool('Max', 1),
  windowPool('Average', 1),
  globalPool('Average', 1),
  globalPool('Max', 1),
];
