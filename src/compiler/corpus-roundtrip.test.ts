/**
 * Layers-model files through our importer and exporter into stock tfjs: the third-party corpus in
 * ../shared/corpus (skipped when it is not beside the clone) and our own fixtures in
 * src/model/fixtures/tfjs-models/. Each file gets synthetic shards where every value is unique
 * (the corpus has no .bin shards; for the fixtures unique values catch a swapped pair that their
 * weights.bin could hide); then:
 * - our exported model.json loads in stock `tf.loadLayersModel` with the expected param count;
 * - where stock tfjs can read the original file too, both loads put the same value into every
 *   variable, i.e. our weight-name matching agrees with tfjs's own. Stock tfjs saved the
 *   fixtures, so for them it must read the original.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportLayersModel } from '../model/keras-export';
import { importLayersModel } from '../model/keras-import';
import { corpus, corpusMissing, fixtures, type ModelSet } from '../model/test-corpus';
import { parseManifest } from '../model/weights';

const noCorpus = corpusMissing();

/** Index of the first differing element, or -1; deep equality on 50M-element arrays is too slow. */
function firstDifference(a: Float32Array | undefined, b: Float32Array): number {
  if (!a || a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** Values 0, 1, 2, … across all shards: exact in float32 up to 16.7M, unique per element. */
function uniqueShards(count: number): ArrayBuffer {
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = i % 16_000_000;
  return data.buffer;
}

/** Every variable's values keyed by the name tfjs loads it under; nested models included. */
function variables(model: tf.LayersModel): Map<string, Float32Array> {
  return new Map(model.weights.map((w) => [w.originalName, w.read().dataSync() as Float32Array]));
}

async function stockLoad(modelTopology: object, weightSpecs: tf.io.WeightsManifestEntry[], weightData: ArrayBuffer) {
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology, weightSpecs, weightData }));
}

async function roundTrip(set: ModelSet, file: string, expectedTotal: number, originalMustLoad: boolean) {
  const json = set.load(file) as { modelTopology: object; weightsManifest: unknown };
  const entries = parseManifest(json.weightsManifest);
  const shards = uniqueShards(entries.reduce((n, e) => n + e.byteLength, 0) / 4);

  const imported = importLayersModel(json, shards);
  const { modelJson, weightData } = exportLayersModel(imported.graph, imported.weights ?? {}, {
    modelName: imported.modelName,
  });
  const ours = await stockLoad(
    JSON.parse(JSON.stringify(modelJson.modelTopology)) as object,
    modelJson.weightsManifest[0]?.weights ?? [],
    weightData,
  );
  try {
    expect(ours.countParams()).toBe(expectedTotal);
    let original: tf.LayersModel | undefined;
    try {
      const specs = entries.map((e) => ({ name: e.name, shape: [...e.shape], dtype: 'float32' as const }));
      original = await stockLoad(json.modelTopology, specs, shards);
    } catch (err) {
      if (originalMustLoad) throw err;
      return; // Keras 3 topologies and custom regularizers: stock tfjs cannot read the original
    }
    const want = variables(original);
    const got = variables(ours);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [name, values] of want) expect(firstDifference(got.get(name), values), name).toBe(-1);
    original.dispose();
  } finally {
    ours.dispose();
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.skipIf(noCorpus)('corpus → import → export → stock tf.loadLayersModel', () => {
  it.each(corpus.positives)('$file', ({ file, expectedTotal }) => roundTrip(corpus, file, expectedTotal, false));
});

describe('fixtures → import → export → stock tf.loadLayersModel', () => {
  it.each(fixtures.positives)('$file', ({ file, expectedTotal }) => roundTrip(fixtures, file, expectedTotal, true));
});
