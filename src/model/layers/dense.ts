import type { LayerSpec } from '../spec';
import { knownDim, lastDim, requireMinRank } from '../shape-utils';
import { activation, activationSuffix, join, kernelAndBias, num } from './common';
import { bool } from '../params';

export const Dense: LayerSpec = {
  type: 'Dense',
  category: 'Core',
  description: 'Fully connected layer: every output unit sees every input feature.',
  inputs: { min: 1, max: 1 },
  params: [
    { kind: 'int', key: 'units', label: 'Units', default: 64, min: 1, max: 1_000_000, help: 'Number of output features.' },
    activation('linear'),
    ...kernelAndBias(),
  ],
  summary: (p) => join([num(p, 'units'), ...activationSuffix(p)]),
  inferShape(inputs, p) {
    const x = requireMinRank(inputs[0], 2, 'batch and features');
    return [...x.slice(0, -1), num(p, 'units')];
  },
  weights(inputs, p) {
    const x = requireMinRank(inputs[0], 2, 'batch and features');
    const fanIn = knownDim(lastDim(x), 'number of input features (last dimension)');
    const units = num(p, 'units');
    return [
      { name: 'kernel', shape: [fanIn, units], trainable: true },
      ...(bool(p, 'use_bias', true) ? [{ name: 'bias', shape: [units], trainable: true }] : []),
    ];
  },
  keras: { className: 'Dense' },
};
