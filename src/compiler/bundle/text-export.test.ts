/**
 * A text model's whole export: web/tokenize.js beside the page, tokenizer.py in keras/, a README that
 * explains the text input (and --generate for a language model), and snippets that tokenize before
 * predicting: the Node snippet is run from the export root on the shipped files, with real tfjs.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitTokenizer } from '../../data/text/fit';
import { decodeIds } from '../../data/text/tokenize.js';
import { textToInput, type TextTransform } from '../../data/text/transform';
import { buildGraph } from '../../model/build';
import { compile } from '../compile';
import { tfjsPredict } from '../pytorch/parity-support';
import { extractWeights } from '../weights';
import { buildExportParts } from './export-parts';
import { withOtherFormats } from './format-parts';
import type { DatasetForExport } from './metadata';
import { nodeSnippet, browserSnippet } from './snippets';
import { pythonSnippet } from './snippets-python';
import { STANDALONE_SOURCES } from './standalone/sources';
import { buildExportZip, ExportZipError, type StandaloneFileName, type StandaloneSources } from './zip';

const exec = promisify(execFile);
const TF_ES2017 = createRequire(import.meta.url).resolve('@tensorflow/tfjs/dist/tf.es2017.min.js');
const SEQ_LEN = 8;
const CLASSES = ['neg', 'pos'];
const TEXTS = ['An example of a text', 'another "text", here', 'Once upon a time there was', 'naïve café'];

function textExport(task: 'binary' | 'next-token') {
  const tokenizer = fitTokenizer(TEXTS, { kind: task === 'next-token' ? 'char' : 'word' });
  const vocab = tokenizer.vocab.length;
  const lm = task === 'next-token';
  const transform: TextTransform = {
    kind: 'text',
    version: 1,
    tokenizer,
    seqLen: SEQ_LEN,
    truncate: 'start',
    textColumn: lm ? null : 'review',
    task,
    label: lm ? null : { column: 'label', classNames: CLASSES },
  };
  const dataset: DatasetForExport = {
    name: lm ? 'Stories' : 'Reviews',
    kind: 'text',
    task,
    inputShape: [SEQ_LEN],
    classNames: lm ? tokenizer.vocab : CLASSES,
    transform,
  };
  const graph = buildGraph([
    { type: 'Input', params: { shape: [SEQ_LEN], dtype: 'int32' } },
    // A stock tfjs layer: the Node snippet loads the model with a tfjs that knows none of Layerloom's own layers.
    { type: 'Embedding', params: { input_dim: vocab, output_dim: 4 } },
    ...(lm
      ? [{ type: 'Dense', params: { units: vocab, activation: 'softmax' } }]
      : [
          { type: 'GlobalAveragePooling1D', params: {} },
          { type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
        ]),
  ]);
  const model = compile(graph);
  const input = { name: lm ? 'writer' : 'reviews', graph, weights: extractWeights(model, graph), dataset };
  return { transform, model, input };
}

let tfMinJs: Uint8Array;
let work: string;

beforeAll(async () => {
  tfMinJs = new Uint8Array(await readFile(TF_ES2017));
  // Inside the repository, so the snippet's `import '@tensorflow/tfjs'` finds node_modules.
  const cache = join(process.cwd(), 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  work = await mkdtemp(join(cache, 'layerloom-text-export-'));
});

afterAll(() => rm(work, { recursive: true, force: true }));

async function writeTree(dir: string, files: Record<string, Uint8Array>): Promise<void> {
  for (const [path, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
}

describe.each(['binary', 'next-token'] as const)('the export of a %s text model', (task) => {
  it('ships tokenize.js and tokenizer.py, explains the text input, and its Node snippet tokenizes like the app', async () => {
    const { transform, model, input } = textExport(task);
    const { parts, metadata } = buildExportParts(input, STANDALONE_SOURCES, tfMinJs);
    const files = unzipSync(buildExportZip(parts));
    const text = (path: string) => new TextDecoder().decode(files[path]);
    expect(text('web/tokenize.js')).toBe(STANDALONE_SOURCES['tokenize.js']);
    expect(Object.keys(files)).toContain('keras/tokenizer.py');
    const readme = text('README.md');
    expect(readme).toContain('### Text input');
    expect(readme).toContain(`A text becomes ${SEQ_LEN} token ids`);
    expect(readme).toContain('predict.py --text');
    if (task === 'next-token') {
      expect(readme).toContain('prompt box');
      expect(readme).toMatch(/predict\.py --generate "Once upon a time" --length 200/);
      expect(readme).toContain(`The model outputs [${SEQ_LEN}, ${transform.tokenizer.vocab.length}]`);
    } else {
      expect(readme).toContain('text box');
      expect(readme).not.toContain('--generate');
    }

    const dir = join(work, task);
    await writeTree(dir, files);
    const snippet = join(dir, 'predict.mjs');
    await writeFile(snippet, nodeSnippet(metadata));
    const { stdout } = await exec(process.execPath, [snippet], { cwd: dir, timeout: 60_000 });
    const example = task === 'next-token' ? 'Once upon a time' : 'An example text';
    const ids = textToInput(transform, example);
    const out = tfjsPredict(model, [{ shape: [1, SEQ_LEN], values: Int32Array.from(ids) }])[0]!.values;
    model.dispose();
    if (task === 'binary') {
      const printed = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
        classes: { name: string; probability: number }[];
      };
      const pos = printed.classes.find((c) => c.name === 'pos')!;
      expect(Math.abs(pos.probability - out[0]!)).toBeLessThan(1e-6);
    } else {
      // The row after the last real token: seqLen − 1 here (the prompt is longer than the window).
      const vocab = transform.tokenizer.vocab.length;
      const row = Array.from(out.slice((SEQ_LEN - 1) * vocab, SEQ_LEN * vocab));
      const best = row.indexOf(Math.max(...row));
      expect(stdout.split('\n')[0]).toBe(
        `${JSON.stringify(decodeIds(transform.tokenizer, [best]))} ${row[best]!.toFixed(3)}`,
      );
    }
    // The browser snippet parses, and the Python one too (checked where Python is).
    await writeFile(join(dir, 'browser.mjs'), browserSnippet(metadata));
    await expect(exec(process.execPath, ['--check', join(dir, 'browser.mjs')])).resolves.toBeDefined();
    const python = pythonSnippet(metadata);
    expect(python).toContain('from tokenizer import Tokenizer, to_sequence');
    expect(python).toContain('dtype=np.int32');
    const pyFile = join(dir, 'snippet.py');
    await writeFile(pyFile, python);
    const parse = 'import ast, sys\nast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])';
    await expect(exec('python3', ['-c', parse, pyFile])).resolves.toBeDefined();
  }, 120_000);
});

describe('the other formats of a text model', () => {
  it('pytorch/ gets the same tokenizer.py as keras/, and train.py is left out with a reason', () => {
    const { input, model } = textExport('binary');
    model.dispose();
    const base = buildExportParts(input, STANDALONE_SOURCES, tfMinJs);
    const { parts, warnings } = withOtherFormats(base, input, { formats: ['pytorch'] });
    expect(parts.pytorch?.['tokenizer.py']).toBeDefined();
    expect(parts.pytorch?.['tokenizer.py']).toBe(parts.keras?.['tokenizer.py']);
    expect(parts.pytorch?.['train.py']).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/train\.py was not written: train\.py trains on tables/);
  });
});

describe('the page sources', () => {
  it('must hold tokenize.js for a text model, and need not for others', () => {
    const { input } = textExport('binary');
    const withoutTokenizer = Object.fromEntries(
      Object.entries(STANDALONE_SOURCES).filter(([name]) => name !== 'tokenize.js'),
    ) as Record<StandaloneFileName, string> as StandaloneSources;
    const parts = buildExportParts(input, withoutTokenizer, tfMinJs).parts;
    expect(() => buildExportZip(parts)).toThrow(ExportZipError);
    expect(() => buildExportZip(parts)).toThrow(/needs web\/tokenize\.js.*pass src\/data\/text\/tokenize\.js/);
    // A model without text has no use for it: left out even when the sources hold it.
    for (const web of [withoutTokenizer, STANDALONE_SOURCES]) {
      const plain = buildExportParts({ ...input, dataset: null }, web, tfMinJs).parts;
      expect(Object.keys(unzipSync(buildExportZip(plain)))).not.toContain('web/tokenize.js');
    }
  });
});
