/**
 * `parseCsv`: any CSV input → a column-wise `ParsedCsv`, streamed chunk by chunk through
 * papaparse (so a large file is never held as one string), with progress and clear errors.
 */
import Papa from 'papaparse';
import type { DataProblem } from '../errors';
import { DataError, plural } from '../errors';
import { DEFAULT_MISSING_TOKENS, missingTest } from './cells';
import { detectDelimiter } from './delimiter';
import { EMPTY_FILE, RowIngest } from './ingest';
import { WHITESPACE, WhitespaceFields } from './whitespace';
import type { CsvInput, SourceOptions } from './source';
import { textChunks } from './source';
import type { ParsedCsv } from './table';

export interface ParseProgress {
  readonly bytesDone: number;
  /** null when the size of a stream input is not known. */
  readonly totalBytes: number | null;
  /** Records read so far. */
  readonly rows: number;
}

export interface ParseCsvOptions extends SourceOptions {
  /** One character, or `WHITESPACE` (runs of spaces or tabs); left out, it is detected. */
  readonly delimiter?: string;
  /** Whether the first record holds column names; 'auto' (default) decides from the data. */
  readonly header?: boolean | 'auto';
  /** Skip rows with the wrong number of fields (listed in the result) instead of refusing the file. */
  readonly skipBadRows?: boolean;
  /** Cells read as missing (trimmed, any case); default `DEFAULT_MISSING_TOKENS`. */
  readonly missingTokens?: readonly string[];
  /** How many data rows to keep as a preview (default 20). */
  readonly previewRows?: number;
  /** A record longer than this many characters stops the parse (an unclosed quote; default 16 M). */
  readonly maxRecordChars?: number;
  readonly onProgress?: (progress: ParseProgress) => void;
}

const DEFAULT_MAX_RECORD = 16 * 1024 * 1024;
/** Characters handed to papaparse at a time: its rows are then still in the CPU cache when the columns read them. */
export const PIECE_CHARS = 64 * 1024;

/** The minimal Node-style readable papaparse streams from: we push decoded text into it. */
class PushSource {
  readonly readable = true;
  private listeners = new Map<string, (chunk?: string) => void>();
  read(): void {}
  pause(): void {}
  resume(): void {}
  on(event: string, listener: (chunk?: string) => void): void {
    this.listeners.set(event, listener);
  }
  removeListener(event: string): void {
    this.listeners.delete(event);
  }
  push(text: string): void {
    this.listeners.get('data')?.(text);
  }
  end(): void {
    this.listeners.get('end')?.();
  }
}

export async function parseCsv(input: CsvInput, options: ParseCsvOptions = {}): Promise<ParsedCsv> {
  const delimiter = options.delimiter;
  if (delimiter !== undefined && delimiter !== WHITESPACE && (delimiter.length !== 1 || /["\r\n]/.test(delimiter))) {
    throw new DataError(
      'bad-option',
      `the delimiter must be one character other than a quote or a line break, or ${WHITESPACE}; got ${JSON.stringify(delimiter)}`,
    );
  }
  const missingTokens = options.missingTokens ?? DEFAULT_MISSING_TOKENS;
  const maxRecord = options.maxRecordChars ?? DEFAULT_MAX_RECORD;
  const { stats, chunks } = textChunks(input, options);

  let charsFed = 0;
  let received = 0;
  let cursor = 0;
  let failure: unknown = null;
  let meta: Papa.ParseMeta | null = null;
  const invalidQuoteRows: number[] = [];
  const ingest = new RowIngest({
    header: options.header ?? 'auto',
    skipBadRows: options.skipBadRows ?? false,
    previewRows: options.previewRows ?? 20,
    isMissing: missingTest(missingTokens),
    capacityHint: (rowsSoFar) => {
      // Rows in the file ≈ rows so far × (size of the file / characters read so far).
      const total = stats.totalBytes;
      if (!total || charsFed === 0) return 1024;
      return Math.ceil(rowsSoFar * Math.max(1, total / charsFed) * 1.02) + 16;
    },
  });

  const source = new PushSource();
  let chosen = delimiter ?? null;
  let aligned: WhitespaceFields | null = null;
  let started = false;
  const start = (sample: string) => {
    chosen ??= detectDelimiter(sample) ?? ',';
    if (chosen === WHITESPACE) aligned = new WhitespaceFields(maxRecord);
    Papa.parse<string[]>(source as unknown as Papa.LocalFile, {
      delimiter: aligned ? '\t' : chosen,
      header: false,
      chunk: (results) => {
        if (failure) return;
        try {
          meta = results.meta;
          for (const e of results.errors) {
            const row = received + (e.row ?? 0) + 1;
            if (e.code === 'MissingQuotes') throw unclosedQuote(row);
            if (e.code === 'InvalidQuotes' && invalidQuoteRows.length < 1000) invalidQuoteRows.push(row);
          }
          ingest.add(results.data);
          received += results.data.length;
          cursor = results.meta.cursor;
        } catch (err) {
          failure = err;
        }
      },
      error: (err: Error) => {
        failure ??= err;
      },
      complete: () => {},
    });
  };

  const pendingTexts: { start: number; text: string }[] = [];
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += PIECE_CHARS) {
      let text = chunk.slice(at, at + PIECE_CHARS);
      if (!started) {
        started = true;
        start(text);
      }
      if (aligned) text = (aligned as WhitespaceFields).push(text);
      pendingTexts.push({ start: charsFed, text });
      charsFed += text.length;
      source.push(text);
      if (failure) throw failure;
      // A record still open after maxRecord characters: parsing on would rescan it at every piece.
      while (pendingTexts.length > 1 && pendingTexts[0]!.start + pendingTexts[0]!.text.length <= cursor)
        pendingTexts.shift();
      if (charsFed - cursor > maxRecord) {
        throw quoteNear(pendingTexts, cursor) >= 0
          ? unclosedQuote(received + 1, maxRecord)
          : recordTooLong(received + 1, maxRecord);
      }
    }
    options.onProgress?.({ bytesDone: stats.bytesDone, totalBytes: stats.totalBytes, rows: received });
  }
  const last = aligned ? (aligned as WhitespaceFields).flush() : '';
  if (last !== '') {
    charsFed += last.length;
    source.push(last);
  }
  source.end();
  if (failure) throw failure;
  if (charsFed === 0 || received === 0) {
    throw new DataError('empty-file', EMPTY_FILE);
  }
  const done = ingest.finish();
  options.onProgress?.({ bytesDone: stats.bytesDone, totalBytes: stats.totalBytes, rows: received });

  const m = meta as Papa.ParseMeta | null;
  const problems: DataProblem[] = [...done.problems];
  if (invalidQuoteRows.length > 0) {
    problems.push({
      severity: 'warning',
      code: 'invalid-quotes',
      message: `${plural(invalidQuoteRows.length, 'row')} (first: row ${invalidQuoteRows[0]}) ${invalidQuoteRows.length === 1 ? 'has' : 'have'} a quoted field with text after its closing quote; the text was kept`,
      row: invalidQuoteRows[0]!,
    });
  }
  if (done.columns.length === 1 && delimiter === undefined) {
    problems.push({
      severity: 'info',
      code: 'single-column',
      message: `found a single column: no , ; tab, | or run of spaces separates the fields. If the file uses another delimiter, choose it.`,
      fix: { control: 'delimiter' },
    });
  }
  if (stats.replacementChars > 0) {
    problems.push({
      severity: 'warning',
      code: 'replacement-characters',
      message:
        `the file contains ${plural(stats.replacementChars, '"\uFFFD" replacement character')} (first on line ${stats.replacementLine}): ` +
        `some characters were lost before this file was saved, in an earlier encoding conversion. Check those values in the original source.`,
      row: stats.replacementLine,
    });
  }
  return {
    columns: done.columns,
    rowCount: done.columns[0]?.length ?? 0,
    header: done.header,
    delimiter: aligned ? WHITESPACE : (m?.delimiter ?? chosen ?? ','),
    newline: m?.linebreak ?? '\n',
    bom: stats.bom,
    encoding: options.encoding ?? 'utf-8',
    bytes: stats.bytesDone,
    preview: ingest.preview,
    skippedRows: ingest.skippedRows,
    badRows: ingest.badRows,
    badRowCount: ingest.badRowCount,
    missingTokens,
    problems,
  };
}

function unclosedQuote(row: number, afterChars?: number): DataError {
  const where = afterChars ? `is still open ${plural(afterChars, 'character')} later` : 'never closes';
  return new DataError(
    'unclosed-quote',
    `row ${row} opens a quoted field (") that ${where}, so the rest of the file would be read as one value. ` +
      `Close the quote, or double a quote that is part of the text ("").`,
    { row },
  );
}

function recordTooLong(row: number, chars: number): DataError {
  return new DataError(
    'unclosed-quote',
    `row ${row} is longer than ${plural(chars, 'character')} without a line break; is this a CSV file? Check its line endings.`,
    { row },
  );
}

/** Index (absolute) of the first quote in the text after `cursor`, looking at the first 64 K characters. */
function quoteNear(texts: readonly { start: number; text: string }[], cursor: number): number {
  let budget = 65_536;
  for (const { start, text } of texts) {
    const from = Math.max(0, cursor - start);
    if (from >= text.length) continue;
    const window = text.slice(from, from + budget);
    const i = window.indexOf('"');
    if (i >= 0) return start + from + i;
    budget -= window.length;
    if (budget <= 0) break;
  }
  return -1;
}
