/**
 * web/layers.js: Layerloom's own layers for a plain TensorFlow.js. An exported model with attention
 * and position embeddings (causal self-attention; self- and cross-attention with padding masks, no biases, a
 * value size and output size of its own, Subtract) loads in stock tfjs in a separate Node process
 * with layers.js registered, and predicts what the app's model predicts.
 */
import * as tf from '@tensorflow/tfjs';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import type { Graph, LayerNode, Params } from '../../model/graph';
import { exportLayersModel } from '../../model/keras-export';
import { defaultParamsFor, getSpec } from '../../model/registry';
import { compile } from '../compile';
import { extractWeights } from '../weights';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { LAYERLOOM_LAYERS } from './standalone/layers.js';
import { STANDALONE_SOURCES } from './standalone/sources';
import { buildExportParts } from './export-parts';
import { exportZipEntries } from './zip';

const exec = promisify(execFile);
const STEPS = 6;
const VOCAB = 30;

function node(id: string, type: string, params: Params = {}): LayerNode {
  return { id, type, name: id, params: { ...defaultParamsFor(getSpec(type)!), ...params }, position: { x: 0, y: 0 } };
}

/** Padding masks (mask_zero), PositionEmbedding, Add, self-attention, cross-attention, Subtract. */
const masked: Graph = {
  nodes: [
    node('ids', 'Input', { shape: [STEPS], dtype: 'int32' }),
    node('tpe', 'TokenAndPositionEmbedding', {
      vocabulary_size: VOCAB,
      sequence_length: 8,
      embedding_dim: 6,
      mask_zero: true,
    }),
    node('pe', 'PositionEmbedding', { sequence_length: 12 }),
    node('sum', 'Add'),
    // Not causal: only the padding mask keeps real steps from attending to padded ones.
    node('self_att', 'MultiHeadAttention', { num_heads: 2, key_dim: 4 }),
    node('cross_att', 'MultiHeadAttention', {
      num_heads: 1,
      key_dim: 3,
      value_dim: 5,
      output_shape: 6,
      use_bias: false,
    }),
    node('diff', 'Subtract'),
  ],
  edges: [
    'ids>tpe',
    'tpe>pe',
    'tpe>sum',
    'pe>sum',
    'sum>self_att',
    'self_att>cross_att',
    'tpe>cross_att',
    'cross_att>diff',
    'pe>diff',
  ].map((e, i) => ({ id: `e${i}`, source: e.split('>')[0]!, target: e.split('>')[1]! })),
};

/** A tiny GPT: token and position embedding, causal self-attention, layer norm, next-token softmax. */
const gpt = buildGraph([
  { type: 'Input', params: { shape: [STEPS], dtype: 'int32' } },
  { type: 'TokenAndPositionEmbedding', params: { vocabulary_size: VOCAB, sequence_length: STEPS, embedding_dim: 8 } },
  { type: 'MultiHeadAttention', params: { num_heads: 2, key_dim: 4, use_causal_mask: true } },
  { type: 'LayerNormalization', params: {} },
  { type: 'Dense', params: { units: VOCAB, activation: 'softmax' } },
]);

/** Ids with padding (0) at the end of some rows, so the masks matter. */
const IDS = [
  [5, 9, 2, 17, 0, 0],
  [1, 28, 3, 3, 11, 4],
  [7, 0, 0, 0, 0, 0],
];

const RUNNER = `import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { registerLayers } from './layers.js';
const [register, ids] = [process.argv[2] === 'register', JSON.parse(process.argv[3])];
if (register) registerLayers(tf);
const modelJson = JSON.parse(readFileSync(new URL('model.json', import.meta.url), 'utf8'));
const weights = readFileSync(new URL('weights.bin', import.meta.url));
try {
  const model = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: modelJson.modelTopology,
    weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  }));
  const y = model.predict(tf.tensor2d(ids, [ids.length, ids[0].length], 'int32'));
  console.log(JSON.stringify({ shape: y.shape, values: Array.from(y.dataSync()) }));
} catch (err) {
  console.log(JSON.stringify({ error: String(err.message) }));
}
`;

let work: string;

beforeAll(async () => {
  // Inside the repository, so the runner's `import '@tensorflow/tfjs'` finds node_modules.
  const cache = join(process.cwd(), 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  work = await mkdtemp(join(cache, 'layerloom-layers-js-'));
});

afterAll(() => rm(work, { recursive: true, force: true }));

async function exportTo(name: string, graph: Graph): Promise<{ dir: string; expected: tf.Tensor }> {
  const model = compile(graph);
  const weights = extractWeights(model, graph);
  const expected = tf.tidy(() => model.predict(tf.tensor2d(IDS, [IDS.length, STEPS], 'int32')) as tf.Tensor);
  model.dispose();
  const { modelJson, shards } = exportLayersModel(graph, weights, { modelName: name, weightsPath: 'weights.bin' });
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
  await writeFile(join(dir, 'weights.bin'), Buffer.concat(shards.map((s) => s.data)));
  await writeFile(join(dir, 'layers.js'), STANDALONE_SOURCES['layers.js']!);
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  await writeFile(join(dir, 'run.mjs'), RUNNER);
  return { dir, expected };
}

async function runStock(dir: string, register: boolean) {
  const { stdout } = await exec(
    process.execPath,
    [join(dir, 'run.mjs'), register ? 'register' : 'stock', JSON.stringify(IDS)],
    {
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { shape?: number[]; values?: number[]; error?: string };
}

describe('web/layers.js in a stock TensorFlow.js', () => {
  it.each([
    ['a tiny GPT', 'gpt', gpt],
    ['masked self- and cross-attention with Subtract', 'masked', masked],
  ] as const)(
    'runs %s as the app does',
    async (_what, name, graph) => {
      const { dir, expected } = await exportTo(name, graph);
      const stock = await runStock(dir, false);
      expect(stock.error).toMatch(/Unknown layer: (TokenAndPositionEmbedding|MultiHeadAttention)/);
      const got = await runStock(dir, true);
      expect(got.error).toBeUndefined();
      expect(got.shape).toEqual(expected.shape);
      const want = expected.dataSync();
      expected.dispose();
      let max = 0;
      got.values!.forEach((v, i) => (max = Math.max(max, Math.abs(v - want[i]!))));
      expect(max).toBeLessThan(1e-5);
    },
    120_000,
  );
});

describe('the export holds web/layers.js', () => {
  it('when model.json names a layer TensorFlow.js lacks, and not otherwise', async () => {
    const tfMinJs = new Uint8Array(
      await readFile(createRequire(import.meta.url).resolve('@tensorflow/tfjs/dist/tf.es2017.min.js')),
    );
    const plain = buildGraph([
      { type: 'Input', params: { shape: [3] } },
      { type: 'Dense', params: { units: 2 } },
    ]);
    const paths = (graph: Graph) => {
      const model = compile(graph);
      const input = { name: 'm', graph, weights: extractWeights(model, graph), dataset: null };
      model.dispose();
      return exportZipEntries(buildExportParts(input, STANDALONE_SOURCES, tfMinJs).parts).map(([path]) => path);
    };
    expect(paths(gpt)).toContain('web/layers.js');
    expect(paths(plain)).not.toContain('web/layers.js');
  });

  it('registers every class the app registers for export (the list the ZIP checks against)', () => {
    for (const name of [
      'MultiHeadAttention',
      'PositionEmbedding',
      'TokenAndPositionEmbedding',
      'Subtract',
      'SpatialDropout2D',
    ]) {
      expect(LAYERLOOM_LAYERS).toContain(name);
      // The app's own class of that name is registered for serialisation too.
      expect(tf.serialization.SerializationMap.getMap().classNameMap[name]).toBeDefined();
    }
  });
});
