import type { LayerSpec } from '../spec';
import { bigCount, limitText, MAX_INPUT_DIM, MAX_SAMPLE_VALUES } from '../size-limits';
import { ShapeError } from '../spec';
import { ints, join, num, str } from './common';

/** Bounds that keep every size computed downstream (counts, weight shapes) finite and sane. */
function checkInputSize(shape: readonly number[]): void {
  const huge = shape.findIndex((d) => d > MAX_INPUT_DIM);
  if (huge >= 0) {
    throw new ShapeError(
      `has a size of ${bigCount(shape[huge]!)} at position ${huge + 1} of its shape; each size can be at most ${limitText(MAX_INPUT_DIM)}. The shape is one sample without the batch, e.g. 28, 28, 1 for a small grayscale image`,
    );
  }
  const values = shape.reduce((p, d) => (d === -1 ? p : p * d), 1);
  if (values > MAX_SAMPLE_VALUES) {
    throw new ShapeError(
      `describes ${bigCount(values)} values per sample, more than the ${limitText(MAX_SAMPLE_VALUES)} a browser can hold; use a smaller shape (resize images before they enter the model, or shorten sequences)`,
    );
  }
}

export const InputLayer: LayerSpec = {
  type: 'Input',
  category: 'Input/Output',
  description: 'Where data enters the model. Its shape is one sample, without the batch.',
  inputs: { min: 0, max: 0 },
  params: [
    {
      kind: 'ints',
      key: 'shape',
      label: 'Shape',
      length: null,
      minLength: 1,
      default: [28, 28, 1],
      min: -1,
      help: 'Shape of one sample, e.g. 28, 28, 1 for a grayscale image or 4 for four features. -1 leaves a dimension free (any sequence length).',
    },
    {
      kind: 'int',
      key: 'batch_size',
      label: 'Fixed batch size',
      default: null,
      nullable: true,
      min: 1,
      // The Train page's largest batch; beyond it a fixed batch only risks absurd allocations.
      max: 65_536,
      help: 'Leave empty for any batch size (the usual choice).',
    },
    {
      kind: 'enum',
      key: 'dtype',
      label: 'Data type',
      options: ['float32', 'int32'],
      default: 'float32',
      help: 'int32 for token ids that feed an Embedding; float32 otherwise.',
    },
  ],
  summary: (p) => join([ints(p, 'shape').join('×'), str(p, 'dtype') === 'int32' && 'int32']),
  inferShape(inputs, p) {
    if (inputs.length > 0) throw new ShapeError('is an Input and cannot take an incoming connection', 0);
    const batch = p.batch_size === null || p.batch_size === undefined ? null : num(p, 'batch_size');
    const shape = ints(p, 'shape');
    const bad = shape.findIndex((d) => d === 0 || d < -1 || !Number.isInteger(d));
    if (bad >= 0) throw new ShapeError(`has an invalid size ${shape[bad]} at position ${bad + 1} of its shape; use a positive whole number, or -1 for a free length`);
    checkInputSize(shape);
    return [batch, ...shape.map((d) => (d === -1 ? null : d))];
  },
  weights: () => [],
  keras: {
    className: 'InputLayer',
    toConfig: (p) => ({
      batch_input_shape: [p.batch_size ?? null, ...ints(p, 'shape').map((d) => (d === -1 ? null : d))],
      dtype: str(p, 'dtype', 'float32'),
      sparse: false,
    }),
    fromConfig: (config, generic) => {
      const full = (config.batch_input_shape ?? config.batch_shape ?? config.batchInputShape) as unknown;
      const out = { ...generic };
      if (Array.isArray(full)) {
        out.batch_size = typeof full[0] === 'number' ? full[0] : null;
        out.shape = full.slice(1).map((d) => (typeof d === 'number' ? d : -1));
      }
      const dtype = config.dtype;
      const name = typeof dtype === 'string' ? dtype : ((dtype as { config?: { name?: string } })?.config?.name ?? '');
      out.dtype = name.startsWith('int') ? 'int32' : 'float32';
      return out;
    },
  },
};
