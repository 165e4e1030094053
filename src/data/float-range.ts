/**
 * Training runs on 32-bit floats: a value beyond ±3.4e38 would become ±Infinity in the dataset and
 * every loss NaN. Such values are refused up front, naming the column, the row and the value.
 */
import type { NumberFormat } from './csv/cells';
import { numberReader } from './csv/cells';
import { fileRow, type ParsedCsv, type RawColumn } from './csv/table';
import { DataError } from './errors';

export const FLOAT32_MAX = 3.4028234663852886e38;

/** The first data row whose value lies beyond the float32 range, or -1. */
function firstOutOfRange(column: RawColumn, format: NumberFormat): number {
  switch (column.kind) {
    case 'numbers': {
      const values = column.numbers;
      for (let i = 0; i < values.length; i++) if (Math.abs(values[i]!) > FLOAT32_MAX) return i;
      return -1;
    }
    case 'dictionary': {
      const read = numberReader(format);
      let first = -1;
      column.values.forEach((text, k) => {
        if (Math.abs(read(text)) > FLOAT32_MAX && (first < 0 || column.firstIndex[k]! < first)) first = column.firstIndex[k]!;
      });
      return first;
    }
    case 'strings':
      return -1;
  }
}

function cellOf(column: RawColumn, index: number): string {
  if (column.kind === 'numbers') return String(column.numbers[index]);
  if (column.kind === 'dictionary') return column.values[column.codes[index]!] ?? '';
  return column.strings[index] ?? '';
}

export function checkFloat32Range(parsed: Pick<ParsedCsv, 'header' | 'skippedRows'>, column: RawColumn, name: string, format: NumberFormat = 'plain'): void {
  const index = firstOutOfRange(column, format);
  if (index < 0) return;
  const text = cellOf(column, index);
  throw new DataError(
    'out-of-range',
    `column '${name.length > 60 ? `${name.slice(0, 60)}…` : name}', row ${fileRow(parsed, index)}: ${text.length > 40 ? `${text.slice(0, 40)}…` : text} is beyond ±3.4e38, the range of the 32-bit numbers training uses; rescale the column (for example change its unit), fix the value, or ignore the column`,
    { column: name, row: fileRow(parsed, index) },
  );
}
