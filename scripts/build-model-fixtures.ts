// Writes the small TensorFlow.js layers models (scripts/model-fixtures.ts) into
// src/model/fixtures/tfjs-models/, which the import, round-trip, fuzz and CLI tests always read;
// the third-party corpus in ../shared/corpus is optional. Each gets a row in INDEX.tsv, laid out
// like the corpus's, with Keras's "Total params" as expected_total_params.
// Run: `npx tsx scripts/build-model-fixtures.ts [--out DIR]`. Stock tfjs on the cpu backend saves
// each model through `tf.io.withSaveHandler`; every layer is named and every weight is set from a
// fixed integer formula, so a rerun writes byte-identical files.
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import * as prettier from 'prettier';
import { FIXTURES } from './model-fixtures';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { out: { type: 'string', default: join(ROOT, 'src/model/fixtures/tfjs-models') } },
});
const OUT = values.out!;

/** Fixed weights, element i of weight k: multiples of 1/512 in [-1, 1), positive for variances. */
function fixedWeights(model: tf.LayersModel): tf.Tensor[] {
  return model.weights.map((w, k) => {
    const shape = w.shape as number[];
    const n = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++)
      data[i] = ((Math.imul(i + 1, 2_654_435_761) + Math.imul(k + 1, 40_503)) >>> 22) / 512 - 1;
    if (/moving_variance/.test(w.originalName)) data.forEach((v, i) => (data[i] = Math.abs(v) + 0.5));
    return tf.tensor(data, shape);
  });
}

/** Every class name in a topology, nested models and wrapped layers included, the top level left out. */
function layerClasses(config: unknown, into = new Set<string>()): Set<string> {
  const layers = (config as { config?: { layers?: unknown } }).config?.layers;
  for (const layer of Array.isArray(layers) ? (layers as { class_name: string; config: { layer?: unknown } }[]) : []) {
    into.add(layer.class_name);
    if (layer.config.layer) into.add((layer.config.layer as { class_name: string }).class_name);
    layerClasses(layer, into);
  }
  return into;
}

await tf.setBackend('cpu');
await rm(OUT, { recursive: true, force: true });
const index = [
  ['file', 'category', 'layer_class_names', 'expected_total_params', 'num_weight_entries', 'bytes', 'sha256'],
];
for (const { name, category, build } of FIXTURES) {
  const model = build();
  model.setWeights(fixedWeights(model));
  let saved: tf.io.ModelArtifacts | undefined;
  const handler = tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  });
  await model.save(handler);
  const { modelTopology, weightSpecs = [], weightData, format, generatedBy, convertedBy } = saved!;
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(weightData ?? new ArrayBuffer(0)));
  const total = weightSpecs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
  if (total !== model.countParams() || weights.byteLength !== total * 4)
    throw new Error(
      `${name}: manifest has ${total} values and ${weights.byteLength} bytes, countParams() ${model.countParams()}`,
    );
  const json = {
    format,
    generatedBy,
    convertedBy: convertedBy ?? null,
    modelTopology,
    weightsManifest: [{ paths: ['./weights.bin'], weights: weightSpecs }],
  };
  const text = await prettier.format(JSON.stringify(json), {
    parser: 'json',
    ...(await prettier.resolveConfig(join(ROOT, 'package.json'))),
  });
  await mkdir(join(OUT, name), { recursive: true });
  await writeFile(join(OUT, name, 'model.json'), text);
  await writeFile(join(OUT, name, 'weights.bin'), weights);
  const classes = [...layerClasses(modelTopology)].join(',');
  const sha = createHash('sha256').update(text).digest('hex');
  index.push([
    `${name}/model.json`,
    category,
    classes,
    String(total),
    String(weightSpecs.length),
    String(text.length),
    sha,
  ]);
  console.log(`${name}: ${total} params, ${weightSpecs.length} weights, ${classes}`);
  model.dispose();
}
await writeFile(join(OUT, 'INDEX.tsv'), index.map((row) => row.join('\t')).join('\n') + '\n');
