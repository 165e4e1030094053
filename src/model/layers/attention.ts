import type { Params, Shape } from '../graph';
import { bool, type IntParam } from '../params';
import { describeShape, knownDim } from '../shape-utils';
import type { LayerSpec, WeightSpec } from '../spec';
import { ShapeError } from '../spec';
import { initializer, ints, join, kernelAndBias, num } from './common';

/**
 * Attention family: Keras 3 MultiHeadAttention and the keras_hub position embeddings a
 * Transformer block is built from. Weight names and order follow what Keras 3 writes.
 */

const PORTS = ['query', 'value', 'key'] as const;

/** A [batch, steps, features] input with known features, or a ShapeError naming the port. */
function sequenceInput(x: Shape | undefined, port: number, what: string): Shape {
  if (!x) throw new ShapeError(`has no ${what} input; connect a layer to it`, port);
  if (x.length !== 3) {
    throw new ShapeError(
      `needs a 3-D ${what} input [batch, steps, features] but receives ${describeShape(x)}; put an Embedding or a Reshape to [steps, features] before it`,
      port,
    );
  }
  if (x[2] === null || x[2] === undefined) {
    throw new ShapeError(
      `needs a known feature size on its ${what} input but it is unknown (?); give the Input a fixed shape`,
      port,
    );
  }
  return x;
}

/** Keras's `attention_axes`: only the sequence axis (1, or -2 of a 3-D input) runs here. */
function checkAttentionAxes(p: Params): void {
  const axes = ints(p, 'attention_axes');
  if (axes.length === 0 || (axes.length === 1 && (axes[0] === 1 || axes[0] === -2))) return;
  throw new ShapeError(
    `has attention_axes ${JSON.stringify(axes)}, but only attention over the sequence axis runs here; leave attention_axes empty (or [1])`,
  );
}

interface MhaDims {
  query: Shape;
  value: Shape;
  key: Shape;
  heads: number;
  keyDim: number;
  valueDim: number;
  outDim: number;
}

function mhaDims(inputs: readonly Shape[], p: Params): MhaDims {
  const query = sequenceInput(inputs[0], 0, PORTS[0]);
  const value = inputs[1] ? sequenceInput(inputs[1], 1, PORTS[1]) : query;
  const key = inputs[2] ? sequenceInput(inputs[2], 2, PORTS[2]) : value;
  const [tv, tk] = [value[1] ?? null, key[1] ?? null];
  if (tv !== null && tk !== null && tv !== tk) {
    throw new ShapeError(
      `has a key of ${tk} steps but a value of ${tv} steps; each key step scores one value step, so connect inputs of equal length`,
      2,
    );
  }
  checkAttentionAxes(p);
  const keyDim = num(p, 'key_dim', 16);
  const valueDim = p.value_dim === null || p.value_dim === undefined ? keyDim : num(p, 'value_dim');
  const outDim =
    p.output_shape === null || p.output_shape === undefined ? (query[2] as number) : num(p, 'output_shape');
  return { query, value, key, heads: num(p, 'num_heads', 2), keyDim, valueDim, outDim };
}

/** Keras 3 writes output_shape as an int or a one-element tuple; a longer one cannot run here. */
function readOutputShape(raw: unknown): number | null | undefined {
  if (raw === null || typeof raw === 'number') return raw;
  if (Array.isArray(raw) && raw.length === 1 && typeof raw[0] === 'number') return raw[0];
  if (Array.isArray(raw))
    throw new Error(
      `MultiHeadAttention output_shape ${JSON.stringify(raw)} is not supported: only one output feature size (an int) runs here`,
    );
  return undefined;
}

/** attention_axes null, an int or a list → our list (empty = null, Keras's default). */
function readAttentionAxes(raw: unknown): number[] {
  if (raw === null || raw === undefined) return [];
  const axes = typeof raw === 'number' ? [raw] : Array.isArray(raw) ? raw : null;
  if (!axes || axes.some((a) => typeof a !== 'number'))
    throw new Error(`MultiHeadAttention attention_axes ${JSON.stringify(raw)} is not a list of axes`);
  if (axes.length === 1 && (axes[0] === 1 || axes[0] === -2)) return axes as number[];
  throw new Error(
    `MultiHeadAttention attention_axes ${JSON.stringify(raw)} is not supported: only attention over the sequence axis (None, or 1) runs here`,
  );
}

export const MultiHeadAttention: LayerSpec = {
  type: 'MultiHeadAttention',
  category: 'Attention',
  description:
    'Each query step attends to the value steps (itself when only one input is connected); the heart of a Transformer.',
  inputs: { min: 1, max: 3 },
  params: [
    {
      kind: 'int',
      key: 'num_heads',
      label: 'Heads',
      default: 2,
      min: 1,
      max: 1024,
      help: 'Number of attention heads, each with its own query, key and value projections.',
    },
    {
      kind: 'int',
      key: 'key_dim',
      label: 'Key size',
      default: 16,
      min: 1,
      max: 100_000,
      help: 'Size of each head’s query and key vectors.',
    },
    {
      kind: 'int',
      key: 'value_dim',
      label: 'Value size',
      default: null,
      nullable: true,
      min: 1,
      max: 100_000,
      help: 'Size of each head’s value vectors. Empty: the key size.',
    },
    {
      kind: 'float',
      key: 'dropout',
      label: 'Dropout',
      default: 0,
      min: 0,
      max: 0.99,
      help: 'Fraction of attention weights dropped while training.',
    },
    ...kernelAndBias(),
    {
      kind: 'int',
      key: 'output_shape',
      label: 'Output size',
      default: null,
      nullable: true,
      min: 1,
      max: 100_000,
      help: 'Features of the output. Empty: the query’s features, so a residual Add fits.',
    },
    {
      kind: 'ints',
      key: 'attention_axes',
      label: 'Attention axes',
      length: null,
      minLength: 0,
      default: [],
      help: 'Axes attention runs over. Empty: the sequence axis, the only one supported here.',
    },
    {
      kind: 'bool',
      key: 'use_causal_mask',
      label: 'Causal mask',
      default: false,
      help: 'Each step attends only to itself and earlier steps (language models). In Keras 3 this is an argument of the call.',
    },
  ],
  summary: (p) =>
    join([`${num(p, 'num_heads', 2)} heads × ${num(p, 'key_dim', 16)}`, bool(p, 'use_causal_mask') && 'causal']),
  inferShape(inputs, p) {
    const d = mhaDims(inputs, p);
    return [d.query[0] ?? null, d.query[1] ?? null, d.outDim];
  },
  weights(inputs, p) {
    const d = mhaDims(inputs, p);
    const bias = bool(p, 'use_bias', true);
    const dense = (name: string, kernel: number[], biasShape: number[]): WeightSpec[] => [
      { name: `${name}/kernel`, shape: kernel, trainable: true },
      ...(bias ? [{ name: `${name}/bias`, shape: biasShape, trainable: true }] : []),
    ];
    return [
      ...dense('query', [d.query[2] as number, d.heads, d.keyDim], [d.heads, d.keyDim]),
      ...dense('key', [d.key[2] as number, d.heads, d.keyDim], [d.heads, d.keyDim]),
      ...dense('value', [d.value[2] as number, d.heads, d.valueDim], [d.heads, d.valueDim]),
      ...dense('attention_output', [d.heads, d.valueDim, d.outDim], [d.outDim]),
    ];
  },
  keras: {
    className: 'MultiHeadAttention',
    toConfig: (_p, generic) => ({
      ...generic,
      attention_axes: (generic.attention_axes as number[]).length === 0 ? null : generic.attention_axes,
    }),
    fromConfig: (config, generic) => {
      const out = { ...generic, attention_axes: readAttentionAxes(config.attention_axes) };
      const outputShape = readOutputShape(config.output_shape);
      return outputShape === undefined ? out : { ...out, output_shape: outputShape };
    },
  },
};

const sequenceLength: IntParam = {
  kind: 'int',
  key: 'sequence_length',
  label: 'Max sequence length',
  default: 128,
  min: 1,
  max: 1_000_000,
  help: 'Longest sequence the layer has positions for; inputs may be shorter.',
};

/** Steps T of an input must fit the learned positions. */
function checkLength(steps: number | null, p: Params, port = 0): void {
  const max = num(p, 'sequence_length', 128);
  if (steps !== null && steps > max) {
    throw new ShapeError(
      `has positions for ${max} steps but its input has ${steps}; raise sequence_length to at least ${steps} or shorten the input`,
      port,
    );
  }
}

export const PositionEmbedding: LayerSpec = {
  type: 'PositionEmbedding',
  category: 'Attention',
  description: 'Learned vector per position 0..steps-1, shaped like its input; Add it to the input so order counts.',
  inputs: { min: 1, max: 1 },
  params: [sequenceLength, initializer('initializer', 'Initializer', 'GlorotUniform')],
  summary: (p) => `≤ ${num(p, 'sequence_length', 128)} steps`,
  inferShape(inputs, p) {
    const x = sequenceInput(inputs[0], 0, 'sequence');
    checkLength(x[1] ?? null, p);
    return x;
  },
  weights(inputs, p) {
    const x = sequenceInput(inputs[0], 0, 'sequence');
    return [
      {
        name: 'embeddings',
        shape: [num(p, 'sequence_length', 128), knownDim(x[2] ?? null, 'feature size')],
        trainable: true,
      },
    ];
  },
  keras: { className: 'PositionEmbedding', aliases: ['keras_hub>PositionEmbedding', 'keras_nlp>PositionEmbedding'] },
};

export const TokenAndPositionEmbedding: LayerSpec = {
  type: 'TokenAndPositionEmbedding',
  category: 'Attention',
  description: 'Token ids → learned token vector plus learned position vector: [batch, steps] → [batch, steps, dim].',
  inputs: { min: 1, max: 1 },
  params: [
    {
      kind: 'int',
      key: 'vocabulary_size',
      label: 'Vocabulary size',
      default: 1000,
      min: 1,
      max: 10_000_000,
      help: 'Number of distinct token ids: the largest id plus one.',
    },
    sequenceLength,
    {
      kind: 'int',
      key: 'embedding_dim',
      label: 'Vector size',
      default: 64,
      min: 1,
      max: 100_000,
      help: 'Length of the token and position vectors.',
    },
    initializer('embeddings_initializer', 'Initializer', 'RandomUniform'),
    {
      kind: 'bool',
      key: 'mask_zero',
      label: 'Mask zero',
      default: false,
      help: 'Treat id 0 as padding: attention and recurrent layers after it skip those steps.',
    },
  ],
  summary: (p) =>
    join([
      `${num(p, 'vocabulary_size', 1000)} → ${num(p, 'embedding_dim', 64)}`,
      `≤ ${num(p, 'sequence_length', 128)} steps`,
      bool(p, 'mask_zero') && 'mask 0',
    ]),
  inferShape(inputs, p) {
    const x = inputs[0];
    if (!x) throw new ShapeError('has no input; connect a layer to it', 0);
    if (x.length !== 2) {
      throw new ShapeError(
        `needs a 2-D input [batch, steps] of token ids but receives ${describeShape(x)}; give it an int32 Input of shape [steps]`,
        0,
      );
    }
    checkLength(x[1] ?? null, p);
    return [x[0] ?? null, x[1] ?? null, num(p, 'embedding_dim', 64)];
  },
  weights: (_inputs, p) => [
    {
      name: 'token_embedding/embeddings',
      shape: [num(p, 'vocabulary_size', 1000), num(p, 'embedding_dim', 64)],
      trainable: true,
    },
    {
      name: 'position_embedding/embeddings',
      shape: [num(p, 'sequence_length', 128), num(p, 'embedding_dim', 64)],
      trainable: true,
    },
  ],
  keras: {
    className: 'TokenAndPositionEmbedding',
    aliases: ['keras_hub>TokenAndPositionEmbedding', 'keras_nlp>TokenAndPositionEmbedding'],
  },
};

export const attentionSpecs: LayerSpec[] = [MultiHeadAttention, PositionEmbedding, TokenAndPositionEmbedding];
