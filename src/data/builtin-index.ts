/**
 * public/datasets/index.json: what each built-in is (kind, task, columns, classes, licence, how it
 * was made) and the check of each entry field by field, so that a stale or hand-edited index names
 * its fault. Loading the files is builtins.ts's.
 */
import {
  type BuiltinAnchor,
  type BuiltinTokenizer,
  checkAnchor,
  checkTextEntry,
  type TextCorpusInfo,
} from './builtin-text-fields';
import { DataError, type DataErrorCode } from './errors';
import type { Task } from './types';

/** A built-in that cannot be found or read: `bad-option` for an unknown id, `read-failed` otherwise. */
export class BuiltinDatasetError extends DataError {
  constructor(message: string, code: DataErrorCode = 'read-failed') {
    super(code, message);
  }
}

export const REBUILD = 'Rebuild them with `python3 scripts/build-datasets.py`.';

export interface BuiltinCommon {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /**
   * Tabular built-ins may be regression (no classes); image ones are always classification; text
   * ones are classification or `next-token` (a corpus: no classes).
   */
  readonly task: Task;
  readonly files: readonly string[];
  /** Download size of all its files. */
  readonly bytes: number;
  /** Rows of the table or images; for a next-token corpus, its characters. */
  readonly rows: number;
  readonly classes: readonly string[];
  /** Rows per class, in `classes` order. */
  readonly classCounts: readonly number[];
  readonly license: { readonly name: string; readonly url: string; readonly note: string };
  readonly source: { readonly citation: string; readonly url: string; readonly via: string };
  /** How scripts/build-datasets.py made the files from the source. */
  readonly produced: string;
}

export interface TabularBuiltinInfo extends BuiltinCommon {
  readonly kind: 'tabular';
  readonly labelColumn: string;
  readonly ignoreColumns: readonly string[];
  readonly featureColumns: readonly string[];
  readonly missingCells: number;
  /** Columns that take the `id` role (each its own Embedding Input: recommendation); empty for most. */
  readonly idColumns: readonly string[];
  /** A column of train / validation / test: the split the anchor was scored on, used as the split; null if none. */
  readonly splitColumn: string | null;
  /** The reference score of a simple model on the rows of the split column; null if none. */
  readonly anchor: BuiltinAnchor | null;
}

export interface ImageBuiltinInfo extends BuiltinCommon {
  readonly kind: 'image';
  readonly task: Exclude<Task, 'regression'>;
  /** `[height, width, channels]`. */
  readonly inputShape: readonly number[];
}

export interface TextBuiltinInfo extends BuiltinCommon {
  readonly kind: 'text';
  readonly task: 'binary' | 'multiclass' | 'next-token';
  /** The CSV's columns for a classification set; null for a corpus (the file is the text). */
  readonly textColumn: string | null;
  readonly labelColumn: string | null;
  /** A column of train / validation / test, the split the anchor was scored on; null if none. */
  readonly splitColumn: string | null;
  /** The reference score of a simple model on that split; null where there is none. */
  readonly anchor: BuiltinAnchor | null;
  /** The tokenizer the set is meant for (word-language needs subwords); null: the usual default. */
  readonly tokenizer: BuiltinTokenizer | null;
  /** Facts of a next-token corpus; null for a classification set. */
  readonly corpus: TextCorpusInfo | null;
}

/** One entry of public/datasets/index.json. */
export type BuiltinInfo = TabularBuiltinInfo | ImageBuiltinInfo | TextBuiltinInfo;

type Json = Record<string, unknown>;

/** Checks one index entry field by field, so that a stale or hand-edited index.json names its fault. */
function checkEntry(raw: unknown, at: string): BuiltinInfo {
  const fail = (what: string): never => {
    throw new BuiltinDatasetError(`index.json, ${at}: ${what}. ${REBUILD}`);
  };
  if (typeof raw !== 'object' || raw === null) return fail('expected an object');
  const o = raw as Json;
  const str = (k: string, from: Json = o): string =>
    typeof from[k] === 'string' ? (from[k] as string) : fail(`"${k}" should be text`);
  const num = (k: string): number =>
    Number.isInteger(o[k]) && (o[k] as number) >= 0 ? (o[k] as number) : fail(`"${k}" should be a count`);
  const list = <T>(k: string, ok: (v: unknown) => v is T): T[] =>
    Array.isArray(o[k]) && (o[k] as unknown[]).every(ok) ? (o[k] as T[]) : fail(`"${k}" should be a list`);
  const obj = (k: string): Json =>
    typeof o[k] === 'object' && o[k] !== null ? (o[k] as Json) : fail(`"${k}" should be an object`);
  const isText = (v: unknown): v is string => typeof v === 'string';
  const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
  const extraTask = o.kind === 'tabular' ? 'regression' : o.kind === 'text' ? 'next-token' : null;
  const task: Task =
    o.task === 'binary' || o.task === 'multiclass' || (extraTask !== null && o.task === extraTask)
      ? (o.task as Task)
      : fail(`"task" should be binary or multiclass${extraTask ? ` or ${extraTask}` : ''}`);
  const license = obj('license');
  const source = obj('source');
  const common: BuiltinCommon = {
    id: str('id'),
    title: str('title'),
    description: str('description'),
    task,
    files: list('files', isText),
    bytes: num('bytes'),
    rows: num('rows'),
    classes: list('classes', isText),
    classCounts: list('classCounts', isCount),
    license: { name: str('name', license), url: str('url', license), note: str('note', license) },
    source: { citation: str('citation', source), url: str('url', source), via: str('via', source) },
    produced: str('produced'),
  };
  if (common.classCounts.length !== common.classes.length) fail('"classCounts" should have one count per class');
  if (o.kind === 'tabular') {
    return {
      ...common,
      kind: 'tabular',
      labelColumn: str('labelColumn'),
      ignoreColumns: list('ignoreColumns', isText),
      featureColumns: list('featureColumns', isText),
      missingCells: num('missingCells'),
      idColumns: o.idColumns === undefined ? [] : list('idColumns', isText),
      splitColumn: o.splitColumn === undefined || o.splitColumn === null ? null : str('splitColumn'),
      anchor: o.anchor === undefined || o.anchor === null ? null : checkAnchor(o.anchor, fail),
    };
  }
  if (o.kind === 'text') return checkTextEntry(o, common, fail);
  if (o.kind !== 'image') return fail('"kind" should be tabular, image or text');
  const inputShape = list('inputShape', isCount);
  if (inputShape.length !== 3) fail('"inputShape" should be [height, width, channels]');
  if (task === 'regression' || task === 'next-token') return fail('"task" should be binary or multiclass');
  return { ...common, kind: 'image', task, inputShape };
}

/** Reads index.json's text; throws a BuiltinDatasetError that names the entry and field at fault. */
export function parseBuiltinIndex(text: string): BuiltinInfo[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BuiltinDatasetError(`index.json is not valid JSON. ${REBUILD}`);
  }
  const datasets = (raw as Json | null)?.datasets;
  if ((raw as Json | null)?.version !== 1 || !Array.isArray(datasets)) {
    throw new BuiltinDatasetError(`index.json should be {"version": 1, "datasets": [...]}. ${REBUILD}`);
  }
  return datasets.map((entry, i) => checkEntry(entry, `dataset ${i + 1}`));
}
