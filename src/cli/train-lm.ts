/**
 * What `layerloom train` prints for a language model: the test chunk's loss (nats per token),
 * perplexity and bits per character, the unigram and bigram baselines on the same chunk, and a
 * sample of generated text from the trained weights.
 */
import { compile } from '../compiler/compile';
import { applyWeights } from '../compiler/weights';
import { charsPerTokenOf, decodeIds, type TextTransform } from '../data/text';
import type { PreparedDataset } from '../data/types';
import type { Graph } from '../model/graph';
import type { LayerWeights } from '../model/weights';
import type { TestScore } from '../training/session';
import { bigramBaseline, generate, pairsOfSplit, unigramBaseline, type LanguageModelMetrics } from '../training/text';

/** Characters of generated text in the summary. */
export const SAMPLE_CHARS = 200;

export interface LanguageModelScores {
  readonly loss: number;
  readonly perplexity: number;
  readonly bitsPerChar: number | null;
}

export interface LanguageModelSummary {
  readonly test: LanguageModelScores;
  readonly baselines: { readonly unigram: LanguageModelScores; readonly bigram: LanguageModelScores };
  readonly sample: string;
}

const scores = (m: LanguageModelMetrics): LanguageModelScores => ({
  loss: m.natsPerToken,
  perplexity: m.perplexity,
  bitsPerChar: m.bitsPerChar,
});

/** The tokenizer a next-token dataset was made with. */
export function textTransformOf(dataset: PreparedDataset): TextTransform {
  const t = dataset.transform;
  if (t?.kind !== 'text') throw new Error(`'${dataset.name}' has no tokenizer; a language model needs text data`);
  return t;
}

/** `chars` characters sampled from the trained model, prompted with the start of the test chunk. */
async function sampleText(
  graph: Graph,
  weights: LayerWeights,
  dataset: PreparedDataset,
  chars: number,
  seed: number,
): Promise<string> {
  const { tokenizer, seqLen } = textTransformOf(dataset);
  const model = compile(graph);
  try {
    applyWeights(model, weights);
    const source = dataset.test.n > 0 ? dataset.test : dataset.train;
    const prompt = Array.from(source.x.subarray(0, Math.min(seqLen, 16)), Math.round);
    let text = '';
    const stop = new AbortController();
    await generate(model, prompt, {
      // A sampled [PAD] or [UNK] may add no character; allow more tokens and stop at `chars`.
      maxTokens: chars * 4,
      seqLen,
      temperature: 0.8,
      topK: 20,
      seed,
      signal: stop.signal,
      onToken: (id) => {
        text += decodeIds(tokenizer, [id]);
        if ([...text].length >= chars) stop.abort();
      },
    });
    return [...text].slice(0, chars).join('');
  } finally {
    model.dispose();
  }
}

export async function languageModelSummary(
  test: TestScore,
  dataset: PreparedDataset,
  graph: Graph,
  weights: LayerWeights,
  seed: number,
): Promise<LanguageModelSummary> {
  if (!test.languageModel) throw new Error('The test score of a language model is missing its per-token scores');
  const { tokenizer } = textTransformOf(dataset);
  const options = { charsPerToken: charsPerTokenOf(tokenizer) };
  const vocab = tokenizer.vocab.length;
  const train = pairsOfSplit(dataset.train);
  const held = pairsOfSplit(dataset.test);
  return {
    test: scores(test.languageModel),
    baselines: {
      unigram: scores(unigramBaseline(train, held, vocab, options)),
      bigram: scores(bigramBaseline(train, held, vocab, options)),
    },
    sample: await sampleText(graph, weights, dataset, SAMPLE_CHARS, seed),
  };
}
