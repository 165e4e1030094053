/**
 * model.json files built to break the importer (the fuzz suite's bugs 1–3, written out by hand):
 * deep nesting, Object.prototype names where class and initializer names go, non-string class
 * names in wrappers. Each is refused with an ImportError that says where, or imported as plain data.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { ImportError, importLayersModel } from './keras-import';
import { parseManifest } from './weights';

type Json = Record<string, unknown>;

const inputLayer = (shape: number[]): Json => ({
  class_name: 'InputLayer',
  config: { name: 'x', batch_input_shape: [null, ...shape], dtype: 'float32' },
});
const dense = (name: string, config: Json = {}): Json => ({
  class_name: 'Dense',
  config: { name, units: 2, ...config },
});
const model = (layers: Json[], manifest?: unknown): Json => ({
  modelTopology: { model_config: { class_name: 'Sequential', config: { name: 'seq', layers } } },
  ...(manifest === undefined ? {} : { weightsManifest: manifest }),
});

function importError(json: unknown, buffers?: ArrayBuffer): ImportError {
  try {
    importLayersModel(json, buffers);
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw err;
  }
  throw new Error('the file was imported');
}

const deep = (depth: number, inner: unknown = 1): unknown => {
  let v = inner;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

describe('deeply nested model files', () => {
  it('refuses a manifest shape nested 5,000 deep, naming where, without overflowing the stack', () => {
    const shape = JSON.parse('['.repeat(5000) + ']'.repeat(5000)) as unknown;
    const json = model(
      [inputLayer([3]), dense('d')],
      [{ paths: ['w.bin'], weights: [{ name: 'd/kernel', shape, dtype: 'float32' }] }],
    );
    expect(importError(json).message).toMatch(
      /^The model file is nested more than 64 levels deep at "weightsManifest\[0\]\.weights\[0\]\.shape(\[0\])+"$/,
    );
  });

  it('refuses deep inbound_nodes and output_layers in a functional model', () => {
    const functional = (inbound: unknown, outputs: unknown): Json => ({
      modelTopology: {
        model_config: {
          class_name: 'Functional',
          config: {
            name: 'm',
            layers: [
              { ...inputLayer([3]), name: 'x', inbound_nodes: [] },
              { ...dense('d'), name: 'd', inbound_nodes: inbound },
            ],
            input_layers: [['x', 0, 0]],
            output_layers: outputs,
          },
        },
      },
    });
    expect(importError(functional(deep(10_000), [['d', 0, 0]])).message).toMatch(/layers\[1\]\.inbound_nodes/);
    expect(importError(functional([[['x', 0, 0, {}]]], deep(10_000))).message).toMatch(/config\.output_layers/);
  });

  it('refuses prototype keys in a model file', () => {
    const json = model([inputLayer([3]), dense('d')]);
    Object.defineProperty(json, '__proto__', { value: { polluted: true }, enumerable: true });
    expect(importError(json).message).toMatch(/forbidden key "__proto__"/);
  });
});

describe('Object.prototype names from the file', () => {
  it('reads a class named "constructor" or "toString" as an unknown class', () => {
    for (const cls of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const message = importError(model([inputLayer([3]), { class_name: cls, config: { name: 'odd' } }])).message;
      expect(message).toBe(
        `This model cannot be imported: layer 'odd' has class ${cls}: a layer type Layerloom does not support`,
      );
    }
  });

  it('reads "constructor" and "__proto__" initializers as unknown, keeping the default', () => {
    for (const name of ['constructor', '__proto__', 'valueOf']) {
      const { graph } = importLayersModel(
        model([inputLayer([3]), dense('d', { kernel_initializer: name, bias_initializer: { class_name: name } })]),
      );
      const params = graph.nodes[1]!.params;
      expect([params.kernel_initializer, params.bias_initializer]).toEqual(['GlorotUniform', 'Zeros']);
      expect(analyzeGraph(graph).errors).toEqual([]);
    }
  });

  it('reads an Activation named "constructor" as itself, not as a respelling', () => {
    const act = { class_name: 'Activation', config: { name: 'a', activation: 'constructor' } };
    const { graph } = importLayersModel(model([inputLayer([3]), act]));
    expect(graph.nodes[1]!.params.activation).toBe('constructor');
    expect(
      analyzeGraph(graph)
        .errors.map((e) => e.message)
        .join('\n'),
    ).toMatch(/"constructor" is not a known activation/);
  });

  it('sizes a weight of dtype "constructor" as float32, not NaN bytes', () => {
    const entries = parseManifest([
      {
        paths: ['w.bin'],
        weights: [
          { name: 'k', shape: [3, 2], dtype: 'constructor' },
          { name: 'b', shape: [2] },
        ],
      },
    ]);
    expect(entries.map((e) => [e.byteOffset, e.byteLength])).toEqual([
      [0, 24],
      [24, 8],
    ]);
  });

  it('keeps the weights of a layer named "__proto__" as its own entry', () => {
    const manifest = [
      {
        paths: ['w.bin'],
        weights: [
          { name: '__proto__/kernel', shape: [3, 2] },
          { name: '__proto__/bias', shape: [2] },
        ],
      },
    ];
    const { weights } = importLayersModel(model([inputLayer([3]), dense('__proto__')], manifest), new ArrayBuffer(32));
    expect(Object.getPrototypeOf(weights)).toBe(Object.prototype);
    expect(Object.keys(weights!)).toEqual(['__proto__']);
  });
});

describe('wrapped layers with a class_name that is not a string', () => {
  const wrapper = (cls: string, inner: unknown): Json => ({
    class_name: cls,
    config: { name: 'w', layer: { class_name: inner, config: { units: 2 } } },
  });

  it.each([
    ['Bidirectional', {}, 'an object', 'LSTM'],
    ['Bidirectional', ['LSTM'], 'a list', 'LSTM'],
    ['TimeDistributed', 7, 'a number', 'Dense'],
    ['TimeDistributed', true, 'the value true', 'Dense'],
  ])('%s around %j says it found %s', (cls, inner, kind, example) => {
    const message = importError(model([inputLayer([4, 3]), wrapper(cls, inner)])).message;
    expect(message).toBe(
      `Layer 'w' (${cls}) has a config Layerloom cannot read: ${cls}'s inner layer has ${kind} where a class name was expected (a string such as "${example}")`,
    );
  });
});
