import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import type { Graph } from '../../model/graph';
import { exportLayersModel } from '../../model/keras-export';
import { getSpec } from '../../model/registry';
import { generateKerasProject, KerasProjectError, type KerasProject } from './index';
import { layerCode } from './layer-code';
import { KERAS_STUB_INIT } from './keras-stub';
import { findTestPython, type CommandRunner } from './python-env';
import { awkwardNamesGraph, imageGraph, markedWeights, multiInputGraph, sequenceGraph } from './test-graphs';

const kerasName = (name: string) => name.replace(/\//g, '_');

function manifestOf(project: KerasProject) {
  const doc = JSON.parse(project.files['weights_manifest.json'] ?? '') as {
    weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string; layer: string }[] }[];
  };
  return doc.weightsManifest;
}

describe('weights.bin and its manifest', () => {
  it.each([
    ['sequence', sequenceGraph()],
    ['image', imageGraph()],
    ['multi-input', multiInputGraph()],
  ])('%s: laid out byte for byte as the app TensorFlow.js export', (_id, graph) => {
    const weights = markedWeights(graph);
    const project = generateKerasProject(graph, { modelName: 'm', weights });
    const exported = exportLayersModel(graph, weights);
    const manifest = manifestOf(project);
    expect(manifest.map((g) => g.paths)).toEqual([['weights.bin']]);
    expect(manifest[0]?.weights.map(({ name, shape, dtype }) => ({ name, shape, dtype }))).toEqual(
      exported.modelJson.weightsManifest[0]?.weights,
    );
    expect(project.weightsBin).not.toBeNull();
    expect(new Uint8Array(project.weightsBin as ArrayBuffer)).toEqual(new Uint8Array(exported.weightData));
  });

  it('without weights: the manifest still describes what weights.bin must hold, and no weights.bin is made', () => {
    const project = generateKerasProject(multiInputGraph(), { modelName: 'm', weights: null });
    expect(project.weightsBin).toBeNull();
    expect(manifestOf(project)[0]?.weights.map((w) => w.name)).toEqual([
      'left_dense/kernel',
      'left_dense/bias',
      'right_dense/kernel',
      'right_dense/bias',
      'kind/kernel',
      'kind/bias',
      'score/kernel',
      'score/bias',
    ]);
    expect(project.files['README.md']).toContain('`weights.bin` is not included');
  });

  it('refuses weights that do not fit the layers, naming the layer', () => {
    const graph = multiInputGraph();
    const weights = markedWeights(graph);
    weights.score = weights.score?.slice(0, 1) ?? [];
    expect(() => generateKerasProject(graph, { modelName: 'm', weights })).toThrow(
      /Weight 'bias' of Dense "score" has no values/,
    );
    const wrong = markedWeights(graph);
    wrong.kind = (wrong.kind ?? []).map((w) => ({ ...w, values: w.values.slice(1) }));
    expect(() => generateKerasProject(graph, { modelName: 'm', weights: wrong })).toThrow(
      /Weight 'kernel' of Dense "kind" has 14 values but its shape \[5, 3\] needs 15/,
    );
  });
});

describe('load_weights.py run by Python', () => {
  let run: CommandRunner;
  let python: string;
  let root: string;
  beforeAll(async () => {
    ({ run, python } = await findTestPython((m) => console.log(m)));
    root = mkdtempSync(join(tmpdir(), 'layerloom-keras-weights-'));
    mkdirSync(join(root, 'stub', 'keras'), { recursive: true });
    writeFileSync(join(root, 'stub', 'keras', '__init__.py'), KERAS_STUB_INIT);
  }, 900_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function writeProject(name: string, graph: Graph) {
    const weights = markedWeights(graph);
    const project = generateKerasProject(graph, { modelName: name, weights });
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(project.files)) writeFileSync(join(dir, file), text);
    writeFileSync(join(dir, 'weights.bin'), new Uint8Array(project.weightsBin as ArrayBuffer));
    // What the stand-in Keras layers expect: the registry's shapes, under the Keras names.
    const shapes = Object.fromEntries(
      Object.entries(weights).map(([layer, list]) => [kerasName(layer), list.map((w) => w.shape)]),
    );
    return { dir, weights, shapes };
  }

  function runPython(dir: string, lines: string[]): unknown {
    const script = join(dir, '_check.py');
    writeFileSync(
      script,
      [
        'import sys, json',
        `sys.path[:0] = [${JSON.stringify(join(root, 'stub'))}, ${JSON.stringify(dir)}]`,
        ...lines,
      ].join('\n'),
    );
    const r = run(python, [script], { cwd: dir });
    if (r.status !== 0) throw new Error(`Python failed (${r.status}):\n${r.stderr}`);
    return JSON.parse(r.stdout);
  }

  it('reads the project manifest and the app model.json alike, and sets every layer by its Keras name in registry order', () => {
    const seq = writeProject('seq', sequenceGraph());
    const awkward = writeProject('awkward', awkwardNamesGraph());
    writeFileSync(
      join(seq.dir, 'model.json'),
      JSON.stringify(exportLayersModel(sequenceGraph(), seq.weights).modelJson),
    );
    const check = (dir: string, shapes: unknown) => [
      `keras.WEIGHT_SHAPES.update(json.loads(${JSON.stringify(JSON.stringify(shapes))}))`,
      'keras.CALLS.clear()',
      'for m in ("model", "load_weights"): sys.modules.pop(m, None)',
      `sys.path.insert(0, ${JSON.stringify(dir)})`,
      'import model, load_weights',
      'm = load_weights.load_weights(model.build_model(), "weights_manifest.json", "weights.bin")',
      'read = load_weights.read_weights("weights_manifest.json")',
      'out = {"assigned": {l.name: l.assigned for l in m.layers if l.assigned is not None},',
      '       "first": {k: [float(a.flat[0]) for a in v] for k, v in read.items()},',
      '       "last": {k: [float(a.flat[-1]) for a in v] for k, v in read.items()}}',
      'if __import__("os").path.exists("model.json"):',
      '    out["from_model_json"] = {k: [float(a.flat[0]) for a in v] for k, v in load_weights.read_weights("model.json", "weights.bin").items()}',
      `sys.path.remove(${JSON.stringify(dir)})`,
    ];
    const result = runPython(root, [
      'import os, keras',
      'results = {}',
      `os.chdir(${JSON.stringify(seq.dir)})`,
      ...check(seq.dir, seq.shapes),
      'results["seq"] = out',
      `os.chdir(${JSON.stringify(awkward.dir)})`,
      ...check(awkward.dir, awkward.shapes),
      'results["awkward"] = out',
      'print(json.dumps(results))',
    ]) as Record<
      string,
      {
        assigned: Record<string, number[][]>;
        first: Record<string, number[]>;
        last: Record<string, number[]>;
        from_model_json?: Record<string, number[]>;
      }
    >;

    for (const [id, { weights, shapes }] of [
      ['seq', seq],
      ['awkward', awkward],
    ] as const) {
      const got = result[id];
      expect(got?.assigned).toEqual(shapes);
      const first = Object.fromEntries(
        Object.entries(weights).map(([layer, list]) => [layer, list.map((w) => w.values[0])]),
      );
      const last = Object.fromEntries(
        Object.entries(weights).map(([layer, list]) => [layer, list.map((w) => w.values[w.values.length - 1])]),
      );
      expect(got?.first).toEqual(first);
      expect(got?.last).toEqual(last);
    }
    expect(result.seq?.from_model_json).toEqual(result.seq?.first);
    expect(Object.keys(result.awkward?.assigned ?? {})).toContain('block_dense');
  });

  it('says which layer and which file is wrong when the weights do not fit', () => {
    const p = writeProject('broken', multiInputGraph());
    const shapes = { ...p.shapes, kind: [[5, 4], [4]] };
    writeFileSync(join(p.dir, 'short.bin'), new Uint8Array(64));
    const result = runPython(p.dir, [
      `import keras, model, load_weights`,
      `keras.WEIGHT_SHAPES.update(json.loads(${JSON.stringify(JSON.stringify(shapes))}))`,
      'errors = []',
      'for args in (("weights_manifest.json", "weights.bin"), ("weights_manifest.json", "short.bin"), ("weights_manifest.json", "missing.bin")):',
      '    try:',
      '        keras.CALLS.clear()',
      '        load_weights.load_weights(model.build_model(), *args)',
      '        errors.append(None)',
      '    except Exception as e:',
      '        errors.append(f"{type(e).__name__}: {e}")',
      'print(json.dumps(errors))',
    ]) as string[];
    expect(result[0]).toMatch(
      /ValueError: Layer 'kind' needs weights of shapes \[\(5, 4\), \(4,\)\] but the file has \[\(5, 3\), \(3,\)\]/,
    );
    expect(result[1]).toMatch(
      /ValueError: The weights file has 64 bytes but weight 'left_dense\/kernel' needs bytes up to 120; short.bin is truncated/,
    );
    expect(result[2]).toMatch(/FileNotFoundError: No weights file at missing.bin; export the trained weights/);
  });
});

describe('problems reported instead of wrong code', () => {
  it('refuses a graph that cannot be built, with the layer names as the user wrote them', () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [4] } },
      { type: 'Flatten', name: 'my flatten' },
    ]);
    expect(() => generateKerasProject(graph, { modelName: 'm', weights: null })).toThrow(KerasProjectError);
    expect(() => generateKerasProject(graph, { modelName: 'm', weights: null })).toThrow(
      /cannot be exported as a Keras project until these problems are fixed: Flatten "my flatten" receives \[batch, 4\], which is already flat/,
    );
  });

  it('refuses two layers that Keras would give the same name', () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [4] } },
      { type: 'Dense', name: 'a/b', params: { units: 2 } },
      { type: 'Dense', name: 'a_b', params: { units: 2 } },
    ]);
    expect(() => generateKerasProject(graph, { modelName: 'm', weights: null })).toThrow(
      /Dense "a\/b" and Dense "a_b" would both be named "a_b" in Keras; rename one/,
    );
  });

  it('a layer Keras 3 lacks gets a warning and a line that raises, not silently wrong code', () => {
    const dense = getSpec('Dense');
    if (!dense) throw new Error('no Dense');
    const tfjsOnly = { ...dense, keras: { className: 'TfjsOnlyLayer' } };
    const ctx = { warnings: [] as string[], usesTfjsHardSigmoid: false, usesUnsupportedLayer: false };
    const code = layerCode(tfjsOnly, { units: 3 }, 'odd', 'TfjsOnly "odd"', ctx);
    expect(code.expression).toBe("unsupported_layer('TfjsOnlyLayer', 'odd')");
    expect(code.comments.join(' ')).toMatch(/Keras 3 has no TfjsOnlyLayer layer/);
    expect(ctx.warnings).toEqual([
      expect.stringMatching(/^TfjsOnly "odd": Keras 3 has no TfjsOnlyLayer layer, so model.py cannot rebuild it/),
    ]);
    expect(ctx.usesUnsupportedLayer).toBe(true);
  });

  it('lists the warnings in README.md and writes metadata.json, with Pillow for image data', () => {
    const metadata = { transform: { kind: 'image', width: 28, height: 28, channels: 1 }, classNames: ['a', 'b'] };
    const project = generateKerasProject(awkwardNamesGraph(), { modelName: 'my/model', weights: null, metadata });
    expect(project.warnings).toEqual([expect.stringContaining('"block/dense" is named "block_dense" in model.py')]);
    expect(project.files['README.md']).toContain('Dense "block/dense" is named "block\\_dense"');
    expect(project.files['model.py']).toContain("MODEL_NAME = 'my_model'");
    expect(JSON.parse(project.files['metadata.json'] ?? '')).toEqual(metadata);
    expect(project.files['requirements.txt']).toMatch(/^keras>=3$[\s\S]*^numpy$[\s\S]*^Pillow$/m);
    const plain = generateKerasProject(multiInputGraph(), { modelName: 'm', weights: null });
    expect(plain.files['metadata.json']).toBeUndefined();
    expect(plain.files['requirements.txt']).not.toContain('Pillow');
    expect(plain.warnings).toEqual([]);
  });
});
