import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/random';
import { dcganTemplate } from '../../model/gan-template';
import { compileSeeded } from '../train';
import { latentBatch } from './latent';
import { discriminatorLoss, discriminatorStep, generatorStep, type GanModels } from './step';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let gan = dcganTemplate([8, 8, 1], { latentDim: 8, width: 8 });
let models: GanModels;
let optimizer: tf.Optimizer;

function setup(): { real: tf.Tensor; z: tf.Tensor } {
  models = { generator: compileSeeded(gan.generator, 1), discriminator: compileSeeded(gan.discriminator, 2) };
  optimizer = tf.train.adam(0.01, 0.5);
  const rng = mulberry32(3);
  const real = tf.tensor(
    Float32Array.from({ length: 16 * 64 }, () => rng()),
    [16, 8, 8, 1],
  );
  const z = tf.tensor2d(latentBatch(rng, 16, 8), [16, 8]);
  return { real, z };
}

afterEach(() => {
  models.generator.dispose();
  models.discriminator.dispose();
  optimizer.dispose();
});

const values = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
const changed = (before: number[][], after: number[][]) => before.some((w, i) => w.some((v, j) => v !== after[i]![j]));

/** sigmoid cross-entropy of one logit against a target, written out by hand. */
const bce = (logit: number, target: number) =>
  Math.max(logit, 0) - logit * target + Math.log1p(Math.exp(-Math.abs(logit)));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('GAN steps', () => {
  it('a discriminator step changes the discriminator and leaves every generator weight as it was', () => {
    const { real, z } = setup();
    const g0 = values(models.generator);
    const d0 = values(models.discriminator);
    discriminatorStep(models, optimizer, real, z, 0.9);
    expect(values(models.generator)).toEqual(g0);
    expect(changed(d0, values(models.discriminator))).toBe(true);
    tf.dispose([real, z]);
  });

  it('with LayerNormalization in the generator, a discriminator step still leaves all its weights as they were', () => {
    const plain = gan;
    gan = dcganTemplate([8, 8, 1], { latentDim: 8, width: 8, normalization: 'layer' });
    const { real, z } = setup();
    gan = plain;
    const g0 = values(models.generator);
    expect(models.generator.layers.some((l) => l.getClassName() === 'LayerNormalization')).toBe(true);
    discriminatorStep(models, optimizer, real, z, 0.9);
    expect(values(models.generator)).toEqual(g0);
    tf.dispose([real, z]);
  });

  it('a generator step changes the generator and leaves every discriminator weight as it was', () => {
    const { real, z } = setup();
    const g0 = values(models.generator);
    const d0 = values(models.discriminator);
    generatorStep(models, optimizer, z);
    expect(values(models.discriminator)).toEqual(d0);
    expect(changed(g0, values(models.generator))).toBe(true);
    tf.dispose([real, z]);
  });

  it('the real label (one-sided smoothing) reaches the discriminator loss; fakes stay at 0', () => {
    const { real, z } = setup();
    const realLogits = Array.from((models.discriminator.predict(real) as tf.Tensor).dataSync());
    const fake = models.generator.predict(z) as tf.Tensor;
    const fakeLogits = Array.from((models.discriminator.predict(fake) as tf.Tensor).dataSync());
    const hand = (label: number) => mean(realLogits.map((l) => bce(l, label))) + mean(fakeLogits.map((l) => bce(l, 0)));
    const pure = (label: number) =>
      tf.tidy(() => discriminatorLoss(tf.tensor(realLogits), tf.tensor(fakeLogits), label).dataSync()[0]!);
    expect(pure(0.9)).toBeCloseTo(hand(0.9), 5);
    expect(pure(1)).toBeCloseTo(hand(1), 5);
    // Fresh logits sit near 0, where the label moves the loss by 0.1 × their mean: small but far above float error.
    expect(Math.abs(hand(0.9) - hand(1))).toBeGreaterThan(1e-4);
    // The step reports the loss before its update, so it is the same number.
    const step = discriminatorStep(models, optimizer, real, z, 0.9);
    expect(step.loss).toBeCloseTo(hand(0.9), 5);
    expect(step.loss).not.toBeCloseTo(hand(1), 5);
    expect(step.realScore).toBeCloseTo(mean(realLogits.map((l) => 1 / (1 + Math.exp(-l)))), 5);
    tf.dispose([real, z, fake]);
  });

  it('the generator loss is the non-saturating −log D(G(z))', () => {
    const { real, z } = setup();
    const logits = Array.from(
      (models.discriminator.predict(models.generator.predict(z) as tf.Tensor) as tf.Tensor).dataSync(),
    );
    const step = generatorStep(models, optimizer, z);
    expect(step.loss).toBeCloseTo(mean(logits.map((l) => -Math.log(1 / (1 + Math.exp(-l))))), 5);
    tf.dispose([real, z]);
  });
});
