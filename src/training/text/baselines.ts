import type { Split } from '../../data/types';
import { charsCovered, languageModelMetrics, type CharsPerToken, type LanguageModelMetrics } from './lm-metrics';

/**
 * Count-based baselines a language model should beat, scored on exactly the tokens the model is
 * scored on. Pure functions over token-id arrays; fitted on the training split's ids only.
 *
 * Every scored token is a (context, target) pair: the target is the token to predict and the
 * context the token just before it. A next-token split gives them position by position (`x` holds
 * the context, `y` the target); a plain stream of ids gives consecutive pairs.
 */
export interface TokenPairs {
  /** The token before each target (the bigram's condition; the unigram ignores it). */
  readonly context: ArrayLike<number>;
  readonly target: ArrayLike<number>;
}

/** Consecutive pairs of a stream of ids: (ids[i], ids[i+1]). */
export function pairsOfStream(ids: ArrayLike<number>): TokenPairs {
  const n = Math.max(0, ids.length - 1);
  const context = new Int32Array(n);
  const target = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    context[i] = ids[i]!;
    target[i] = ids[i + 1]!;
  }
  return { context, target };
}

/** The pairs a next-token model is scored on: each window position's input id and its label. */
export function pairsOfSplit(split: Split): TokenPairs {
  return { context: split.x, target: split.y };
}

export interface BaselineOptions {
  /** Add-k smoothing (default 1, Laplace): every token keeps a probability above 0. */
  readonly k?: number;
  /** For bits per character; left out, bitsPerChar is null. */
  readonly charsPerToken?: CharsPerToken;
}

function tokenId(value: number, vocabSize: number, where: string): number {
  const id = Math.round(value);
  if (!(id >= 0 && id < vocabSize)) {
    throw new Error(
      `Token id ${value} in the ${where} is outside the vocabulary of ${vocabSize} tokens (0…${vocabSize - 1}); pass the tokenizer's vocabulary size.`,
    );
  }
  return id;
}

function smoothing(options: BaselineOptions): number {
  const k = options.k ?? 1;
  if (!(k > 0) || !Number.isFinite(k))
    throw new Error(`Smoothing k must be a positive number, not ${k}; use 1 for add-one.`);
  return k;
}

function score(heldOut: TokenPairs, nats: number, options: BaselineOptions): LanguageModelMetrics {
  const chars = options.charsPerToken === undefined ? null : charsCovered(heldOut.target, options.charsPerToken);
  // Baselines are scored for their nats; argmax accuracy is not what they are for.
  return languageModelMetrics({ nats, tokens: heldOut.target.length, correct: 0, chars });
}

/** p(w) = (count(w) + k) / (N + k·V), counted over the training targets. */
export function unigramBaseline(
  train: TokenPairs,
  heldOut: TokenPairs,
  vocabSize: number,
  options: BaselineOptions = {},
): LanguageModelMetrics {
  const k = smoothing(options);
  const counts = new Float64Array(vocabSize);
  for (let i = 0; i < train.target.length; i++) counts[tokenId(train.target[i]!, vocabSize, 'training ids')]!++;
  const total = train.target.length + k * vocabSize;
  let nats = 0;
  for (let i = 0; i < heldOut.target.length; i++) {
    const w = tokenId(heldOut.target[i]!, vocabSize, 'held-out ids');
    nats -= Math.log((counts[w]! + k) / total);
  }
  return score(heldOut, nats, options);
}

/** p(w | u) = (count(u, w) + k) / (count(u, ·) + k·V), counted over the training pairs. */
export function bigramBaseline(
  train: TokenPairs,
  heldOut: TokenPairs,
  vocabSize: number,
  options: BaselineOptions = {},
): LanguageModelMetrics {
  const k = smoothing(options);
  // Sparse counts: V × V would be 2.5e9 cells for a 50k vocabulary.
  const pairCounts = new Map<number, number>();
  const contextCounts = new Float64Array(vocabSize);
  for (let i = 0; i < train.target.length; i++) {
    const u = tokenId(train.context[i]!, vocabSize, 'training ids');
    const w = tokenId(train.target[i]!, vocabSize, 'training ids');
    const key = u * vocabSize + w;
    pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
    contextCounts[u]!++;
  }
  let nats = 0;
  for (let i = 0; i < heldOut.target.length; i++) {
    const u = tokenId(heldOut.context[i]!, vocabSize, 'held-out ids');
    const w = tokenId(heldOut.target[i]!, vocabSize, 'held-out ids');
    const p = ((pairCounts.get(u * vocabSize + w) ?? 0) + k) / (contextCounts[u]! + k * vocabSize);
    nats -= Math.log(p);
  }
  return score(heldOut, nats, options);
}
