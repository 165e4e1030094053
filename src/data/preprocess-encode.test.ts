import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv/parse';
import type { ParsedCsv } from './csv/table';
import { cellText } from './csv/table';
import type { FeatureTransform, TabularTransform } from './preprocess';
import { applyTransform } from './preprocess-apply';
import { encodeSplits } from './preprocess-encode';
import type { FeatureSpec, FittedFeature } from './preprocess-fit';
import { fitFeature } from './preprocess-fit';
import { mulberry32, shuffleInPlace } from './random';

/** Numbers with gaps, numbers held as a dictionary, booleans, a category to cap, dates. */
async function table(rows: number): Promise<ParsedCsv> {
  const r = mulberry32(3);
  const lines = ['x,level,member,city,day'];
  for (let i = 0; i < rows; i++) {
    const x = i % 13 === 0 ? 'NA' : (r() * 100 - 50).toFixed(3);
    // One cell in ten is text: too few numbers for a number column, so it stays a dictionary.
    const level = i % 29 === 0 ? '' : i % 10 === 0 ? 'n/a?' : String([1.5, 2.5, 4][i % 3]);
    const member = i % 17 === 0 ? '' : r() < 0.3 ? 'yes' : 'no';
    const city = i % 19 === 0 ? '' : `c${Math.floor(r() * r() * 12)}`;
    const day = `2024-0${1 + (i % 9)}-1${i % 10}`;
    lines.push([x, level, member, city, day].join(','));
  }
  return parseCsv(lines.join('\n'));
}

const TYPES: FeatureSpec['type'][] = ['numeric', 'numeric', 'boolean', 'categorical', 'date'];

function fit(parsed: ParsedCsv, train: Int32Array): { fitted: FittedFeature[]; transform: TabularTransform } {
  const fitted: FittedFeature[] = [];
  let width = 0;
  parsed.columns.forEach((column, i) => {
    const spec: FeatureSpec = {
      column,
      type: TYPES[i]!,
      missing: i === 0 ? 'median' : i === 1 ? 'mean' : 'mode',
      scaling: i === 4 ? 'minmax' : 'standardize',
      maxCategories: 4,
    };
    const f = fitFeature(spec, train, width)!;
    fitted.push(f);
    width += f.feature.width;
  });
  const features: FeatureTransform[] = fitted.map((f) => f.feature);
  const transform: TabularTransform = {
    kind: 'tabular',
    version: 1,
    width,
    columns: parsed.columns.map((c) => c.name),
    features,
    featureNames: [],
    label: { name: 'y', source: 99, task: 'regression', mean: 0, std: 1 },
    missingTokens: parsed.missingTokens,
  };
  return { fitted, transform };
}

describe('encodeSplits', () => {
  it('writes every row of every split exactly as applyTransform writes it, however the work is cut up', async () => {
    const parsed = await table(700);
    expect(parsed.columns.map((c) => c.kind)).toEqual([
      'numbers',
      'dictionary',
      'dictionary',
      'dictionary',
      'dictionary',
    ]);
    // A shuffled 60/25/15 plan over all rows but a few unused ones.
    const order = shuffleInPlace(
      Array.from({ length: parsed.rowCount - 5 }, (_, i) => i + 5),
      mulberry32(9),
    );
    const splits = {
      train: Int32Array.from(order.slice(0, 417)),
      validation: Int32Array.from(order.slice(417, 591)),
      test: Int32Array.from(order.slice(591)),
    };
    const trainInOrder = Int32Array.from(splits.train).sort();
    const { fitted, transform } = fit(parsed, trainInOrder);
    const targets = Float64Array.from({ length: parsed.rowCount }, (_, i) => i * 0.25);
    const whole = encodeSplits(fitted, transform.width, splits, targets);
    const cut = encodeSplits(fitted, transform.width, splits, targets, { blockBytes: 64, stageBytes: 1000 });
    expect(cut).toEqual(whole);
    for (const name of ['train', 'validation', 'test'] as const) {
      const { x, y } = whole[name];
      expect(x.length).toBe(splits[name].length * transform.width);
      splits[name].forEach((row, p) => {
        const record = parsed.columns.map((c) => cellText(c, row));
        const expected = applyTransform(transform, record);
        expect(x.subarray(p * transform.width, (p + 1) * transform.width)).toEqual(expected);
        expect(y[p]).toBe(row * 0.25);
      });
    }
  });
});
