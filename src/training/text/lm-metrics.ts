/**
 * Language-model scores from sums over the tokens of a held-out split. Pure (no tfjs), so the UI
 * can import them; the batched pass over a split that feeds them is lm-evaluate.ts.
 */

/**
 * How many characters of text each predicted token stands for, so bits per character compares
 * tokenizers: 1 for a character tokenizer; for word or BPE tokenizers a function of the token id
 * (the text tokenizer supplies it: a word's length plus its space, a merge's length).
 */
export type CharsPerToken = number | ((tokenId: number) => number);

export interface LanguageModelMetrics {
  readonly kind: 'language-model';
  /** Tokens scored (every position of every window). */
  readonly tokens: number;
  /** Share of positions whose most probable token is the true next one. */
  readonly accuracy: number;
  /** Mean cross-entropy per token, in nats (natural log), without weight penalties. */
  readonly natsPerToken: number;
  /** exp(natsPerToken): the effective number of tokens the model hesitates between. */
  readonly perplexity: number;
  /** Total nats / (ln 2 × characters covered); null when characters per token are unknown. */
  readonly bitsPerChar: number | null;
}

/** Characters covered by the target ids `ids` (their count for a character tokenizer). */
export function charsCovered(ids: ArrayLike<number>, charsPerToken: CharsPerToken): number {
  if (typeof charsPerToken === 'number') return ids.length * charsPerToken;
  let chars = 0;
  for (let i = 0; i < ids.length; i++) chars += charsPerToken(Math.round(ids[i]!));
  return chars;
}

export interface TokenSums {
  /** Σ −ln p(true token) over the scored tokens. */
  readonly nats: number;
  readonly tokens: number;
  /** Positions where the argmax was the true token (0 when not counted, e.g. n-gram baselines). */
  readonly correct: number;
  /** Characters the scored tokens cover; null when unknown. */
  readonly chars: number | null;
}

/** Nats per token, perplexity and bits per character from the sums of one pass. */
export function languageModelMetrics(sums: TokenSums): LanguageModelMetrics {
  const { nats, tokens, correct, chars } = sums;
  const natsPerToken = tokens > 0 ? nats / tokens : 0;
  return {
    kind: 'language-model',
    tokens,
    accuracy: tokens > 0 ? correct / tokens : 0,
    natsPerToken,
    perplexity: Math.exp(natsPerToken),
    bitsPerChar: chars === null || chars <= 0 ? null : nats / (Math.LN2 * chars),
  };
}
