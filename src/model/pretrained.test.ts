import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeGraph } from './analyze';
import { fashionBackbone } from './backbones';
import { buildGraph } from './build';
import { incomingEdges, type Graph, type Shape } from './graph';
import { ImportError } from './import-errors';
import { exportLayersModel } from './keras-export';
import { fetchPublicFile, loadPretrainedTemplate, type ReadModelFile } from './pretrained';
import { getSpec, layerWeights } from './registry';
import { templateGraph } from './templates';
import type { LayerWeights } from './weights';

const PUBLIC = join(__dirname, '..', '..', 'public');
const readPublic: ReadModelFile = async (path) => new Uint8Array(await readFile(join(PUBLIC, path)));

/** A readFile that serves `files` for the backbone's folder and records every path asked for. */
function serving(files: Record<string, Uint8Array | string>) {
  const asked: string[] = [];
  const read: ReadModelFile = async (path) => {
    asked.push(path);
    const f = files[path];
    if (f === undefined) throw new Error('no such file');
    return typeof f === 'string' ? new TextEncoder().encode(f) : f;
  };
  return { read, asked };
}

/** Weights whose values count 0, 1, 2, … within each array, so a value says where it sits. */
function countingWeights(graph: Graph): LayerWeights {
  const a = analyzeGraph(graph);
  const out: LayerWeights = {};
  for (const node of graph.nodes) {
    const ins = incomingEdges(graph, node.id).map((e) => a.shapes.get(e.source) as Shape);
    const specs = layerWeights(getSpec(node.type)!, ins, node.params);
    if (specs.length === 0) continue;
    out[node.name] = specs.map((s) => ({
      name: s.name,
      shape: [...s.shape],
      values: Float32Array.from({ length: s.shape.reduce((x, y) => x * y, 1) }, (_, i) => i),
    }));
  }
  return out;
}

const folder = fashionBackbone.weights;

/** Files of a backbone built from `drafts`, as the build script would write them. */
function backboneFiles(drafts = fashionBackbone.drafts) {
  const graph = buildGraph(drafts);
  const { modelJson, weightData } = exportLayersModel(graph, countingWeights(graph));
  return { [`${folder}model.json`]: JSON.stringify(modelJson), [`${folder}weights.bin`]: new Uint8Array(weightData) };
}

describe('loadPretrainedTemplate', () => {
  it('reads the shipped backbone: the template graph plus weights for each pretrained layer, in spec order', async () => {
    const { graph, weights } = await loadPretrainedTemplate('transfer-fashion', readPublic);
    expect(graph).toEqual(templateGraph('transfer-fashion'));
    expect(Object.keys(weights)).toEqual(['fb_conv1', 'fb_conv2', 'fb_features']);
    expect(weights.fb_conv1!.map((w) => [w.name, w.shape])).toEqual([
      ['kernel', [3, 3, 1, 16]],
      ['bias', [16]],
    ]);
    expect(weights.fb_features![0]!.shape).toEqual([7 * 7 * 32, 128]);
    // The first kernel value is the first float of weights.bin.
    const bin = await readPublic(`${folder}weights.bin`);
    expect(weights.fb_conv1![0]!.values[0]).toBe(new Float32Array(bin.buffer, bin.byteOffset, 1)[0]);
  });

  it('reads only the files the template names, inside its folder', async () => {
    const { read, asked } = serving(backboneFiles());
    const { weights } = await loadPretrainedTemplate('transfer-fashion', read);
    expect(asked).toEqual([`${folder}model.json`, `${folder}weights.bin`]);
    expect(Array.from(weights.fb_conv2![1]!.values.slice(0, 3))).toEqual([0, 1, 2]);
  });

  it('loads a template without weights without reading anything', async () => {
    const { read, asked } = serving({});
    const loaded = await loadPretrainedTemplate('mnist-cnn', read);
    expect(loaded.weights).toEqual({});
    expect(loaded.graph).toEqual(templateGraph('mnist-cnn'));
    expect(asked).toEqual([]);
  });

  it('says which file is missing and how to rebuild it', async () => {
    const files = backboneFiles();
    delete (files as Record<string, unknown>)[`${folder}weights.bin`];
    const err = await loadPretrainedTemplate('transfer-fashion', serving(files).read).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(
      /Could not read the pretrained weights "models\/fashion-backbone\/weights\.bin" \(no such file\)/,
    );
    expect((err as Error).message).toMatch(/npx tsx scripts\/build-backbone\.ts/);
  });

  it('refuses files that no longer fit the template, naming the layer and both shapes', async () => {
    const wider = fashionBackbone.drafts.map((d) =>
      d.name === 'fb_features' ? { ...d, params: { ...d.params, units: 32 } } : d,
    );
    const err = await loadPretrainedTemplate('transfer-fashion', serving(backboneFiles(wider)).read).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(
      /Dense 'fb_features' needs 'kernel' \[1568, 128\] but the file has 'kernel' \[1568, 32\]/,
    );
    expect((err as ImportError).layer).toBe('fb_features');
  });

  it('refuses a frozen layer the file has no weights for', async () => {
    const renamed = fashionBackbone.drafts.map((d) => (d.name === 'fb_conv2' ? { ...d, name: 'other_conv' } : d));
    const err = await loadPretrainedTemplate('transfer-fashion', serving(backboneFiles(renamed)).read).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/no weights for the frozen layer\(s\) 'fb_conv2'/);
  });

  it('refuses manifest paths that leave the template folder', async () => {
    const files = backboneFiles();
    const json = JSON.parse(files[`${folder}model.json`] as string) as { weightsManifest: { paths: string[] }[] };
    json.weightsManifest[0]!.paths = ['../../datasets/index.json'];
    const { read, asked } = serving({ ...files, [`${folder}model.json`]: JSON.stringify(json) });
    await expect(loadPretrainedTemplate('transfer-fashion', read)).rejects.toThrow(
      /names "\.\.\/\.\.\/datasets\/index\.json", which is not a file inside models\/fashion-backbone\//,
    );
    expect(asked).toEqual([`${folder}model.json`]);
  });

  it('names an unknown template', async () => {
    await expect(loadPretrainedTemplate('nope', readPublic)).rejects.toThrow(
      /There is no template "nope"; choose one of: .*transfer-fashion/,
    );
  });
});

describe('fetchPublicFile', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fetches under the base URL and treats an HTML answer as a missing file', async () => {
    const fetchMock = vi.fn(async (url: string) =>
      url.endsWith('.json')
        ? new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } })
        : new Response(new Uint8Array([1, 2])),
    );
    vi.stubGlobal('fetch', fetchMock);
    const read = fetchPublicFile('http://app.test/base/');
    expect(Array.from(await read('models/x/weights.bin'))).toEqual([1, 2]);
    expect(fetchMock).toHaveBeenCalledWith('http://app.test/base/models/x/weights.bin');
    await expect(read('models/x/model.json')).rejects.toThrow(
      /model\.json is missing \(the server answered with an HTML page\)/,
    );
  });
});
