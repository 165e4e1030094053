import { buildGraph } from '../../model/build';
import { ACTIVATIONS } from '../../model/params';
import { pytorchFamily } from './family-tests';
import type { ParityCase } from './parity-check';

/** Dense, activations and dropout: the PyTorch export predicts what tfjs predicts. */

const CASES: ParityCase[] = [
  {
    // Each activation on its own output, on inputs wide enough to reach relu6's cap and
    // hard_sigmoid's clipping, so no later layer can dampen a difference.
    name: 'dense-activations',
    graph: buildGraph([
      { type: 'Input', params: { shape: [6] }, id: 'in' },
      ...ACTIVATIONS.map((activation) => ({ type: 'Dense', params: { units: 5, activation }, from: ['in'] })),
      { type: 'Dense', params: { units: 4, use_bias: false }, from: ['in'] },
    ]),
    batch: 8,
    inputScale: 8,
    train: true,
  },
  {
    name: 'activation-layers',
    graph: buildGraph([
      { type: 'Input', params: { shape: [4, 5] } },
      { type: 'Dense', params: { units: 6 } },
      { type: 'LeakyReLU', params: { alpha: 0.2 } },
      { type: 'Dense', params: { units: 6 } },
      { type: 'PReLU', params: { alpha_initializer: 'RandomNormal' } },
      { type: 'Dense', params: { units: 6 } },
      { type: 'PReLU', params: { shared_axes: [1] } },
      { type: 'ELU' },
      { type: 'ReLU', params: { max_value: 0.3 } },
      { type: 'Dropout', params: { rate: 0.3 } },
      { type: 'SpatialDropout1D', params: { rate: 0.2 } },
      { type: 'TimeDistributed', params: { units: 3, activation: 'tanh' } },
      { type: 'Activation', params: { activation: 'hard_sigmoid' } },
      { type: 'Softmax' },
    ]),
    train: true,
  },
  {
    name: 'frozen-dense',
    graph: buildGraph([
      { type: 'Input', params: { shape: [3] } },
      { type: 'Dense', params: { units: 4, activation: 'relu', trainable: false } },
      { type: 'Dense', params: { units: 2, activation: 'softmax' } },
    ]),
  },
];

pytorchFamily('PyTorch export: Dense, activations, dropout', CASES);

