import type { LayerSpec } from '../spec';
import { ShapeError } from '../spec';
import { bool } from '../params';
import { describeShape } from '../shape-utils';
import { initializer, join, num, regularizer } from './common';
import { GRU, LSTM, SimpleRNN } from './rnn-shared';
import { Bidirectional, TimeDistributed } from './wrappers';

const Embedding: LayerSpec = {
  type: 'Embedding',
  category: 'Recurrent',
  description: 'Turns token ids (whole numbers) into learned vectors: [batch, steps] → [batch, steps, output dim].',
  inputs: { min: 1, max: 1 },
  params: [
    { kind: 'int', key: 'input_dim', label: 'Vocabulary size', default: 1000, min: 1, max: 10_000_000, help: 'Number of distinct token ids: the largest id plus one.' },
    { kind: 'int', key: 'output_dim', label: 'Vector size', default: 64, min: 1, max: 100_000, help: 'Length of the vector learned for each token.' },
    initializer('embeddings_initializer', 'Initializer', 'RandomUniform'),
    regularizer('embeddings_regularizer', 'Regularizer'),
    { kind: 'bool', key: 'mask_zero', label: 'Mask zero', default: false, help: 'Treat id 0 as padding: later recurrent layers skip those steps. Then real ids start at 1.' },
    { kind: 'int', key: 'input_length', label: 'Sequence length', default: null, nullable: true, min: 1, help: 'Fixed number of steps, when the Input leaves it free. Usually empty: the Input gives it.' },
  ],
  summary: (p) => join([`${num(p, 'input_dim')} → ${num(p, 'output_dim')}`, bool(p, 'mask_zero') && 'mask 0']),
  inferShape(inputs, p) {
    const x = inputs[0];
    if (!x) throw new ShapeError('has no input; connect a layer to it', 0);
    if (x.length !== 2) {
      throw new ShapeError(
        `needs a 2-D input [batch, steps] of token ids but receives ${describeShape(x)}; give it an int32 Input of shape [steps], or Flatten/Reshape the ids to one sequence per sample`,
        0,
      );
    }
    const fixed = p.input_length === null || p.input_length === undefined ? null : num(p, 'input_length');
    const steps = x[1] ?? null;
    if (fixed !== null && steps !== null && fixed !== steps) {
      throw new ShapeError(`has sequence length ${fixed} but its input has ${steps} steps; set it to ${steps} or leave it empty`, 0);
    }
    return [x[0] ?? null, steps ?? fixed, num(p, 'output_dim')];
  },
  weights: (_inputs, p) => [{ name: 'embeddings', shape: [num(p, 'input_dim'), num(p, 'output_dim')], trainable: true }],
  keras: { className: 'Embedding' },
};

export const recurrentSpecs: LayerSpec[] = [Embedding, SimpleRNN, LSTM, GRU, Bidirectional, TimeDistributed];
