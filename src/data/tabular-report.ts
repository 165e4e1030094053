/** Report pieces for prepareTabular: rows per class and split, and one-hot width warnings. */
import type { DataProblem } from './errors';
import { plural } from './errors';
import type { FeatureTransform } from './preprocess';
import { WIDE_ONE_HOT } from './preprocess';

export function splitCountsByClass(
  classNames: readonly string[],
  splits: Record<'train' | 'validation' | 'test', { readonly y: Float32Array }>,
): { name: string; train: number; validation: number; test: number }[] {
  const tally = (y: Float32Array) => {
    const counts = new Int32Array(classNames.length);
    for (let i = 0; i < y.length; i++) counts[y[i]!]!++;
    return counts;
  };
  const train = tally(splits.train.y);
  const validation = tally(splits.validation.y);
  const test = tally(splits.test.y);
  return classNames.map((name, k) => ({ name, train: train[k]!, validation: validation[k]!, test: test[k]! }));
}

/**
 * A categorical column that adds many inputs: say how many, what the whole input width is, and
 * what to do; and say so when the cap folded values into "other".
 */
export function widthProblems(features: readonly FeatureTransform[], width: number): DataProblem[] {
  const problems: DataProblem[] = [];
  for (const f of features) {
    if (f.type !== 'categorical') continue;
    if (f.other) {
      problems.push({
        severity: 'info',
        code: 'categories-capped',
        column: f.name,
        message: `column ${f.name}: kept the ${plural(f.categories.length, 'most frequent value')} of ${f.seen.toLocaleString('en-US')}; the others share one "other" input`,
      });
    }
    if (f.width > WIDE_ONE_HOT) {
      problems.push({
        severity: 'warning',
        code: 'wide-one-hot',
        column: f.name,
        message:
          `column ${f.name} would add ${plural(f.width, 'input')} (one per value${f.other ? ', plus "other"' : ''}), making ${plural(width, 'input')} in all; ` +
          `cap it (max categories, e.g. 20) or ignore it`,
      });
    }
  }
  return problems;
}

/** One name per model input: "age", "city=Paris", "city=(other)", "joined (days)". */
export function featureNames(f: FeatureTransform): string[] {
  if (f.type === 'text') return Array.from({ length: f.width }, (_, i) => `${f.name}[${i}]`);
  if (f.type !== 'categorical') return [f.type === 'date' ? `${f.name} (days)` : f.name];
  return [...f.categories.map((c) => `${f.name}=${c}`), ...(f.other ? [`${f.name}=(other)`] : [])];
}

export function classProblems(
  classes: readonly { name: string; train: number; validation: number; test: number }[],
): DataProblem[] {
  const rare = classes.filter((c) => c.train + c.validation + c.test < 3);
  if (rare.length === 0) return [];
  const names = rare.slice(0, 5).map((c) => `'${c.name}' (${c.train + c.validation + c.test})`);
  return [
    {
      severity: 'warning',
      code: 'rare-class',
      message: `${plural(rare.length, 'class', 'classes')} ${rare.length === 1 ? 'has' : 'have'} fewer than 3 rows — ${names.join(', ')}${rare.length > 5 ? ', …' : ''}; they cannot appear in every split`,
    },
  ];
}
