import type { LayerDraft } from '../../model/build';
import { onnxFamily } from './family-tests';

/**
 * Embedding and the recurrent layers: Keras's LSTM gate order (i, f, c, o) against ONNX's
 * (i, o, f, c), GRU with reset_after off (linear_before_reset 0), go_backwards, return_sequences,
 * and every Bidirectional merge mode around each recurrent class.
 */

const sequence: LayerDraft = { type: 'Input', params: { shape: [6, 3] } };

const cases: Record<string, LayerDraft[]> = {
  'LSTM sequences → LSTM backwards → last state': [
    sequence,
    { type: 'LSTM', params: { units: 5, return_sequences: true } },
    { type: 'LSTM', params: { units: 4, go_backwards: true } },
  ],
  'LSTM with hard_sigmoid gates, relu cells, backwards sequences, no bias': [
    sequence,
    {
      type: 'LSTM',
      params: {
        units: 4,
        recurrent_activation: 'hard_sigmoid',
        activation: 'relu',
        return_sequences: true,
        go_backwards: true,
      },
    },
    { type: 'LSTM', params: { units: 3, use_bias: false, activation: 'elu', recurrent_activation: 'sigmoid' } },
  ],
  'GRU (reset_after off), sequences and last state': [
    sequence,
    { type: 'GRU', params: { units: 5, return_sequences: true } },
    {
      type: 'GRU',
      params: { units: 3, go_backwards: true, recurrent_activation: 'hard_sigmoid', activation: 'softsign' },
    },
  ],
  'SimpleRNN tanh, relu and linear': [
    sequence,
    { type: 'SimpleRNN', params: { units: 4, return_sequences: true } },
    { type: 'SimpleRNN', params: { units: 4, activation: 'relu', return_sequences: true, go_backwards: true } },
    { type: 'SimpleRNN', params: { units: 2, activation: 'linear' } },
  ],
  'Bidirectional LSTM concat (sequences) → GRU sum → SimpleRNN': [
    sequence,
    { type: 'Bidirectional', params: { layer: 'LSTM', units: 4, return_sequences: true } },
    { type: 'Bidirectional', params: { layer: 'GRU', units: 3, return_sequences: true, merge_mode: 'sum' } },
    { type: 'Bidirectional', params: { layer: 'SimpleRNN', units: 3, merge_mode: 'concat' } },
  ],
  'Bidirectional mul and ave, last state, go_backwards inside': [
    sequence,
    {
      type: 'Bidirectional',
      params: { layer: 'GRU', units: 4, merge_mode: 'mul', return_sequences: true, go_backwards: true },
    },
    { type: 'Bidirectional', params: { layer: 'LSTM', units: 3, merge_mode: 'ave' } },
  ],
  'free sequence length, fixed batch: Bidirectional GRU → Conv1D → GlobalMaxPooling1D': [
    { type: 'Input', params: { shape: [-1, 3], batch_size: 4 } },
    { type: 'Bidirectional', params: { layer: 'GRU', units: 3, return_sequences: true } },
    { type: 'Conv1D', params: { filters: 2, kernel_size: [2], padding: 'same' } },
    { type: 'GlobalMaxPooling1D' },
  ],
  'Embedding (int32 ids) → LSTM → Dense': [
    { type: 'Input', params: { shape: [7], dtype: 'int32' } },
    { type: 'Embedding', params: { input_dim: 10, output_dim: 4 } },
    { type: 'LSTM', params: { units: 4 } },
    { type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
  ],
};

onnxFamily('ONNX export: embeddings and recurrent layers', cases);
