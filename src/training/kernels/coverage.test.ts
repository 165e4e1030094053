import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile';
import { buildGraph, type LayerDraft } from '../../model/build';
import { ACTIVATIONS } from '../../model/params';
import { templateGraph, templates } from '../../model/templates';
import { registerWasmTrainingKernels, WASM_ADDED_KERNELS } from './register';

/**
 * Which kernels one training step of each template (and of every layer type) asks for, recorded
 * on the cpu backend, and whether wasm, WebGL and WebGPU register them. Kernel names do not depend
 * on the backend (ops pick them), so one recording serves all three.
 */
async function kernelsOfOneStep(graph: ReturnType<typeof buildGraph>): Promise<string[]> {
  const model = compile(graph);
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const { xs, ys } = tf.tidy(() => ({
    xs: model.inputs.map((i) => tf.zeros([2, ...(i.shape.slice(1) as number[])], i.dtype)),
    ys: model.outputs.map((o) => tf.randomUniform([2, ...(o.shape.slice(1) as number[])])),
  }));
  const profile = await tf.profile(async () => {
    await model.trainOnBatch(xs, ys);
  });
  tf.dispose([...xs, ...ys]);
  model.dispose();
  return [...new Set(profile.kernelNames)].filter((k) => tf.getKernel(k, 'cpu') != null);
}

const image = (type: string, params: LayerDraft['params'] = {}): LayerDraft[] => [
  { type: 'Input', params: { shape: [8, 8, 3] } },
  { type: 'Conv2D', params: { filters: 3, kernel_size: [1, 1] } }, // so the layer under test also needs its input gradient
  { type, params },
  { type: 'Flatten' },
  { type: 'Dense', params: { units: 2 } },
];
const sequence = (type: string, params: LayerDraft['params'] = {}): LayerDraft[] => [
  { type: 'Input', params: { shape: [6, 4] } },
  { type: 'Dense', params: { units: 4 } },
  { type, params },
  { type: 'Flatten' },
  { type: 'Dense', params: { units: 2 } },
];
const layerCases: Record<string, LayerDraft[]> = {
  DepthwiseConv2D: image('DepthwiseConv2D', { kernel_size: [3, 3], strides: [2, 2], depth_multiplier: 2 }),
  SeparableConv2D: image('SeparableConv2D', { filters: 4, kernel_size: [3, 3] }),
  Conv2DTranspose: image('Conv2DTranspose', { filters: 4, kernel_size: [3, 3], strides: [2, 2], padding: 'same' }),
  AveragePooling2D: image('AveragePooling2D'),
  BatchNormalization: image('BatchNormalization'),
  LayerNormalization: image('LayerNormalization'),
  UpSampling2D: image('UpSampling2D'),
  ZeroPadding2D: image('ZeroPadding2D'),
  Conv1D: sequence('Conv1D', { filters: 4, kernel_size: [3], strides: [2] }),
  MaxPooling1D: sequence('MaxPooling1D'),
  AveragePooling1D: sequence('AveragePooling1D'),
  Embedding: [
    { type: 'Input', params: { shape: [6], dtype: 'int32' } },
    { type: 'Embedding', params: { input_dim: 20, output_dim: 4 } },
    { type: 'GRU', params: { units: 4 } },
    { type: 'Dense', params: { units: 2 } },
  ],
  LSTM: [
    { type: 'Input', params: { shape: [6, 4] } },
    { type: 'LSTM', params: { units: 4 } },
    { type: 'Dense', params: { units: 2 } },
  ],
  Activations: [
    { type: 'Input', params: { shape: [5] } },
    ...ACTIVATIONS.map((activation): LayerDraft => ({ type: 'Dense', params: { units: 4, activation } })),
    { type: 'PReLU' },
    { type: 'LeakyReLU' },
    { type: 'ELU' },
  ],
};

const needed = new Map<string, string[]>();
let stockMissing: string[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (const t of templates) needed.set(`template ${t.id}`, await kernelsOfOneStep(templateGraph(t.id)));
  for (const [name, drafts] of Object.entries(layerCases)) needed.set(name, await kernelsOfOneStep(buildGraph(drafts)));
  const all = new Set([...needed.values()].flat());
  stockMissing = [...all].filter((k) => tf.getKernel(k, 'wasm') == null).sort(); // before ours are registered
  registerWasmTrainingKernels();
}, 120_000);

describe('kernels that training needs', () => {
  it('stock tfjs-backend-wasm lacks exactly the kernels we add', () => {
    expect(stockMissing).toEqual([...WASM_ADDED_KERNELS].sort());
  });

  it.each(['wasm', 'webgl', 'webgpu'])('%s now registers every kernel of every template and layer type', (backend) => {
    const missing = [...needed].flatMap(([name, kernels]) =>
      kernels.filter((k) => tf.getKernel(k, backend) == null).map((k) => `${name}: ${k}`),
    );
    expect(missing).toEqual([]);
  });

  it('the CNN templates do use the convolution gradients (the recording is real)', () => {
    expect(needed.get('template mnist-cnn')).toEqual(
      expect.arrayContaining(['Conv2D', 'Conv2DBackpropFilter', 'MaxPoolGrad']),
    );
    expect(needed.get('template conv-autoencoder')).toEqual(expect.arrayContaining(['Conv2DBackpropInput']));
    expect(needed.get('Embedding')).toContain('UnsortedSegmentSum');
  });
});
