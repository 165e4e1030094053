import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREDICT_PY } from './predict-py';
import { PREPROCESS_PY } from './preprocess-py';
import { findTestPython, type CommandRunner } from './python-env';

/**
 * preprocess.py and predict.py's data handling, run by Python without Keras. The transform
 * below has the shape of src/data's TabularTransform; expected inputs are worked out by hand
 * from its documented rules (the model folder cannot import src/data).
 */

const transform = {
  kind: 'tabular',
  version: 1,
  width: 9,
  columns: ['age', 'income', 'joined', 'member', 'city', 'grade', 'label'],
  missingTokens: ['', 'NA', '?'],
  featureNames: [],
  label: { name: 'label', source: 6, task: 'multiclass', classNames: ['low', 'mid', 'high'], key: 'text' },
  features: [
    {
      type: 'numeric',
      name: 'age',
      source: 0,
      offset: 0,
      width: 1,
      missing: 'mean',
      fill: 30,
      scale: { kind: 'standardize', mean: 40, std: 10 },
    },
    {
      type: 'numeric',
      name: 'income',
      source: 1,
      offset: 1,
      width: 1,
      missing: 'mean',
      fill: 5,
      scale: { kind: 'minmax', min: 0, max: 10 },
      decimalComma: true,
    },
    {
      type: 'date',
      name: 'joined',
      source: 2,
      offset: 2,
      width: 1,
      missing: 'mean',
      fill: 19000,
      scale: { kind: 'none' },
    },
    { type: 'boolean', name: 'member', source: 3, offset: 3, width: 1, missing: 'mode', fill: 0, names: ['no', 'yes'] },
    {
      type: 'categorical',
      name: 'city',
      source: 4,
      offset: 4,
      width: 3,
      missing: 'mode',
      categories: ['Oslo', 'Paris'],
      other: true,
      fill: 'Paris',
      key: 'text',
      seen: 5,
    },
    {
      type: 'categorical',
      name: 'grade',
      source: 5,
      offset: 7,
      width: 2,
      missing: 'mode',
      categories: ['1', '2'],
      other: false,
      fill: '1',
      key: 'number',
      seen: 2,
    },
  ],
};

const DAY_MS = 86_400_000;

let run: CommandRunner;
let python: string;
let dir: string;

beforeAll(async () => {
  ({ run, python } = await findTestPython((m) => console.log(m)));
  dir = mkdtempSync(join(tmpdir(), 'layerloom-predict-'));
  writeFileSync(join(dir, 'preprocess.py'), PREPROCESS_PY);
  writeFileSync(join(dir, 'predict.py'), PREDICT_PY);
}, 900_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runPython(lines: string[]): unknown {
  const script = join(dir, '_check.py');
  writeFileSync(
    script,
    ['import sys, json, io, contextlib', `sys.path.insert(0, ${JSON.stringify(dir)})`, ...lines].join('\n'),
  );
  const r = run(python, [script], { cwd: dir });
  if (r.status !== 0) throw new Error(`Python failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('preprocess.py', () => {
  it('prepares raw records as the training transform did: scaling, decimal commas, dates, booleans, one-hot, missing values', () => {
    const records = [
      { age: '50', income: '2,5', joined: '2024-01-02T12:00:00+02:00', member: 'Yes', city: 'Berlin', grade: '2.0' },
      [null, 'NA', 'not a date', '?', 'Oslo', 7],
      {},
      { age: 40.0, member: true, joined: '2024-02-30', grade: ' 2 ' },
    ];
    const got = runPython([
      'import preprocess',
      `T = json.loads(${JSON.stringify(JSON.stringify(transform))})`,
      `records = json.loads(${JSON.stringify(JSON.stringify(records))})`,
      'print(json.dumps([preprocess.prepare_tabular(T, r).astype(float).tolist() for r in records]))',
    ]) as number[][];
    const joined = Date.UTC(2024, 0, 2, 10, 0, 0) / DAY_MS;
    const expected = [
      [1, 0.25, joined, 1, 0, 0, 1, 0, 1],
      [-1, 0.5, 19000, 0, 1, 0, 0, 0, 0],
      [-1, 0.5, 19000, 0, 0, 1, 0, 1, 0],
      [0, 0.5, 19000, 1, 0, 1, 0, 0, 1],
    ];
    // The app writes model inputs into a Float32Array: the same rounding, so the values agree exactly.
    expect(got).toEqual(expected.map((row) => row.map(Math.fround)));
  });

  it('writes numbers the way JavaScript does, so numeric categories match', () => {
    const got = runPython([
      'import preprocess',
      'print(json.dumps([preprocess.js_number_text(v) for v in (3.0, -0.0, 0.5, 1e-7, 1e21, 123456.789, 0.00001)]))',
    ]);
    expect(got).toEqual([3.0, -0.0, 0.5, 1e-7, 1e21, 123456.789, 0.00001].map((v) => String(v)));
  });
});

describe('predict.py', () => {
  it('prepares its example from metadata.json and names the predicted class', () => {
    const got = runPython([
      'import numpy as np, predict',
      `metadata = {"transform": json.loads(${JSON.stringify(JSON.stringify(transform))})}`,
      'T = predict.transform_of(metadata)',
      'class Tensor:',
      '    shape = (None, 9)',
      '    dtype = "float32"',
      'class Model:',
      '    inputs = [Tensor()]',
      'class Args:',
      '    record = json.dumps({"age": "60", "city": "Oslo"})',
      '    csv = None',
      '    row = 0',
      '    image = None',
      'x = predict.example_inputs(Model(), T, Args())',
      'out = io.StringIO()',
      'with contextlib.redirect_stdout(out):',
      '    predict.describe(np.array([[0.1, 0.7, 0.2]]), predict.class_names_of(metadata, T))',
      '    predict.describe(np.array([[0.8]]), ["no", "yes"])',
      'made_up = predict.made_up_inputs(Model())',
      'print(json.dumps({"x": [a.tolist() for a in x], "text": out.getvalue(), "made_up": [list(a.shape) for a in made_up]}))',
    ]) as { x: number[][][]; text: string; made_up: number[][] };
    expect(got.x).toEqual([[[2, 0.5, 19000, 0, 1, 0, 0, 1, 0]]]);
    expect(got.text).toContain('class: mid (0.7000)');
    expect(got.text).toContain('class: yes (p = 0.8000)');
    expect(got.made_up).toEqual([[1, 9]]);
  });

  /** Runs predict.example_inputs on a --csv file with metadata.json's reading; returns the input row, or the exit message. */
  function fromCsv(file: string, bytes: Buffer, reading: unknown, row = 0): { x?: number[]; exit?: string } {
    writeFileSync(join(dir, file), bytes);
    return runPython([
      'import numpy as np, predict',
      `metadata = {"transform": json.loads(${JSON.stringify(JSON.stringify(transform))}), "csv": json.loads(${JSON.stringify(JSON.stringify(reading))})}`,
      'T = predict.transform_of(metadata)',
      'class Tensor:',
      '    shape = (None, 9)',
      '    dtype = "float32"',
      'class Model:',
      '    inputs = [Tensor()]',
      'class Args:',
      '    record = None',
      `    csv = ${JSON.stringify(join(dir, file))}`,
      `    row = ${row}`,
      '    image = None',
      'try:',
      '    x = predict.example_inputs(Model(), T, Args(), predict.reading_of(metadata))',
      '    print(json.dumps({"x": x[0][0].astype(float).tolist()}))',
      'except SystemExit as e:',
      '    print(json.dumps({"exit": str(e)}))',
    ]) as { x?: number[]; exit?: string };
  }

  const HEADER = 'age;income;joined;member;city;grade;label';

  it('--csv reads the delimiter, encoding and header recorded in metadata.json', () => {
    const semicolon = Buffer.from(`${HEADER}\r\n\r\n50;2,5;;yes;Zürich;2;mid\r\n30;7,5;;no;Oslo;1;low\r\n`, 'latin1');
    const got = fromCsv('semi.csv', semicolon, { delimiter: ';', encoding: 'windows-1252', header: true }, 1);
    expect(got).toEqual({ x: [-1, 0.75, 19000, 0, 1, 0, 0, 1, 0] });
    const noHeader = Buffer.from('50\t2,5\t\tyes\tParis\t2\n', 'utf8');
    expect(fromCsv('tabs.tsv', noHeader, { delimiter: '\t', encoding: 'utf-8', header: false })).toEqual({
      x: [1, 0.25, 19000, 1, 0, 1, 0, 0, 1],
    });
  });

  it('--csv refuses a file whose columns do not match instead of filling every feature', () => {
    // The training file was semicolon-separated: read with ';', a comma file has one column.
    const comma = Buffer.from(`${HEADER.replaceAll(';', ',')}\n50,2.5,,yes,Oslo,2,mid\n`);
    const got = fromCsv('comma.csv', comma, { delimiter: ';', encoding: 'utf-8', header: true });
    expect(got.exit).toMatch(/comma\.csv has no column 'age', 'income', 'joined', 'member', 'city' and more, which the model needs/);
    expect(got.exit).toMatch(/delimiter ';'/);
    const short = Buffer.from('50;2,5\n');
    expect(fromCsv('short.csv', short, { delimiter: ';', encoding: 'utf-8', header: false }).exit).toMatch(
      /Data row 0 of .*short\.csv has 2 field\(s\) read with the delimiter ';', but the model's features need 6/,
    );
  });
});
