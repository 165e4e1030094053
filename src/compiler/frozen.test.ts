import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../model/analyze';
import { buildGraph } from '../model/build';
import { exportLayersModel } from '../model/keras-export';
import { importLayersModel } from '../model/keras-import';
import { compile } from './compile';
import { extractWeights } from './weights';

const frozenGraph = () =>
  buildGraph([
    { type: 'Input', name: 'x', params: { shape: [5] } },
    { type: 'Dense', name: 'base', params: { units: 4, trainable: false } },
    { type: 'BatchNormalization', name: 'norm', params: { trainable: false } },
    { type: 'Dense', name: 'head', params: { units: 2 } },
  ]);

const size = (shape: readonly (number | null)[]) => shape.reduce<number>((a, b) => a * (b ?? 1), 1);

describe('frozen layers in the compiler', () => {
  it('marks frozen nodes non-trainable in tfjs, agreeing with the analysis', () => {
    const graph = frozenGraph();
    const model = compile(graph);
    expect(model.getLayer('base').trainable).toBe(false);
    expect(model.getLayer('norm').trainable).toBe(false);
    expect(model.getLayer('head').trainable).toBe(true);
    const a = analyzeGraph(graph);
    expect(model.trainableWeights.reduce((n, w) => n + size(w.shape), 0)).toBe(a.totals.trainable);
    expect(model.nonTrainableWeights.reduce((n, w) => n + size(w.shape), 0)).toBe(a.totals.nonTrainable);
    model.dispose();
  });

  it('runs a frozen BatchNormalization in inference mode while training, as Keras does', () => {
    const model = compile(frozenGraph());
    const norm = model.getLayer('norm');
    // Moving statistics away from the batch's own, so the two modes would give different outputs.
    const stats = norm.getWeights().map((w, i) => tf.fill(w.shape, i === 3 ? 4 : 0.5));
    norm.setWeights(stats);
    tf.dispose(stats);
    const x = tf.randomNormal([8, 5], 0, 1, 'float32', 1);
    const before = norm.getWeights().map((w) => Array.from(w.dataSync()));
    const training = model.apply(x, { training: true }) as tf.Tensor;
    const inference = model.apply(x, { training: false }) as tf.Tensor;
    expect(Array.from(training.dataSync())).toEqual(Array.from(inference.dataSync()));
    expect(norm.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    // Unfrozen, the same layer normalises with the batch's statistics and the outputs differ.
    norm.trainable = true;
    const unfrozen = model.apply(x, { training: true }) as tf.Tensor;
    expect(Array.from(unfrozen.dataSync())).not.toEqual(Array.from(inference.dataSync()));
    tf.dispose([x, training, inference, unfrozen]);
    model.dispose();
  });

  it('keeps `trainable: false` through Keras export, our import and stock tfjs loading', async () => {
    const graph = frozenGraph();
    const model = compile(graph);
    const { modelJson, weightData } = exportLayersModel(graph, extractWeights(model, graph));
    const json = JSON.parse(JSON.stringify(modelJson)) as unknown;
    const imported = importLayersModel(json, weightData);
    expect(imported.graph.nodes.map((n) => [n.name, n.params.trainable])).toEqual([
      ['x', true],
      ['base', false],
      ['norm', false],
      ['head', true],
    ]);
    const reloaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0]!.weights,
        weightData,
      }),
    );
    const frozen = reloaded.layers.filter((l) => l.getClassName() !== 'InputLayer' && !l.trainable);
    expect(frozen.map((l) => l.name)).toEqual(['base', 'norm']);
    model.dispose();
    reloaded.dispose();
  });
});
