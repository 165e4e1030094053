import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { booleanPair, missingTest, toBoolean, toDays, toNumber, toNumberDecimalComma } from './cells';

describe('toNumber', () => {
  it('gives exactly what Number gives for plain decimals (the fast path)', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 9 }),
        (v, digits) => {
          const text = v.toFixed(digits);
          expect(Object.is(toNumber(text), Number(text))).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads other number forms like Number and refuses blanks and infinities', () => {
    for (const text of [
      '1e5',
      ' 42 ',
      '+3',
      '.5',
      '5.',
      '-0',
      '007',
      '-.25',
      '1234567890123456789',
      '0.1234567890123456',
    ]) {
      expect(Object.is(toNumber(text), Number(text))).toBe(true);
    }
    for (const text of ['', '   ', 'Infinity', '-Infinity', 'abc', '1,5', '12a', '-', '.', '1.2.3'])
      expect(toNumber(text)).toBeNaN();
  });
});

describe('toNumber on any short text of number characters', () => {
  const text = fc.string({ unit: fc.constantFrom(...'0123456789.-+e '), maxLength: 19 });
  it('toNumber is Number, except blanks and infinities', () => {
    fc.assert(
      fc.property(text, (s) => {
        const n = Number(s);
        const expected = s.trim() === '' || !Number.isFinite(n) ? NaN : n;
        expect(Object.is(toNumber(s), expected)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('toNumberDecimalComma', () => {
  it('reads decimal commas and thousands dots', () => {
    expect(['3,5', '-0,25', '12', '1.234,5', '1.234.567', ' 7,0 '].map(toNumberDecimalComma)).toEqual([
      3.5, -0.25, 12, 1234.5, 1234567, 7,
    ]);
    for (const text of ['1.5', '1,2,3', '12.34,5', 'abc', '']) expect(toNumberDecimalComma(text), text).toBeNaN();
  });
});

describe('missing tokens', () => {
  it('reads empty, NA, N/A, null, NaN and ? as missing in any case and with spaces', () => {
    const isMissing = missingTest();
    for (const cell of ['', 'NA', 'na', ' N/A ', 'null', 'NULL', 'NaN', 'nan', '?', '#N/A'])
      expect(isMissing(cell), cell).toBe(true);
    for (const cell of ['0', 'None', 'n', 'NAN1', 'not available']) expect(isMissing(cell), cell).toBe(false);
  });
  it('uses the tokens given', () => {
    const isMissing = missingTest(['-', 'missing']);
    expect([isMissing('-'), isMissing(' MISSING'), isMissing('NA'), isMissing('')]).toEqual([true, true, false, true]);
  });
});

describe('booleans', () => {
  it('maps each pair to 0/1', () => {
    expect(['yes', 'No', 'TRUE', 'f', '1', '0', 'y', 'maybe'].map(toBoolean)).toEqual([1, 0, 1, 0, 1, 0, 1, NaN]);
  });
  it('accepts one pair at a time', () => {
    expect(booleanPair(['Yes', 'no'])).toEqual(['no', 'yes']);
    expect(booleanPair(['0', '1'])).toEqual(['0', '1']);
    expect(booleanPair(['yes', 'false'])).toBeNull();
    expect(booleanPair(['male', 'female'])).toBeNull();
  });
});

describe('toDays', () => {
  it('reads ISO-like dates as days since 1970-01-01 (UTC)', () => {
    expect(toDays('1970-01-02')).toBe(1);
    expect(toDays('2000/3/1')).toBe(Date.UTC(2000, 2, 1) / 86_400_000);
    expect(toDays('1970-01-01T12:00')).toBe(0.5);
    expect(toDays('1970-01-01 06:00:00Z')).toBe(0.25);
    expect(toDays('1970-01-02T00:00:00+12:00')).toBe(0.5);
    expect(toDays('1970-01-01T00:00:00.500-00:00')).toBeCloseTo(0.5 / 86400, 12);
  });
  it('refuses impossible and non-ISO dates', () => {
    for (const text of ['2023-02-30', '2023-13-01', '01/02/2023', '2023-1', 'yesterday', '20230101'])
      expect(toDays(text), text).toBeNaN();
  });
});
