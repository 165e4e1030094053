/**
 * Test support (imported only by *.test.ts): checks one layer configuration end to end —
 * registry shape and param count against the tfjs model the compiler builds, and the
 * Keras config round trip.
 */
import { expect } from 'vitest';
import { analyzeGraph } from '../model/analyze';
import type { Graph, LayerNode, Params, Shape } from '../model/graph';
import { fromKerasConfig, toKerasConfig } from '../model/keras-config';
import { defaultParamsFor, getSpec } from '../model/registry';
import { compile } from './compile';

/** A graph of one Input per input shape (batch omitted) feeding one layer under test. */
export function singleLayerGraph(type: string, inputShapes: readonly (readonly number[])[], params: Params = {}): Graph {
  const spec = getSpec(type);
  if (!spec) throw new Error(`unknown layer ${type}`);
  const inputs: LayerNode[] = inputShapes.map((shape, i) => ({
    id: `in${i}`,
    type: 'Input',
    name: `input_${i}`,
    params: { ...defaultParamsFor(getSpec('Input')!), shape: [...shape], dtype: params.__int_input ? 'int32' : 'float32' },
    position: { x: 0, y: i * 100 },
  }));
  const { __int_input: _ignored, ...own } = params;
  const layer: LayerNode = {
    id: 'layer',
    type,
    name: 'layer_under_test',
    params: { ...defaultParamsFor(spec), ...own },
    position: { x: 200, y: 0 },
  };
  return {
    nodes: [...inputs, layer],
    edges: inputs.map((n, i) => ({ id: `e${i}`, source: n.id, target: 'layer' })),
  };
}

export interface LayerCheck {
  shape: Shape;
  total: number;
  trainable: number;
}

/**
 * Asserts registry == tfjs for output shape and param counts, and that the Keras config
 * round trip gives back the same params. Returns the registry's numbers so the test can
 * also assert hand-computed values.
 */
export function checkLayer(type: string, inputShapes: readonly (readonly number[])[], params: Params = {}): LayerCheck {
  const graph = singleLayerGraph(type, inputShapes, params);
  const analysis = analyzeGraph(graph);
  expect(analysis.errors, JSON.stringify(analysis.errors)).toEqual([]);
  const shape = analysis.shapes.get('layer') as Shape;
  const counts = analysis.counts.get('layer')!;

  const model = compile(graph);
  try {
    expect(model.countParams(), `${type} ${JSON.stringify(params)} param count`).toBe(counts.total);
    const trainableTfjs = model.trainableWeights.reduce((s, w) => s + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
    expect(trainableTfjs, `${type} trainable params`).toBe(counts.trainable);
    expect(model.outputs[0]!.shape, `${type} output shape`).toEqual([...shape]);
  } finally {
    model.dispose();
  }

  const spec = getSpec(type)!;
  const node = graph.nodes.find((n) => n.id === 'layer')!;
  const config = toKerasConfig(spec, node.params);
  const back = fromKerasConfig(spec, JSON.parse(JSON.stringify(config)) as Record<string, unknown>);
  const { trainable: _t, ...ownParams } = node.params;
  expect(back, `${type} Keras config round trip`).toEqual(ownParams);
  return { shape, total: counts.total, trainable: counts.trainable };
}

/** Asserts that a configuration is rejected, with a message containing `fragment`. */
export function expectShapeError(type: string, inputShapes: readonly (readonly number[])[], params: Params, fragment: string | RegExp) {
  const analysis = analyzeGraph(singleLayerGraph(type, inputShapes, params));
  const messages = analysis.errors.map((e) => e.message).join('\n');
  expect(messages).toMatch(fragment);
}
