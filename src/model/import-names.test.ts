import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { buildGraph } from './build';
import { fitLayerNames, shortenName } from './import-names';
import { importLayersModel } from './keras-import';
import { projectSchema } from './project-schema';
import { newProject } from './project';
import { cutText, MAX_QUOTED_CHARS, quotePath, quoteText } from './quote';
import type { LayerWeights } from './weights';

const LONG = `L${'x'.repeat(4998)}L`;

/** A Sequential model.json: Input → one Dense per name; no weights unless a manifest is given. */
function modelJson(names: string[], modelName = 'seq'): unknown {
  return {
    format: 'layers-model',
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: modelName,
        layers: [
          { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 4], dtype: 'float32' } },
          ...names.map((name) => ({ class_name: 'Dense', config: { name, units: 2 } })),
        ],
      },
    },
  };
}

describe('quoting names in messages', () => {
  it('keeps short text and cuts long text to the limit with an ellipsis', () => {
    expect(quoteText('dense_1')).toBe('dense_1');
    const quoted = quoteText(LONG);
    expect(quoted).toHaveLength(MAX_QUOTED_CHARS + 1);
    expect(quoted.endsWith('…')).toBe(true);
    expect(LONG.startsWith(quoted.slice(0, -1))).toBe(true);
  });

  it('never cuts a surrogate pair in half', () => {
    const text = `${'a'.repeat(9)}😀tail`;
    expect(cutText(text, 10)).toBe('a'.repeat(9));
    expect(cutText(text, 11)).toBe(`${'a'.repeat(9)}😀`);
  });

  it('quotes each name of a weight path, so the weight itself still shows', () => {
    expect(quotePath(`${LONG}/kernel`)).toBe(`${quoteText(LONG)}/kernel`);
  });

  it('the invalid-name error of a 5,000-character name quotes only its start', () => {
    const graph = buildGraph([{ type: 'Input', params: { shape: [4] } }, { type: 'Dense', name: LONG }]);
    const error = analyzeGraph(graph).errors.find((e) => e.message.includes('invalid name'));
    expect(error?.message).toBe(`Dense '${quoteText(LONG)}' has an invalid name; use letters, digits, _ . or - and start with a letter or _`);
  });
});

describe('shortening layer names a project cannot keep', () => {
  it('cuts to the limit, then adds _2, _3 … inside the limit when the cut name is taken', () => {
    const cut = LONG.slice(0, 200);
    expect(shortenName(LONG, new Set())).toBe(cut);
    const second = shortenName(LONG, new Set([cut]));
    expect(second).toBe(`${LONG.slice(0, 198)}_2`);
    expect(shortenName(LONG, new Set([cut, second]))).toBe(`${LONG.slice(0, 198)}_3`);
  });

  it('import renames a 5,000-character layer with a warning naming it, and the project then validates', () => {
    const imported = importLayersModel(modelJson(['ok', LONG, `${LONG}y`]));
    const names = imported.graph.nodes.map((n) => n.name);
    expect(names).toEqual(['in', 'ok', LONG.slice(0, 200), `${LONG.slice(0, 198)}_2`]);
    const notes = imported.warnings.filter((w) => w.includes('more than the 200 a project keeps'));
    expect(notes).toHaveLength(2);
    expect(notes[0]).toBe(`Layer '${quoteText(LONG)}' has a name of 5,000 characters, more than the 200 a project keeps; it was renamed '${quoteText(LONG.slice(0, 200))}'.`);
    expect(projectSchema.safeParse(newProject('p', imported.graph)).success).toBe(true);
  });

  it('cuts a very long model name, which is only shown', () => {
    expect(importLayersModel(modelJson(['d'], LONG)).modelName).toBe(LONG.slice(0, 200));
  });

  it('moves the weights to the new name and leaves other layers alone', () => {
    const graph = buildGraph([{ type: 'Input', name: 'in', params: { shape: [2] } }, { type: 'Dense', name: 'abcdefgh', params: { units: 1 } }, { type: 'Dense', name: 'keep', params: { units: 1 } }]);
    const kernel = { name: 'kernel', shape: [2, 1], values: new Float32Array([1, 2]) };
    const other = { name: 'kernel', shape: [1, 1], values: new Float32Array([3]) };
    const weights: LayerWeights = { abcdefgh: [kernel], keep: [other] };
    const warnings: string[] = [];
    const fitted = fitLayerNames(graph, weights, warnings, 5);
    expect(fitted.graph.nodes.map((n) => n.name)).toEqual(['in', 'abcde', 'keep']);
    expect(fitted.weights).toEqual({ abcde: [kernel], keep: [other] });
    expect(fitted.weights?.abcde?.[0]).toBe(kernel);
    expect(warnings).toEqual([`Layer 'abcdefgh' has a name of 8 characters, more than the 5 a project keeps; it was renamed 'abcde'.`]);
  });

  it('returns the same graph when every name fits', () => {
    const graph = buildGraph([{ type: 'Input', params: { shape: [2] } }, { type: 'Dense' }]);
    const warnings: string[] = [];
    expect(fitLayerNames(graph, undefined, warnings).graph).toBe(graph);
    expect(warnings).toEqual([]);
  });
});
