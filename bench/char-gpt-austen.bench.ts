// The tiny character GPT on the Austen corpus, wasm with one thread, for a time budget (default 10 minutes): held-out bits per character against the bigram and unigram baselines on the same chunk, and training tokens/s.
// Env: GPT_MINUTES (default 10), GPT_SEQ_LEN (default 64), GPT_BATCH (default 32), GPT_LR (default 0.003).
// The model is the `char-gpt` template sized to the corpus, trained by the app's TrainerSession;
// at the budget the run is stopped between batches and the weights it reached are scored.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { corpusRatios, loadTextBuiltin } from '../src/data/builtins';
import { charsPerTokenOf, prepareLanguageModel } from '../src/data/text';
import { fitTemplate } from '../src/model/template-fit';
import { setupWasm } from '../src/training/backend-wasm';
import { seededConfig, TrainerSession } from '../src/training/session';
import { bigramBaseline, pairsOfSplit, unigramBaseline } from '../src/training/text';
import { dataFacts } from '../src/cli/train-model';

const ROOT = join(import.meta.dirname, '..');
const minutes = Number(process.env.GPT_MINUTES ?? 10);
const seqLen = Number(process.env.GPT_SEQ_LEN ?? 64);
const batchSize = Number(process.env.GPT_BATCH ?? 32);
const learningRate = Number(process.env.GPT_LR ?? 0.003);

await setupWasm({ threads: 1 });
if (!(await tf.setBackend('wasm'))) throw new Error('The wasm backend could not start.');
tf.enableProdMode();

const read = async (name: string) => new Uint8Array(await readFile(join(ROOT, 'public', 'datasets', name)));
const { text, info } = await loadTextBuiltin('austen-text', read);
const { dataset } = prepareLanguageModel(text, {
  tokenizer: { kind: 'char' },
  seqLen,
  seed: 42,
  ...(info.corpus ? { split: corpusRatios(info.corpus.splits) } : {}),
});
if (dataset.transform?.kind !== 'text') throw new Error('expected a text dataset');
const charsPerToken = charsPerTokenOf(dataset.transform.tokenizer);
const vocab = dataset.transform.tokenizer.vocab.length;
const graph = fitTemplate('char-gpt', dataFacts(dataset));
const session = await TrainerSession.create({
  graph,
  dataset,
  charsPerToken,
  config: seededConfig({ seed: 42, epochs: 100, batchSize, validate: false, optimizer: { name: 'adam', learningRate } }),
});

const started = performance.now();
let batches = 0;
const timer = setTimeout(() => session.stop(), minutes * 60_000);
console.log(
  `char-gpt: ${dataset.train.n} training windows of ${seqLen}, vocabulary ${vocab}, batch ${batchSize}, Adam ${learningRate}; budget ${minutes} min`,
);
await session.run(undefined, {
  onBatch: () => {
    batches++;
    if (batches % 200 === 0) {
      const s = (performance.now() - started) / 1000;
      console.log(`  ${batches} batches, ${(s / 60).toFixed(1)} min, ${Math.round((batches * batchSize * seqLen) / s)} tokens/s`);
    }
  },
});
clearTimeout(timer);
const seconds = (performance.now() - started) / 1000;
const test = await session.score();
const lm = test?.languageModel;
const train = pairsOfSplit(dataset.train);
const held = pairsOfSplit(dataset.test);
const unigram = unigramBaseline(train, held, vocab, { charsPerToken });
const bigram = bigramBaseline(train, held, vocab, { charsPerToken });
const f = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(3));
console.log(`trained ${batches} batches in ${(seconds / 60).toFixed(1)} min: ${Math.round((batches * batchSize * seqLen) / seconds)} tokens/s`);
console.log(`held-out bits/char: model ${f(lm?.bitsPerChar)}, bigram ${f(bigram.bitsPerChar)}, unigram ${f(unigram.bitsPerChar)}`);
console.log(`model/bigram ${lm?.bitsPerChar ? (lm.bitsPerChar / bigram.bitsPerChar!).toFixed(3) : '—'} (below 1: the model beats the bigram)`);
session.dispose();
