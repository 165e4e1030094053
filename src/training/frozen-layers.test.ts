import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../model/build';
import type { Graph } from '../model/graph';
import { setTrainable } from '../model/graph-ops';
import { blobs } from './fixtures';
import { compileSeeded, train } from './train';
import { Trainer } from './trainer';
import type { TrainConfigInput } from './config';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A frozen Dense + BatchNormalization "backbone" and a trainable head. */
const graph = (): Graph =>
  buildGraph([
    { type: 'Input', params: { shape: [4] } },
    { type: 'Dense', name: 'base', params: { units: 8, activation: 'relu', trainable: false } },
    { type: 'BatchNormalization', name: 'base_norm', params: { trainable: false } },
    { type: 'Dense', name: 'head', params: { units: 3, activation: 'softmax' } },
  ]);

/** Each weight of a layer as raw bytes, so "unchanged" means bit for bit. */
const bytesOf = (model: tf.LayersModel, layer: string) =>
  model
    .getLayer(layer)
    .getWeights()
    .map((t) => Array.from(new Uint8Array((t.dataSync() as Float32Array).slice().buffer)));

const config: TrainConfigInput = { epochs: 1, seed: 3, batchSize: 16, optimizer: { name: 'adam', learningRate: 0.01 } };

describe('frozen layers in training', () => {
  it('updates only trainable weights: frozen ones, BatchNorm moving statistics included, stay bit-identical after an epoch', async () => {
    const model = compileSeeded(graph(), 3);
    expect(model.trainableWeights.map((w) => w.originalName)).toEqual(['head/kernel', 'head/bias']);
    const before = { base: bytesOf(model, 'base'), norm: bytesOf(model, 'base_norm'), head: bytesOf(model, 'head') };
    const result = await train(model, blobs(3), config);
    expect(result.status).toBe('completed');
    expect(bytesOf(model, 'base')).toEqual(before.base);
    expect(bytesOf(model, 'base_norm')).toEqual(before.norm);
    expect(bytesOf(model, 'head')).not.toEqual(before.head);
    model.dispose();
  });

  it('a trainable BatchNormalization does move its statistics (the check above can fail)', async () => {
    const g = graph();
    const model = compileSeeded(setTrainable(g, [g.nodes[2]!.id], true), 3);
    const before = bytesOf(model, 'base_norm');
    await train(model, blobs(3), config);
    const after = bytesOf(model, 'base_norm');
    // gamma, beta, moving mean, moving variance: all four change.
    after.forEach((w, i) => expect(w, `weight ${i}`).not.toEqual(before[i]));
    model.dispose();
  });

  it('checkpoints and optimizer state work with frozen layers: 1 + restored 1 epochs equal 2 epochs', async () => {
    const data = blobs(3);
    const straight = compileSeeded(graph(), 3);
    const full = new Trainer(straight, data, { ...config, epochs: 2 });
    await full.run();

    const first = compileSeeded(graph(), 3);
    const t1 = new Trainer(first, data, config);
    await t1.run();
    const checkpoint = await t1.checkpoint();
    expect(checkpoint.optimizer.slots.length).toBeGreaterThan(0);
    const resumed = compileSeeded(graph(), 99);
    const t2 = new Trainer(resumed, data, config);
    await t2.restore(checkpoint);
    await t2.run();

    for (const layer of ['base', 'base_norm', 'head'])
      expect(bytesOf(resumed, layer), layer).toEqual(bytesOf(straight, layer));
    expect(t2.history.map((e) => e.loss)).toEqual(full.history.map((e) => e.loss));
    [full, t1, t2].forEach((t) => t.dispose());
    [straight, first, resumed].forEach((m) => m.dispose());
  });

  it('refuses to train a model whose every layer is frozen, saying so', async () => {
    const g = graph();
    const model = compileSeeded(
      setTrainable(
        g,
        g.nodes.map((n) => n.id),
        false,
      ),
      3,
    );
    const result = await train(model, blobs(3), config);
    expect(result.status).toBe('failed');
    expect(result.issue?.message).toMatch(/no trainable weights \(every layer is frozen\)/);
    model.dispose();
  });
});
