import type { LayerDraft } from '../../model/build';
import { ACTIVATIONS } from '../../model/params';
import { onnxFamily } from './family-tests';

/** Dense, the activations, dropouts and reshapes: ONNX Runtime gives tfjs's answer within 1e-4. */

const cases: Record<string, LayerDraft[]> = {
  'Dense + every activation': [
    { type: 'Input', params: { shape: [6] } },
    ...ACTIVATIONS.map((activation): LayerDraft => ({ type: 'Dense', params: { units: 6, activation } })),
  ],
  'Dense without bias on 3-D input, TimeDistributed': [
    { type: 'Input', params: { shape: [4, 5] } },
    { type: 'Dense', params: { units: 3, use_bias: false } },
    { type: 'TimeDistributed', params: { units: 2, activation: 'tanh' } },
  ],
  'activation layers': [
    { type: 'Input', params: { shape: [3, 4] } },
    { type: 'ReLU', params: { max_value: 0.3 } },
    { type: 'Dense', params: { units: 4 } },
    { type: 'ReLU' },
    { type: 'Dense', params: { units: 4 } },
    { type: 'LeakyReLU', params: { alpha: 0.2 } },
    { type: 'PReLU', params: { shared_axes: [1] } },
    { type: 'Dense', params: { units: 4 } },
    { type: 'PReLU' },
    { type: 'ELU' },
    { type: 'Activation', params: { activation: 'hard_sigmoid' } },
    { type: 'Dense', params: { units: 4 } },
    { type: 'Softmax' },
  ],
  'dropouts and reshapes': [
    { type: 'Input', params: { shape: [2, 3, 4] } },
    { type: 'SpatialDropout2D', params: { rate: 0.5 } },
    { type: 'Permute', params: { dims: [3, 1, 2] } },
    { type: 'Reshape', params: { target_shape: [-1, 6] } },
    { type: 'SpatialDropout1D' },
    { type: 'Flatten' },
    { type: 'Dropout' },
    { type: 'Dense', params: { units: 3 } },
    { type: 'RepeatVector', params: { n: 4 } },
  ],
};

onnxFamily('ONNX export: core layers and activations', cases);
