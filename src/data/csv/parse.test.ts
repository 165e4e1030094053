import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../errors';
import { parseCsv } from './parse';
import type { ParsedCsv } from './table';
import { cellText } from './table';

const SPECTRUM = join(process.cwd(), 'node_modules/csv-spectrum');

/** Every data row as an object of cell texts ('' for empty cells), like csv-spectrum's JSON. */
function records(parsed: ParsedCsv): Record<string, string>[] {
  return Array.from({ length: parsed.rowCount }, (_, i) =>
    Object.fromEntries(parsed.columns.map((c) => [c.name, cellText(c, i) ?? ''])),
  );
}

async function failure(promise: Promise<unknown>): Promise<DataError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DataError) return err;
    throw err;
  }
  throw new Error('expected a DataError');
}

describe('csv-spectrum', () => {
  const names = readdirSync(join(SPECTRUM, 'csvs')).map((f) => f.replace(/\.csv$/, ''));

  it('has the fixtures', () => expect(names.length).toBeGreaterThanOrEqual(12));

  for (const name of names) {
    it(`parses ${name}.csv to its JSON`, async () => {
      const bytes = readFileSync(join(SPECTRUM, 'csvs', `${name}.csv`));
      // Only the empty cell is missing here: the fixtures test the parser, not missing-value rules.
      const parsed = await parseCsv(bytes, { missingTokens: [] });
      let expected = JSON.parse(readFileSync(join(SPECTRUM, 'json', `${name}.json`), 'utf8')) as unknown;
      if (name === 'location_coordinates') {
        // This fixture is inconsistent with its CSV in two ways, and we follow the CSV:
        // 1. its JSON is a bare object, where every other fixture has an array of rows;
        // 2. its "Contact Phone Number" is 1234567890 while the CSV says 2095257564 (the JSON was
        //    anonymised, the CSV was not). A parser must report what the file holds.
        // (Both files already carry U+FFFD where degree signs were lost before the fixture was
        // made; that is valid UTF-8, kept as is, and reported as a warning.)
        expect(Array.isArray(expected)).toBe(false);
        const row = expected as Record<string, string>;
        expect(row['Contact Phone Number']).toBe('1234567890');
        expected = [{ ...row, 'Contact Phone Number': '2095257564' }];
        expect(parsed.problems.map((p) => p.code)).toContain('replacement-characters');
      }
      expect(records(parsed)).toEqual(expected);
      expect(parsed.header).toBe(true);
    });
  }
});

describe('parseCsv formats', () => {
  it('detects the delimiter among , ; tab |', async () => {
    for (const d of [',', ';', '\t', '|']) {
      const other = d === ',' ? ';' : ',';
      const parsed = await parseCsv(`a${d}b${d}c\n1${d}x${other}y${d}3\n4${d}5${d}6\n`);
      expect(parsed.delimiter).toBe(d);
      expect(records(parsed)).toEqual([
        { a: '1', b: `x${other}y`, c: '3' },
        { a: '4', b: '5', c: '6' },
      ]);
    }
    expect((await parseCsv('a;b\n1,5;2,5\n3,5;4\n')).delimiter).toBe(';');
    const single = await parseCsv('word\nalpha\nbeta\n');
    expect([single.columns.length, single.rowCount]).toEqual([1, 2]);
    expect(single.problems.map((p) => p.code)).toEqual(['single-column']);
  });

  it('decides whether the first row is a header', async () => {
    const numeric = await parseCsv('1,2\n3,4\n5,6\n');
    expect(numeric.header).toBe(false);
    expect(numeric.columns.map((c) => c.name)).toEqual(['column_1', 'column_2']);
    expect(numeric.rowCount).toBe(3);
    expect((await parseCsv('x,y\n1,2\n3,4\n')).header).toBe(true);
    expect((await parseCsv('name,colour\nann,red\nbob,blue\n')).header).toBe(true);
    expect((await parseCsv('red,small\nblue,large\nred,large\n')).header).toBe(false);
    expect((await parseCsv('x,y\n1,2\n', { header: false })).rowCount).toBe(2);
  });

  it('removes a UTF-8 BOM and reads CRLF, quoted delimiters and quoted newlines', async () => {
    const text = '\uFEFFid;note\r\n1;"a; b"\r\n2;"line one\r\nline two"\r\n';
    const fromBytes = await parseCsv(new TextEncoder().encode(text));
    const fromString = await parseCsv(text);
    for (const parsed of [fromBytes, fromString]) {
      expect(parsed.bom).toBe(true);
      expect(parsed.newline).toBe('\r\n');
      expect(records(parsed)).toEqual([
        { id: '1', note: 'a; b' },
        { id: '2', note: 'line one\r\nline two' },
      ]);
    }
  });

  it('reads strings, bytes, ArrayBuffers, Blobs, ReadableStreams and async iterables alike', async () => {
    const text = 'a,b\n1,x\n2,y\n3,z\n';
    const bytes = new TextEncoder().encode(text);
    async function* pieces() {
      yield bytes.subarray(0, 5);
      yield bytes.subarray(5);
    }
    const inputs = [text, bytes, bytes.buffer.slice(0), new Blob([bytes]), new Blob([bytes]).stream(), pieces()];
    for (const input of inputs)
      expect(records(await parseCsv(input, { chunkBytes: 3 }))).toEqual(records(await parseCsv(text)));
  });

  it('names blank and repeated headers, and says so', async () => {
    const parsed = await parseCsv('a,,a\n1,2,3\n');
    expect(parsed.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'a_2']);
    expect(parsed.problems.map((p) => p.message)).toEqual([
      'column 2 has no name; called it column_2',
      "column 3 repeats the name 'a'; called it a_2",
    ]);
  });

  it('reads missing tokens as missing', async () => {
    const parsed = await parseCsv('x,y\n1,NA\n2,\n3,?\n4,5\n');
    expect(parsed.columns[1]!.missing).toBe(3);
    expect([0, 1, 2, 3].map((i) => cellText(parsed.columns[1]!, i))).toEqual([null, null, null, '5']);
  });

  it('reports progress in bytes for a Blob read in chunks', async () => {
    const text = 'n,s\n' + Array.from({ length: 5000 }, (_, i) => `${i},v${i % 7}`).join('\n');
    const blob = new Blob([text]);
    const seen: { bytesDone: number; totalBytes: number | null }[] = [];
    const parsed = await parseCsv(blob, { chunkBytes: 4096, onProgress: (p) => seen.push(p) });
    expect(parsed.rowCount).toBe(5000);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((p, i) => p.totalBytes === blob.size && (i === 0 || p.bytesDone >= seen[i - 1]!.bytesDone))).toBe(
      true,
    );
    expect(seen.at(-1)!.bytesDone).toBe(blob.size);
  });
});

describe('parseCsv bad input', () => {
  it('refuses an empty file', async () => {
    for (const input of ['', new Uint8Array(0), '\n\n  \n']) {
      const err = await failure(parseCsv(input));
      expect(err.code).toBe('empty-file');
      expect(err.message).toBe('the file is empty. Choose a CSV file with a header and data rows.');
    }
  });

  it('refuses a header with no rows', async () => {
    const err = await failure(parseCsv('a,b,c\n'));
    expect(err.code).toBe('header-only');
    expect(err.message).toBe('the file has a header (a, b, c) but no data rows. Add rows below the header.');
  });

  it('refuses ragged rows, naming them', async () => {
    const rows = [
      'a,b,c,d',
      ...Array.from({ length: 30 }, (_, i) => (i === 15 ? '1,2,3,4,5' : i === 20 ? '1,2,3' : '1,2,3,4')),
    ];
    const err = await failure(parseCsv(rows.join('\n')));
    expect(err.code).toBe('ragged-rows');
    expect(err.message).toMatch(/^row 17 has 5 fields, expected 4 \(1 more row like it: row 22\)\. Fix those rows/);
    expect(err.rows).toEqual([17, 22]);
  });

  it('skips ragged rows on request and lists them', async () => {
    const text = 'a,b\n1,2\n3\n4,5\n6,7,8\n';
    const parsed = await parseCsv(text, { skipBadRows: true });
    expect(records(parsed)).toEqual([
      { a: '1', b: '2' },
      { a: '4', b: '5' },
    ]);
    expect(parsed.badRows).toEqual([
      { row: 3, fields: 1 },
      { row: 5, fields: 3 },
    ]);
    expect(parsed.problems[0]!.message).toBe(
      'skipped 2 rows with the wrong number of fields (expected 2): rows 3 and 5; row 3 has 1 field, expected 2',
    );
  });

  it('refuses an unclosed quote, naming the row it opens on', async () => {
    const err = await failure(parseCsv('a,b\n1,2\n3,"oops\n5,6\n7,8\n'));
    expect(err.code).toBe('unclosed-quote');
    expect(err.row).toBe(3);
    expect(err.message).toBe(
      'row 3 opens a quoted field (") that never closes, so the rest of the file would be read as one value. Close the quote, or double a quote that is part of the text ("").',
    );
  });

  it('stops at an unclosed quote in a long file instead of reading the rest as one value', async () => {
    const body = Array.from({ length: 4000 }, (_, i) => `${i},x`).join('\n');
    let pulled = 0;
    async function* chunks() {
      yield 'a,b\n1,2\n2,"open\n';
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield `${body}\n`;
      }
    }
    const err = await failure(parseCsv(chunks(), { maxRecordChars: 100_000 }));
    expect(err.code).toBe('unclosed-quote');
    expect(err.message).toMatch(/^row 3 opens a quoted field \("\) that is still open 100,000 characters later/);
    expect(pulled).toBeLessThan(10);
  });

  it('refuses a file that is not UTF-8, saying where and what it looks like', async () => {
    const latin1 = Uint8Array.from([
      ...new TextEncoder().encode('name,city\nann,Paris\nbob,Caf'),
      0xe9,
      ...new TextEncoder().encode(' Nord\n'),
    ]);
    const err = await failure(parseCsv(latin1));
    expect(err.code).toBe('not-utf8');
    expect(err.message).toMatch(/^the file is not UTF-8: line 3 has the byte 0xE9 \(at byte 27\)/);
    expect(err.message).toContain('"bob,Café Nord"');
    expect(err.message).toContain('Latin-1/Windows-1252');
    expect(err.message).toContain('save the file as UTF-8');
    const asLatin1 = await parseCsv(latin1, { encoding: 'windows-1252' });
    expect(records(asLatin1)[1]).toEqual({ name: 'bob', city: 'Café Nord' });
  });

  it('finds a bad byte beyond the first chunk', async () => {
    const head = new TextEncoder().encode('a,b\n' + 'é,1\n'.repeat(1000));
    const bytes = Uint8Array.from([...head, 0xff, 0x0a]);
    const err = await failure(parseCsv(bytes, { chunkBytes: 1001 }));
    expect(err.message).toMatch(/^the file is not UTF-8: line 1002 has the byte 0xFF \(at byte 5004\)/);
  });

  it('refuses UTF-16 by name', async () => {
    const err = await failure(parseCsv(Uint8Array.from([0xff, 0xfe, 0x61, 0x00])));
    expect(err.message).toMatch(/^the file is UTF-16/);
  });

  it('refuses a file over the memory budget before reading it', async () => {
    const err = await failure(parseCsv(new Uint8Array(3 * 1024 * 1024), { maxBytes: 1024 * 1024 }));
    expect(err.code).toBe('too-large');
    expect(err.message).toBe(
      'the file is 3.0 MB; the limit is 1.0 MB. Use a sample of the rows, or drop columns you do not need.',
    );
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield new TextEncoder().encode('1,2\n'.repeat(1000));
      }
    }
    const known = await failure(parseCsv(endless(), { maxBytes: 10_000, totalBytes: 1e9 }));
    expect(known.message).toMatch(/^the file is 954 MB; the limit is 9.8 KB/);
    expect(pulled).toBe(0);
    const streaming = await failure(parseCsv(endless(), { maxBytes: 10_000 }));
    expect(streaming.message).toMatch(/^the file is over 11.7 KB; the limit is 9.8 KB/);
    expect(pulled).toBe(3);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const text = 'a,b\n' + '1,2\n'.repeat(50_000);
    const err = await failure(
      parseCsv(new Blob([text]), {
        chunkBytes: 8192,
        signal: controller.signal,
        onProgress: (p) => p.bytesDone > 50_000 && controller.abort(),
      }),
    );
    expect([err.code, err.message]).toEqual(['aborted', 'reading the file was cancelled']);
  });

  it('refuses more than 10,000 columns from the first row, before building them', async () => {
    const wide = `${Array.from({ length: 10_001 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(10_000)}1\n`;
    await expect(parseCsv(wide)).rejects.toMatchObject({
      code: 'too-large',
      row: 1,
      message: expect.stringContaining('the first row has 10,001 fields; Layerloom reads at most 10,000 columns'),
    });
    const widest = `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(9_999)}1\n`;
    expect((await parseCsv(widest)).columns).toHaveLength(10_000);
  });

  it('has a 512 MB default budget', async () => {
    const err = await failure(parseCsv((async function* () {})(), { totalBytes: 600 * 1024 * 1024 }));
    expect(err.message).toMatch(/the file is 600 MB; the limit is 512 MB/);
  });
});
