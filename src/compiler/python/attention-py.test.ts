import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph, LayerNode, Params } from '../../model/graph';
import { defaultParamsFor, getSpec } from '../../model/registry';
import { generateKerasProject } from './index';
import { KERAS_STUB_INIT } from './keras-stub';
import { findTestPython } from './python-env';

/**
 * The Keras 3 code of the attention layers, run by a real Python against the recording keras
 * stand-in: MultiHeadAttention is called as `mha(query, value, key=…, use_causal_mask=…)` and
 * the position embeddings come from keras_hub.
 */

interface Built {
  layers: {
    class: string;
    family: string;
    name: string;
    inbound: string[];
    kwargs: Record<string, unknown>;
    call_kwargs: Record<string, unknown>;
  }[];
}

function node(id: string, type: string, params: Params = {}): LayerNode {
  return { id, type, name: id, params: { ...defaultParamsFor(getSpec(type)!), ...params }, position: { x: 0, y: 0 } };
}

const graph: Graph = {
  nodes: [
    node('ids', 'Input', { shape: [6], dtype: 'int32' }),
    node('tpe', 'TokenAndPositionEmbedding', {
      vocabulary_size: 30,
      sequence_length: 8,
      embedding_dim: 8,
      mask_zero: true,
    }),
    node('pe', 'PositionEmbedding', { sequence_length: 12 }),
    node('sum', 'Add'),
    node('self_att', 'MultiHeadAttention', { num_heads: 2, key_dim: 4, use_causal_mask: true, attention_axes: [1] }),
    node('cross_att', 'MultiHeadAttention', {
      num_heads: 1,
      key_dim: 3,
      value_dim: 5,
      output_shape: 6,
      use_bias: false,
    }),
  ],
  edges: [
    'ids>tpe',
    'tpe>pe',
    'tpe>sum',
    'pe>sum',
    'sum>self_att',
    'sum>cross_att',
    'self_att>cross_att',
    'tpe>cross_att',
  ].map((e, i) => ({
    id: `e${i}`,
    source: e.split('>')[0]!,
    target: e.split('>')[1]!,
  })),
};

let root = '';
let built: Built;
let modelPy = '';

beforeAll(async () => {
  const { run, python } = await findTestPython((m) => console.log(m));
  root = mkdtempSync(join(tmpdir(), 'layerloom-attention-py-'));
  mkdirSync(join(root, 'stub', 'keras'), { recursive: true });
  writeFileSync(join(root, 'stub', 'keras', '__init__.py'), KERAS_STUB_INIT);
  const project = generateKerasProject(graph, { modelName: 'attn', weights: null });
  for (const [file, text] of Object.entries(project.files)) writeFileSync(join(root, file), text);
  modelPy = project.files['model.py']!;
  const script = [
    'import sys, json',
    `sys.path[:0] = [${JSON.stringify(join(root, 'stub'))}, ${JSON.stringify(root)}]`,
    'import keras, model',
    'print(json.dumps(keras.describe(model.build_model())))',
  ].join('\n');
  writeFileSync(join(root, '_check.py'), script);
  const r = run(python, [join(root, '_check.py')], { cwd: root });
  if (r.status !== 0) throw new Error(`Python failed (${r.status}):\n${r.stderr}\n${modelPy}`);
  built = JSON.parse(r.stdout) as Built;
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const layer = (name: string) => built.layers.find((l) => l.name === name)!;

describe('Keras 3 code of the attention layers', () => {
  it('position embeddings are keras_hub layers with their keras_hub arguments', () => {
    expect(modelPy).toMatch(/^import keras_hub\b/m);
    expect(layer('tpe')).toMatchObject({
      class: 'TokenAndPositionEmbedding',
      family: 'keras_hub.layers',
      inbound: ['ids'],
      kwargs: { vocabulary_size: 30, sequence_length: 8, embedding_dim: 8, mask_zero: true },
    });
    expect(layer('pe')).toMatchObject({
      class: 'PositionEmbedding',
      family: 'keras_hub.layers',
      inbound: ['tpe'],
      kwargs: { sequence_length: 12 },
    });
  });
  it('self-attention is called as mha(x, x, use_causal_mask=True); use_causal_mask is not a constructor argument', () => {
    expect(modelPy).toMatch(
      /self_att = keras\.layers\.MultiHeadAttention\([\s\S]*?\)\(sum, sum, use_causal_mask=True\)/,
    );
    const l = layer('self_att');
    expect(l).toMatchObject({
      class: 'MultiHeadAttention',
      family: 'layers',
      inbound: ['sum'],
      call_kwargs: { use_causal_mask: true },
    });
    expect(l.kwargs).toMatchObject({
      num_heads: 2,
      key_dim: 4,
      value_dim: null,
      dropout: 0,
      use_bias: true,
      output_shape: null,
      attention_axes: [1],
    });
    expect(l.kwargs).not.toHaveProperty('use_causal_mask');
  });
  it('cross-attention takes query, value and key= in port order', () => {
    expect(modelPy).toMatch(/\)\(sum, self_att, key=tpe, use_causal_mask=False\)/);
    const l = layer('cross_att');
    expect(l).toMatchObject({ inbound: ['sum', 'self_att', 'tpe'], call_kwargs: { use_causal_mask: false } });
    expect(l.kwargs).toMatchObject({
      num_heads: 1,
      key_dim: 3,
      value_dim: 5,
      output_shape: 6,
      use_bias: false,
      attention_axes: null,
    });
  });
});
