/**
 * Messages between the page and the data worker. The parsed CSV and the scanned image bytes stay in
 * the worker; the page gets schemas, previews and summaries, and the prepared dataset with its
 * ArrayBuffers transferred.
 */
import type { DataProblem } from '../data/errors';
import type { ImageScanSummary, SkippedFile, SplitCounts } from '../data/images';
import type { ColumnOptions } from '../data/tabular';
import type { PreparedDataset, Task } from '../data/types';
import type { ColumnOverride, TabularSchema } from '../data/columns';
import type { MissingPolicy, Scaling } from '../data/preprocess';
import type { BuiltinInfo } from '../data/builtins';
import type { ImageResize } from '../data/image-resize';
import type { Coverage, LengthHistogram, TokenView } from '../data/text';

/** How the file is read: changing one re-reads it (the same settings as the CLI's flags). */
export interface CsvReadSettings {
  /** TextDecoder name; left out: UTF-8. */
  readonly encoding?: string;
  /** One character or 'whitespace'; left out: detected. */
  readonly delimiter?: string;
  /** Left out: 'auto'. */
  readonly header?: boolean | 'auto';
  readonly skipBadRows?: boolean;
}

/** What the user chose on the Data page for a CSV: re-sent whole on every edit. */
export interface CsvSettings {
  readonly read?: CsvReadSettings;
  readonly label?: string | null;
  readonly task?: Task;
  readonly columns: Readonly<Record<string, ColumnOverride & ColumnOptions>>;
  readonly missing?: MissingPolicy;
  readonly scaling?: Scaling;
  readonly maxCategories?: number;
  readonly split?: { readonly train: number; readonly validation: number; readonly test: number };
  /** A column of train / validation / test that decides the split instead of `split` (a built-in's). */
  readonly splitColumn?: string;
}

/**
 * How text becomes token ids (a CSV's text column, one .txt file, or class folders of .txt files):
 * what the Data page shows as the text settings, saved with the project, re-sent whole on each edit.
 */
export interface TextSettings {
  /** A CSV only: prepare it as text. Left out: on when the label is categorical and one feature column holds text. */
  readonly useText?: boolean;
  /** A CSV only: the column holding the text (left out: the first feature column typed text). */
  readonly textColumn?: string;
  /** Left out: 'word' for classification, 'char' for one text file. */
  readonly tokenizer?: 'char' | 'word' | 'bpe';
  /** Largest vocabulary, [PAD] and [UNK] included (left out: the tokenizer's default). */
  readonly vocabSize?: number;
  readonly lowercase?: boolean;
  readonly punctuation?: 'split' | 'strip';
  /** Tokens per sample; left out: the 95th percentile of the training texts (64 for one text file). */
  readonly seqLen?: number;
  /** 'end' cuts the end (keeps the start); 'start' keeps the end. */
  readonly truncate?: 'start' | 'end';
}

type SplitName = 'train' | 'validation' | 'test';

/** What the Data page shows about a prepared text dataset. */
export interface TextPreview {
  /** 'table': a CSV's text column; 'folders': class folders of .txt files; 'corpus': one text for language modelling. */
  readonly source: 'table' | 'folders' | 'corpus';
  readonly task: Task;
  readonly tokenizer: 'char' | 'word' | 'bpe';
  readonly lowercase: boolean;
  /** The word tokenizer's punctuation rule; null for others. */
  readonly punctuation: 'split' | 'strip' | null;
  /** Tokens in the fitted vocabulary, [PAD] and [UNK] included. */
  readonly vocabSize: number;
  /** The size asked for (the vocabulary is smaller when the training text has fewer distinct tokens). */
  readonly vocabLimit: number;
  readonly seqLen: number;
  /** Whether seqLen is the automatic choice. */
  readonly seqLenAuto: boolean;
  /** 95th percentile of the training texts' token counts (classification), else null. */
  readonly p95: number | null;
  readonly truncate: 'start' | 'end';
  readonly textColumn: string | null;
  /**
   * Samples to look at, each with its tokens and ids: the first text of each class (up to
   * MAX_SAMPLES, in file order), or the first training window of a text (label null).
   */
  readonly samples: readonly {
    readonly text: string;
    readonly tokens: readonly TokenView[];
    readonly label: string | null;
  }[];
  /** Token counts of the training texts against seqLen (classification), else null. */
  readonly lengths: LengthHistogram | null;
  /** Samples of all splits that lose tokens to truncation. */
  readonly truncated: number;
  /** Of the validation tokens the model reads (padding aside), how many are in the vocabulary. */
  readonly coverage: Coverage | null;
  readonly classes:
    | readonly { readonly name: string; readonly train: number; readonly validation: number; readonly test: number }[]
    | null;
  /** One text file: characters, tokens and windows per contiguous part. */
  readonly corpus: {
    readonly chars: Readonly<Record<SplitName, number>>;
    readonly tokens: Readonly<Record<SplitName, number>>;
    readonly windows: Readonly<Record<SplitName, number>>;
  } | null;
  /** The most frequent tokens (the vocabulary's start, specials left out), for a glance. */
  readonly vocabulary: readonly string[];
}

export interface Histogram {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Counts of equal-width bins between min and max. */
  readonly bins: readonly number[];
}

/** Values of one raw column worth drawing: a histogram of its numbers, its most frequent texts. */
export interface ColumnStats {
  readonly name: string;
  readonly histogram: Histogram | null;
  readonly top: readonly { readonly value: string; readonly count: number }[] | null;
}

export interface CsvView {
  readonly sourceName: string;
  readonly bytes: number;
  readonly rowCount: number;
  readonly header: readonly string[];
  /** The first rows as cell texts ('' where missing), for the preview table. */
  readonly rows: readonly (readonly string[])[];
  readonly stats: readonly ColumnStats[];
  readonly badRowCount: number;
  readonly parseProblems: readonly DataProblem[];
  /** How the file was read: what the Data page's reading settings show as detected. */
  readonly delimiter: string;
  readonly hasHeader: boolean;
  readonly encoding: string;
}

export interface SchemaView {
  readonly schema: TabularSchema;
  /** Rows per class of the current label (classification), else null. */
  readonly classBalance: readonly { readonly name: string; readonly count: number }[] | null;
  /** Numeric columns read with thousands separators or a decimal comma: their histograms in that format. */
  readonly histograms: Readonly<Record<string, Histogram>>;
}

export interface ThumbnailClass {
  readonly label: string;
  readonly images: readonly { readonly path: string; readonly png: Blob }[];
}

export interface ImageBuildOptions {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly fit: 'stretch' | 'center-crop';
  readonly ratios?: { readonly train: number; readonly validation: number; readonly test: number };
}

export interface Progress {
  readonly phase: 'reading' | 'parsing' | 'scanning' | 'decoding' | 'preparing' | 'loading';
  readonly done: number;
  /** null when unknown. */
  readonly total: number | null;
  readonly unit: 'bytes' | 'rows' | 'images';
  /** Rows parsed so far (CSV). */
  readonly rows?: number;
}

export type DataRequest =
  /** `settings.read` says how to read the file. */
  | {
      readonly type: 'parse-csv';
      readonly id: number;
      readonly file: Blob | string;
      readonly name: string;
      readonly settings: CsvSettings;
    }
  | { readonly type: 'infer'; readonly id: number; readonly settings: CsvSettings }
  /** `text`: prepare the table as text with these settings (the text column resolved); null or left out: as a table. */
  | {
      readonly type: 'prepare-csv';
      readonly id: number;
      readonly settings: CsvSettings;
      readonly text?: TextSettings | null;
    }
  /** One .txt file → language modelling. */
  | {
      readonly type: 'load-text';
      readonly id: number;
      readonly file: Blob;
      readonly name: string;
      readonly settings: TextSettings;
    }
  /** The text already loaded (a .txt, text folders, a text built-in) prepared again with other settings. */
  | { readonly type: 'prepare-text'; readonly id: number; readonly settings: TextSettings }
  | {
      readonly type: 'builtin-text';
      readonly id: number;
      readonly baseUrl: string;
      readonly builtinId: string;
      readonly settings: TextSettings;
    }
  /** A ZIP or folder of .txt files is prepared as text with `text` (images are scanned). */
  | {
      readonly type: 'scan-zip';
      readonly id: number;
      readonly file: Blob;
      readonly name: string;
      readonly text?: TextSettings;
    }
  | {
      readonly type: 'scan-folder';
      readonly id: number;
      readonly files: readonly { readonly path: string; readonly file: Blob }[];
      readonly name: string;
      readonly text?: TextSettings;
    }
  | { readonly type: 'build-images'; readonly id: number; readonly options: ImageBuildOptions }
  | { readonly type: 'list-builtins'; readonly id: number; readonly baseUrl: string }
  | { readonly type: 'builtin-csv'; readonly id: number; readonly baseUrl: string; readonly builtinId: string }
  /** `resize`: scale the stored images to the model's size (e.g. the 8×8 digits to 28×28 for a pretrained backbone). */
  | {
      readonly type: 'builtin-images';
      readonly id: number;
      readonly baseUrl: string;
      readonly builtinId: string;
      readonly resize?: ImageResize;
    };

export type DataResult =
  | { readonly kind: 'csv'; readonly view: CsvView; readonly schema: SchemaView; readonly settings: CsvSettings }
  | { readonly kind: 'schema'; readonly schema: SchemaView }
  | {
      readonly kind: 'dataset';
      readonly dataset: PreparedDataset;
      readonly problems: readonly DataProblem[];
      readonly split: readonly SplitCounts[] | null;
      readonly skipped: readonly SkippedFile[];
    }
  | {
      readonly kind: 'text';
      readonly dataset: PreparedDataset;
      readonly preview: TextPreview;
      readonly problems: readonly DataProblem[];
      readonly skipped: readonly SkippedFile[];
    }
  | { readonly kind: 'image-scan'; readonly summary: ImageScanSummary; readonly thumbnails: readonly ThumbnailClass[] }
  | { readonly kind: 'builtins'; readonly list: readonly BuiltinInfo[] };

export type DataResponse =
  | { readonly type: 'progress'; readonly id: number; readonly progress: Progress }
  | { readonly type: 'done'; readonly id: number; readonly result: DataResult }
  /** A problem with the input: `problem` carries the core's message verbatim. */
  | {
      readonly type: 'failed';
      readonly id: number;
      readonly problem: DataProblem;
      readonly skipped?: readonly SkippedFile[];
    };

export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}
