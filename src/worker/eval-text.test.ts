import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MultiHeadAttentionLayer } from '../compiler/factories/attention';
import { fitTokenizer } from '../data/text/fit';
import { decodeIds, encodeText } from '../data/text/tokenize.js';
import type { TextTransform } from '../data/text/transform';
import { buildSeeded } from '../training/train';
import { explainText, predictedClass } from './eval-explain';
import { generateText, startIds } from './eval-generate';

const SEQ = 8;
const charState = fitTokenizer(['the cat sat on the mat\nand the dog'], { kind: 'char' });
const lmTransform: TextTransform = {
  kind: 'text',
  version: 1,
  tokenizer: charState,
  seqLen: SEQ,
  truncate: 'start',
  textColumn: null,
  task: 'next-token',
  label: null,
};
const classifierTransform: TextTransform = {
  ...lmTransform,
  truncate: 'end',
  textColumn: 'text',
  task: 'multiclass',
  label: { column: 'label', classNames: ['a', 'b', 'c'] },
};
const vocab = charState.vocab.length;
let lm: tf.LayersModel;
let classifier: tf.LayersModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  lm = buildSeeded(3, () =>
    tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: vocab, outputDim: 8, inputShape: [SEQ] }),
        tf.layers.simpleRNN({ units: 8, returnSequences: true }),
        tf.layers.dense({ units: vocab, activation: 'softmax' }),
      ],
    }),
  );
  classifier = buildSeeded(4, () => {
    const input = tf.input({ shape: [SEQ] });
    const embedded = tf.layers.embedding({ inputDim: vocab, outputDim: 8 }).apply(input) as tf.SymbolicTensor;
    const attention = new MultiHeadAttentionLayer({
      name: 'mha',
      numHeads: 2,
      keyDim: 4,
      valueDim: null,
      dropout: 0,
      useBias: true,
      outputShape: null,
      attentionAxes: null,
      useCausalMask: false,
      kernelInitializer: 'glorotUniform',
      biasInitializer: 'zeros',
      kernelRegularizer: null,
      biasRegularizer: null,
    });
    const attended = attention.apply([embedded, embedded]) as tf.SymbolicTensor;
    const pooled = tf.layers.globalAveragePooling1d().apply(attended) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(pooled) as tf.SymbolicTensor;
    return tf.model({ inputs: input, outputs: out });
  });
});

describe('generateText', () => {
  const settings = { maxChars: 12, temperature: 1, topK: 0, seed: 7 };

  it('streams one piece per token whose concatenation is the final text, and stops at maxChars', async () => {
    const pieces: string[] = [];
    const out = await generateText(lm, lmTransform, { prompt: 'the ', ...settings }, (p) => pieces.push(p));
    expect(pieces).toHaveLength(out.tokens);
    expect(pieces.join('')).toBe(out.text);
    // Padding is never sampled, so each character token writes one character.
    expect([...out.text].length).toBe(12);
    expect(out.tokens).toBe(12);
    expect(out.prompt).toBe('the ');
    expect(out.stopped).toBe(false);
    expect(out.notes).toEqual([]);
    // Seeded: the same request writes the same text.
    const again = await generateText(lm, lmTransform, { prompt: 'the ', ...settings }, () => undefined);
    expect(again.text).toBe(out.text);
  });

  it('stops between tokens when cancelled and reports it', async () => {
    const stop = new AbortController();
    const pieces: string[] = [];
    const out = await generateText(
      lm,
      lmTransform,
      { prompt: 'the', ...settings, maxChars: 500 },
      (p) => {
        pieces.push(p);
        if (pieces.length === 3) stop.abort();
      },
      stop.signal,
    );
    expect(out.stopped).toBe(true);
    expect(out.tokens).toBe(3);
    expect(pieces.join('')).toBe(out.text);
  });

  it('reads a cancel that arrives as a message (a macrotask) between tokens', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 30);
    const out = await generateText(
      lm,
      lmTransform,
      { prompt: 'the', ...settings, maxChars: 2000 },
      () => undefined,
      stop.signal,
    );
    expect(out.stopped).toBe(true);
    expect(out.tokens).toBeLessThan(2000);
  });

  it('starts an empty prompt after a line break and says so; marks unknown characters', async () => {
    expect(decodeIds(charState, startIds(lmTransform))).toBe('\n');
    const empty = await generateText(lm, lmTransform, { prompt: '', ...settings }, () => undefined);
    expect(empty.notes.join(' ')).toMatch(/prompt is empty/);
    expect(empty.text.length).toBeGreaterThan(0);
    const odd = await generateText(lm, lmTransform, { prompt: 'the zeb', ...settings }, () => undefined);
    expect(odd.notes.join(' ')).toMatch(/2 prompt tokens \(z b\) are not in the vocabulary/);
    expect(odd.prompt).toBe('the [UNK]e[UNK]');
  });

  it('puts a word tokenizer’s spaces between the prompt and each new word', async () => {
    const words = fitTokenizer(['the cat sat on the mat', 'the dog sat'], { kind: 'word' });
    const transform: TextTransform = { ...lmTransform, tokenizer: words };
    const model = buildSeeded(9, () =>
      tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: words.vocab.length, outputDim: 4, inputShape: [SEQ] }),
          tf.layers.dense({ units: words.vocab.length, activation: 'softmax' }),
        ],
      }),
    );
    const pieces: string[] = [];
    const out = await generateText(model, transform, { prompt: 'the cat', ...settings, maxChars: 30 }, (p) =>
      pieces.push(p),
    );
    expect(out.prompt).toBe('the cat');
    expect(pieces.join('')).toBe(out.text);
    expect(pieces.every((p) => p.startsWith(' ') && p.length > 1)).toBe(true);
    expect([...out.text].length).toBeGreaterThanOrEqual(30);
    expect(out.tokens).toBe(pieces.length);
  });

  it('refuses bad settings and classifiers with what to do', async () => {
    await expect(
      generateText(lm, lmTransform, { prompt: 'a', ...settings, maxChars: 0 }, () => undefined),
    ).rejects.toThrow(/Max characters/);
    await expect(
      generateText(lm, lmTransform, { prompt: 'a', ...settings, temperature: -1 }, () => undefined),
    ).rejects.toThrow(/Temperature/);
    await expect(generateText(lm, classifierTransform, { prompt: 'a', ...settings }, () => undefined)).rejects.toThrow(
      /use try-it/,
    );
  });
});

describe('explainText', () => {
  it('scores the text, the importance of each kept token for the predicted class, and attention maps', async () => {
    const before = tf.memory().numTensors;
    const out = await explainText(classifier, classifierTransform, 'the cat');
    expect(out.tokens.map((t) => t.text).join('')).toBe('the cat');
    expect(out.cut).toBe(0);
    expect(out.units).toBe(3);
    expect(out.classIndex).toBe(predictedClass(out.outputs, 3));
    expect(out.importance).toHaveLength(7);
    // Removing a token by hand gives the same drop as the occlusion importance.
    const ids = encodeText(charState, 'the cat');
    const withoutFirst = [...ids.slice(1), 0, 0];
    const p = tf.tidy(
      () => (classifier.predict(tf.tensor2d([[...ids, 0], withoutFirst])) as tf.Tensor).arraySync() as number[][],
    );
    expect(out.importance[0]).toBeCloseTo(p[0]![out.classIndex]! - p[1]![out.classIndex]!, 5);
    expect(out.attention).toHaveLength(1);
    const map = out.attention[0]!;
    expect(map.heads).toBe(2);
    expect(map.weights).toHaveLength(2 * 7 * 7);
    // Each row over the real tokens is part of a softmax over all 8 positions: at most 1.
    const row = Array.from(map.weights.subarray(0, 7)).reduce((a, b) => a + b, 0);
    expect(row).toBeGreaterThan(0);
    expect(row).toBeLessThanOrEqual(1 + 1e-6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the tokens inside the window and counts the cut ones; unknown characters show as themselves', async () => {
    const out = await explainText(classifier, classifierTransform, 'the zebra sat');
    expect(out.tokens).toHaveLength(SEQ);
    expect(out.cut).toBe(13 - SEQ);
    expect(out.tokens.map((t) => t.text).join('')).toBe('the zebr');
    expect(out.tokens.filter((t) => !t.known).map((t) => t.text)).toEqual(['z', 'b', 'r']);
  });

  it('explains a text regression by changes of the predicted value', async () => {
    const regressor = buildSeeded(6, () =>
      tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: vocab, outputDim: 3, inputShape: [SEQ] }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 1 }),
        ],
      }),
    );
    const transform: TextTransform = { ...classifierTransform, task: 'regression', label: null };
    const out = await explainText(regressor, transform, 'cat');
    expect(out.classIndex).toBe(1);
    const ids = encodeText(charState, 'cat');
    const pad = (xs: number[]) => [...xs, ...new Array<number>(SEQ - xs.length).fill(0)];
    const values = tf.tidy(
      () => (regressor.predict(tf.tensor2d([pad(ids), pad(ids.slice(1))])) as tf.Tensor).arraySync() as number[][],
    );
    expect(out.outputs[0]).toBeCloseTo(values[0]![0]!, 5);
    expect(out.importance[0]).toBeCloseTo(values[0]![0]! - values[1]![0]!, 5);
  });

  it('refuses a language model with what to use instead', async () => {
    await expect(explainText(lm, lmTransform, 'the')).rejects.toThrow(/use Generate/);
  });
});
