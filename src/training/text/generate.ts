import * as tf from '@tensorflow/tfjs';
import { mulberry32, type Rng } from '../../data/random';

export interface GenerateOptions {
  /** Tokens to sample after the prompt. */
  readonly maxTokens: number;
  /** The model's window length: the model sees the last `seqLen` ids. */
  readonly seqLen: number;
  /** 0 is greedy (argmax); 1 samples the model's distribution; above 1 flattens it. Default 1. */
  readonly temperature?: number;
  /** Sample among the k most probable tokens only; 0 or left out: all. */
  readonly topK?: number;
  /** Seeds the sampling stream: the same seed, prompt and weights give the same text. Default 0. */
  readonly seed?: number;
  /** The id that fills a window shorter than seqLen (after the tokens). Default 0. */
  readonly padId?: number;
  /** Called with each id as soon as it is sampled (the evaluation worker streams them). */
  readonly onToken?: (id: number) => void;
  /** Stops between tokens. */
  readonly signal?: AbortSignal;
}

export interface Generation {
  /** The sampled ids, without the prompt. */
  readonly ids: number[];
  /** True when the signal stopped it before maxTokens. */
  readonly stopped: boolean;
}

/**
 * The window the model reads for the next token: the last `seqLen` ids. A shorter history sits at
 * the start and is padded at the end, and the prediction is read at its last real position, so a
 * causal model (RNN, causally masked attention) sees exactly the history, as in training where
 * position t saw tokens 0…t.
 */
export function contextWindow(
  history: readonly number[],
  seqLen: number,
  padId: number,
): { ids: number[]; at: number } {
  const recent = history.slice(-seqLen);
  const ids = recent.concat(new Array<number>(seqLen - recent.length).fill(padId));
  return { ids, at: recent.length - 1 };
}

/**
 * Picks the next id from one position's probabilities: argmax at temperature 0; otherwise p^(1/T)
 * renormalised (the same as dividing the logits by T) over the top-k tokens, drawn with `rng`.
 * Ties keep the lowest id, so greedy is deterministic.
 */
export function sampleToken(probs: ArrayLike<number>, temperature: number, topK: number, rng: Rng): number {
  const order = Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[b]! - probs[a]! || a - b);
  if (temperature === 0) return order[0]!;
  const kept = topK > 0 ? order.slice(0, topK) : order;
  // Work in logs, shifted by the largest, so small temperatures do not underflow to all zeros.
  const logs = kept.map((i) => Math.log(Math.max(probs[i]!, 1e-30)) / temperature);
  const top = Math.max(...logs);
  const weights = logs.map((l) => Math.exp(l - top));
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rng() * total;
  for (let j = 0; j < kept.length; j++) {
    r -= weights[j]!;
    if (r < 0) return kept[j]!;
  }
  return kept[kept.length - 1]!;
}

function checkOptions(promptIds: readonly number[], o: GenerateOptions): void {
  if (promptIds.length === 0)
    throw new Error('generate() needs a prompt of at least one token id; encode some text first.');
  if (!Number.isInteger(o.seqLen) || o.seqLen < 1) {
    throw new Error(`seqLen must be the model's window length (a positive integer), not ${o.seqLen}.`);
  }
  const t = o.temperature ?? 1;
  if (!(t >= 0) || !Number.isFinite(t)) throw new Error(`temperature must be 0 (greedy) or more, not ${t}.`);
}

/**
 * Autoregressive sampling: predicts the next id from the last `seqLen` ids, appends it, repeats
 * `maxTokens` times. One small forward pass per token, each disposed before the next; the id is
 * read back before `onToken`, so a caller may stop between tokens with `signal`.
 */
export async function generate(
  model: tf.LayersModel,
  promptIds: readonly number[],
  options: GenerateOptions,
): Promise<Generation> {
  checkOptions(promptIds, options);
  const { seqLen, maxTokens } = options;
  const temperature = options.temperature ?? 1;
  const topK = Math.max(0, Math.floor(options.topK ?? 0));
  const padId = options.padId ?? 0;
  const rng = mulberry32(options.seed ?? 0);
  const dtype = model.inputs[0]?.dtype === 'int32' ? 'int32' : 'float32';
  const history = [...promptIds];
  const ids: number[] = [];
  for (let t = 0; t < maxTokens; t++) {
    if (options.signal?.aborted) return { ids, stopped: true };
    const window = contextWindow(history, seqLen, padId);
    const next = tf.tidy(() => {
      const out = model.predict(tf.tensor2d(window.ids, [1, seqLen], dtype)) as tf.Tensor;
      // [1, seqLen, vocab] → the last real position's distribution.
      return tf.reshape(tf.slice(out, [0, window.at, 0], [1, 1, -1]), [-1]);
    });
    const probs = await next.data();
    next.dispose();
    const id = sampleToken(probs, temperature, topK, rng);
    history.push(id);
    ids.push(id);
    options.onToken?.(id);
  }
  return { ids, stopped: false };
}
