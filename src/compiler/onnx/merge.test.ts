import { expect, it } from 'vitest';
import { buildGraph, type LayerDraft } from '../../model/build';
import { exportOnnx } from './export';
import { onnxParity, onnxPredict, randomFeeds } from './parity-support';
import { onnxFamily } from './family-tests';

/** Normalization and merge layers, including several inputs and outputs named after their layers. */

const cases: Record<string, LayerDraft[]> = {
  // On the last axis only: see the test of other axes below.
  'BatchNormalization on channels, without scale/center': [
    { type: 'Input', params: { shape: [4, 3, 5] } },
    { type: 'BatchNormalization', params: { epsilon: 0.01 } },
    { type: 'BatchNormalization', params: { center: false } },
    { type: 'BatchNormalization', params: { scale: false } },
  ],
  'LayerNormalization over the last axis and over two axes': [
    { type: 'Input', params: { shape: [3, 4, 5] } },
    { type: 'LayerNormalization' },
    { type: 'LayerNormalization', params: { axis: [2, 3], epsilon: 0.1 } },
    { type: 'LayerNormalization', params: { axis: [-2], center: false } },
  ],
  'element-wise merges and Concatenate over two inputs': [
    { type: 'Input', name: 'left', params: { shape: [3, 4] }, id: 'a' },
    { type: 'Input', name: 'right', params: { shape: [3, 4] }, id: 'b' },
    { type: 'Add', from: ['a', 'b'], id: 'add' },
    { type: 'Subtract', from: ['a', 'b'], id: 'sub' },
    { type: 'Multiply', from: ['a', 'b', 'add'], id: 'mul' },
    { type: 'Average', from: ['sub', 'mul'], id: 'avg' },
    { type: 'Maximum', from: ['a', 'avg', 'b'], id: 'max' },
    { type: 'Minimum', from: ['max', 'sub'], id: 'min' },
    { type: 'Concatenate', params: { axis: 1 }, from: ['min', 'add'], id: 'cat1' },
    { type: 'Concatenate', from: ['cat1', 'cat1', 'cat1'], name: 'joined' },
    { type: 'Dense', params: { units: 2 }, from: ['mul'], name: 'side_output' },
  ],
  'Dot of 2-D inputs, cosine, and of 3-D inputs on each axis pair': [
    { type: 'Input', name: 'u', params: { shape: [4] }, id: 'u' },
    { type: 'Input', name: 'v', params: { shape: [4] }, id: 'v' },
    { type: 'Input', name: 's', params: { shape: [3, 4] }, id: 's' },
    { type: 'Input', name: 't', params: { shape: [5, 4] }, id: 't' },
    { type: 'Dot', from: ['u', 'v'], name: 'uv' },
    { type: 'Dot', params: { normalize: true }, from: ['u', 'v'], name: 'cosine' },
    { type: 'Dot', params: { axes: [2, 2] }, from: ['s', 't'], name: 'st_last' },
    { type: 'Dot', params: { axes: [1, 1] }, from: ['s', 's'], name: 'ss_first' },
    { type: 'Dot', params: { axes: [1, 2] }, from: ['u', 't'], name: 'ut' },
    { type: 'Dot', params: { axes: [2, 1] }, from: ['s', 'u'], name: 'su' },
  ],
};

onnxFamily('ONNX export: normalization and merges', cases, () => {
  // tfjs 4.22's CPU BatchNorm kernel cycles the statistics along the flat index, which is right only
  // for the last axis (tfjs-backend-cpu BatchNorm.js), so the reference here is the formula itself.
  it('BatchNormalization on a middle axis: the per-channel formula', async () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [2, 3] } },
      { type: 'BatchNormalization', params: { axis: 1, epsilon: 0.01 } },
    ]);
    const stats = { gamma: [-0.5, 2], beta: [0.25, -1], mean: [0.1, -0.3], variance: [0.9, 0.4] };
    const weights = {
      batch_normalization: (['gamma', 'beta', 'mean', 'variance'] as const).map((k) => ({
        name: k === 'mean' || k === 'variance' ? `moving_${k}` : k,
        shape: [2],
        values: Float32Array.from(stats[k]),
      })),
    };
    const feeds = randomFeeds(graph, { batch: 2 });
    const x = feeds.input!.data;
    const y = (await onnxPredict(exportOnnx(graph, weights), feeds)).batch_normalization!.data;
    x.forEach((v, i) => {
      const c = Math.floor(i / 3) % 2;
      const expected = ((v - stats.mean[c]!) / Math.sqrt(stats.variance[c]! + 0.01)) * stats.gamma[c]! + stats.beta[c]!;
      expect(y[i]).toBeCloseTo(expected, 5);
    });
  });

  it('names the outputs after their layers, in the model output order', async () => {
    const r = await onnxParity(buildGraph(cases['element-wise merges and Concatenate over two inputs']!));
    expect(Object.keys(r.onnx)).toEqual(['joined', 'side_output']);
    expect(r.onnx.joined!.shape).toEqual([3, 6, 12]);
  });
});
