/**
 * Every export format takes the flattened graph (the session and the CLI flatten before they call
 * the workers): two linked Transformer encoder blocks become ordinary, uniquely named layers in
 * the Keras project, the ONNX file and the PyTorch project, with the compiled model's weights.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { addBlock, reuseBlock } from '../model/block-ops';
import { flattenGraph } from '../model/blocks';
import { buildGraph } from '../model/build';
import type { Graph } from '../model/graph';
import { connect } from '../model/graph-ops';
import { LAYER_NAME } from '../model/param-check';
import { DEFAULT_TRANSFORMER_SIZES, READY_BLOCKS } from '../model/ready-blocks';
import { compile } from './compile';
import { exportOnnx } from './onnx/export';
import { generateKerasProject } from './python';
import { buildPytorchFiles } from './pytorch';
import { extractWeights } from './weights';

function must(r: { ok: true; graph: Graph } | { ok: false; reason: string }): Graph {
  if (!r.ok) throw new Error(r.reason);
  return r.graph;
}

/** input [6, 16] → encoder → encoder (linked) → pooling → Dense(2). */
function twoEncoders(): Graph {
  const base = buildGraph([{ type: 'Input', id: 'in', params: { shape: [6, 16] } }]);
  const def = READY_BLOCKS[0]!.build({ ...DEFAULT_TRANSFORMER_SIZES, dim: 16, ff: 24 });
  const first = addBlock(base, def, { x: 0, y: 140 });
  if (!first.ok) throw new Error(first.reason);
  const second = reuseBlock(first.graph, first.ids[0]!, true);
  if (!second.ok) throw new Error(second.reason);
  const [a, b] = [first.ids[0]!, second.ids[0]!];
  let g = must(connect(second.graph, 'in', a));
  g = must(connect(g, a, b));
  const head = buildGraph([
    { type: 'GlobalAveragePooling1D', id: 'pool', name: 'pool' },
    { type: 'Dense', id: 'out', name: 'out', params: { units: 2 } },
  ]);
  g = { ...g, nodes: [...g.nodes, ...head.nodes], edges: [...g.edges, ...head.edges] };
  return must(connect(g, b, 'pool'));
}

describe('exports of a graph with blocks', () => {
  it('see only ordinary layers with unique Keras-valid names, in every format', () => {
    const flat = flattenGraph(twoEncoders()).graph;
    const names = flat.nodes.map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(LAYER_NAME);
    expect(names).toEqual(
      expect.arrayContaining(['encoder_attention', 'encoder_1_attention', 'encoder_ffn_norm', 'encoder_1_ffn_norm']),
    );

    const model = compile(flat, 'blocks');
    const weights = extractWeights(model, flat);
    expect(Object.keys(weights)).toEqual(expect.arrayContaining(['encoder_attention', 'encoder_1_attention']));

    const keras = generateKerasProject(flat, { modelName: 'blocks', weights });
    expect(keras.files['model.py']).toContain('encoder_1_attention');
    expect(keras.files['model.py']).not.toMatch(/Block/);
    const onnx = exportOnnx(flat, weights);
    expect(onnx.byteLength).toBeGreaterThan(1000);
    const torch = buildPytorchFiles(flat, weights, { modelName: 'blocks' });
    expect(torch['model.py']).toContain('encoder_1');
    model.dispose();
    tf.disposeVariables();
  });
});
