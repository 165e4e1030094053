// Trains the Fashion-MNIST feature extractor shipped in public/models/fashion-backbone/ (used by the
// "Transfer learning" template) and saves the 10-class head that taught it in
// public/models/fashion-classifier-head/ (the GAN's Inception-style score). Run: `npx tsx scripts/build-backbone.ts [--epochs N] [--seed N] [--out DIR]`.
// Seeded, on the wasm backend with a single thread, so a rerun on the same machine rewrites the same bytes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { extractWeights } from '../src/compiler/weights';
import { loadImageBuiltin, type ReadBuiltinFile } from '../src/data/builtins';
import { fashionBackbone, fashionClassifierHead } from '../src/model/backbones';
import { buildGraph } from '../src/model/build';
import { exportLayersModel } from '../src/model/keras-export';
import type { LayerWeights } from '../src/model/weights';
import { setupWasm } from '../src/training/backend-wasm';
import { evaluate } from '../src/training/evaluate';
import { compileSeeded, train } from '../src/training/train';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '10' },
    seed: { type: 'string', default: '7' },
    out: { type: 'string', default: join(ROOT, 'public', fashionBackbone.weights) },
    'head-out': { type: 'string', default: join(ROOT, 'public', fashionClassifierHead.weights) },
  },
});
const epochs = Number(values.epochs);
const seed = Number(values.seed);
if (!Number.isInteger(epochs) || epochs < 1)
  throw new Error(`--epochs must be a whole number ≥ 1, got ${values.epochs}`);
if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number ≥ 0, got ${values.seed}`);

const readPublic: ReadBuiltinFile = async (name) =>
  new Uint8Array(await readFile(join(ROOT, 'public', 'datasets', name)));

await setupWasm();
if (!(await tf.setBackend('wasm'))) throw new Error('The wasm backend could not start.');
await tf.ready();

const dataset = await loadImageBuiltin('fashion-mnist', readPublic);
// The classifier that teaches the backbone; it is left out of the backbone's files and saved on its own.
const trainingHead = fashionClassifierHead.drafts.at(-1)!;
if (trainingHead.params?.units !== dataset.classNames!.length)
  throw new Error(
    `The head has ${String(trainingHead.params?.units)} units but Fashion-MNIST has ${dataset.classNames!.length} classes`,
  );
const graph = buildGraph([...fashionBackbone.drafts, trainingHead]);
const model = compileSeeded(graph, seed);

const started = performance.now();
const result = await train(
  model,
  dataset,
  { epochs, seed, batchSize: 64, optimizer: { name: 'adam', learningRate: 0.001 } },
  {
    onEpoch: (log) =>
      console.log(
        `epoch ${log.epoch}/${epochs}: loss ${log.loss.toFixed(4)}, accuracy ${log.metric.toFixed(4)}, ` +
          `val accuracy ${log.valMetric?.toFixed(4) ?? '—'} (${log.seconds.toFixed(1)} s)`,
      ),
  },
);
if (result.status !== 'completed') throw new Error(`Training ended ${result.status}: ${result.issue?.message ?? ''}`);
const test = await evaluate(model, dataset.test, dataset.task);
if (test.metrics.kind !== 'classification') throw new Error('unreachable: Fashion-MNIST is a classification task');

const all = extractWeights(model, graph);
const backboneGraph = buildGraph(fashionBackbone.drafts);
const backboneWeights: LayerWeights = {};
for (const node of backboneGraph.nodes) {
  const values = all[node.name];
  if (values) backboneWeights[node.name] = values;
}
const exported = exportLayersModel(backboneGraph, backboneWeights, {
  modelName: 'fashion_backbone',
  generatedBy: `Layerloom scripts/build-backbone.ts (Fashion-MNIST, ${epochs} epochs, seed ${seed})`,
});
await mkdir(values.out, { recursive: true });
await writeFile(join(values.out, 'model.json'), `${JSON.stringify(exported.modelJson, null, 1)}\n`);
await writeFile(join(values.out, 'weights.bin'), new Uint8Array(exported.weightData));

const headGraph = buildGraph(fashionClassifierHead.drafts);
const headWeights: LayerWeights = {};
for (const node of headGraph.nodes) {
  const values = all[node.name];
  if (values) headWeights[node.name] = values;
}
const head = exportLayersModel(headGraph, headWeights, {
  modelName: 'fashion_classifier_head',
  generatedBy: `Layerloom scripts/build-backbone.ts (Fashion-MNIST, ${epochs} epochs, seed ${seed}): the head on fashion-backbone's features`,
});
await mkdir(values['head-out'], { recursive: true });
await writeFile(join(values['head-out'], 'model.json'), `${JSON.stringify(head.modelJson, null, 1)}\n`);
await writeFile(join(values['head-out'], 'weights.bin'), new Uint8Array(head.weightData));
model.dispose();

console.log(
  `Fashion-MNIST test accuracy ${test.metrics.accuracy.toFixed(4)} on ${test.n} images after ${epochs} epochs ` +
    `(${((performance.now() - started) / 1000).toFixed(0)} s); wrote model.json and weights.bin to ${values.out} ` +
    `(${exported.weightData.byteLength} bytes) and the head to ${values['head-out']} (${head.weightData.byteLength} bytes).`,
);
