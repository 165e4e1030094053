import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../model/build';
import { exportLayersModel } from '../model/keras-export';
import type { LayerWeights } from '../model/weights';
import { loadModelFile } from './load';
import { main } from './main';
import { writeVerifiedExport, type ExportIo } from './write-export';

const exec = promisify(execFile);

/** Input [8] → Dense 'd' (8×4 + 4 = 36 params, 144 bytes of weights). */
const graph = buildGraph([
  { type: 'Input', name: 'x', params: { shape: [8] } },
  { type: 'Dense', name: 'd', params: { units: 4 } },
]);
const weights = (): LayerWeights => ({
  d: [
    { name: 'kernel', shape: [8, 4], values: Float32Array.from({ length: 32 }, (_, i) => i / 10) },
    { name: 'bias', shape: [4], values: Float32Array.from([1, 2, 3, 4]) },
  ],
});

let root = '';
/** A folder holding model.json + weights.bin of the model above, changed by `damage`. */
async function modelDir(name: string, damage?: (dir: string) => Promise<void>, w = weights()): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  const { modelJson, weightData } = exportLayersModel(graph, w, { modelName: name });
  await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
  await writeFile(join(dir, 'weights.bin'), new Uint8Array(weightData));
  await damage?.(dir);
  return join(dir, 'model.json');
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'layerloom-load-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadModelFile: the weights a model.json names', () => {
  it('reads them when they are there', async () => {
    const loaded = await loadModelFile(await modelDir('ok'), { withWeights: true });
    expect(loaded.weights?.d?.[1]?.values).toEqual(Float32Array.from([1, 2, 3, 4]));
    expect(loaded.warnings).toEqual([]);
  });

  it('refuses a missing weights file, naming it, instead of starting fresh', async () => {
    const model = await modelDir('missing', (dir) => rm(join(dir, 'weights.bin')));
    await expect(loadModelFile(model, { withWeights: true })).rejects.toThrow(
      new RegExp(`^The weights file ${join(root, 'missing', 'weights.bin')} named in .*model\\.json cannot be read: there is no such file; .*--fresh`),
    );
  });

  it('refuses a directory in the weights file\'s place', async () => {
    const model = await modelDir('dir', async (dir) => {
      await rm(join(dir, 'weights.bin'));
      await mkdir(join(dir, 'weights.bin'));
    });
    await expect(loadModelFile(model, { withWeights: true })).rejects.toThrow(/weights\.bin named in .* is a directory, not a file/);
  });

  it('refuses a 3 GB weights file from its size, without reading it', async () => {
    const model = await modelDir('huge', (dir) => truncate(join(dir, 'weights.bin'), 3 * 1024 ** 3)); // sparse: no disk used
    const start = performance.now();
    await expect(loadModelFile(model, { withWeights: true })).rejects.toThrow(
      /weights\.bin is 3072\.0 MB; one weights file may be at most 1024\.0 MB; export the model again \(Layerloom writes 4 MB shards\), or pass --fresh/,
    );
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('refuses a weights file whose length is not what the manifest describes', async () => {
    const model = await modelDir('short', (dir) => truncate(join(dir, 'weights.bin'), 100));
    await expect(loadModelFile(model, { withWeights: true })).rejects.toThrow(
      /weights\.bin holds 100 bytes but .*model\.json's weightsManifest describes 144 \(dtype × shape of each weight\); a file is truncated or missing a shard/,
    );
    const long = await modelDir('long', async (dir) => writeFile(join(dir, 'weights.bin'), new Uint8Array(148)));
    await expect(loadModelFile(long, { withWeights: true })).rejects.toThrow(/holds 148 bytes but .* describes 144 .*longer than described/);
  });

  it('starts fresh on purpose with --fresh, and says so', async () => {
    const model = await modelDir('fresh', (dir) => rm(join(dir, 'weights.bin')));
    const loaded = await loadModelFile(model, { withWeights: true, fresh: true });
    expect(loaded.weights).toBeUndefined();
    expect(loaded.warnings).toEqual(['--fresh: the weights files were not read; weights are freshly initialised.']);
  });

  it('starts a topology-only file (no weightsManifest) fresh, with a note', async () => {
    const model = await modelDir('topology', async (dir) => {
      const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
      delete json.weightsManifest;
      await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    });
    const loaded = await loadModelFile(model, { withWeights: true });
    expect(loaded.weights).toBeUndefined();
    expect(loaded.warnings).toEqual([`${model} has no weightsManifest (topology only); weights are freshly initialised.`]);
  });

  it('refuses NaN weights, naming the layer and weight and how to start fresh', async () => {
    const w = weights();
    w.d![0]!.values[17] = NaN;
    const model = await modelDir('nan', undefined, w);
    await expect(loadModelFile(model, { withWeights: true })).rejects.toThrow(
      `${model}: The weight data: layer 'd' weight 'kernel' has 1 NaN value (first at index 17); the weights are damaged; re-export it, or pass --fresh to start from fresh weights`,
    );
  });
});

describe('layerloom export and train with unusable weights', () => {
  it('export exits 1 through the bin script, naming the file, with no stack trace', async () => {
    const model = await modelDir('bin-missing', (dir) => rm(join(dir, 'weights.bin')));
    const bin = resolve(__dirname, '../../bin/layerloom.mjs');
    const err = await exec(process.execPath, [bin, 'export', model, '--out', join(root, 'bin-out')]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 1 });
    const stderr = (err as { stderr: string }).stderr;
    expect(stderr).toMatch(/^layerloom: The weights file .*bin-missing\/weights\.bin named in .* cannot be read: there is no such file/);
    expect(stderr).not.toMatch(/\n\s+at /);
    await expect(readdir(join(root, 'bin-out'))).rejects.toThrow(/ENOENT/);
  });

  it('export --fresh writes freshly initialised weights, read back and checked', async () => {
    const model = await modelDir('export-fresh', (dir) => rm(join(dir, 'weights.bin')));
    const lines: string[] = [];
    const out = join(root, 'export-fresh-out');
    expect(await main(['export', model, '--out', out, '--fresh', '--format', 'tfjs'], (s) => lines.push(s))).toBe(0);
    expect(lines.join('\n')).toMatch(/^Wrote .*metadata\.json, .*tfjs\/model\.json, .*tfjs\/weights\.bin, .* \(36 params\)$/);
    expect((await readFile(join(out, 'tfjs', 'weights.bin'))).byteLength).toBe(144);
  });

  it('train refuses a model whose weights are missing, and trains it fresh with --fresh', async () => {
    const model = await modelDir('train-missing', (dir) => rm(join(dir, 'weights.bin')));
    const csv = join(root, 'train.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `${Array.from({ length: 8 }, (_, j) => ((i * 7 + j * 3) % 11) / 10).join(',')},${i % 4}`);
    await writeFile(csv, `${Array.from({ length: 8 }, (_, j) => `f${j}`).join(',')},y\n${rows.join('\n')}\n`);
    const args = ['train', '--model', model, '--data', csv, '--label', 'y', '--epochs', '1', '--backend', 'cpu'];
    await expect(main(args, () => undefined)).rejects.toThrow(/train-missing\/weights\.bin named in .* cannot be read: there is no such file/);
    expect(await main([...args, '--fresh'], () => undefined)).toBe(0);
  });
});

describe('writeVerifiedExport', () => {
  const exported = () => exportLayersModel(graph, weights(), { shardBytes: 64 });

  it('writes model.json and the shards, each read back before success', async () => {
    const out = join(root, 'verified');
    const files = await writeVerifiedExport(out, exported(), weights());
    expect(files.map((f) => f.slice(out.length + 1))).toEqual(['model.json', 'group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin']);
    const back = await loadModelFile(join(out, 'model.json'), { withWeights: true });
    expect(back.weights).toEqual(weights());
  });

  const io = (change: (path: string, data: Uint8Array) => Uint8Array): ExportIo => {
    const disk = new Map<string, Uint8Array>();
    return {
      writeFile: async (p, d) => void disk.set(p, change(p, d)),
      readFile: async (p) => disk.get(p) ?? Promise.reject(new Error('ENOENT')),
    };
  };

  it('fails, naming the file, when a file reads back shorter (a full disk)', async () => {
    const shortened = io((p, d) => (p.endsWith('shard2of3.bin') ? d.slice(0, 10) : d));
    await expect(writeVerifiedExport(join(root, 'v2'), exported(), weights(), shortened)).rejects.toThrow(
      /group1-shard2of3\.bin reads back as 10 bytes, but 64 were written; the disk may be full/,
    );
  });

  it('fails when a file reads back with other bytes of the same length (checksum)', async () => {
    const flipped = io((p, d) => (p.endsWith('shard1of3.bin') ? d.map((b, i) => (i === 5 ? b ^ 1 : b)) : d));
    await expect(writeVerifiedExport(join(root, 'v3'), exported(), weights(), flipped)).rejects.toThrow(
      /group1-shard1of3\.bin reads back with a different SHA-256 than what was written/,
    );
  });

  it('fails when the importer does not read the written weights back as they were', async () => {
    const bad = exported();
    // A manifest listing bias before kernel lays the bytes out differently from how they were packed.
    bad.modelJson.weightsManifest[0]!.weights.reverse();
    await expect(writeVerifiedExport(join(root, 'v4'), bad, weights())).rejects.toThrow(
      /^The exported weight 'd\/bias' does not read back as written from .*v4; the export is damaged\. Export again$/,
    );
  });
});

describe('a 200 MB deeply nested model.json', () => {
  /** Runs loadModelFile in a child with a 1 GB heap, so a guard that is gone fails fast instead of eating the machine. */
  async function refuse(file: string) {
    const script = `
      const { tsImport } = await import('tsx/esm/api');
      const { loadModelFile } = await tsImport(${JSON.stringify(resolve(__dirname, 'load.ts'))}, import.meta.url);
      const start = performance.now();
      let message = 'loaded';
      try { await loadModelFile(${JSON.stringify(file)}); } catch (e) { message = e.message; }
      const ms = performance.now() - start;
      console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, message }));`;
    const { stdout } = await exec(process.execPath, ['--max-old-space-size=1024', '--input-type=module', '-e', script], {
      cwd: resolve(__dirname, '../..'),
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number; maxRssMb: number; message: string };
  }

  async function writeBig(file: string, head: string, fill: string, tail: string) {
    const out = createWriteStream(file);
    const block = fill.repeat(1024 * 1024 / fill.length);
    out.write(head);
    for (let i = 0; i < 200; i++) if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
    out.write(tail);
    await new Promise<void>((r) => out.end(() => r()));
  }

  it('a model.json over the 256 MB cap is refused from its size, unread', async () => {
    const file = join(root, 'over-cap.json');
    await writeFile(file, '{}');
    await truncate(file, 300 * 1024 * 1024); // sparse
    const start = performance.now();
    await expect(loadModelFile(file)).rejects.toThrow(/over-cap\.json is 300 MB; the limit is 256 MB$/);
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('is refused by the streaming pre-scan in under 3 s and 500 MB', async () => {
    const file = join(root, 'nested.json');
    await writeBig(file, '{"modelTopology":', '[', '');
    const r = await refuse(file);
    console.log(`200 MB nested at the start: refused in ${r.ms.toFixed(0)} ms, peak RSS ${r.maxRssMb.toFixed(0)} MB`);
    expect(r.message).toMatch(/nested\.json is nested more than 256 levels deep at "modelTopology\[0\](\[0\])+…" \(byte 272\); it was refused before parsing/);
    expect(r.ms).toBeLessThan(3000);
    expect(r.maxRssMb).toBeLessThan(500);
  }, 60_000);

  it('is refused in under 3 s and 500 MB when the nesting comes after 200 MB of harmless text', async () => {
    const file = join(root, 'late.json');
    await writeBig(file, '{"format":"layers-model","pad":"', 'x', '","modelTopology":' + '['.repeat(100_000));
    const r = await refuse(file);
    console.log(`200 MB, nested at the end: refused in ${r.ms.toFixed(0)} ms, peak RSS ${r.maxRssMb.toFixed(0)} MB`);
    expect(r.message).toMatch(/late\.json is nested more than 256 levels deep at "modelTopology(\[0\])+…"/);
    expect(r.ms).toBeLessThan(3000);
    expect(r.maxRssMb).toBeLessThan(500);
  }, 60_000);
});
