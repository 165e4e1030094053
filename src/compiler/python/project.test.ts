import { flatGraphOf } from '../../model/blocks';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../model/graph';
import { getSpec, layerTypes } from '../../model/registry';
import { templateGraph, templates } from '../../model/templates';
import { generateKerasProject, type KerasProject } from './index';
import { KERAS3_LAYERS } from './keras3-layers';
import { KERAS_STUB_INIT } from './keras-stub';
import { findTestPython, type CommandRunner } from './python-env';
import { awkwardNamesGraph, imageGraph, multiInputGraph, sequenceGraph } from './test-graphs';

/**
 * The generated project, run by a real Python: every file compiles, and build_model() run
 * against a recording stand-in for keras wires each layer as the graph does, with the Keras 3
 * arguments that matter. (Keras itself is not installed on the test machines.)
 */

const cases: [string, Graph][] = [
  // Flattened as the export sees it: a template may hold blocks, which Keras gets as ordinary layers.
  ...templates.map((t): [string, Graph] => [t.id, flatGraphOf(templateGraph(t.id))]),
  ['multi-input', multiInputGraph()],
  ['sequence', sequenceGraph()],
  ['image', imageGraph()],
  ['awkward-names', awkwardNamesGraph()],
];

interface BuiltLayer {
  class: string;
  name: string;
  inbound: string[];
  kwargs: Record<string, unknown>;
}
interface BuiltModel {
  name: string;
  inputs: string[];
  outputs: string[];
  single_input: boolean;
  layers: BuiltLayer[];
}

const kerasName = (name: string) => name.replace(/\//g, '_');

let run: CommandRunner;
let python: string;
let root: string;
const projects = new Map<string, { dir: string; project: KerasProject }>();

function writeProject(dir: string, project: KerasProject) {
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(project.files)) writeFileSync(join(dir, file), text);
  if (project.weightsBin) writeFileSync(join(dir, 'weights.bin'), new Uint8Array(project.weightsBin));
}

/** Runs a Python script with the keras stand-in and the project importable; returns its JSON output. */
function runWithStub<T>(projectDir: string, body: string): T {
  const script = join(projectDir, '_check.py');
  writeFileSync(
    script,
    [
      `import sys, json`,
      `sys.path[:0] = [${JSON.stringify(join(root, 'stub'))}, ${JSON.stringify(projectDir)}]`,
      'import keras',
      body,
    ].join('\n'),
  );
  const r = run(python, [script], { cwd: projectDir });
  if (r.status !== 0) throw new Error(`Python failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

const built = new Map<string, BuiltModel>();

function build(id: string): BuiltModel {
  const found = built.get(id);
  if (!found) throw new Error(`no project ${id}`);
  return found;
}

/** Runs every project's build_model() in one Python process (each start costs ~0.3 s). */
function buildAll() {
  const dirs = Object.fromEntries([...projects].map(([id, { dir }]) => [id, dir]));
  const body = [
    `dirs = json.loads(${JSON.stringify(JSON.stringify(dirs))})`,
    'out = {}',
    'for case, folder in dirs.items():',
    '    keras.CALLS.clear()',
    '    sys.modules.pop("model", None)',
    '    sys.path.insert(0, folder)',
    '    import model',
    '    out[case] = keras.describe(model.build_model())',
    '    sys.path.remove(folder)',
    'print(json.dumps(out))',
  ].join('\n');
  const all = runWithStub<Record<string, BuiltModel>>(root, body);
  for (const [id, model] of Object.entries(all)) built.set(id, model);
}

beforeAll(async () => {
  ({ run, python } = await findTestPython((m) => console.log(m)));
  root = mkdtempSync(join(tmpdir(), 'layerloom-keras-project-'));
  mkdirSync(join(root, 'stub', 'keras'), { recursive: true });
  writeFileSync(join(root, 'stub', 'keras', '__init__.py'), KERAS_STUB_INIT);
  cases.forEach(([id, graph], i) => {
    const project = generateKerasProject(graph, { modelName: id, weights: null });
    const dir = join(root, `p${i}`);
    writeProject(dir, project);
    projects.set(id, { dir, project });
  });
  buildAll();
}, 900_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('generated Keras project', () => {
  it('every Python file of every project compiles', () => {
    const files = [...projects.values()].flatMap(({ dir }) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.py'))
        .map((f) => join(dir, f)),
    );
    expect(files.length).toBe(cases.length * 4);
    const r = run(python, ['-m', 'py_compile', ...files]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each(cases)('build_model() wires %s exactly as the graph', (id, graph) => {
    const built = build(id);
    const byName = new Map(graph.nodes.map((n) => [n.id, kerasName(n.name)]));
    const expected = graph.nodes.map((n) => ({
      class: n.type === 'Input' ? 'InputLayer' : getSpec(n.type)?.keras.className,
      name: kerasName(n.name),
      inbound: graph.edges.filter((e) => e.target === n.id).map((e) => byName.get(e.source)),
    }));
    const actual = built.layers.map((l) => ({ class: l.class, name: l.name, inbound: l.inbound }));
    expect(actual).toHaveLength(expected.length);
    expect(actual).toEqual(expect.arrayContaining(expected));
    const inputs = graph.nodes.filter((n) => n.type === 'Input').map((n) => kerasName(n.name));
    const outputs = graph.nodes
      .filter((n) => n.type !== 'Input' && !graph.edges.some((e) => e.source === n.id))
      .map((n) => kerasName(n.name));
    expect(built.inputs).toEqual(inputs);
    expect(built.outputs).toEqual(outputs);
    expect(built.single_input).toBe(inputs.length === 1);
    expect(built.name).toBe(id);
  });

  it('knows a Keras 3 class for every registered layer type', () => {
    const missing = layerTypes().filter((t) => t !== 'Input' && !KERAS3_LAYERS[getSpec(t)?.keras.className ?? '']);
    expect(missing).toEqual([]);
  });
});

describe('Keras 3 arguments that differ from tfjs defaults or names', () => {
  const layer = (built: BuiltModel, name: string) => {
    const found = built.layers.find((l) => l.name === name);
    if (!found) throw new Error(`no layer ${name} in ${built.layers.map((l) => l.name).join(', ')}`);
    return found.kwargs;
  };

  it('recurrent layers: reset_after, unit_forget_bias, initializers, hard sigmoid, Bidirectional going backwards', () => {
    const built = build('sequence');
    const gru = layer(built, 'gru');
    expect(gru).toMatchObject({ reset_after: false, recurrent_activation: 'function:tfjs_hard_sigmoid', units: 6 });
    expect(gru.recurrent_initializer).toEqual({ class: 'Orthogonal', args: [], kwargs: { gain: 1 } });
    const bi = layer(built, 'bidirectional') as {
      layer: { kwargs: Record<string, unknown> };
      backward_layer: { kwargs: Record<string, unknown> };
    };
    expect(bi.layer.kwargs).toMatchObject({ go_backwards: true, unit_forget_bias: true, return_sequences: true });
    expect(bi.backward_layer.kwargs).toMatchObject({ go_backwards: false, name: 'backward_lstm' });
    expect(layer(built, 'simple_rnn')).toMatchObject({ trainable: false });
    expect(layer(built, 'ids')).toMatchObject({ dtype: 'int32', shape: [10] });
  });

  it('README: a model with tfjs_hard_sigmoid says to import model.py before loading its .keras file', () => {
    const readme = (id: string) => projects.get(id)!.project.files['README.md']!;
    expect(readme('sequence')).toContain('#   import keras, model');
    expect(readme('multi-input')).not.toContain('import keras, model');
    expect(readme('multi-input')).toContain('keras.saving.load_model("model.keras")');
    // The README's own snippet reads the weights next to load_weights.py, wherever it runs.
    expect(readme('multi-input')).toContain('model = load_weights(build_model())');
  });

  it('renamed and removed arguments: LeakyReLU, Embedding, spatial dropout', () => {
    const built = build('sequence');
    expect(layer(built, 'leaky_re_lu')).toEqual({ negative_slope: 0.2, name: 'leaky_re_lu' });
    expect(layer(built, 'embedding')).not.toHaveProperty('input_length');
    // Keras 3's SpatialDropout1D takes no base-layer kwargs: a frozen one must not pass trainable.
    expect(layer(built, 'spatial_dropout1d')).toEqual({ rate: 0.1, seed: null, name: 'spatial_dropout1d' });
    const td = layer(built, 'time_distributed') as { layer: { kwargs: { kernel_regularizer: unknown } } };
    expect(td.layer.kwargs.kernel_regularizer).toEqual({ class: 'L1L2', args: [], kwargs: { l1: 0, l2: 0.01 } });
  });

  it('image layers: tuples, nested padding, shared axes, initializers, activations', () => {
    const built = build('image');
    expect(layer(built, 'zero_padding2d')).toMatchObject({
      padding: [
        [1, 2],
        [0, 1],
      ],
    });
    expect(layer(built, 'p_re_lu')).toMatchObject({ shared_axes: [1, 2] });
    expect(layer(built, 'batch_normalization')).toMatchObject({ momentum: 0.9, scale: false, epsilon: 0.001 });
    expect(layer(built, 'dense')).toMatchObject({ activation: 'mish', kernel_initializer: { class: 'LecunNormal' } });
    expect(layer(built, 'activation')).toMatchObject({ activation: 'function:tfjs_hard_sigmoid' });
    expect(layer(built, 'average_pooling2d')).toMatchObject({ pool_size: [2, 2], strides: [1, 1] });
    expect(layer(built, 'max_pooling2d')).toMatchObject({ strides: null });
    expect(layer(built, 'conv2_d_transpose')).not.toHaveProperty('output_padding');
  });
});
