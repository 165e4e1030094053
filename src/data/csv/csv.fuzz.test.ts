/**
 * Fuzzing the CSV path (issue 8): random text, random bytes, damaged csv-spectrum files and damaged
 * generated tables go through parseCsv and then prepareTabular with random options. Each case
 * either gives a dataset whose arrays are finite and correctly sized, or a DataError with a
 * message; never a crash, and never more than 2 s.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CSV_TOKENS,
  damagedText,
  expectMessagedRejection,
  FUZZ_TEST_TIMEOUT_MS,
  fuzzParameters,
  fuzzSeed,
  mutatedText,
  outcomeOf,
  outcomeOfAsync,
} from '../../model/fuzz-support';
import { DataError } from '../errors';
import type { ParseCsvOptions, PrepareTabularOptions, TabularReport } from '../tabular';
import { inferSchema, parseCsv, prepareTabular } from '../tabular';
import type { PreparedDataset } from '../types';

const SEED = fuzzSeed(process.env.FUZZ_SEED);

const SPECTRUM = join(process.cwd(), 'node_modules/csv-spectrum/csvs');
const spectrum = readdirSync(SPECTRUM).map((f) => readFileSync(join(SPECTRUM, f), 'utf8'));
/** The head of three built-in datasets: real numbers, gaps (penguins) and dates (weather). */
const builtins = ['iris.csv', 'penguins.csv', 'seattle-weather.csv'].map((f) =>
  readFileSync(join(process.cwd(), 'public/datasets', f), 'utf8')
    .split('\n')
    .slice(0, 40)
    .join('\n'),
);

/** Cells of one generated column kind; `r` is a row-seeded random number in [0, 1). */
const CELL_KINDS: readonly ((row: number, r: number) => string)[] = [
  (_, r) => String(Math.round(r * 100)),
  (_, r) => (r * 1e3 - 500).toFixed(3),
  (_, r) => ['red', 'green', 'blue', 'Blue '][Math.floor(r * 4)]!,
  (_, r) => (r < 0.5 ? 'yes' : 'no'),
  (row) => `2024-0${1 + (row % 9)}-1${row % 10}`,
  (row) => `"free, text ${row}"`,
  () => 'constant',
  (_, r) => (r < 0.7 ? '' : 'NA'),
  (_, r) => (r * 10).toFixed(1).replace('.', ','),
  (row) => String(row),
];

/** A well-formed table: the fuzzer then damages it, so cases reach deep into prepareTabular. */
const generatedTable = fc
  .record({
    kinds: fc.array(fc.nat({ max: CELL_KINDS.length - 1 }), { minLength: 1, maxLength: 6 }),
    rows: fc.nat({ max: 60 }),
    salt: fc.integer(),
    missingEvery: fc.integer({ min: 2, max: 20 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
  })
  .map(({ kinds, rows, salt, missingEvery, delimiter, newline }) => {
    const names = kinds.map((k, i) => (i === kinds.length - 1 && k % 2 === 0 ? 'label' : `c${i}_${k}`));
    const lines = [names.join(delimiter)];
    for (let row = 0; row < rows; row++) {
      const cells = kinds.map((k, col) => {
        if ((row + col) % missingEvery === 0) return '';
        const r = Math.abs(Math.sin(salt + row * 31 + col * 7)) % 1;
        return CELL_KINDS[k]!(row, r);
      });
      lines.push(cells.join(delimiter));
    }
    return lines.join(newline);
  });

const csvAlphabet = fc.constantFrom(...CSV_TOKENS, 'a', 'b', 'x', '1', '2', '3');
const randomText = fc.oneof(
  fc.string({ unit: csvAlphabet, maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  // Many short lines, so random text also gets past the header into rows and columns.
  fc.array(fc.string({ unit: csvAlphabet, maxLength: 12 }), { maxLength: 30 }).map((lines) => lines.join('\n')),
);

/** Options a person (or a saved project) could pass, valid or not; `label` picks a column by number. */
interface FuzzOptions extends Omit<PrepareTabularOptions, 'label'> {
  readonly label: number | string | null | undefined;
  readonly parse: ParseCsvOptions;
}

const ratio = fc.oneof(
  { weight: 5, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  fc.constantFrom(-1, Number.NaN, Infinity, 0),
);
const fuzzOptions: fc.Arbitrary<FuzzOptions> = fc.record(
  {
    label: fc.oneof({ weight: 4, arbitrary: fc.nat() }, fc.constantFrom(null, undefined), fc.string({ maxLength: 6 })),
    task: fc.constantFrom('binary' as const, 'multiclass' as const, 'regression' as const),
    scaling: fc.constantFrom('standardize' as const, 'minmax' as const, 'none' as const),
    missing: fc.constantFrom('drop' as const, 'mean' as const, 'median' as const, 'mode' as const),
    maxCategories: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constantFrom(0, -1, 1.5, Number.NaN)),
    split: fc.record({ train: ratio, validation: ratio, test: ratio }),
    seed: fc.integer(),
    parse: fc.oneof(
      { weight: 3, arbitrary: fc.constant({}) },
      fc.record(
        {
          delimiter: fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(',', ';', '\t', '|', ' ') },
            fc.constantFrom('"', '', ',,', '\n'),
            fc.string({ maxLength: 1 }),
          ),
          header: fc.constantFrom(true, false, 'auto' as const),
          skipBadRows: fc.boolean(),
          missingTokens: fc.array(fc.constantFrom('NA', '', '?', 'null', '-', 'a'), { maxLength: 3 }),
          previewRows: fc.constantFrom(0, 1, 20),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: ['label', 'parse'] },
);

function resolveOptions(o: FuzzOptions, columns: readonly string[]): PrepareTabularOptions {
  const { label, parse: _parse, ...rest } = o;
  if (typeof label !== 'number') return label === undefined ? rest : { ...rest, label };
  return columns.length > 0 ? { ...rest, label: columns[label % columns.length]! } : rest;
}

function expectSound(dataset: PreparedDataset, report: TabularReport): void {
  const width = dataset.inputShape.reduce((a, b) => a * b, 1);
  expect(Number.isInteger(width) && width > 0).toBe(true);
  const classes = dataset.classNames?.length ?? 0;
  let rows = 0;
  for (const split of [dataset.train, dataset.validation, dataset.test]) {
    expect(split.x.length).toBe(split.n * width);
    expect(split.y.length).toBe(split.n);
    expect(split.x.every(Number.isFinite), 'an input value is not finite').toBe(true);
    expect(split.y.every(Number.isFinite), 'a target value is not finite').toBe(true);
    if (dataset.task !== 'regression')
      expect(
        split.y.every((y) => Number.isInteger(y) && y >= 0 && y < classes),
        'a class index is out of range',
      ).toBe(true);
    rows += split.n;
  }
  expect(rows).toBe(report.rows.used);
  expect(report.featureNames.length).toBe(width);
}

const optionsText = (o: PrepareTabularOptions) =>
  Object.values(o)
    .map((v) => (typeof v === 'object' && v ? Object.values(v).join(' ') : String(v)))
    .join(' ');

/** What the cases reached, so a test can tell when the fuzzer stopped getting past the parser. */
const reached = { parsed: 0, prepared: 0 };

/** Guards the fuzzer itself: with a fixed seed, enough cases must get past each stage. */
function expectReached(parsed: number, prepared: number): void {
  expect(reached.parsed).toBeGreaterThanOrEqual(parsed);
  expect(reached.prepared).toBeGreaterThanOrEqual(prepared);
}

/** The whole property for one input: parse, infer, prepare; every step succeeds soundly or refuses clearly. */
async function parseAndPrepare(input: string | Uint8Array, fuzzed: FuzzOptions): Promise<void> {
  // What a message may legitimately quote: the text as read (leak checks skip words it contains).
  const inputText = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const parsed = await outcomeOfAsync('parseCsv', () => parseCsv(input, fuzzed.parse));
  if (!parsed.ok) {
    expectMessagedRejection(parsed.error, DataError, `${inputText} ${fuzzed.parse.delimiter ?? ''}`);
    return;
  }
  const table = parsed.value;
  reached.parsed++;
  expect(table.columns.every((c) => c.length === table.rowCount)).toBe(true);
  const names = table.columns.map((c) => c.name);
  const schema = outcomeOf('inferSchema', () => inferSchema(table));
  if (!schema.ok) expectMessagedRejection(schema.error, DataError, inputText);
  for (const options of [{}, resolveOptions(fuzzed, names)]) {
    const prepared = outcomeOf('prepareTabular', () => prepareTabular(table, options));
    if (prepared.ok) {
      reached.prepared++;
      expectSound(prepared.value.dataset, prepared.value.report);
    } else {
      expectMessagedRejection(prepared.error, DataError, `${inputText} ${optionsText(options)}`);
    }
  }
}

describe('CSV fuzzing', () => {
  beforeEach(() => {
    reached.parsed = 0;
    reached.prepared = 0;
  });

  it('parses and prepares random text or refuses it with a message', { timeout: FUZZ_TEST_TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(randomText, fuzzOptions, async (text, options) => {
        await parseAndPrepare(text, options);
      }),
      fuzzParameters(SEED),
    );
    expectReached(20, 0);
  });

  it(
    'parses and prepares damaged csv-spectrum files and built-in datasets',
    { timeout: FUZZ_TEST_TIMEOUT_MS },
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedText([...spectrum, ...builtins]), fuzzOptions, async (text, options) => {
          await parseAndPrepare(text, options);
        }),
        fuzzParameters(SEED + 1),
      );
      expectReached(200, 50);
    },
  );

  it(
    'parses and prepares damaged generated tables with random options',
    { timeout: FUZZ_TEST_TIMEOUT_MS },
    async () => {
      await fc.assert(
        fc.asyncProperty(damagedText(generatedTable, 3), fuzzOptions, async (text, options) => {
          await parseAndPrepare(text, options);
        }),
        fuzzParameters(SEED + 2),
      );
      expectReached(300, 100);
    },
  );

  it('reads random bytes as UTF-8 or names the bad byte', { timeout: FUZZ_TEST_TIMEOUT_MS }, async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      mutatedText(spectrum).map((t) => new TextEncoder().encode(t)),
      fc.tuple(mutatedText(spectrum), fc.nat(), fc.integer({ min: 0x80, max: 0xff })).map(([t, at, b]) => {
        const u = new TextEncoder().encode(t);
        if (u.length > 0) u[at % u.length] = b;
        return u;
      }),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fuzzOptions, async (input, options) => {
        await parseAndPrepare(input, options);
      }),
      fuzzParameters(SEED + 3),
    );
    expectReached(50, 10);
  });
});

/**
 * Bugs this suite found, each pinned by a test that fails today (`it.fails` passes while the bug
 * is there) or, when the case itself would strain CI, skipped. Fixed: make it a plain `it`.
 */
describe('CSV: known bugs', () => {
  // Was BUG 6 (fixed: more than 10,000 columns are refused with a message): memory and time grew ~5 KB and ~0.05 ms per column whatever the row count, with a far
  // higher peak while parsing. A line of commas is enough: ','.repeat(10_000) (10 KB) takes 0.4 s and
  // ~100 MB, ','.repeat(100_000) 6 s and ~1 GB, ','.repeat(300_000) (a 300 KB file) runs a 2 GB
  // heap out of memory — a crashed tab. Skipped: the case itself would take the CI worker down.
  it('parses a 300 KB line of commas within 2 s', async () => {
    const parsed = await outcomeOfAsync('parseCsv', () => parseCsv(','.repeat(300_000)));
    if (!parsed.ok) expectMessagedRejection(parsed.error, DataError);
  });

  // Was BUG 7: the header-only refusal listed every column name (129,000 characters for 10,000 columns).
  it('keeps the header-only message short however wide the header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 200, max: 2000 }), async (width) => {
        const parsed = await outcomeOfAsync('parseCsv', () =>
          parseCsv(Array.from({ length: width }, (_, i) => `c${i}`).join(',')),
        );
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect((parsed.error as Error).message.length).toBeLessThan(1000);
      }),
      fuzzParameters(SEED + 4, undefined, 20),
    );
  });
});

describe('CSV: known bugs (numbers)', () => {
  // Was BUG 8 (fixed: refused up front, naming column, row and value): numbers beyond the Float32 range (|v| > 3.4e38) reach the Float32Array splits as ±Infinity:
  // a regression label of -5e59 gives y = -Infinity; a feature of 1e39 gives x = Infinity with scaling
  // 'none', and also with 'standardize' when the value falls in the validation or test split (the
  // training statistics do not shrink it enough). Training then yields NaN losses. Minimal case:
  // "a,y" with rows "0.5,0" … and one row "3.5e38,3", prepareTabular(t, { label: 'y', scaling: 'none' }).
  // Found by FUZZ_SEED=8 and FUZZ_SEED=19 ("body_mass_g" of 3e50 in a damaged penguins.csv).
  it('keeps numbers beyond the Float32 range out of the dataset', async () => {
    const huge = fc.double({ min: 3.5e38, max: 1e308, noNaN: true });
    const scaling = fc.constantFrom('none' as const, 'standardize' as const, 'minmax' as const);
    await fc.assert(
      fc.asyncProperty(
        huge,
        fc.boolean(),
        fc.nat({ max: 19 }),
        fc.boolean(),
        scaling,
        async (value, negative, row, inLabel, scale) => {
          const lines = ['a,y', ...Array.from({ length: 20 }, (_, i) => `${((i * 7) % 5) + 0.5},${i * 1.5}`)];
          const big = String(negative ? -value : value);
          lines[row + 1] = inLabel ? `1.5,${big}` : `${big},3`;
          const table = await parseCsv(lines.join('\n'));
          const prepared = outcomeOf('prepareTabular', () => prepareTabular(table, { label: 'y', scaling: scale }));
          if (prepared.ok) expectSound(prepared.value.dataset, prepared.value.report);
          else expectMessagedRejection(prepared.error, DataError, big);
        },
      ),
      fuzzParameters(SEED + 5, undefined, 50),
    );
  });
});
