/**
 * The data worker's text side, as plain functions the tests call directly: which of the three
 * text sources a file is, preparing it with the Data page's text settings, and what the page shows
 * about the result (a sample of each class with its tokens, the length histogram, vocabulary coverage).
 */
import type { ParsedCsv } from '../data/tabular';
import { cellText } from '../data/csv/table';
import { DataError } from '../data/errors';
import type { SkippedFile } from '../data/images';
import { extensionOf, formatFromExtension } from '../data/images/formats';
import type { SplitRatios } from '../data/split';
import type { TextFileEntry, TextReport, TokenizerOptions, TextTransform } from '../data/text';
import {
  DEFAULT_VOCAB_SIZE,
  decodeIds,
  decodeUtf8File,
  lengthHistogram,
  percentileLength,
  prepareLanguageModel,
  prepareTextFolders,
  prepareTextTable,
  tokenView,
} from '../data/text';
import type { LanguageModelReport } from '../data/text';
import type { PreparedDataset } from '../data/types';
import type { CsvSettings, TextPreview, TextSettings } from './data-protocol';

/** The text the worker holds between edits, so a settings change re-prepares without re-reading. */
export type TextSource =
  | {
      readonly kind: 'table';
      readonly parsed: ParsedCsv;
      readonly csv: CsvSettings;
      readonly name: string;
      readonly id: string;
      readonly splitColumn?: string | null;
    }
  | { readonly kind: 'folders'; readonly entries: readonly TextFileEntry[]; readonly name: string; readonly id: string }
  | {
      readonly kind: 'corpus';
      readonly text: string;
      readonly name: string;
      readonly id: string;
      readonly split?: SplitRatios;
    };

/** Largest single text file read (held as a string, then as token ids). */
export const MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024;
/** Vocabulary tokens listed in the preview. */
const VOCABULARY_SHOWN = 80;

export function tokenizerOptions(settings: TextSettings, fallback: 'char' | 'word'): TokenizerOptions {
  return {
    kind: settings.tokenizer ?? fallback,
    ...(settings.vocabSize !== undefined ? { vocabSize: settings.vocabSize } : {}),
    ...(settings.lowercase !== undefined ? { lowercase: settings.lowercase } : {}),
    ...(settings.punctuation !== undefined ? { punctuation: settings.punctuation } : {}),
  };
}

/** A .txt file's bytes as text: UTF-8 only, not empty, not too large, each with a sentence that says what to do. */
export function decodeTextFile(name: string, bytes: Uint8Array): string {
  if (bytes.length > MAX_TEXT_FILE_BYTES) {
    throw new DataError(
      'too-large',
      `'${name}' is ${(bytes.length / 1024 / 1024).toFixed(0)} MB, over the ${MAX_TEXT_FILE_BYTES / 1024 / 1024} MB a text file may have here; use a shorter part of it`,
    );
  }
  if (bytes.length === 0) {
    throw new DataError(
      'no-features',
      `'${name}' is empty (0 bytes); choose a text file with the writing the model should learn from`,
    );
  }
  return decodeUtf8File(name, bytes);
}

/**
 * What a ZIP or folder holds: text files (by extension), images, or a mix (refused with the counts).
 * A .txt beside the top folders (a README) does not count: it belongs to no class.
 */
export function archiveKind(paths: readonly string[]): 'text' | 'images' {
  let text = 0;
  let images = 0;
  const folders = paths.map((p) => p.split('/').filter(Boolean).slice(0, -1));
  let common = folders[0]?.length ?? 0;
  for (const f of folders) {
    while (common > 0 && f.slice(0, common).join('/') !== folders[0]!.slice(0, common).join('/')) common--;
  }
  for (const [i, p] of paths.entries()) {
    if (extensionOf(p) === 'txt') {
      if (folders[i]!.length > common || paths.every((q) => extensionOf(q) === 'txt')) text++;
    } else if (formatFromExtension(p) !== null) images++;
  }
  if (text > 0 && images > 0) {
    throw new DataError(
      'bad-option',
      `this holds both text files (${text} .txt) and images (${images}); a dataset is one or the other. Put the .txt files and the images in separate ZIPs or folders and load one.`,
    );
  }
  return text > 0 ? 'text' : 'images';
}

const sum = (r: Readonly<Record<'train' | 'validation' | 'test', number>>) => r.train + r.validation + r.test;

/** Of the validation ids the model reads, padding aside, how many the vocabulary knows. */
export function idCoverage(x: Float32Array, transform: TextTransform): TextPreview['coverage'] {
  let tokens = 0;
  let known = 0;
  for (const id of x) {
    if (id === transform.tokenizer.padId) continue;
    tokens++;
    if (id !== transform.tokenizer.unkId) known++;
  }
  return tokens === 0 ? null : { tokens, known, fraction: known / tokens };
}

function basePreview(dataset: PreparedDataset, settings: TextSettings, source: TextPreview['source']) {
  const t = dataset.transform as TextTransform;
  const tok = t.tokenizer;
  return {
    source,
    task: dataset.task,
    tokenizer: tok.kind,
    lowercase: tok.lowercase,
    punctuation: tok.kind === 'word' ? tok.punctuation : null,
    vocabSize: tok.vocab.length,
    vocabLimit: settings.vocabSize ?? DEFAULT_VOCAB_SIZE[tok.kind],
    seqLen: t.seqLen,
    seqLenAuto: settings.seqLen === undefined,
    truncate: t.truncate,
    textColumn: t.textColumn,
    coverage: idCoverage(dataset.validation.x, t),
    vocabulary: tok.vocab.slice(2, 2 + VOCABULARY_SHOWN),
  };
}

function classifiedPreview(
  dataset: PreparedDataset,
  report: TextReport,
  settings: TextSettings,
  source: 'table' | 'folders',
  samples: readonly { text: string; label: string | null }[],
): TextPreview {
  const t = dataset.transform as TextTransform;
  return {
    ...basePreview(dataset, settings, source),
    p95: percentileLength(report.trainLengths, 0.95),
    samples: samples.map((x) => ({ ...x, tokens: tokenView(t.tokenizer, x.text) })),
    lengths: lengthHistogram(report.trainLengths, t.seqLen, 24),
    truncated: sum(report.truncated),
    classes: report.classes,
    corpus: null,
  };
}

function corpusPreview(dataset: PreparedDataset, report: LanguageModelReport, settings: TextSettings): TextPreview {
  const t = dataset.transform as TextTransform;
  const ids = Array.from(dataset.train.x.subarray(0, t.seqLen));
  const tokens = ids.map((id) => ({ id, text: t.tokenizer.vocab[id] ?? '', known: id !== t.tokenizer.unkId }));
  return {
    ...basePreview(dataset, settings, 'corpus'),
    p95: null,
    samples: ids.length > 0 ? [{ text: decodeIds(t.tokenizer, ids), tokens, label: null }] : [],
    lengths: null,
    truncated: 0,
    classes: null,
    corpus: { chars: report.chars, tokens: report.tokens, windows: report.windows },
  };
}

/**
 * Whether a column holds single words (four in five of its first 200 texts have no space): then
 * each text would be one word token, unseen words all [UNK]; characters are the default instead.
 */
export function singleWords(parsed: ParsedCsv, textColumn: string | undefined): boolean {
  const column = parsed.columns.find((c) => c.name === textColumn);
  if (!column) return false;
  let texts = 0;
  let single = 0;
  for (let r = 0; r < parsed.rowCount && texts < 200; r++) {
    const t = (cellText(column, r) ?? '').trim();
    if (t === '') continue;
    texts++;
    if (!/\s/.test(t)) single++;
  }
  return texts > 0 && single >= 0.8 * texts;
}

/** Samples shown: one per class, in the order the classes first appear. */
export const MAX_SAMPLES = 8;

/** The first non-empty text of each class in the table, for the token preview. */
function tableSamples(parsed: ParsedCsv, textColumn: string | null, labelColumn: string | null) {
  const text = parsed.columns.find((c) => c.name === textColumn);
  const label = parsed.columns.find((c) => c.name === labelColumn);
  const out = new Map<string, { text: string; label: string | null }>();
  if (!text) return [];
  for (let r = 0; r < parsed.rowCount && out.size < MAX_SAMPLES; r++) {
    const t = cellText(text, r) ?? '';
    const l = label ? (cellText(label, r) ?? '') : '';
    if (t.trim() !== '' && !out.has(l)) out.set(l, { text: t, label: label ? l : null });
  }
  return [...out.values()];
}

/** The first file (in path order) of each class folder. */
function folderSamples(entries: readonly TextFileEntry[]) {
  const files = entries
    .filter((e) => extensionOf(e.path) === 'txt' && e.path.includes('/'))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const out = new Map<string, { text: string; label: string | null }>();
  for (const f of files) {
    if (out.size >= MAX_SAMPLES) break;
    const parts = f.path.split('/');
    const label = parts[parts.length - 2]!;
    if (!out.has(label)) out.set(label, { text: decodeUtf8File(f.path, f.bytes), label });
  }
  return [...out.values()];
}

export interface PreparedText {
  readonly dataset: PreparedDataset;
  readonly preview: TextPreview;
  readonly problems: TextReport['problems'];
  readonly skipped: readonly SkippedFile[];
}

/** Prepares the held text with the page's settings: the tokenizer is fitted on the training split alone. */
export function prepareTextSource(source: TextSource, settings: TextSettings): PreparedText {
  const common = {
    ...(settings.seqLen !== undefined ? { seqLen: settings.seqLen } : {}),
    ...(settings.truncate ? { truncate: settings.truncate } : {}),
    id: source.id,
    name: source.name,
  };
  if (source.kind === 'corpus') {
    const { dataset, report } = prepareLanguageModel(source.text, {
      ...common,
      tokenizer: tokenizerOptions(settings, 'char'),
      ...(source.split ? { split: source.split } : {}),
    });
    return { dataset, preview: corpusPreview(dataset, report, settings), problems: report.problems, skipped: [] };
  }
  if (source.kind === 'folders') {
    const { dataset, report } = prepareTextFolders(source.entries, {
      ...common,
      tokenizer: tokenizerOptions(settings, 'word'),
    });
    const preview = classifiedPreview(dataset, report, settings, 'folders', folderSamples(source.entries));
    return { dataset, preview, problems: report.problems, skipped: [] };
  }
  const { csv, parsed } = source;
  const { dataset, report } = prepareTextTable(parsed, {
    ...common,
    tokenizer: tokenizerOptions(settings, singleWords(parsed, settings.textColumn) ? 'char' : 'word'),
    ...(settings.textColumn ? { textColumn: settings.textColumn } : {}),
    ...(csv.label ? { labelColumn: csv.label } : {}),
    ...(source.splitColumn !== undefined ? { splitColumn: source.splitColumn } : {}),
    ...(csv.split ? { split: csv.split } : {}),
  });
  const t = dataset.transform as TextTransform;
  const samples = tableSamples(parsed, t.textColumn, t.label?.column ?? null);
  return {
    dataset,
    preview: classifiedPreview(dataset, report, settings, 'table', samples),
    problems: report.problems,
    skipped: [],
  };
}

/** A corpus's contiguous ranges as ratios: the one definition lives with the built-ins. */
export { corpusRatios } from '../data/builtins';
