/**
 * tfjs model → model.save → our importer → our exporter → stock tf.loadLayersModel, then
 * the same parameter count and the same predictions. This is the proof that import and
 * export agree with tfjs on topology, config mapping and weight names and order.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../model/analyze';
import { buildGraph } from '../model/build';
import { exportLayersModel } from '../model/keras-export';
import { importLayersModel } from '../model/keras-import';

const L = tf.layers;

async function saveArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved) throw new Error('model.save produced nothing');
  return saved;
}

/** Non-default weights (positive, so BatchNormalization variances stay valid) make the comparison mean something. */
function randomizeWeights(model: tf.LayersModel, seed: number): void {
  const values = model.getWeights().map((w, i) => tf.randomUniform(w.shape, 0.05, 0.5, 'float32', seed + i));
  model.setWeights(values);
  tf.dispose(values);
}

/** Token ids below `vocab` when the model starts with an Embedding, else normal noise. */
function randomInputs(model: tf.LayersModel, seed: number, vocab?: number): tf.Tensor[] {
  return model.inputs.map((input, i) => {
    const shape = input.shape.map((d) => d ?? 3);
    shape[0] = 4;
    if (vocab === undefined) return tf.randomNormal(shape, 0, 1, 'float32', seed + i);
    return tf.tidy(() => tf.floor(tf.randomUniform(shape, 0, vocab, 'float32', seed + i)).cast(input.dtype));
  });
}

function asList(out: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(out) ? out : [out];
}

async function roundTrip(build: () => tf.LayersModel, { seed = 1, vocab }: { seed?: number; vocab?: number } = {}) {
  const original = build();
  randomizeWeights(original, seed);
  const artifacts = await saveArtifacts(original);
  // Through JSON text, as a file would be.
  const json = JSON.parse(
    JSON.stringify({
      modelTopology: artifacts.modelTopology,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    }),
  ) as unknown;
  const data = artifacts.weightData as ArrayBuffer | ArrayBuffer[];

  const imported = importLayersModel(json, data);
  const analysis = analyzeGraph(imported.graph);
  expect(analysis.errors.map((e) => e.message)).toEqual([]);
  expect(analysis.totals.total).toBe(original.countParams());
  expect(imported.weights).toBeDefined();

  const { modelJson, weightData } = exportLayersModel(imported.graph, imported.weights ?? {}, { modelName: imported.modelName });
  const reloaded = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: JSON.parse(JSON.stringify(modelJson.modelTopology)) as object,
      weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
      weightData,
    }),
  );
  try {
    expect(reloaded.countParams()).toBe(original.countParams());
    const trainable = (m: tf.LayersModel) => m.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
    expect(trainable(reloaded)).toBe(trainable(original));
    expect(analysis.totals.trainable).toBe(trainable(original));
    expect(reloaded.inputs.map((t) => t.shape)).toEqual(original.inputs.map((t) => t.shape));
    expect(reloaded.outputs.map((t) => t.shape)).toEqual(original.outputs.map((t) => t.shape));
    const inputs = randomInputs(original, seed + 100, vocab);
    const want = asList(original.predict(inputs) as tf.Tensor | tf.Tensor[]);
    const got = asList(reloaded.predict(inputs) as tf.Tensor | tf.Tensor[]);
    expect(got.length).toBe(want.length);
    want.forEach((w, i) => {
      const diff = tf.max(tf.abs(tf.sub(w, got[i] as tf.Tensor))).dataSync()[0] as number;
      expect(diff, `output ${i}`).toBeLessThan(1e-6);
    });
    tf.dispose([...inputs, ...want, ...got]);
  } finally {
    original.dispose();
    reloaded.dispose();
  }
  return { imported, modelJson };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tfjs → import → export → tf.loadLayersModel', () => {
  it('MLP with dropout', async () => {
    await roundTrip(() =>
      tf.sequential({
        layers: [
          L.dense({ inputShape: [8], units: 16, activation: 'relu' }),
          L.dropout({ rate: 0.3 }),
          L.dense({ units: 3, activation: 'softmax' }),
        ],
      }),
    );
  });

  it('small CNN', async () => {
    await roundTrip(() =>
      tf.sequential({
        layers: [
          L.conv2d({ inputShape: [12, 12, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
          L.maxPooling2d({ poolSize: 2 }),
          L.conv2d({ filters: 8, kernelSize: 3, padding: 'same', strides: 2 }),
          L.averagePooling2d({ poolSize: 2, padding: 'same' }),
          L.flatten(),
          L.dense({ units: 5 }),
        ],
      }),
    );
  });

  it('functional model with Concatenate and Add branches', async () => {
    const { modelJson } = await roundTrip(() => {
      const x = tf.input({ shape: [10] });
      const a = L.dense({ units: 8, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
      const b = L.dense({ units: 8, activation: 'tanh' }).apply(x) as tf.SymbolicTensor;
      const joined = L.concatenate().apply([a, b]) as tf.SymbolicTensor;
      const c = L.dense({ units: 6 }).apply(joined) as tf.SymbolicTensor;
      const d = L.dense({ units: 6 }).apply(x) as tf.SymbolicTensor;
      const sum = L.add().apply([c, d]) as tf.SymbolicTensor;
      return tf.model({ inputs: x, outputs: L.dense({ units: 2 }).apply(sum) as tf.SymbolicTensor });
    });
    expect(modelJson.modelTopology.class_name).toBe('Model');
  });

  it('two inputs and two outputs keep their order', async () => {
    const { imported } = await roundTrip(() => {
      const first = tf.input({ shape: [3], name: 'zeta_in' });
      const second = tf.input({ shape: [5], name: 'alpha_in' });
      const joined = L.concatenate({ name: 'join' }).apply([second, first]) as tf.SymbolicTensor;
      const left = L.dense({ units: 2, name: 'z_out' }).apply(joined) as tf.SymbolicTensor;
      const right = L.dense({ units: 4, name: 'a_out' }).apply(joined) as tf.SymbolicTensor;
      return tf.model({ inputs: [first, second], outputs: [left, right] });
    });
    const analysis = analyzeGraph(imported.graph);
    const names = (ids: readonly string[]) => ids.map((id) => imported.graph.nodes.find((n) => n.id === id)?.name);
    expect(names(analysis.inputs)).toEqual(['zeta_in', 'alpha_in']);
    expect(names(analysis.outputs)).toEqual(['z_out', 'a_out']);
  });

  it('Embedding and stacked LSTM', async () => {
    await roundTrip(
      () =>
        tf.sequential({
          layers: [
            L.embedding({ inputShape: [7], inputDim: 10, outputDim: 4 }),
            L.lstm({ units: 5, returnSequences: true }),
            L.lstm({ units: 3 }),
            L.dense({ units: 2, activation: 'sigmoid' }),
          ],
        }),
      { vocab: 10 },
    );
  });

  it('int32 token input into Embedding and GRU', async () => {
    const { imported } = await roundTrip(
      () => {
        const ids = tf.input({ shape: [5], dtype: 'int32' });
        const e = L.embedding({ inputDim: 12, outputDim: 3 }).apply(ids) as tf.SymbolicTensor;
        const g = L.gru({ units: 4 }).apply(e) as tf.SymbolicTensor;
        return tf.model({ inputs: ids, outputs: L.dense({ units: 1 }).apply(g) as tf.SymbolicTensor });
      },
      { vocab: 12 },
    );
    expect(imported.graph.nodes[0]?.params.dtype).toBe('int32');
  });

  it('GRU, SimpleRNN, Bidirectional and TimeDistributed', async () => {
    await roundTrip(() =>
      tf.sequential({
        layers: [
          L.gru({ inputShape: [6, 3], units: 4, returnSequences: true }),
          L.bidirectional({ layer: L.lstm({ units: 3, returnSequences: true }) as tf.RNN, mergeMode: 'concat' }),
          L.simpleRNN({ units: 4, returnSequences: true }),
          L.timeDistributed({ layer: L.dense({ units: 2 }) }),
        ],
      }),
    );
  });

  it('BatchNormalization with moving statistics', async () => {
    await roundTrip(() =>
      tf.sequential({
        layers: [
          L.dense({ inputShape: [6], units: 8 }),
          L.batchNormalization(),
          L.activation({ activation: 'relu' }),
          L.dense({ units: 1 }),
        ],
      }),
    );
  });

  it('depthwise, separable and transposed convolutions with padding, cropping and upsampling', async () => {
    await roundTrip(() =>
      tf.sequential({
        layers: [
          L.zeroPadding2d({ inputShape: [8, 8, 2], padding: 1 }),
          L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2 }),
          L.batchNormalization({ axis: -1 }),
          L.reLU({ maxValue: 6 }),
          L.separableConv2d({ filters: 4, kernelSize: 3, padding: 'same' }),
          L.upSampling2d({ size: [2, 2] }),
          L.cropping2D({ cropping: [[1, 1], [2, 2]] }),
          L.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2 }),
          L.globalAveragePooling2d({}),
          L.dense({ units: 2 }),
        ],
      }),
    );
  });

  it('every other layer type: 1-D conv and pooling, merges, activations, reshapes', async () => {
    await roundTrip(() => {
      const seq = tf.input({ shape: [8, 4] });
      const c = L.conv1d({ filters: 6, kernelSize: 3, padding: 'same' }).apply(seq) as tf.SymbolicTensor;
      const normed = L.layerNormalization().apply(c) as tf.SymbolicTensor;
      const p = L.prelu().apply(normed) as tf.SymbolicTensor;
      const sd = L.spatialDropout1d({ rate: 0.2 }).apply(p) as tf.SymbolicTensor;
      const mp = L.maxPooling1d({ poolSize: 2 }).apply(sd) as tf.SymbolicTensor;
      const ap = L.averagePooling1d({ poolSize: 2 }).apply(sd) as tf.SymbolicTensor;
      // tfjs has no Subtract layer, so stock tf.loadLayersModel could not read one back.
      const sub = L.add().apply([mp, ap]) as tf.SymbolicTensor;
      const mul = L.multiply().apply([mp, ap]) as tf.SymbolicTensor;
      const avg = L.average().apply([sub, mul]) as tf.SymbolicTensor;
      const mx = L.maximum().apply([avg, mp]) as tf.SymbolicTensor;
      const mn = L.minimum().apply([mx, ap]) as tf.SymbolicTensor;
      const act = L.elu().apply(L.leakyReLU({ alpha: 0.1 }).apply(mn)) as tf.SymbolicTensor;
      const flat = L.reshape({ targetShape: [24] }).apply(L.permute({ dims: [2, 1] }).apply(act)) as tf.SymbolicTensor;
      const rv = L.repeatVector({ n: 3 }).apply(L.dense({ units: 5 }).apply(flat)) as tf.SymbolicTensor;
      const gmax = L.globalMaxPooling1d({}).apply(rv) as tf.SymbolicTensor;
      const gavg = L.globalAveragePooling1d({}).apply(rv) as tf.SymbolicTensor;
      const dot = L.dot({ axes: 1 }).apply([gmax, gavg]) as tf.SymbolicTensor;
      const img = tf.input({ shape: [6, 6, 2] });
      const frozen = L.conv2d({ filters: 3, kernelSize: 3, trainable: false }).apply(img) as tf.SymbolicTensor;
      const pooled = L.globalMaxPooling2d({}).apply(frozen) as tf.SymbolicTensor;
      const joined = L.concatenate().apply([gmax, dot, pooled]) as tf.SymbolicTensor;
      return tf.model({ inputs: [seq, img], outputs: L.softmax().apply(joined) as tf.SymbolicTensor });
    });
  });

  it('a nested Sequential inside a functional model is flattened', async () => {
    const { imported } = await roundTrip(() => {
      const head = tf.sequential({ layers: [L.dense({ inputShape: [6], units: 4, activation: 'relu' }), L.dense({ units: 2 })] });
      const x = tf.input({ shape: [5] });
      const h = L.dense({ units: 6 }).apply(x) as tf.SymbolicTensor;
      return tf.model({ inputs: x, outputs: head.apply(h) as tf.SymbolicTensor });
    });
    expect(imported.graph.nodes.map((n) => n.type)).toEqual(['Input', 'Dense', 'Dense', 'Dense']);
  });
});

describe('exportLayersModel', () => {
  const graph = buildGraph([
    { type: 'Input', name: 'x', params: { shape: [3] } },
    { type: 'Dense', name: 'd', params: { units: 2, kernel_initializer: 'LecunNormal' } },
  ]);
  const kernel = { name: 'kernel', shape: [3, 2], values: new Float32Array(6).fill(0.5) };
  const bias = { name: 'bias', shape: [2], values: new Float32Array(2) };

  it('refuses missing or wrongly sized weights, naming the layer', () => {
    expect(() => exportLayersModel(graph, { d: [kernel] })).toThrow(/Weight 'bias' of Dense 'd' has no values/);
    expect(() => exportLayersModel(graph, { d: [{ ...kernel, values: new Float32Array(5) }, bias] })).toThrow(/'kernel' of Dense 'd' has 5 values but its shape \[3, 2\] needs 6/);
  });

  it('writes LeCun initializers as VarianceScaling, which both Keras and tfjs read', async () => {
    const { modelJson, weightData } = exportLayersModel(graph, { d: [kernel, bias] });
    const layers = (modelJson.modelTopology.config as { layers: { config: Record<string, unknown> }[] }).layers;
    expect(layers[1]?.config.kernel_initializer).toMatchObject({ class_name: 'VarianceScaling', config: { mode: 'fan_in', scale: 1 } });
    expect(modelJson.weightsManifest[0]?.weights.map((w) => w.name)).toEqual(['d/kernel', 'd/bias']);
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0]!.weights, weightData }));
    expect(Array.from(model.getLayer('d').getWeights()[0]!.dataSync())).toEqual(Array(6).fill(0.5));
    model.dispose();
  });
});
