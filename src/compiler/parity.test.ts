/**
 * Issue 15 acceptance, the cross-format parity table: every template and every repo fixture model
 * is exported to tfjs (re-read by stock tfjs), ONNX (onnxruntime-node) and PyTorch (Debian's
 * torch); on the same seeded random inputs, and on real rows of every built-in dataset whose
 * prepared input shape is the model's, each export predicts what the app's tfjs model predicts
 * (CPU backend) within 1e-4. Prints one table, model × format → max abs diff, and checks every
 * exported model.onnx with onnx.checker (full_check). Refusals must be exactly EXPECTED_REFUSALS.
 */
import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinCsvText, listBuiltins, loadImageBuiltin, type ReadBuiltinFile } from '../data/builtins';
import { parseCsv } from '../data/csv/parse';
import { prepareTabular } from '../data/tabular';
import type { PreparedDataset } from '../data/types';
import { analyzeGraph } from '../model/analyze';
import type { Graph } from '../model/graph';
import { importLayersModel } from '../model/keras-import';
import { loadPretrainedTemplate } from '../model/pretrained';
import { templateGraph, templates } from '../model/templates';
import { fixtures } from '../model/test-corpus';
import type { LayerWeights } from '../model/weights';
import { compileSeeded } from '../training';
import { checkOnnxModels, randomFeeds, randomizeWeights, type Feeds } from './onnx/parity-support';
import { runParity, type ParityModel } from './parity-run';
import {
  formatParityTable,
  parityFailures,
  PARITY_FORMATS,
  unexpectedRefusals,
  type ExpectedRefusal,
  type ParityRow,
} from './parity-table';
import { extractWeights } from './weights';

const TOLERANCE = 1e-4;
/** Real rows fed per matching dataset (from its test split). */
const DATASET_ROWS = 8;

/**
 * Every refusal the table may hold; a new one (or one that goes away) fails the test. The negative
 * fixture has a layer the app does not support, so the app cannot load it and no format can export it.
 */
const NOT_IMPORTABLE = /Masking/;
const EXPECTED_REFUSALS: readonly ExpectedRefusal[] = PARITY_FORMATS.map((format) => ({
  model: 'negative-masking-lstm',
  format,
  reason: NOT_IMPORTABLE,
}));

const PUBLIC = join(__dirname, '..', '..', 'public');
const readPublic = async (path: string) => new Uint8Array(await readFile(join(PUBLIC, path)));
const readDataset: ReadBuiltinFile = (name) => readPublic(`datasets/${name}`);

/** Every table and image built-in, prepared as the app prepares it (default split seed). */
async function builtinDatasets(): Promise<PreparedDataset[]> {
  const out: PreparedDataset[] = [];
  for (const info of await listBuiltins(readDataset)) {
    if (info.kind === 'image') out.push(await loadImageBuiltin(info.id, readDataset));
    // Text built-ins' token ids depend on the tokenizer settings and would overflow a template's
    // embeddings; text models get valid random ids below their vocabulary (parity-support.ts).
    else if (info.kind === 'text') continue;
    else {
      const csv = await builtinCsvText(info.id, readDataset);
      const columns = Object.fromEntries(csv.ignoreColumns.map((c) => [c, { role: 'ignore' as const }]));
      const { dataset } = prepareTabular(await parseCsv(csv.text), {
        label: csv.labelColumn,
        columns,
        name: info.id,
        id: info.id,
      });
      out.push(dataset);
    }
  }
  return out;
}

/** Seeded random inputs, plus the first test rows of every dataset whose input shape is the model's (single-input models). */
function inputSets(graph: Graph, datasets: readonly PreparedDataset[]): Pick<ParityModel, 'inputSets' | 'inputs'> {
  const sets: { label: string; feeds: Feeds }[] = [
    { label: 'random', feeds: randomFeeds(graph, { batch: 3, seed: 1 }) },
  ];
  const inputs = analyzeGraph(graph).inputs.map((id) => graph.nodes.find((n) => n.id === id)!);
  const only = inputs.length === 1 ? inputs[0]! : undefined;
  if (only && only.params.dtype !== 'int32') {
    const shape = (only.params.shape as readonly number[]).join();
    for (const d of datasets.filter((x) => x.inputShape.join() === shape)) {
      const n = Math.min(DATASET_ROWS, d.test.n);
      const size = d.inputShape.reduce((a, b) => a * b, 1);
      sets.push({
        label: d.id,
        feeds: { [only.name]: { data: d.test.x.slice(0, n * size), shape: [n, ...d.inputShape] } },
      });
    }
  }
  const real = sets
    .slice(1)
    .map((s) => `${s.label.replace(/^builtin:/, '')} (${s.feeds[only!.name]!.shape[0] ?? 0} test rows)`);
  return { inputSets: sets, inputs: real.length > 0 ? `random + ${real.join(' + ')}` : 'random only' };
}

/** A template with seeded initial weights nudged by seeded noise (biases non-zero, outputs not saturated); pretrained layers keep their files' weights. */
async function templateModel(id: string, datasets: readonly PreparedDataset[]): Promise<ParityModel> {
  const graph = templateGraph(id);
  const app = compileSeeded(graph, 7, id);
  let weights: LayerWeights;
  try {
    weights = randomizeWeights(extractWeights(app, graph), 7, 'perturb');
  } finally {
    app.dispose();
  }
  if (templates.find((t) => t.id === id)?.weights) {
    weights = { ...weights, ...(await loadPretrainedTemplate(id, readPublic)).weights };
  }
  return { name: id, graph, weights, ...inputSets(graph, datasets) };
}

/** A fixture model with the weights in its weights.bin, or the reason the app cannot load it. */
function fixtureModel(
  file: string,
  datasets: readonly PreparedDataset[],
): ParityModel | { name: string; refused: string } {
  const name = file.replace(/\/model\.json$/, '');
  try {
    const imported = importLayersModel(fixtures.load(file), fixtures.shards(file));
    return { name, graph: imported.graph, weights: imported.weights ?? {}, ...inputSets(imported.graph, datasets) };
  } catch (err) {
    return {
      name,
      refused: `not importable (${(err as Error).message.replace(/^This model cannot be imported: /, '')})`,
    };
  }
}

let rows: ParityRow[] = [];
let onnxFiles: Record<string, Uint8Array> = {};
let tfjsShards: Record<string, number> = {};
let checker: Record<string, string | null> = {};

beforeAll(async () => {
  await tf.setBackend('cpu');
  const datasets = await builtinDatasets();
  const models: ParityModel[] = [];
  const unloadable: ParityRow[] = [];
  for (const t of templates) models.push(await templateModel(t.id, datasets));
  for (const row of fixtures.rows) {
    const m = fixtureModel(row.file, datasets);
    if ('refused' in m) {
      const cell = { kind: 'refused', reason: m.refused } as const;
      unloadable.push({ model: m.name, inputs: '—', scale: 0, cells: { tfjs: cell, onnx: cell, pytorch: cell } });
    } else models.push(m);
  }
  const run = await runParity(models);
  rows = [...run.rows, ...unloadable];
  onnxFiles = run.onnx;
  tfjsShards = run.tfjsShards;
  checker = await checkOnnxModels(onnxFiles);
  console.log(formatParityTable(rows, TOLERANCE));
}, 600_000);

describe('cross-format parity: templates and fixture models → tfjs, ONNX, PyTorch', () => {
  it('has one row per template and per fixture model', () => {
    const fixtureNames = fixtures.rows.map((r) => r.file.replace(/\/model\.json$/, ''));
    expect(rows.map((r) => r.model).sort()).toEqual([...templates.map((t) => t.id), ...fixtureNames].sort());
    expect(fixtureNames.length).toBeGreaterThanOrEqual(12);
  });

  it(`every exported model predicts what the app predicts within ${TOLERANCE}`, () => {
    expect(parityFailures(rows, TOLERANCE)).toEqual([]);
  });

  it('refuses exactly the expected models, for the expected reasons', () => {
    expect(unexpectedRefusals(rows, EXPECTED_REFUSALS)).toEqual([]);
  });

  it('compares real outputs: every compared model predicts values above 1e-3 in magnitude', () => {
    const compared = rows.filter((r) => PARITY_FORMATS.some((f) => r.cells[f].kind !== 'refused'));
    expect(compared.filter((r) => !(r.scale > 1e-3)).map((r) => r.model)).toEqual([]);
  });

  it('feeds real dataset rows wherever a built-in dataset fits the input', () => {
    const withData = rows.filter((r) => r.inputs.startsWith('random +')).map((r) => r.model);
    for (const m of ['mnist-cnn', 'conv-autoencoder', 'transfer-fashion', 'mlp-dense-dropout'])
      expect(withData).toContain(m);
  });

  it('stock tfjs reads multi-shard exports too (the larger models are split into several weight files)', () => {
    expect(
      Object.entries(tfjsShards)
        .filter(([, n]) => n > 1)
        .map(([m]) => m),
    ).toEqual(expect.arrayContaining(['cifar-cnn', 'mnist-cnn']));
  });

  it('every exported model.onnx passes onnx.checker.check_model(full_check=True)', () => {
    const exported = rows.filter((r) => r.cells.onnx.kind !== 'refused').map((r) => r.model);
    expect(Object.keys(checker).sort()).toEqual(exported.sort());
    expect(Object.entries(checker).filter(([, e]) => e !== null)).toEqual([]);
  });
});
