import { buildGraph } from '../../model/build';
import { pytorchFamily } from './family-tests';
import type { ParityCase } from './parity-check';

/** Embedding, SimpleRNN/LSTM/GRU (gate orders, go_backwards, sequences) and Bidirectional merges. */

const seq = { type: 'Input', params: { shape: [6, 4] } };

const CASES: ParityCase[] = [
  {
    name: 'lstm gru simple-rnn stacked',
    graph: buildGraph([
      seq,
      { type: 'LSTM', params: { units: 5, return_sequences: true } },
      {
        type: 'GRU',
        params: { units: 4, return_sequences: true, go_backwards: true, recurrent_activation: 'hard_sigmoid' },
      },
      { type: 'SimpleRNN', params: { units: 3, activation: 'relu', return_sequences: true } },
      { type: 'LSTM', params: { units: 3, go_backwards: true, use_bias: false, dropout: 0.2, recurrent_dropout: 0.2 } },
    ]),
    train: true,
  },
  ...(['concat', 'sum', 'mul', 'ave'] as const).map((mode, i) => ({
    name: `bidirectional ${['LSTM', 'GRU', 'SimpleRNN', 'LSTM'][i]} ${mode}`,
    graph: buildGraph([
      seq,
      {
        type: 'Bidirectional',
        params: {
          layer: ['LSTM', 'GRU', 'SimpleRNN', 'LSTM'][i] as string,
          units: 3,
          merge_mode: mode,
          return_sequences: i % 2 === 0,
          go_backwards: i === 2,
        },
      },
    ]),
    train: i === 0,
  })),
  {
    name: 'embedding into gru',
    graph: buildGraph([
      { type: 'Input', params: { shape: [7], dtype: 'int32' } },
      { type: 'Embedding', params: { input_dim: 12, output_dim: 4 } },
      { type: 'GRU', params: { units: 5 } },
      { type: 'Dense', params: { units: 2, activation: 'softmax' } },
    ]),
    maxId: 12,
    train: true,
  },
  {
    name: 'free sequence length',
    graph: buildGraph([
      { type: 'Input', params: { shape: [-1, 3] } },
      { type: 'LSTM', params: { units: 4, return_sequences: true } },
      { type: 'TimeDistributed', params: { units: 2 } },
      { type: 'GlobalAveragePooling1D' },
    ]),
  },
];

pytorchFamily('PyTorch export: embeddings and recurrent layers', CASES, 3);

