import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import type { Graph } from './graph';
import { ImportError, importLayersModel } from './keras-import';

type Json = Record<string, unknown>;

const input = (name: string, shape: (number | null)[], key = 'batch_input_shape'): Json => ({
  class_name: 'InputLayer',
  name,
  config: { name, [key]: [null, ...shape], dtype: 'float32' },
  inbound_nodes: [],
});
const layer = (cls: string, name: string, config: Json, inbound?: unknown): Json => ({
  class_name: cls,
  name,
  config: { name, ...config },
  ...(inbound === undefined ? {} : { inbound_nodes: inbound }),
});
const dense = (name: string, units: number, inbound?: unknown, extra: Json = {}) => layer('Dense', name, { units, ...extra }, inbound);
const call = (...sources: string[]) => [sources.map((s) => [s, 0, 0, {}])];
const functional = (name: string, layers: Json[], ins: unknown, outs: unknown, cls = 'Model'): Json => ({
  class_name: cls,
  config: { name, layers, input_layers: ins, output_layers: outs },
});
const sequential = (name: string, layers: Json[]): Json => ({ class_name: 'Sequential', config: { name, layers } });
const wrap = (model: Json, manifest?: unknown): Json => ({
  format: 'layers-model',
  modelTopology: { keras_version: '2.15.0', backend: 'tensorflow', model_config: model },
  ...(manifest === undefined ? {} : { weightsManifest: manifest }),
});

const names = (g: Graph) => g.nodes.map((n) => n.name);
const edges = (g: Graph) => g.edges.map((e) => `${g.nodes.find((n) => n.id === e.source)?.name}>${g.nodes.find((n) => n.id === e.target)?.name}`);
const total = (g: Graph) => {
  const a = analyzeGraph(g);
  expect(a.errors.map((e) => e.message)).toEqual([]);
  return a.totals.total;
};

/** A manifest and one buffer whose values say where they came from: entry k holds k*1000 + i. */
function shards(entries: { name: string; shape: number[]; dtype?: string }[]) {
  const sizes = entries.map((e) => e.shape.reduce((a, b) => a * b, 1));
  const data = new Float32Array(sizes.reduce((a, b) => a + b, 0));
  let at = 0;
  sizes.forEach((n, k) => {
    for (let i = 0; i < n; i++) data[at + i] = k * 1000 + i;
    at += n;
  });
  const manifest = [{ paths: ['weights.bin'], weights: entries.map((e) => ({ dtype: 'float32', ...e })) }];
  return { manifest, buffer: data.buffer };
}

const mlp = (prefix = '') => ({
  model: sequential('seq', [input('x', [3]), dense('dense', 2), dense('dense_1', 1)]),
  entries: [
    { name: `${prefix}dense/kernel`, shape: [3, 2] },
    { name: `${prefix}dense/bias`, shape: [2] },
    { name: `${prefix}dense_1/kernel`, shape: [2, 1] },
    { name: `${prefix}dense_1/bias`, shape: [1] },
  ],
});

const expectImportError = (json: unknown, pattern: RegExp, buffers?: ArrayBuffer | ArrayBuffer[]) => {
  let caught: unknown;
  try {
    importLayersModel(json, buffers);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ImportError);
  expect((caught as Error).message).toMatch(pattern);
};

describe('wrappers', () => {
  const model = sequential('seq', [input('x', [3]), dense('d', 2)]);
  it('reads modelTopology.model_config', () => {
    const m = importLayersModel(wrap(model));
    expect(names(m.graph)).toEqual(['x', 'd']);
    expect(m.modelName).toBe('seq');
    expect(m.weights).toBeUndefined();
  });
  it('reads a modelTopology that is the model config itself, keras_version inside', () => {
    const m = importLayersModel({ modelTopology: { ...model, keras_version: 'tfjs-layers 1.3.1', backend: 'tensor_flow.js' } });
    expect(names(m.graph)).toEqual(['x', 'd']);
  });
  it('takes a bare Keras model.to_json() as topology only, and says so', () => {
    const m = importLayersModel({ ...model, keras_version: '2.3.1', backend: 'tensorflow' });
    expect(names(m.graph)).toEqual(['x', 'd']);
    expect(m.warnings.join()).toMatch(/plain Keras model\.to_json\(\).*no weightsManifest/);
  });
});

describe('inbound_nodes forms', () => {
  const chain = (inbound: (src: string) => unknown, cls = 'Model') =>
    functional('m', [input('x', [4]), dense('a', 3, inbound('x')), dense('b', 2, inbound('a'))], [['x', 0, 0]], [['b', 0, 0]], cls);
  const expectChain = (g: Graph) => expect(edges(g)).toEqual(['x>a', 'a>b']);

  it('Keras 2 / tfjs lists with kwargs', () => expectChain(importLayersModel(wrap(chain((s) => call(s)))).graph));
  it('Keras 1 refs without kwargs', () => expectChain(importLayersModel(wrap(chain((s) => [[[s, 0, 0]]]))).graph));
  it('a call written as a single ref', () => expectChain(importLayersModel(wrap(chain((s) => [[s, 0, 0, {}]]))).graph));
  it('Keras 3 __keras_tensor__ args, with a bare input_layers ref', () => {
    const kt = (s: string) => ({ class_name: '__keras_tensor__', config: { shape: [null, 4], dtype: 'float32', keras_history: [s, 0, 0] } });
    const model = chain((s) => [{ args: [kt(s)], kwargs: { training: false } }], 'Functional');
    const cfg = model.config as Json;
    cfg.input_layers = ['x', 0, 0];
    cfg.output_layers = ['b', 0, 0];
    expectChain(importLayersModel(wrap(model)).graph);
  });
  it('Keras 3 merge args as a list of tensors, in order', () => {
    const kt = (s: string) => ({ class_name: '__keras_tensor__', config: { keras_history: [s, 0, 0] } });
    const model = functional(
      'm',
      [input('x', [4]), dense('a', 3, [{ args: [kt('x')] }]), dense('b', 3, [{ args: [kt('x')] }]), layer('Concatenate', 'cat', { axis: -1 }, [{ args: [[kt('b'), kt('a')]], kwargs: {} }])],
      [['x', 0, 0]],
      [['cat', 0, 0]],
    );
    expect(edges(importLayersModel(wrap(model)).graph)).toEqual(['x>a', 'x>b', 'b>cat', 'a>cat']);
  });
  it('layers listed out of order are resolved, inputs and outputs keep the file order', () => {
    const model = functional(
      'm',
      [dense('o2', 1, call('h')), dense('h', 3, call('cat')), layer('Concatenate', 'cat', {}, call('x2', 'x1')), dense('o1', 1, call('h')), input('x1', [2]), input('x2', [2])],
      [['x2', 0, 0], ['x1', 0, 0]],
      [['o1', 0, 0], ['o2', 0, 0]],
    );
    const g = importLayersModel(wrap(model)).graph;
    const a = analyzeGraph(g);
    const name = (id: string) => g.nodes.find((n) => n.id === id)?.name;
    expect(a.inputs.map(name)).toEqual(['x2', 'x1']);
    expect(a.outputs.map(name)).toEqual(['o1', 'o2']);
  });
});

describe('Sequential variants', () => {
  it('creates an Input from batch_input_shape on the first layer', () => {
    const m = importLayersModel(wrap(sequential('s', [dense('dense', 2, undefined, { batch_input_shape: [null, 5] }), dense('dense_1', 1)])));
    expect(names(m.graph)).toEqual(['dense_input', 'dense', 'dense_1']);
    expect(total(m.graph)).toBe(5 * 2 + 2 + 2 + 1);
  });
  it('reads the pre-2.2.3 config that is a bare layer list', () => {
    const m = importLayersModel({ modelTopology: { class_name: 'Sequential', config: [dense('d', 2, undefined, { batch_input_shape: [null, 3] })] } });
    expect(names(m.graph)).toEqual(['d_input', 'd']);
  });
  it('reads Keras 3 batch_shape, DTypePolicy dtypes and a hand-patched batchInputShape', () => {
    const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
    for (const key of ['batch_shape', 'batchInputShape']) {
      const m = importLayersModel(wrap(sequential('s', [input('input_layer', [6], key), dense('d', 1, undefined, { dtype: policy })])));
      expect(total(m.graph)).toBe(7);
      expect(m.graph.nodes[0]?.params.shape).toEqual([6]);
    }
  });
  it('uses a Keras 3 build_input_shape when no layer declares one', () => {
    const model = { class_name: 'Sequential', config: { name: 's', layers: [dense('d', 2)], build_input_shape: [null, 4] } };
    expect(total(importLayersModel(wrap(model)).graph)).toBe(10);
  });
});

describe('nested models are flattened', () => {
  it('a Sequential head called as node 1 (Teachable Machine audio)', () => {
    const head = { ...sequential('sequential_3', [dense('NewHeadDense', 3, undefined, { batch_input_shape: [null, 4] })]), inbound_nodes: call('base') };
    const model = functional('model1', [input('x', [2]), dense('base', 4, call('x'), { trainable: false }), head], [['x', 0, 0]], [['sequential_3', 1, 0]]);
    const g = importLayersModel(wrap(model)).graph;
    expect(names(g)).toEqual(['x', 'base', 'NewHeadDense']);
    expect(edges(g)).toEqual(['x>base', 'base>NewHeadDense']);
    const a = analyzeGraph(g);
    expect(a.totals).toEqual({ total: 12 + 15, trainable: 15, nonTrainable: 12 });
  });
  it('Sequential[Sequential[Model], …] with a frozen container; positions do not overlap', () => {
    const base = functional('model9', [input('input_1', [4]), dense('conv', 3, call('input_1')), dense('relu', 3, call('conv'))], [['input_1', 0, 0]], [['relu', 0, 0]]);
    const inner = { class_name: 'Sequential', config: { name: 'sequential_34', trainable: false, layers: [base, dense('pool', 2)] } };
    const model = sequential('sequential_37', [inner, sequential('sequential_36', [dense('h1', 2), dense('h2', 1)])]);
    const g = importLayersModel(wrap(model)).graph;
    expect(names(g)).toEqual(['input_1', 'conv', 'relu', 'pool', 'h1', 'h2']);
    expect(g.nodes.filter((n) => n.params.trainable === false).map((n) => n.name)).toEqual(['conv', 'relu', 'pool']);
    const spots = new Set(g.nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(spots.size).toBe(g.nodes.length);
  });
  it('a two-input nested Model gets its feeds in order, and clashing names are made unique', () => {
    const inner = {
      ...functional('inner', [input('p', [2]), input('q', [2]), layer('Add', 'add', {}, call('p', 'q')), dense('d', 1, call('add'))], [['q', 0, 0], ['p', 0, 0]], [['d', 0, 0]]),
      inbound_nodes: call('a', 'b'),
    };
    const model = functional('outer', [input('x', [2]), dense('a', 2, call('x')), dense('b', 2, call('x')), inner, dense('d', 1, call('inner'))], [['x', 0, 0]], [['d', 0, 0]]);
    const m = importLayersModel(wrap(model));
    // q is fed by a and p by b, so the Add sees b first.
    expect(edges(m.graph)).toEqual(['x>a', 'x>b', 'b>add', 'a>add', 'add>d', 'd>d_1']);
    expect(m.warnings.join()).toMatch(/'d' is used by two layers.*renamed 'd_1'/);
  });
});

describe('weights', () => {
  const values = (m: ReturnType<typeof importLayersModel>, layerName: string, i: number) => Array.from(m.weights?.[layerName]?.[i]?.values ?? []);

  for (const prefix of ['', 'sequential/']) {
    it(`maps '${prefix}dense/kernel' names onto the layers`, () => {
      const { model, entries } = mlp(prefix);
      const { manifest, buffer } = shards(entries);
      const m = importLayersModel(wrap(model, manifest), buffer);
      expect(values(m, 'dense', 0)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(values(m, 'dense_1', 1)).toEqual([3000]);
      expect(m.weights?.dense?.map((w) => w.name)).toEqual(['kernel', 'bias']);
    });
  }
  it('reads shards given separately, in manifest order, and an alphabetical manifest', () => {
    const { model, entries } = mlp();
    const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : 1));
    const { manifest, buffer } = shards(sorted);
    const m = importLayersModel(wrap(model, manifest), [buffer.slice(0, 16), buffer.slice(16)]);
    const k = sorted.findIndex((e) => e.name === 'dense/kernel');
    expect(values(m, 'dense', 0)[0]).toBe(k * 1000);
  });
  it('nested paths, Teachable Machine head names and RNN cell suffixes', () => {
    const lstm = layer('LSTM', 'lstm_1', { units: 2, return_sequences: false });
    const bi = layer('Bidirectional', 'bidirectional', { layer: { class_name: 'LSTM', config: { name: 'lstm', units: 2, return_sequences: true } }, merge_mode: 'concat' });
    const model = sequential('outer', [input('x', [5, 3]), sequential('sequential_7', [bi]), lstm, sequential('sequential_3', [dense('NewHeadDense', 1)])]);
    const cell = (p: string, u: number, f: number) => [
      { name: `${p}/kernel`, shape: [f, 4 * u] },
      { name: `${p}/recurrent_kernel`, shape: [u, 4 * u] },
      { name: `${p}/bias`, shape: [4 * u] },
    ];
    const entries = [
      { name: 'NewHeadDense/kernel', shape: [2, 1] },
      { name: 'NewHeadDense/bias', shape: [1] },
      ...cell('sequential_7/bidirectional/backward_lstm/lstm_cell_2', 2, 3),
      ...cell('sequential_7/bidirectional/forward_lstm/lstm_cell_1', 2, 3),
      ...cell('lstm_1/lstm_cell_3', 2, 4),
    ];
    const { manifest, buffer } = shards(entries);
    const m = importLayersModel(wrap(model, manifest), buffer);
    expect(m.warnings).toEqual([]);
    expect(m.weights?.bidirectional?.map((w) => w.name)).toEqual(['forward_lstm/kernel', 'forward_lstm/recurrent_kernel', 'forward_lstm/bias', 'backward_lstm/kernel', 'backward_lstm/recurrent_kernel', 'backward_lstm/bias']);
    expect(values(m, 'bidirectional', 0)[0]).toBe(5000); // forward kernel is entry 5
    expect(values(m, 'bidirectional', 3)[0]).toBe(2000);
    expect(values(m, 'lstm_1', 1)[0]).toBe(9000);
    expect(values(m, 'NewHeadDense', 0)).toEqual([0, 1]);
  });
  it('a missing weight, a wrong shape, short data and stray entries', () => {
    const { model, entries } = mlp();
    const missing = shards(entries.slice(0, 3));
    expectImportError(wrap(model, missing.manifest), /Weight 'bias' of Dense 'dense_1' \(shape \[1\]\) is missing from the weights manifest/, missing.buffer);
    const wrong = shards([{ name: 'dense/kernel', shape: [2, 3] }, ...entries.slice(1)]);
    expectImportError(wrap(model, wrong.manifest), /Weight 'kernel' of Dense 'dense' has shape \[2, 3\] in the file .* needs \[3, 2\]/, wrong.buffer);
    const ok = shards(entries);
    expectImportError(wrap(model, ok.manifest), /weight data is 24 bytes .* describes 44; a \.bin shard is missing/, ok.buffer.slice(0, 24));
    const extra = shards([...entries, { name: 'ghost/kernel', shape: [2] }]);
    expect(importLayersModel(wrap(model, extra.manifest), extra.buffer).warnings.join()).toMatch(/1 weight\(s\) in the file belong to no layer.*ghost\/kernel/);
  });
  it('without shards, weight problems are warnings and nothing is allocated', () => {
    const { model, entries } = mlp();
    const m = importLayersModel(wrap(model, shards(entries.slice(1)).manifest));
    expect(m.weights).toBeUndefined();
    expect(m.warnings.join()).toMatch(/Weights: Weight 'kernel' of Dense 'dense'.*missing/);
  });
  it('refuses int32 and quantized weights, and shards without a manifest', () => {
    const { model, entries } = mlp();
    const ints = shards(entries.map((e, i) => (i === 0 ? { ...e, dtype: 'int32' } : e)));
    expectImportError(wrap(model, ints.manifest), /'dense\/kernel' is stored as int32; only float32/, ints.buffer);
    const q = shards(entries);
    (q.manifest[0]!.weights[0] as Json).quantization = { dtype: 'uint8', scale: 1, min: 0 };
    expectImportError(wrap(model, q.manifest), /'dense\/kernel' is quantized/, q.buffer);
    expectImportError(wrap(model), /no weightsManifest/, q.buffer);
  });
});

describe('rejections', () => {
  const withLayer = (l: Json) => wrap(functional('m', [input('x', [4]), l, dense('d', 1, call(l.name as string))], [['x', 0, 0]], [['d', 0, 0]]));
  it('non-objects and files without a topology', () => {
    expectImportError(null, /JSON null, not a model/);
    expectImportError([1, 2], /JSON list, not a model/);
    expectImportError('model', /JSON string, not a model/);
    expectImportError({ weightsManifest: [] }, /No modelTopology found: this is not a TensorFlow\.js layers model\.json/);
    expectImportError({ modelTopology: null }, /modelTopology in this file is empty/);
    expectImportError({ format: 'graph-model', modelTopology: { node: [] } }, /graph model/);
    expectImportError({ modelTopology: dense('d', 1) }, /top level is a Dense; expected a Sequential, Model or Functional/);
  });
  it('Lambda, TensorFlowOpLayer, custom and unknown classes, naming class and layer', () => {
    expectImportError(withLayer(layer('Lambda', 'lam', { function: 'x' }, call('x'))), /layer 'lam' has class Lambda: a Lambda layer wraps Python code/);
    expectImportError(withLayer(layer('TensorFlowOpLayer', 'tf_op_layer_Mul', {}, call('x'))), /layer 'tf_op_layer_Mul' has class TensorFlowOpLayer: .*raw TensorFlow operation/);
    expectImportError(withLayer(layer('Custom>Scaler', 'scaler', {}, call('x'))), /layer 'scaler' has class Custom>Scaler: a custom layer class/);
    expectImportError(withLayer({ ...layer('Scaler', 'scaler', {}, call('x')), module: 'my_project.layers' }), /class Scaler: a custom layer class/);
    expectImportError(withLayer(layer('Attention', 'att', {}, call('x'))), /layer 'att' has class Attention: a layer type Layerloom does not support/);
  });
  it('unsupported classes inside nested models are found too', () => {
    expectImportError(wrap(sequential('s', [input('x', [2]), sequential('inner', [layer('Lambda', 'l1', {}), layer('Lambda', 'l2', {})])])), /layers 'l1', 'l2' have class Lambda/);
  });
  it('shared layers, multi-output refs, cycles, dangling refs and missing input shapes', () => {
    expectImportError(withLayer(dense('s', 4, [...call('x'), ...call('x')])), /Layer 's' is shared: it is called 2 times/);
    expectImportError(withLayer(dense('s', 4, [[['x', 0, 1, {}]]])), /used through its output 1; layers with several outputs/);
    const cyclic = functional('m', [input('x', [2]), layer('Add', 'a', {}, call('x', 'b')), dense('b', 2, call('a'))], [['x', 0, 0]], [['b', 0, 0]]);
    expectImportError(wrap(cyclic), /Layer 'a' in model 'm' takes input from layers that depend on it in turn \(a cycle\)/);
    expectImportError(withLayer(dense('s', 4, call('nowhere'))), /takes input from 'nowhere', which is not in the model/);
    expectImportError(wrap(sequential('s', [dense('d', 2)])), /first layer 'd' of Sequential model 's' declares no input shape/);
  });
  it('a config a spec cannot read names the layer', () => {
    const bi = layer('Bidirectional', 'bi', { layer: { class_name: 'Dense', config: { name: 'dd', units: 2 } } });
    expectImportError(wrap(sequential('s', [input('x', [3, 2]), bi])), /Layer 'bi' \(Bidirectional\) has a config Layerloom cannot read: .*Dense/);
  });
});
