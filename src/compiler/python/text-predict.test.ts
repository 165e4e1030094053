import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextWindow, mulberry32, sampleToken } from '../bundle/standalone/preprocess.js';
import { fitTokenizer } from '../../data/text/fit';
import { decodeIds, encodeText } from '../../data/text/tokenize.js';
import { textToInput, type TextTransform } from '../../data/text/transform';
import { buildGraph } from '../../model/build';
import { compile } from '../compile';
import { buildPytorchFiles } from '../pytorch';
import { tfjsPredict } from '../pytorch/parity-support';
import { extractWeights } from '../weights';
import { generateKerasProject } from './index';
import { findTestPython, type CommandRunner } from './python-env';

/**
 * The exported predict.py of a text model, run by a real Python with torch: a text becomes the same
 * token ids as in the app (tokenizer.py against tokenize.js, Unicode included) and the same
 * prediction as tfjs; a language model's --generate samples the same ids as the page's sampler on
 * the tfjs model, greedy and seeded. The Keras project carries the same tokenizer.py and prepares
 * the same ids (Keras itself is not installed here, so its predict.py is not run).
 */

const SEQ_LEN = 12;
const CLASSES = ['neg', 'neu', 'pos'];
const TRAIN = [
  'the cat sat on the mat',
  'a dog ran far away',
  'Über café, naïve façade; 日本語のテキスト!',
  'the dog sat',
  'mats and cats and hats',
  'Ω≈ç√ emoji 🙂 too',
];
/** Unicode (composed and decomposed accents, CJK, emoji, unknown characters), empty, and longer than seqLen. */
const SAMPLES = [
  'the cat',
  'Über café',
  'U\u0308ber cafe\u0301',
  '日本語 🙂',
  '',
  'zzz qqq ###',
  'the dog ran and the cat sat on the mat all day long',
  '  spaces\tand\nnewlines  ',
];

let run: CommandRunner;
let python: string;
let root: string;
let skip = '';

beforeAll(async () => {
  try {
    ({ run, python } = await findTestPython((m) => console.log(m), ['torch', 'numpy']));
  } catch (err) {
    skip = (err as Error).message;
  }
  root = mkdtempSync(join(tmpdir(), 'layerloom-text-predict-'));
}, 900_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeProject(dir: string, files: Record<string, Uint8Array | string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}

function transformOf(task: 'multiclass' | 'next-token', kind: 'char' | 'word' | 'bpe'): TextTransform {
  return {
    kind: 'text',
    version: 1,
    tokenizer: fitTokenizer(TRAIN, { kind, ...(kind === 'bpe' ? { vocabSize: 60 } : {}) }),
    seqLen: SEQ_LEN,
    truncate: task === 'next-token' ? 'start' : 'end',
    textColumn: task === 'next-token' ? null : 'review',
    task,
    label: task === 'next-token' ? null : { column: 'label', classNames: CLASSES },
  };
}

function textModel(transform: TextTransform) {
  const vocab = transform.tokenizer.vocab.length;
  const graph = buildGraph([
    { type: 'Input', params: { shape: [SEQ_LEN], dtype: 'int32' } },
    {
      type: 'TokenAndPositionEmbedding',
      params: { vocabulary_size: vocab, sequence_length: SEQ_LEN, embedding_dim: 6 },
    },
    ...(transform.task === 'next-token'
      ? [{ type: 'Dense', params: { units: vocab, activation: 'softmax' } }]
      : [
          { type: 'GlobalAveragePooling1D', params: {} },
          { type: 'Dense', params: { units: CLASSES.length, activation: 'softmax' } },
        ]),
  ]);
  const model = compile(graph);
  return { graph, model, weights: extractWeights(model, graph) };
}

const metadataOf = (transform: TextTransform) => ({
  transform,
  classNames: transform.task === 'next-token' ? null : CLASSES,
  csv: null,
});

function predictPy(dir: string, args: string[], input?: string): string {
  const file = join(root, 'stdin.txt');
  if (input !== undefined) writeFileSync(file, input);
  const command =
    input === undefined
      ? [join(dir, 'predict.py'), ...args]
      : ['-c', STDIN_RUNNER, file, join(dir, 'predict.py'), ...args];
  const r = run(python, command, { cwd: tmpdir(), timeoutMs: 120_000 });
  if (r.status !== 0) throw new Error(`predict.py ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

/** Runs a script with a file as its standard input (the runner has no stdin option). */
const STDIN_RUNNER = `import runpy, sys
sys.stdin = open(sys.argv[1], encoding="utf-8")
sys.argv = sys.argv[2:]
runpy.run_path(sys.argv[0], run_name="__main__")`;

const numbersAfter = (label: string, text: string) =>
  (new RegExp(`^${label}:? \\[?([^\\]\\n]*)`, 'm').exec(text)?.[1] ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);

describe.each(['char', 'word', 'bpe'] as const)('a %s-token text classifier exported with its tokenizer', (kind) => {
  it('predict.py --text gives the app’s token ids and the tfjs prediction', (ctx) => {
    if (skip) return ctx.skip(skip);
    const transform = transformOf('multiclass', kind);
    const { graph, model, weights } = textModel(transform);
    const dir = join(root, `classifier-${kind}`);
    const files = buildPytorchFiles(graph, weights, { modelName: 'reviews', metadata: metadataOf(transform) });
    writeProject(dir, files);
    try {
      for (const text of SAMPLES) {
        const out = predictPy(dir, ['--text', text]);
        const ids = textToInput(transform, text);
        expect(numbersAfter('token ids', out), JSON.stringify(text)).toEqual(Array.from(ids));
        const expected = tfjsPredict(model, [{ shape: [1, SEQ_LEN], values: Int32Array.from(ids) }])[0]!.values;
        const printed = numbersAfter('output', out);
        expect(printed).toHaveLength(CLASSES.length);
        printed.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(1e-4));
        expect(out).toContain(`class: ${CLASSES[expected.indexOf(Math.max(...expected))]}`);
      }
      // "-" reads the text from standard input.
      const piped = predictPy(dir, ['--text', '-'], SAMPLES[1]);
      expect(numbersAfter('token ids', piped)).toEqual(Array.from(textToInput(transform, SAMPLES[1]!)));
    } finally {
      model.dispose();
    }
    // The Keras project ships the very same tokenizer.py and preprocess.py.
    const keras = generateKerasProject(graph, { modelName: 'reviews', weights, metadata: metadataOf(transform) });
    expect(keras.files['tokenizer.py']).toBe(files['tokenizer.py']);
    expect(keras.files['preprocess.py']).toBe(files['preprocess.py']);
  }, 300_000);
});

/** What the exported page does: the same window, sampler and seeded stream, on the tfjs model. */
function pageGenerate(
  model: tf.LayersModel,
  transform: TextTransform,
  prompt: string,
  n: number,
  temperature: number,
  topK: number,
  seed: number,
): number[] {
  const history = encodeText(transform.tokenizer, prompt);
  const rng = mulberry32(seed);
  const out: number[] = [];
  for (let t = 0; t < n; t++) {
    const window = contextWindow(history, SEQ_LEN, 0);
    const probs = tf.tidy(() => {
      const y = model.predict(tf.tensor2d(window.ids, [1, SEQ_LEN], 'int32')) as tf.Tensor;
      return y.slice([0, window.at, 0], [1, 1, -1]).dataSync();
    });
    const id = sampleToken(probs, temperature, topK, rng);
    history.push(id);
    out.push(id);
  }
  return out;
}

describe('a language model exported with its tokenizer', () => {
  it('predict.py --generate samples the ids the page samples: greedy, and seeded with temperature and top-k', (ctx) => {
    if (skip) return ctx.skip(skip);
    const transform = transformOf('next-token', 'char');
    const { graph, model, weights } = textModel(transform);
    const dir = join(root, 'writer');
    writeProject(dir, buildPytorchFiles(graph, weights, { modelName: 'writer', metadata: metadataOf(transform) }));
    try {
      // Longer than seqLen, so the window slides.
      const length = SEQ_LEN + 6;
      for (const [temperature, topK, seed] of [
        [0, 0, 0],
        [1, 0, 7],
        [0.8, 5, 123],
      ] as const) {
        const prompt = 'the ca';
        const out = predictPy(dir, [
          '--generate',
          prompt,
          '--length',
          String(length),
          '--temperature',
          String(temperature),
          '--top-k',
          String(topK),
          '--seed',
          String(seed),
        ]);
        const expected = pageGenerate(model, transform, prompt, length, temperature, topK, seed);
        expect(numbersAfter('generated ids', out), `T=${temperature} k=${topK}`).toEqual(expected);
        expect(out.split('\n')[0]).toBe(prompt + decodeIds(transform.tokenizer, expected));
      }
      // --text shows the most likely next tokens after the text's last token.
      const next = predictPy(dir, ['--text', 'the c']);
      const ids = textToInput(transform, 'the c');
      expect(numbersAfter('token ids', next)).toEqual(Array.from(ids));
      const probs = tfjsPredict(model, [{ shape: [1, SEQ_LEN], values: Int32Array.from(ids) }])[0]!.values;
      const vocab = transform.tokenizer.vocab.length;
      const row = Array.from(probs.slice(4 * vocab, 5 * vocab));
      const best = row.indexOf(Math.max(...row));
      expect(next).toMatch(new RegExp(`most likely next tokens:\\n {2}\\S+ {2}id ${best} {2}${row[best]!.toFixed(4)}`));
    } finally {
      model.dispose();
    }
  }, 300_000);

  it('refuses --generate for a classifier and an empty prompt, saying what to do', (ctx) => {
    if (skip) return ctx.skip(skip);
    const dirs = { classifier: join(root, 'classifier-char'), writer: join(root, 'writer') };
    const fails = (dir: string, args: string[]) => run(python, [join(dir, 'predict.py'), ...args], { cwd: tmpdir() });
    const a = fails(dirs.classifier, ['--generate', 'the']);
    expect(a.status).not.toBe(0);
    expect(a.stderr).toMatch(/--generate is for language models .* use --text/);
    const b = fails(dirs.writer, ['--generate', '']);
    expect(b.status).not.toBe(0);
    expect(b.stderr).toMatch(/needs a prompt of at least one token/);
  }, 120_000);
});
