/**
 * Every small robustness case of issue 14 ("Bad input never becomes wrong numbers or lost
 * weights"): its files, what it reproduces and the outcome the app and the CLI must give.
 * scripts/robustness-fixtures.ts writes them to test-fixtures/robustness/ (committed, with a
 * README generated from the same list); tests may import the generators directly. The large cases
 * (gigabytes, written at test time) are in ./robustness-large.ts. Pure and deterministic.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { solidPng } from '../../e2e/fixtures/tiny-png.mjs';
import * as csv from './robustness-csv';
import { modelMissingWeights, modelNanWeights, tinyModel } from './robustness-models';

export interface SmallCase {
  /** File or folder name under test-fixtures/robustness/. */
  readonly name: string;
  /** Paths relative to test-fixtures/robustness/ → exact bytes. */
  readonly files: Readonly<Record<string, Uint8Array>>;
  readonly reproduces: string;
  readonly expected: string;
}

/** Fixed timestamp so a rerun writes byte-identical ZIPs. */
const MTIME = new Date('2024-01-01T00:00:00Z');
const png = (shade: number) => solidPng(4, 4, [shade, 255 - shade, 64, 255]);
const zip = (files: Record<string, Uint8Array>) => zipSync(files as Zippable, { level: 6, mtime: MTIME });

/** One class folder, `only/`, with four tiny PNGs. */
export function oneClassZip(): Uint8Array {
  return zip(Object.fromEntries([1, 2, 3, 4].map((i) => [`only/${i}.png`, png(i * 40)])));
}

/** Names in the ZIP of images with hostile or tricky entry names. */
export const ZIP_NAMES = {
  traversal: '../evil/x.png',
  nfc: 'caf\u00e9/1.png',
  nfd: 'cafe\u0301/2.png',
  rtl: 'gnp.\u202eexe/1.png',
  rtl2: 'gnp.\u202eexe/2.png',
  normal: ['dog/1.png', 'dog/2.png', 'dog/3.png'],
} as const;

/** `../evil/x.png`, café/ in NFC and in NFD, a class name with U+202E, and a normal class. */
export function zipNamesZip(): Uint8Array {
  const { traversal, nfc, nfd, rtl, rtl2, normal } = ZIP_NAMES;
  const files: Record<string, Uint8Array> = {
    [traversal]: png(10),
    [nfc]: png(60),
    [nfd]: png(90),
    [rtl]: png(120),
    [rtl2]: png(150),
  };
  normal.forEach((name, i) => (files[name] = png(180 + i * 20)));
  return zip(files);
}

function modelCase(
  name: string,
  model: { modelJson: string; weights: Uint8Array },
  extra: Record<string, Uint8Array>,
  reproduces: string,
  expected: string,
): SmallCase {
  return {
    name: `${name}/`,
    files: { [`${name}/model.json`]: strToU8(model.modelJson), ...extra },
    reproduces,
    expected,
  };
}

export function smallCases(): SmallCase[] {
  const file = (name: string, bytes: Uint8Array, reproduces: string, expected: string): SmallCase => ({
    name,
    files: { [name]: bytes },
    reproduces,
    expected,
  });
  const nan = modelNanWeights();
  return [
    file(
      'thousands.csv',
      csv.thousandsCsv(),
      'Comma file where quoted "1,500", "996" and "12,345.50" share the `amount` column; `total` holds only "12,345.67"-style values.',
      'Both columns numeric: amount 1500, 996, 12345.5, …; total 12345.67, 1000, …; label binary. Never categorical, never NaN.',
    ),
    file(
      'thousands-decimal-comma.csv',
      csv.thousandsDecimalCommaCsv(),
      'Semicolon file with European numbers in `price`: 1.234,5 / 987,25 / 12.345,75.',
      'price numeric: 1234.5, 987.25, 12345.75, 3.5, 1000000.01, …',
    ),
    file(
      'ambiguous-number-format.csv',
      csv.ambiguousNumberFormatCsv(),
      'Semicolon file whose `amount` is only d,ddd values (1,234 could be 1234 or 1.234).',
      'The ambiguity is reported for `amount` (a warning naming the column); the value is not silently guessed.',
    ),
    file(
      'numeric-header.csv',
      csv.numericHeaderCsv(),
      "statsmodels' fertility.csv layout: header `Country Name,Country Code,1960,…,1970`, 30 rows of floats, some empty.",
      'The first line is the header (columns named 1960…1970), not a data row; the year columns are numeric with their empty cells counted as missing.',
    ),
    modelCase(
      'model-missing-weights',
      modelMissingWeights(),
      {},
      'model.json whose weightsManifest names group1-shard1of1.bin, which is absent.',
      'Refused (app import and CLI train) with a message naming group1-shard1of1.bin; never silently fresh weights.',
    ),
    modelCase(
      'model-weights-dir',
      tinyModel(),
      { 'model-weights-dir/weights.bin/.gitkeep': new Uint8Array(0) },
      'model.json whose weights path weights.bin is a directory.',
      'Refused with a message that weights.bin is a directory (not a crash, not fresh weights).',
    ),
    modelCase(
      'model-nan-weights',
      nan,
      { 'model-nan-weights/weights.bin': nan.weights },
      'Exported model whose dense/kernel holds a NaN (element 5) and dense_1/bias an Infinity.',
      'Refused or warned, naming dense/kernel (NaN) and dense_1/bias (Inf); training never starts from them silently.',
    ),
    file(
      'inf-cells.csv',
      csv.infCellsCsv(),
      '300 rows; float `target` has Inf (data row 17, file line 18), -inf (row 120) and 1e309 (row 233); feature x1 has inf at row 58.',
      'target stays numeric (regression); the non-finite cells count as missing with a warning naming the first row (17 for target, 58 for x1).',
    ),
    file(
      'whitespace-delimited.csv',
      csv.whitespaceDelimitedCsv(),
      "statsmodels' spector layout: columns OBS GPA TUCE PSI GRADE aligned with runs of spaces.",
      'Read as 5 columns (whitespace delimiter), GRADE a binary label; not one text column.',
    ),
    file(
      'utf16le-no-bom.csv',
      csv.utf16leNoBomCsv(),
      'UTF-16LE bytes with no byte-order mark (a NUL after every ASCII byte).',
      'Decoded as UTF-16LE (columns a, b, label), or refused saying it looks like UTF-16; never columns full of NULs.',
    ),
    file(
      'one-class.zip',
      oneClassZip(),
      'ZIP of images with a single class folder, only/, holding 4 PNGs.',
      'Refused for classification: needs at least two classes, naming the one class found.',
    ),
    file(
      'empty-label.csv',
      csv.emptyLabelCsv(),
      'A column named `label` whose 20 cells are all empty.',
      'Refused: the label column has no values (named); another column is not silently used as the label.',
    ),
    file(
      'zip-names.zip',
      zipNamesZip(),
      'ZIP entries ../evil/x.png, café/1.png (NFC), café/2.png (NFD: e + U+0301), a class folder named with U+202E (right-to-left override), and dog/ with 3 PNGs.',
      '../evil/x.png skipped with a warning; the two café spellings are one class of 2 images; the U+202E name is shown with the control character visible; dog has 3 images.',
    ),
    file(
      'grunfeld-like.csv',
      csv.grunfeldLikeCsv(),
      "Grunfeld's panel layout: invest,value,capital,firm,year for 11 firms × 1935–1954 (220 rows of plausible floats).",
      'A numeric label with many distinct values (invest, or the default) is regression, not 220 classes.',
    ),
    file(
      'longley-like.csv',
      csv.longleyLikeCsv(),
      "Longley's layout: 16 rows of TOTEMP,GNPDEFL,GNP,UNEMP,ARMED,POP,YEAR (YEAR 1947–1962).",
      'Default label YEAR (16 distinct values in 16 rows) is regression; if classification is asked for, the 16 one-row classes are reported as too small to split.',
    ),
    file(
      'bad-rows.csv',
      csv.badRowsCsv(),
      'Data rows 4 and 8 (file lines 5 and 9) have one and two extra fields.',
      'Refused naming row 4 and pointing at --skip-bad-rows; with it, 8 rows are read and the 2 skipped rows are reported.',
    ),
    file(
      'windows-1252.csv',
      csv.windows1252Csv(),
      'windows-1252 text: é is the single byte 0xE9 (José, Montréal, …).',
      'Without --encoding: refused or warned that it is not UTF-8 (naming the line); with --encoding windows-1252: José, Montréal read exactly.',
    ),
  ];
}

/** test-fixtures/robustness/README.md: one row per case, from the same list as the files. */
export function fixturesReadme(cases: readonly SmallCase[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '# Robustness fixtures (issue 14)',
    '',
    'Small inputs that must never become wrong numbers or lost weights. Generated by',
    '`npx tsx scripts/robustness-fixtures.ts` from `src/test-support/robustness-cases.ts`; do not edit by hand',
    '(rerun the script: it rewrites every file byte for byte). The large cases (a 200 MB nested model.json,',
    'a ZIP declaring a 21 GB image, CSVs of 1.8 GB and over 2 GiB, a 3 GB weights file) are generated at',
    'bench/test time by `src/test-support/robustness-large.ts` and never committed; `npm run bench -- robustness`',
    'runs them through the CLI and headless Chromium.',
    '',
    '| File | Reproduces | Expected outcome |',
    '| --- | --- | --- |',
    ...cases.map((c) => `| \`${c.name}\` | ${cell(c.reproduces)} | ${cell(c.expected)} |`),
    '',
  ].join('\n');
}
