import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { newProject } from '../../model/project';
import type { Project } from '../../model/project-schema';
import type { LayerWeights } from '../../model/weights';
import { defaultPipeline } from '../../pipeline/model';
import { readPipeline } from '../../pipeline/schema';
import { MAX_BUNDLE_BYTES, readBundle, writeBundle } from './bundle';

const weights: LayerWeights = {
  dense: [
    { name: 'kernel', shape: [4, 3], values: Float32Array.from({ length: 12 }, (_, i) => i / 7) },
    { name: 'bias', shape: [3], values: Float32Array.from([0.1, -0.2, 0.3]) },
  ],
  out: [{ name: 'kernel', shape: [3, 1], values: Float32Array.from([1.5, -2.5, 3.25]) }],
};

function fullProject(): Project {
  const graph = buildGraph([{ type: 'Input', params: { shape: [4] } }, { type: 'Dense', name: 'dense', params: { units: 3 } }, { type: 'Dense', name: 'out', params: { units: 1 } }]);
  return {
    ...newProject('Bundle test', graph, new Date('2026-03-01T00:00:00Z'), 'p-bundle'),
    pipeline: JSON.parse(JSON.stringify(defaultPipeline())) as Record<string, unknown>,
    dataset: { kind: 'file', name: 'tiny.csv', size: 12, type: 'csv', fileInBundle: false },
    runs: [
      {
        id: 'r1',
        name: 'Run 1',
        config: { epochs: 1 },
        backendLabel: 'CPU',
        status: 'completed',
        epochs: [{ epoch: 1, loss: 0.5, metric: 0.75, valLoss: null, valMetric: null, lr: 0.01, seconds: 0.2, samplesPerSec: 50 }],
        test: { loss: 0.4, n: 3, metrics: { kind: 'regression', mae: 0.1, mse: 0.02, r2: 0.9 } },
        seconds: 0.2,
        metric: 'mae',
        weights: { layers: 2, tensors: 3, values: 18 },
      },
    ],
    weights: null,
  };
}

/** The project with no weights stored for its runs. */
const bareRuns = (): Project => ({ ...fullProject(), runs: fullProject().runs.map((r) => ({ ...r, weights: null })) });

const zip = (files: Record<string, string | Uint8Array>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));

describe('.layerloom bundles', () => {
  it('round-trips graph, pipeline, runs, weights and the dataset file', () => {
    const project = fullProject();
    const csv = strToU8('a,b\n1,2\n3,4\n');
    const bytes = writeBundle({ project, weights: { r1: weights }, dataset: { name: 'tiny.csv', bytes: csv } });
    const read = readBundle(bytes, { validatePipeline: readPipeline });
    expect(read.project.graph).toEqual(project.graph);
    expect(read.project.runs).toEqual(project.runs);
    expect(read.project.pipeline).toEqual(project.pipeline);
    expect(read.pipeline).toEqual(defaultPipeline());
    expect(read.project.dataset).toEqual({ ...project.dataset, fileInBundle: true });
    expect(read.dataset?.bytes).toEqual(csv);
    expect(Object.keys(read.weights)).toEqual(['r1']);
    expect(Object.keys(read.weights.r1!)).toEqual(['dense', 'out']);
    for (const layer of ['dense', 'out']) {
      read.weights.r1![layer]!.forEach((w, i) => {
        const want = weights[layer]![i]!;
        expect([w.name, w.shape]).toEqual([want.name, want.shape]);
        expect(Array.from(w.values)).toEqual(Array.from(want.values));
      });
    }
  });

  it('keeps every run’s weights apart, and the weights the model came with beside them', () => {
    const project = { ...fullProject(), runs: [fullProject().runs[0]!, { ...fullProject().runs[0]!, id: 'r2', name: 'Run 2' }] };
    const second: LayerWeights = { ...weights, out: [{ name: 'kernel', shape: [3, 1], values: Float32Array.from([9, 8, 7]) }] };
    const opened: LayerWeights = { out: [{ name: 'kernel', shape: [3, 1], values: Float32Array.from([4, 5, 6]) }] };
    const withOpened = { ...project, weights: { runId: null, layers: 1, tensors: 1, values: 3 } };
    const read = readBundle(writeBundle({ project: withOpened, weights: { r1: weights, r2: second, opened }, dataset: null }));
    expect(Object.keys(read.weights).sort()).toEqual(['opened', 'r1', 'r2']);
    expect(Array.from(read.weights.r1!.out![0]!.values)).toEqual([1.5, -2.5, 3.25]);
    expect(Array.from(read.weights.r2!.out![0]!.values)).toEqual([9, 8, 7]);
    expect(Array.from(read.weights.opened!.out![0]!.values)).toEqual([4, 5, 6]);
  });

  it('reads a file from before runs kept their own weights: weights.json belongs to the run it names', () => {
    const project = { ...fullProject(), runs: fullProject().runs.map((r) => ({ ...r, weights: undefined })), weights: { runId: 'r1', layers: 2, tensors: 3, values: 18 } };
    const manifest = { format: 'layerloom-weights', version: 1, dtype: 'float32', weights: [{ layer: 'dense', name: 'kernel', shape: [4, 3] }, { layer: 'dense', name: 'bias', shape: [3] }, { layer: 'out', name: 'kernel', shape: [3, 1] }] };
    const bin = new Float32Array([...weights.dense![0]!.values, ...weights.dense![1]!.values, ...weights.out![0]!.values]);
    const read = readBundle(zip({ 'project.json': JSON.stringify(project), 'weights.json': JSON.stringify(manifest), 'weights.bin': new Uint8Array(bin.buffer) }));
    expect(Object.keys(read.weights)).toEqual(['r1']);
    expect(Array.from(read.weights.r1!.out![0]!.values)).toEqual([1.5, -2.5, 3.25]);
  });

  it('leaves the dataset out unless asked, and says so in project.json', () => {
    const read = readBundle(writeBundle({ project: fullProject(), weights: {}, dataset: null }));
    expect(read.project.dataset).toMatchObject({ fileInBundle: false });
    expect(read.project.weights).toBeNull();
    expect(read.project.runs[0]!.weights).toBeNull();
    expect(read.weights).toEqual({});
  });

  it('rejects a prototype-pollution payload, naming where it was', () => {
    const text = JSON.stringify(fullProject()).replace('"params":{', '"params":{"__proto__":{"isAdmin":true},');
    expect(() => readBundle(zip({ 'project.json': text }))).toThrow(/forbidden key "__proto__" at "graph\.nodes\[0\]\.params"/);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const manifest = '{"format":"layerloom-weights","version":1,"dtype":"float32","weights":[{"layer":"__proto__","name":"k","shape":[1]}]}';
    const bad = zip({ 'project.json': JSON.stringify({ ...bareRuns(), weights: { runId: null, layers: 1, tensors: 1, values: 1 } }), 'weights.json': manifest, 'weights.bin': new Uint8Array(4) });
    expect(() => readBundle(bad)).toThrow(/weights\.json is invalid at "weights\[0\]\.layer": is a forbidden name/);
  });

  it('refuses a file over the size limit, with the size and the limit', () => {
    expect(() => readBundle(new Uint8Array(2048), { maxBytes: 1024 })).toThrow('The file is 2 KB; the limit is 1 KB');
    expect(MAX_BUNDLE_BYTES).toBe(512 * 1024 * 1024);
  });

  it('refuses entries that declare more than the unpack limit (zip bomb) before inflating', () => {
    const bomb = zip({ 'project.json': JSON.stringify(fullProject()), 'dataset/huge.csv': new Uint8Array(3 * 1024 * 1024) });
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    expect(() => readBundle(bomb, { maxUnpackedBytes: 1024 * 1024 })).toThrow(/dataset\/huge\.csv would unpack to 3 MB; the limit is 1 MB/);
  });

  it('says when a file comes from a newer Layerloom', () => {
    const text = JSON.stringify({ ...fullProject(), version: 7 });
    expect(() => readBundle(zip({ 'project.json': text }))).toThrow(/saved by a newer Layerloom \(file version 7; this app reads up to 2\)/);
  });

  it('explains a truncated archive', () => {
    const bytes = writeBundle({ project: fullProject(), weights: { r1: weights }, dataset: null });
    expect(() => readBundle(bytes.subarray(0, Math.floor(bytes.length * 0.6)))).toThrow(/damaged or truncated: it is not a complete ZIP archive/);
  });

  it('names the part that disagrees or is missing', () => {
    const project = fullProject();
    const good = writeBundle({ project, weights: { r1: weights }, dataset: null });
    expect(() => readBundle(zip({ 'weights.bin': new Uint8Array(4) }))).toThrow(/project\.json is missing/);
    expect(() => readBundle(zip({ 'project.json': JSON.stringify(project) }))).toThrow(/lists the weights of Run 1 but runs\/0\.json is missing/);
    const legacy = { ...project, runs: project.runs.map((r) => ({ ...r, weights: null })), weights: { runId: 'r1', layers: 1, tensors: 1, values: 12 } };
    const short = zip({ 'project.json': JSON.stringify(legacy), 'weights.json': JSON.stringify({ format: 'layerloom-weights', version: 1, dtype: 'float32', weights: [{ layer: 'dense', name: 'kernel', shape: [4, 3] }] }), 'weights.bin': new Uint8Array(40) });
    expect(() => readBundle(short)).toThrow(/weights\.bin holds 40 bytes but weights\.json describes 48/);
    const claimsData = JSON.stringify({ ...bareRuns(), weights: null, dataset: { ...project.dataset, fileInBundle: true } });
    expect(() => readBundle(zip({ 'project.json': claimsData }))).toThrow(/dataset file “tiny\.csv” is inside, but the file has no dataset\/ entry/);
    const badPipeline = JSON.stringify({ ...bareRuns(), weights: null, pipeline: { stages: 'many', edges: [] } });
    expect(() => readBundle(zip({ 'project.json': badPipeline }), { validatePipeline: readPipeline })).toThrow(/pipeline is invalid.*"stages"/);
    expect(() => readBundle(strToU8('GIF89a....'))).toThrow(/neither a \.layerloom archive nor a project \.json/);
    expect(readBundle(good).project.name).toBe('Bundle test');
  });

  it('reads a bare project .json of version 1', () => {
    const v1 = { format: 'layerloom-project', version: 1, name: 'Old', createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z', graph: { nodes: [], edges: [] } };
    const read = readBundle(strToU8(`\uFEFF  ${JSON.stringify(v1)}`));
    expect([read.project.version, read.project.name, read.weights, read.dataset]).toEqual([2, 'Old', {}, null]);
  });
});
