/**
 * `layerloom train … --out DIR` writes the app's full export, and its metadata.json is enough to
 * re-check the reported test accuracy: a Python script with numpy alone, given only DIR and the
 * training CSV, reads the CSV as recorded (here semicolon-separated, windows-1252), takes the
 * recorded test rows, prepares them with DIR/keras/preprocess.py, runs the network on the
 * DIR/tfjs weights and gets the CLI's accuracy.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMetadata } from '../compiler/bundle';
import { findTestPython } from '../compiler/python/python-env';
import { buildGraph } from '../model/build';
import { newProject } from '../model/project';
import { main } from './main';

/** Re-scores the test split from the files alone. argv: DIR, the CSV. Prints {"accuracy", "n"}. */
const RESCORE = String.raw`
import csv, json, os, sys
import numpy as np

out, data = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(out, "keras"))
import preprocess
from load_weights import read_weights

meta = json.load(open(os.path.join(out, "metadata.json"), encoding="utf-8"))
reading, split, pre = meta["data"]["csv"], meta["data"]["split"], meta["preprocessing"]
with open(data, encoding=reading["encoding"], newline="") as f:
    records = [r for r in csv.reader(f, delimiter=reading["delimiter"]) if r]
header, rows = (records[0], records[1:]) if reading["header"] else (None, records)
test = [rows[i] for i in split["testRows"]]
x = np.stack([preprocess.prepare_tabular(pre, dict(zip(header, r)) if header else r) for r in test])
label = pre["label"]
y = np.array([meta["classNames"].index(r[label["source"]]) for r in test])

topology = json.load(open(os.path.join(out, "tfjs", "model.json"), encoding="utf-8"))["modelTopology"]
weights = read_weights(os.path.join(out, "tfjs", "model.json"))
act = {
    "relu": lambda v: np.maximum(v, 0),
    "linear": lambda v: v,
    "softmax": lambda v: np.exp(v - v.max(1, keepdims=True)) / np.exp(v - v.max(1, keepdims=True)).sum(1, keepdims=True),
}
h = x.astype(np.float64)
for layer in topology["config"]["layers"]:
    if layer["class_name"] == "Dense":
        kernel, bias = weights[layer["name"]]
        h = act[layer["config"]["activation"]](h @ kernel + bias)
print(json.dumps({"accuracy": float(np.mean(h.argmax(1) == y)), "n": len(test)}))
`;

/** Three classes from two numbers and a colour; the numbers are large, so unscaled inputs train badly. */
function semicolonCsv(): string {
  const lines = ['größe;gewicht;farbe;klasse'];
  for (let i = 0; i < 180; i++) {
    const a = 1000 + ((i * 37) % 101) * 10;
    const b = 5000 + ((i * 53) % 97) * 20;
    const colour = ['rot', 'grün', 'blau'][(i * 7) % 3]!;
    const score = (a - 1500) / 500 + (b - 6000) / 1000 + (colour === 'rot' ? 0.5 : 0);
    lines.push(`${a};${b};${colour};${score < -0.4 ? 'klein' : score < 0.6 ? 'mittel' : 'groß'}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerloom-train-out-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('layerloom train --out', () => {
  it('writes the full export, and the test accuracy is re-scored from the files alone in Python', async () => {
    const { python, run } = await findTestPython();
    const data = join(dir, 'sizes.csv');
    await writeFile(data, Buffer.from(semicolonCsv(), 'latin1')); // windows-1252 bytes for ö, ü, ß
    const mlp = buildGraph([
      { type: 'Input', params: { shape: [5] } },
      { type: 'Dense', params: { units: 12, activation: 'relu' } },
      { type: 'Dense', params: { units: 3, activation: 'softmax' } },
    ]);
    await writeFile(join(dir, 'mlp.json'), JSON.stringify(newProject('sizes_mlp', mlp)));
    const out = join(dir, 'out');
    const lines: string[] = [];
    const args = ['train', '--model', join(dir, 'mlp.json'), '--data', data, '--label', 'klasse', '--encoding', 'windows-1252'];
    const code = await main([...args, '--epochs', '40', '--seed', '3', '--backend', 'cpu', '--out', out, '--json'], (s) => lines.push(s));
    expect(code).toBe(0);
    const summary = JSON.parse(lines.at(-1)!) as { test: { accuracy: number; n: number }; epochs: number };

    const meta = readMetadata(await readFile(join(out, 'metadata.json')));
    expect(meta.classNames).toEqual(['groß', 'klein', 'mittel']);
    expect(meta.preprocessing?.kind).toBe('tabular');
    expect(meta.data).toMatchObject({
      file: 'sizes.csv',
      csv: { delimiter: ';', encoding: 'windows-1252', header: true },
      split: { rule: 'stratified', seed: 3, ratios: { train: 0.7, validation: 0.15, test: 0.15 } },
    });
    expect(meta.data?.split?.testRows).toHaveLength(summary.test.n);
    expect(meta.run).toMatchObject({ epochs: summary.epochs, test: summary.test, settings: { seed: 3, epochs: 40 } });

    const script = join(dir, 'rescore.py');
    await writeFile(script, RESCORE);
    const r = run(python, [script, out, data]);
    if (r.status !== 0) throw new Error(`Python failed (${r.status}):\n${r.stderr}`);
    const rescored = JSON.parse(r.stdout) as { accuracy: number; n: number };
    expect(rescored.n).toBe(summary.test.n);
    expect(rescored.accuracy).toBeCloseTo(summary.test.accuracy, 6);
    expect(rescored.accuracy).toBeGreaterThan(0.6);
  }, 120_000);
});
