import * as tf from '@tensorflow/tfjs';
import type { Split } from '../../data/types';
import { batchInputs, batchLabels } from '../batches';
import { lossFunction } from '../losses';
import { charsCovered, languageModelMetrics, type CharsPerToken, type LanguageModelMetrics } from './lm-metrics';

/** Most probabilities held at once in one evaluation batch (16 MB of float32). */
const PROBABILITY_BUDGET = 4 * 1024 * 1024;

export interface LanguageModelEvaluateOptions {
  /**
   * Windows per forward pass at most (default 64); fewer when a batch of [batch, seqLen, vocab]
   * probabilities would pass 4M values, so a large vocabulary cannot exhaust memory.
   */
  readonly batchSize?: number;
  /** Characters per token for bits per character; left out, bitsPerChar is null. */
  readonly charsPerToken?: CharsPerToken;
}

/**
 * Scores a next-token model on a split of windows (`x`: n × seqLen ids, `y`: the next id at each
 * position), batch by batch in inference mode. The loss per token is training's own sparse
 * cross-entropy (same clipping), so validation and test numbers compare with the training curve.
 * Nothing stays on the tensor heap.
 */
export async function evaluateLanguageModel(
  model: tf.LayersModel,
  split: Split,
  seqLen: number,
  options: LanguageModelEvaluateOptions = {},
): Promise<LanguageModelMetrics> {
  if (split.x.length !== split.n * seqLen || split.y.length !== split.n * seqLen) {
    throw new Error(
      `The split holds ${split.x.length} token ids and ${split.y.length} labels for ${split.n} windows; windows of ${seqLen} tokens need ${split.n * seqLen} of each.`,
    );
  }
  const vocab = (model.outputs[0]?.shape[2] as number | null | undefined) ?? 1;
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 64, Math.floor(PROBABILITY_BUDGET / (seqLen * vocab))));
  const src = {
    split,
    inputShape: [seqLen],
    inputDtype: model.inputs[0]?.dtype === 'int32' ? ('int32' as const) : ('float32' as const),
  };
  const lossFn = lossFunction('sparse_categorical_crossentropy');
  let nats = 0;
  let correct = 0;
  for (let start = 0; start < split.n; start += batchSize) {
    const end = Math.min(split.n, start + batchSize);
    const labels = batchLabels(split, null, start, end, seqLen);
    const [meanLoss, hits] = tf.tidy(() => {
      const probs = model.apply(batchInputs(src, null, start, end), { training: false }) as tf.Tensor;
      const ys = tf.tensor1d(labels);
      const predicted = tf.reshape(tf.argMax(probs, -1), [-1]);
      const right = tf.sum(tf.cast(tf.equal(predicted, tf.cast(ys, 'int32')), 'float32'));
      return [lossFn(ys, probs), right];
    });
    const [l, h] = await Promise.all([meanLoss.data(), hits.data()]);
    tf.dispose([meanLoss, hits]);
    nats += l[0]! * labels.length;
    correct += h[0]!;
  }
  const tokens = split.n * seqLen;
  const chars = options.charsPerToken === undefined ? null : charsCovered(split.y, options.charsPerToken);
  return languageModelMetrics({ nats, tokens, correct, chars });
}
