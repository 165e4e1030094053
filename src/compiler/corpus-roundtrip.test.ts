/**
 * The third-party corpus through our importer and exporter into stock tfjs. The corpus has
 * no .bin shards, so each file gets synthetic ones where every value is unique; then:
 * - our exported model.json loads in stock `tf.loadLayersModel` with the expected param count;
 * - where stock tfjs can read the original file too, both loads put the same value into every
 *   variable, i.e. our weight-name matching agrees with tfjs's own.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportLayersModel } from '../model/keras-export';
import { importLayersModel } from '../model/keras-import';
import { parseManifest } from '../model/weights';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/tfjs-layers-models/', import.meta.url));

const [header = [], ...table] = readFileSync(`${CORPUS}INDEX.tsv`, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => l.split('\t'));
const cell = (cells: string[], name: string) => cells[header.indexOf(name)] ?? '';
const rows = table
  .filter((cells) => !cell(cells, 'category').startsWith('NEGATIVE'))
  .map((cells) => ({ file: cell(cells, 'file'), expectedTotal: Number(cell(cells, 'expected_total_params')) }));

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

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('corpus → import → export → stock tf.loadLayersModel', () => {
  it.each(rows)('$file', async ({ file, expectedTotal }) => {
    const json = JSON.parse(readFileSync(`${CORPUS}${file}`, 'utf8')) as { modelTopology: object; weightsManifest: unknown };
    const entries = parseManifest(json.weightsManifest);
    const shards = uniqueShards(entries.reduce((n, e) => n + e.byteLength, 0) / 4);

    const imported = importLayersModel(json, shards);
    const { modelJson, weightData } = exportLayersModel(imported.graph, imported.weights ?? {}, { modelName: imported.modelName });
    const ours = await stockLoad(JSON.parse(JSON.stringify(modelJson.modelTopology)) as object, modelJson.weightsManifest[0]?.weights ?? [], weightData);
    try {
      expect(ours.countParams()).toBe(expectedTotal);
      let original: tf.LayersModel | undefined;
      try {
        const specs = entries.map((e) => ({ name: e.name, shape: [...e.shape], dtype: 'float32' as const }));
        original = await stockLoad(json.modelTopology, specs, shards);
      } catch {
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
  });
});
