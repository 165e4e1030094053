import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTransform, parseCsv, prepareTabular } from '../../data/tabular';
import type { TabularTransform } from '../../data/preprocess';
import type { PreparedDataset } from '../../data/types';
import { projectMetadata } from '../bundle/export-parts';
import { PREDICT_PY } from './predict-py';
import { PREPROCESS_PY } from './preprocess-py';
import { findTestPython, type CommandRunner } from './python-env';
import { textProjectFiles } from './text-files';

/**
 * preprocess.py and predict.py on a table with a text column and an id column (mixed inputs):
 * Python prepares each raw record exactly as src/data's applyTransform does, and predict.py cuts
 * the row into each model Input's slice by the Input's name.
 */

let run: CommandRunner;
let python: string;
let dir: string;
let dataset: PreparedDataset;
let transform: TabularTransform;

beforeAll(async () => {
  ({ run, python } = await findTestPython((m) => console.log(m)));
  dir = mkdtempSync(join(tmpdir(), 'layerloom-mixed-'));
  const rows = ['user,price,review,liked'];
  for (let i = 0; i < 80; i++) {
    const words = ['Great fun', 'dull, slow plot', "didn't like the cast", 'Ótimo filme'][i % 4];
    rows.push(`${i % 9},${(i % 7) * 1.5},"${words} ${i % 5}",${i % 2}`);
  }
  ({ dataset } = prepareTabular(await parseCsv(rows.join('\n')), {
    columns: { user: { role: 'id' }, review: { role: 'text', seqLen: 6 } },
  }));
  transform = dataset.transform as TabularTransform;
  // projectMetadata reads only the dataset (and the CSV reading, absent here).
  const metadata = projectMetadata({ dataset } as unknown as Parameters<typeof projectMetadata>[0]);
  const files = { 'preprocess.py': PREPROCESS_PY, 'predict.py': PREDICT_PY, ...textProjectFiles(metadata) };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'metadata.json'), JSON.stringify(metadata));
}, 900_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runPython(lines: string[]): unknown {
  const script = join(dir, '_check.py');
  writeFileSync(script, ['import sys, json', `sys.path.insert(0, ${JSON.stringify(dir)})`, ...lines].join('\n'));
  const r = run(python, [script], { cwd: dir });
  if (r.status !== 0) throw new Error(`Python failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const RECORDS = [
  { user: '3', price: '4.5', review: 'Great fun 2' },
  { user: 3.0, price: 1, review: 'DULL, slow plot, slow plot, slow plot indeed' },
  { user: 'stranger', review: 'a word never seen' },
  {},
  ['7', 'NA', "didn't like the cast"],
];

describe('preprocess.py with text and id columns', () => {
  it('writes the token ids and id indices that applyTransform writes', () => {
    expect(transform.features.map((f) => f.type)).toEqual(['id', 'numeric', 'text']);
    const got = runPython([
      'import preprocess',
      'T = json.load(open("metadata.json"))["transform"]',
      `records = json.loads(${JSON.stringify(JSON.stringify(RECORDS))})`,
      'print(json.dumps([preprocess.prepare_tabular(T, r).astype(float).tolist() for r in records]))',
    ]) as number[][];
    expect(got).toEqual(RECORDS.map((r) => Array.from(applyTransform(transform, r))));
    // Not trivially equal: a known user, an unseen one (0), and real token ids.
    expect(got.map((row) => row[0])).toEqual([4, 4, 0, 0, 8]);
    expect(got[0]!.slice(2).some((id) => id > 1)).toBe(true);
  });

  it("cuts predict.py's row into each model Input's slice, by the Input's name", () => {
    const got = runPython([
      'import numpy as np, predict',
      'metadata = predict.read_metadata()',
      'T = predict.transform_of(metadata)',
      'class Tensor:',
      '    def __init__(self, name, dtype):',
      '        self.name, self.dtype, self.shape = name, dtype, (None, 1)',
      'class Model:',
      '    inputs = [Tensor("review:0", "int32"), Tensor("features", "float32"), Tensor("user", "int32")]',
      'class Args:',
      `    record = json.dumps(${JSON.stringify(RECORDS[0])})`,
      '    csv = None',
      '    row = 0',
      '    image = None',
      'x = predict.example_inputs(Model(), T, Args(), predict.reading_of(metadata), predict.parts_of(metadata))',
      'print(json.dumps([{"dtype": str(a.dtype), "shape": list(a.shape), "values": a.astype(float).tolist()} for a in x]))',
    ]) as { dtype: string; shape: number[]; values: number[][] }[];
    const row = Array.from(applyTransform(transform, RECORDS[0]!));
    expect(dataset.inputs!.map((p) => p.name)).toEqual(['user', 'features', 'review']);
    expect(got).toEqual([
      { dtype: 'int32', shape: [1, 6], values: [row.slice(2, 8)] },
      { dtype: 'float32', shape: [1, 1], values: [[row[1]]] },
      { dtype: 'int32', shape: [1, 1], values: [[row[0]]] },
    ]);
  });

  it('refuses a model Input that is not named after a part', () => {
    const got = runPython([
      'import numpy as np, preprocess',
      'parts = json.load(open("metadata.json"))["inputs"]',
      'try:',
      '    preprocess.split_parts(parts, np.zeros((1, 8), dtype=np.float32), ["user", "text"])',
      'except ValueError as e:',
      '    print(json.dumps(str(e)))',
    ]);
    expect(got).toBe(
      "the model's inputs ['text'] are not parts of the dataset (user, features, review); each Input must be named after the part it takes",
    );
  });
});
