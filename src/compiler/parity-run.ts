/**
 * Test support (never imported by app code): runs one model through the three exports of issue 15
 * and compares each with the app's tfjs prediction on the same inputs:
 * - tfjs: exportLayersModel (sharded) → stock `tf.loadLayersModel(tf.io.fromMemory(…))` → predict;
 * - ONNX: exportOnnx → onnxruntime-node;
 * - PyTorch: buildPytorchFiles → load_model() in Debian's torch, every model in one Python process.
 */
import * as tf from '@tensorflow/tfjs';
import { analyzeGraph } from '../model/analyze';
import type { Graph } from '../model/graph';
import { exportLayersModel } from '../model/keras-export';
import type { LayerWeights } from '../model/weights';
import { compile } from './compile';
import { exportOnnx, onnxRefusals } from './onnx';
import { maxAbsDiff, onnxPredict, tfjsPredict, type Feeds, type OutputTensor } from './onnx/parity-support';
import { buildPytorchFiles, PytorchExportError } from './pytorch';
import { pytorchPredictMany, type PytorchCase } from './pytorch/parity-support';
import type { ParityCell, ParityRow } from './parity-table';
import { applyWeights } from './weights';

export interface ParityModel {
  readonly name: string;
  readonly graph: Graph;
  readonly weights: LayerWeights;
  /** Named input sets (seeded random inputs, real dataset rows), keyed by Input layer name. */
  readonly inputSets: readonly { readonly label: string; readonly feeds: Feeds }[];
  /** How the inputs were chosen, for the table. */
  readonly inputs: string;
}

type Outputs = Record<string, OutputTensor>;

/** Small shards, so the multi-shard path of the tfjs export is exercised by the larger models. */
const SHARD_BYTES = 256 * 1024;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function worst(expected: readonly Outputs[], actual: readonly Outputs[]): ParityCell {
  const diffs = expected.map((e, i) => maxAbsDiff(e, actual[i]!));
  return { kind: 'diff', maxAbsDiff: Math.max(...diffs.map((d) => (Number.isNaN(d) ? Infinity : d))) };
}

/** The app's prediction: the graph compiled on the current backend with the given weights. */
function appPredict(model: ParityModel): Outputs[] {
  const app = compile(model.graph, model.name);
  try {
    applyWeights(app, model.weights);
    return model.inputSets.map((s) => tfjsPredict(app, model.graph, s.feeds));
  } finally {
    app.dispose();
  }
}

async function stockTfjsCell(
  model: ParityModel,
  expected: readonly Outputs[],
  shards: Record<string, number>,
): Promise<ParityCell> {
  const exported = exportLayersModel(model.graph, model.weights, { modelName: model.name, shardBytes: SHARD_BYTES });
  shards[model.name] = exported.shards.length;
  const stock = await tf.loadLayersModel(
    tf.io.fromMemory({
      // Through JSON, as a file would be read: nothing of ours survives but the text.
      modelTopology: JSON.parse(JSON.stringify(exported.modelJson.modelTopology)) as object,
      weightSpecs: exported.modelJson.weightsManifest.flatMap((g) => g.weights),
      weightData: exported.shards.map((s) => s.data.slice().buffer),
    }),
  );
  try {
    const actual = model.inputSets.map(({ feeds }) => {
      const xs = stock.inputNames.map((name) => {
        const f = feeds[name];
        if (!f) throw new Error(`the stock model asks for input '${name}', which the graph does not have`);
        return tf.tensor(f.data, [...f.shape], f.data instanceof Int32Array ? 'int32' : 'float32');
      });
      const ys = stock.predict(xs.length === 1 ? xs[0]! : xs);
      const list = Array.isArray(ys) ? ys : [ys];
      const out: Outputs = {};
      stock.outputNames.forEach((name, i) => {
        out[name] = { data: Float32Array.from(list[i]!.dataSync()), shape: list[i]!.shape };
      });
      tf.dispose([...xs, ...list]);
      return out;
    });
    return worst(expected, actual);
  } finally {
    stock.dispose();
  }
}

async function onnxCell(model: ParityModel, expected: readonly Outputs[], files: Record<string, Uint8Array>) {
  const refusals = onnxRefusals(model.graph);
  if (refusals.length > 0) {
    return { kind: 'refused', reason: refusals.map((r) => `${r.type} '${r.layer}' ${r.reason}`).join('; ') } as const;
  }
  const bytes = exportOnnx(model.graph, model.weights, { modelName: model.name });
  files[model.name] = bytes;
  const actual: Outputs[] = [];
  for (const s of model.inputSets) actual.push(await onnxPredict(bytes, s.feeds));
  return worst(expected, actual);
}

async function guarded(run: () => Promise<ParityCell>): Promise<ParityCell> {
  try {
    return await run();
  } catch (err) {
    return { kind: 'error', message: message(err) };
  }
}

export interface ParityRun {
  readonly rows: ParityRow[];
  /** Every exported model.onnx by model name, for the checker. */
  readonly onnx: Record<string, Uint8Array>;
  /** How many weight files each tfjs export was split into. */
  readonly tfjsShards: Record<string, number>;
}

/** The table's rows for these models (one per model, in order) and the exported files the test checks further. */
export async function runParity(models: readonly ParityModel[], log?: (m: string) => void): Promise<ParityRun> {
  const onnx: Record<string, Uint8Array> = {};
  const tfjsShards: Record<string, number> = {};
  const partial: {
    model: ParityModel;
    expected: Outputs[];
    tfjs: ParityCell;
    onnx: ParityCell;
    pytorch?: ParityCell;
  }[] = [];
  const cases: PytorchCase[] = [];
  const caseOwner: number[] = [];
  for (const model of models) {
    const expected = appPredict(model);
    const row: (typeof partial)[number] = {
      model,
      expected,
      tfjs: await guarded(() => stockTfjsCell(model, expected, tfjsShards)),
      onnx: await guarded(() => onnxCell(model, expected, onnx)),
    };
    try {
      const files = buildPytorchFiles(model.graph, model.weights, { modelName: model.name });
      const order = analyzeGraph(model.graph).inputs.map((id) => model.graph.nodes.find((n) => n.id === id)!.name);
      for (const { feeds } of model.inputSets) {
        cases.push({ files, inputs: order.map((name) => ({ shape: feeds[name]!.shape, values: feeds[name]!.data })) });
        caseOwner.push(partial.length);
      }
    } catch (err) {
      row.pytorch =
        err instanceof PytorchExportError
          ? { kind: 'refused', reason: message(err).replace(/^The model cannot be exported to PyTorch: /, '') }
          : { kind: 'error', message: message(err) };
    }
    partial.push(row);
  }
  let runs: Awaited<ReturnType<typeof pytorchPredictMany>> | Error;
  try {
    runs = await pytorchPredictMany(cases, log);
  } catch (err) {
    runs = err instanceof Error ? err : new Error(String(err));
  }
  const rows = partial.map((p, index) => {
    let pytorch = p.pytorch;
    if (!pytorch) {
      if (runs instanceof Error) pytorch = { kind: 'error', message: runs.message };
      else {
        const names = Object.keys(p.expected[0]!);
        const actual = runs
          .filter((_, i) => caseOwner[i] === index)
          .map((r) =>
            Object.fromEntries(
              names.map((n, k) => [
                n,
                { data: Float32Array.from(r.outputs[k]?.values ?? []), shape: r.outputs[k]?.shape ?? [] },
              ]),
            ),
          );
        pytorch = worst(p.expected, actual);
      }
    }
    const scale = Math.max(
      0,
      ...p.expected.flatMap((o) => Object.values(o).flatMap((t) => Array.from(t.data, Math.abs))),
    );
    return { model: p.model.name, inputs: p.model.inputs, scale, cells: { tfjs: p.tfjs, onnx: p.onnx, pytorch } };
  });
  return { rows, onnx, tfjsShards };
}
