/**
 * How a language model's scores read in logs, run lists and rules: one place, so the Train page,
 * the runs list and Evaluate say the same thing about the same numbers.
 */
import type { LanguageModelMetrics } from '../training/text/lm-metrics';

/** "bits/char 2.31 · perplexity 5.02 · 1.61 nats/token": the best-known number first. */
export function languageModelSummary(lm: LanguageModelMetrics): string {
  const parts = [
    ...(lm.bitsPerChar === null ? [] : [`bits/char ${lm.bitsPerChar.toFixed(3)}`]),
    `perplexity ${lm.perplexity.toFixed(2)}`,
    `${lm.natsPerToken.toFixed(3)} nats/token`,
  ];
  return parts.join(' · ');
}

/** The Train log's line for a finished next-token run. */
export function languageModelLine(lm: LanguageModelMetrics, windows: number): string {
  return `Test ${languageModelSummary(lm)}, per-token accuracy ${lm.accuracy.toFixed(4)} (${lm.tokens.toLocaleString('en-US')} tokens in ${windows} windows).`;
}
