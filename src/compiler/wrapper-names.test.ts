/**
 * A wrapper's inner layer keeps its own name through import → export → import. tfjs names a
 * Bidirectional's weights `<wrapper>/forward_<inner>/kernel`, so a fixed inner name ('lstm')
 * renamed the weights of every model whose inner layer was named otherwise, on each export.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportLayersModel } from '../model/keras-export';
import { importLayersModel } from '../model/keras-import';
import { compile } from './compile';

const FIXTURES = join(__dirname, '../model/fixtures/tfjs-models');

interface LayersJson {
  modelTopology: { config: { layers: { class_name: string; config: { layer?: { config: { name: string } } } }[] } };
  weightsManifest: { paths: string[]; weights: { name: string }[] }[];
}

function fixture(dir: string): { json: LayersJson; weights: ArrayBuffer } {
  const json = JSON.parse(readFileSync(join(FIXTURES, dir, 'model.json'), 'utf8')) as LayersJson;
  const bin = readFileSync(join(FIXTURES, dir, 'weights.bin'));
  return { json, weights: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) };
}

/** The fixture with its wrapper's inner layer renamed (and the weights that name it). */
function renamedInner(dir: string, wrapper: string, from: string, to: string) {
  const { json, weights } = fixture(dir);
  const text = JSON.stringify(json).replaceAll(`forward_${from}/`, `forward_${to}/`).replaceAll(`backward_${from}/`, `backward_${to}/`);
  const renamed = JSON.parse(text) as LayersJson;
  const layer = renamed.modelTopology.config.layers.find((l) => l.class_name === wrapper)!;
  layer.config.layer!.config.name = to;
  return { json: renamed, weights };
}

const weightNames = (json: LayersJson) => json.weightsManifest.flatMap((g) => g.weights.map((w) => w.name));
const innerNames = (json: LayersJson, wrapper: string) =>
  json.modelTopology.config.layers.filter((l) => l.class_name === wrapper).map((l) => l.config.layer!.config.name);

function roundTrip(json: LayersJson, weights: ArrayBuffer): LayersJson {
  const imported = importLayersModel(json, weights);
  const out = exportLayersModel(imported.graph, imported.weights ?? {}, { modelName: imported.modelName });
  return JSON.parse(JSON.stringify(out.modelJson)) as LayersJson;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each([
  ['text-embedding-bidirectional-lstm', 'Bidirectional', 'lstm', 'words_lstm'],
  ['sequence-conv1d-timedistributed', 'TimeDistributed', 'step_dense', 'per_step_dense'],
])('%s', (dir, wrapper, from, to) => {
  it('keeps the weight names and the inner layer name through import → export → import → export', () => {
    const { json, weights } = renamedInner(dir, wrapper, from, to);
    expect(innerNames(json, wrapper)).toEqual([to]);
    const once = roundTrip(json, weights);
    expect(weightNames(once)).toEqual(weightNames(json));
    expect(innerNames(once, wrapper)).toEqual([to]);
    const twice = roundTrip(once, weights);
    expect(weightNames(twice)).toEqual(weightNames(json));
    expect(innerNames(twice, wrapper)).toEqual([to]);
  });

  it('builds the tfjs model with the weight names the file gives', () => {
    const { json, weights } = renamedInner(dir, wrapper, from, to);
    const imported = importLayersModel(json, weights);
    const model = compile(imported.graph, imported.modelName);
    try {
      expect(model.weights.map((w) => w.originalName).sort()).toEqual([...weightNames(json)].sort());
    } finally {
      model.dispose();
    }
  });
});
