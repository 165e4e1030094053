/**
 * One discriminator step and one generator step of a GAN, each updating only its own network's
 * variables (the other network runs forward but is not in the optimizer's list).
 *
 * The discriminator gives logits, so both losses are sigmoid cross-entropy on logits:
 * - D: real images toward `realLabel` (one-sided smoothing: 0.9 rather than 1), fakes toward 0;
 * - G: the non-saturating loss, its fakes toward 1 (−log D(G(z))), which keeps a useful gradient
 *   while D still rejects them, unlike minimising log(1 − D(G(z))).
 */
import * as tf from '@tensorflow/tfjs';

export interface GanModels {
  readonly generator: tf.LayersModel;
  readonly discriminator: tf.LayersModel;
}

export interface DiscriminatorStepResult {
  /** Real loss + fake loss. */
  readonly loss: number;
  /** Mean D(x) over the real batch, as a probability. */
  readonly realScore: number;
  /** Mean D(G(z)) over the fake batch, as a probability. */
  readonly fakeScore: number;
}

export interface GeneratorStepResult {
  readonly loss: number;
  /** Mean D(G(z)) before this step's update. */
  readonly fakeScore: number;
}

/** The live variables training may change; frozen layers are left out as in a normal run. */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => (w as unknown as { read(): tf.Variable }).read());
}

/** Mean sigmoid cross-entropy of logits against one constant target. */
export function bceWithLogits(logits: tf.Tensor, target: number): tf.Scalar {
  return tf.losses.sigmoidCrossEntropy(tf.fill(logits.shape, target), logits) as tf.Scalar;
}

/** The discriminator's loss on a real and a fake batch of logits. */
export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor, realLabel: number): tf.Scalar {
  return tf.add(bceWithLogits(realLogits, realLabel), bceWithLogits(fakeLogits, 0));
}

const meanProbability = (logits: tf.Tensor) => tf.mean(tf.sigmoid(logits));

function run(model: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  return model.apply(x, { training: true }) as tf.Tensor;
}

/** Updates D on `real` images and fakes drawn from `latent`; G's weights are only read. */
export function discriminatorStep(
  models: GanModels,
  optimizer: tf.Optimizer,
  real: tf.Tensor,
  latent: tf.Tensor,
  realLabel: number,
): DiscriminatorStepResult {
  const [loss, realScore, fakeScore] = tf.tidy(() => {
    const fake = run(models.generator, latent);
    let scores: tf.Scalar[] = [];
    const cost = optimizer.minimize(
      () => {
        const realLogits = run(models.discriminator, real);
        const fakeLogits = run(models.discriminator, fake);
        scores = [tf.keep(meanProbability(realLogits)), tf.keep(meanProbability(fakeLogits))] as tf.Scalar[];
        return discriminatorLoss(realLogits, fakeLogits, realLabel);
      },
      true,
      trainableVariables(models.discriminator),
    ) as tf.Scalar;
    return [cost, ...scores];
  });
  const values = [loss, realScore, fakeScore].map((t) => t!.dataSync()[0]!);
  tf.dispose([loss, realScore, fakeScore]);
  return { loss: values[0]!, realScore: values[1]!, fakeScore: values[2]! };
}

/** Updates G so D takes its fakes from `latent` for real; D's weights are only read. */
export function generatorStep(models: GanModels, optimizer: tf.Optimizer, latent: tf.Tensor): GeneratorStepResult {
  const [loss, fakeScore] = tf.tidy(() => {
    let score: tf.Scalar | undefined;
    const cost = optimizer.minimize(
      () => {
        const logits = run(models.discriminator, run(models.generator, latent));
        score = tf.keep(meanProbability(logits)) as tf.Scalar;
        return bceWithLogits(logits, 1);
      },
      true,
      trainableVariables(models.generator),
    ) as tf.Scalar;
    return [cost, score!];
  });
  const values = [loss, fakeScore].map((t) => t.dataSync()[0]!);
  tf.dispose([loss, fakeScore]);
  return { loss: values[0]!, fakeScore: values[1]! };
}
