/**
 * The standalone page's preprocess.js must turn raw records and images into exactly the numbers the
 * app's own transform gives (src/data's applyTransform and rgbaToInput), from metadata.json alone.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { toBoolean as appToBoolean, toDays as appToDays, toNumber as appToNumber } from '../../data/csv/cells';
import { toNumberDecimalComma as appDecimalComma } from '../../data/csv/cells';
import { parseCsv } from '../../data/csv/parse';
import { cellText, type ParsedCsv } from '../../data/csv/table';
import {
  rgbaToInput as appRgbaToInput,
  centerCropRect as appCenterCrop,
  imageTransform,
} from '../../data/images/transform';
import type { ImageTransform } from '../../data/images/transform';
import type { TabularTransform } from '../../data/preprocess';
import { applyTransform, type RawRecord } from '../../data/preprocess-apply';
import { mulberry32 } from '../../data/random';
import { prepareTabular, type TabularReport } from '../../data/tabular';
import type { PreparedDataset } from '../../data/types';
import { metadataFromDataset, readMetadata, type ImagePreprocessing, type TabularPreprocessing } from './metadata';
import {
  centerCropRect,
  encodeRecord,
  readPrediction,
  rgbaToInput,
  toBoolean,
  toDays,
  toNumber,
  toNumberDecimalComma,
} from './standalone/preprocess.js';

/** Numeric (gaps, min-max), decimal-comma, numeric-coded categorical, text categorical with "other", boolean, date. */
async function mixedCsv(rows = 300): Promise<ParsedCsv> {
  const r = mulberry32(3);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const lines = ['age;income;price;zone;city;member;joined;species'];
  for (let i = 0; i < rows; i++) {
    const age = i % 17 === 0 ? 'NA' : String(18 + Math.floor(r() * 60));
    const income = (r() * 1000 + (i % 2) * 4000).toFixed(2);
    const price = i % 13 === 0 ? '' : `${Math.floor(r() * 90)},${Math.floor(r() * 10)}`;
    const zone = pick(['1', '2', '3', '10']);
    const city = pick(['Paris', 'Oslo', 'Lima', 'Pune', 'Kyiv', 'Quito', 'Accra']);
    const member = i % 29 === 0 ? '' : r() < 0.4 ? 'yes' : 'no';
    const joined = `20${10 + Math.floor(r() * 10)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 10)}`;
    lines.push([age, income, price, zone, city, member, joined, pick(['setosa', 'versicolor', 'virginica'])].join(';'));
  }
  return parseCsv(lines.join('\n'));
}

let parsed: ParsedCsv;
let dataset: PreparedDataset;
let report: TabularReport;
let transform: TabularTransform;
let tabular: TabularPreprocessing;

beforeAll(async () => {
  parsed = await mixedCsv();
  ({ dataset, report } = prepareTabular(parsed, {
    label: 'species',
    maxCategories: 4,
    columns: { income: { scaling: 'minmax' }, zone: { type: 'categorical' }, age: { missing: 'median' } },
  }));
  transform = dataset.transform as TabularTransform;
  // Through JSON, as the page gets it.
  const metadata = readMetadata(JSON.stringify(metadataFromDataset(dataset, 'mixed')));
  if (metadata.preprocessing?.kind !== 'tabular') throw new Error('expected tabular preprocessing');
  tabular = metadata.preprocessing;
});

const recordOf = (row: number) => Object.fromEntries(parsed.columns.map((c) => [c.name, cellText(c, row)]));

describe('tabular: encodeRecord (preprocess.js) equals the app', () => {
  it('covers every feature kind the test means to cover', () => {
    const types = transform.features.map((f) => `${f.name}:${f.type}`);
    expect(types).toEqual([
      'age:numeric',
      'income:numeric',
      'price:numeric',
      'zone:categorical',
      'city:categorical',
      'member:boolean',
      'joined:date',
    ]);
    const city = transform.features.find((f) => f.name === 'city');
    expect(city?.type === 'categorical' && city.other).toBe(true);
    expect(transform.features.find((f) => f.name === 'price')).toMatchObject({ decimalComma: true });
  });

  it('gives the training inputs of every row of every split, by name and as an array', () => {
    for (const split of ['train', 'validation', 'test'] as const) {
      const rows = report.splitRows[split];
      rows.forEach((row, i) => {
        const expected = dataset[split].x.subarray(i * transform.width, (i + 1) * transform.width);
        expect(encodeRecord(tabular, recordOf(row))).toEqual(expected);
        expect(
          encodeRecord(
            tabular,
            parsed.columns.map((c) => cellText(c, row)),
          ),
        ).toEqual(expected);
      });
    }
  });

  it('fills missing values and sends unseen categories to "other" as the app does', () => {
    const odd: RawRecord[] = [
      {},
      { age: null, income: 'NA', price: '', zone: '7', city: 'Atlantis', member: 'TRUE', joined: '' },
      { age: 44, income: 1234.5, price: 3.5, zone: 10, city: 'Oslo', member: true, joined: '2015-02-30' },
      {
        age: ' 31 ',
        income: '1e3',
        price: '1.234,5',
        zone: '10.0',
        city: ' Oslo',
        member: 'N',
        joined: '2014-05-11T10:30Z',
      },
      { age: 'n/a', income: '?', price: 'abc', zone: 'NaN', city: '', member: 'maybe', joined: '2019/3/4' },
      [null, '7', undefined, '2', 'Lima', 'f', '2012-01-01 12:00:00+02:00'],
    ];
    for (const record of odd) expect(encodeRecord(tabular, record)).toEqual(applyTransform(transform, record));
  });

  it('agrees on any strings typed into the form (property test)', () => {
    const names = transform.features.map((f) => f.name);
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('NA', '', ' 5 ', '1,5', 'yes', '2020-02-29', 'Oslo', '10'),
    );
    fc.assert(
      fc.property(fc.array(fc.option(cell), { minLength: names.length, maxLength: names.length }), (cells) => {
        const record = Object.fromEntries(names.map((n, i) => [n, cells[i]]));
        expect(encodeRecord(tabular, record)).toEqual(applyTransform(transform, record));
      }),
      { numRuns: 300 },
    );
  });

  it('reads single cells as the CSV reader of the app does', () => {
    const numberish = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.double().map(String),
      fc.integer().map((v) => ` ${v}.`),
      fc.constantFrom('0x1f', '-0', '.5', '-.5', '1e400', 'Infinity', '  ', '1_000', '00012.50'),
    );
    fc.assert(
      fc.property(numberish, (s) => {
        expect(Object.is(toNumber(s), appToNumber(s))).toBe(true);
        expect(Object.is(toNumberDecimalComma(s), appDecimalComma(s))).toBe(true);
        expect(Object.is(toBoolean(s), appToBoolean(s))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    const dates = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc
        .date({ noInvalidDate: true, min: new Date(1000, 0, 1), max: new Date(9000, 0, 1) })
        .map((d) => d.toISOString()),
      fc.constantFrom(
        '2023-02-30',
        '2024-02-29',
        '2024-3-5 7:05',
        '2024-03-05T14:30:00.123+02:00',
        '2024/03/05 10:00 -0530',
      ),
    );
    fc.assert(
      fc.property(dates, (s) => {
        expect(Object.is(toDays(s), appToDays(s))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('images: rgbaToInput (preprocess.js) equals the app', () => {
  it.each([1, 3] as const)('turns RGBA bytes into the same %i-channel floats, transparency included', (channels) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.infiniteStream(fc.nat(255)),
        (w, h, stream) => {
          const rgba = Uint8ClampedArray.from(stream.take(w * h * 4));
          expect(rgbaToInput(rgba, w, h, channels)).toEqual(appRgbaToInput(rgba, w, h, channels));
        },
      ),
      { numRuns: 200 },
    );
    // A known pixel: opaque pure red, and half-transparent white (composited onto black).
    const rgba = Uint8ClampedArray.from([255, 0, 0, 255, 255, 255, 255, 128]);
    const out = rgbaToInput(rgba, 2, 1, channels);
    if (channels === 1)
      expect(Array.from(out)).toEqual([Math.fround(0.299), Math.fround((0.299 + 0.587 + 0.114) * (128 / 255))]);
    else expect(Array.from(out.subarray(0, 3))).toEqual([1, 0, 0]);
  });

  it('crops the same centred region', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 256 }),
        fc.integer({ min: 1, max: 256 }),
        (sw, sh, w, h) => {
          expect(centerCropRect(sw, sh, w, h)).toEqual(appCenterCrop(sw, sh, w, h));
        },
      ),
    );
  });

  it('reads the image part of the metadata from an image dataset transform', () => {
    const t = imageTransform({ width: 8, height: 6, channels: 1 }, 'center-crop');
    const image = { ...dataset, kind: 'image' as const, inputShape: [6, 8, 1], transform: t };
    const pre = readMetadata(JSON.stringify(metadataFromDataset(image, 'img'))).preprocessing;
    expect(pre).toEqual({ ...t, grayscale: 'bt601-luma', alpha: 'composite-on-black' });
  });
});

describe('readPrediction', () => {
  it('lists classes most likely first, expands a single sigmoid unit, and names a regression value', () => {
    const meta = metadataFromDataset(dataset, 'm');
    const multi = readPrediction(meta, [0.2, 0.7, 0.1]);
    expect(multi).toEqual({
      kind: 'classes',
      classes: [
        { name: 'versicolor', probability: 0.7 },
        { name: 'setosa', probability: 0.2 },
        { name: 'virginica', probability: 0.1 },
      ],
    });
    const binary = {
      ...meta,
      classNames: ['no', 'yes'],
      outputs: [{ name: 'o', shape: [1], meaning: 'binary-probability' as const }],
    };
    expect(readPrediction(binary, [0.25])).toEqual({
      kind: 'classes',
      classes: [
        { name: 'no', probability: 0.75 },
        { name: 'yes', probability: 0.25 },
      ],
    });
    const regression = { ...meta, outputs: [{ name: 'o', shape: [1], meaning: 'value' as const }] };
    expect(readPrediction(regression, [4.5])).toEqual({ kind: 'value', value: 4.5, name: 'species' });
  });
});

/** `T` with every `readonly` removed, all the way down (src/data's types are read-only, zod's are not). */
type Writable<T> = T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;

describe('the metadata schema mirrors src/data', () => {
  it('has the same fields as TabularTransform and ImageTransform', () => {
    expectTypeOf<TabularPreprocessing>().toEqualTypeOf<Writable<TabularTransform>>();
    expectTypeOf<Omit<ImagePreprocessing, 'grayscale' | 'alpha'>>().toEqualTypeOf<Writable<ImageTransform>>();
    // And at run time: nothing of the transform is dropped on the way into metadata.json.
    expect(tabular).toEqual(JSON.parse(JSON.stringify(transform)));
  });
});
