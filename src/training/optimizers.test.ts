import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PreparedDataset } from '../data/types';
import {
  LOSS_NAMES,
  OPTIMIZER_NAMES,
  trainConfig,
  type LossName,
  type OptimizerName,
  type TrainConfigInput,
} from './config';
import { evaluate } from './evaluate';
import { blobs, linear } from './fixtures';
import { makeOptimizer } from './optimizers';
import { buildSeeded, train } from './train';
import { Trainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const mlp = (inputs: number, outputs: number, activation: string) =>
  buildSeeded(17, () =>
    tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [inputs], units: 12, activation: 'relu' }),
        tf.layers.dense({ units: outputs, activation: activation as 'linear' }),
      ],
    }),
  );

async function lossBeforeAndAfter(
  data: PreparedDataset,
  model: tf.LayersModel,
  loss: LossName,
  optimizer: OptimizerName,
  lr?: number,
) {
  const before = (await evaluate(model, data.train, data.task, { loss })).loss;
  const result = await train(model, data, {
    epochs: 6,
    seed: 5,
    batchSize: 16,
    loss,
    optimizer: { name: optimizer, ...(lr ? { learningRate: lr } : {}) },
  });
  const after = (await evaluate(model, data.train, data.task, { loss })).loss;
  return { before, after, result };
}

describe('every optimizer', () => {
  it.each(OPTIMIZER_NAMES)('%s builds from its defaults and reduces the loss on separable blobs', async (name) => {
    const opt = makeOptimizer(trainConfig({ optimizer: { name } }).optimizer);
    expect(opt).toBeInstanceOf(tf.Optimizer);
    opt.dispose();
    const model = mlp(4, 3, 'softmax');
    const { before, after, result } = await lossBeforeAndAfter(
      blobs(3),
      model,
      'sparse_categorical_crossentropy',
      name,
    );
    expect(result.status).toBe('completed');
    expect(after).toBeLessThan(before * 0.8);
    model.dispose();
  });

  it.each(OPTIMIZER_NAMES)('%s: a checkpoint restores its state so the next epoch repeats exactly', async (name) => {
    const model = mlp(4, 3, 'softmax');
    const trainer = new Trainer(model, blobs(3), {
      epochs: 2,
      seed: 8,
      batchSize: 32,
      optimizer: { name } as TrainConfigInput['optimizer'],
    });
    await trainer.run();
    const saved = await trainer.checkpoint();
    expect(saved.optimizer.iterations).toBe(2 * 8);
    if (name !== 'sgd') expect(saved.optimizer.slots.length).toBeGreaterThan(0);
    const first = await trainer.run({}, { epochs: 1 });
    await trainer.restore(saved);
    const again = await trainer.run({}, { epochs: 1 });
    expect(again.history.at(-1)!.loss).toBe(first.history.at(-1)!.loss);
    trainer.dispose();
    model.dispose();
  });
});

describe('every loss', () => {
  const cases: Record<LossName, () => { data: PreparedDataset; model: tf.LayersModel }> = {
    categorical_crossentropy: () => ({ data: blobs(3), model: mlp(4, 3, 'softmax') }),
    sparse_categorical_crossentropy: () => ({ data: blobs(3), model: mlp(4, 3, 'softmax') }),
    binary_crossentropy: () => ({ data: blobs(2), model: mlp(4, 1, 'sigmoid') }),
    hinge: () => ({ data: blobs(2), model: mlp(4, 1, 'tanh') }),
    mse: () => ({ data: linear(), model: mlp(3, 1, 'linear') }),
    mae: () => ({ data: linear(), model: mlp(3, 1, 'linear') }),
    huber: () => ({ data: linear(), model: mlp(3, 1, 'linear') }),
  };

  it.each(LOSS_NAMES)('%s reduces the loss with adam', async (loss) => {
    const { data, model } = cases[loss]();
    const { before, after, result } = await lossBeforeAndAfter(data, model, loss, 'adam', 0.01);
    expect(result.status).toBe('completed');
    expect(result.loss).toBe(loss);
    expect(after).toBeLessThan(before * 0.8);
    model.dispose();
  });

  it('categorical and sparse cross-entropy give the same value on the same predictions', async () => {
    const data = blobs(3);
    const model = mlp(4, 3, 'softmax');
    const a = await evaluate(model, data.test, data.task, { loss: 'categorical_crossentropy' });
    const b = await evaluate(model, data.test, data.task, { loss: 'sparse_categorical_crossentropy' });
    expect(a.loss).toBeCloseTo(b.loss, 5);
    model.dispose();
  });
});
