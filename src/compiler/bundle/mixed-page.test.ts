/**
 * The standalone page's preprocessing for a table whose columns feed several Inputs: preprocess.js
 * writes exactly the app's row for text and id columns (with tokenize.js for the text), and cuts it
 * into each model Input's slice as metadata.json's offsets say.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { TabularTransform } from '../../data/preprocess';
import { applyTransform, parseCsv, prepareTabular } from '../../data/tabular';
import * as tokenize from '../../data/text/tokenize.js';
import { fitTemplate } from '../../model/template-fit';
import { compile } from '../compile';
import { tfjsPredict } from '../pytorch/parity-support';
import { extractWeights } from '../weights';
import { exampleRow } from './example-row';
import { buildExportParts } from './export-parts';
import { metadataFromDataset, modelSignature } from './metadata';
import { encodeRecord, splitInputs } from './standalone/preprocess.js';
import { nodeSnippet } from './snippets';
import { onnxSnippet, pythonSnippet, pytorchSnippet } from './snippets-python';
import { STANDALONE_SOURCES } from './standalone/sources';
import { buildExportZip } from './zip';

async function mixed(withId = true) {
  const rows = ['user,review,price,liked'];
  for (let i = 0; i < 60; i++) {
    rows.push(
      `u${i % 8},"${['loved it', 'boring and long', 'fine, I guess'][i % 3]} ${i % 5}",${(i % 6) * 3},${i % 2}`,
    );
  }
  const { dataset } = prepareTabular(await parseCsv(rows.join('\n')), {
    name: 'reviews',
    columns: { ...(withId ? { user: { role: 'id' as const } } : {}), review: { role: 'text', seqLen: 5 } },
  });
  return dataset;
}

const RECORDS = [
  { user: 'u3', review: 'loved it 4', price: '9' },
  { user: 'nobody', review: 'LOVED, loved, loved it, boring', price: 'NA' },
  ['u7', null, '12'],
  {},
];

describe("the standalone page's preprocessing of several Inputs", () => {
  it('writes the rows the app writes, text and ids included', async () => {
    const dataset = await mixed();
    const transform = dataset.transform as TabularTransform;
    const signature = {
      inputs: dataset.inputs!.map((p) => ({ name: p.name, shape: [...p.shape], dtype: p.dtype })),
      outputs: [{ name: 'out', shape: [1] }],
    };
    const metadata = metadataFromDataset(dataset, 'm', signature);
    const pre = metadata.preprocessing;
    if (pre?.kind !== 'tabular') throw new Error('expected tabular preprocessing');
    for (const record of RECORDS) {
      const row = encodeRecord(pre, record, undefined, tokenize);
      expect(row).toEqual(applyTransform(transform, record));
      const parts = splitInputs(metadata.inputs, row);
      expect(parts.map((p) => [p.name, Array.from(p.values)])).toEqual([
        ['user', [row[0]]],
        ['review', Array.from(row.slice(1, 6))],
        ['features', [row[6]]],
      ]);
    }
    expect(() => encodeRecord(pre, RECORDS[0]!)).toThrow(
      'column review is text: encodeRecord needs tokenize.js (its 4th argument)',
    );
  });

  it('ships tokenize.js with the page of a table that has a text column; its Node snippet predicts as tfjs does', async () => {
    // The text + table template takes a text part and a features part (the user is an ordinary feature here).
    const dataset = await mixed(false);
    const graph = fitTemplate('text-table', {
      kind: 'tabular',
      task: 'binary',
      inputShape: [...dataset.inputShape],
      classes: 2,
      inputs: dataset.inputs!,
    });
    expect(
      modelSignature(graph)
        .inputs.map((i) => i.name)
        .sort(),
    ).toEqual(['features', 'review']);
    const tfMinJs = new Uint8Array(
      await readFile(createRequire(import.meta.url).resolve('@tensorflow/tfjs/dist/tf.es2017.min.js')),
    );
    const model = compile(graph);
    const input = { name: 'mixed', graph, weights: extractWeights(model, graph), dataset };
    const { parts, metadata } = buildExportParts(input, STANDALONE_SOURCES, tfMinJs);
    const files = unzipSync(buildExportZip(parts));
    expect(new TextDecoder().decode(files['web/tokenize.js'])).toBe(STANDALONE_SOURCES['tokenize.js']);
    expect(Object.keys(files)).toContain('keras/tokenizer.py');
    const readme = new TextDecoder().decode(files['README.md']);
    const review = metadata.inputs.find((i) => i.name === 'review')!;
    expect(readme).toContain(
      `- review: shape [5] (int32), token ids of review; an Embedding over it needs input_dim ${review.vocabulary}`,
    );
    expect(readme).toContain('- features: shape [9] (float32), the encoded user, price');
    // The Python snippet cuts the row per Input by name (it needs Keras to run, so it is read here).
    expect(pythonSnippet(metadata)).toContain('for i in metadata["inputs"]');
    // ONNX and PyTorch take the same dict: by name, and in forward()'s order.
    expect(onnxSnippet(metadata)).toContain('outputs = session.run(None, x)');
    expect(pytorchSnippet(metadata)).toContain('y = model(*[torch.from_numpy(x[name]) for name in INPUT_NAMES])');

    // Inside the repository, so the snippet's `import '@tensorflow/tfjs'` finds node_modules.
    const cache = join(process.cwd(), 'node_modules', '.cache');
    await mkdir(cache, { recursive: true });
    const dir = await mkdtemp(join(cache, 'layerloom-mixed-page-'));
    try {
      for (const [path, bytes] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), bytes);
      }
      await writeFile(join(dir, 'predict.mjs'), nodeSnippet(metadata));
      const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'predict.mjs')], {
        cwd: dir,
        timeout: 60_000,
      });
      const pre = metadata.preprocessing;
      if (pre?.kind !== 'tabular') throw new Error('expected tabular preprocessing');
      const row = applyTransform(dataset.transform as TabularTransform, Object.fromEntries(exampleRow(pre)));
      const slice = (name: string) => {
        const part = metadata.inputs.find((i) => i.name === name)!;
        return row.slice(part.offset!, part.offset! + (part.shape[0] ?? 1));
      };
      const xs = model.inputNames.map((name) => {
        const values = slice(name);
        const part = metadata.inputs.find((i) => i.name === name)!;
        return { shape: [1, values.length], values: part.dtype === 'int32' ? Int32Array.from(values) : values };
      });
      const expected = tfjsPredict(model, xs)[0]!.values[0]!;
      const printed = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
        classes: { name: string; probability: number }[];
      };
      expect(Math.abs(printed.classes.find((c) => c.name === '1')!.probability - expected)).toBeLessThan(1e-6);
    } finally {
      model.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
