/**
 * `layerloom train` on text: a CSV with a text column (classification), a folder of `.txt` files in
 * class folders (classification), or one `.txt` file (language modelling, contiguous 90/5/5 parts).
 * The tokenizer is fitted on the training split by src/data/text, exactly as on the Data page.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { ExportDataSource } from '../compiler/bundle/metadata-schema';
import { parseCsv } from '../data/csv/parse';
import { isDataError } from '../data/errors';
import { DEFAULT_SPLIT } from '../data/split';
import {
  decodeUtf8File,
  LM_DEFAULT_SPLIT,
  prepareLanguageModel,
  prepareTextFolders,
  prepareTextTable,
  type TextDatasetOptions,
  type TokenizerKind,
} from '../data/text';
import type { PreparedDataset } from '../data/types';
import type { DataChoices } from './data-options';
import { withFixHint } from './data-options';
import { folderEntries } from './data';
import { MAX_INPUT_BYTES } from './load';

export const TOKENIZER_KINDS: readonly TokenizerKind[] = ['char', 'word', 'bpe'];

/** `--tokenizer`, `--vocab`, `--seq-len`; left out: the Data page's defaults. */
export interface TextChoices {
  readonly tokenizer?: TokenizerKind;
  readonly vocab?: number;
  readonly seqLen?: number;
}

export type TextSourceKind = 'csv' | 'txt' | 'folder';

/** Whether a path is one text to continue (a `.txt` file). */
export const isTextFile = (path: string): boolean => extname(path).toLowerCase() === '.txt';

/** The tokenizer, sequence length and seed of a text dataset, from the flags (`kind` when --tokenizer is left out). */
export function textOptions(choices: TextChoices, seed: number, name: string, kind: TokenizerKind): TextDatasetOptions {
  return {
    seed,
    name,
    tokenizer: {
      kind: choices.tokenizer ?? kind,
      ...(choices.vocab !== undefined ? { vocabSize: choices.vocab } : {}),
    },
    ...(choices.seqLen !== undefined ? { seqLen: choices.seqLen } : {}),
  };
}

async function readText(path: string): Promise<string> {
  const { size } = await stat(path);
  if (size > MAX_INPUT_BYTES)
    throw new Error(`${path} is ${size} bytes, over the ${MAX_INPUT_BYTES}-byte limit for a text file`);
  return decodeUtf8File(basename(path), new Uint8Array(await readFile(path)));
}

async function prepare(
  path: string,
  source: TextSourceKind,
  label: string | undefined,
  seed: number,
  choices: TextChoices,
  data: DataChoices,
): Promise<{
  dataset: PreparedDataset;
  problems: readonly { severity: string; message: string; fix?: unknown }[];
  csv: ExportDataSource['csv'];
}> {
  const name = basename(path, extname(path));
  if (source === 'txt') {
    const { dataset, report } = prepareLanguageModel(await readText(path), textOptions(choices, seed, name, 'char'));
    return { dataset, problems: report.problems, csv: null };
  }
  if (source === 'folder') {
    const entries = await folderEntries(path);
    const texts = await Promise.all(
      entries.filter((e) => isTextFile(e.path)).map(async (e) => ({ path: e.path, bytes: await e.read() })),
    );
    const { dataset, report } = prepareTextFolders(texts, textOptions(choices, seed, name, 'word'));
    return { dataset, problems: report.problems, csv: null };
  }
  const { size } = await stat(path);
  const parsed = await parseCsv(createReadStream(path), { totalBytes: size, ...data.parse });
  const { dataset, report } = prepareTextTable(parsed, {
    ...textOptions(choices, seed, name, 'word'),
    ...(label ? { labelColumn: label } : {}),
  });
  return {
    dataset,
    problems: report.problems,
    csv: { delimiter: parsed.delimiter, encoding: parsed.encoding, header: parsed.header },
  };
}

/** The text dataset and metadata.json's `data` for it; data problems become messages naming the file. */
export async function loadTextData(
  path: string,
  source: TextSourceKind,
  label: string | undefined,
  seed: number,
  warn: (line: string) => void,
  choices: TextChoices,
  data: DataChoices,
): Promise<{ dataset: PreparedDataset; source: ExportDataSource }> {
  try {
    const { dataset, problems, csv } = await prepare(path, source, label, seed, choices, data);
    for (const p of problems) if (p.severity !== 'info') warn(`${path}: ${p.message}`);
    const lm = dataset.task === 'next-token';
    return {
      dataset,
      source: {
        file: basename(path),
        csv,
        split: {
          rule: lm ? 'contiguous' : 'stratified',
          ratios: lm ? { ...LM_DEFAULT_SPLIT } : { ...DEFAULT_SPLIT },
          seed,
          testRows: null,
        },
      },
    };
  } catch (err) {
    if (isDataError(err)) throw new Error(`${path}: ${withFixHint(err.message, err.fix)}`);
    throw err;
  }
}
