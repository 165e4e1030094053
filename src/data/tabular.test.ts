import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from './csv/parse';
import type { ParsedCsv } from './csv/table';
import { cellText, columnNumbers } from './csv/table';
import { DataError } from './errors';
import type { TabularTransform } from './preprocess';
import { applyTransform } from './preprocess-apply';
import { mean, median, std } from './preprocess-stats';
import { mulberry32 } from './random';
import type { PrepareTabularOptions } from './tabular';
import { prepareTabular } from './tabular';

/** A mixed table: numeric (with gaps), categorical, boolean, date, and a 3-class label. */
async function mixed(rows = 400, seed = 1): Promise<ParsedCsv> {
  const r = mulberry32(seed);
  const lines = ['age,income,city,member,joined,note,species'];
  for (let i = 0; i < rows; i++) {
    const age = i % 23 === 0 ? 'NA' : String(18 + Math.floor(r() * 60));
    const income = (r() * 1000 + (i < rows / 2 ? 0 : 5000)).toFixed(2);
    const city = ['Paris', 'Oslo', 'Lima', 'Pune', 'Kyiv'][Math.floor(r() * 5)]!;
    const member = i % 31 === 0 ? '' : r() < 0.4 ? 'yes' : 'no';
    const joined = `20${10 + Math.floor(r() * 10)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 10)}`;
    const species = ['class 10', 'class 2', 'class 1'][i % 3]!;
    lines.push([age, income, city, member, joined, `"free text ${i}, unique"`, species].join(','));
  }
  return parseCsv(lines.join('\n'));
}

function record(parsed: ParsedCsv, row: number): Record<string, string | null> {
  return Object.fromEntries(parsed.columns.map((c) => [c.name, cellText(c, row)]));
}

function failure(f: () => unknown): DataError {
  try {
    f();
  } catch (err) {
    if (err instanceof DataError) return err;
    throw err;
  }
  throw new Error('expected a DataError');
}

let mixed400: ParsedCsv | null = null;

describe('prepareTabular', () => {
  beforeAll(async () => {
    mixed400 = await mixed();
  });

  it('builds Float32Array splits in the PreparedDataset shape', async () => {
    const parsed = await mixed();
    const { dataset, report } = prepareTabular(parsed, { name: 'mixed' });
    expect(dataset.kind).toBe('tabular');
    expect(dataset.task).toBe('multiclass');
    expect(dataset.classNames).toEqual(['class 1', 'class 2', 'class 10']);
    expect(report.featureNames).toEqual([
      'age',
      'income',
      'city=Kyiv',
      'city=Lima',
      'city=Oslo',
      'city=Paris',
      'city=Pune',
      'member',
      'joined (days)',
    ]);
    expect(dataset.inputShape).toEqual([9]);
    expect([dataset.train.n, dataset.validation.n, dataset.test.n]).toEqual([280, 60, 60]);
    for (const split of [dataset.train, dataset.validation, dataset.test]) {
      expect(split.x).toBeInstanceOf(Float32Array);
      expect(split.x.length).toBe(split.n * 9);
      expect(split.y.length).toBe(split.n);
    }
    expect(report.problems.map((p) => p.code)).toEqual(['text-ignored']);
  });

  it('encodes the label by class index in natural order', async () => {
    const parsed = await mixed();
    const { dataset, report } = prepareTabular(parsed);
    const names = dataset.classNames!;
    report.splitRows.train.forEach((row, i) =>
      expect(names[dataset.train.y[i]!]).toBe(cellText(parsed.columns[6]!, row)),
    );
  });

  it('keeps class proportions within one sample in every split', async () => {
    const { report } = prepareTabular(await mixed(1000));
    const total = { train: 0.7, validation: 0.15, test: 0.15 };
    for (const c of report.classes!) {
      const n = c.train + c.validation + c.test;
      for (const split of ['train', 'validation', 'test'] as const)
        expect(Math.abs(c[split] - n * total[split])).toBeLessThanOrEqual(1);
    }
  });

  it('learns fill values and scaling from the training split only', async () => {
    const parsed = await mixed();
    const { dataset, report } = prepareTabular(parsed, { columns: { age: { missing: 'median' } } });
    const t = dataset.transform as TabularTransform;
    const train = report.splitRows.train;
    const incomes = columnNumbers(parsed.columns[1]!);
    const trainIncome = Float64Array.from(train, (r) => incomes[r]!);
    const income = t.features.find((f) => f.name === 'income')!;
    expect(income.type === 'numeric' && income.scale).toEqual({
      kind: 'standardize',
      mean: expect.closeTo(mean(trainIncome), 9),
      std: expect.closeTo(std(trainIncome), 9),
    });
    // The income shifts halfway through the file, so whole-file statistics would differ.
    expect(Math.abs(mean(incomes) - mean(trainIncome))).toBeGreaterThan(1);
    const ages = columnNumbers(parsed.columns[0]!);
    const age = t.features.find((f) => f.name === 'age')!;
    expect(age.type === 'numeric' && age.fill).toBe(median(Float64Array.from(train, (r) => ages[r]!)));
    // A missing age in any split becomes the training median, scaled with training statistics.
    if (age.type !== 'numeric' || age.scale.kind !== 'standardize') throw new Error('age should be standardised');
    const missingRow = report.splitRows.test.findIndex((r) => Number.isNaN(ages[r]));
    expect(missingRow).toBeGreaterThanOrEqual(0);
    expect(dataset.test.x[missingRow * t.width]).toBe(Math.fround((age.fill - age.scale.mean) / age.scale.std));
  });

  it('applyTransform on a raw record gives exactly the training features', async () => {
    const parsed = await mixed();
    for (const options of [
      {},
      { scaling: 'minmax' },
      { scaling: 'none', maxCategories: 2 },
    ] as PrepareTabularOptions[]) {
      const { dataset, report } = prepareTabular(parsed, options);
      const t = dataset.transform as TabularTransform;
      for (const split of ['train', 'validation', 'test'] as const) {
        const rows = report.splitRows[split];
        for (const i of [0, 1, 7, rows.length - 1]) {
          const expected = dataset[split].x.subarray(i * t.width, (i + 1) * t.width);
          expect(applyTransform(t, record(parsed, rows[i]!))).toEqual(expected);
          // As an array in file column order, too.
          const asArray = parsed.columns.map((c) => cellText(c, rows[i]!));
          expect(applyTransform(t, asArray)).toEqual(expected);
        }
      }
      // The transform survives JSON (it is saved with projects) and still applies the same way.
      const copy = JSON.parse(JSON.stringify(t)) as TabularTransform;
      expect(copy).toEqual(t);
      expect(applyTransform(copy, record(parsed, report.splitRows.test[3]!))).toEqual(
        dataset.test.x.subarray(3 * t.width, 4 * t.width),
      );
    }
  });

  it('fills missing and unseen values at inference', async () => {
    const parsed = await mixed();
    const t = prepareTabular(parsed, { maxCategories: 3 }).dataset.transform as TabularTransform;
    const x = applyTransform(t, { age: null, income: 'NA', city: 'Atlantis', member: 'TRUE', joined: '' });
    const at = (name: string) => t.featureNames.indexOf(name);
    expect(x[at('age')]).toBe(0); // the mean fill, standardised
    expect(x[at('income')]).toBe(0);
    expect(x[at('city=(other)')]).toBe(1);
    expect(x[at('member')]).toBe(1);
    expect(x[at('joined (days)')]).toBe(0);
    expect(t.featureNames.filter((n) => n.startsWith('city='))).toHaveLength(4);
  });

  it('caps one-hot columns and warns about wide ones with the total width', async () => {
    const lines = ['city,size,y'];
    for (let i = 0; i < 1000; i++) lines.push(`c${i % 200},${i % 10},${i % 2 ? 'a' : 'b'}`);
    const parsed = await parseCsv(lines.join('\n'));
    const wide = prepareTabular(parsed).report;
    expect(wide.width).toBe(201);
    expect(wide.problems.find((p) => p.code === 'wide-one-hot')?.message).toBe(
      'column city would add 200 inputs (one per value), making 201 inputs in all; cap it (max categories, e.g. 20) or ignore it',
    );
    const capped = prepareTabular(parsed, { columns: { city: { maxCategories: 20 } } }).report;
    expect(capped.width).toBe(22);
    expect(capped.featureNames.at(-2)).toBe('city=(other)');
    expect(capped.problems.map((p) => p.code)).toEqual(['categories-capped']);
  });

  it('drops rows without a label, and rows missing values where asked, with counts', async () => {
    const parsed = await parseCsv('x,z,y\n1,1,a\n2,,b\n3,3,\n4,4,a\n5,5,NA\n6,6,b\n7,,a\n8,8,b\n9,9,a\n10,10,b\n');
    const { report } = prepareTabular(parsed, { columns: { z: { missing: 'drop' } } });
    expect(report.rows).toEqual({ total: 10, used: 6, missingLabel: 2, droppedMissingValues: 2 });
    expect(report.problems.map((p) => p.message)).toEqual([
      "dropped 2 rows with no label in 'y': rows 4 and 6",
      'dropped 2 rows with a missing value in z',
      'the test split is empty: there are too few rows (6) for it',
    ]);
  });

  it('refuses a label with one class', async () => {
    const parsed = await parseCsv('x,y\n1,yes\n2,yes\n3,yes\n4,\n');
    const err = failure(() => prepareTabular(parsed, { label: 'y', task: 'binary' }));
    expect(err.code).toBe('single-class');
    expect(err.message).toBe(
      "the label 'y' has only one class ('yes') in the 3 usable rows; a classifier needs at least two. Choose another label column, or add rows of other classes.",
    );
  });

  it('refuses impossible settings with a reason', async () => {
    const parsed = await mixed(60);
    expect(failure(() => prepareTabular(parsed, { columns: { city: { missing: 'mean' } } })).message).toBe(
      'column city is categorical: fill its missing values with the mode (most frequent value) or drop those rows, not the mean',
    );
    expect(failure(() => prepareTabular(parsed, { columns: { city: { type: 'boolean' } } })).message).toMatch(
      /^column city cannot be boolean: .*such as '(Paris|Oslo|Lima|Pune|Kyiv)'/,
    );
    expect(failure(() => prepareTabular(parsed, { task: 'regression' })).message).toMatch(
      /^regression needs a numeric label, but only 0 values of 60 in 'species' are numbers/,
    );
    expect(failure(() => prepareTabular(parsed, { task: 'binary' })).message).toMatch(
      /^the task is binary but the label 'species' has 3 classes/,
    );
    expect(failure(() => prepareTabular(parsed, { maxCategories: 0 })).message).toMatch(
      /^maxCategories must be a whole number of at least 1/,
    );
    expect(failure(() => prepareTabular(parsed, { label: null })).code).toBe('no-label');
  });

  it('reads numbers written with a decimal comma, in training and at inference', async () => {
    const lines = ['weight;colour;price'];
    for (let i = 0; i < 80; i++)
      lines.push(`${(i * 0.5).toFixed(1).replace('.', ',')};${['red', 'blue'][i % 2]};${i * 2 + 1},25`);
    const parsed = await parseCsv(lines.join('\n'));
    const { dataset, report } = prepareTabular(parsed);
    const weight = report.schema.columns[0]!;
    expect([weight.type, weight.numberFormat, weight.summary]).toEqual([
      'numeric',
      'decimal-comma',
      '0 – 39.5, mean 19.8, sd 11.5',
    ]);
    expect([dataset.task, report.schema.label]).toEqual(['regression', 'price']);
    report.splitRows.test.forEach((row, i) => expect(dataset.test.y[i]).toBe(row * 2 + 1.25));
    const t = dataset.transform as TabularTransform;
    const row = report.splitRows.train[4]!;
    expect(applyTransform(t, record(parsed, row))).toEqual(dataset.train.x.subarray(4 * t.width, 5 * t.width));
  });

  it('refuses a prepared dataset over the output budget', async () => {
    const err = failure(() => prepareTabular(mixed400!, { maxOutputBytes: 10_000 }));
    expect(err.message).toBe(
      'the prepared dataset would take 15.6 KB (400 rows × 9 inputs); the limit is 9.8 KB. Cap or ignore wide categorical columns, or use a sample of the rows.',
    );
  });

  it('keeps regression targets as values and splits them by a seeded shuffle', async () => {
    const lines = ['x,color,price'];
    for (let i = 0; i < 200; i++) lines.push(`${i % 17},${['r', 'g'][i % 2]},${(i * 1.5 + 0.25).toFixed(2)}`);
    const parsed = await parseCsv(lines.join('\n'));
    const a = prepareTabular(parsed, { seed: 5 });
    expect(a.dataset.task).toBe('regression');
    expect(a.dataset.classNames).toBeNull();
    expect([a.dataset.train.n, a.dataset.validation.n, a.dataset.test.n]).toEqual([140, 30, 30]);
    a.report.splitRows.test.forEach((row, i) => expect(a.dataset.test.y[i]).toBe(Math.fround(row * 1.5 + 0.25)));
    const b = prepareTabular(parsed, { seed: 5 });
    expect(b.dataset.train.x).toEqual(a.dataset.train.x);
    expect(prepareTabular(parsed, { seed: 6 }).report.splitRows.test).not.toEqual(a.report.splitRows.test);
  });
});
