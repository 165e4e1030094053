import { describe, expect, it } from 'vitest';
import { buildGraph } from './build';
import { MAX_PROJECT_BYTES, newProject, projectFromText, ProjectError, readProject } from './project';
import { PROJECT_VERSION } from './project-schema';

const graph = buildGraph([{ type: 'Input', params: { shape: [4] } }, { type: 'Dense', params: { units: 2 } }]);
const valid = () => newProject('Iris MLP', structuredClone(graph), new Date('2026-01-01T00:00:00Z'), 'p-fixed');

/** A project file exactly as version 1 of the app wrote it (graph only). */
const V1_FIXTURE = `{
  "format": "layerloom-project",
  "version": 1,
  "name": "Old iris model",
  "createdAt": "2025-11-02T10:00:00.000Z",
  "updatedAt": "2025-11-03T12:30:00.000Z",
  "graph": {
    "nodes": [
      { "id": "n1", "type": "Input", "name": "input", "params": { "shape": [4] }, "position": { "x": 0, "y": 0 } },
      { "id": "n2", "type": "Dense", "name": "dense", "params": { "units": 3, "activation": "softmax" },
        "position": { "x": 0, "y": 120 }, "trainable": false }
    ],
    "edges": [{ "id": "e1", "source": "n1", "target": "n2" }]
  }
}`;

const withField = (mutate: (p: Record<string, unknown>) => void) => {
  const p = JSON.parse(JSON.stringify(valid())) as Record<string, unknown>;
  mutate(p);
  return JSON.stringify(p);
};

describe('project files', () => {
  it('round-trips through JSON', () => {
    const text = JSON.stringify(valid());
    expect(projectFromText(text)).toEqual(valid());
    expect(valid().version).toBe(2);
  });

  it('migrates a version-1 file, keeping the graph and filling the new parts with defaults', () => {
    const p = projectFromText(V1_FIXTURE);
    expect(p.version).toBe(PROJECT_VERSION);
    expect(p.id).toMatch(/^p-[0-9a-f-]{36}$/);
    expect(p.name).toBe('Old iris model');
    expect(p.createdAt).toBe('2025-11-02T10:00:00.000Z');
    expect(p.graph.nodes.map((n) => n.name)).toEqual(['input', 'dense']);
    // A node-level freeze is folded into params.trainable, which the compiler and analysis read.
    expect(p.graph.nodes[1]!.params.trainable).toBe(false);
    expect(p.graph.nodes[1]!.trainable).toBeUndefined();
    expect(p.graph.edges).toEqual([{ id: 'e1', source: 'n1', target: 'n2' }]);
    expect(p.train).toMatchObject({ optimizer: 'adam', learningRate: 0.01, batchSize: 32, epochs: 100, earlyStopping: true, seed: 42, backend: 'auto' });
    expect(p.data).toEqual({ csv: { columns: {} }, images: null });
    expect([p.pipeline, p.dataset, p.weights, p.scenario, p.runs]).toEqual([null, null, null, null, []]);
    // Two migrations of the same file are two projects.
    expect(projectFromText(V1_FIXTURE).id).not.toBe(p.id);
  });

  it('names the bad field', () => {
    const p = valid() as unknown as { graph: { nodes: { params: Record<string, unknown> }[] } };
    p.graph.nodes[1]!.params.units = { evil: true };
    expect(() => projectFromText(JSON.stringify(p))).toThrow(/invalid at "graph\.nodes\[1\]\.params\.units"/);
    const badRate = withField((q) => ((q.train as Record<string, unknown>).learningRate = -1));
    expect(() => projectFromText(badRate)).toThrow(/invalid at "train\.learningRate"/);
    const badRun = withField((q) => (q.runs = [{ id: 'r', name: 'Run 1', config: {}, backendLabel: 'cpu', status: 'exploded', epochs: [], test: null, seconds: 1, metric: 'accuracy' }]));
    expect(() => projectFromText(badRun)).toThrow(/invalid at "runs\[0\]\.status"/);
    const badDataset = withField((q) => (q.dataset = { kind: 'file', name: 'a.csv', size: -5, type: 'csv', fileInBundle: false }));
    expect(() => projectFromText(badDataset)).toThrow(/invalid at "dataset\.size"/);
  });

  it('keeps runs whose metrics were not finite (saved as null)', () => {
    const epoch = { epoch: 1, loss: null, metric: 0.5, valLoss: null, valMetric: null, lr: 0.001, seconds: 1, samplesPerSec: 100 };
    const text = withField((q) => (q.runs = [{ id: 'r', name: 'Run 1', config: { epochs: 3 }, backendLabel: 'cpu', status: 'failed', epochs: [epoch], test: null, seconds: 1, metric: 'accuracy' }]));
    expect(projectFromText(text).runs[0]!.epochs[0]!.loss).toBeNull();
  });

  it('says when a file comes from a newer version', () => {
    const text = JSON.stringify({ ...valid(), version: 99 });
    expect(() => projectFromText(text)).toThrow(/newer Layerloom \(file version 99; this app reads up to 2\)/);
  });

  it('rejects prototype-pollution payloads, naming where they were', () => {
    const text = JSON.stringify(valid()).replace('"params":{', '"params":{"__proto__":{"polluted":true},');
    expect(() => projectFromText(text)).toThrow(ProjectError);
    expect(() => projectFromText(text)).toThrow(/forbidden key "__proto__" at "graph\.nodes\[0\]\.params"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const ctor = withField((q) => ((q.data as { csv: { columns: object } }).csv.columns = JSON.parse('{"constructor":{"role":"ignore"}}')));
    expect(() => projectFromText(ctor)).toThrow(/forbidden key "constructor" at "data\.csv\.columns"/);
    // An object that skipped JSON text (e.g. read back from IndexedDB) is checked too.
    const raw = JSON.parse(JSON.stringify(valid()).replace('"pipeline":null', '"pipeline":{"__proto__":{"x":1}}'));
    expect(() => readProject(raw)).toThrow(/forbidden key "__proto__" at "pipeline"/);
  });

  it('refuses absurdly deep nesting with its place', () => {
    let deep: unknown = {};
    for (let i = 0; i < 80; i++) deep = { a: deep };
    const text = withField((q) => (q.pipeline = deep));
    expect(() => projectFromText(text)).toThrow(/nested more than 64 levels deep at "pipeline\.a\.a/);
  });

  it('refuses stored values a project file cannot hold in the free-form parts, naming the field', () => {
    const run = (config: Record<string, unknown>) => ({ id: 'r', name: 'Run', config, backendLabel: 'cpu', status: 'completed', epochs: [], test: null, seconds: 1, metric: 'accuracy' });
    const stored = (part: Record<string, unknown>) => ({ ...(JSON.parse(JSON.stringify(valid())) as object), ...part });
    const only = 'a project file holds only plain JSON (objects, lists, strings, finite numbers, true, false and null)';
    expect(() => readProject(stored({ pipeline: { stages: [{ id: 1n }] } }))).toThrow(`The project file is invalid at "pipeline.stages[0].id": is a BigInt; ${only}`);
    expect(() => readProject(stored({ runs: [run({ started: new Date(0) })] }))).toThrow(/invalid at "runs\[0\]\.config\.started": is a Date;/);
    expect(() => readProject(stored({ runs: [run({ lr: Infinity })] }))).toThrow(/invalid at "runs\[0\]\.config\.lr": is a number that is not finite;/);
    // eslint-disable-next-line no-sparse-arrays -- a hole survives IndexedDB but turns into null in JSON
    expect(() => readProject(stored({ pipeline: { edges: [1, , 2] } }))).toThrow(/invalid at "pipeline\.edges\[1\]": is an empty list slot;/);
    // What JSON itself would drop (a key holding nothing) is fine, and the project saves again.
    const fine = readProject(stored({ pipeline: { stages: [], note: undefined } }));
    expect(JSON.parse(JSON.stringify(fine)).pipeline).toEqual({ stages: [] });
  });

  it('refuses files over the size limit before parsing', () => {
    expect(() => projectFromText('{}', MAX_PROJECT_BYTES + 1)).toThrow(/limit is 64 MB/);
  });

  it('explains non-projects and broken JSON', () => {
    expect(() => projectFromText('{"format":"other"}')).toThrow(/not a Layerloom project/);
    expect(() => projectFromText('{"format":')).toThrow(/not valid JSON/);
  });
});
