/**
 * The small CSV inputs of the robustness cases (issue 14): number formats, numeric headers,
 * infinities, odd delimiters and encodings, panel data. Each function returns the file's exact
 * bytes and is deterministic (seeded from src/data/random), so the committed files under
 * test-fixtures/robustness/ can be rebuilt byte for byte by scripts/robustness-fixtures.ts.
 */
import { mulberry32 } from '../data/random';

const utf8 = (text: string) => new TextEncoder().encode(text);
const lines = (rows: readonly string[]) => utf8(`${rows.join('\n')}\n`);

/** Comma file: "1,500", "996" and "12,345.50" quoted in one column; a column of "12,345.67" values. */
export function thousandsCsv(): Uint8Array {
  const amount = [
    '"1,500"',
    '"996"',
    '"12,345.50"',
    '"2,000"',
    '"750"',
    '"1,234,567"',
    '"3,100.25"',
    '"48"',
    '"10,000"',
    '"5,005"',
    '"999.5"',
    '"6,250"',
  ];
  const total = [
    '"12,345.67"',
    '"1,000.00"',
    '"9,876.54"',
    '"2,500.10"',
    '"100,200.30"',
    '"4,321.00"',
    '"7,777.77"',
    '"1,001.01"',
    '"65,432.10"',
    '"3,333.33"',
    '"8,000.80"',
    '"22,222.22"',
  ];
  return lines(['amount,total,label', ...amount.map((a, i) => `${a},${total[i]},${i % 3 === 0 ? 'b' : 'a'}`)]);
}

/** Semicolon file with European numbers: "1.234,5" (thousands point, decimal comma). */
export function thousandsDecimalCommaCsv(): Uint8Array {
  const price = [
    '1.234,5',
    '987,25',
    '12.345,75',
    '3,5',
    '1.000.000,01',
    '45,0',
    '2.500,5',
    '8.765,43',
    '10,1',
    '6.543,21',
  ];
  return lines(['price;qty;label', ...price.map((p, i) => `${p};${(i * 7) % 11};${i % 2 === 0 ? 'x' : 'y'}`)]);
}

/** Semicolon file whose `amount` is only "d,ddd": 1234 (thousands comma) or 1.234 (decimal comma). */
export function ambiguousNumberFormatCsv(): Uint8Array {
  const amount = ['1,234', '5,678', '2,345', '9,876', '3,141', '7,007', '4,500', '6,125', '8,250', '1,999'];
  return lines(['amount;count;label', ...amount.map((a, i) => `${a};${i + 1};${i % 2 === 0 ? 'x' : 'y'}`)]);
}

/** Like statsmodels' fertility.csv: the years 1960…1970 are column names; some cells are empty. */
export function numericHeaderCsv(): Uint8Array {
  const rng = mulberry32(1960);
  const years = Array.from({ length: 11 }, (_, i) => String(1960 + i));
  const rows = ['Country Name,Country Code,' + years.join(',')];
  for (let c = 0; c < 30; c++) {
    const code = String.fromCharCode(65 + (c % 26), 65 + ((c * 7) % 26), 65 + ((c * 11) % 26));
    let rate = 2 + rng() * 5;
    const cells = years.map(() => {
      rate = Math.max(1.1, rate - rng() * 0.15);
      return rng() < 0.08 ? '' : rate.toFixed(3);
    });
    rows.push([`Country ${c + 1}`, code, ...cells].join(','));
  }
  return lines(rows);
}

/** Where inf-cells.csv holds its non-finite cells (1-based data rows; file line = row + 1). */
export const INF_CELLS = { target: { 17: 'Inf', 120: '-inf', 233: '1e309' }, feature: { 58: 'inf' } } as const;

/** 300 rows: a float `target` with `Inf`, `-inf`, `1e309` in three cells; feature x1 has one `inf`. */
export function infCellsCsv(): Uint8Array {
  const rng = mulberry32(309);
  const rows = ['x1,x2,target'];
  for (let r = 1; r <= 300; r++) {
    const x1 = (INF_CELLS.feature as Record<number, string>)[r] ?? (rng() * 10).toFixed(4);
    const x2 = (rng() * 100 - 50).toFixed(3);
    const target = (INF_CELLS.target as Record<number, string>)[r] ?? (rng() * 1000).toFixed(5);
    rows.push(`${x1},${x2},${target}`);
  }
  return lines(rows);
}

/** statsmodels' spector layout: space-separated, columns aligned with runs of spaces, GRADE last. */
export function whitespaceDelimitedCsv(): Uint8Array {
  const rng = mulberry32(32);
  const cols = ['OBS', 'GPA', 'TUCE', 'PSI', 'GRADE'];
  const cell = (v: string) => v.padStart(8);
  const rows = [cols.map(cell).join('')];
  for (let i = 1; i <= 32; i++) {
    const gpa = 2 + rng() * 2;
    const psi = rng() < 0.45 ? 1 : 0;
    const grade = gpa + psi * 0.5 + rng() > 3.6 ? 1 : 0;
    rows.push(
      [String(i), gpa.toFixed(2), String(12 + Math.floor(rng() * 18)), String(psi), String(grade)].map(cell).join(''),
    );
  }
  return lines(rows);
}

/** UTF-16LE bytes with no byte-order mark: every ASCII character followed by a NUL. */
export function utf16leNoBomCsv(): Uint8Array {
  const text =
    ['a,b,label', ...Array.from({ length: 12 }, (_, i) => `${i},${(i * 3) % 7},${i % 2 ? 'yes' : 'no'}`)].join('\n') +
    '\n';
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) out[i * 2] = text.charCodeAt(i); // ASCII only: high byte 0
  return out;
}

/** A column named `label` whose cells are all empty, beside two numeric features. */
export function emptyLabelCsv(): Uint8Array {
  return lines(['x1,x2,label', ...Array.from({ length: 20 }, (_, i) => `${i},${(i * 13) % 17},`)]);
}

export const GRUNFELD_FIRMS = [
  'General Motors',
  'US Steel',
  'General Electric',
  'Chrysler',
  'Atlantic Refining',
  'IBM',
  'Union Oil',
  'Westinghouse',
  'Goodyear',
  'Diamond Match',
  'American Steel',
] as const;

/** Grunfeld's panel layout: invest,value,capital,firm,year for 11 firms × 1935–1954 (220 rows). */
export function grunfeldLikeCsv(): Uint8Array {
  const rng = mulberry32(1935);
  const rows = ['invest,value,capital,firm,year'];
  GRUNFELD_FIRMS.forEach((firm, f) => {
    const scale = 10 ** (2.5 - f * 0.2);
    let value = scale * (8 + rng() * 4);
    let capital = scale * (0.5 + rng());
    for (let year = 1935; year <= 1954; year++) {
      value *= 0.9 + rng() * 0.25;
      capital *= 1 + rng() * 0.12;
      const invest = 0.1 * value + 0.3 * capital + (rng() - 0.5) * scale;
      rows.push(`${Math.max(0.5, invest).toFixed(2)},${value.toFixed(1)},${capital.toFixed(1)},${firm},${year}`);
    }
  });
  return lines(rows);
}

/** Longley's layout: 16 rows of TOTEMP,GNPDEFL,GNP,UNEMP,ARMED,POP,YEAR with YEAR 1947–1962. */
export function longleyLikeCsv(): Uint8Array {
  const rng = mulberry32(1947);
  const rows = ['TOTEMP,GNPDEFL,GNP,UNEMP,ARMED,POP,YEAR'];
  for (let i = 0; i < 16; i++) {
    const gnp = 234289 + i * 17000 + rng() * 5000;
    rows.push(
      [
        60323 + i * 500 + Math.round(rng() * 800),
        (83 + i * 2.1 + rng()).toFixed(1),
        gnp.toFixed(0),
        (2356 + rng() * 2500).toFixed(0),
        (1590 + rng() * 1500).toFixed(0),
        (107608 + i * 2200 + rng() * 300).toFixed(0),
        1947 + i,
      ].join(','),
    );
  }
  return lines(rows);
}

/** Rows 4 and 8 (1-based data rows) carry one and two extra fields. */
export function badRowsCsv(): Uint8Array {
  const rows = ['x1,x2,label'];
  for (let r = 1; r <= 10; r++)
    rows.push(
      r === 4 ? `${r},${r * 2},a,extra` : r === 8 ? `${r},${r * 2},b,extra,more` : `${r},${r * 2},${r % 2 ? 'a' : 'b'}`,
    );
  return lines(rows);
}

/** windows-1252 text: é is the single byte 0xE9 (invalid as UTF-8). */
export function windows1252Csv(): Uint8Array {
  const text =
    [
      'name,city,score,label',
      'José,Montréal,3.5,yes',
      'Renée,Québec,2.0,no',
      'André,Orléans,4.25,yes',
      'Zoé,Besançon,1.75,no',
      'Hélène,Nîmes,3.0,yes',
      'Noël,Évry,2.5,no',
    ].join('\n') + '\n';
  // Every character here is Latin-1, where windows-1252 and ISO-8859-1 agree: one byte per character.
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}
