/**
 * Issue 14: an export whose weights pass the shard size. The ZIP holds the group1-shardNofM.bin
 * files model.json names (in tfjs/ and web/); stock tfjs in a separate process, our importer, the
 * README's Node snippet and the Keras project's numpy loader all read them back equal. The
 * read-back check refuses a ZIP with a truncated, damaged, missing or unnamed shard.
 */
import * as tf from '@tensorflow/tfjs';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import type { Graph } from '../../model/graph';
import { importLayersModel } from '../../model/keras-import';
import type { LayerWeights } from '../../model/weights';
import { compileSeeded } from '../../training';
import { generateKerasProject } from '../python';
import { findTestPython } from '../python/python-env';
import { extractWeights } from '../weights';
import { STANDALONE_SOURCES } from './standalone/sources';
import { buildTfjsFiles, type TfjsFiles } from './tfjs-bundle';
import {
  buildCheckedExportZip,
  checkExportZip,
  ExportCheckError,
  weightDigests,
  type WeightFileDigest,
} from './verify-zip';
import { exportZipEntries, type ExportZipParts } from './zip';

const exec = promisify(execFile);
const TFJS_URL = pathToFileURL(createRequire(import.meta.url).resolve('@tensorflow/tfjs')).href;
const SHARD = 1024;

/** Only @tensorflow/tfjs: loads DIR/model.json through its http loader (every shard it names) and predicts on inputs.bin. */
const STOCK_PREDICT = `
const [tfjsUrl, dir, shape] = process.argv.slice(2);
const tf = await import(tfjsUrl);
const { readFile, writeFile } = await import('node:fs/promises');
const asked = [];
const fetchFunc = async (url) => { const name = String(url).split('/').pop(); asked.push(name); return new Response(await readFile(dir + '/' + name)); };
const model = await tf.loadLayersModel(tf.io.http('http://export.test/model.json', { fetchFunc }));
const b = await readFile(dir + '/inputs.bin');
const x = tf.tensor(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)), JSON.parse(shape));
await writeFile(dir + '/predictions.bin', new Uint8Array((await model.predict(x).data()).buffer));
console.log(JSON.stringify(asked));
`;

let work = '';
let graph: Graph;
let weights: LayerWeights;
let model: tf.LayersModel;
let tfjs: TfjsFiles;
let parts: ExportZipParts;
let zip: Uint8Array;
let files: Record<string, Uint8Array>;
let digests: WeightFileDigest[];

const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
const manifestPathsOf = (json: Uint8Array | undefined) =>
  (JSON.parse(decode(json)) as { weightsManifest: { paths: string[] }[] }).weightsManifest.flatMap((g) => g.paths);
const concat = (parts: readonly Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

async function writeTree(dir: string, tree: Record<string, Uint8Array>): Promise<void> {
  for (const [path, bytes] of Object.entries(tree)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  work = await mkdtemp(join(tmpdir(), 'layerloom-shards-'));
  graph = buildGraph([
    { type: 'Input', params: { shape: [12] } },
    { type: 'Dense', params: { units: 40, activation: 'relu' } },
    { type: 'Dense', params: { units: 3, activation: 'softmax' } },
  ]);
  model = compileSeeded(graph, 3);
  weights = extractWeights(model, graph);
  tfjs = buildTfjsFiles({ name: 'sharded', graph, weights, shardBytes: SHARD });
  const keras = generateKerasProject(graph, { modelName: 'sharded', weights });
  parts = {
    tfjs,
    web: STANDALONE_SOURCES,
    tfMinJs: strToU8('//'),
    keras: { ...keras.files, ...(keras.weightsBin ? { 'weights.bin': new Uint8Array(keras.weightsBin) } : {}) },
  };
  zip = await buildCheckedExportZip(parts);
  files = unzipSync(zip);
  digests = await weightDigests(tfjs.weights);
});

afterAll(async () => {
  model?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a ZIP whose weights pass the shard size', () => {
  it('holds the group1-shardNofM.bin files model.json names, in tfjs/ and web/, and no weights.bin', () => {
    const paths = tfjs.weights.map((w) => w.path);
    // (12·40 + 40 + 40·3 + 3) floats = 2572 bytes → three 1024-byte shards.
    expect(paths).toEqual(['group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin']);
    for (const folder of ['tfjs/', 'web/']) {
      expect(manifestPathsOf(files[`${folder}model.json`])).toEqual(paths);
      expect(paths.map((p) => files[`${folder}${p}`]?.byteLength)).toEqual([1024, 1024, 524]);
      expect(files[`${folder}weights.bin`]).toBeUndefined();
    }
  });

  it('reads back in our importer weight for weight', () => {
    const shards = tfjs.weights.map((w) => files[`tfjs/${w.path}`]!);
    const data = concat(shards);
    const imported = importLayersModel(JSON.parse(decode(files['tfjs/model.json'])), data.buffer);
    for (const [layer, list] of Object.entries(weights)) {
      for (const w of list) {
        const back = imported.weights?.[layer]?.find((x) => x.name === w.name);
        expect(back, `${layer}/${w.name}`).toBeDefined();
        expect(
          Buffer.from(back!.values.buffer, back!.values.byteOffset, back!.values.byteLength).equals(
            Buffer.from(w.values.buffer, w.values.byteOffset, w.values.byteLength),
          ),
        ).toBe(true);
      }
    }
  });

  it('loads in stock tfjs in a separate process, which fetches every shard, and predicts as the app does', async () => {
    const dir = join(work, 'stock');
    const x = Float32Array.from({ length: 5 * 12 }, (_, i) => Math.sin(i));
    const tree = Object.fromEntries(
      Object.entries(files)
        .filter(([p]) => p.startsWith('tfjs/'))
        .map(([p, b]) => [p.slice(5), b]),
    );
    await writeTree(dir, { ...tree, 'inputs.bin': new Uint8Array(x.buffer) });
    await writeFile(join(dir, 'predict.mjs'), STOCK_PREDICT);
    const { stdout } = await exec(process.execPath, [join(dir, 'predict.mjs'), TFJS_URL, dir, '[5, 12]'], {
      timeout: 30_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual(['model.json', ...tfjs.weights.map((w) => w.path)]);
    const raw = await readFile(join(dir, 'predictions.bin'));
    const theirs = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const ours = tf.tidy(() => (model.predict(tf.tensor2d(x, [5, 12])) as tf.Tensor).dataSync());
    expect(theirs).toHaveLength(15);
    expect(Math.max(...Array.from(theirs, (v, i) => Math.abs(v - ours[i]!)))).toBeLessThan(1e-6);
  }, 60_000);

  it("runs the README's Node snippet, which reads every shard model.json names", async () => {
    const dir = join(work, 'snippet');
    await writeTree(dir, files);
    const snippet = /### TensorFlow\.js in Node\n\n```js\n([\s\S]*?)\n```/.exec(decode(files['README.md']))?.[1];
    expect(snippet).toContain('weightsManifest.flatMap((group) => group.paths)');
    await writeFile(join(dir, 'predict.mjs'), snippet!.replace("'@tensorflow/tfjs'", JSON.stringify(TFJS_URL)));
    const { stdout } = await exec(process.execPath, [join(dir, 'predict.mjs')], { cwd: dir, timeout: 30_000 });
    const printed = JSON.stringify(JSON.parse(stdout.trim().split('\n').at(-1)!));
    const ours = tf.tidy(() => (model.predict(tf.zeros([1, 12])) as tf.Tensor).dataSync());
    const numbers = (printed.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);
    for (const v of ours)
      expect(
        numbers.some((n) => Math.abs(n - v) < 1e-6),
        `${v} in ${printed}`,
      ).toBe(true);
  }, 60_000);

  it("reads back in the Keras project's numpy loader from tfjs/model.json (every shard it names)", async () => {
    const { run, python } = await findTestPython();
    const dir = join(work, 'python');
    await writeTree(dir, files);
    const script = [
      'import json, sys',
      'sys.path.insert(0, "keras")',
      'import load_weights',
      'w = load_weights.read_weights("tfjs/model.json")',
      'print(json.dumps({k: [a.astype("float64").ravel().tolist() for a in v] for k, v in w.items()}))',
    ].join('\n');
    await writeFile(join(dir, 'check.py'), script);
    const r = run(python, ['check.py'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const read = JSON.parse(r.stdout) as Record<string, number[][]>;
    for (const [layer, list] of Object.entries(weights)) {
      expect(read[layer]?.map((a) => new Float32Array(a))).toEqual(list.map((w) => w.values));
    }
  }, 60_000);
});

describe('the read-back check', () => {
  /** The ZIP with `change` applied to its entries (path → bytes, or undefined to drop one). */
  function tampered(change: (path: string, bytes: Uint8Array) => Uint8Array | undefined): Uint8Array {
    const out: Zippable = {};
    for (const [path, bytes] of exportZipEntries(parts)) {
      const b = change(path, bytes);
      if (b) out[path] = [b, { level: 0 }];
    }
    return zipSync(out);
  }
  const reject = (z: Uint8Array) => expect(checkExportZip(z, digests)).rejects.toThrow(ExportCheckError);

  it('passes the ZIP as built', async () => {
    await expect(checkExportZip(zip, digests)).resolves.toBeUndefined();
  });

  it('refuses a truncated shard, naming it', async () => {
    const bad = tampered((p, b) => (p === 'tfjs/group1-shard2of3.bin' ? b.subarray(0, 1000) : b));
    await reject(bad);
    await expect(checkExportZip(bad, digests)).rejects.toThrow(/tfjs\/group1-shard2of3\.bin is 1000 bytes, not 1024/);
  });

  it('refuses a shard of the right size with one byte changed', async () => {
    const bad = tampered((p, b) => {
      if (p !== 'web/group1-shard3of3.bin') return b;
      const copy = b.slice();
      copy[100] = copy[100]! ^ 0x01;
      return copy;
    });
    await expect(checkExportZip(bad, digests)).rejects.toThrow(/web\/group1-shard3of3\.bin has a different SHA-256/);
  });

  it('refuses a missing shard', async () => {
    await expect(
      checkExportZip(
        tampered((p, b) => (p === 'web/group1-shard1of3.bin' ? undefined : b)),
        digests,
      ),
    ).rejects.toThrow(/web\/group1-shard1of3\.bin is missing/);
  });

  it('refuses a model.json that names other weight files', async () => {
    const bad = tampered((p, b) =>
      p === 'tfjs/model.json' ? strToU8(decode(b).replaceAll('group1-shard', 'shard')) : b,
    );
    await expect(checkExportZip(bad, digests)).rejects.toThrow(/tfjs\/model\.json names shard1of3\.bin/);
  });

  it('refuses bytes that are not a ZIP', async () => {
    await reject(zip.subarray(0, zip.byteLength - 30));
  });
});
