/**
 * The reading and preparing choices `layerloom data` and `layerloom train` share, named as the
 * Data page names them: --encoding, --delimiter, --header, --number-format, --task and
 * --skip-bad-rows; --text-columns and --id-columns give columns an Input of their own (the column
 * card's roles "Text → its own Input" and "Id → Embedding Input"). Messages that give advice carry a `fix`; `withFixHint` turns it into the flag.
 */
import type { NumberFormat } from '../data/csv/cells';
import { NUMBER_FORMAT_EXAMPLES, NUMBER_FORMATS } from '../data/csv/cells';
import { WHITESPACE } from '../data/csv/whitespace';
import type { DataFix } from '../data/errors';
import type { ParseCsvOptions } from '../data/csv/parse';
import type { ColumnOptions } from '../data/tabular';
import type { Task } from '../data/types';

/** For node:util parseArgs. */
export const DATA_OPTIONS = {
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  header: { type: 'string' },
  'number-format': { type: 'string', multiple: true },
  task: { type: 'string' },
  'skip-bad-rows': { type: 'boolean' },
  'text-columns': { type: 'string' },
  'id-columns': { type: 'string' },
} as const;

export const DATA_OPTIONS_HELP = `Reading the CSV (the Data page has the same settings):
  --encoding NAME       utf-8 (default), windows-1252, utf-16le, … (any name TextDecoder knows)
  --delimiter D         , ; tab | whitespace, or any one character (default: detected)
  --header yes|no|auto  whether the first row holds column names (default auto)
  --number-format F     plain (1234.5), thousands (1,234.5) or decimal-comma (1.234,5) for every
                        numeric column, or COLUMN=F for one; repeatable (default: inferred per column)
  --task T              binary, multiclass or regression (default: inferred from the label)
  --skip-bad-rows       skip rows with the wrong number of fields instead of refusing the file
  --text-columns A,B    these text columns become token ids, each feeding an Input of its own
  --id-columns A,B      these columns become one id each (0 = unseen), each feeding an Embedding
                        Input of its own (recommendation: the user and the item column)`;

const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];
const DELIMITER_WORDS: Record<string, string> = {
  comma: ',',
  semicolon: ';',
  tab: '\t',
  '\\t': '\t',
  pipe: '|',
  space: WHITESPACE,
  whitespace: WHITESPACE,
};

export interface DataChoices {
  readonly parse: Pick<ParseCsvOptions, 'encoding' | 'delimiter' | 'header' | 'skipBadRows'>;
  readonly task?: Task;
  /** Every numeric column's format, unless `columns` names one. */
  readonly numberFormat?: NumberFormat;
  readonly columns: Record<string, ColumnOptions>;
}

type Values = {
  encoding?: string;
  delimiter?: string;
  header?: string;
  'number-format'?: string[];
  task?: string;
  'skip-bad-rows'?: boolean;
  'text-columns'?: string;
  'id-columns'?: string;
};

/** "a, b" → ['a', 'b']; an empty name is refused, naming the flag. */
function columnList(text: string, flag: string): string[] {
  const names = text.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) {
    throw new Error(`${flag}: give column names separated by commas, as in ${flag} user_id,item_id; got '${text}'`);
  }
  return names;
}

function numberFormatOf(text: string, flag: string): NumberFormat {
  const t = text.trim();
  const found = NUMBER_FORMATS.find((f) => f === t || NUMBER_FORMAT_EXAMPLES[f] === t);
  if (!found) {
    const names = NUMBER_FORMATS.map((f) => `${f} (${NUMBER_FORMAT_EXAMPLES[f]})`).join(', ');
    throw new Error(`${flag}: '${text}' is not a number format; use ${names}`);
  }
  return found;
}

/** The choices in parsed flags; a bad value throws a sentence naming the flag. */
export function readDataOptions(values: Values): DataChoices {
  const parse: { -readonly [K in keyof DataChoices['parse']]: DataChoices['parse'][K] } = {};
  if (values.encoding !== undefined) {
    try {
      new TextDecoder(values.encoding);
    } catch {
      throw new Error(
        `--encoding: '${values.encoding}' is not an encoding; use utf-8, windows-1252, utf-16le or utf-16be`,
      );
    }
    parse.encoding = values.encoding;
  }
  if (values.delimiter !== undefined) {
    const d = DELIMITER_WORDS[values.delimiter.toLowerCase()] ?? values.delimiter;
    if (d !== WHITESPACE && (d.length !== 1 || /["\r\n]/.test(d)))
      throw new Error(`--delimiter: use , ; tab | whitespace or one other character; got '${values.delimiter}'`);
    parse.delimiter = d;
  }
  if (values.header !== undefined) {
    const h = { yes: true, no: false, auto: 'auto' as const }[values.header.toLowerCase()];
    if (h === undefined) throw new Error(`--header: use yes, no or auto; got '${values.header}'`);
    parse.header = h;
  }
  if (values['skip-bad-rows']) parse.skipBadRows = true;
  let task: Task | undefined;
  if (values.task !== undefined) {
    if (!TASKS.includes(values.task as Task)) throw new Error(`--task: use ${TASKS.join(', ')}; got '${values.task}'`);
    task = values.task as Task;
  }
  let numberFormat: NumberFormat | undefined;
  const columns: Record<string, ColumnOptions> = {};
  for (const item of values['number-format'] ?? []) {
    const eq = item.lastIndexOf('=');
    if (eq < 0) numberFormat = numberFormatOf(item, '--number-format');
    else
      columns[item.slice(0, eq)] = {
        numberFormat: numberFormatOf(item.slice(eq + 1), `--number-format ${item.slice(0, eq)}`),
      };
  }
  for (const [key, role] of [
    ['text-columns', 'text'],
    ['id-columns', 'id'],
  ] as const) {
    const value = values[key];
    for (const name of value === undefined ? [] : columnList(value, `--${key}`)) {
      const earlier = columns[name]?.role;
      if (earlier !== undefined && earlier !== role) {
        throw new Error(
          `--${key}: '${name}' is already a ${earlier} column (--${earlier}-columns); give each column one role`,
        );
      }
      columns[name] = { ...columns[name], role };
    }
  }
  return { parse, ...(task ? { task } : {}), ...(numberFormat ? { numberFormat } : {}), columns };
}

/** The columns given an Input of their own by --text-columns / --id-columns. */
export function ownInputColumns(choices: DataChoices): string[] {
  return Object.entries(choices.columns)
    .filter(([, c]) => c.role === 'text' || c.role === 'id')
    .map(([name]) => name);
}

/** The flag that applies a problem's fix: "--encoding windows-1252", "--number-format price=FORMAT". */
export function fixFlag(fix: DataFix): string {
  switch (fix.control) {
    case 'skip-bad-rows':
      return '--skip-bad-rows';
    case 'number-format':
      return `--number-format ${fix.column !== undefined ? `'${fix.column}'=` : ''}${fix.value ?? 'thousands|decimal-comma'}`;
    case 'delimiter':
      return `--delimiter ${fix.value ?? "';'"}`;
    default:
      return `--${fix.control} ${fix.value ?? ''}`.trimEnd();
  }
}

/** A message with the flag that follows its advice, when it has one. */
export function withFixHint(message: string, fix: DataFix | undefined): string {
  if (!fix) return message;
  const end = message.endsWith('.') ? '.' : '';
  return `${message.slice(0, message.length - end.length)} (${fixFlag(fix)})${end}`;
}
