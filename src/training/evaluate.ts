import * as tf from '@tensorflow/tfjs';
import type { InputPart, Split, Task } from '../data/types';
import { batchInputs, sampleSize } from './batches';
import { feedFor } from './model-feed';
import { defaultLoss, type LossName } from './config';
import { encodeLabels, lossFunction } from './losses';
import { accuracy, regressionMetrics, type EvaluationMetrics } from './metrics';
import { evaluateLanguageModel } from './text/lm-evaluate';
import type { CharsPerToken, LanguageModelMetrics } from './text/lm-metrics';

export interface EvaluateOptions {
  /** Defaults to defaultLoss(task, output units). */
  readonly loss?: LossName;
  readonly batchSize?: number;
  /** Shape of one sample; defaults to the model's input shape. */
  readonly inputShape?: readonly number[];
  /** The dataset's parts when it feeds several Inputs (PreparedDataset.inputs); `inputShape` is then required. */
  readonly inputs?: readonly InputPart[];
  /** Next-token only: characters per token, for bits per character (see text/lm-metrics.ts). */
  readonly charsPerToken?: CharsPerToken;
}

export interface Evaluation {
  readonly n: number;
  /** Mean loss over the split, plus the model's regularisation penalty (as in training). */
  readonly loss: number;
  readonly metrics: EvaluationMetrics;
  /** Model outputs, row-major: `n × outputUnits` values (probabilities, or the predicted value). */
  readonly predictions: Float32Array;
  readonly outputUnits: number;
  /**
   * Next-token only: nats per token, perplexity and bits per character. `metrics` then holds the
   * per-token accuracy and `predictions` is empty (n × seqLen × vocab values would not fit).
   */
  readonly languageModel?: LanguageModelMetrics;
}

/** Sum of the layers' weight penalties (0 when there are none). */
export async function regularizationPenalty(model: tf.LayersModel): Promise<number> {
  const losses = model.calculateLosses();
  if (losses.length === 0) return 0;
  const total = tf.tidy(() => tf.addN(losses));
  const value = (await total.data())[0]!;
  tf.dispose([total, ...losses]);
  return value;
}

function modelInputShape(model: tf.LayersModel): number[] {
  const shape = model.inputs[0]?.shape.slice(1) ?? [];
  if (shape.some((d) => d === null))
    throw new Error(
      `The model's input shape [${shape.join(', ')}] has free dimensions; pass inputShape to evaluate().`,
    );
  return shape as number[];
}

/**
 * Runs the model over a whole split in batches (inference mode: no dropout) and scores it.
 * Nothing is left behind on the tensor heap.
 */
export async function evaluate(
  model: tf.LayersModel,
  split: Split,
  task: Task,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  if (model.inputs.length > 1 && !options.inputs) {
    throw new Error(
      `The model has ${model.inputs.length} Inputs (${model.inputNames.join(', ')}); pass the dataset's parts as inputs (PreparedDataset.inputs) to evaluate().`,
    );
  }
  const inputShape = options.inputShape ?? modelInputShape(model);
  if (task === 'next-token') return evaluateNextToken(model, split, inputShape[0] ?? 0, options);
  const units = (model.outputs[0]?.shape[1] as number | null | undefined) ?? 1;
  const loss = options.loss ?? defaultLoss(task, units);
  const batchSize = options.batchSize ?? 256;
  if (split.x.length !== split.n * sampleSize(inputShape)) {
    throw new Error(
      `The split holds ${split.x.length} values for ${split.n} rows; rows of shape [${inputShape.join(', ')}] need ${split.n * sampleSize(inputShape)}.`,
    );
  }
  const src = {
    split,
    inputShape,
    inputDtype: model.inputs[0]?.dtype === 'int32' ? ('int32' as const) : ('float32' as const),
    slices: feedFor(model, options.inputs),
  };
  const lossFn = lossFunction(loss);
  const predictions = new Float32Array(split.n * units);
  let lossSum = 0;
  for (let start = 0; start < split.n; start += batchSize) {
    const end = Math.min(split.n, start + batchSize);
    const [pred, batchLoss] = tf.tidy(() => {
      const xs = batchInputs(src, null, start, end);
      const out = model.apply(xs, { training: false }) as tf.Tensor;
      const ys = encodeLabels(loss, split.y.subarray(start, end), units);
      return [out, lossFn(ys, out)];
    });
    const [values, l] = await Promise.all([pred.data(), batchLoss.data()]);
    predictions.set(values as Float32Array, start * units);
    lossSum += l[0]! * (end - start);
    tf.dispose([pred, batchLoss]);
  }
  const meanLoss = split.n > 0 ? lossSum / split.n + (await regularizationPenalty(model)) : 0;
  const metrics: EvaluationMetrics =
    task === 'regression'
      ? regressionMetrics(predictions, split.y)
      : { kind: 'classification', accuracy: accuracy(predictions, units, split.y, loss === 'hinge' ? 0 : 0.5) };
  return { n: split.n, loss: meanLoss, metrics, predictions, outputUnits: units };
}

async function evaluateNextToken(
  model: tf.LayersModel,
  split: Split,
  seqLen: number,
  options: EvaluateOptions,
): Promise<Evaluation> {
  const lm = await evaluateLanguageModel(model, split, seqLen, {
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.charsPerToken === undefined ? {} : { charsPerToken: options.charsPerToken }),
  });
  // As for the other tasks, the loss adds the weight penalties training adds; perplexity does not.
  const loss = split.n > 0 ? lm.natsPerToken + (await regularizationPenalty(model)) : 0;
  return {
    n: split.n,
    loss,
    metrics: { kind: 'classification', accuracy: lm.accuracy },
    predictions: new Float32Array(0),
    outputUnits: (model.outputs[0]?.shape[2] as number | null | undefined) ?? 1,
    languageModel: lm,
  };
}
